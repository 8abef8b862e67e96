package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/limits"
)

// TestBrokenUIStrings: a broken UI string fails check, build and i18n
// status at once, at its position, whether or not a page needs it; the
// build writes nothing.
func TestBrokenUIStrings(t *testing.T) {
	tests := []struct {
		name string
		file string // written into the site
		text string
		want string
		nl   string // locales/nl.yaml, when not ""
	}{
		{"missing plural form", "locales/nl.yaml",
			"# comment\ntranslation_progress:\n  other: \"Ongeveer {{.Percent}}% vertaald; nog {{.Count}} passages.\"\n",
			`locales/nl.yaml:2:1: UI string "translation_progress" lacks its "one" plural form: nl needs one and other`, ""},
		{"missing other form", "locales/nl.yaml",
			"translation_progress:\n  one: \"Ongeveer {{.Percent}}% vertaald; nog {{.Count}} passage.\"\n",
			`locales/nl.yaml:1:1: UI string "translation_progress" lacks its "other" plural form: nl needs one and other`, ""},
		{"unclosed action", "locales/nl.yaml",
			"translation_progress:\n  one: \"Ongeveer {{.Percent}}% vertaald; nog {{.Count\"\n  other: \"Ongeveer {{.Percent}}% vertaald; nog {{.Count}} passages.\"\n",
			`locales/nl.yaml:2:8: UI string "translation_progress", form one: not a valid template: unclosed action`, ""},
		{"unknown variable", "locales/nl.yaml",
			"translation_progress:\n  one: \"Ongeveer {{.Percent}}% vertaald; nog {{.Count}} passage.\"\n  other: \"Ongeveer {{.Procent}}% vertaald; nog {{.Count}} passages.\"\n",
			`locales/nl.yaml:3:10: UI string "translation_progress", form other: uses .Procent, which the source text does not have (it has only .Count, .Percent)`, ""},
		{"unknown variable in a plain string", "locales/nl.yaml",
			"fixture_footer: Voettekst van {{.Site}}\n",
			`locales/nl.yaml:1:17: UI string "fixture_footer", form other: uses .Site, which the source text does not have (it has no template data)`, ""},
		{"empty string", "locales/nl.yaml",
			"fixture_footer: \"\"\n",
			`locales/nl.yaml:1:1: UI string "fixture_footer" has no text (its "other" form is missing or empty)`, ""},
		{"source string without a needed form", "locales/en.yaml",
			"fixture_footer: Fixture footer, only in English.\nfixture_count:\n  one: \"{{.Count}} fixture\"\n",
			`locales/en.yaml:2:1: UI string "fixture_count" lacks its "other" plural form: en needs one and other`, ""},
		{"template calls an id the default locale lacks", "templates/partials/footer.html",
			"<footer class=\"site-footer\">\n<p>{{T \"fixture_footer\"}}</p>\n<p>{{if true}}{{T \"fixture_foter\"}}{{end}}</p>\n</footer>\n",
			`templates/partials/footer.html:3:19: UI string "fixture_foter" is not defined in locales/en.yaml`, ""},
		{"source text uses data the template's call does not give", "locales/en.yaml",
			"fixture_footer: Footer of {{.Site}}\n",
			`templates/partials/footer.html:2:8: UI string "fixture_footer": its en text uses .Site, which this call does not give (it gives no template data)`, ""},
		{"a typo in the source text's data", "locales/en.yaml",
			"fixture_footer: Fixture footer, only in English.\ntranslation_progress:\n  one: \"About {{.Procent}}% translated; {{.Count}} passage left.\"\n  other: \"About {{.Procent}}% translated; {{.Count}} passages left.\"\n",
			`templates/partials/translation-progress.html:2:65: UI string "translation_progress": its en text uses .Procent, which this call does not give (it gives .Count, .Percent)`,
			"translation_progress:\n  one: \"{{.Procent}}% vertaald; nog {{.Count}} passage.\"\n  other: \"{{.Procent}}% vertaald; nog {{.Count}} passages.\"\n"},
		{"Tlang with an id the default locale lacks", "templates/partials/footer.html",
			"<footer class=\"site-footer\">\n<p{{with Tlang \"fixture_foter\"}} lang=\"{{.}}\"{{end}}>{{T \"fixture_footer\"}}</p>\n</footer>\n",
			`templates/partials/footer.html:2:16: UI string "fixture_foter" is not defined in locales/en.yaml`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := copySite(t, fixture)
			out := filepath.Join(t.TempDir(), "public")
			if err := os.WriteFile(filepath.Join(site, tt.file), []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			if tt.nl != "" {
				if err := os.WriteFile(filepath.Join(site, "locales/nl.yaml"), []byte(tt.nl), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for _, args := range [][]string{
				{"check", "--src", site},
				{"build", "--src", site, "--out", out},
				{"i18n", "status", "--src", site},
			} {
				code, _, stderr := runCmd(args...)
				if code != 1 {
					t.Errorf("%s: exit status %d, want 1", args[0], code)
				}
				if !strings.Contains(stderr, tt.want+"\n") {
					t.Errorf("%s: stderr:\n%s\nwant it to contain:\n%s", args[0], stderr, tt.want)
				}
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("build wrote %s (%v)", out, err)
			}
		})
	}
}

// TestGoodUIStrings: valid strings with every form pass, and a string
// simply missing from a translation stays a warning.
func TestGoodUIStrings(t *testing.T) {
	site := copySite(t, fixture)
	nl := "translation_progress:\n  one: \"Ongeveer {{.Percent}}% vertaald; nog {{.Count}} passage.\"\n  other: \"Ongeveer {{$.Percent}}% vertaald; nog {{.Count}} passages.\"\n"
	if err := os.WriteFile(filepath.Join(site, "locales/nl.yaml"), []byte(nl), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCmd("check", "--src", site)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "locales/nl.yaml: warning: 1 UI string not translated") || !strings.Contains(stdout, "no errors") {
		t.Errorf("stdout %q, stderr %q", stdout, stderr)
	}
}

// TestProblemCountPlural: the line after the problems shown says "1 more
// problem" (not "1 more problems").
func TestProblemCountPlural(t *testing.T) {
	for _, tt := range []struct {
		extra int
		want  string
	}{{1, "… and 1 more problem\n"}, {2, "… and 2 more problems\n"}} {
		var ws []*diag.Problem
		for range limits.Problems + tt.extra {
			ws = append(ws, diag.Warnf(diag.Pos{File: "f"}, "w"))
		}
		var b strings.Builder
		writeProblems(&b, ws, nil)
		if !strings.HasSuffix(b.String(), tt.want) {
			t.Errorf("%d hidden: output ends %q, want %q", tt.extra, b.String()[max(0, b.Len()-40):], tt.want)
		}
	}
}
