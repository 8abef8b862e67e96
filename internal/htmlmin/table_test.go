package htmlmin

import (
	"strings"
	"testing"

	mhtml "github.com/tdewolff/minify/v2/html"
)

// lexerRaw are the tags whose content the minifier's lexer reads as
// raw text or as one token: what follows them cannot probe them.
var lexerRaw = map[string]bool{
	"textarea": true, "title": true, "style": true, "xmp": true, "iframe": true,
	"script": true, "plaintext": true, "svg": true, "math": true,
}

// TestTagTraits probes the minifier for what the table says of each
// tag: whether it drops a space before it (block), keeps one after it
// (object), and keeps the space after an empty element of it (exactly
// normalTag).
func TestTagTraits(t *testing.T) {
	m := newM()
	min := func(s string) string {
		out, err := whole(m, []byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	for name, tr := range tagTraits {
		if mhtml.ToHash([]byte(name)) == 0 {
			t.Errorf("%s: not a name the minifier knows", name)
		}
		if name == "svg" || name == "math" {
			continue
		}
		block := min("x <"+name+" id=a>") == "x<"+name+" id=a>"
		if block != (tr&blockTag != 0) {
			t.Errorf("%s: block %v in the minifier", name, block)
		}
		if lexerRaw[name] || block || notSimple[name] {
			continue
		}
		object := strings.Contains(min("<p>a</p><"+name+" id=a> x"), "> x")
		if object != (tr&objectTag != 0) {
			t.Errorf("%s: object %v in the minifier", name, object)
		}
		if object {
			continue
		}
		normal := strings.Contains(min("<p>a <"+name+"></"+name+"> b</p>"), "</"+name+"> b")
		if normal != (tr == normalTag) {
			t.Errorf("%s: normal %v in the minifier", name, normal)
		}
	}
}

// TestAttrTraits probes the minifier for what the table says of each
// attribute: boolean (value dropped), URL (trimmed, scheme in lower
// case), trimmed, or as it is.
func TestAttrTraits(t *testing.T) {
	m := newM()
	for name, tr := range attrTraits {
		if mhtml.ToHash([]byte(name)) == 0 {
			t.Errorf("%s: not a name the minifier knows", name)
		}
		if name == "enctype" || name == "formenctype" || name == "accept" {
			continue // media types, minified (Minifier.attr does it too)
		}
		out, err := whole(m, []byte(`<div `+name+`=" HTTP://x  y ">`))
		if err != nil {
			t.Fatal(err)
		}
		var got traits
		switch string(out) {
		case `<div ` + name + `>`:
			got = booleanAttr
		case `<div ` + name + `="http://x  y">`:
			got = urlAttr
		case `<div ` + name + `="HTTP://x y">`:
			got = trimAttr
		case `<div ` + name + `=" HTTP://x  y ">`:
		default:
			t.Errorf("%s: %s", name, out)
			continue
		}
		if got != tr {
			t.Errorf("%s: traits %d in the table, %d in the minifier (%s)", name, tr, got, out)
		}
	}
}

// TestLookups: every name of the tables is found, in any case.
func TestLookups(t *testing.T) {
	for name := range tagTraits {
		for _, n := range []string{name, strings.ToUpper(name)} {
			if tg := lowerName([]byte(n)); tg == nil || tg.name != name || tg.traits != tagTraits[name] {
				t.Errorf("tag %s: %v", n, tg)
			}
		}
	}
	for name := range attrTraits {
		for _, n := range []string{name, strings.ToUpper(name)} {
			if a := lowerAttr([]byte(n)); a == nil || a.name != name || a.traits != attrTraits[name] {
				t.Errorf("attribute %s: %v", n, a)
			}
		}
	}
	for _, n := range []string{"", "x", "divx", "dív", strings.Repeat("a", maxName+1)} {
		if lowerName([]byte(n)) != nil || lowerAttr([]byte(n)) != nil {
			t.Errorf("%q found", n)
		}
	}
}

// lookupCases are names at the edges of table.get's word compare.
var lookupCases = []string{
	"", "a", "A", "h2", "H2", "h\x12", "h\x02", "\x08", "li", "lI", "l\x09", "aria-\r", "class", "CLASS", "cl\x01ss",
	"hreflang", "HREFLANG", "hreflan\x07", "hreflangs", "http-equiv", "http\requiv", "itemprop", "ITEMPROP",
	"`", "@", "{", "[", "\xe1", "dív", "\x80", "abcdefgh", "td\x00", "svg", "xml", "sv\x07",
}

// TestGetOracle: get (a word compare for short names) finds what the
// byte by byte lookup finds, for names whose bytes follow them in the
// page (read as one word) and names at the end of a page.
func TestGetOracle(t *testing.T) {
	for _, n := range lookupCases {
		checkGet(t, []byte(n))
	}
}

func checkGet(t *testing.T, name []byte) {
	t.Helper()
	for _, b := range [][]byte{
		append(append([]byte(nil), name...), " x=\"y\">"...)[:len(name)], // followed by the page
		append([]byte(nil), name...)[:len(name):len(name)],               // at its end
	} {
		if got, want := tags.get(b), tags.lookup(b); got != want {
			t.Errorf("tag %q: %v, want %v", name, got, want)
		}
		if got, want := attrNames.get(b), attrNames.lookup(b); got != want {
			t.Errorf("attribute %q: %v, want %v", name, got, want)
		}
	}
}

func FuzzGet(f *testing.F) {
	for _, n := range lookupCases {
		f.Add([]byte(n))
	}
	f.Fuzz(func(t *testing.T, name []byte) { checkGet(t, name) })
}
