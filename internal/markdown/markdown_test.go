package markdown

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"

	"github.com/guidegen/guidegen/internal/golden"
	"github.com/guidegen/guidegen/internal/markdown/links"
)

// testStrings stands in for the UI strings of a locale.
func testStrings(id string, args ...any) string {
	switch id {
	case "footnote_link":
		return "Footnote ^^"
	case "footnote_backlink":
		return fmt.Sprintf("Back to reference %v", args[1])
	case "permalink_label":
		return "Link to this section"
	case "admonition.warning":
		return "Warning"
	}
	return ""
}

func newTest() *Markdown {
	return New(Options{Locale: "en", Strings: testStrings})
}

func render(t testing.TB, m *Markdown, d *Document) string {
	t.Helper()
	var b Buffer
	if err := m.Render(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestRenderGolden renders every testdata/render/*.md file and compares
// the HTML with the .html file beside it.
func TestRenderGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/render/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	m := newTest()
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got := render(t, m, m.Parse(f, "", src))
			if _, err := html.Parse(strings.NewReader(got)); err != nil {
				t.Errorf("output is not HTML: %v", err)
			}
			golden.Check(t, strings.TrimSuffix(f, ".md")+".html", []byte(got))
		})
	}
}

func TestFootnoteBacklinkPerReference(t *testing.T) {
	m := newTest()
	src := []byte("a[^n] b[^n] c[^n]\n\n[^n]: note\n")
	got := render(t, m, m.Parse("x.md", "", src))
	for _, want := range []string{
		`<sup id="fnref:1">`, `<sup id="fnref1:1">`, `<sup id="fnref2:1">`,
		`href="#fnref:1" class="footnote-backref" role="doc-backlink" aria-label="Back to reference 1"`,
		`href="#fnref1:1" class="footnote-backref" role="doc-backlink" aria-label="Back to reference 2"`,
		`href="#fnref2:1" class="footnote-backref" role="doc-backlink" aria-label="Back to reference 3"`,
		`&#x21a9;&#xfe0e;<sup>3</sup>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
	// Every id on the page is unique.
	ids := map[string]int{}
	for _, part := range strings.Split(got, ` id="`)[1:] {
		ids[part[:strings.IndexByte(part, '"')]]++
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q appears %d times", id, n)
		}
	}
}

func TestHeadingsAndTOC(t *testing.T) {
	m := newTest()
	src, err := os.ReadFile("testdata/render/headings.md")
	if err != nil {
		t.Fatal(err)
	}
	d := m.Parse("headings.md", "", src)
	var got []string
	for _, h := range d.Headings {
		got = append(got, fmt.Sprintf("%d %s %q", h.Level, h.ID, h.Text))
	}
	want := []string{
		`1 privé-berichten "Privé-berichten"`,
		`2 minimum-requirements "Minimum requirements"`,
		`2 minimum-requirements_1 "Minimum requirements"`,
		`3 peer-to-peer-p2p "Peer-to-Peer (P2P)"`,
		`2 my-id "Custom id"`,
		`2 the-code-and-emphasis-and-a-link "The code and emphasis and a link"`,
		`2 my-id_1 "my-id"`,
		`2 één-op-één "Één op één"`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("headings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	toc := TOC(d.Headings, 2, 3)
	if len(toc) != 6 || toc[1].ID != "minimum-requirements_1" || len(toc[1].Children) != 1 || toc[1].Children[0].ID != "peer-to-peer-p2p" {
		t.Errorf("TOC nesting wrong: %+v", toc)
	}
	if !d.HasAnchor("my-id") || !d.HasAnchor("privé-berichten") || d.HasAnchor("nope") {
		t.Error("HasAnchor does not match the headings")
	}
}

func TestTOCSkippedLevels(t *testing.T) {
	m := newTest()
	d := m.Parse("x.md", "", []byte("## A\n#### Deep\n### B\n## C\n"))
	toc := TOC(d.Headings, 2, 4)
	if len(toc) != 2 || len(toc[0].Children) != 2 || toc[0].Children[0].Text != "Deep" || toc[0].Children[1].Text != "B" {
		t.Errorf("TOC = %+v", toc)
	}
}

func TestFrontMatterBlock(t *testing.T) {
	m := newTest()
	tests := []struct {
		name   string
		src    string
		closed bool
		yaml   string
		none   bool
	}{
		{"closed", "---\ntitle: x\n---\n\nbody\n", true, "title: x\n", false},
		{"unclosed", "---\ntitle: x\nbody\n", false, "title: x\nbody\n", false},
		{"none", "# Title\n\nbody\n", false, "", true},
		{"blank first line is not front matter", "\n---\ntitle: x\n---\n", false, "", true},
		{"thematic break later is not front matter", "text\n\n---\n\nmore\n", false, "", true},
		{"crlf", "---\r\ntitle: x\r\n---\r\n", true, "title: x\r\n", false},
		{"bom", "\uFEFF---\ntitle: x\n---\n", true, "title: x\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := m.Parse("x.md", "", []byte(tt.src))
			fm := d.FrontMatter
			if tt.none {
				if fm != nil {
					t.Fatalf("found front matter %q", fm.YAML)
				}
				return
			}
			if fm == nil {
				t.Fatal("no front matter")
			}
			if fm.Closed != tt.closed || string(fm.YAML) != tt.yaml || fm.Line != 1 {
				t.Errorf("got closed=%v yaml=%q line=%d", fm.Closed, fm.YAML, fm.Line)
			}
			if strings.Contains(render(t, m, d), "title: x") {
				t.Error("front matter leaked into the HTML")
			}
		})
	}
}

func TestRefsPositions(t *testing.T) {
	m := newTest()
	src := "---\ntitle: t\n---\n\nSee [the criteria](about/criteria.md#best) and\n![logo](assets/img/x.svg) or [home](https://x.org).\n\n- a [frag](#top)\n"
	d := m.Parse("content/en/page.md", "", []byte(src))
	var got []string
	for _, r := range d.Refs {
		got = append(got, fmt.Sprintf("%s %d %s#%s", d.Pos(r.Offset), r.Kind, r.Path, r.Fragment))
	}
	want := []string{
		"content/en/page.md:5:5 1 about/criteria.md#best",
		"content/en/page.md:6:1 2 assets/img/x.svg#",
		"content/en/page.md:8:5 0 #top",
	}
	if !slices.Equal(got, want) {
		t.Errorf("refs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// resolver is a links.Resolver that maps every page to /LOCALE/PAGE/.
type resolver struct {
	Buffer
	locale string
}

func (r *resolver) ResolveURL(t *links.Target) string {
	u := "/" + r.locale + "/" + strings.TrimSuffix(t.Page, ".md") + "/"
	if t.Fragment != "" {
		u += "#" + t.Fragment
	}
	return u
}

func TestRenderAskstheWriterForSiteLinks(t *testing.T) {
	m := newTest()
	d := m.Parse("x.md", "", []byte("[c](about/criteria.md#x) and [ext](https://x.org/)\n"))
	links.SetTarget(d.Refs[0].Node, &links.Target{Page: "about/criteria.md", Fragment: "x"})
	for _, loc := range []string{"en", "nl"} {
		w := &resolver{locale: loc}
		if err := m.Render(w, d); err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf(`<a href="/%s/about/criteria/#x">c</a> and <a href="https://x.org/">ext</a>`, loc)
		if !strings.Contains(w.String(), want) {
			t.Errorf("%s: got %s, want %s", loc, w.String(), want)
		}
	}
	// Without a resolver the link is rendered as written.
	if got := render(t, m, d); !strings.Contains(got, `href="about/criteria.md#x"`) {
		t.Errorf("got %s", got)
	}
}

// TestConcurrentUse parses and renders with one shared pipeline from many
// goroutines; run with -race.
func TestConcurrentUse(t *testing.T) {
	m := newTest()
	src, err := os.ReadFile("testdata/render/footnotes.md")
	if err != nil {
		t.Fatal(err)
	}
	want := render(t, m, m.Parse("f.md", "", src))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				var b Buffer
				if err := m.Render(&b, m.Parse("f.md", "", src)); err != nil {
					t.Error(err)
					return
				}
				if b.String() != want {
					t.Error("concurrent render differs")
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestAnchorsFromHeadings checks that the ids a parse collects while it
// collects links (anchorVisitor), and collectAnchors, which takes the ids
// of headings from Document.Headings when they still match, find what a
// plain walk of the parsed tree finds: generated, explicit, duplicate and
// translated ids, ids of other elements, footnotes, and a heading whose id
// changed after parsing; with the dialect and without (Options.Plain), on
// a page and on its translation.
func TestAnchorsFromHeadings(t *testing.T) {
	for _, plain := range []bool{false, true} {
		testAnchorsFromHeadings(t, New(Options{Locale: "en", Strings: testStrings, Plain: plain}))
	}
}

func testAnchorsFromHeadings(t *testing.T, m *Markdown) {
	t.Helper()
	docs := []string{
		"# A\n\n## A\n\n## B { #b }\n\nText [x](y){ #link } and {#none}.\n\n## B\n",
		"# Title\n\nA note[^1].\n\n[^1]: The note.\n\n## Más café\n",
		"!!! note \"Title\"\n    ## Inside\n\n- ## In a list\n\n| a |\n|---|\n| b |\n",
		"Setext\n======\n\n# \n\n#  Only punctuation ?!\n",
	}
	guide, err := os.ReadFile(filepath.Join("..", "..", "content", "en", "alternatives.md"))
	if err != nil {
		t.Fatal(err)
	}
	docs = append(docs, string(guide))
	// The guide's other pages, Dutch ones included.
	var pages []string
	err = filepath.WalkDir(filepath.Join("..", "..", "content"), func(p string, e fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			pages = append(pages, p)
		}
		return err
	})
	if err != nil || len(pages) < 10 {
		t.Fatalf("guide pages: %v, %v", pages, err)
	}
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, string(b))
	}
	for i, src := range docs {
		d := m.Parse("t.md", "", []byte(src))
		if want := idMap(collectAnchors(d.Root, nil)); !maps.Equal(idMap(d.anchors), want) || len(want) == 0 {
			t.Errorf("doc %d: anchors %v, a plain walk finds %v", i, idMap(d.anchors), want)
		}
		// As a translation of itself: every segment is marked.
		tr := m.ParseInput(Input{File: "t.md", Src: []byte(src), Source: SourceOf(d, "nl")})
		if want := idMap(collectAnchors(tr.Root, nil)); !maps.Equal(idMap(tr.anchors), want) {
			t.Errorf("doc %d as a translation: anchors %v, a plain walk finds %v", i, idMap(tr.anchors), want)
		}
		if len(d.Headings) == 0 {
			continue
		}
		h := d.Headings[0]
		h.Node.SetAttributeString("id", []byte("changed"))
		got := idMap(collectAnchors(d.Root, d.Headings))
		if !got["changed"] || (got[h.ID] && h.ID != "changed" && !idMap(collectAnchors(d.Root, nil))[h.ID]) {
			t.Errorf("doc %d: after the first heading's id changed, anchors %v", i, got)
		}
		if want := idMap(collectAnchors(d.Root, nil)); !maps.Equal(got, want) {
			t.Errorf("doc %d: after a change, anchors %v, a plain walk finds %v", i, got, want)
		}
	}
}

// TestHeadingsAreAllHeadings checks that Document.Headings, which
// headingid gathers with a walk that skips the nodes a heading cannot be
// in, holds every heading of the tree in document order: in lists, block
// quotes, admonitions, tabs, footnotes and Markdown in HTML, next to
// tables, on the guide's pages.
func TestHeadingsAreAllHeadings(t *testing.T) {
	docs := []string{
		"# A\n\n- ## In a list\n\n  > ### In a quote\n\n| a | b |\n|---|---|\n| ## c | d |\n\n## After the table\n",
		"!!! note \"T\"\n    ## In a note\n\n=== \"Tab\"\n    ### In a tab\n\nText[^1].\n\n[^1]: A note.\n\n    # In a footnote\n",
		"<div markdown=\"1\">\n\n## In HTML\n\n</div>\n\nSetext\n------\n",
	}
	err := filepath.WalkDir(filepath.Join("..", "..", "content"), func(p string, e fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			docs = append(docs, string(b))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	counts := []int{4, 3, 2} // the headings of the docs above
	m := newTest()
	for i, src := range docs {
		d := m.Parse("t.md", "", []byte(src))
		var want []ast.Node
		_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if h, ok := n.(*ast.Heading); ok && entering {
				want = append(want, h)
			}
			return ast.WalkContinue, nil
		})
		var got []ast.Node
		for _, h := range d.Headings {
			got = append(got, h.Node)
		}
		if !slices.Equal(got, want) || i < len(counts) && len(want) != counts[i] {
			t.Errorf("doc %d: %d headings, the tree has %d", i, len(got), len(want))
		}
	}
}

// idMap returns the ids of a set as a map, each id once: a set that lists
// an id twice fails.
func idMap(s idSet) map[string]bool {
	m := map[string]bool{}
	n := 0
	for id := range s.all {
		m[id] = true
		n++
	}
	if n != len(m) {
		m["(an id twice)"] = true
	}
	return m
}

// TestIDSet: an idSet, listed or mapped, holds what a map holds, each id
// once, made or not.
func TestIDSet(t *testing.T) {
	for _, n := range []int{0, 1, listedIDs - 1, listedIDs, listedIDs + 1, 3 * listedIDs} {
		s := idSet{list: []string{}}
		want := map[string]bool{}
		for i := range n {
			s.add(strconv.Itoa(i))
			want[strconv.Itoa(i)] = true
			if i == 1 {
				s.add("0") // given twice, before the map is made
			}
		}
		if n > listedIDs {
			s.add("1") // and after
		}
		if !maps.Equal(idMap(s), want) {
			t.Errorf("%d ids: set %v, want %v", n, idMap(s), want)
		}
		for _, id := range []string{"0", strconv.Itoa(n / 2), "x"} {
			if s.has(id) != want[id] {
				t.Errorf("%d ids: has(%q) = %v", n, id, s.has(id))
			}
		}
	}
}
