package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const fixture = "../../testdata/sites/basic"

// copySite copies a fixture site into a temporary directory.
func copySite(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

func runCmd(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		m[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func edit(t *testing.T, file, old, new string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBadInput breaks a working site in one way at a time. Each break must
// give an error naming file:line (and column for YAML), exit status 1, and
// leave the previous output exactly as it was.
func TestBadInput(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(t *testing.T, site string)
		want   string
	}{
		{"malformed front matter YAML", func(t *testing.T, s string) {
			edit(t, filepath.Join(s, "content/nl/guide.md"), "title: De gids", `title: "De gids`)
		}, "content/nl/guide.md:2:8: malformed YAML: could not find end character of double-quoted text"},
		{"unknown front matter key", func(t *testing.T, s string) {
			edit(t, filepath.Join(s, "content/en/guide.md"), "description:", "descripton:")
		}, `content/en/guide.md:3:1: unknown key "descripton" (did you mean "description"?)`},
		{"wrong front matter type", func(t *testing.T, s string) {
			edit(t, filepath.Join(s, "content/en/guide.md"), "---\n\n", "weight: heavy\n---\n\n")
		}, `content/en/guide.md:4:9: weight: expected a whole number, got "heavy"`},
		{"missing title", func(t *testing.T, s string) {
			edit(t, filepath.Join(s, "content/en/guide.md"), "title: The guide\n", "")
		}, "content/en/guide.md:2:1: title is required"},
		{"unclosed front matter", func(t *testing.T, s string) {
			edit(t, filepath.Join(s, "content/en/guide.md"), "Links, images, tables and footnotes.\n---\n", "Links, images, tables and footnotes.\n")
		}, "content/en/guide.md:1:1: front matter is not closed"},
		{"link to a missing page", func(t *testing.T, s string) {
			edit(t, filepath.Join(s, "content/en/guide.md"), "(about/criteria.md)", "(about/critera.md)")
		}, `content/en/guide.md:10:3: link to missing page "about/critera.md" (did you mean "about/criteria.md"?)`},
		{"link to a missing anchor", func(t *testing.T, s string) {
			edit(t, filepath.Join(s, "content/nl/guide.md"), "#best-case", "#beste-geval")
		}, "content/nl/guide.md:11:48: link to missing anchor #beste-geval in content/nl/about/criteria.md"},
		{"link to a missing file", func(t *testing.T, s string) {
			edit(t, filepath.Join(s, "content/en/guide.md"), "assets/img/logo.svg", "assets/img/logo.png")
		}, `content/en/guide.md:6:1: link to missing file "assets/img/logo.png"`},
		{"default locale without UI strings", func(t *testing.T, s string) {
			edit(t, filepath.Join(s, "guidegen.yaml"), "defaultLocale: en\nlocales:\n  - code: en\n    name: English", "defaultLocale: eo\nlocales:\n  - code: eo\n    name: Esperanto")
		}, `guidegen.yaml:5:11: the default locale "eo" has no UI strings: locales/eo.yaml not found (nor .json, .toml), and the bundled strings do not cover it`},
		{"malformed locale file", func(t *testing.T, s string) {
			edit(t, filepath.Join(s, "locales/en.yaml"), "fixture_footer: Fixture", "fixture_footer: [Fixture")
		}, "locales/en.yaml:1:17: malformed YAML"},
		{"unknown config key", func(t *testing.T, s string) {
			edit(t, filepath.Join(s, "guidegen.yaml"), "defaultLocale:", "defaultLocal:")
		}, `guidegen.yaml:3:1: unknown key "defaultLocal" (did you mean "defaultLocale"?)`},
		{"navigation entry not a page", func(t *testing.T, s string) {
			edit(t, filepath.Join(s, "guidegen.yaml"), "  - guide.md", "  - guides.md")
		}, `guidegen.yaml:11:5: navigation entry "guides.md" is not a page of content/en (did you mean "guide.md"?)`},
		{"translation without source", func(t *testing.T, s string) {
			if err := os.WriteFile(filepath.Join(s, "content/nl/extra.md"), []byte("---\ntitle: x\ndescription: y\n---\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "content/nl/extra.md: translation without a source page"},
		{"unknown admonition type", func(t *testing.T, s string) {
			edit(t, filepath.Join(s, "content/nl/guide.md"), "## Tabellen\n", "## Tabellen\n\n!!! recomendation\n    Tekst.\n")
		}, `content/nl/guide.md:17:5: unknown admonition type "recomendation" (did you mean "recommendation"?)`},
		{"unsafe icon file", func(t *testing.T, s string) {
			if err := os.MkdirAll(filepath.Join(s, "assets/icons/simple"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(s, "assets/icons/simple/x.svg"), []byte(`<svg onload="alert(1)"/>`), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "assets/icons/simple/x.svg: <svg>: event handler onload is not allowed"},
		{"malformed glossary", func(t *testing.T, s string) {
			if err := os.WriteFile(filepath.Join(s, "locales/glossary.nl.txt"), []byte("*[E2EE]: Eind-tot-eind\nE2EE = fout\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "locales/glossary.nl.txt:2:1: "},
		{"template uses an undefined string", func(t *testing.T, s string) {
			edit(t, filepath.Join(s, "templates/partials/footer.html"), `{{T "fixture_footer"}}`, `{{T "no_such_string"}}`)
		}, `templates/partials/footer.html:2:8: UI string "no_such_string" is not defined in locales/en.yaml`},
		{"template syntax error", func(t *testing.T, s string) {
			edit(t, filepath.Join(s, "templates/partials/footer.html"), `{{T "fixture_footer"}}`, `{{T "fixture_footer"`)
		}, "templates/partials/footer.html:2:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := copySite(t, fixture)
			out := filepath.Join(t.TempDir(), "public")
			if code, _, stderr := runCmd("build", "--src", site, "--out", out); code != 0 {
				t.Fatalf("good build failed (%d): %s", code, stderr)
			}
			before := snapshot(t, out)

			tt.mutate(t, site)
			code, stdout, stderr := runCmd("build", "--src", site, "--out", out)
			if code != 1 {
				t.Errorf("exit status %d, want 1", code)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr:\n%s\nwant it to contain:\n%s", stderr, tt.want)
			}
			if strings.Contains(stderr, "panic") || stdout != "" {
				t.Errorf("unexpected output: stdout %q stderr %q", stdout, stderr)
			}
			after := snapshot(t, out)
			if len(after) != len(before) {
				t.Fatalf("output changed: %d files before, %d after", len(before), len(after))
			}
			for p, b := range before {
				if after[p] != b {
					t.Errorf("%s changed", p)
				}
			}
			entries, _ := os.ReadDir(filepath.Dir(out))
			for _, e := range entries {
				if e.Name() != "public" && e.Name() != ".public.stage" && e.Name() != ".public.lock" && e.Name() != ".public.guidegen" {
					t.Errorf("left behind beside the output: %s", e.Name())
				}
			}
		})
	}
}

func TestBuildSummary(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	code, stdout, stderr := runCmd("build", "--src", fixture, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"Built 8 pages in 2 locales into " + out,
		"en    English         4 pages: 4 translated, 0 from the source language",
		"nl    Nederlands      4 pages: 3 translated, 1 from the source language; 1 UI string untranslated",
		"1 warning",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, "locales/nl.yaml: warning: 1 UI string not translated") {
		t.Errorf("warning not printed: %s", stderr)
	}
}

func TestBundledWhenNoSiteHere(t *testing.T) {
	t.Chdir(t.TempDir())
	code, stdout, stderr := runCmd("build")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, p := range []string{"public/index.html", "public/nl/index.html", "public/real-time-communication/index.html", "public/nl/real-time-communication/index.html"} {
		if _, err := os.Stat(p); err != nil {
			t.Error(err)
		}
	}
	if !strings.Contains(stdout, "no warnings") {
		t.Errorf("summary: %s", stdout)
	}
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		out  string
	}{
		{nil, 2, "usage: guidegen"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"help"}, 0, "usage: guidegen"},
		{[]string{"version"}, 0, "guidegen "},
		{[]string{"build", "--nope"}, 2, "flag provided but not defined"},
		{[]string{"build", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"build", "--src", "/does/not/exist"}, 1, "/does/not/exist"},
		{[]string{"serve", "-h"}, 0, "-addr string"},
		{[]string{"serve", "--nope"}, 2, "flag provided but not defined"},
		{[]string{"serve", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"serve", "--src", "/does/not/exist"}, 1, "/does/not/exist"},
		{[]string{"serve", "--src", fixture, "--addr", "256.0.0.1:1"}, 1, "guidegen: serve: listen tcp"},
	}
	for _, tt := range tests {
		code, stdout, stderr := runCmd(tt.args...)
		if code != tt.code || !strings.Contains(stdout+stderr, tt.out) {
			t.Errorf("%v: exit %d, output %q; want %d and %q", tt.args, code, stdout+stderr, tt.code, tt.out)
		}
	}
}

// TestCheck: check reports the errors build would, and writes nothing.
func TestCheck(t *testing.T) {
	if code, stdout, stderr := runCmd("check", "--src", "../../testdata/sites/cards"); code != 0 || !strings.Contains(stdout, "no errors") {
		t.Fatalf("check of a good site: %d %s %s", code, stdout, stderr)
	}
	site := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(site, os.DirFS("../../testdata/sites/cards")); err != nil {
		t.Fatal(err)
	}
	edit(t, filepath.Join(site, "content/en/messengers.md"), "## Additional options { .additional }", "## Additional options")
	code, _, stderr := runCmd("check", "--src", site)
	want := `content/en/messengers.md:71:1: recommendation "session" does not meet the minimum criteria forward_secrecy`
	if code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant 1 and %s", code, stderr, want)
	}
	if _, err := os.Stat(filepath.Join(site, "public")); !os.IsNotExist(err) {
		t.Error("check wrote output")
	}
}
