package search

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
	"github.com/guidegen/guidegen/internal/sitegen"
)

// doc is an article of the corpus the new Extract and Prepare are
// compared with the oracles on.
type doc struct {
	name, title string
	article     []byte
}

// repoRoot is the repository's root, from this package's directory.
const repoRoot = "../.."

var pipelines sync.Map // locale → *markdown.Markdown

func pipeline(locale string) *markdown.Markdown {
	if m, ok := pipelines.Load(locale); ok {
		return m.(*markdown.Markdown)
	}
	m, _ := pipelines.LoadOrStore(locale, mdtest.New(func(o *markdown.Options) { o.Locale = locale }))
	return m.(*markdown.Markdown)
}

// renderDoc renders a Markdown page as the build renders a page's article.
func renderDoc(tb testing.TB, name, locale string, src []byte) doc {
	tb.Helper()
	m := pipeline(locale)
	d := m.Parse(name, filepath.Dir(name), src)
	var b markdown.Buffer
	if err := m.Render(&b, d); err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	// The title as the front matter gives it, near enough for a test.
	title := name
	if _, rest, ok := bytes.Cut(src, []byte("\ntitle:")); ok {
		line, _, _ := bytes.Cut(rest, []byte("\n"))
		title = strings.Trim(string(bytes.TrimSpace(line)), `"'`)
	}
	return doc{name: name, title: title, article: bytes.Clone(b.Bytes())}
}

// generatedDocs renders n pages of the benchmark corpus (internal/sitegen),
// in both locales.
func generatedDocs(tb testing.TB, n int) []doc {
	tb.Helper()
	var out []doc
	for _, p := range sitegen.Pages(sitegen.Options{Pages: n, Translated: 0.5, Seed: 7}) {
		out = append(out, renderDoc(tb, p.Locale+"/"+p.Path, p.Locale, []byte(p.Source)))
	}
	return out
}

