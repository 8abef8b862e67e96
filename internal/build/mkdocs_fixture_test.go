package build_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

const mkdocsFixture = "../../testdata/sites/mkdocs"

// allowedWarnings are the fixture's documented warnings: front matter
// keys of MkDocs that mean nothing here, reported once per key name.
var allowedWarnings = []string{
	`content/en/about/glossary.md:4:1: warning: front matter key "schema" ignored`,
	`content/en/about/glossary.md:5:1: warning: front matter key "global" ignored`,
	`content/en/basics/encryption.md:4:1: warning: front matter key "tags" ignored`,
	`content/en/basics/metadata.md:4:1: warning: front matter key "search" ignored`,
	`content/en/basics/threat-models.md:4:1: warning: front matter key "template" ignored`,
	`content/en/index.md:6:1: warning: front matter key "social" ignored`,
}

// constructChecks are, per construct, what its rendering must contain
// (Material's structure).
var constructChecks = []struct {
	construct, page, want string
}{
	{"content tabs", "basics/threat-models/index.html", `class="tabbed-set tabbed-alternate"`},
	{"snippets", "messengers/signal/index.html", "Check every link you receive"},
	{"snippets", "setup/backups/index.html", "Backups leave the app"},
	{"markdown on any block HTML element", "about/layout/index.html", "</section>\n<hr>"},
	{"markdown on any block HTML element", "messengers/xmpp/index.html", "<strong>1999</strong>"},
	{"block attribute list after a paragraph", "messengers/briar/index.html", `class="lead-in"`},
	{"mark", "basics/encryption/index.html", "<mark>content</mark>"},
	{"insert", "basics/metadata/index.html", "<ins>less</ins>"},
	{"subscript and superscript", "basics/metadata/index.html", "CO<sub>2</sub>"},
	{"subscript and superscript", "basics/metadata/index.html", "3<sup>rd</sup>"},
	{"keys", "basics/keys/index.html", "<kbd"},
	{"definition lists", "about/glossary/index.html", "<dl>"},
	{"task lists in Material's markup", "basics/keys/index.html", "task-list-item"},
	{"abbreviations across text nodes", "basics/encryption/index.html", `>forward secrecy</abbr>`},
	{"ASCII slugs", "advanced/slugs/index.html", `id="cafe-uber-alles"`},
	{"emoji shortcodes", "index.html", `class="twemoji`},
	{"complete icon sets", "index.html", `<span class="nav-icon" aria-hidden="true"><svg`},
	{"code blocks: highlighting, title, linenums, hl_lines, mermaid", "messengers/matrix/index.html", `class="mermaid"`},
	{"code blocks: highlighting, title, linenums, hl_lines, mermaid", "messengers/signal/index.html", "signal-settings.yaml"},
	// On this branch already.
	{"script routes", "messengers/matrix/index.html", `href="#/portal"`},
	{"front matter", "index.html", `<span class="nav-status nav-status--new">New</span>`},
	{"front matter", "about/index.html", "<title>About the field notes</title>"},
	{"del", "basics/metadata/index.html", "<del>almost</del>"},
}

// shortcode matches an icon or emoji shortcode left as text.
var shortcode = regexp.MustCompile(`:[a-z][a-z0-9_+-]*:`)

// TestMkDocsFixture builds testdata/sites/mkdocs, a guide of 24 pages
// written in the full dialect of MkDocs Material under compat: mkdocs: no
// error, no warning but the documented ones, no construct left as text.
func TestMkDocsFixture(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(site, os.DirFS(mkdocsFixture)); err != nil {
		t.Fatal(err)
	}
	pages, err := filepath.Glob(filepath.Join(mkdocsFixture, "content/en/*/*.md"))
	if err != nil || len(pages) < 20 {
		t.Fatalf("the fixture has %d pages, want 20 or more (%v)", len(pages), err)
	}
	out := filepath.Join(t.TempDir(), "public")
	sum, err := buildSite(t, site, out)
	if err != nil {
		t.Fatalf("build failed: %v", err)
	}
	for _, w := range sum.Warnings {
		s := w.Error()
		if slices.ContainsFunc(allowedWarnings, func(a string) bool { return strings.HasPrefix(s, a) }) {
			continue
		}
		t.Errorf("warning not allowed: %s", s)
	}
	files := tree(t, out)
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") || name == "404.html" {
			continue
		}
		text, attrs := pageText(t, data)
		for _, a := range attrs {
			if a == "markdown" {
				t.Errorf("%s: a markdown attribute reached the output", name)
			}
		}
		for _, lit := range []string{"===", "--8<--", "==", "++", "^^", "{ ."} {
			if strings.Contains(text, lit) {
				t.Errorf("%s: %q left as text: …%s…", name, lit, around(text, lit))
			}
		}
		if m := shortcode.FindString(text); m != "" {
			t.Errorf("%s: shortcode %s left as text", name, m)
		}
	}
	for _, c := range constructChecks {
		if !bytes.Contains(files[c.page], []byte(c.want)) {
			t.Errorf("%s: %s lacks %s", c.construct, c.page, c.want)
		}
	}
}

// pageText returns the text of a page's <main> outside code, and the names
// of every attribute of the page.
func pageText(t *testing.T, page []byte) (string, []string) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var attrs []string
	var walk func(n *html.Node, inMain bool)
	walk = func(n *html.Node, inMain bool) {
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				attrs = append(attrs, a.Key)
			}
			switch n.Data {
			case "main":
				inMain = true
			case "pre", "code", "kbd", "script", "style":
				return
			}
		}
		if n.Type == html.TextNode && inMain {
			b.WriteString(n.Data)
			b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inMain)
		}
	}
	walk(doc, false)
	return b.String(), attrs
}

func around(s, sub string) string {
	i := strings.Index(s, sub)
	return s[max(0, i-30):min(len(s), i+len(sub)+30)]
}
