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
