package sitefs

import (
	"os"
	"path/filepath"
	"testing"
)

// TestFind: the nearest directory at or above the start with a
// guidegen.yaml file (not a directory of that name); "" when there is
// none up to the root.
func TestFind(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	deep := filepath.Join(site, "content", "nl", "section")
	inner := filepath.Join(site, "content", "nl", "guidegen.yaml") // a directory
	for _, d := range []string{deep, inner} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(site, "guidegen.yaml"), []byte("title: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ from, want string }{
		{site, site},
		{deep, site},
		{filepath.Join(deep, "..", ".."), site},
		{root, ""},
	} {
		got, err := Find(tt.from)
		if err != nil || got != tt.want {
			t.Errorf("Find(%s) = %q, %v; want %q", tt.from, got, err, tt.want)
		}
	}
	if !LooksLikeSite(site) || LooksLikeSite(deep) || LooksLikeSite(root) {
		t.Error("LooksLikeSite: a directory with content/ is one, others are not")
	}
}
