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

var rowRE = regexp.MustCompile(`(?s)<tr>\s*<th scope="row">([^<]+)</th>(.*?)</tr>`)

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
	urlRE := regexp.MustCompile(`https?:|www\.|\.(org|com|chat|im|eu|net)\b`)
	if urlRE.MatchString(nlFront) {
		t.Errorf("the Dutch front matter of alternatives.md holds a URL:\n%s", nlFront)
	}
	for _, p := range contentPages(t, "nl") {
		var fm map[string]any
		if front := frontMatter(t, guidegen.Bundled(), "content/nl/"+p, &fm); urlRE.MatchString(front) {
			t.Errorf("the Dutch front matter of %s holds a URL", p)
		}
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
		if len(b) != len(columns) || len(a) != len(columns) {
			t.Fatalf("%s: KiwiIRC's matrix row not found (before %v, after %v)", l.locale, b, a)
		}
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

// card returns the HTML of the recommendation card under the heading with
// the id on a page.
func card(t *testing.T, page []byte, heading string) string {
	t.Helper()
	s := string(page)
	i := strings.Index(s, `id="`+heading+`"`)
	if i < 0 {
		t.Fatalf("no heading #%s", heading)
		return ""
	}
	j := strings.Index(s[i:], `<div class="admonition recommendation`)
	k := strings.Index(s[i+j:], `<details class="downloads">`)
	return s[i+j : i+j+k]
}

// TestDataCorrections: each correction of issue 17 shows in the matrix and
// on the cards, in English and in Dutch.
func TestDataCorrections(t *testing.T) {
	files, sum := buildBundled(t)
	if len(sum.Warnings) > 0 {
		t.Errorf("warnings: %v", sum.Warnings)
	}
	col := func(c string) int { return slices.Index(columns, c) }
	for _, l := range []struct{ locale, na, sessionNote, mollyNote string }{
		{"en", "Does not apply", "Communities, Session's open groups, are not end-to-end encrypted.", "not the Molly app"},
		{"nl", "Niet van toepassing", "Community's, de open groepen van Session, zijn niet end-to-end versleuteld.", "niet over de app van Molly"},
	} {
		f := pageFile(l.locale, "real-time-communication.md")
		page := files[f]
		rows := matrixRows(string(page))

		// Session: communities are not end-to-end encrypted.
		if got := rows["Session"][col("e2ee_all")]; got != "partial" {
			t.Errorf("%s: Session's E2EE-for-all cell is %s, want partial", f, got)
		}
		if !bytes.Contains(page, []byte(l.sessionNote)) {
			t.Errorf("%s: no note for Session's E2EE-for-all cell", f)
		}
		// Molly: the audits are of the Signal Protocol.
		if got := rows["Molly"][col("audited")]; got != "partial" {
			t.Errorf("%s: Molly's audit cell is %s, want partial", f, got)
		}
		if !bytes.Contains(page, []byte(l.mollyNote)) {
			t.Errorf("%s: no note for Molly's audit cell", f)
		}
		// Briar: no servers, so open-source servers do not apply, shown
		// as such with its screen-reader text; and no criterion badge
		// for it.
		if got := rows["Briar"][col("open_source_servers")]; got != "na" {
			t.Errorf("%s: Briar's open-source-servers cell is %s, want na", f, got)
		}
		naCell := `<span class="mark mark-na" aria-hidden="true">–</span><span class="visually-hidden">` + l.na + `</span>`
		if !bytes.Contains(page, []byte(naCell)) {
			t.Errorf("%s: the not-applicable cell lacks %s", f, naCell)
		}
		briar := card(t, page, "briar")
		// Briar: peer-to-peer and anonymous routing, a badge each.
		for _, anchor := range []string{"#p2p", "#anonymous-routing"} {
			if !strings.Contains(briar, `communication-network-types/`+anchor+`" class="badge badge-network">`) {
				t.Errorf("%s: Briar's card has no %s network badge", f, anchor)
			}
		}
		if strings.Count(briar, "badge-network") != 2 {
			t.Errorf("%s: Briar's card has %d network badges, want 2", f, strings.Count(briar, "badge-network"))
		}
		// Briar's donate link is the project's own page.
		if !strings.Contains(briar, `href="https://briarproject.org/" class="card-link"`) || strings.Contains(briar, "#donate") {
			t.Errorf("%s: Briar's donate link is not briarproject.org", f)
		}
		// SimpleX: a relay network.
		simplex := card(t, page, "simplex-chat")
		if !strings.Contains(simplex, `communication-network-types/#relay" class="badge badge-network">`) || strings.Contains(simplex, "#federated") {
			t.Errorf("%s: SimpleX's badge is not the relay network", f)
		}
		// Molly and Briar: a neutral placeholder, which claims no logo.
		for _, h := range []string{"molly", "briar"} {
			c := card(t, page, h)
			if !strings.Contains(c, `<img src="/assets/img/messengers/placeholder.svg" alt=""`) {
				t.Errorf("%s: %s's card does not show the placeholder with an empty alt", f, h)
			}
		}
		if regexp.MustCompile(`alt="[^"]*(Molly|Briar)[^"]*"`).Match(page) {
			t.Errorf("%s: an image claims to be Molly's or Briar's logo", f)
		}
	}

	// The text says what the references say.
	en, nl := string(files[pageFile("en", "real-time-communication.md")]), string(files[pageFile("nl", "real-time-communication.md")])
	for _, c := range []struct {
		page, text string
		want       bool
	}{
		{en, "keeps the promises it makes", false},
		{nl, "maakt waar wat het belooft", false},
		{en, "nobody can slip in changes unseen", false},
		{en, "Molly-UP does not", true},
		{nl, "Voor Molly-UP geldt dat niet", true},
		{en, "group chats and voice and video calls", true},
		{nl, "groepsgesprekken mee voeren", true},
		{en, "can read all the past messages that key protected", true},
		{nl, "kan alle eerdere berichten", true},
		{en, "the higher we rank it", false},
		{nl, "hoe hoger we hem plaatsen", false},
	} {
		if strings.Contains(c.page, c.text) != c.want {
			t.Errorf("%q on the page: %v, want %v", c.text, !c.want, c.want)
		}
	}
	for _, p := range []string{pageFile("en", "about/criteria.md"), pageFile("nl", "about/criteria.md")} {
		if s := string(files[p]); strings.Contains(s, "list it separately") || strings.Contains(s, "zetten we dan apart") || strings.Contains(s, "higher we rank") {
			t.Errorf("%s: still states the old rules", p)
		}
	}
}

// TestSectionRuleChecked: the section a recommendation sits in follows
// from its data (criteria.main), and the check says so in both
// directions.
func TestSectionRuleChecked(t *testing.T) {
	// Session gains forward secrecy and every minimum criterion in part:
	// it no longer belongs among the additional options.
	dir := copyGuide(t, [3]string{"content/en/real-time-communication.md",
		"      forward_secrecy: false\n      post_compromise_security: false\n      open_source_servers: true\n      decentralized: true\n      e2ee_default_all:\n        value: partial\n        note: One-to-one",
		"      forward_secrecy: true\n      post_compromise_security: false\n      open_source_servers: true\n      decentralized: true\n      e2ee_default_all:\n        value: partial\n        note: One-to-one"})
	_, err := buildCards(t, dir)
	if err == nil || !strings.Contains(err.Error(), `recommendation "session" meets every minimum criterion and criteria.main: it belongs outside the section of additional options`) {
		t.Errorf("error = %v", err)
	}
	// Signal loses forward secrecy: it must move.
	dir = copyGuide(t, [3]string{"content/en/real-time-communication.md",
		"      audited: true\n      forward_secrecy: true", "      audited: true\n      forward_secrecy: false"})
	_, err = buildCards(t, dir)
	if err == nil || !strings.Contains(err.Error(), `recommendation "signal" does not meet forward_secrecy (criteria.main)`) {
		t.Errorf("error = %v", err)
	}
	// A minimum criterion met in part needs its note.
	dir = copyGuide(t, [3]string{"content/en/real-time-communication.md",
		"      audited:\n        value: partial\n        note: The audits cover the Signal Protocol and Signal's apps, not the Molly app, whose changes you trust its own team for.",
		"      audited: partial"})
	_, err = buildCards(t, dir)
	if err == nil || !strings.Contains(err.Error(), `recommendation "molly" meets the minimum criterion audited only in part: add a note that says why`) {
		t.Errorf("error = %v", err)
	}
}

// TestTermListWarns: a rejected Dutch variant in a Dutch page is a
// warning at its file, line and column.
func TestTermListWarns(t *testing.T) {
	dir := copyGuide(t, [3]string{"content/nl/about/threats.md", "## Dienstverleners { #service-providers }\n",
		"## Dienstverleners { #service-providers }\n\nOok je homeserver ziet veel.\n"})
	sum, err := buildSite(t, dir, filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range sum.Warnings {
		got = append(got, w.Error())
	}
	want := `content/nl/about/threats.md:`
	found := false
	for _, g := range got {
		if strings.HasPrefix(g, want) && strings.HasSuffix(g, `: warning: "homeserver": this guide writes "thuisserver" (locales/terms.nl.yaml)`) {
			found = true
		}
	}
	if !found || len(got) != 1 {
		t.Errorf("warnings:\n%s\nwant one about homeserver in %s", strings.Join(got, "\n"), want)
	}
}
