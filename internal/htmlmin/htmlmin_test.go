package htmlmin

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"
)

// newM returns the minifiers of a build (internal/build/weight.go).
func newM() *minify.M {
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("text/javascript", js.Minify)
	m.Add("text/html", Options())
	return m
}

// whole minifies page in one piece, as the minifier does.
func whole(m *minify.M, page []byte) ([]byte, error) {
	var out bytes.Buffer
	err := Options().Minify(m, &out, bytes.NewReader(page), nil)
	return out.Bytes(), err
}

// same fails t unless x minifies page as the minifier does.
func same(t testing.TB, m *minify.M, x *Minifier, name string, page []byte) {
	t.Helper()
	orig := bytes.Clone(page)
	want, werr := whole(m, page)
	var got bytes.Buffer
	gerr := x.Minify(&got, page)
	if !bytes.Equal(page, orig) {
		t.Fatalf("%s: Minify changed its input", name)
	}
	if (werr == nil) != (gerr == nil) {
		t.Fatalf("%s: error %v, minifier's error %v", name, gerr, werr)
	}
	if werr != nil {
		return // the build then writes the page as it is
	}
	if !bytes.Equal(got.Bytes(), want) {
		k := 0
		for k < len(want) && k < got.Len() && want[k] == got.Bytes()[k] {
			k++
		}
		t.Fatalf("%s: differs from the minifier at byte %d\ninput %q\nwant  %q\ngot   %q", name, k,
			clip(page, 300), want[max(0, k-80):min(len(want), k+80)], got.Bytes()[max(0, k-80):min(got.Len(), k+80)])
	}
}

