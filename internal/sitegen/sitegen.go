// Package sitegen writes synthetic sites for benchmarks: many pages in
// two locales, with the constructs real guide pages use (sections, lists,
// tables, footnotes, emphasis, code, links between pages with anchors).
// The same seed always gives the same site.
package sitegen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/guidegen/guidegen/internal/translation"
)

// Options shape a generated site.
type Options struct {
	// Pages is the number of source pages (default locale).
	Pages int
	// Translated is the share of pages with a Dutch translation (0..1);
	// the others are rendered from English under /nl/.
	Translated float64
	// Seed makes the text vary between pages in a repeatable way.
	Seed uint64
}

var words = strings.Fields(`encrypted message server client key protocol metadata contact group
call network relay federated private identifier phone number username audit forward secrecy
device backup onion routing node peer open source app signal briar session matrix element
simplex queue ratchet handshake transport privacy threat model censorship provider`)

var woorden = strings.Fields(`versleuteld bericht server app sleutel protocol metadata contact groep
gesprek netwerk relayserver gefedereerd privé kenmerk telefoonnummer gebruikersnaam audit
geheimhouding toestel reservekopie knooppunt opensource dreiging censuur aanbieder wachtrij`)

// Generate writes a site into dir, which must not exist yet or be empty.
func Generate(dir string, o Options) error {
	write := func(rel, text string) error {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, []byte(text), 0o644)
	}
	cfg := `title: Generated Guide
baseURL: https://bench.example.org/
defaultLocale: en
locales:
  - code: en
    name: English
  - code: nl
    name: Nederlands
navigation: [section-1/page-0.md, section-2/page-0.md, section-3/page-0.md]
`
	if err := write("guidegen.yaml", cfg); err != nil {
		return err
	}
	if err := write("locales/en.yaml", "bench_only: Benchmark\n"); err != nil {
		return err
	}
	// The Dutch string carries the go-i18n hash of the English one (sha1 of
	// its description and text), as a translated site has.
	if err := write("locales/nl.yaml", "bench_only:\n  hash: sha1-9ed99e75a9b04f273de29c9fef2bd3fb53d2e2de\n  other: Prestatietest\n"); err != nil {
		return err
	}
	for _, pg := range Pages(o) {
		if err := write("content/"+pg.Locale+"/"+pg.Path, pg.Source); err != nil {
			return err
		}
	}
	return nil
}

// Page is one generated page.
type Page struct {
	Locale, Path, Source string
}

// Pages returns the pages Generate writes, without writing them.
func Pages(o Options) []Page {
	if o.Pages <= 0 {
		o.Pages = 1000
	}
	r := rand.New(rand.NewPCG(o.Seed, 42))
	paths := make([]string, o.Pages)
	paths[0] = "index.md"
	for i := 1; i < o.Pages; i++ {
		paths[i] = fmt.Sprintf("section-%d/page-%d.md", i%10, i/10)
	}
	nTranslated := int(float64(o.Pages) * o.Translated)
	var out []Page
	for i, p := range paths {
		src := page(r, paths, i, words, "Section", "Details")
		out = append(out, Page{"en", p, src.text("")})
		if i < nTranslated || i == 0 {
			// The translation is stamped with its source page's hash, as
			// a tool that writes a translation with its source does: the
			// translations are up to date, as on a maintained site, so
			// that a build has no warning.
			hash := translation.PageHash(src.title, src.description, []byte(src.body))
			out = append(out, Page{"nl", p, page(r, paths, i, woorden, "Deel", "Details").text("source_hash: " + hash + "\n")})
		}
	}
	return out
}

// parts are a generated page's front matter values and body (the
// Markdown after the front matter).
type parts struct {
	title, description string
	weight             int
	body               string
}

// text returns the page's file, with extra lines (each ending in a
// newline) at the end of its front matter.
func (p parts) text(extra string) string {
	return fmt.Sprintf("---\ntitle: %s\ndescription: %s\nweight: %d\n%s---\n", p.title, p.description, p.weight, extra) + p.body
}

