package segment

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// paragraph returns a paragraph of src's text cut into text nodes at
// cut1 and cut2 (when within src), the first one ending with a soft line
// break when soft is set.
func paragraph(src []byte, cut1, cut2 int, soft bool) ast.Node {
	p := ast.NewParagraph()
	cuts := []int{0}
	for _, c := range []int{cut1, cut2} {
		if c > cuts[len(cuts)-1] && c < len(src) {
			cuts = append(cuts, c)
		}
	}
	cuts = append(cuts, len(src))
	for i := 0; i+1 < len(cuts); i++ {
		t := ast.NewTextSegment(text.NewSegment(cuts[i], cuts[i+1]))
		t.SetSoftLineBreak(soft && i == 0)
		p.AppendChild(p, t)
	}
	return p
}

var prefixSeeds = []string{
	"Knooppunt dreiging privé server versleuteld censuur",
	"exactly sixteen!", "exactly sixteen! and more", "fifteen bytes..", "fifteen bytes.. ", "sixteen bytes .. ",
	"two  spaces in the first bytes", "a\ttab in the first sixteen", " leading space and more text",
	"escaped \\* star in the first bytes", "an &amp; entity in the first bytes", "entity after &amp; byte sixteen",
	"text ending in a space at 16 x", "caf\u00e9 is not ASCII at all here", "line\nbreak inside the first bytes",
	"sixteen bytes ab\u00a0nbsp after", "0123456789abcdef\\*", "0123456789abcde&amp;x",
	"yes", "2022", "Forward secrecy", "a  b", " x", "x ", "x\t", "", "é", "a&amp;", "a\\*", "fifteen bytes..",
}

// TestPrefix: the prefix of a block read from its first text node's
// bytes (plain) is the prefix write gives.
func TestPrefix(t *testing.T) {
	for _, s := range prefixSeeds {
		// 100: one text node.
		for _, cut := range []int{0, 5, 15, 16, 17, 30, 100} {
			checkPrefix(t, s, cut, cut+7, cut%2 == 1)
		}
	}
}

// FuzzPrefix is TestPrefix for any text and cuts.
func FuzzPrefix(f *testing.F) {
	for _, s := range prefixSeeds {
		f.Add(s, 16, 20, true)
	}
	f.Fuzz(checkPrefix)
}

func checkPrefix(t *testing.T, s string, cut1, cut2 int, soft bool) {
	src := []byte(s)
	block := paragraph(src, cut1, cut2, soft)
	k := newKeyWriter()
	got := bytes.Clone(k.prefix(block, src))
	k.write(block, src, prefixLen)
	if want := prefix(k.buf); !bytes.Equal(got, want) {
		t.Errorf("%q cut at %d, %d (soft %v): prefix %q, written %q", s, cut1, cut2, soft, got, want)
	}
}
