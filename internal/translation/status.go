// Package translation makes the state of a site's translations visible:
// which pages and UI strings are translated, missing or outdated, which
// segments of translated pages are still in the source language, and
// whether a translation's headings line up with its source page's. It
// also keeps the records that make "outdated" decidable: it stamps a
// translated page with the hash of the source page it matches
// (source_hash), and it extracts UI strings to translate, with the hash of
// their source text, and merges the translations back (go-i18n format).
//
// States. A translated page is "translated" (its source_hash is the source
// page's current SourceHash), "outdated" (the source changed since), or
// "unstamped" (it has no source_hash, so nobody can tell); a page without a
// translation is "missing" and is shown from the source language. A UI
// string is likewise "translated" (its hash is the source string's current
// MessageHash), "outdated", "unstamped" (no hash), "missing", or
// "obsolete" (the source language no longer has it). Outdated and
// unstamped translations are warnings in builds and checks, never errors.
package translation

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"slices"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen/internal/config"
	"github.com/guidegen/guidegen/internal/content"
	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/i18n"
	"github.com/guidegen/guidegen/internal/limits"
	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/frontmatter"
	"github.com/guidegen/guidegen/internal/markdown/headingid"
)

// Site is a loaded site, as the translation tools see it.
type Site struct {
	// Dir is the site's directory on disk; "" for the bundled guide,
	// which cannot be written to.
	Dir     string
	Config  *config.Config
	Catalog *i18n.Catalog
	Content *content.Site
	// Index holds the pages' states when Content's pages were released
	// (a streaming build); nil to read them from Content.
	Index *Index
	// FS is the site's root and Markdown the pipelines by locale, for
	// reading pages again (other versions, released pages); nil when
	// not needed.
	FS       fs.FS
	Markdown map[string]*markdown.Markdown
	// Files lists every page file found, drafts included (a draft
	// translation is "in progress"); nil when unknown.
	Files *content.FileList
}

// Index is what a report needs of each page, recorded while a build
// streams the pages by: the source pages' hashes and the translations'
// states. Their syntax trees can be dropped afterwards.
type Index struct {
	mu     sync.Mutex
	hashes map[string]string
	pages  map[string]map[string]*Page
	// size is how many paths the maps are made for.
	size int
}

// NewIndexFor returns an empty index made for the pages of n paths, so
// that it need not grow as they are recorded.
func NewIndexFor(n int) *Index {
	return &Index{hashes: make(map[string]string, n), pages: map[string]map[string]*Page{}, size: n}
}

// Add records a source page's hash and the state of each of its
// translations; src must not be released yet, nor the translations.
func (x *Index) Add(src *content.Page, translations ...*content.Page) {
	x.Put(States(src, translations...))
}

// PageStates are what an index records of one path.
type PageStates struct {
	Path string
	Hash string
	// States are the translations' states, by locale.
	States map[string]*Page
}

// States returns a source page's hash and the states of its
// translations; src must not be released yet, nor the translations.
func States(src *content.Page, translations ...*content.Page) *PageStates {
	return states(src, translations, false)
}

// BriefStates returns what States would, without making what only a
// full report lists: the list of each translation's untranslated
// segments (their number is kept), with their positions, and its
// headings. A build, which only warns and counts, asks it of every page.
func BriefStates(src *content.Page, translations ...*content.Page) *PageStates {
	return states(src, translations, true)
}

func states(src *content.Page, translations []*content.Page, brief bool) *PageStates {
	ps := &PageStates{Path: src.Path, Hash: SourceHash(src), States: make(map[string]*Page, len(translations))}
	for _, tr := range translations {
		ps.States[tr.Locale] = pageState(tr, src, ps.Hash, brief)
	}
	return ps
}

// Put records what States returned.
func (x *Index) Put(ps *PageStates) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.hashes[ps.Path] = ps.Hash
	for loc, st := range ps.States {
		if x.pages[loc] == nil {
			x.pages[loc] = make(map[string]*Page, x.size)
		}
		x.pages[loc][ps.Path] = st
	}
}

