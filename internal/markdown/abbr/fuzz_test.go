package abbr_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/htmlcheck"
	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/abbr"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

// FuzzAbbr is mdtest.Fuzz with the extension and the test glossary: no
// panic, the same HTML twice, well-formed HTML, problems with positions.
// It also checks that the terms do not change the plain text: the
// document renders the same text with and without the extension once the
// <abbr> tags are dropped.
func FuzzAbbr(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.md")
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range []string{
		"E2EE\n", "*[X]: y\nX\n", "a\n*[E2EE]:\nE2EE\n", "*[a b]: c\n\na b\n", "&amp;E2EE&amp;\n",
		"\\E2EE\\*\n", "- *[X]: y\n\n  X\n", "> X\n*[X]: y\n", "!!! note \"E2EE\"\n    *[E2EE]: z\n",
		"*[*]: star\n\n* * *\n", "*[[]: bracket\n\n[[]]\n", "*[&]: amp\n\n& &amp; &&\n", "*[\\]: bs\n\n\\\\ \\a\n",
		"*[E2EE]: \"\"\nE2EE\n", "# E2EE {#id}\n", "[E2EE]: https://e.org\n\n[E2EE]\n", "E2EE[^1]\n\n[^1]: PFS\n",
		"*[<b>]: tag\n\n<b> &lt;b&gt;\n", "*[é]: e\n\né &eacute; e\u0301\n", "*[\"]: q\n\n\" &quot;\n",
		"Double\nRatchet\n", "the Double \r\nRatchet.\n", "> Double\n> Ratchet\n", "Double\\\nRatchet\n", "*Double\nRatchet*\n",
		"Wi-Fi Double\n  Ratchet E2EE\n", "a **Double**\nRatchet\n", "x Double\n\nRatchet\n", "www.x.org Double Ratchet\n",
	} {
		f.Add(s)
	}
	g := testGlossary(f)
	with := mdtest.New(func(o *markdown.Options) {
		o.NoRawHTML = true
		o.Glossary = g
	})
	without := mdtest.New(func(o *markdown.Options) { o.NoRawHTML = true })
	f.Fuzz(func(t *testing.T, src string) {
		d := with.Parse("fuzz.md", "", []byte(src))
		var a, b markdown.Buffer
		if err := with.Render(&a, d); err != nil {
			t.Fatal(err)
		}
		if err := with.Render(&b, d); err != nil {
			t.Fatal(err)
		}
		if a.String() != b.String() {
			t.Fatal("rendering twice gave different HTML")
		}
		if err := htmlcheck.WellFormed(a.String()); err != nil {
			t.Fatalf("%v\n%s", err, a.String())
		}
		for _, p := range d.Problems {
			if p.Pos.Line < 1 || p.Pos.Col < 1 {
				t.Fatalf("problem without a position: %v", p)
			}
		}
		// Without definition lines, the output must be the plain
		// pipeline's once the abbreviations are taken out again.
		if strings.Contains(src, "*[") {
			return
		}
		var c markdown.Buffer
		if err := without.Render(&c, without.Parse("fuzz.md", "", []byte(src))); err != nil {
			t.Fatal(err)
		}
		if got := stripAbbr(a.String()); got != c.String() {
			t.Fatalf("abbreviations changed the text:\nwith:    %q\nwithout: %q", got, c.String())
		}
	})
}

// stripAbbr removes <abbr title="..."> and </abbr> tags.
func stripAbbr(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, `<abbr title="`)
		if i < 0 {
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		j := strings.Index(s, `">`)
		s = s[j+2:]
	}
	b.WriteString(s)
	return strings.ReplaceAll(b.String(), "</abbr>", "")
}

