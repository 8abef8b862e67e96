package build_test

import (
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen/internal/golden"
)

// hostile is a value that breaks out of every context of generated
// Markdown unless it is escaped for it: raw HTML, an attribute and a quote
// of each kind, a table cell, an attribute list, emphasis, a link, an icon,
// a backslash and a heading marker.
const hostile = `<script>alert(1)</script><img src=x onerror=alert(2)> "q" 'a' & | } { *b* _i_ [l](javascript:x) :material-check: \ # 1.`

// hostileURL is a valid http URL full of characters that mean something
// in Markdown: it must come out as its own href.
const hostileURL = `https://example.org/%3Cscript%3E/p)(q'r*_s|t}{u[v]!w:x?a=1&b=2#f`

// escHTML is how the renderer writes text and attribute values.
func escHTML(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// href is how the renderer writes a link to u.
func href(u string) string {
	return `href="` + string(util.EscapeHTML(util.URLEscape([]byte(u), false))) + `"`
}

// shape counts a page's elements by tag and attribute names: escaping a
// value changes text and attribute values, never this.
func shape(t *testing.T, page string) map[string]int {
	t.Helper()
	counts := map[string]int{}
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				t.Fatal(z.Err())
			}
			return counts
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			names := []string{tok.Data}
			for _, a := range tok.Attr {
				names = append(names, a.Key)
			}
			slices.Sort(names[1:])
			counts[strings.Join(names, " ")]++
		}
	}
}

// injected reports elements and attributes a hostile value could add; the
// layout's own scripts (assets/js, loaded by src) are not.
func injected(t *testing.T, page string) []string {
	t.Helper()
	var bad []string
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return bad
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if tok.Data == "script" && layoutScript(tok) {
				continue
			}
			if tok.Data == "script" || tok.Data == "iframe" || tok.Data == "object" || tok.Data == "base" {
				bad = append(bad, "<"+tok.Data+">")
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(a.Key, "on") || strings.HasPrefix(strings.TrimSpace(strings.ToLower(a.Val)), "javascript:") {
					bad = append(bad, tok.Data+" "+a.Key+"="+a.Val)
				}
			}
		}
	}
}

// layoutScript reports whether a script element is one of the layout's:
// an external file under assets/js/, no other attributes than src and
// defer.
func layoutScript(tok html.Token) bool {
	src := false
	for _, a := range tok.Attr {
		switch {
		case a.Key == "src" && strings.Contains(a.Val, "/assets/js/") && strings.HasSuffix(a.Val, ".js") && !strings.ContainsAny(a.Val, ":<>\"\\"):
			src = true
		case a.Key == "defer" && a.Val == "":
		default:
			return false
		}
	}
	return src
}

// uiString returns locale YAML that sets the UI string id ("card.docs",
// "threats_intro") to v: a plain value in English, a translation in Dutch.
func uiString(locale, id, v string) string {
	key, sub, nested := strings.Cut(id, ".")
	q := strconv.Quote(v)
	switch {
	case !nested: // a plural string
		return fmt.Sprintf("%s:\n  one: %s\n  other: %s\n", key, q, q)
	case locale == "en":
		return fmt.Sprintf("%s:\n  %s: %s\n", key, strconv.Quote(sub), q)
	default:
		return fmt.Sprintf("%s:\n  %s:\n    other: %s\n", key, strconv.Quote(sub), q)
	}
}

type escapeCase struct {
	name   string
	locale string
	edits  [][3]string
	want   []string // in the page of the locale
	err    string   // the build fails with this instead
	// grows: the case adds elements (a link, a download), so the page's
	// shape is not compared with the fixture's.
	grows bool
}