func sentence(r *rand.Rand, vocab []string, n int) string {
	var b strings.Builder
	for i := range n {
		w := vocab[r.IntN(len(vocab))]
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	b.WriteByte('.')
	return b.String()
}

// link returns a relative link from page i to another page, with an
// anchor every page has in both locales ("details-11" is the slug of
// "Details 1.1").
func link(r *rand.Rand, paths []string, i int) string {
	j := r.IntN(len(paths))
	from := filepath.ToSlash(filepath.Dir(paths[i]))
	rel, _ := filepath.Rel(from, paths[j])
	return fmt.Sprintf("[%s](%s#details-11)", "see also", filepath.ToSlash(rel))
}

func page(r *rand.Rand, paths []string, i int, vocab []string, heading, sub string) parts {
	pt := parts{title: fmt.Sprintf("Page %d %s", i, vocab[i%len(vocab)]), description: sentence(r, vocab, 12), weight: i}
	var b strings.Builder
	b.WriteString("\n")
	b.WriteString(sentence(r, vocab, 30) + " " + sentence(r, vocab, 20) + "\n\n")
	for s := 1; s <= 4; s++ {
		fmt.Fprintf(&b, "## %s %d\n\n", heading, s)
		fmt.Fprintf(&b, "%s *%s* %s `%s` %s[^n%d]\n\n", sentence(r, vocab, 25), vocab[r.IntN(len(vocab))],
			sentence(r, vocab, 18), vocab[r.IntN(len(vocab))], link(r, paths, i), s%2)
		fmt.Fprintf(&b, "### %s %d.1\n\n", sub, s)
		for range 4 {
			fmt.Fprintf(&b, "- %s **%s**\n", sentence(r, vocab, 10), vocab[r.IntN(len(vocab))])
		}
		b.WriteString("\n")
		if s%2 == 0 {
			b.WriteString("| Name | Forward secrecy | Audited |\n| :--- | :---: | ---: |\n")
			for range 4 {
				fmt.Fprintf(&b, "| %s | yes | %d |\n", vocab[r.IntN(len(vocab))], 2016+r.IntN(9))
			}
			b.WriteString("\n")
		}
		b.WriteString(sentence(r, vocab, 40) + "\n\n")
	}
	b.WriteString(card(r, vocab, i))
	b.WriteString("!!! warning \"" + sentence(r, vocab, 3) + "\"\n\n    " + sentence(r, vocab, 20) + " E2EE " + sentence(r, vocab, 8) + "\n\n")
	b.WriteString("[^n0]: " + sentence(r, vocab, 15) + "\n[^n1]: " + sentence(r, vocab, 12) + "\n")
	b.WriteString("\n*[P2P]: Peer-to-peer\n")
	pt.body = b.String()
	return pt
}

// card is a recommendation block written the Privacy Guides way: a logo
// with an attribute list, buttons and icon links, and a downloads list.
func card(r *rand.Rand, vocab []string, i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "### App %d\n\n!!! recommendation\n\n", i)
	b.WriteString("    ![Logo](https://example.org/logo.svg){ align=right }\n\n")
	fmt.Fprintf(&b, "    **App %d** %s E2EE %s P2P.\n\n", i, sentence(r, vocab, 20), sentence(r, vocab, 12))
	b.WriteString("    [:octicons-home-16: Homepage](https://example.org/){ .md-button .md-button--primary }\n")
	b.WriteString("    [:octicons-eye-16:](https://example.org/privacy){ .card-link title=\"Privacy Policy\" }\n")
	b.WriteString("    [:octicons-code-16:](https://example.org/source){ .card-link title=Source }\n\n")
	b.WriteString("    ??? downloads \"Downloads\"\n\n")
	for _, d := range []string{":simple-googleplay: Google Play", ":simple-appstore: App Store", ":simple-linux: Linux"} {
		fmt.Fprintf(&b, "        - [%s](https://example.org/get)\n", d)
	}
	b.WriteString("\n")
	return b.String()
}
