package sprite

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const check = `<path d="M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z"/>`

func TestRewrite(t *testing.T) {
	icon := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" focusable="false">` + check + `</svg>`
	once := `<svg viewBox="0 0 16 16"><path d="M0 0h16"/></svg>`
	page := "<!doctype html><html><head><title>x</title></head><body class=\"b\">\n<p>" +
		`<span aria-hidden="true">` + icon + `</span> a ` + icon + " b " + once + " c " + icon + "</p>\n</body></html>"
	got := string(Rewrite([]byte(page)))
	if n := strings.Count(got, check); n != 1 {
		t.Errorf("the path appears %d times, want once:\n%s", n, got)
	}
	if n := strings.Count(got, `<use href="#gg-i-`); n != 3 {
		t.Errorf("%d <use>, want 3:\n%s", n, got)
	}
	if !strings.Contains(got, `<body class="b"><svg xmlns="http://www.w3.org/2000/svg" hidden aria-hidden="true" focusable="false"><symbol id="gg-i-`) {
		t.Errorf("no sprite right after <body>:\n%s", got)
	}
	if !strings.Contains(got, once) {
		t.Errorf("an icon used once was moved:\n%s", got)
	}
	if !strings.Contains(got, `<span aria-hidden="true"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" focusable="false"><use href="#gg-i-`) {
		t.Errorf("an occurrence lost its attributes or place:\n%s", got)
	}
	// Deterministic, and idempotent on a page without repeats; the same
	// with the ids remembered (twice: the second from memory).
	if again := Rewrite([]byte(page)); !bytes.Equal(again, []byte(got)) {
		t.Error("two rewrites differ")
	}
	var ids IDs
	for i := range 2 {
		if again := ids.Rewrite([]byte(page)); !bytes.Equal(again, []byte(got)) {
			t.Errorf("rewrite %d with remembered ids differs:\n%s", i, again)
		}
	}
	if len(ids.ids) != 1 {
		t.Errorf("%d ids remembered, want 1", len(ids.ids))
	}
	// A large drawing is not remembered.
	big := strings.Repeat("<path d=\"M0 0\"/>", maxIDKey/16)
	bigPage := "<html><body><svg viewBox=\"0 0 1 1\">" + big + "</svg><svg viewBox=\"0 0 1 1\">" + big + "</svg></body></html>"
	if got, want := ids.Rewrite([]byte(bigPage)), Rewrite([]byte(bigPage)); !bytes.Equal(got, want) || len(ids.ids) != 1 {
		t.Errorf("a large drawing: %d ids remembered, same output %v", len(ids.ids), bytes.Equal(got, want))
	}
	plain := "<html><body><p>no icons</p></body></html>"
	if got := Rewrite([]byte(plain)); string(got) != plain {
		t.Errorf("a page without icons changed: %s", got)
	}
}

// bodyIndex is bodyOpen as regexp's FindIndex gives it.
func bodyIndex(page []byte) []int {
	if start, end, ok := bodyOpen(page); ok {
		return []int{start, end}
	}
	return nil
}

// TestBodyOpen: bodyOpen finds what the regular expression it replaced
// finds.
func TestBodyOpen(t *testing.T) {
	re := regexp.MustCompile(`<body[^>]*>`)
	for _, page := range []string{
		"", "<body>", "<body", "x<body class=\"a\">y", "<BODY>", "<body\n>", "<bodyx><body>",
		"<body <body>", "<body a=\">\">", "a<b>c<body>", "<body><body id=x>", "<bod<body>",
	} {
		want := re.FindIndex([]byte(page))
		if got := bodyIndex([]byte(page)); !slices.Equal(got, want) {
			t.Errorf("%q: %v, want %v", page, got, want)
		}
	}
}

func FuzzBodyOpen(f *testing.F) {
	re := regexp.MustCompile(`<body[^>]*>`)
	f.Add([]byte("x<body class=\"a\">y"))
	f.Fuzz(func(t *testing.T, page []byte) {
		if got, want := bodyIndex(page), re.FindIndex(page); !slices.Equal(got, want) {
			t.Errorf("%q: %v, want %v", page, got, want)
		}
	})
}

