package build_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"gopkg.in/yaml.v3"

	guidegen "github.com/guidegen/guidegen"
)

// guideData is what these tests read of the bundled guide's data.
type guideData struct {
	Recommendations map[string]struct {
		Name   string `yaml:"name"`
		Listed bool   `yaml:"listed"`
		Links  struct {
			Homepage string `yaml:"homepage"`
		} `yaml:"links"`
		Properties map[string]any `yaml:"properties"`
	} `yaml:"recommendations"`
	Threats []string `yaml:"threats"`
}

func frontMatter(t *testing.T, fsys fs.FS, file string, v any) string {
	t.Helper()
	b, err := fs.ReadFile(fsys, file)
	if err != nil {
		t.Fatal(err)
	}
	parts := bytes.SplitN(b, []byte("---\n"), 3)
	if err := yaml.Unmarshal(parts[1], v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return string(parts[1])
}

// value is a property's value as the data writes it: true, false,
// partial or n/a.
func value(p any) string {
	if m, ok := p.(map[string]any); ok {
		p = m["value"]
	}
	switch p {
	case true:
		return "yes"
	case false:
		return "no"
	case "partial":
		return "partial"
	case "n/a":
		return "na"
	}
	return "unknown"
}

// copyGuide writes the bundled guide into a temporary directory, applies
// edits (file → old → new) and returns its path.
func copyGuide(t *testing.T, edits ...[3]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dir, guidegen.Bundled()); err != nil {
		t.Fatal(err)
	}
	for _, e := range edits {
		p := filepath.Join(dir, e[0])
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(e[1])) {
			t.Fatalf("%s does not contain %q", e[0], e[1])
		}
		if err := os.WriteFile(p, bytes.Replace(b, []byte(e[1]), []byte(e[2]), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func parseHTML(t *testing.T, page []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func hasClass(n *html.Node, class string) bool {
	return slices.Contains(strings.Fields(attr(n, "class")), class)
}

func textOf(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// listedCards returns the compact cards of a page by the link of their
// homepage button.
func listedCards(t *testing.T, page []byte) map[string]*html.Node {
	cards := map[string]*html.Node{}
	walk(parseHTML(t, page), func(n *html.Node) {
		if n.DataAtom == atom.Div && hasClass(n, "recommendation") && hasClass(n, "listed") {
			walk(n, func(a *html.Node) {
				if a.DataAtom == atom.A && hasClass(a, "md-button--primary") {
					cards[attr(a, "href")] = n
				}
			})
		}
	})
	return cards
}

// assessmentLists returns the items of a card's Meets / Falls short /
// Does not apply lists, by the text of their heading.
func assessmentLists(card *html.Node) map[string][]string {
	out := map[string][]string{}
	label := ""
	for c := card.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.P && c.FirstChild != nil && c.FirstChild.DataAtom == atom.Strong {
			label = textOf(c)
		}
		if c.DataAtom == atom.Ul && hasClass(c, "assessment") {
			for li := c.FirstChild; li != nil; li = li.NextSibling {
				if li.DataAtom == atom.Li {
					out[label] = append(out[label], textOf(li))
				}
			}
		}
	}
	return out
}

var rowRE = regexp.MustCompile(`(?s)<tr>\s*<td>([^<]+)</td>(.*?)</tr>`)

// matrixRows returns the marks of every row of a page's matrix, by name.
func matrixRows(page string) map[string][]string {
	rows := map[string][]string{}
	for _, m := range rowRE.FindAllStringSubmatch(page, -1) {
		var marks []string
		for _, c := range regexp.MustCompile(`class="mark mark-(\w+)"`).FindAllStringSubmatch(m[2], -1) {
			marks = append(marks, c[1])
		}
		rows[html.UnescapeString(m[1])] = marks
	}
	return rows
}

var columns = []string{"open_source_clients", "no_personal_identifiers", "e2ee_default_private", "e2ee_all", "audited",
	"forward_secrecy", "post_compromise_security", "open_source_servers", "decentralized", "e2ee_default_all", "all_platforms"}

// TestAlternativesFromData: every alternative is a compact card whose
// lists and matrix row come from its data, in English and in Dutch, and
// the Dutch front matter holds no URL.
func TestAlternativesFromData(t *testing.T) {
	var data guideData
	frontMatter(t, guidegen.Bundled(), "content/en/alternatives.md", &data)
	var nlData guideData
	nlFront := frontMatter(t, guidegen.Bundled(), "content/nl/alternatives.md", &nlData)
	if regexp.MustCompile(`https?:|www\.|\.(org|com|chat|im|eu|net)\b`).MatchString(nlFront) {
		t.Errorf("the Dutch front matter of alternatives.md holds a URL:\n%s", nlFront)
	}
	for _, want := range []string{"conversations", "dino", "kaidan", "movim", "libervia", "deltachat", "fractal", "sylk", "kiwiirc", "ricochet", "manyverse"} {
		if r, ok := data.Recommendations[want]; !ok || !r.Listed {
			t.Errorf("%s is not a listed entry of alternatives.md", want)
		}
	}
	files, _ := buildBundled(t)
	for _, l := range []struct{ locale, meets, short string }{{"en", "Meets:", "Falls short:"}, {"nl", "Voldoet aan:", "Schiet tekort in:"}} {
		page := files[pageFile(l.locale, "alternatives.md")]
		cards := listedCards(t, page)
		if len(cards) != len(data.Recommendations) {
			t.Errorf("%s: %d compact cards, want %d", l.locale, len(cards), len(data.Recommendations))
		}
		if bytes.Contains(page, []byte(`<div class="admonition recommendation">`)) {
			t.Errorf("%s: the alternatives page has a recommendation card", l.locale)
		}
		rows := matrixRows(string(page))
		for id, r := range data.Recommendations {
			var want []string
			meets := 0
			for _, c := range columns {
				want = append(want, value(r.Properties[c]))
				if value(r.Properties[c]) == "yes" {
					meets++
				}
			}
			if got := rows[r.Name]; !slices.Equal(got, want) {
				t.Errorf("%s: matrix row of %s = %v, want %v", l.locale, r.Name, got, want)
			}
			card := cards[r.Links.Homepage]
			if card == nil {
				t.Errorf("%s: no card for %s", l.locale, id)
				continue
			}
			lists := assessmentLists(card)
			if len(lists[l.meets]) != meets {
				t.Errorf("%s: %s meets %d criteria on its card (%v), the data says %d", l.locale, id, len(lists[l.meets]), lists[l.meets], meets)
			}
		}
	}
}

// TestPropertyChangeAltersBothLocales: one property of one alternative
// changes its card and its matrix row in English and Dutch.
func TestPropertyChangeAltersBothLocales(t *testing.T) {
	dir := copyGuide(t, [3]string{"content/en/alternatives.md",
		"  kiwiirc:\n    name: KiwiIRC\n    listed: true\n    links:\n      homepage: https://kiwiirc.com/\n    network: centralized\n    properties:\n      open_source_clients: true\n      no_personal_identifiers: true\n      e2ee_default_private: false",
		"  kiwiirc:\n    name: KiwiIRC\n    listed: true\n    links:\n      homepage: https://kiwiirc.com/\n    network: centralized\n    properties:\n      open_source_clients: true\n      no_personal_identifiers: true\n      e2ee_default_private: true"})
	before, _ := buildBundled(t)
	after, err := buildCards(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []struct{ locale, label, meets string }{{"en", "E2EE for private chats", "Meets:"}, {"nl", "E2EE voor privégesprekken", "Voldoet aan:"}} {
		f := pageFile(l.locale, "alternatives.md")
		b, a := matrixRows(string(before[f]))["KiwiIRC"], matrixRows(string(after[f]))["KiwiIRC"]
		if b[2] != "no" || a[2] != "yes" {
			t.Errorf("%s: KiwiIRC's private-chat cell went from %s to %s, want no to yes", l.locale, b[2], a[2])
		}
		wasMet := slices.Contains(assessmentLists(listedCards(t, before[f])["https://kiwiirc.com/"])[l.meets], l.label)
		isMet := slices.Contains(assessmentLists(listedCards(t, after[f])["https://kiwiirc.com/"])[l.meets], l.label)
		if wasMet || !isMet {
			t.Errorf("%s: %q among what KiwiIRC meets: before %v, after %v", l.locale, l.label, wasMet, isMet)
		}
	}
}

// TestThreatChipsAndThreatsPage: every threat chip of the built guide
// links to a section that exists on the threats page of its own locale,
// and each section lists, from data, the recommendations that satisfy
// all the criteria the vocabulary names for the threat.
func TestThreatChipsAndThreatsPage(t *testing.T) {
	var vocab struct {
		Threats struct {
			Page  string `yaml:"page"`
			Terms []struct {
				ID       string   `yaml:"id"`
				Anchor   string   `yaml:"anchor"`
				Criteria []string `yaml:"criteria"`
			} `yaml:"terms"`
		} `yaml:"threats"`
	}
	b, err := fs.ReadFile(guidegen.Bundled(), "content/data/vocabulary.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, &vocab); err != nil {
		t.Fatal(err)
	}
	if vocab.Threats.Page != "about/threats.md" {
		t.Fatalf("threats.page = %q", vocab.Threats.Page)
	}
	var rtc guideData
	frontMatter(t, guidegen.Bundled(), "content/en/real-time-communication.md", &rtc)

	files, _ := buildBundled(t)
	for _, l := range []string{"en", "nl"} {
		threatsFile := pageFile(l, "about/threats.md")
		ids := map[string]bool{}
		walk(parseHTML(t, files[threatsFile]), func(n *html.Node) {
			if id := attr(n, "id"); id != "" {
				ids[id] = true
			}
		})
		chips := 0
		for f, page := range files {
			if !strings.HasSuffix(f, ".html") || (l == "en") == strings.HasPrefix(f, "nl/") {
				continue
			}
			walk(parseHTML(t, page), func(n *html.Node) {
				if n.DataAtom != atom.A || !hasClass(n, "chip") {
					return
				}
				chips++
				href := attr(n, "href")
				want := "/" + strings.TrimSuffix(threatsFile, "index.html")
				path, frag, _ := strings.Cut(href, "#")
				if path != want || !ids[frag] {
					t.Errorf("%s: threat chip %q links to %s, not to a section of %s", f, textOf(n), href, want)
				}
			})
		}
		if chips < len(vocab.Threats.Terms) {
			t.Errorf("%s: %d threat chips, want at least %d", l, chips, len(vocab.Threats.Terms))
		}

		// The sections: which recommendations protect.
		doc := parseHTML(t, files[threatsFile])
		for _, term := range vocab.Threats.Terms {
			if !ids[term.Anchor] {
				t.Errorf("%s: no section #%s for threat %s", l, term.Anchor, term.ID)
				continue
			}
			var want []string
			if slices.Contains(rtc.Threats, term.ID) {
				for _, r := range rtc.Recommendations {
					ok := true
					for _, c := range term.Criteria {
						if v := value(r.Properties[c]); v != "yes" && v != "na" {
							ok = false
						}
					}
					if ok {
						want = append(want, r.Name)
					}
				}
			}
			got := protectors(doc, term.Anchor)
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s: #%s lists %v, the data says %v", l, term.Anchor, got, want)
			}
		}
	}
}

// protectors returns the link texts of the last list in the section of
// the heading with the id: the recommendations that protect.
func protectors(doc *html.Node, id string) []string {
	var names []string
	in := false
	var last *html.Node
	walk(doc, func(n *html.Node) {
		if n.DataAtom == atom.H2 {
			in = attr(n, "id") == id
		}
		if in && n.DataAtom == atom.Ul {
			last = n
		}
	})
	if last == nil {
		return nil
	}
	walk(last, func(n *html.Node) {
		if n.DataAtom == atom.A {
			names = append(names, textOf(n))
		}
	})
	return names
}
