package htmlmin

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// spanPage is a page with the chrome of a site: pieces of every kind
// (written by emit, handed to the minifier), cut before start and end
// tags, text whose last space depends on what follows a cut, a <title>
// (raw text) and a <pre> (no cut inside) at piece starts.
const spanPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>A  &amp; B </title>
<script>var a = 1;</script>
<style>a { color : red }</style>
</head>
<body>
<header class="site-header" id="top"><a class="site-title" href="/">Guide </a>
<nav aria-label="Main"><ul>
<li><a href="/a/">A</a> </li>
<li><a href="/b/" style="color : red">B</a></li>
</ul></nav>
</header>
<main><p>text <b>bold</b> </p><pre> a  <div> b </div>
  c</pre> d <div class=" x  y "> e </div>
<p>x &amp;  y <span> z </span> </p><title>t</title>
</main>
<footer><p>This site sets no cookies. </p>
</footer>
</body>
</html>
`

// TestSpans: pages that share all but a byte, or their end, with a
// reference page are minified as the minifier minifies them, and most
// of them partly from the reference.
func TestSpans(t *testing.T) {
	m := newM()
	for _, ref := range [][]byte{[]byte(spanPage), []byte(spanPage + "<p>a <b>b</b> ")} {
		x := New(m)
		same(t, m, x, "reference", ref)
		if ix := x.refs.Load(); ix == nil || len(ix.refs) != 1 {
			t.Fatal("the page is not a reference")
		}
		same(t, m, x, "reference again", ref)
		if got := x.reused.Load(); got != int64(len(ref)) {
			t.Fatalf("reused %d bytes of the reference, want %d", got, len(ref))
		}
		// A byte changed in the footer too: pieces lexed before a
		// piece start where a span is found, and after it.
		late := bytes.Index(ref, []byte("cookies"))
		var variants [][]byte
		for i := range ref {
			for _, c := range []byte{'x', ' ', '\n', '<', '>', '/', '"', '&'} {
				if ref[i] != c {
					p := bytes.Clone(ref)
					p[i] = c
					variants = append(variants, p)
					if i < late {
						p = bytes.Clone(p)
						p[late] = 'C'
						variants = append(variants, p)
					}
				}
			}
			variants = append(variants,
				ref[:i],
				append(bytes.Clone(ref[:i]), "<span> a </span>"...),
				append(bytes.Clone(ref[:i]), ref[i+1:]...),
				append(append(bytes.Clone(ref[:i]), " <p> "...), ref[i:]...),
			)
		}
		variants = append(variants, append(bytes.Clone(ref), " x"...), append(bytes.Clone(ref), "<span>x</span>"...),
			append(bytes.Clone(ref), "<div>"...))
		reused := int64(0)
		for _, p := range variants {
			// Each with the reference only.
			x := New(m)
			same(t, m, x, "reference", ref)
			r := x.reused.Load()
			same(t, m, x, "variant", p)
			reused += x.reused.Load() - r
		}
		if reused < int64(len(variants)*len(ref)/3) {
			t.Errorf("reused %d bytes of %d variants of %d bytes", reused, len(variants), len(ref))
		}
	}
}

// FuzzSpans minifies pages with a Minifier that has spanPage as its
// reference: the seeds are variants of it.
func FuzzSpans(f *testing.F) {
	ref := []byte(spanPage)
	f.Add(ref)
	f.Add(append(bytes.Clone(ref), "<span>x</span>"...))
	f.Add(bytes.Replace(ref, []byte("<title>"), []byte("<p><title>"), 1))
	f.Add(bytes.Replace(ref, []byte("</header>"), []byte("</header > x"), 1))
	m := newM()
	f.Fuzz(func(t *testing.T, page []byte) {
		x := New(m)
		same(t, m, x, "reference", ref)
		same(t, m, x, "fuzz", page)
	})
}

// TestSpansAfterBody: a page with the chrome of the reference around a
// body of its own, longer than probeAll pieces, is minified as the
// minifier minifies it, and its footer is written from the reference
// (but for at most probeEvery pieces at its start).
func TestSpansAfterBody(t *testing.T) {
	body := func(word string) string {
		return strings.Repeat("<p>"+word+" text, <em>a</em> b.</p>\n<ul>\n<li>"+word+"</li>\n</ul>\n", 3*probeAll)
	}
	head := "<!doctype html>\n<html>\n<head>\n<title>t</title>\n</head>\n<body>\n<header><nav><ul><li><a href=\"/\">home</a></li></ul></nav></header>\n<main>\n"
	var foot strings.Builder
	foot.WriteString("</main>\n<footer>\n<ul>\n")
	for i := range 4 * probeEvery {
		fmt.Fprintf(&foot, "<li><a href=\"/%d/\">link %d</a></li>\n", i, i)
	}
	foot.WriteString("</ul>\n</footer>\n</body>\n</html>\n")
	ref := head + body("reference") + foot.String()
	page := head + body("page") + foot.String()
	m := newM()
	x := New(m)
	same(t, m, x, "reference", []byte(ref))
	r := x.reused.Load()
	same(t, m, x, "page", []byte(page))
	// The footer's pieces after the first probeEvery ones.
	li := strings.Index(foot.String(), "<li>")
	want := int64(len(head) + len(foot.String()) - li - (probeEvery+1)*len("<li><a href=\"/0/\">link 0</a></li>\n"))
	if got := x.reused.Load() - r; got < want {
		t.Errorf("reused %d bytes of the page, want at least %d", got, want)
	}
}