func (s *Site) sourceHash(p string) string {
	if s.Index != nil {
		return s.Index.hashes[p]
	}
	return SourceHash(s.Content.Page(s.Config.DefaultLocale, p))
}

// State is the state of a translated page or UI string.
type State string

// The states of pages and UI strings.
const (
	Translated State = "translated"
	Outdated   State = "outdated"
	Unstamped  State = "unstamped"
	Missing    State = "missing"
	Obsolete   State = "obsolete"
	// InProgress is a translation begun but marked as a draft (draft:
	// true; see guidegen i18n new): the site shows the source page until
	// the flag is removed.
	InProgress State = "in progress"
	// Identical is a UI string whose translation is up to date but reads
	// exactly as its source text, without IdenticalMarker saying that this
	// is on purpose.
	Identical State = "identical"
)

// Report is the state of every translation of a site.
type Report struct {
	Source  Lang      `json:"source"`
	Locales []*Locale `json:"locales"`
}

// Lang is a locale's code and name.
type Lang struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Locale is the state of one locale's translations.
type Locale struct {
	Lang
	Pages    PageCounts    `json:"pages"`
	Strings  StringCounts  `json:"strings"`
	Segments SegmentCounts `json:"segments"`
	// PageList has every source page, by path.
	PageList []*Page `json:"page_list"`
	// StringList has every UI string that is not translated, by id.
	StringList []*String `json:"string_list"`

	file string // the locale's file of UI strings, for warnings
}

// PageCounts count pages by state.
type PageCounts struct {
	Total      int `json:"total"`
	Translated int `json:"translated"`
	Outdated   int `json:"outdated"`
	Unstamped  int `json:"unstamped"`
	Missing    int `json:"missing"`
	InProgress int `json:"in_progress"`
}

// StringCounts count UI strings by state; Total counts the source
// language's strings, so it does not include Obsolete.
type StringCounts struct {
	Total      int `json:"total"`
	Translated int `json:"translated"`
	Identical  int `json:"identical"`
	Outdated   int `json:"outdated"`
	Unstamped  int `json:"unstamped"`
	Missing    int `json:"missing"`
	Obsolete   int `json:"obsolete"`
}

// SegmentCounts count the prose segments of a locale's translated pages.
type SegmentCounts struct {
	Total        int `json:"total"`
	Untranslated int `json:"untranslated"`
}

// Page is the state of one page in one locale.
type Page struct {
	Path string `json:"path"`
	// File is the translation's file (whether it exists or not), Source
	// the source page's.
	File   string `json:"file"`
	Source string `json:"source_file"`
	State  State  `json:"state"`
	// SourceHash is the source page's current hash; StampedHash the
	// translation's source_hash.
	SourceHash  string `json:"source_hash"`
	StampedHash string `json:"stamped_hash,omitempty"`
	// Segments and Headings are nil when the page is missing.
	Segments *Segments `json:"segments,omitempty"`
	Headings *Headings `json:"headings,omitempty"`
	// Changes count, on an outdated page, the segments of the source
	// page that changed since it was stamped (see Diff); nil when they
	// were not counted, or could not be: ChangesUnknown then says why.
	Changes        *Counts `json:"changes,omitempty"`
	ChangesUnknown string  `json:"changes_unknown,omitempty"`

	pos diag.Pos // of source_hash, or the top of the file
}

// Segments are the prose segments of a translated page.
type Segments struct {
	Total int `json:"total"`
	// Untranslated counts the segments identical to one of the source
	// page's; Share is Untranslated/Total.
	Untranslated int        `json:"untranslated"`
	Share        float64    `json:"share"`
	List         []*Segment `json:"untranslated_list"`
}

// TranslatedPercent is the share of segments that are translated, in
// whole percent rounded down (so that it is 100 only when all are).
func (s *Segments) TranslatedPercent() int {
	if s.Total == 0 {
		return 100
	}
	return (s.Total - s.Untranslated) * 100 / s.Total
}