// FuzzParseGlossary: ParseGlossary never panics; what it accepts has
// terms and expansions without surrounding spaces or line breaks, and
// written back as a glossary file it parses to the same lookups.
func FuzzParseGlossary(f *testing.F) {
	for _, s := range []string{
		"*[E2EE]: End-to-end encryption\n", "# c\n\n*[A]: a\r\n*[B] : b\r*[C]:c", "*[]: x\n", "*[A]:\n",
		"*[A]: a\n*[A]: b\n", "x\n", "\uFEFF*[A]: a", " \t*[ A ]:  a  \n", "*[a[b]: ]\n", "*[A]: a\n\x00",
		"*[A\xff]: a\n", "*[\\]: \"\"\n",
	} {
		f.Add(s)
	}
	if b, err := os.ReadFile("../../../locales/glossary.en.txt"); err == nil {
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, src string) {
		g, err := abbr.ParseGlossary("g.txt", []byte(src))
		if err != nil {
			if g != nil {
				t.Fatal("a glossary with the error")
			}
			if !strings.HasPrefix(err.Error(), "g.txt:") {
				t.Fatalf("error without position: %v", err)
			}
			return
		}
		var out strings.Builder
		for _, term := range g.Terms() {
			exp, ok := g.Lookup(term)
			if !ok || term == "" || exp == "" || strings.Trim(term, " \t") != term || strings.Trim(exp, " \t") != exp ||
				strings.ContainsAny(term+exp, "\r\n") || strings.Contains(term, "]") {
				t.Fatalf("bad entry %q: %q", term, exp)
			}
			out.WriteString("*[" + term + "]: " + exp + "\n")
		}
		g2, err := abbr.ParseGlossary("g.txt", []byte(out.String()))
		if err != nil {
			t.Fatalf("written back: %v\n%s", err, out.String())
		}
		if g2.Len() != g.Len() {
			t.Fatalf("written back: %d terms, want %d", g2.Len(), g.Len())
		}
		for _, term := range g.Terms() {
			a, _ := g.Lookup(term)
			if b, ok := g2.Lookup(term); !ok || a != b {
				t.Fatalf("written back, %q: %q, want %q", term, b, a)
			}
		}
	})
}

// oracleWords are the words FuzzAcross builds paragraphs from: terms of
// the test glossary, parts of them and words around them.
var oracleWords = []string{"Double", "Ratchet", "E2EE", "E2", "EE", "IP", "VoIP", "Wi-Fi", "Wi", "Fi", "PFS", "QR", "x", "Doubles", "2FA", "Wi-", ".", "E2-EE"}

// FuzzAcross compares the abbreviations of plain paragraphs, whose words
// are separated by spaces and line breaks, with a naive oracle: the text
// with its line breaks read as spaces, scanned left to right, the longest
// term that is a whole word taken at each place.
func FuzzAcross(f *testing.F) {
	f.Add([]byte{0, 0x81, 1, 2})
	f.Add([]byte{4, 0x80, 0, 0x81, 1, 0x80, 3})
	f.Add([]byte{0, 1, 0x81, 0, 0x81, 1})
	g := testGlossary(f)
	m := newMarkdown(g)
	var terms []string
	for _, t := range g.Terms() {
		if !strings.ContainsAny(t, "&\"<>'") {
			terms = append(terms, t)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		// Each byte is a word; its high bit puts a line break before the
		// next word instead of a space.
		var src strings.Builder
		for i, c := range b {
			if i > 0 {
				if b[i-1]&0x80 != 0 {
					src.WriteByte('\n')
				} else {
					src.WriteByte(' ')
				}
			}
			src.WriteString(oracleWords[int(c&0x7f)%len(oracleWords)])
		}
		if src.Len() == 0 {
			return
		}
		text := src.String()
		got, _ := mdtest.Render(t, m, text+"\n")
		if want := "<p>" + oracle(text, terms, g) + "</p>\n"; got != want {
			t.Fatalf("%q:\n got %q\nwant %q", text, got, want)
		}
	})
}

// oracle marks up the terms in text the naive way.
func oracle(text string, terms []string, g *abbr.Glossary) string {
	flat := strings.ReplaceAll(text, "\n", " ")
	isWord := func(i int) bool {
		if i < 0 || i >= len(flat) {
			return false
		}
		c := flat[i]
		return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
	}
	var out strings.Builder
	for i := 0; i < len(flat); {
		best := ""
		if !isWord(i - 1) {
			for _, t := range terms {
				if len(t) > len(best) && strings.HasPrefix(flat[i:], t) && !isWord(i+len(t)) {
					best = t
				}
			}
		}
		if best == "" {
			out.WriteByte(text[i])
			i++
			continue
		}
		title, _ := g.Lookup(best)
		out.WriteString(`<abbr title="` + title + `">` + text[i:i+len(best)] + "</abbr>")
		i += len(best)
	}
	return out.String()
}
