package units_test

import (
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/units"
)

// FuzzSplit: whatever the page, splitting it does not panic; its units lie
// inside the page, in order, without overlapping, each with a key and a
// text; the page written back without new texts is the page; and its
// skeleton has one mark a unit (in a page without NUL bytes).
func FuzzSplit(f *testing.F) {
	f.Add(page)
	f.Add("# A { #a }\n\n- x\n  y\\\n  z\n\n!!! recommendation signal\n    - a\n    b\n\n[^n]: x\n    y\n")
	f.Add("!!! note\n\n| a | b |\n|---|---|\n| | c |\n\nText\n{ .lead }\n\nH\n===\n")
	md := markdown.New(markdown.Options{Locale: "en"})
	f.Fuzz(func(t *testing.T, src string) {
		d := md.Parse("a.md", "", []byte(src))
		us := units.Split(d.Root, d.Source, len(d.Source))
		at := 0
		for _, u := range us {
			if u.Start < at || u.End <= u.Start || u.End > len(d.Source) {
				t.Fatalf("%s: [%d,%d) after %d in %d bytes", u.Key, u.Start, u.End, at, len(d.Source))
			}
			if u.Key == "" || u.Text == "" || strings.HasSuffix(u.Key, "/") {
				t.Fatalf("unit [%d,%d): key %q, text %q", u.Start, u.End, u.Key, u.Text)
			}
			at = u.End
		}
		if got := units.Replace(d.Source, us, nil); string(got) != string(d.Source) {
			t.Fatalf("Replace without texts changed the page")
		}
		if n := strings.Count(units.Skeleton(d.Source, us), "\x00"); n != len(us) && !strings.Contains(string(d.Source), "\x00") {
			t.Fatalf("skeleton has %d marks for %d units", n, len(us))
		}
	})
}
