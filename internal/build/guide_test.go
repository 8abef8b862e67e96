package build_test

import (
	"bytes"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"gopkg.in/yaml.v3"

	guidegen "github.com/guidegen/guidegen"
	"github.com/guidegen/guidegen/internal/build"
	"github.com/guidegen/guidegen/internal/sitefs"
)

// buildBundled builds the embedded guide and returns its files and summary.
func buildBundled(t *testing.T) (map[string][]byte, *build.Summary) {
	t.Helper()
	site := &sitefs.Site{FS: guidegen.Bundled(), Theme: guidegen.Bundled(), Bundled: true}
	out := t.TempDir()
	sum, err := build.Run(build.Options{Site: site, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	return tree(t, out), sum
}

// contentPages lists the Markdown pages of a locale, relative to its
// content directory.
func contentPages(t *testing.T, locale string) []string {
	t.Helper()
	var pages []string
	root := "content/" + locale
	err := fs.WalkDir(guidegen.Bundled(), root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			pages = append(pages, strings.TrimPrefix(p, root+"/"))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// pageFile is the output file of a content page in a locale.
func pageFile(locale, page string) string {
	p := strings.TrimSuffix(page, ".md")
	switch {
	case p == "index":
		p = "index.html"
	case strings.HasSuffix(p, "/index"):
		p = strings.TrimSuffix(p, "index") + "index.html"
	default:
		p += "/index.html"
	}
	if locale != "en" {
		p = locale + "/" + p
	}
	return p
}

// TestBundledGuideComplete: every page exists in both locales, no Dutch
// page or string falls back to English, and the build has no warnings.
func TestBundledGuideComplete(t *testing.T) {
	en, nl := contentPages(t, "en"), contentPages(t, "nl")
	for _, want := range []string{"index.md", "real-time-communication.md", "alternatives.md",
		"advanced/communication-network-types.md", "about/criteria.md", "about/index.md"} {
		if !slices.Contains(en, want) {
			t.Errorf("content/en/%s is missing", want)
		}
	}
	if !slices.Equal(en, nl) {
		t.Errorf("pages differ between locales:\nen: %v\nnl: %v", en, nl)
	}
	files, sum := buildBundled(t)
	if len(sum.Warnings) > 0 {
		t.Errorf("warnings: %v", sum.Warnings)
	}
	for _, l := range sum.Locales {
		if l.Fallback != 0 || l.MissingStrings != 0 || l.Translated != len(en) {
			t.Errorf("%s: %d translated, %d fallback pages, %d missing strings; want %d, 0, 0",
				l.Code, l.Translated, l.Fallback, l.MissingStrings, len(en))
		}
	}
	for _, p := range en {
		for _, l := range []string{"en", "nl"} {
			f := pageFile(l, p)
			page, ok := files[f]
			switch {
			case !ok:
				t.Errorf("%s: not written", f)
			case bytes.Contains(page, []byte("notice-fallback")) || !bytes.Contains(page, []byte(`<article lang="`+l+`"`)):
				t.Errorf("%s: rendered as a fallback", f)
			}
		}
	}
}

// TestBundledGuideLinks follows every link, image and stylesheet of the
// built guide that stays on the site, and checks that its file and its
// fragment exist.
func TestBundledGuideLinks(t *testing.T) {
	files, _ := buildBundled(t)
	ids := map[string]map[string]bool{}
	docs := map[string]*html.Node{}
	for f, b := range files {
		if !strings.HasSuffix(f, ".html") {
			continue
		}
		doc, err := html.Parse(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		docs[f] = doc
		ids[f] = map[string]bool{}
		walk(doc, func(n *html.Node) {
			if id := attr(n, "id"); id != "" {
				ids[f][id] = true
			}
		})
	}
	checked := 0
	for _, f := range sortedKeys(files) {
		doc := docs[f]
		if doc == nil {
			continue
		}
		walk(doc, func(n *html.Node) {
			var ref string
			switch n.DataAtom {
			case atom.A, atom.Link:
				ref = attr(n, "href")
			case atom.Img, atom.Script:
				ref = attr(n, "src")
			}
			if ref == "" {
				return
			}
			u, err := url.Parse(ref)
			if err != nil {
				t.Errorf("%s: bad URL %q", f, ref)
				return
			}
			if u.Scheme != "" || u.Host != "" {
				return // other sites, and the absolute canonical and hreflang URLs
			}
			target := f
			if u.Path != "" {
				p := u.Path
				if !strings.HasPrefix(p, "/") {
					dir := strings.HasSuffix(p, "/")
					p = path.Join(path.Dir("/"+f), p)
					if dir {
						p += "/"
					}
				}
				p = strings.TrimPrefix(p, "/")
				if p == "" || strings.HasSuffix(p, "/") {
					p += "index.html"
				}
				target = p
			}
			checked++
			if _, ok := files[target]; !ok {
				t.Errorf("%s: link %q: no file %s", f, ref, target)
				return
			}
			if u.Fragment != "" && !ids[target][u.Fragment] {
				t.Errorf("%s: link %q: %s has no id %q", f, ref, target, u.Fragment)
			}
		})
	}
	if checked < 100 {
		t.Errorf("only %d links checked", checked)
	}
}

// TestBundledCardsComplete: every recommendation has a homepage, its
// source and at least one download, and its card shows them.
func TestBundledCardsComplete(t *testing.T) {
	src, err := fs.ReadFile(guidegen.Bundled(), "content/en/real-time-communication.md")
	if err != nil {
		t.Fatal(err)
	}
	parts := bytes.SplitN(src, []byte("---\n"), 3)
	var fm struct {
		Recommendations map[string]struct {
			Links     map[string]string `yaml:"links"`
			Downloads map[string]string `yaml:"downloads"`
		} `yaml:"recommendations"`
	}
	if err := yaml.Unmarshal(parts[1], &fm); err != nil {
		t.Fatal(err)
	}
	if len(fm.Recommendations) < 6 {
		t.Errorf("%d recommendations, want Signal, Molly, SimpleX, Briar, Element and Session", len(fm.Recommendations))
	}
	for id, r := range fm.Recommendations {
		for _, k := range []string{"homepage", "source"} {
			if u, err := url.Parse(r.Links[k]); err != nil || u.Scheme != "https" || u.Host == "" {
				t.Errorf("%s: links.%s = %q, want an https URL", id, k, r.Links[k])
			}
		}
		if len(r.Downloads) == 0 {
			t.Errorf("%s: no downloads", id)
		}
		for k, d := range r.Downloads {
			if u, err := url.Parse(d); err != nil || u.Scheme != "https" || u.Host == "" {
				t.Errorf("%s: downloads.%s = %q, want an https URL", id, k, d)
			}
		}
	}
	files, _ := buildBundled(t)
	for _, f := range []string{"real-time-communication/index.html", "nl/real-time-communication/index.html"} {
		page := string(files[f])
		cards := strings.Count(page, `<div class="admonition recommendation">`)
		if cards != len(fm.Recommendations) || strings.Count(page, `<details class="downloads">`) != cards ||
			strings.Count(page, `md-button--primary`) != cards {
			t.Errorf("%s: %d cards with homepage button and downloads, want %d", f, cards, len(fm.Recommendations))
		}
		for id, r := range fm.Recommendations {
			if !strings.Contains(page, `href="`+html.EscapeString(r.Links["source"])+`"`) {
				t.Errorf("%s: card %s does not link its source", f, id)
			}
		}
	}
}

var letters = regexp.MustCompile(`\p{L}{2,}`)

// TestDutchIsTranslated compares the prose blocks (paragraphs, list items,
// quotes, table cells, summaries) of every Dutch page with those of its
// English page: none may be the same text, except blocks of fewer than
// four words, which are names ("Signal", "Windows, macOS, Linux"). Code is
// left out of the comparison and URLs are not text.
func TestDutchIsTranslated(t *testing.T) {
	files, _ := buildBundled(t)
	for _, p := range contentPages(t, "en") {
		en := proseBlocks(t, files[pageFile("en", p)])
		nl := proseBlocks(t, files[pageFile("nl", p)])
		if len(en) == 0 {
			t.Errorf("%s: no prose found", p)
		}
		for _, b := range nl {
			if len(letters.FindAllString(b, -1)) >= 4 && slices.Contains(en, b) {
				t.Errorf("content/nl/%s: untranslated: %q", p, b)
			}
		}
	}
}

func proseBlocks(t *testing.T, page []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var blocks []string
	walk(doc, func(n *html.Node) {
		if n.DataAtom != atom.Article {
			return
		}
		walk(n, func(n *html.Node) {
			switch n.DataAtom {
			case atom.P, atom.Li, atom.Blockquote, atom.Td, atom.Th, atom.Summary, atom.Dd, atom.Dt:
				var b strings.Builder
				text(n, &b)
				if s := strings.Join(strings.Fields(b.String()), " "); s != "" {
					blocks = append(blocks, s)
				}
			}
		})
	})
	return blocks
}

// text writes the text of n without code and without nested blocks, which
// are compared on their own.
func text(n *html.Node, b *strings.Builder) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			b.WriteString(c.Data)
		case c.DataAtom == atom.Code || c.DataAtom == atom.Pre || c.DataAtom == atom.Svg ||
			c.DataAtom == atom.Ul || c.DataAtom == atom.Ol || c.DataAtom == atom.P || c.DataAtom == atom.Details:
			b.WriteByte(' ')
		default:
			text(c, b)
		}
	}
}

func walk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}