// Segment is an untranslated segment.
type Segment struct {
	Kind string `json:"kind"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
	Text string `json:"text"`
}

// Headings tell how a translated page's headings line up with its source
// page's (see headingid.Align).
type Headings struct {
	Source      int  `json:"source"`
	Translation int  `json:"translation"`
	Aligned     int  `json:"aligned"`
	Mismatch    bool `json:"mismatch"`
	// Unaligned are the translation's headings without a counterpart (or
	// whose counterpart's id was taken); Missing are the source headings
	// without a counterpart, whose anchors the translation lacks.
	Unaligned []*Heading `json:"unaligned"`
	Missing   []*Heading `json:"missing"`
}

// OK reports whether every heading lines up.
func (h *Headings) OK() bool {
	return !h.Mismatch && len(h.Unaligned) == 0 && len(h.Missing) == 0
}

// Heading is a heading of one page; Line is 0 for source headings.
type Heading struct {
	Level int    `json:"level"`
	ID    string `json:"id"`
	Text  string `json:"text"`
	Line  int    `json:"line,omitempty"`
	Col   int    `json:"col,omitempty"`
}

// String is the state of one UI string in one locale.
type String struct {
	ID    string `json:"id"`
	State State  `json:"state"`
	// Text is the source text ("other" form); SourceHash its hash, Hash
	// the translation's.
	Text       string `json:"text,omitempty"`
	SourceHash string `json:"source_hash,omitempty"`
	Hash       string `json:"hash,omitempty"`
	// File, Line and Col locate the translation, when there is one.
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
}

// NewReport reports on every locale of the site but the source language,
// or only on locale when it is not "".
func NewReport(s *Site, locale string) (*Report, error) {
	cfg := s.Config
	def := cfg.DefaultLocale
	if locale != "" {
		if _, ok := cfg.Locale(locale); !ok {
			return nil, fmt.Errorf("%s is not a locale of the site (%s)", locale, codes(cfg))
		}
		if locale == def {
			return nil, fmt.Errorf("%s is the source language; its pages are not translations", locale)
		}
	}
	src, _ := cfg.Locale(def)
	r := &Report{Source: Lang{src.Code, src.Name}, Locales: []*Locale{}}
	hashes := map[string]string{}
	for _, p := range s.Content.Paths() {
		hashes[p] = s.sourceHash(p)
	}
	for _, l := range cfg.Locales {
		if l.Code == def || (locale != "" && l.Code != locale) {
			continue
		}
		loc := &Locale{Lang: Lang{l.Code, l.Name}, PageList: []*Page{}, StringList: []*String{}}
		for _, p := range s.Content.Paths() {
			pg := pageStatus(s, l.Code, p, hashes[p])
			loc.count(pg)
			loc.PageList = append(loc.PageList, pg)
		}
		loc.addStrings(s.Catalog, def, l.Code)
		r.Locales = append(r.Locales, loc)
	}
	return r, nil
}

func codes(cfg *config.Config) string {
	var out []string
	for _, l := range cfg.Locales {
		out = append(out, l.Code)
	}
	return strings.Join(out, ", ")
}

func (loc *Locale) count(pg *Page) {
	loc.Pages.Total++
	switch pg.State {
	case Translated:
		loc.Pages.Translated++
	case Outdated:
		loc.Pages.Outdated++
	case Unstamped:
		loc.Pages.Unstamped++
	case Missing:
		loc.Pages.Missing++
	case InProgress:
		loc.Pages.InProgress++
	}
	if pg.Segments != nil {
		loc.Segments.Total += pg.Segments.Total
		loc.Segments.Untranslated += pg.Segments.Untranslated
	}
}

func pageStatus(s *Site, locale, path, hash string) *Page {
	if s.Index != nil {
		if pg := s.Index.pages[locale][path]; pg != nil {
			return pg
		}
	} else if p := s.Content.Page(locale, path); p != nil {
		return pageState(p, s.Content.Page(s.Config.DefaultLocale, path), hash, false)
	}
	def := s.Config.DefaultLocale
	pg := &Page{
		Path:       path,
		File:       content.Dir + "/" + locale + "/" + path,
		Source:     content.Dir + "/" + def + "/" + path,
		SourceHash: hash,
		State:      Missing,
	}
	if s.isDraft(locale, path) {
		pg.State = InProgress
	}
	return pg
}

// isDraft reports whether the translation of path into locale is a file
// left out of the site because it is a draft.
func (s *Site) isDraft(locale, path string) bool {
	if s.Files == nil || s.FS == nil || !s.Files.Has(locale, path) {
		return false
	}
	src, err := limits.ReadFile(s.FS, content.Dir+"/"+locale+"/"+path, limits.PageSize)
	if err != nil {
		return false
	}
	fm := frontmatter.Locate(bytes.TrimPrefix(src, []byte("\uFEFF")))
	if fm == nil {
		return false
	}
	var front struct {
		Draft bool `yaml:"draft"`
	}
	return yaml.Unmarshal(fm.YAML, &front) == nil && front.Draft
}

// pageState is the state of a translated page p whose source page src
// has the hash; brief leaves out what PageStates.Brief drops.
func pageState(p, src *content.Page, hash string, brief bool) *Page {
	pg := &Page{
		Path:       p.Path,
		File:       p.File,
		Source:     src.File, // content.Dir + "/" + src.Locale + "/" + p.Path
		SourceHash: hash,
	}
	pg.StampedHash = p.Front.SourceHash
	if pg.StampedHash == hash {
		// A build keeps the state of every translation: one copy of
		// the hash, not the front matter's too.
		pg.StampedHash = hash
	}
	switch {
	case pg.StampedHash == "":
		pg.State = Unstamped
		pg.pos = diag.Pos{File: p.File, Line: 1, Col: 1}
	case !HashMatches(src, hash, pg.StampedHash):
		pg.State = Outdated
		pg.pos = p.At("source_hash")
	default:
		pg.State = Translated
	}
	pg.Segments = &Segments{}
	if !brief {
		pg.Segments.List = []*Segment{}
	}
	for _, f := range p.FrontTexts {
		// The title and description count as segments of kind "title"
		// and "description", at their place in the front matter.
		pg.Segments.Total++
		if f.Identical {
			pg.Segments.Untranslated++
			if brief {
				continue
			}
			pos := p.At(f.Key)
			pg.Segments.List = append(pg.Segments.List, &Segment{Kind: f.Key, Line: pos.Line, Col: pos.Col, Text: f.Text})
		}
	}
	for _, seg := range p.Doc.Segments {
		pg.Segments.Total++
		if !seg.Identical {
			continue
		}
		pg.Segments.Untranslated++
		if brief {
			continue
		}
		pos := p.Doc.Pos(seg.Offset)
		pg.Segments.List = append(pg.Segments.List, &Segment{Kind: string(seg.Kind), Line: pos.Line, Col: pos.Col, Text: seg.Text})
	}
	if pg.Segments.Total > 0 {
		pg.Segments.Share = math.Round(float64(pg.Segments.Untranslated)/float64(pg.Segments.Total)*1000) / 1000
	}
	if a := p.Doc.Alignment; a != nil && !brief {
		pg.Headings = headings(p, a)
	}
	return pg
}

func headings(p *content.Page, a *headingid.Alignment) *Headings {
	h := &Headings{
		Source:      len(a.Source),
		Translation: len(p.Doc.Headings),
		Aligned:     a.Aligned(),
		Mismatch:    a.Mismatch,
		Unaligned:   []*Heading{},
		Missing:     []*Heading{},
	}
	for i, hd := range p.Doc.Headings {
		if a.Match[i] >= 0 {
			continue
		}
		pos := p.Doc.NodePos(hd.Node)
		h.Unaligned = append(h.Unaligned, &Heading{Level: hd.Level, ID: hd.ID, Text: hd.Text, Line: pos.Line, Col: pos.Col})
	}
	for _, j := range a.Unmatched() {
		sh := a.Source[j]
		h.Missing = append(h.Missing, &Heading{Level: sh.Level, ID: sh.ID, Text: sh.Text})
	}
	return h
}

func (loc *Locale) addStrings(cat *i18n.Catalog, def, locale string) {
	src := cat.Messages(def)
	tr := cat.Messages(locale)
	loc.file = cat.FileName(locale)
	for _, id := range sortedIDs(src) {
		m := src[id]
		st := &String{ID: id, Text: m.Other, SourceHash: MessageHash(m.Message)}
		loc.Strings.Total++
		t, ok := tr[id]
		switch {
		case !ok:
			st.State = Missing
			loc.Strings.Missing++
		case t.Hash == "":
			st.State = Unstamped
			loc.Strings.Unstamped++
		case t.Hash != st.SourceHash:
			st.State = Outdated
			loc.Strings.Outdated++
		case sameForms(t.Message, m.Message) && !markedIdentical(t.Message, m.Message):
			st.State = Identical
			loc.Strings.Identical++
		default:
			loc.Strings.Translated++
			continue
		}
		if ok {
			st.Hash, st.File, st.Line, st.Col = t.Hash, t.Pos.File, t.Pos.Line, t.Pos.Col
		}
		loc.StringList = append(loc.StringList, st)
	}
	for _, id := range sortedIDs(tr) {
		if _, ok := src[id]; ok {
			continue
		}
		t := tr[id]
		loc.Strings.Obsolete++
		loc.StringList = append(loc.StringList, &String{ID: id, State: Obsolete, Hash: t.Hash, File: t.Pos.File, Line: t.Pos.Line, Col: t.Pos.Col})
	}
	slices.SortFunc(loc.StringList, func(a, b *String) int { return strings.Compare(a.ID, b.ID) })
}

// list joins the first n items, and says how many more there are.
func list(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:n], ", "), len(items)-n)
}

func sortedIDs(m map[string]*i18n.Message) []string {
	return slices.Sorted(maps.Keys(m))
}

// Warnings returns what builds and checks warn about: outdated and
// unstamped pages and UI strings.
func (r *Report) Warnings() []*diag.Problem {
	var out []*diag.Problem
	for _, loc := range r.Locales {
		for _, pg := range loc.PageList {
			switch pg.State {
			case Outdated:
				out = append(out, diag.Warnf(pg.pos, "translation is outdated: %s changed since it was stamped; bring it up to date, then run: guidegen i18n stamp %s", pg.Source, pg.File))
			case Unstamped:
				out = append(out, diag.Warnf(pg.pos, "translation has no source_hash, so whether it is up to date is unknown; once it matches %s, run: guidegen i18n stamp %s", pg.Source, pg.File))
			}
		}
		var unstamped []string
		file := loc.file
		for _, st := range loc.StringList {
			switch st.State {
			case Outdated:
				out = append(out, diag.Warnf(diag.Pos{File: st.File, Line: st.Line, Col: st.Col},
					"UI string %q is outdated: its %s text changed since it was translated (guidegen i18n extract lists it for translation)", st.ID, r.Source.Code))
			case Unstamped:
				unstamped = append(unstamped, st.ID)
			}
		}
		if len(unstamped) > 0 {
			n := len(unstamped)
			out = append(out, diag.Warnf(diag.Pos{File: file},
				"%s no hash, so whether %s up to date is unknown; once %s, run: guidegen i18n stamp %s (%s)",
				diag.Plural(n, "UI string has", "UI strings have"), diag.Noun(n, "it is", "they are"), diag.Noun(n, "it is", "they are"), file, list(unstamped, 8)))
		}
	}
	return out
}
