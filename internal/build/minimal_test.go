package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFiles writes files (slash paths to contents) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestMinimalSite: a site holding only guidegen.yaml and one page builds,
// with the bundled UI strings of every locale they cover (en and nl, no
// warning); a locale they do not cover shows the default locale's strings,
// with one warning naming the locale.
func TestMinimalSite(t *testing.T) {
	tests := []struct {
		name     string
		locales  string
		warnings []string
	}{
		{"bundled locales", "  - {code: en, name: English}\n  - {code: nl, name: Nederlands}\n", nil},
		{"uncovered locale", "  - {code: en, name: English}\n  - {code: fr, name: Français}\n",
			[]string{`guidegen.yaml:6:12: warning: locale "fr" has no UI strings (locales/fr.yaml, .json or .toml, and none bundled): the `}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{
				"guidegen.yaml":       "title: Minimal\nbaseURL: https://example.org/\ndefaultLocale: en\nlocales:\n" + tt.locales,
				"content/en/index.md": "---\ntitle: Home\ndescription: The only page.\n---\n\nHello.\n",
			})
			out := filepath.Join(t.TempDir(), "public")
			sum, err := buildSite(t, dir, out)
			if err != nil {
				t.Fatal(err)
			}
			if len(sum.Warnings) != len(tt.warnings) {
				t.Fatalf("warnings %v, want %q", sum.Warnings, tt.warnings)
			}
			for i, w := range sum.Warnings {
				if !strings.HasPrefix(w.Error(), tt.warnings[i]) {
					t.Errorf("warning %q, want %q…", w, tt.warnings[i])
				}
			}
			for _, f := range []string{"index.html", "404.html"} {
				if _, err := os.Stat(filepath.Join(out, f)); err != nil {
					t.Error(err)
				}
			}
		})
	}
}
