package search

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestPlainRun8 compares plainRun8 with its definition, byte by byte, on
// words of the bytes that matter and random ones.
func TestPlainRun8(t *testing.T) {
	want := func(b []byte) bool {
		for i, c := range b {
			if c < 0x20 || c == '<' || c == '&' || c == '"' || c == '\\' || c == '|' || c >= 0x80 {
				return false
			}
			if c == ' ' && (i == len(b)-1 || b[i+1] == ' ') {
				return false
			}
		}
		return true
	}
	alphabet := []byte{'a', 'Z', ' ', '<', '&', '\n', '\t', 0, 0x1f, 0x20, 0x21, 0x7f, 0x80, 0xc3, 0xff, '=', '"', '\\', '|', 0x1c, 0x7c, 0x5c, 0x3c}
	r := rand.New(rand.NewPCG(1, 2))
	var b [8]byte
	for n := range 400000 {
		for i := range b {
			if n%2 == 0 {
				b[i] = alphabet[r.IntN(len(alphabet))]
			} else {
				b[i] = byte(r.Uint32())
			}
		}
		if got := plainRun8(binary.LittleEndian.Uint64(b[:])); got != want(b[:]) {
			t.Fatalf("plainRun8(%q) = %v", b, got)
		}
	}
}

// TestEntity compares entity with html.UnescapeString: a reference it
// reads is replaced by its character, followed by anything.
func TestEntity(t *testing.T) {
	var refs []string
	for v := 0; v <= 0x110010; v += 1 + v/0x1000 {
		refs = append(refs, fmt.Sprintf("&#%d;", v), fmt.Sprintf("&#x%x;", v), fmt.Sprintf("&#X%X;", v), fmt.Sprintf("&#%07d;", v), fmt.Sprintf("&#x%06x;", v))
	}
	for v := 0x80; v <= 0xa0; v++ {
		refs = append(refs, fmt.Sprintf("&#%d;", v), fmt.Sprintf("&#x%x;", v))
	}
	refs = append(refs, "&amp;", "&lt;", "&gt;", "&quot;", "&nbsp;", "&amp", "&lt", "&AMP;", "&nbsp", "&notin;", "&notit;", "&#;", "&#x;",
		"&#xD800;", "&#55296;", "&#xDFFF;", "&#x10FFFF;", "&#x110000;", "&#00000000160;", "&#x00000a0;", "&#160", "&#xa0", "&#10;", "&#32;", "&#60;", "&#x3c;",
		"&", "&#", "&#x", "&a", "&am", "&amp;;", "&#1234567;", "&#12345678;", "&#xfe0e;", "&#x21a9;")
	read := 0
	for _, ref := range refs {
		for _, after := range []string{"", ";", "x", " ", "<", "0", "a;"} {
			s := ref + after
			r, size := entity([]byte(s))
			if size == 0 {
				continue
			}
			read++
			if got, want := string(r)+s[size:], html.UnescapeString(s); got != want {
				t.Errorf("entity(%q) = %q, %d: %q, want %q", s, r, size, got, want)
			}
			if r < 0xa0 && !strings.ContainsRune("&<>\"", r) {
				t.Errorf("entity(%q) = %q, a character it must not read", s, r)
			}
		}
	}
	if read < 1000 {
		t.Errorf("entity read only %d references", read)
	}
}

// TestKindOf compares kindOf with the functions of the oracle.
func TestKindOf(t *testing.T) {
	names := []string{"a", "abbr", "b", "code", "em", "i", "kbd", "mark", "q", "s", "small", "span", "strong", "sub", "u", "var", "del", "ins", "time",
		"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
		"svg", "script", "style", "template", "h0", "h1", "h2", "h3", "h4", "h5", "h6", "h7", "hr", "br", "p", "li", "ul", "td", "tr", "th", "sup", "div", "table", ""}
	const chars = "abcdefghijklmnopqrstuvwxyz0123456789-"
	for _, c := range chars {
		names = append(names, string(c))
		for _, d := range chars {
			names = append(names, string(c)+string(d))
		}
	}
	for _, name := range names {
		b := []byte(name)
		want := uint8(0)
		if oldBlockElement(b) {
			want |= kindBlock
		}
		if oldVoidElement(b) {
			want |= kindVoid
		}
		if oldIsHeading(b) {
			want |= kindHeading
		}
		switch name {
		case "svg", "script", "style", "template":
			want |= kindSkipped
		}
		if got := kindOf(b); got != want {
			t.Errorf("kindOf(%q) = %b, want %b", name, got, want)
		}
	}
}

// TestTagName compares tagName with the oracle's.
func TestTagName(t *testing.T) {
	for _, s := range []string{"p>", "P>", "h2 id", "H2", "very-long-custom-element-name-here>", "VERY-LONG-CUSTOM-ELEMENT-NAME-HERE", "a1b2>", "a_b", "", "x", "Ab/", "abcdefghijklmnop>", "abcdefghijklmnopq", "ABCDEFGHIJKLMNOPQ", "aé"} {
		var buf, oldBuf [16]byte
		if got, want := tagName(buf[:0], []byte(s)), oldTagName(oldBuf[:0], []byte(s)); string(got) != string(want) {
			t.Errorf("tagName(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestPlainSegments checks that every segment the extractor calls plain
// is written by appendJSON as it is, quoted, on the corpus, the hostile
// inputs and text with each kind of byte JSON escapes (written as it is,
// by an entity or by the Tokenizer's path); and that the segments of
// plain text are called plain, so that the fragment copies them.
func TestPlainSegments(t *testing.T) {
	docs := allDocs(t)
	for i, s := range []string{"\"", "\\", "\x01", "\x7f", "é", "ß", "\u07ff", "\xff", "\xc0\x80", "\xc1\xbf", "\xc3", "\xc3(", "\xe2\x80", "\xed\xa0\x80", "\u2028", "&quot;", "&#92;", "&#xe9;", "&amp;", "&nbsp;", "&#8232;", "&lt;"} {
		for j, f := range []string{"<p>plain text, a word %s and more</p>", "<h2 id=\"a\">Head %s ing</h2><p>x</p>", "<p>a  b\n%s</p>", "<p>%s</p>", "<p>abcdefgh%s</p>", "<script>x</script><p>a %s</p>"} {
			docs = append(docs, doc{name: fmt.Sprintf("dirty %d.%d", i, j), title: "T", article: []byte(fmt.Sprintf(f, s))})
		}
	}
	plain := 0
	x := new(extractor)
	for _, d := range docs {
		x.reset(d.title)
		if !x.lexSpans(d.article) {
			x.reset(d.title)
			x.tokensSpans(d.article)
		}
		for _, c := range x.secs {
			for _, s := range []bufSpan{c.heading, c.text} {
				b := x.buf[s.from:s.to]
				quoted := string(appendJSON(nil, b)) == `"`+string(b)+`"`
				if s.plain && !quoted {
					t.Errorf("%s: segment %q called plain", d.name, b)
				}
				if s.plain {
					plain++
				}
			}
		}
	}
	if plain == 0 {
		t.Error("no segment called plain")
	}
	x.reset("T")
	x.lexSpans([]byte("<p>Plain text, with <em>tags</em>  and   spaces.</p>\n<h2 id=\"h\">A heading</h2><p>Text</p>"))
	for _, c := range x.secs {
		if !c.text.plain || c.heading.to > c.heading.from && !c.heading.plain {
			t.Errorf("plain text in a segment not called plain: %+v", c)
		}
	}
}
