// Package search builds the search index of one locale of a site: every
// page's title, its sections (heading, anchor, text) and a table from the
// words of the text to their stems, written as one JSON file that the
// site's own script (assets/js/search.js) loads on first use.
//
// The browser does not stem. Porting the Snowball stemmers to JavaScript
// would weigh more than the index of a small site, and a second
// implementation could disagree with this one. Instead the index lists,
// for each stem, the words of the site that have it ("messag": message,
// messages, messaging). The script folds a query word the way Fold does
// and looks it up among those words (and, for the word being typed,
// among the words it begins); the stems found give every form of the word
// that occurs in the site, which the script then finds in the sections'
// text. A query word that does not occur in the site ("encrypting") still
// matches when a stem of the site begins it and only a short suffix
// remains ("encrypt"+"ing"). So the stemming is done once, in Go, by the
// real stemmer, and cannot disagree with the text: the index only names
// words that are in it.
package search

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/unicode/norm"
)

// Version is the format of the index, written into it.
const Version = 1

// Section is a part of a page introduced by a heading; the first one is
// the page's text before its first heading, with the page title as
// heading and no anchor.
type Section struct {
	Heading string
	Anchor  string
	Text    string
}

// Page is one page of a locale.
type Page struct {
	// Key orders the pages in the index (the page's source path).
	Key      string
	Title    string
	URL      string
	Sections []Section
}

// Index collects the pages of one locale; Add is safe for concurrent use.
type Index struct {
	lang  string
	stem  func(string) string
	mu    sync.Mutex
	pages []Page
}

// New returns an empty index for a locale (a BCP 47 tag); English and
// Dutch are stemmed, other languages are matched by whole word and prefix.
func New(locale string) *Index {
	return &Index{lang: locale, stem: Stemmer(locale)}
}

// Stemmer returns the stemmer of a locale's language; for a language
// without one, the identity.
func Stemmer(locale string) func(string) string {
	base, _, _ := strings.Cut(strings.ToLower(locale), "-")
	switch base {
	case "en":
		return func(w string) string { return english.Stem(w, true) }
	case "nl":
		return dutchStem
	}
	return func(w string) string { return w }
}

// Add adds a page.
func (ix *Index) Add(p Page) {
	ix.mu.Lock()
	ix.pages = append(ix.pages, p)
	ix.mu.Unlock()
}

// Len returns the number of pages added.
func (ix *Index) Len() int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return len(ix.pages)
}

// file is the JSON form of an index. Arrays rather than objects keep it
// small: a page is [title, url]; a section [page, heading, anchor, text];
// a stem "stem word word…" (just "stem" when the stem is the only word).
type file struct {
	Version  int         `json:"v"`
	Lang     string      `json:"lang"`
	Pages    [][2]string `json:"pages"`
	Sections [][4]any    `json:"sections"`
	Stems    []string    `json:"stems"`
}

// JSON returns the index, pages sorted by key, so that the same site
// always gives the same bytes.
func (ix *Index) JSON() ([]byte, error) {
	ix.mu.Lock()
	pages := slices.Clone(ix.pages)
	ix.mu.Unlock()
	slices.SortFunc(pages, func(a, b Page) int { return strings.Compare(a.Key, b.Key) })
	f := file{Version: Version, Lang: ix.lang, Pages: [][2]string{}, Sections: [][4]any{}}
	words := wordSet{raw: map[string]bool{}, folded: map[string]bool{}}
	for i, p := range pages {
		f.Pages = append(f.Pages, [2]string{p.Title, p.URL})
		words.add(p.Title)
		for _, s := range p.Sections {
			f.Sections = append(f.Sections, [4]any{i, s.Heading, s.Anchor, s.Text})
			words.add(s.Heading)
			words.add(s.Text)
		}
	}
	byStem := map[string][]string{}
	for w := range words.folded {
		st := ix.stem(w)
		byStem[st] = append(byStem[st], w)
	}
	for st, ws := range byStem {
		slices.Sort(ws)
		if len(ws) == 1 && ws[0] == st {
			f.Stems = append(f.Stems, st)
		} else {
			f.Stems = append(f.Stems, st+" "+strings.Join(ws, " "))
		}
	}
	slices.Sort(f.Stems)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Words returns the folded words of a text, as the index and the script
// find them: runs of letters and digits.
func Words(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(text, notWordRune) {
		out = append(out, Fold(w))
	}
	return out
}

// wordSet collects the folded words of texts; raw remembers the words as
// written, so that a word seen before costs one map lookup.
type wordSet struct {
	raw, folded map[string]bool
}

func (s *wordSet) add(text string) {
	start := -1
	for i, r := range text {
		if notWordRune(r) {
			if start >= 0 {
				s.addWord(text[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		s.addWord(text[start:])
	}
}

func (s *wordSet) addWord(w string) {
	if s.raw[w] {
		return
	}
	s.raw[w] = true
	s.folded[Fold(w)] = true
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }

// Fold lower-cases a word and removes its diacritics ("Privé" → "prive"),
// character by character, as search.js does: a character whose folded
// form is not a single character is only lower-cased, or kept.
func Fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
	}
	var b strings.Builder
	for _, r := range w {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

func foldRune(r rune) rune {
	if r < 0x80 {
		return unicode.ToLower(r)
	}
	var f []rune
	for _, d := range norm.NFD.String(string(r)) {
		if !unicode.Is(unicode.M, d) {
			f = append(f, d)
		}
	}
	if lf := []rune(strings.ToLower(string(f))); len(lf) == 1 {
		return lf[0]
	}
	if l := []rune(strings.ToLower(string(r))); len(l) == 1 {
		return l[0]
	}
	return r
}
