package segment

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	gmext "github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/guidegen/guidegen/internal/markdown/mdtext"
)

// oracleHas is what a Set must answer, spelled out: whether a block's
// normalized plain text is the text of one of the source page's prose
// segments (Collect).
func oracleHas(source []Segment, block ast.Node, src []byte) bool {
	t := normalize(mdtext.Plain(block, src))
	for _, s := range source {
		if s.Text == t {
			return true
		}
	}
	return false
}

func parseGFM(src []byte) ast.Node {
	return goldmark.New(goldmark.WithExtensions(gmext.GFM)).Parser().Parse(text.NewReader(src))
}

// manyItems is a list of n items, every third the same as the first.
func manyItems(n, from int) string {
	var b strings.Builder
	for i := range n {
		if i%3 == 0 {
			b.WriteString("- the same item text here\n")
			continue
		}
		b.WriteString("- item number " + strings.Repeat("x", i+from) + " here\n")
	}
	return b.String()
}

var setCases = [][2]string{
	// More segments than a small table has slots, some alike.
	{manyItems(40, 0), manyItems(45, 3)},
	{english, strings.ReplaceAll(english, "Minimum requirements", "Minimale eisen")},
	{"same beginning of a text, then one\n\nsame beginning of a text, then two\n", "same beginning of a text, then two\n\nsame beginning of a text, then three\n"},
	{"`code` only\n\nSignal\n\nshort one\n", "code only\n\nSignal\n\nshort one\n\n`code` only\n"},
	{"| a b | `same beginning xx` |\n|---|---|\n| one two | text |\n", "same beginning xx\n\n- one two\n- text\n"},
	{"- a tight item here\n- another item in it\n", "1. a tight item here\n\n   another item in it\n"},
	{"", "text here\n"},
	// The same text, prose in one and code in the other: a source
	// segment that is not prose is no match, though its text is.
	{"`same beginning of a text, then one`\n\nsame beginning of a text, then two\n", "same beginning of a text, then one\n\nsame beginning of a text, then two\n\n`same beginning of a text, then two`\n"},
	// Many segments with one beginning, read once each.
	{"- same beginning of it, a\n- same beginning of it, b\n- same beginning of it, c\n- same beginning of it, d\n", "- same beginning of it, d\n- same beginning of it, c\n- same beginning of it, e\n- same beginning of it, d\n\nsame beginning of it, a\n"},
}

const english = "# Title\n\nEvery app here encrypts your messages.\n\n## Minimum requirements\n\n- Open-source apps.\n- No phone number needed.\n"

// FuzzSetSameAsCollect: a Set, which holds hashes of texts and of their
// beginnings, answers for every segment of a translation what comparing
// the texts Collect spells out answers; and its Len is the number of
// different texts.
func FuzzSetSameAsCollect(f *testing.F) {
	for _, c := range setCases {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		checkSetSameAsCollect(t, a, b)
	})
}

func checkSetSameAsCollect(t *testing.T, a, b string) {
	srcA, srcB := []byte(a), []byte(b)
	rootA, rootB := parseGFM(srcA), parseGFM(srcB)
	source := Collect(rootA, srcA, nil)
	set := NewSet(rootA, srcA, nil)
	k := newKeyWriter()
	visit(rootB, srcB, nil, func(block, _ ast.Node, _ Kind, _ int) {
		if got, want := k.has(set, block, srcB), oracleHas(source, block, srcB); got != want {
			t.Fatalf("%q: has %v, want %v", mdtext.Plain(block, srcB), got, want)
		}
	})
	texts := map[string]bool{}
	for _, s := range source {
		texts[s.Text] = true
		if !set.Has(s.Text) {
			t.Fatalf("the set lacks %q", s.Text)
		}
	}
	if set.Len() != len(texts) {
		t.Fatalf("the set has %d texts, want %d", set.Len(), len(texts))
	}
}

func TestSetSameAsCollect(t *testing.T) {
	hits := 0
	for _, c := range setCases {
		checkSetSameAsCollect(t, c[0], c[1])
		checkSetSameAsCollect(t, c[1], c[0])
		checkSetSameAsCollect(t, c[0], c[0])
		rootA, rootB := parseGFM([]byte(c[0])), parseGFM([]byte(c[1]))
		set := NewSet(rootA, []byte(c[0]), nil)
		k := newKeyWriter()
		visit(rootB, []byte(c[1]), nil, func(block, _ ast.Node, _ Kind, _ int) {
			if k.has(set, block, []byte(c[1])) {
				hits++
			}
		})
	}
	if hits < 4 {
		t.Fatalf("only %d identical segments in all: the test checks little", hits)
	}
}
