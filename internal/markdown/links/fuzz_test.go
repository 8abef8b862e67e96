package links

import (
	"io/fs"
	"strings"
	"testing"
)

func FuzzClassify(f *testing.F) {
	for _, s := range []string{"about/criteria.md#x", "#frag", "../a.md", "https://x.org", "a b.md", "%zz.md", "?q=1", "x.MD"} {
		f.Add(s, "about")
	}
	f.Fuzz(func(t *testing.T, dest, dir string) {
		if dir != "" && !fs.ValidPath(dir) {
			t.Skip("the loader passes page directories relative to the content root")
		}
		ref, ok := Classify(dest, dir)
		if !ok {
			return
		}
		if strings.HasPrefix(ref.Path, "/") {
			t.Fatalf("Classify(%q, %q) gave absolute path %q", dest, dir, ref.Path)
		}
		if ref.Kind == Page && !strings.HasSuffix(strings.ToLower(ref.Path), ".md") {
			t.Fatalf("page link %q resolved to %q", dest, ref.Path)
		}
		if ref.Kind == Fragment && ref.Path != "" {
			t.Fatalf("fragment link %q has path %q", dest, ref.Path)
		}
	})
}