func escapeCases() []escapeCase {
	const (
		enPage, nlPage = "content/en/messengers.md", "content/nl/messengers.md"
		enUI, nlUI     = "locales/en.yaml", "locales/nl.yaml"
		nlSignal       = "  signal:\n"
	)
	enUIAnchor := [2]string{enUI, "fixture_footer: Cards fixture.\n"}
	nlUIAnchor := [2]string{nlUI, "  other: Kaartenfixture.\n"}
	var cases []escapeCase
	ui := func(id, v, want string, extra ...[3]string) {
		for _, l := range []string{"en", "nl"} {
			a := enUIAnchor
			if l == "nl" {
				a = nlUIAnchor
			}
			edits := append([][3]string{{a[0], a[1], a[1] + uiString(l, id, v)}}, extra...)
			cases = append(cases, escapeCase{name: "ui " + id, locale: l, edits: edits, want: []string{want}})
		}
	}
	// Every UI string the generator writes into a page.
	w := escHTML(hostile)
	ui("requirement.audited", hostile, "<li>"+w+"</li>")
	ui("criterion.audited", hostile, `<th class="align-center">`+w+"</th>")
	ui("criterion.decentralized", hostile, `</svg></span> `+w+"</span>") // a badge
	ui("threat.mass_surveillance", hostile, `class="chip">`+w+"</a>")
	ui("threats_intro", hostile, "<strong>"+w+"</strong>")
	ui("network.centralized", hostile, `class="badge badge-network">`+w+"</a>")
	ui("platform.linux", hostile, `</svg></span> `+w+"</a></li>")
	ui("matrix.messenger", hostile, "<th>"+w+"</th>")
	for _, m := range []string{"yes", "no", "partial"} {
		ui("matrix."+m, hostile, `<span class="visually-hidden">`+w+"</span>")
	}
	ui("matrix.unknown", hostile, `<span class="visually-hidden">`+w+"</span>",
		[3]string{enPage, "      decentralized: true\n      all_platforms: true\n", "      decentralized: true\n"})
	ui("card.homepage", hostile, `</svg></span> `+w+"</a>")
	for _, k := range []string{"privacy", "docs", "source", "donate"} {
		ui("card."+k, hostile, `title="`+w+`" aria-label="`+w+`"`)
	}
	ui("card.onion", hostile, `title="`+w+`" aria-label="`+w+`"`,
		[3]string{enPage, "      donate: https://signal.org/donate/\n", "      donate: https://signal.org/donate/\n      onion: http://signal.onion/\n"})
	ui("card.downloads", hostile, "<summary>"+w+"</summary>")
	ui("card.logo_alt", hostile+" {{.Name}}", `alt="`+escHTML(hostile+" Signal")+`"`)
	for i := range cases {
		if cases[i].name == "ui card.onion" || cases[i].name == "ui matrix.unknown" {
			cases[i].grows = true
		}
	}

	// Every field of a recommendation, in the source page and as a Dutch
	// override.
	type field struct {
		name    string
		en      [][3]string // the edits of the English page
		nl      string      // the lines a Dutch override adds under signal
		want    []string
		grows   bool
		nlEdits [][3]string // instead of nl, when Dutch changes a line
		nlWant  []string    // instead of want in Dutch
	}
	q := strconv.Quote
	fields := []field{
		{name: "name", en: [][3]string{{enPage, "    name: Signal\n", "    name: " + q(hostile) + "\n"}}, nl: "    name: " + q(hostile) + "\n",
			want: []string{`<th scope="row">` + w + "</th>", `alt="` + w + ` logo"`}, nlWant: []string{`<th scope="row">` + w + "</th>", `alt="Logo van ` + w + `"`}},
		{name: "note", en: [][3]string{{enPage, "The desktop apps need a phone to register.", q(hostile)}},
			nlEdits: [][3]string{{nlPage, "De desktop-apps hebben een telefoon nodig om te registreren.", q(hostile)}},
			want:    []string{"<p>" + w + `&#160;<a href="#fnref:1"`}},
	}
	// Every link and every download at once, each with its own URL; the
	// card gains the links and downloads the fixture's Signal lacks.
	links := field{name: "links", grows: true, nl: "    links:\n"}
	for _, k := range []string{"homepage", "privacy", "docs", "source", "donate", "onion"} {
		u := hostileURL + "&link=" + k
		old := map[string]string{"homepage": "https://signal.org/", "privacy": "https://signal.org/legal/#privacy-policy",
			"docs": "https://support.signal.org/", "source": "https://github.com/signalapp", "donate": "https://signal.org/donate/"}[k]
		if old == "" {
			links.en = append(links.en, [3]string{enPage, "    downloads:\n", "      " + k + ": " + q(u) + "\n    downloads:\n"})
		} else {
			links.en = append(links.en, [3]string{enPage, k + ": " + old + "\n", k + ": " + q(u) + "\n"})
		}
		links.nl += "      " + k + ": " + q(u) + "\n"
		links.want = append(links.want, href(u))
	}
	downloads := field{name: "downloads", grows: true, nl: "    downloads:\n"}
	for _, k := range []string{"googleplay", "appstore", "fdroid", "android", "github", "windows", "macos", "linux", "flathub", "web"} {
		u := hostileURL + "&platform=" + k
		downloads.en = append(downloads.en, [3]string{enPage, "    network: centralized\n", "      " + k + ": " + q(u) + "\n    network: centralized\n"})
		downloads.nl += "      " + k + ": " + q(u) + "\n"
		downloads.want = append(downloads.want, href(u))
	}
	downloads.en = append([][3]string{{enPage, "    downloads:\n      googleplay: https://play.google.com/store/apps/details?id=org.thoughtcrime.securesms\n" +
		"      appstore: https://apps.apple.com/app/id874139669\n      android: https://signal.org/android/apk/\n" +
		"      windows: https://signal.org/download/windows/\n      macos: https://signal.org/download/macos/\n" +
		"      linux: https://signal.org/download/linux/\n", "    downloads:\n"}}, downloads.en...)
	fields = append(fields, links, downloads)
	for _, f := range fields {
		cases = append(cases, escapeCase{name: "data " + f.name, locale: "en", edits: f.en, want: f.want, grows: f.grows})
		nl := f.nlEdits
		if nl == nil {
			nl = [][3]string{{nlPage, nlSignal, nlSignal + f.nl}}
		}
		want := f.want
		if f.nlWant != nil {
			want = f.nlWant
		}
		cases = append(cases, escapeCase{name: "data " + f.name, locale: "nl", edits: nl, want: want, grows: f.grows})
	}

	// Values that are refused, where they are written.
	refused := []struct {
		name, key, value, enOld, want string
		enAt, nlAt                    string
		nlLines                       func(v string) string
	}{
		{"logo breaking out of its link", "logo", "signal.svg)<script>alert(1)</script>(", "assets/img/signal.svg", "must be the path of a file of the site", "7:11", "6:11", nil},
		{"logo leaving the site", "logo", "../../secret.svg", "assets/img/signal.svg", "must be the path of a file of the site", "7:11", "6:11", nil},
		{"logo with a scheme", "logo", "https://evil.example/x.svg", "assets/img/signal.svg", "must be the path of a file of the site", "7:11", "6:11", nil},
		{"logo rooted", "logo", "/assets/img/signal.svg", "assets/img/signal.svg", "must be the path of a file of the site", "7:11", "6:11", nil},
		{"logo with a blank", "logo", "assets/img/sig nal.svg", "assets/img/signal.svg", "must be the path of a file of the site", "7:11", "6:11", nil},
		{"logo of no file", "logo", "assets/img/molly.svg", "assets/img/signal.svg", `logo "assets/img/molly.svg": no such file in the site`, "7:11", "6:11", nil},
		{"logo naming a directory", "logo", "assets/img", "assets/img/signal.svg", `no such file in the site`, "7:11", "6:11", nil},
		{"javascript link", "privacy", "javascript:alert(1)", "https://signal.org/legal/#privacy-policy", "is not an absolute http(s) URL", "10:16", "7:16",
			func(v string) string { return "    links:\n      privacy: " + v + "\n" }},
		{"mailto link", "docs", "mailto:a@example.org", "https://support.signal.org/", "is not an absolute http(s) URL", "11:13", "7:13",
			func(v string) string { return "    links:\n      docs: " + v + "\n" }},
		{"link with a quote", "source", `https://x.org/"><script>alert(1)</script>`, "https://github.com/signalapp", "must be percent-encoded", "12:15", "7:15",
			func(v string) string { return "    links:\n      source: " + v + "\n" }},
		{"link with a blank", "homepage", "https://x.org/a b", "https://signal.org/", "must be percent-encoded", "9:17", "7:17",
			func(v string) string { return "    links:\n      homepage: " + v + "\n" }},
		{"data: download", "linux", "data:text/html,<script>alert(1)</script>", "https://signal.org/download/linux/", "URL", "20:14", "7:14",
			func(v string) string { return "    downloads:\n      linux: " + v + "\n" }},
		{"download with a backslash", "linux", `https://x.org/\>`, "https://signal.org/download/linux/", "must be percent-encoded", "20:14", "7:14",
			func(v string) string { return "    downloads:\n      linux: " + v + "\n" }},
		{"network that is no id", "network", "<script>", "centralized", "unknown network type", "21:14", "6:14", nil},
	}
	for _, r := range refused {
		v := q(r.value)
		lines := "    " + r.key + ": " + v + "\n"
		if r.nlLines != nil {
			lines = r.nlLines(v)
		}
		cases = append(cases,
			escapeCase{name: "refused " + r.name, locale: "en", edits: [][3]string{{enPage, r.key + ": " + r.enOld + "\n", r.key + ": " + v + "\n"}},
				err: enPage + ":" + r.enAt + ": "},
			escapeCase{name: "refused " + r.name, locale: "nl", edits: [][3]string{{nlPage, nlSignal, nlSignal + lines}},
				err: nlPage + ":" + r.nlAt + ": "})
		cases[len(cases)-2].want = []string{r.want}
		cases[len(cases)-1].want = []string{r.want}
	}
	// Vocabulary values pasted into generated Markdown must be names.
	const vocab = "content/data/vocabulary.yaml"
	cases = append(cases,
		escapeCase{name: "refused icon that is no name", locale: "en",
			edits: [][3]string{{vocab, "{id: linux, icon: simple-linux}", `{id: linux, icon: "simple-linux: <script>"}`}},
			err:   vocab + ":28:7: ", want: []string{`platforms: icon "simple-linux: <script>" must be an icon name`}},
		escapeCase{name: "refused anchor that is no name", locale: "en",
			edits: [][3]string{{vocab, "{id: p2p, anchor: peer-to-peer}", `{id: p2p, anchor: "x)<script>"}`}},
			err:   vocab + ":36:7: ", want: []string{`networks: anchor "x)<script>" must be`}})
	return cases
}