// TestIndexSVG: indexSVG finds what bytes.Index finds.
func TestIndexSVG(t *testing.T) {
	for _, p := range []string{
		"", "<", "<s", "<sv", "<svg", "v", "vv<svg", "<svg<svg", "x<svgx", "<sv<svg",
		"<svG <svg", "<avg", "asvg", "<sva", "<s v g", "<<svvg<svg", "a<svg b", "<sv", "svg", "<svg>" + strings.Repeat("v", 100) + "<svg",
	} {
		if got, want := indexSVG([]byte(p)), bytes.Index([]byte(p), svgOpen); got != want {
			t.Errorf("%q: %d, want %d", p, got, want)
		}
	}
}

func FuzzIndexSVG(f *testing.F) {
	f.Add([]byte("<sv<svg"))
	f.Fuzz(func(t *testing.T, p []byte) {
		if got, want := indexSVG(p), bytes.Index(p, svgOpen); got != want {
			t.Errorf("%q: %d, want %d", p, got, want)
		}
	})
}

// TestRewriteIn: RewriteIn gives what Rewrite gives, built in the array
// of the buffer it is given when that has room, and page itself when
// there is nothing to rewrite.
func TestRewriteIn(t *testing.T) {
	icon := `<svg viewBox="0 0 24 24">` + check + `</svg>`
	page := []byte("<html><body><p>" + icon + " a " + icon + "</p></body></html>")
	want := Rewrite(page)
	for _, size := range []int{0, 10, 4096} {
		buf := append(make([]byte, 0, size), "junk"[:min(size, 4)]...) // RewriteIn starts at buf[:0]
		got := (&IDs{}).RewriteIn(buf, page)
		if !bytes.Equal(got, want) {
			t.Errorf("buffer of %d: %s, want %s", size, got, want)
		}
		if inBuf := cap(buf) > 0 && &got[0] == &buf[:1][0]; inBuf != (size == 4096) {
			t.Errorf("buffer of %d: built in it %v", size, inBuf)
		}
	}
	plain := []byte("<html><body><p>" + icon + "</p></body></html>")
	if got := (&IDs{}).RewriteIn(make([]byte, 0, 4096), plain); &got[0] != &plain[0] {
		t.Error("a page without repeats is not returned as it is")
	}
}

// TestLeftAlone: an SVG that parse leaves alone is not shared, however
// often it is repeated (an SVG nested in it may be).
func TestLeftAlone(t *testing.T) {
	for _, tt := range []struct {
		svg    string
		nested bool
	}{
		{`<svg viewBox="0 0 1 1"><svg><path d="M0"/></svg></svg>`, true},
		{`<svg viewBox="0 0 1 1"><g><svg ><path/></g></svg>`, true}, // unclosed
		{`<svg id="x"><path d="M0"/></svg>`, false},
		{`<svg/><path/></svg>`, false},
		{`<svgx><path/></svg>`, false},
	} {
		page := "<html><body>" + tt.svg + tt.svg + "</body></html>"
		got := string(Rewrite([]byte(page)))
		if strings.Contains(got, "<use") != tt.nested || strings.Contains(got, `" viewBox="0 0 1 1">`) { // a <symbol> of the outer SVG
			t.Errorf("%s: shared:\n%s", tt.svg, got)
		}
		if tt.nested && strings.Count(got, `<svg viewBox="0 0 1 1">`) != 2 {
			t.Errorf("%s: the outer SVG moved:\n%s", tt.svg, got)
		}
	}
}

// TestSameDrawingTwoViewBoxes: a drawing repeated under two viewBoxes is
// two symbols, each shared (the group key is the viewBox and the drawing).
func TestSameDrawingTwoViewBoxes(t *testing.T) {
	a := `<svg viewBox="0 0 16 16">` + check + `</svg>`
	b := `<svg viewBox="0 0 24 24">` + check + `</svg>`
	got := string(Rewrite([]byte("<html><body>" + a + b + a + b + "</body></html>")))
	if n := strings.Count(got, "<symbol "); n != 2 {
		t.Errorf("%d symbols, want 2:\n%s", n, got)
	}
	if n := strings.Count(got, "<use "); n != 4 {
		t.Errorf("%d uses, want 4:\n%s", n, got)
	}
}

