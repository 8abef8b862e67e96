package markdown_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/guidegen/guidegen/internal/htmlcheck"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

// referencePage is the Dutch source of a real guide page in the MkDocs
// Material dialect, kept beside the checkout (../shared/reference).
const referencePage = "../../../shared/reference/001_02a3e0a122a7fd56.txt"

// TestReferencePage renders the real page: no construct of the dialect may
// be left as literal text, and every recommendation card must come out as
// a card with its collapsible downloads list.
func TestReferencePage(t *testing.T) {
	src, err := os.ReadFile(referencePage)
	if os.IsNotExist(err) {
		t.Skipf("%s is absent (it sits beside the checkout, in ../shared)", filepath.Clean(referencePage))
	}
	if err != nil {
		t.Fatal(err)
	}
	m := mdtest.New()
	got, d := mdtest.Render(t, m, string(src))
	if err := htmlcheck.WellFormed(got); err != nil {
		t.Fatalf("HTML is not well formed: %v", err)
	}
	// An unknown icon stays as text, as in Material (and is warned about).
	known := strings.ReplaceAll(got, ":simple-windows11:", "")
	for _, lit := range []string{"!!!", "???", "{ .", "{.", ":octicons-", ":simple-", ":material-", ":fontawesome-", " markdown>", ` markdown="`} {
		if i := strings.Index(known, lit); i >= 0 {
			t.Errorf("literal %q left in the HTML: …%s…", lit, known[max(0, i-80):min(len(known), i+80)])
		}
	}

	doc, err := html.Parse(strings.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	cards := findAll(doc, func(n *html.Node) bool {
		return n.Data == "div" && hasClass(n, "admonition") && hasClass(n, "recommendation")
	})
	// The page has five recommendation blocks: Signal, SimpleX, Briar,
	// Element and Session.
	if len(cards) != 5 {
		t.Errorf("%d recommendation cards, want 5", len(cards))
	}
	for i, c := range cards {
		dl := findAll(c, func(n *html.Node) bool { return n.Data == "details" && hasClass(n, "downloads") })
		if len(dl) != 1 {
			t.Errorf("card %d: %d downloads lists, want 1", i+1, len(dl))
			continue
		}
		if _, open := attr(dl[0], "open"); open {
			t.Errorf("card %d: the downloads list is open; ??? makes it closed", i+1)
		}
		if s := findAll(dl[0], func(n *html.Node) bool { return n.Data == "summary" }); len(s) != 1 || text(s[0]) != "Downloaden" {
			t.Errorf("card %d: downloads summary wrong", i+1)
		}
		if len(findAll(c, func(n *html.Node) bool { return n.Data == "a" && hasClass(n, "md-button") })) == 0 {
			t.Errorf("card %d has no button", i+1)
		}
		if len(findAll(dl[0], func(n *html.Node) bool { return n.Data == "span" && hasClass(n, "twemoji") })) == 0 {
			t.Errorf("card %d: no platform icons in the downloads list", i+1)
		}
	}
	// :simple-windows11: is not in simple-icons any more; it is the only
	// warning the page gives.
	for _, p := range mdtest.Problems(d) {
		if !strings.Contains(p, `unknown icon "simple-windows11"`) {
			t.Errorf("unexpected problem: %s", p)
		}
	}
	if len(d.Problems) == 0 {
		t.Error("no warning for the unknown icon simple-windows11")
	}
}

func findAll(n *html.Node, pred func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && pred(c) {
			out = append(out, c)
		}
		out = append(out, findAll(c, pred)...)
	}
	return out
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *html.Node, class string) bool {
	v, _ := attr(n, "class")
	for _, c := range strings.Fields(v) {
		if c == class {
			return true
		}
	}
	return false
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}