func clip(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

// hostile are pages at the edges of what the minifier does with the
// state it carries and of what the lexer reads.
var hostile = []string{
	"",
	" ",
	"x",
	"<div> a </div> b <div> c",
	"<p>a <b>  </b>  <div>x</div>",
	"<pre> a  <div> b </div>\n  c</pre>  c <div> d </div>",
	"<pre><pre> a </pre>  <div> b </div></pre> <div> c",
	"<PRE> a </PRE > <div> b",
	"</pre><div> a",
	"<p>a " + strings.Repeat("</b>", 99) + "<div>b</div>",
	"<p>a " + strings.Repeat("</b>", 100) + "<div>b</div>",
	"<p>a " + strings.Repeat("</b>", 101) + "<div>b</div>",
	"<p>a " + strings.Repeat("</b> ", 60) + "<div>b</div>",
	"<p>a " + strings.Repeat("<!---->", 120) + "<div>b</div>",
	"<script>var a = 1;</script><div> x</div>",
	"<script src=x></script> <div> x</div>",
	"<script></script> <div> x</div>",
	"<script src=x charset=utf-8></script><div>",
	"<script type=\"text/javascript\" src=\"x\"></script><div>",
	"<script><!-- <script></script> --></script><div> a",
	"<script>a<!--b</script><div> a",
	"<script>if (a<b) {}</script> <p> x",
	"<script>var = ;</script><div> x",
	"<style>a { color : red }</style> <div> x",
	"<style>a {</style><div>",
	"<title>A  &amp; B </title><div> x",
	"<title><div> a</div></title> <p>",
	"<TITLE>a</TiTlE> <p> b",
	"<textarea> a <div>  </textarea><div> b",
	"<iframe><p> a</p></iframe><div>",
	"<xmp><div> a</xmp> <div>",
	"<plaintext><div> a </div>",
	"<noscript><p> a </p></noscript> <p> b",
	"<svg><path d=\"<div>\"/></svg> <div> a",
	"<SVG><path d=\"<div>\"/></SVG> <Svg a=b>x</Svg> <div> a",
	"<svg viewBox=\"0 0 1 1\"><svg></svg><g/></svg> x <div>",
	"<svg>\x00</svg><div> a",
	"<SVG viewBox=\"0 0 1 1\"><path/></SVG> x <div>a</div>",
	"<p><Svg><g/></svg> a</p>",
	"<svg><div> a",
	"<svg a=\">\"><p></svg> <p> b",
	"<math><mi>x</mi></math> <p> a",
	"<xml><a/></xml> <p>",
	"<!-- <div> --> <div> a",
	"<!--> <div> --> x",
	"<!--->--> x <div>",
	"<!-- a --!> b <div>",
	"<!-- unterminated <div>",
	"<![CDATA[ <div> ]]> <div> a",
	"<![CDATA[ <div>",
	"<!DOCTYPE html><html><head></head><body> a </body></html>",
	"<!doctypehtml> a",
	"<!DocType  x> a",
	"<!x> <div> a",
	"<?xml x?> <div> a",
	"</ div> <div> a",
	"</> x <div> a",
	"</",
	"<",
	"a <",
	"a < b <div> c",
	"<div",
	"<div ",
	"<div class=\"a",
	"<div class=\"a\"",
	"<div class='a' id=b title=\"c\">",
	"<div class=>x</div>",
	"<div class= >x</div>",
	"<a =x>a</a>",
	"<a b = \"c\" >a</a>",
	"<a b\n=\n'c'\n>a</a>",
	"<a title='it\"s'>a</a>",
	"<a title=\"it's\">a</a>",
	"<a title=a'b>a</a>",
	"<a title=a\"b>a</a>",
	"<a title=\"&quot;\">a</a>",
	"<a title=\"a &amp; b\">a</a>",
	"<a title=\"a  b\" class=\" a  b \">a</a>",
	"<a href=\"HTTP://X\">a</a><a href=\"Https://x\">b</a><a href=\"httpS://x\">c</a><a href=\" http://x \">d</a>",
	"<a href=\" data:text/plain,hi \">a</a>",
	"<a href=\"&#104;ttp://x\">a</a>",
	"<a href=\"DATA:text/plain,%20hi\">a</a>",
	"<a id=x name=x>a</a><a id=x name=y>b</a>",
	"<DIV CLASS=\"a  b\" ID=\"\" hidden=\"hidden\" onclick=\"a()\" style=\"color : red\">x</DIV>",
	"<div ONclick=\"a( )\">x</div>",
	"<div style=\"\">x</div>",
	"<div hidden=\"hidden\" open=\"open\" defer=defer>x</div>",
	"<details open=\"\"><summary>a</summary></details>",
	"<input type=\"text\" value=\"\"><input type=radio value=on><input value=x>",
	"<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\">",
	"<meta http-equiv=\"content-type\" content=\"text/html; charset=utf-8\">",
	"<meta http-equiv=\" Content-Type \" content=\"text/html;charset=UTF-8\" charset=x>",
	"<meta name=\" keywords \" content=\"a, b\"><meta name=\"description\" content=\" a  b \">",
	"<meta name=\" x \" content=\"a\"><meta property=\"og:title\" content=\"it's &amp; that\">",
	"<link rel=stylesheet type=\"text/css\" href=x><link rel=icon type=\"image/svg+xml\" href=x>",
	"<link rel=icon type=\"Image/SVG+xml ; a = b\" href=x>",
	"<button type=submit>a</button><button type=\"button\">b</button>",
	"<table><colgroup></colgroup><colgroup span=1></colgroup><tr><td colspan=1 rowspan=\"1\">a</td></tr></table>",
	"<table><tr><td colspan=one rowspan=\"one\">a</td></tr></table>",
	"<form method=GET enctype=\"application/x-www-form-urlencoded\" action=\"\"><input></form>",
	"<area shape=rect><style media=all></style>",
	"<select><option> a </option> <optgroup> x <option>b</option></optgroup></select><div> c",
	"<template><p> a </p></template> <div> b",
	"<span> a </span> <div> b",
	"<i></i> x",
	"<p><button>a</button> b <img src=x> c <q>d</q> e <input> f</p>",
	"<div><a href=x>a</a> <span>b</span> </div> <p> <em>c</em> d </p>",
	"<i class=a></i> x",
	"<b>x</b> <div>",
	"<p>a <label></label> b</p><p>a <a></a> b</p><p>a <span></span> b</p>",
	"<br/> a <br /> b <img src=x /> c <div/> d",
	"a &amp; b &lt; c &#60; &nbsp; &quot; &#x21a9;&#xfe0e; &unknown; &",
	"<p>&#160;<a>&#x21a9;&#xfe0e;</a></p>",
	"a\t\tb\r\n c\f d  \n e",
	"\n\n<div>\n\n a \n\n</div>\n\n",
	"  a  ",
	"<DIV>A</DIV> <P>b</P> </DIV >  </div\n> x",
	"a\x00b<div>\x00</div>",
	"<div>a</div\x00> b",
	"<a href=\"x\">\xff\xfe</a>",
	"<html><head><title>t</title><meta name=description content=d></head><body><header><nav><ul><li><a href=\"/\">a</a></li></ul></nav></header><main><article><h1>T</h1><p>x <em>y</em> z</p></article></main></body></html>",
}

func TestHostile(t *testing.T) {
	m := newM()
	x := New(m)
	for i, p := range hostile {
		// Twice: the second time from the remembered pieces.
		same(t, m, x, strings.Repeat("hostile ", 1)+string(rune('0'+i%10)), []byte(p))
		same(t, m, x, "hostile again", []byte(p))
	}
}

// TestPieces: the pages of the tests are cut into pieces, and most of
// them written by emit (a test that passed with every page in one piece
// handed to the minifier would prove nothing).
func TestPieces(t *testing.T) {
	page := []byte(hostile[len(hostile)-1])
	x := New(newM())
	var pieces, simple int
	s := &state{}
	l := &s.lex
	*l = lexer{p: page}
	var tk token
	for l.next(&tk) {
		if tk.tag != nil && tk.tag.split {
			pieces++
		}
		if x.simple(page, &tk, tk.tag, false) {
			simple++
		}
	}
	if pieces < 10 || simple < 30 {
		t.Errorf("%d pieces, %d simple tokens", pieces, simple)
	}
}

// TestGolden compares both on the golden pages of the build's tests.
func TestGolden(t *testing.T) {
	m := newM()
	x := New(m)
	n := 0
	err := filepath.WalkDir("../build/testdata", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		page, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		same(t, m, x, p, page)
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Fatalf("%d golden pages", n)
	}
}

func FuzzMinify(f *testing.F) {
	for _, p := range hostile {
		f.Add([]byte(p))
	}
	m := newM()
	x := New(m)
	f.Fuzz(func(t *testing.T, page []byte) {
		same(t, m, x, "fuzz", page)
	})
}

// plainTextBytes is plainText one byte at a time, as it was written
// first.
func plainTextBytes(text []byte) bool {
	for i := 0; i < len(text); i++ {
		switch textClass[text[i]] {
		case 0:
			continue
		case 1:
			if i+1 < len(text) && textClass[text[i+1]] != 0 {
				return false
			}
			i++
		default:
			return false
		}
	}
	return true
}

func TestPlainText(t *testing.T) {
	for _, s := range []string{
		"", "a", " ", "  ", "a b", "a  b", "abcdefg h", "abcdefgh ", "abcdefg  h", "abcdefgh  ij",
		"abcdefg\n ijklmnop", "abcdefg \nijklmnop", "a b c d e f g h i j k", "abc&defghijk", "abcdefghij\tk",
		"abcdefgh\x00ijklmnop", "abcdef!\"#$%'()", "abcdefg\x1f", "word word word word. Word, word; word!",
		"abcdefgh\rijk", "abcdefgh\fijk", "abcdefg%\x26",
		"abcdefg\n\nijklmnop", "abcdefgh\n\nijklmnop", "abc\x01efghijklm  op", "abc\x01efg&", "abc\x01efg\tijk",
		"\x01\x02\x03\x04\x05\x06\x07\x08 b", "abcdefg  ijklmnop", "abcdefg ijklmnop ", "abcdefg\n ijklmnopqrstuvw",
		"abcdefghijklmn' opqrstuvw", "abcdefghijklmnopq  ", "abcdefghijklmnopq &", "abcdefghijklmnop\tq", "abcdefghijklmnop q", "abcdefghijklmnop&qrstuvwx", "abcdefghijklmnopqrstuvw ", "abcdefgh &amp; ijklmnop", "abcdefg\t", "abcdefgh\x7f\x80\xa0\xff  ",
	} {
		if got, want := plainText([]byte(s)), plainTextBytes([]byte(s)); got != want {
			t.Errorf("%q: %v, want %v", s, got, want)
		}
	}
}

func FuzzPlainText(f *testing.F) {
	f.Add([]byte("abcdefg  h"))
	f.Fuzz(func(t *testing.T, s []byte) {
		if got, want := plainText(s), plainTextBytes(s); got != want {
			t.Errorf("%q: %v, want %v", s, got, want)
		}
	})
}