// TestManyDrawings: with more distinct drawings on a page than it tells
// apart by comparing them (maxFew), every repeated drawing is still one
// symbol, in the order of first appearance, and every occurrence uses it.
func TestManyDrawings(t *testing.T) {
	for _, n := range []int{1, maxFew - 1, maxFew, maxFew + 1, 3 * maxFew} {
		icon := func(i int) string {
			return fmt.Sprintf(`<svg viewBox="0 0 %d 16"><path d="M%d 0h16"/></svg>`, 1+i%3, i)
		}
		var page strings.Builder
		page.WriteString("<html><body>")
		for i := range n { // each drawing once, then the even ones again
			page.WriteString(icon(i))
		}
		for i := n - 1; i >= 0; i-- {
			if i%2 == 0 {
				page.WriteString(icon(i))
			}
		}
		page.WriteString("</body></html>")
		got := string(Rewrite([]byte(page.String())))
		want := (n + 1) / 2
		if c := strings.Count(got, "<symbol "); c != want {
			t.Errorf("%d drawings: %d symbols, want %d", n, c, want)
		}
		if c := strings.Count(got, "<use "); c != 2*want {
			t.Errorf("%d drawings: %d uses, want %d", n, c, 2*want)
		}
		last := -1
		for i := 0; i < n; i += 2 {
			k := strings.Index(got, fmt.Sprintf(`"><path d="M%d 0h16"/></symbol>`, i))
			if k < last {
				t.Errorf("%d drawings: symbol %d at %d, before the one before it (%d)", n, i, k, last)
			}
			last = k
		}
	}
}

// endSVGOracle is what parse did before endSVG: find the end, then look
// for a nested SVG before it.
func endSVGOracle(p []byte) int {
	end := bytes.Index(p, svgClose)
	if end < 0 || bytes.Contains(p[:end], svgOpen) {
		return -1
	}
	return end
}

var endSVGCases = []string{
	"", "<", "</svg>", "</svg", "<svg</svg>", "a</svg><svg", "<path/></svg>", "<path/><svg></svg></svg>",
	"<</svg>", "<<svg>", "</sv</svg>", "<sv</svg>", "x<svgx</svg>", "</svg></svg>", "<g><svg", "<g></g>",
}

// TestEndSVG: endSVG gives what endSVGOracle gives.
func TestEndSVG(t *testing.T) {
	for _, p := range endSVGCases {
		if got, want := endSVG([]byte(p)), endSVGOracle([]byte(p)); got != want {
			t.Errorf("%q: %d, want %d", p, got, want)
		}
	}
}

func FuzzEndSVG(f *testing.F) {
	for _, p := range endSVGCases {
		f.Add([]byte(p))
	}
	f.Fuzz(func(t *testing.T, p []byte) {
		if got, want := endSVG(p), endSVGOracle(p); got != want {
			t.Errorf("%q: %d, want %d", p, got, want)
		}
	})
}

// rewriteCases are pages for the comparison with the pass as it was.
func rewriteCases() []string {
	icon := `<svg viewBox="0 0 24 24">` + check + `</svg>`
	pages := []string{
		"<html><body><p>" + icon + " a " + icon + "</p></body></html>",
		"<html><body>" + icon + `<svg id="x">` + check + `</svg><svg a=" id=x">` + check + `</svg>` + icon + "</body></html>",
		`<body><svg a='>' b=" id="><path/></svg><svg a='>' b=" id="><path/></svg><svg/></svg>`,
		"<body>" + strings.Repeat(icon, 3) + "<svg viewBox=\"0 0 1 1\"><svg></svg></svg>" + icon,
	}
	var many strings.Builder
	many.WriteString("<body>")
	for i := range 3 * maxFew {
		fmt.Fprintf(&many, `<svg viewBox="0 0 %d 1"><path d="M%d"/></svg>`, i%3, i%(2*maxFew))
	}
	return append(pages, many.String())
}

// TestRewriteOld: RewriteIn gives what the pass gave before.
func TestRewriteOld(t *testing.T) {
	for _, p := range rewriteCases() {
		var a, b IDs
		if got, want := a.RewriteIn(nil, []byte(p)), oldRewriteIn(&b, nil, []byte(p)); !bytes.Equal(got, want) {
			t.Errorf("%q:\n%s\nwant\n%s", p, got, want)
		}
	}
}

func FuzzRewrite(f *testing.F) {
	for _, p := range rewriteCases() {
		f.Add([]byte(p))
	}
	f.Fuzz(func(t *testing.T, p []byte) {
		var a, b IDs
		if got, want := a.RewriteIn(nil, p), oldRewriteIn(&b, nil, p); !bytes.Equal(got, want) {
			t.Errorf("%q:\n%s\nwant\n%s", p, got, want)
		}
	})
}
