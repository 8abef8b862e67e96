package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScriptRoutesAndLinkSeverity: a fragment that is a script's route
// ("#/portal") is never checked as an anchor; a broken link is an error by
// default and a warning with links: {missing: warning}.
func TestScriptRoutesAndLinkSeverity(t *testing.T) {
	const cfg = "title: Links\nbaseURL: https://example.org/\ndefaultLocale: en\nlocales:\n  - {code: en, name: English}\n"
	routes := "---\ntitle: Home\ndescription: Routes.\n---\n\n## Top\n\n[Portal](#/portal), [settings](other.md#/settings/privacy), [top](#top).\n"
	broken := "\n[Gone](gone.md), [nowhere](#nowhere), [anchor](other.md#nope), [file](assets/img/x.png).\n"
	other := "---\ntitle: Other\ndescription: Another page.\n---\n\nText.\n"
	wantBroken := []string{
		`content/en/index.md:10:1: link to missing page "gone.md"`,
		`content/en/index.md:10:18: link to missing anchor #nowhere on this page`,
		`content/en/index.md:10:39: link to missing anchor #nope in content/en/other.md`,
		`content/en/index.md:10:64: link to missing file "assets/img/x.png"`,
	}
	tests := []struct {
		name, config, page string
		errors, warnings   []string
	}{
		{"routes", cfg, routes, nil, nil},
		{"broken links are errors", cfg, routes + broken, wantBroken, nil},
		{"explicit error", cfg + "links: {missing: error}\n", routes + broken, wantBroken, nil},
		{"broken links as warnings", cfg + "links:\n  missing: warning\n", routes + broken, nil, wantBroken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{
				"guidegen.yaml":       tt.config,
				"content/en/index.md": tt.page,
				"content/en/other.md": other,
			})
			out := filepath.Join(t.TempDir(), "public")
			sum, err := buildSite(t, dir, out)
			var got string
			if err != nil {
				got = err.Error()
			}
			for _, e := range tt.errors {
				if !strings.Contains(got, e+"\n") && !strings.HasSuffix(got, e) {
					t.Errorf("error lacks %q:\n%s", e, got)
				}
			}
			if len(tt.errors) == 0 && err != nil {
				t.Fatalf("build failed: %v", err)
			}
			var warns []string
			for _, w := range sum.Warnings {
				warns = append(warns, w.Error())
			}
			if len(warns) != len(tt.warnings) {
				t.Fatalf("warnings %q, want %q", warns, tt.warnings)
			}
			for i, w := range tt.warnings {
				if want := strings.Replace(w, ": link", ": warning: link", 1); warns[i] != want {
					t.Errorf("warning %q, want %q", warns[i], want)
				}
			}
			if err != nil {
				return
			}
			html, rerr := os.ReadFile(filepath.Join(out, "index.html"))
			if rerr != nil {
				t.Fatal(rerr)
			}
			for _, want := range []string{`href="#/portal"`, `href="/other/#/settings/privacy"`} {
				if !strings.Contains(string(html), want) {
					t.Errorf("page lacks %s", want)
				}
			}
		})
	}
}

// TestLinksToReleasedPages: links between pages are checked once every
// page was rendered and released, against what a released page keeps of
// its ids: a link to an id is fine, a link to a missing one is an error
// that says which heading took another id from the source page.
func TestLinksToReleasedPages(t *testing.T) {
	const cfg = "title: Links\nbaseURL: https://example.org/\ndefaultLocale: en\nlocales:\n  - {code: en, name: English}\n  - {code: nl, name: Nederlands}\n"
	page := func(title, body string) string {
		return "---\ntitle: " + title + "\ndescription: A page.\n---\n\n" + body
	}
	tests := []struct {
		name, link string
		wantErr    string
	}{
		{"heading id", "other.md#setup", ""},
		{"footnote id", "other.md#fn:1", ""},
		{"missing", "other.md#nowhere", `content/nl/index.md:8:1: link to missing anchor #nowhere in content/nl/other.md`},
		{"borrowed", "other.md#instellen", `content/nl/index.md:8:1: link to missing anchor #instellen in content/nl/other.md (the heading "Instellen" has the id #setup, taken from content/en/other.md)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{
				"guidegen.yaml":       cfg,
				"content/en/index.md": page("Home", "## Top\n\n[Other](other.md#setup).\n"),
				"content/nl/index.md": page("Thuis", "## Boven\n\n[Ander]("+tt.link+").\n"),
				"content/en/other.md": page("Other", "## Setup\n\nText.[^1]\n\n## More\n\nText.\n\n[^1]: A note.\n"),
				"content/nl/other.md": page("Ander", "## Instellen\n\nTekst.[^1]\n\n## Meer\n\nTekst.\n\n[^1]: Een noot.\n"),
			})
			_, err := buildSite(t, dir, filepath.Join(t.TempDir(), "public"))
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("build failed: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("got %v, want %s", err, tt.wantErr)
			}
		})
	}
}
