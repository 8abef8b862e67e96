package headingid

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func FuzzSlugify(f *testing.F) {
	for _, s := range []string{"Privé-berichten", "Peer-to-Peer (P2P)", "a -- b", "  ", "İstanbul", "\xff\xfe", "_1", " -a- ", "-", " - ", "a -.", "\v\x01A\x1f-\t", "..."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		slug := Slugify(s)
		if want := slugifyUnicode(s); slug != want {
			t.Fatalf("Slugify(%q) = %q, the general slugify gives %q", s, slug, want)
		}
		if !utf8.ValidString(slug) {
			t.Fatalf("Slugify(%q) = %q is not UTF-8", s, slug)
		}
		if strings.Contains(slug, "--") || strings.IndexFunc(slug, unicode.IsSpace) >= 0 {
			t.Fatalf("Slugify(%q) = %q has a space or a double hyphen", s, slug)
		}
		ids := NewIDs()
		a, b := ids.Unique(slug), ids.Unique(slug)
		if a == "" || b == "" || a == b {
			t.Fatalf("Unique gave %q then %q", a, b)
		}
	})
}