// TestHostileValuesEscaped puts a hostile value into each UI string the
// generator uses and each field of a recommendation, in English and as a
// Dutch translation or override, and checks that the page shows the value
// as text (or a link to it) without a single element or attribute more
// or less than the fixture's; values that cannot be made safe (a logo
// that is no file of the site, a link that is not http(s)) are errors
// where they are written.
func TestHostileValuesEscaped(t *testing.T) {
	base, err := buildCards(t, cardsFixture)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range escapeCases() {
		t.Run(tt.name+" ("+tt.locale+")", func(t *testing.T) {
			files, err := buildCards(t, copyCards(t, tt.edits...))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.Contains(err.Error(), tt.want[0]) {
					t.Errorf("error = %v\nwant one at %s saying %s", err, tt.err, tt.want[0])
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			p := "messengers/index.html"
			if tt.locale == "nl" {
				p = "nl/" + p
			}
			page := string(files[p])
			for _, want := range tt.want {
				if !strings.Contains(page, want) {
					t.Errorf("%s lacks\n%s", p, want)
				}
			}
			if bad := injected(t, page); len(bad) > 0 {
				t.Errorf("%s holds injected HTML: %q", p, bad)
			}
			if !tt.grows {
				got, want := shape(t, page), shape(t, string(base[p]))
				keys := slices.Collect(maps.Keys(got))
				for k := range want {
					if _, ok := got[k]; !ok {
						keys = append(keys, k)
					}
				}
				slices.Sort(keys)
				for _, k := range keys {
					if got[k] != want[k] {
						t.Errorf("%s has %d <%s>, the fixture %d", p, got[k], k, want[k])
					}
				}
			}
		})
	}
}

const escapingFixture = "../../testdata/sites/escaping"

// textsAndValues returns the decoded text of every text node and every
// attribute value of page: a value shown correctly is one of these, or
// part of one; a value that broke out of its escaping is split by markup.
func textsAndValues(t *testing.T, page string) []string {
	t.Helper()
	var out []string
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.TextToken:
			out = append(out, string(z.Text()))
		case html.StartTagToken, html.SelfClosingTagToken:
			for _, a := range z.Token().Attr {
				out = append(out, a.Val)
			}
		}
	}
}

