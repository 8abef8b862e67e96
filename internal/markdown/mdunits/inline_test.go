package mdunits_test

import (
	"testing"

	"github.com/guidegen/guidegen/internal/markdown/mdtest"
	"github.com/guidegen/guidegen/internal/markdown/mdunits"
)

// TestInlineCanon: the canonical forms of the inline nodes written in
// pieces (code spans, links, images, autolinks) are what they were when
// each was written as one string.
func TestInlineCanon(t *testing.T) {
	m := mdtest.New()
	for _, tc := range []struct{ md, want string }{
		{"a `` code  span `` b\n", "a `code span` b"},
		{"see `x`", "see `x`"},
		{"[the  *list*](https://e.org/ \"A  title\n here\") end\n", "[the *list*](https://e.org/ \"A title here\") end"},
		{"[x](/p) and [y](/q \"\")\n", "[x](/p \"\") and [y](/q \"\")"},
		{"![an  image](i.png 'say \"hi\"')\n", "![an image](i.png \"say \\\"hi\\\"\")"},
		{"go <https://e.org/a> now\n", "go <https://e.org/a> now"},
		{"mail <a@b.org>\n", "mail <a@b.org>"},
		{"a  `one`  `two`\n", "a `one` `two`"},
		{"[`code` in](/l)\n", "[`code` in](/l \"\")"},
	} {
		d := m.Parse("p.md", "", []byte(tc.md))
		us := mdunits.List(d.Root, d.Source, nil)
		if len(us) != 1 || us[0].Canon != tc.want {
			var got []string
			for _, u := range us {
				got = append(got, u.Canon)
			}
			t.Errorf("%q: canon %q, want %q", tc.md, got, tc.want)
		}
	}
}