// repoDocs returns the pages of the bundled guide and of the test sites
// (content/<locale>/**.md), rendered, and every HTML file under a testdata directory of the
// repository (golden files of the renderers, sites' templates) as it is.
func repoDocs(tb testing.TB) []doc {
	tb.Helper()
	var out []doc
	err := filepath.WalkDir(repoRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != repoRoot && (strings.HasPrefix(name, ".") || name == "public" || name == "bin") {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(repoRoot, path)
		rel = filepath.ToSlash(rel)
		switch {
		case (strings.HasPrefix(rel, "content/") || strings.Contains(rel, "/content/")) && strings.HasSuffix(rel, ".md"):
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			_, in, _ := strings.Cut("/"+rel, "/content/")
			locale, _, _ := strings.Cut(in, "/")
			out = append(out, renderDoc(tb, rel, locale, src))
		case strings.Contains(rel, "testdata/") && strings.HasSuffix(rel, ".html"):
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			out = append(out, doc{name: rel, title: filepath.Base(rel), article: src})
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// hostile are inputs that the build's renderer does not write but that
// Extract must read as the tokenizer does.
var hostile = []string{
	"",
	// Attribute keys with capitals, which simpleTag reads too: an
	// extractor reads keys as they are written (ID is no id).
	`<p>a</p><h2 ID="x">B</h2><p>c</p><h2 Id="y" class="z">D</h2><p>e</p>`,
	`<p>a <span CLASS="visually-hidden">hidden?</span> <span Aria-Hidden="true">shown?</span> <span aria-hidden="true" viewBox="0">no</span> b</p>`,
	`<p>a</p><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" focusable="false"><path d="M6.9"></path></svg><h2 id="s" dataX="1">S</h2>t`,
	"plain text, no tags",
	"<",
	"</",
	"<>",
	"</>",
	"< p>x</ p>",
	"<p",
	`<p class="a`,
	"<h2 id=\"x\"",
	"<h2 id=\"x\">unterminated heading",
	`<H2 ID="up">Upper</H2><P>Text</P>`,
	`<h2 id="a">A</h3>B</h2>C`,
	`<h2 id="a"><h3 id="b">B</h3>A</h2>C`,
	`<h2 id='single'>Single</h2>`,
	`<h2 id=bare>Bare</h2>`,
	`<h2 data-x="a>b" id="q">Quoted &gt; inside</h2><p>after</p>`,
	`<p title='x > y'>text</p>`,
	`<h2 id="a&amp;b&#x41;&#65;&nbsp;&bogus;">Entities &amp; &lt; &gt; &quot; &#39; &#x1F600; &notin; &notit; &amp</h2>`,
	"a&amp;b &AMP; &Amp; &#0; &#xD800; &#x110000; &#128; &#x80; &#9999999999; &; &#; &#x;",
	"<!-- comment <h2 id=\"c\">no</h2> --><p>after comment</p>",
	"<!-- unterminated comment <p>x</p>",
	"<!--> <!---> <!-- a -- b --!> text",
	"<!DOCTYPE html><p>doc</p>",
	"<?xml version=\"1.0\"?><p>pi</p>",
	"<![CDATA[ cdata <b>text</b> ]]><p>after</p>",
	"<svg><![CDATA[ in svg ]]></svg>visible",
	`<script>var s = "</p><h2 id=bad>";</script><p>after script</p>`,
	`<script>unterminated <h2 id="x">`,
	`<SCRIPT>x</SCRIPT>y<Style>p{}</Style>z`,
	`<style>h2 { } </style ><p>s</p>`,
	`<template><p>inside template</p></template><p>outside</p>`,
	`<textarea><h2 id="t">not a tag</h2></textarea>after`,
	`<title>a <b> title</title>text`,
	`<xmp><b>x</b></xmp><iframe><p>i</p></iframe><noembed>n</noembed><noframes>f</noframes><plaintext><p>rest</p>`,
	`<noscript><p>ns</p></noscript>`,
	`<span aria-hidden="true">hidden <b>bold</b></span>shown`,
	`<span aria-hidden=true>bare attr</span>shown`,
	`<span class="x visually-hidden">hidden</span><a class="headerlink" href="#">¶</a>shown`,
	`<span class="visually-hidden"/>self-closing skip<br/>after`,
	`<div class="visually-hidden"><br><img src=x><p>in</p>inner</div>out`,
	`<svg><path d=""/><g><title>t</title></g></svg>after svg`,
	`<svg/>after<svg>x`,
	`<br/><br><hr>words<wbr>joined<img alt="alt">x`,
	`<p>a</p ><p >b</p><p/>c</p/>`,
	"<p>tab\tnew\nline\r\ncr\fff\vvt&#9;&#10;&#160;</p>",
	"<p>\x00nul\x00</p><h2 id=\"\x00\">\x00</h2>",
	"\xff\xfe<p>bad \xe2\x80 utf8 \xc3</p>",
	`<h1 id="x">One</h1><h1 id="y">Two</h1>`,
	`<h2 id="">empty id</h2><h2 id="e">Empty</h2>`,
	`<h7 id="x">not a heading</h7><h0 id="y">no</h0>`,
	`<h2 id="a" id="b">dup</h2>`,
	`<h2 xid="a">attr name ends in id</h2>`,
	`<h2  id="spaced">two spaces</h2>`,
	"<h2\nid=\"nl\">newline before attr</h2>",
	`<very-long-custom-element-name-here>text</very-long-custom-element-name-here>`,
	`<a1b2>x</a1b2><_x>y</_x><1p>z</1p>`,
	`<strong>in</strong>line<em>text</em>with<code>code</code>and<kbd>k</kbd>`,
	`</p></div></span>stray end tags`,
	`</ h2>`,
	`</h2 id="x">`,
	`<math><mi>x</mi></math> math`,
	`<table><tr><td>a</td><td>b</td></tr></table>`,
	`<h2 id="a">A<a class="headerlink" href="#a">¶</a></h2><h3 id="b">B</h3>`,
	strings.Repeat("<div>", 300) + "deep" + strings.Repeat("</div>", 300),
	strings.Repeat("<span aria-hidden=\"true\">", 50) + "x" + strings.Repeat("</span>", 49),
	"<title>a &amp; b\x00 <b>c</b></title>after",
	"<TEXTAREA>x &lt; y\r\nz</TEXTAREA >w",
	"<noscript><p>n &amp;</p></noscript><iframe>i\x00</iframe><noembed>e</noembed><noframes>f</noframes><xmp>x</xmp>",
	"<style>a</styles></style/>b<title/>in title</title>out",
	"<title>unterminated </titl",
	"<title>unterminated </title",
	"<title></title><p>empty</p>",
	"<plaintext>all </plaintext> the rest &amp;",
	"<Title>mixed</tItLe>case",
	"<p a=b>unquoted</p a=b><p a=/>x<p a=b/>y",
	"<br a=x/>z",
	`<span aria-hidden="true"><p a=/>hidden</span>shown`,
	`<span aria-hidden="true"><p a=b />hidden</span>shown<span aria-hidden="true"><p a=b a=/>hidden</span>shown`,
	"<script><!--<script>a</script>hidden</script>after",
	"<script><!-- a --></script>after<script>x<!--y-->z</script>w",
	"<p =x a = \"y\" b= 'z' c =d/ / >q</p>",
	"<p/a>r<p//>s<p a/>t",
	"a<b",
	"a <1 b",
	"a<",
	"a</",
	"a</b",
	"a<!",
	"a<!-",
	"a<!--",
	"a<?x",
	"a</ x>b</1>c</>d",
	"<!--->a<!---->b<!-- --!>c<!-- --!->d-->e<!-- --!x> f -->g<!--!>h-->i",
	"<!doctype html>a<!DOCTYPE>b<!DOCTYP>c<!DOC",
	"<!x>a<!>b<!->c<!-x>d",
	"Privé ÇA Straße İstanbul ǅ Ⅻ ٣٤ 日本語 ﬁ ﬀ Ǆ ß ẞ Ω Å K",
	// Attributes the lexer reads and the raw tag disagrees on (attrs.odd).
	`<span title='a class="visually-hidden"'>hidden</span>shown`,
	`<span title='x aria-hidden="true"'>hidden</span>shown`,
	`<h2 title="x id=" id="real">T</h2>after`,
	`<h2 id="a" title='b id="c"'>T</h2>after`,
	`<span x=" aria-hidden="true">hidden</span>shown`,
	`<span x=" class="headerlink">hidden</span>shown`,
	`<span class="a" class="visually-hidden">first class</span><span aria-hidden="false" aria-hidden="true">h</span>s`,
	`<h2 class="x" id="">none</h2><h3 id="b" id="c">B</h3>`,
	`<span	class="visually-hidden">tab</span><span  class="headerlink">two</span>`,
	// Tags simpleTag reads, and some it leaves to the lexer.
	`<H2 id="x">up</H2><P>p</P><Em>e</Em>f<STRONG>g</STRONG>h`,
	`<p1>x</p1><h2>no id</h2><em>a</em>b<strong>c</strong>d<br>e<hr>f<svg>g</svg>h<wbr>i`,
	`<abcdefghijklmnop>16</abcdefghijklmnop><abcdefghijklmnopq>17</abcdefghijklmnopq>z`,
	`<xmp>a<b>x</b></xmp>y<title>t<p>p</title>z<style>s</style>w<noscript>n</noscript>v`,
	`<em>a</em>b</em >c<em/>d<1>e</1>f`,
	// Text that text reads, entities and white space.
	"a&nbsp;b &#160;c&#x21a9;&#xfe0e; &amp;&lt;&gt;&quot; &#128; &#xa0;&#10;x&#32;y&#60;p>z",
	"a  b \n c<b> d </b> e   f\t\tg \r\n h  <i>  </i>  i\x00j \x01 k",
	"12345678 12345678  12345678\n12345678 1234567  1234567\t123456  12345678<p>x</p>",
	"&#1234567; &#12345678; &#x10ffff; &#x110000; &#xd800; &#55295; &notin; &amp x &nbsp y",
}

// allDocs is the whole corpus: generated pages, the bundled guide, the
// repository's HTML test files and the hostile inputs.
func allDocs(tb testing.TB) []doc {
	docs := append(generatedDocs(tb, 200), repoDocs(tb)...)
	for i, h := range hostile {
		docs = append(docs, doc{name: fmt.Sprintf("hostile %d", i), title: "Hostile Title", article: []byte(h)})
	}
	return docs
}

// TestOracleCorpus compares Extract and Prepare with the implementations
// of dcb04a2 on every article of the corpus.
func TestOracleCorpus(t *testing.T) {
	docs := allDocs(t)
	if len(docs) < 400 {
		t.Fatalf("only %d documents in the corpus", len(docs))
	}
	for _, d := range docs {
		compareExtract(t, d.name, d.title, d.article)
		comparePrepare(t, d.name, Page{Key: d.name, Title: d.title, URL: "/" + d.name + "/", Sections: oldExtract(d.title, d.article)})
		comparePrepareArticle(t, d.name, d.title, d.article)
	}
}

// comparePrepareArticle compares PrepareArticle with the oracles, and
// checks that Extract after it gives what it gave before (PrepareArticle
// keeps no sections in the extractor it returns to the pool).
func comparePrepareArticle(t *testing.T, name, title string, article []byte) {
	t.Helper()
	p := Page{Key: name, Title: title, URL: "/" + name + "/", Sections: oldExtract(title, article)}
	e, data, err := PrepareArticle(nil, p.Key, p.Title, p.URL, article)
	we, wdata, werr := oldPrepare(p)
	if (err != nil) != (werr != nil) {
		t.Errorf("%s: PrepareArticle error %v, want %v", name, err, werr)
		return
	}
	if e.Key != we.Key || e.Frag != we.Frag || !bytes.Equal(e.words, we.words) {
		t.Errorf("%s: PrepareArticle(%q) entry\n got %q %q %q\nwant %q %q %q", name, article, e.Key, e.Frag, e.words, we.Key, we.Frag, we.words)
	}
	if want := keyCounts(nil, we.words); !slices.Equal(e.keys, want) {
		t.Errorf("%s: PrepareArticle(%q) counts by key\n got %v\nwant %v", name, article, e.keys, want)
	}
	if !bytes.Equal(data, wdata) {
		t.Errorf("%s: PrepareArticle(%q) fragment\n got %s\nwant %s", name, article, data, wdata)
	}
	// Into the memory of another fragment, as the build reuses a buffer.
	dirty := bytes.Repeat([]byte(`x"`), len(wdata)+len(article))
	if _, data, _ := PrepareArticle(dirty[:len(dirty)/3], p.Key, p.Title, p.URL, article); !bytes.Equal(data, wdata) {
		t.Errorf("%s: PrepareArticle(%q) into a used buffer, fragment\n got %s\nwant %s", name, article, data, wdata)
	}
	if got := Extract(title, article); !reflect.DeepEqual(got, p.Sections) {
		t.Errorf("%s: Extract after PrepareArticle(%q)\n got %q\nwant %q", name, article, got, p.Sections)
	}
}

// TestLexerReadsRenderedPages checks that the lexer, not the Tokenizer,
// reads the pages the build renders: the generated corpus and the
// bundled guide and the test sites.
func TestLexerReadsRenderedPages(t *testing.T) {
	docs := generatedDocs(t, 20)
	for _, d := range repoDocs(t) {
		if strings.HasSuffix(d.name, ".md") {
			docs = append(docs, d)
		}
	}
	if len(docs) < 60 {
		t.Fatalf("only %d pages", len(docs))
	}
	for _, d := range docs {
		var x extractor
		x.reset(d.title)
		if _, ok := x.lex(d.article); !ok {
			t.Errorf("%s: the lexer does not read the page", d.name)
		}
	}
}

func compareExtract(t *testing.T, name, title string, article []byte) {
	t.Helper()
	want := oldExtract(title, article)
	if got := Extract(title, article); !reflect.DeepEqual(got, want) {
		t.Errorf("%s: Extract(%q, %q)\n got %q\nwant %q", name, title, article, got, want)
	}
	// Both ways of reading an article, whichever Extract takes.
	var x extractor
	x.reset(title)
	if got := x.tokens(article); !reflect.DeepEqual(got, want) {
		t.Errorf("%s: extractor.tokens(%q, %q)\n got %q\nwant %q", name, title, article, got, want)
	}
	x.reset(title)
	if got, ok := x.lex(article); ok && !reflect.DeepEqual(got, want) {
		t.Errorf("%s: extractor.lex(%q, %q)\n got %q\nwant %q", name, title, article, got, want)
	}
}

func comparePrepare(t *testing.T, name string, p Page) {
	t.Helper()
	e, data, err := Prepare(p)
	we, wdata, werr := oldPrepare(p)
	if (err != nil) != (werr != nil) {
		t.Errorf("%s: Prepare error %v, want %v", name, err, werr)
		return
	}
	if e.Key != we.Key || e.Frag != we.Frag || !bytes.Equal(e.words, we.words) {
		t.Errorf("%s: Prepare(%q) entry\n got %q %q %q\nwant %q %q %q", name, p, e.Key, e.Frag, e.words, we.Key, we.Frag, we.words)
	}
	if cap(e.words) != len(e.words) {
		t.Errorf("%s: Prepare's entry keeps %d spare bytes", name, cap(e.words)-len(e.words))
	}
	// The postings by shard key that Prepare counts, as Add counts
	// them from the words.
	if want := keyCounts(nil, we.words); !slices.Equal(e.keys, want) || cap(e.keys) != len(e.keys) {
		t.Errorf("%s: Prepare(%q) counts by key\n got %v (cap %d)\nwant %v", name, p, e.keys, cap(e.keys), want)
	}
	if !bytes.Equal(data, wdata) {
		t.Errorf("%s: Prepare(%q) fragment\n got %s\nwant %s", name, p, data, wdata)
	}
}

// TestPrepareOracleHostile compares Prepare with the oracle on pages of
// odd text: every kind of character the words, folding and JSON meet.
func TestPrepareOracleHostile(t *testing.T) {
	texts := append([]string{
		"Signal Signal signal SIGNAL sIgNaL",
		"a\"b\\c\x00\x01\x1f\x7f <b>&amp; \u2028\u2029 \xff\xfe",
		strings.Repeat("word ", 100) + strings.Repeat("other ", 3),
		"Ⅻ ⅻ ǅ ǆ Ǆ İ ı ß ẞ ﬁ Å Å K Ω",
		"e\u0301 \u0301 a\u0308\u0304 ñ n\u0303",
		"١٢٣ ٣٤ ௧ ፲ 〇 ㊀ ⓵ ½ ²",
		"日本語のテキスト 한국어 中文 ไทย",
		"Ελληνικά ΣΊΣΥΦΟΣ Кириллица ЁЖИК",
		"x", "", " ", "\t\n",
	}, hostile...)
	for i, a := range texts {
		for j, b := range texts {
			if (i+j)%3 != 0 && i != j {
				continue
			}
			p := Page{Key: a, Title: a, URL: b, Sections: []Section{{Heading: b, Anchor: a, Text: a + " " + b}, {Text: b}, {Heading: a}}}
			comparePrepare(t, fmt.Sprintf("texts %d,%d", i, j), p)
		}
	}
	for r := rune(0); r < 0x30000; r++ {
		if r%7 != 0 && r > 0x3000 {
			continue
		}
		s := "x" + string(r) + "Y " + string(r) + " " + string(r) + string(r)
		if got, want := Fold(s), oldFold(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
		if got, want := Words(s), oldWords(s); !reflect.DeepEqual(got, want) {
			t.Errorf("Words(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzExtractOracle(f *testing.F) {
	// Parts of rendered pages: small inputs keep the fuzzer fast.
	for _, d := range generatedDocs(f, 2) {
		for a := d.article; len(a) > 0; {
			n := min(len(a), 1500)
			f.Add(d.title, a[:n])
			a = a[n:]
		}
	}
	for _, h := range hostile {
		f.Add("Title", []byte(h))
	}
	f.Add("", []byte(article))
	f.Fuzz(func(t *testing.T, title string, article []byte) {
		compareExtract(t, "fuzz", title, article)
		comparePrepareArticle(t, "fuzz", title, article)
	})
}

func FuzzPrepareOracle(f *testing.F) {
	f.Add("Signal Signal", "Heading", "anchor", "text of the section, Privé", "more text")
	f.Add("Ⅻ ǅ", "İ ß", "", "e\u0301 \xff \u2028 <&>", "")
	f.Add("", "", "", "", "")
	f.Fuzz(func(t *testing.T, title, heading, anchor, text, text2 string) {
		p := Page{Key: "k", Title: title, URL: anchor, Sections: []Section{{Heading: heading, Anchor: anchor, Text: text}, {Heading: text2, Text: text2 + text}}}
		comparePrepare(t, "fuzz", p)
	})
}

// benchDoc is a rendered page of the benchmark corpus (~6 KB of source).
func benchDoc(b *testing.B) doc {
	docs := generatedDocs(b, 2)
	return docs[len(docs)-1]
}

func BenchmarkExtract(b *testing.B) {
	d := benchDoc(b)
	b.SetBytes(int64(len(d.article)))
	b.ReportAllocs()
	for b.Loop() {
		Extract(d.title, d.article)
	}
}

func BenchmarkPrepare(b *testing.B) {
	d := benchDoc(b)
	p := Page{Key: d.name, Title: d.title, URL: "/" + d.name, Sections: Extract(d.title, d.article)}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Prepare(p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIndexArticle is what the build does with a page's article:
// Extract and Prepare, or PrepareArticle.
func BenchmarkIndexArticle(b *testing.B) {
	d := benchDoc(b)
	b.Run("ExtractPrepare", func(b *testing.B) {
		b.SetBytes(int64(len(d.article)))
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := Prepare(Page{Key: d.name, Title: d.title, URL: "/" + d.name, Sections: Extract(d.title, d.article)}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("PrepareArticle", func(b *testing.B) {
		b.SetBytes(int64(len(d.article)))
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := PrepareArticle(nil, d.name, d.title, "/"+d.name, d.article); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkPrepareArticleCorpus is PrepareArticle of the pages of a
// generated corpus in turn, as the build calls it (the fragment written
// into a reused buffer); an op is one page.
func BenchmarkPrepareArticleCorpus(b *testing.B) {
	docs := generatedDocs(b, 20)
	size := 0
	for _, d := range docs {
		size += len(d.article)
	}
	b.SetBytes(int64(size / len(docs)))
	b.ReportAllocs()
	var buf []byte
	i := 0
	for b.Loop() {
		d := docs[i%len(docs)]
		i++
		_, frag, err := PrepareArticle(buf, d.name, d.title, "/"+d.name, d.article)
		if err != nil {
			b.Fatal(err)
		}
		buf = frag[:0]
	}
}

// BenchmarkPrepareArticleLentCorpus is BenchmarkPrepareArticleCorpus
// with the words written into a reused WordBuf, as a build into an
// output directory prepares them.
func BenchmarkPrepareArticleLentCorpus(b *testing.B) {
	docs := generatedDocs(b, 20)
	b.ReportAllocs()
	var buf []byte
	var wb WordBuf
	i := 0
	for b.Loop() {
		d := docs[i%len(docs)]
		i++
		_, frag, err := PrepareArticleLent(buf, &wb, d.name, d.title, "/"+d.name, d.article)
		if err != nil {
			b.Fatal(err)
		}
		buf = frag[:0]
	}
}

// TestFoldRuneOracle compares foldRune with the oracle on every
// character, and on runes that are none.
func TestFoldRuneOracle(t *testing.T) {
	for r := rune(-2); r <= unicode.MaxRune+2; r++ {
		if got, want := foldRune(r), oldFoldRune(r); got != want {
			t.Errorf("foldRune(%U) = %U, want %U", r, got, want)
		}
	}
}

// TestOracleConcurrent runs Extract and Prepare from several goroutines,
// as the build does, sharing their pooled buffers (run with -race).
func TestOracleConcurrent(t *testing.T) {
	docs := generatedDocs(t, 20)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := g; i < len(docs); i += 4 {
				d := docs[i]
				compareExtract(t, d.name, d.title, d.article)
				comparePrepare(t, d.name, Page{Key: d.name, Title: d.title, URL: "/" + d.name, Sections: Extract(d.title, d.article)})
				comparePrepareArticle(t, d.name, d.title, d.article)
			}
		})
	}
	wg.Wait()
}