// localeStrings returns every UI string a locale file of the fixture
// defines, by id (a translation's "other" form).
func localeStrings(t *testing.T, file string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var tree map[string]any
	if err := yaml.Unmarshal(b, &tree); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch v := v.(type) {
		case string:
			out[strings.TrimSuffix(prefix, ".other")] = v
		case map[string]any:
			for k, c := range v {
				if k != "hash" {
					walk(strings.TrimPrefix(prefix+"."+k, "."), c)
				}
			}
		}
	}
	walk("", tree)
	return out
}

// TestEscapingFixture builds a site that has the characters < & " | } '
// and *_ in every field, in English and Dutch: the data of the cards, the
// UI strings they use, the default titles of admonitions, page titles and
// descriptions, a heading, an admonition title and the glossary. Each
// value must be shown exactly as written, escaped where HTML needs it.
func TestEscapingFixture(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	sum, err := buildSite(t, escapingFixture, out)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range sum.Warnings {
		t.Errorf("warning: %v", w)
	}
	files := tree(t, out)
	const s = ` < & " | } ' *_` // what every value holds
	for _, l := range []struct {
		locale, page, prefix string
		data                 []string // values of the pages and the glossary
		exact                []string // HTML that must be in the page as it is
	}{
		{"en", "messengers/index.html", "", []string{
			"Signal" + s, "Session" + s, "The desktop apps need a phone" + s, "Messengers" + s, "Cards" + s + " from data",
			"Explicit" + s + " title", "Notes" + s + " here", "A note" + s + " with its default title.", "Questions" + s + " answers",
			"Escaping" + s + " fixture", "Footer" + s, "Signal" + s + " logo" + s,
		}, []string{
			`<th scope="row">Signal &lt; &amp; &quot; | } ' *_</th>`,
			`<p class="admonition-title">Warning &lt; &amp; &quot; | } ' *_</p>`,
			`<p class="admonition-title">Note &lt; &amp; &quot; | } ' *_</p>`,
			`<p class="admonition-title">Explicit &lt; &amp; &quot; | } ' *_ title</p>`,
			`title="Docs &lt; &amp; &quot; | } ' *_" aria-label="Docs &lt; &amp; &quot; | } ' *_"`,
			`<summary>Downloads &lt; &amp; &quot; | } ' *_</summary>`,
			`<abbr title="Questions &lt; &amp; &quot; | } ' *_ answers">Q&amp;A</abbr>`,
		}},
		{"nl", "nl/messengers/index.html", "NL ", []string{
			"NL Signal" + s, "Session" + s, "NL De desktop-apps hebben een telefoon nodig" + s, "NL Messengers" + s,
			"NL Kaarten" + s + " uit gegevens", "NL Expliciet" + s + " titel", "NL Notities" + s + " hier",
			"NL Een notitie" + s + " met de standaardtitel.", "Vragen" + s + " antwoorden",
			"Escaping" + s + " fixture", "NL Footer" + s, "NL Logo van NL Signal" + s + s,
		}, []string{
			`<th scope="row">NL Signal &lt; &amp; &quot; | } ' *_</th>`,
			`<p class="admonition-title">NL Warning &lt; &amp; &quot; | } ' *_</p>`,
			`<p class="admonition-title">NL Note &lt; &amp; &quot; | } ' *_</p>`,
			`<p class="admonition-title">NL Expliciet &lt; &amp; &quot; | } ' *_ titel</p>`,
			`title="NL Docs &lt; &amp; &quot; | } ' *_" aria-label="NL Docs &lt; &amp; &quot; | } ' *_"`,
			`<summary>NL Downloads &lt; &amp; &quot; | } ' *_</summary>`,
			`<abbr title="Vragen &lt; &amp; &quot; | } ' *_ antwoorden">V&amp;A</abbr>`,
		}},
	} {
		page := string(files[l.page])
		golden.Check(t, filepath.Join("testdata/golden/escaping", l.page), files[l.page])
		shown := textsAndValues(t, page)
		want := slices.Clone(l.data)
		for id, v := range localeStrings(t, filepath.Join(escapingFixture, "locales", l.locale+".yaml")) {
			switch id {
			case "threats_intro.one": // two threats: the page says "other"
			case "card.logo_alt": // among the data, with the name
			default:
				want = append(want, v)
			}
		}
		for _, v := range want {
			if !slices.ContainsFunc(shown, func(x string) bool { return strings.Contains(x, v) }) {
				t.Errorf("%s does not show %q", l.page, v)
			}
		}
		for _, e := range l.exact {
			if !strings.Contains(page, e) {
				t.Errorf("%s lacks %s", l.page, e)
			}
		}
		if bad := injected(t, page); len(bad) > 0 {
			t.Errorf("%s holds injected HTML: %q", l.page, bad)
		}
	}
}
