// Package content loads a site's pages: it finds content/<locale>/**.md,
// parses every page with its locale's Markdown pipeline, decodes the front
// matter strictly, and checks and resolves the links between pages.
package content

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"net/url"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/guidegen/guidegen/internal/config"
	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/directive"
	"github.com/guidegen/guidegen/internal/guidedata"
	"github.com/guidegen/guidegen/internal/limits"
	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/links"
	"github.com/guidegen/guidegen/internal/markdown/mdunits"
	"github.com/guidegen/guidegen/internal/terms"
	"github.com/guidegen/guidegen/internal/yamlx"
)

// Dir is the directory of the pages in a site.
const Dir = "content"

// Page is one Markdown file of one locale.
type Page struct {
	// Path is the page's path under content/<locale>/ ("about/criteria.md");
	// a page and its translations share it.
	Path   string
	Locale string
	// File is the path used in messages ("content/nl/about/criteria.md").
	File  string
	Front FrontMatter
	Doc   *markdown.Document
	// Data is the page's recommendations, criteria and threats: its own
	// on a source page, the source page's with the translation's
	// overrides on a translation.
	Data *guidedata.Data
	// Cards are the recommendation cards placed from Data.
	Cards []directive.Card
	// FrontTexts are, on a translation, the prose of its front matter
	// (title, description), each telling whether it is still the source
	// page's (fronttext.go).
	FrontTexts   []FrontText
	sourceLocale string

	// parsed is what only loading and rendering the page need; release
	// drops it, and with it a fifth of the page's memory.
	*parsed
	// anchors are the page's ids, and borrowed its headings that took
	// the id of the source page's heading (text and id); both outlive
	// release. Each is one string of its items, each item its length as
	// a uvarint and its bytes: a slice of strings takes three times the
	// memory, a map nine, for every page of the site.
	anchors  string
	borrowed string
	// MkDocs is what the page's MkDocs front matter means (compat:
	// mkdocs).
	MkDocs MkDocsFront
	// digest is a source page's mdunits.Digest, taken before its data
	// was placed; it outlives release.
	digest    [32]byte
	hasDigest bool
}

// parsed is the part of a Page that release drops.
type parsed struct {
	// at returns the position of a front matter value by its path.
	at  func(path ...string) diag.Pos
	src []byte
	// buf is the buffer the page was read into (readbuf.go), when the
	// loader read it.
	buf *[]byte
	// source describes the page this one translates (nil on a source
	// page).
	source *markdown.Source
	// ignored are the MkDocs front matter's keys without a meaning here
	// (compat: mkdocs), and warnings the front matter's warnings.
	ignored  []ignoredKey
	warnings []*diag.Problem
}

// TextDigest returns the digest of a source page's text (see
// mdunits.Digest), as written: before its cards and directives were
// resolved. ok is false on a translation.
func (p *Page) TextDigest() (digest [32]byte, ok bool) { return p.digest, p.hasDigest }

// HasAnchor reports whether an element of the page has the id.
func (p *Page) HasAnchor(id string) bool {
	if p.Doc != nil {
		return p.Doc.HasAnchor(id)
	}
	for list := p.anchors; list != ""; {
		var a string
		a, list = nextItem(list)
		if a == id {
			return true
		}
	}
	return false
}

// appendItem appends s to a list of items (Page.anchors).
func appendItem(list []byte, s string) []byte {
	list = binary.AppendUvarint(list, uint64(len(s)))
	return append(list, s...)
}

// nextItem returns the first item of a list and the rest.
func nextItem(list string) (item, rest string) {
	if n := int(list[0]); n < 0x80 { // the length of most items, in one byte
		return list[1 : 1+n], list[1+n:]
	}
	n, k := binary.Uvarint([]byte(list[:min(len(list), binary.MaxVarintLen64)]))
	list = list[k:]
	return list[:n], list[n:]
}

// Released reports whether the page's syntax tree was dropped; Doc, Body,
// Cards and Data are then unavailable, and of Front only Title, Icon,
// Weight, Updated and Draft are kept (FrontTexts without their Text).
func (p *Page) Released() bool { return p.Doc == nil }

// release keeps what the index needs (the front matter's title, date and
// icon, the anchors) and drops the rest.
func (p *Page) release() {
	if p.Doc == nil {
		return
	}
	var buf [1 << 10]byte // the lists of most pages
	list := buf[:0]
	for id := range p.Doc.Anchors() {
		list = appendItem(list, id)
	}
	p.anchors = string(list)
	list = list[:0]
	for _, h := range p.Doc.Headings {
		if h.FromSource {
			list = appendItem(appendItem(list, h.Text), h.ID)
		}
	}
	p.borrowed = string(list)
	p.Doc, p.Cards, p.Data, p.parsed = nil, nil, nil, nil
	// Of the front matter, what the site shows of a page it no longer
	// renders: its title and icon in the navigation and links, its date
	// in the sitemap, and what orders and leaves out pages.
	f := &p.Front
	p.Front = FrontMatter{Title: f.Title, Icon: f.Icon, Weight: f.Weight, Updated: f.Updated, Draft: f.Draft}
	for i := range p.FrontTexts {
		p.FrontTexts[i].Text = "" // TextLang needs only whether it is the source's
	}
}

// Body returns the Markdown after the front matter, as in the file.
func (p *Page) Body() []byte { return p.src[p.bodyStart():] }

// Source returns the page's file as written, front matter included; nil
// once it is released.
func (p *Page) Source() []byte {
	if p.parsed == nil {
		return nil
	}
	return p.src
}

// At returns the position of a front matter value by its path ("title"),
// or of the closest enclosing value that exists: the top of the file once
// the page is released.
func (p *Page) At(path ...string) diag.Pos {
	if p.parsed == nil || p.at == nil {
		return diag.Pos{File: p.File, Line: 1, Col: 1}
	}
	return p.at(path...)
}

// Site is every page of every locale.
type Site struct {
	Config *config.Config
	// pages[locale][path]
	pages map[string]map[string]*Page
	// paths are the source pages (default locale), sorted.
	paths []string
	// drafts are the source pages left out because they are drafts.
	drafts map[string]bool
	// broken are the source pages left out because they have errors of
	// their own: their translations are not loaded, and links to them are
	// not errors, so that one error is reported once.
	broken map[string]bool
	// assessments are the source pages' listed entries (Assessments).
	assessments map[string][]string
}

// Options change what Load includes.
type Options struct {
	// Drafts includes pages with draft: true.
	Drafts bool
	// Files is the site's root as served (for checking links to files such
	// as assets/img/logo.svg); nil skips the check.
	Files fs.FS
	// Strings localize the labels of generated cards, lists and tables,
	// by locale.
	Strings map[string]func(id string, args ...any) (string, error)
	// Terms are the term lists by locale: each page of a locale that has
	// one is checked against it as it is loaded.
	Terms map[string]*terms.List
	// Fronts keeps the data pre-pass's findings between builds; nil
	// reads every page's front matter.
	Fronts *FrontCache
	// Icon reports whether a front matter icon exists; nil checks none.
	Icon func(name string) bool
}

// Load reads and parses all pages, then checks and resolves their links.
// Problems go to problems; the returned site is complete only when no
// error was added. Every page keeps its syntax tree; a build streams the
// pages instead (NewLoader).
func Load(fsys fs.FS, cfg *config.Config, mds map[string]*markdown.Markdown, opts Options, problems *diag.List) *Site {
	ld := NewLoader(fsys, cfg, mds, opts, problems, nil)
	if ld == nil {
		return &Site{Config: cfg, pages: map[string]map[string]*Page{}, drafts: map[string]bool{}, broken: map[string]bool{}, assessments: map[string][]string{}}
	}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, p := range ld.Paths() {
		g.Go(func() error {
			ld.LoadUnit(p)
			return nil
		})
	}
	_ = g.Wait()
	return ld.Finish()
}

// Loader loads a site's pages one path at a time (a Unit: the source page
// and its translations), so that a build can parse, render and write each
// page and drop its syntax tree before the next. What other pages need to
// know of a page (that it exists, its title, its anchors) stays in the
// index; links between pages are checked against it by Finish, once every
// page was loaded.
type Loader struct {
	// Files is the list of pages loaded.
	Files *FileList
	ld    loader
	cfg   *config.Config
	site  *Site
	files map[string][]string // path → locales with a file, default first
	paths []string            // every path of any locale, sorted

	// pageData is the data of every page by locale, from the pre-pass,
	// which directives are resolved with; dataKey changes with it.
	pageData map[string][]directive.PageData
	dataKey  [32]byte

	mu     sync.Mutex
	units  []*Unit
	reused map[string]bool // units entered again from an earlier build
	// infos are what the pre-pass found in each page's file, in the
	// order of Files.jobs (a map would take several times the memory,
	// for every page of the site); fronts are its findings, kept only
	// when a FrontCache keeps them anyway (for Sum).
	infos  []fileInfo
	fronts []*frontData
	// priors are the pages' front matter as the pre-pass decoded it, in
	// the order of Files.jobs, each dropped once its page is loaded.
	priors []*priorFront
}

// pageLink is a link to another page, checked by Finish. A build keeps
// one for each such link of the site until then, so it keeps only what
// the check reads: a links.Ref and a diag.Pos would take twice the
// memory.
type pageLink struct {
	from *Page
	// path, fragment and dest are the link's links.Ref's.
	path, fragment, dest string
	// file is the file the link is in, when not from's (a snippet).
	file string
	// line and col are its position (a page and its snippets are far
	// smaller than 2 GiB).
	line, col int32
}

// newPageLink returns the pageLink of link ref of page from at pos.
func newPageLink(from *Page, ref links.Ref, pos diag.Pos) pageLink {
	l := pageLink{from: from, path: ref.Path, fragment: ref.Fragment, dest: ref.Dest, line: int32(pos.Line), col: int32(pos.Col)}
	if pos.File != from.File {
		l.file = pos.File
	}
	return l
}

// check checks the link (Site.checkPageLink).
func (l *pageLink) check(s *Site) error {
	pos := diag.Pos{File: l.file, Line: int(l.line), Col: int(l.col)}
	if l.file == "" {
		pos.File = l.from.File
	}
	return s.checkPageLink(l.from, links.Ref{Kind: links.Page, Path: l.path, Fragment: l.fragment, Dest: l.dest}, pos)
}

// Scan finds the pages of every locale.
func Scan(fsys fs.FS, cfg *config.Config) *FileList {
	var found diag.List
	problems := &found
	var jobs []job
	for _, l := range cfg.Locales {
		root := Dir + "/" + l.Code
		err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == root {
					if l.Code == cfg.DefaultLocale {
						problems.Add(diag.Errorf(diag.Pos{File: root}, "the default locale's content directory is missing"))
					}
					return fs.SkipDir
				}
				return err
			}
			name := d.Name()
			if strings.HasPrefix(name, ".") && p != root {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				if st, err := fs.Stat(fsys, p); err == nil && st.IsDir() {
					problems.Add(diag.Errorf(diag.Pos{File: p}, "symbolic link to a directory: not followed; link the pages in it instead"))
					return nil
				}
			}
			if !strings.HasSuffix(name, ".md") {
				problems.Add(diag.Warnf(diag.Pos{File: p}, "ignored: only Markdown pages belong in %s/ (put other files in assets/)", Dir))
				return nil
			}
			jobs = append(jobs, job{l.Code, strings.TrimPrefix(p, root+"/")})
			return nil
		})
		if err != nil {
			problems.Add(err)
		}
	}
	if entries, err := fs.ReadDir(fsys, Dir); err == nil {
		for _, e := range entries {
			if _, ok := cfg.Locale(e.Name()); !ok && e.IsDir() && e.Name() != "data" && !strings.HasPrefix(e.Name(), ".") {
				problems.Add(diag.Warnf(diag.Pos{File: Dir + "/" + e.Name()}, "ignored: %q is not a locale of the site", e.Name()))
			}
		}
	}
	fl := &FileList{jobs: jobs, problems: found.Problems(), sorted: make([]int32, len(jobs))}
	for i := range fl.sorted {
		fl.sorted[i] = int32(i)
	}
	slices.SortFunc(fl.sorted, func(a, b int32) int { return jobs[a].compare(jobs[b]) })
	fl.setSlots()
	return fl
}

// setSlots indexes the jobs by their path's hash, in a table at most
// half full.
func (fl *FileList) setSlots() {
	n := 1
	for n < 2*len(fl.jobs) {
		n *= 2
	}
	fl.seed = maphash.MakeSeed()
	fl.slots = make([]int32, n)
	for i := range fl.slots {
		fl.slots[i] = -1
	}
	mask := uint64(n - 1)
	for i, j := range fl.jobs {
		s := maphash.String(fl.seed, j.path) & mask
		for fl.slots[s] >= 0 {
			s = (s + 1) & mask
		}
		fl.slots[s] = int32(i)
	}
}

// FileList is the pages of a site, as found by Scan, and the problems
// found on the way.
type FileList struct {
	jobs     []job
	problems []*diag.Problem
	// sorted are the indexes of jobs in order.
	sorted []int32
	// slots are the indexes of jobs by the hash of their path with
	// seed, open addressed (-1 where none), for index: a lookup hashes
	// the path once and compares a page or two, where a binary search
	// in sorted compares some fourteen. A map would take several times
	// the memory, for every page of the site.
	slots []int32
	seed  maphash.Seed
}

// Has reports whether the list has the page at path of a locale.
func (fl *FileList) Has(locale, path string) bool {
	_, ok := fl.index(locale, path)
	return ok
}

// index returns the index in jobs of the page at path of a locale; ok is
// false when the list does not have it.
func (fl *FileList) index(locale, path string) (i int, ok bool) {
	if len(fl.slots) == 0 {
		return 0, false
	}
	mask := uint64(len(fl.slots) - 1)
	for s := maphash.String(fl.seed, path) & mask; ; s = (s + 1) & mask {
		k := fl.slots[s]
		if k < 0 {
			return 0, false
		}
		if j := fl.jobs[k]; j.path == path && j.locale == locale {
			return int(k), true
		}
	}
}

// NewLoader finds the pages of every locale (unless files, from an
// earlier Scan of the same files, is given) and loads the vocabulary. It
// returns nil when the vocabulary cannot be loaded (the problem is added).
func NewLoader(fsys fs.FS, cfg *config.Config, mds map[string]*markdown.Markdown, opts Options, problems *diag.List, files *FileList) *Loader {
	if files == nil {
		files = Scan(fsys, cfg)
	}
	s := &Site{Config: cfg, pages: map[string]map[string]*Page{}, drafts: map[string]bool{}, broken: map[string]bool{}, assessments: map[string][]string{}}
	for _, l := range cfg.Locales {
		s.pages[l.Code] = make(map[string]*Page, len(files.jobs)/len(cfg.Locales))
	}
	for _, p := range files.problems {
		problems.Add(p)
	}
	jobs := files.jobs

	vocab, err := guidedata.LoadVocabulary(fsys)
	if err != nil {
		problems.Add(err)
		return nil
	}
	if t := opts.Strings[cfg.DefaultLocale]; t != nil {
		problems.Add(vocab.CheckLabels(func(id string) bool { _, err := t(id); return err == nil }))
	}
	ld := &Loader{
		Files: files,
		ld:    loader{fsys: fsys, vocab: vocab, def: cfg.DefaultLocale, mds: mds, opts: opts, problems: problems, front: frontOptions{mkdocs: cfg.MkDocs(), fields: &yamlx.Fields{}}},
		cfg:   cfg,
		site:  s,
		files: map[string][]string{},
	}
	// The default locale's files first: a translation is parsed knowing
	// its source page's headings and segments.
	for _, j := range jobs {
		if j.locale == cfg.DefaultLocale {
			ld.files[j.path] = append(ld.files[j.path], j.locale)
		}
	}
	for _, j := range jobs {
		if j.locale != cfg.DefaultLocale {
			if ld.files[j.path] == nil {
				ld.paths = append(ld.paths, j.path)
			}
			ld.files[j.path] = append(ld.files[j.path], j.locale)
		}
	}
	for p := range ld.files {
		ld.paths = append(ld.paths, p)
	}
	slices.Sort(ld.paths)
	ld.paths = slices.Compact(ld.paths)
	ld.prepass(jobs, opts.Fronts)
	return ld
}

// Paths returns the path of every page of any locale, sorted: the units
// to load.
func (ld *Loader) Paths() []string { return ld.paths }

// Unit is a path's pages: its source page and its translations, parsed,
// expanded and with their links resolved. A released unit can enter a
// later build's index again (Loader.Reuse) when none of its files changed.
type Unit struct {
	Path string
	// pages are the unit's pages, one per locale, drafts left out unless
	// included (a slice: a unit has a page or two, and a build keeps every
	// unit until Finish).
	pages []*Page
	def   string
	ok    bool
	// What the unit contributes to the index.
	draft, broken bool
	links         []pageLink
	problems      []*diag.Problem
	// assessments are the source page's (Site.Assessments).
	assessments []string
	// ignored are the front matter keys its pages use that guidegen
	// ignores (compat: mkdocs), reported once per build by Finish.
	ignored map[string]*ignoredUse
	// linksOK is set when Finish found no problem in the unit's links:
	// a later build that keeps the unit and every page it links to does
	// not check them again.
	linksOK bool
}

// Rendered reports whether the unit is a page of the site: its source
// page loaded without errors and is not a left-out draft.
func (u *Unit) Rendered() bool { return u.ok }

// Lookup returns the page shown in a locale: its translation, else the
// source page.
func (u *Unit) Lookup(locale string) *Page {
	if p := u.Page(locale); p != nil {
		return p
	}
	return u.Page(u.def)
}

// Page returns the unit's page of a locale, without fallback, or nil.
func (u *Unit) Page(locale string) *Page {
	for _, p := range u.pages {
		if p.Locale == locale {
			return p
		}
	}
	return nil
}

// Translated reports whether the unit has its own page in a locale.
func (u *Unit) Translated(locale string) bool {
	return u.Page(locale) != nil
}

// Files returns the locales that have a file of path, the default locale
// first.
func (ld *Loader) Locales(path string) []string { return ld.files[path] }

// LoadUnit loads the pages of one path: it parses the source page, then
// its translations, resolves their cards and directives with the data
// of every page (from the pre-pass), checks the term lists, checks their links to anchors of
// their own and to files, records their links to other pages for Finish,
// and enters them in the index. It is safe to call for different paths
// concurrently.
func (ld *Loader) LoadUnit(p string) *Unit {
	u := ld.loadUnit(p)
	ld.enter(u, false)
	return u
}

// prior returns the front matter of the page at path p of a locale as
// the pre-pass decoded it, if it kept it, and drops it: a page is loaded
// once.
func (ld *Loader) prior(locale, p string) *priorFront {
	i, ok := ld.Files.index(locale, p)
	if !ok || ld.priors == nil {
		return nil
	}
	pr := ld.priors[i]
	ld.priors[i] = nil
	return pr
}

func (ld *Loader) loadUnit(p string) *Unit {
	def := ld.cfg.DefaultLocale
	u := &Unit{Path: p, def: def}
	var found diag.List
	defer func() { u.problems = found.Problems() }()
	pl := ld.ld
	pl.problems = &found
	var src *Page
	var loaded []*Page
	for _, loc := range ld.files[p] {
		front := pl.front
		front.prior = ld.prior(loc, p)
		if loc == def {
			pg, errs := loadPage(pl.fsys, pl.mds[loc], loc, p, nil, front)
			found.Add(errs)
			if pg == nil {
				u.broken = true
				return u
			}
			if pl.data(pg, nil) {
				pl.resolve(pg, ld.pageData[loc])
			}
			src = pg
			loaded = append(loaded, pg)
			continue
		}
		var source *markdown.Source
		if src != nil {
			source = markdown.SourceOf(src.Doc, src.Locale)
		}
		pg, errs := loadPage(pl.fsys, pl.mds[loc], loc, p, source, front)
		found.Add(errs)
		if pg != nil && src != nil {
			pg.setFrontTexts(src)
		}
		if pg != nil {
			if pl.data(pg, src) {
				pl.resolve(pg, ld.pageData[loc])
			}
			loaded = append(loaded, pg)
		}
	}
	u.pages = make([]*Page, 0, len(loaded))
	for _, pg := range loaded {
		if pg.Front.Draft && !pl.opts.Drafts {
			if pg.Locale == def {
				u.draft = true
			}
			continue
		}
		u.pages = append(u.pages, pg)
		if t, _ := ld.title(pg.Locale, p); t == pg.Front.Title {
			// The pre-pass's copy is kept anyway: keep one.
			pg.Front.Title = t
		}
		if ic := pg.Front.Icon; ic != "" && pl.opts.Icon != nil && !pl.opts.Icon(ic) {
			found.Add(diag.Warnf(pg.At("icon"), "unknown icon %q: not shown in the navigation", ic))
		}
		if len(pg.ignored) > 0 {
			if u.ignored == nil {
				u.ignored = map[string]*ignoredUse{}
			}
			collectIgnored(u.ignored, pg)
		}
		if list := pl.opts.Terms[pg.Locale]; list != nil {
			for _, w := range list.Check(pg.File, pg.Source()) {
				found.Add(w)
			}
		}
		if pg.Locale == def {
			u.assessments = assess(pg)
		}
		if u.links == nil {
			n := 0
			for _, pg := range loaded {
				for _, ref := range pg.Doc.Refs {
					if ref.Kind == links.Page {
						n++
					}
				}
			}
			u.links = make([]pageLink, 0, n)
		}
		at := pg.Doc.Cursor()
		for _, ref := range pg.Doc.Refs {
			pos := at.Pos(ref.Offset)
			if ref.Kind == links.Page && !(strings.HasPrefix(ref.Path, "../") || ref.Path == "..") {
				// The URL of a page depends only on its path; whether
				// the page and the anchor exist is checked by Finish.
				links.SetTarget(ref.Node, &links.Target{Page: ref.Path, Fragment: ref.Fragment})
				u.links = append(u.links, newPageLink(pg, ref, pos))
				continue
			}
			found.Add(ld.site.resolve(pg, ref, pos, pl.opts.Files))
		}
	}
	u.ok = src != nil && u.Page(def) == src
	return u
}

// Reuse enters a unit into the index: its pages, its links to check, and
// the problems found in it. LoadUnit does so; a build that kept a unit of
// an earlier build, whose files did not change since, does so instead of
// loading it again.
func (ld *Loader) Reuse(u *Unit) { ld.enter(u, true) }

func (ld *Loader) enter(u *Unit, reused bool) {
	if len(u.problems) > 0 {
		ps := make([]error, len(u.problems))
		for i, pr := range u.problems {
			ps[i] = pr
		}
		ld.ld.problems.Add(ps...)
	}
	ld.mu.Lock()
	defer ld.mu.Unlock()
	if u.broken {
		ld.site.broken[u.Path] = true
	}
	if u.draft {
		ld.site.drafts[u.Path] = true
	}
	for _, pg := range u.pages {
		ld.site.pages[pg.Locale][u.Path] = pg
	}
	ld.units = append(ld.units, u)
	if reused {
		if ld.reused == nil {
			ld.reused = make(map[string]bool, len(ld.paths))
		}
		ld.reused[u.Path] = true
	}
}

// Release drops the syntax trees of the unit's pages and what only
// rendering needs; the index keeps their front matter and anchors.
func (u *Unit) Release() {
	// The pages' buffers are given back once every page of the unit is
	// released: a translation's tree points into its source page's too.
	var bufs [4]*[]byte
	free := bufs[:0]
	for _, p := range u.pages {
		if p.parsed != nil && p.buf != nil {
			free = append(free, p.buf)
		}
		p.release()
	}
	for _, b := range free {
		if poisonReleased {
			poison(*b)
		}
		putReadBuf(b)
	}
}

// Finish checks what needs every page: translations without a source
// page, colliding URLs, navigation entries, and the links between pages.
// It returns the site's index.
func (ld *Loader) Finish() *Site {
	s := ld.site
	for p := range s.pages[ld.cfg.DefaultLocale] {
		s.paths = append(s.paths, p)
	}
	slices.Sort(s.paths)
	s.checkPaths(ld.ld.problems)
	ignored := map[string]*ignoredUse{}
	for _, u := range ld.units {
		for k, use := range u.ignored {
			if all := ignored[k]; all == nil {
				ignored[k] = &ignoredUse{pos: use.pos, pages: use.pages}
			} else {
				all.pages += use.pages
				if before(use.pos, all.pos) {
					all.pos = use.pos
				}
			}
		}
	}
	ld.ld.problems.Add(ignoredWarnings(ignored)...)
	for _, u := range ld.units {
		if u.linksOK && ld.unchanged(u) {
			continue // its links and the pages they lead to are as they were
		}
		ok := true
		for i := range u.links {
			if err := u.links[i].check(s); err != nil {
				ld.ld.problems.Add(err)
				ok = false
			}
		}
		u.linksOK = ok
	}
	for _, u := range ld.units {
		if len(u.assessments) > 0 && s.pages[ld.cfg.DefaultLocale][u.Path] != nil {
			s.assessments[u.Path] = u.assessments
		}
	}
	ld.units = nil
	return s
}

// unchanged reports whether a unit and every unit it links to were kept
// from the previous build, so that its links lead where they did.
func (ld *Loader) unchanged(u *Unit) bool {
	if !ld.reused[u.Path] {
		return false
	}
	for _, l := range u.links {
		if !ld.reused[l.path] {
			return false
		}
	}
	return true
}

// job is one page to load.
type job struct{ locale, path string }

func (j job) compare(k job) int {
	if c := strings.Compare(j.locale, k.locale); c != 0 {
		return c
	}
	return strings.Compare(j.path, k.path)
}

// loader loads pages.
type loader struct {
	fsys     fs.FS
	vocab    *guidedata.Vocabulary
	def      string
	mds      map[string]*markdown.Markdown
	opts     Options
	problems *diag.List
	// front is how pages' front matter is decoded.
	front frontOptions
}

// loadPage reads and parses one page. It returns the page (nil when
// there is an error) and every problem found in it, warnings included.
// source is the page it translates, or nil.
func loadPage(fsys fs.FS, md *markdown.Markdown, locale, p string, source *markdown.Source, front frontOptions) (page *Page, problems error) {
	file := Dir + "/" + locale + "/" + p
	defer diag.Recover(file, &problems)
	buf := getReadBuf()
	src, err := limits.AppendFile((*buf)[:0], fsys, file, limits.PageSize)
	if err != nil {
		putReadBuf(buf)
		return nil, err
	}
	*buf = src[:0]
	page, problems = parsePage(md, locale, p, file, src, source, front)
	if page != nil {
		page.buf = buf // Unit.Release gives it back
	}
	return page, problems
}

// ParsePage parses the text of a source page of a locale, at path p
// under its content directory, as loading the site would, without placing
// its data or checking its links: for tools that read another version of
// a page (from a version control system, say). mkdocs accepts front
// matter written for MkDocs (compat: mkdocs). The page is nil when it has
// errors, which the error lists.
func ParsePage(md *markdown.Markdown, locale, p string, src []byte, mkdocs bool) (page *Page, problems error) {
	file := Dir + "/" + locale + "/" + p
	defer diag.Recover(file, &problems)
	if len(src) > int(limits.PageSize) {
		return nil, diag.Errorf(diag.Pos{File: file}, "the page is larger than %d bytes", limits.PageSize)
	}
	return parsePage(md, locale, p, file, src, nil, frontOptions{mkdocs: mkdocs})
}

// parsePage parses a page's text, of file Dir/locale/p; source is the
// page it translates, or nil.
func parsePage(md *markdown.Markdown, locale, p, file string, src []byte, source *markdown.Source, front frontOptions) (page *Page, problems error) {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	var found diag.List
	src, invalid := toValidUTF8(file, src)
	for _, w := range invalid {
		found.Add(w)
	}
	dir := path.Dir(p)
	if dir == "." {
		dir = ""
	}
	page = &Page{Path: p, Locale: locale, File: file, parsed: &parsed{src: src, source: source}}
	page.Doc = md.ParseInput(markdown.Input{File: file, Dir: dir, Src: src, Source: source})
	if source == nil {
		// Nothing is grafted yet (Generated of the end of Source says
		// whether anything is): a digest that need not ask each block
		// whether it was generated is the same.
		var skip func(int) bool
		if page.Doc.Generated(len(page.Doc.Source)) {
			skip = page.Doc.Generated
		}
		page.digest, page.hasDigest = mdunits.Digest(page.Doc.Root, page.Doc.Source, skip), true
	}
	for _, pr := range page.Doc.Problems {
		found.Add(pr)
	}
	found.Add(decodeFrontMatter(file, page, front))
	for _, w := range page.warnings {
		found.Add(w)
	}
	if errs, _ := found.Count(); errs > 0 {
		page = nil
	}
	if ps := found.Problems(); len(ps) > 0 {
		return page, &diag.ListError{Problems: ps}
	}
	return page, nil
}

// checkPaths reports translations without a source page, pages whose URLs
// collide, and navigation entries that are not pages.
func (s *Site) checkPaths(problems *diag.List) {
	def := s.Config.DefaultLocale
	for _, l := range s.Config.Locales {
		if l.Code == def {
			continue
		}
		for _, p := range sortedPages(s.pages[l.Code]) {
			if _, ok := s.pages[def][p.Path]; !ok {
				problems.Add(diag.Errorf(diag.Pos{File: p.File}, "translation without a source page: %s/%s/%s does not exist", Dir, def, p.Path))
			}
		}
	}
	byURL := map[string]string{}
	for _, p := range s.paths {
		u := URLPath(p)
		if other, ok := byURL[u]; ok {
			problems.Add(diag.Errorf(diag.Pos{File: Dir + "/" + def + "/" + p}, "has the same URL /%s as %s", u, other))
			continue
		}
		byURL[u] = p
	}
	for i, n := range s.Config.Navigation {
		if _, ok := s.pages[def][n]; !ok && !s.broken[n] {
			msg := fmt.Sprintf("navigation entry %q is not a page of %s/%s", n, Dir, def)
			if sug := yamlx.Suggest(n, s.paths); sug != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", sug)
			}
			problems.Add(diag.Errorf(s.Config.Pos("navigation", fmt.Sprint(i)), "%s", msg))
		}
	}
}

func sortedPages(m map[string]*Page) []*Page {
	out := make([]*Page, 0, len(m))
	for _, p := range m {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b *Page) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// resolve checks a link to an anchor of its own page or to a file, and
// records a file's target.
func (s *Site) resolve(p *Page, ref links.Ref, pos diag.Pos, files fs.FS) error {
	switch ref.Kind {
	case links.Fragment:
		if ref.Fragment != "" && !links.ScriptRoute(ref.Fragment) && !p.HasAnchor(ref.Fragment) {
			return s.brokenLink(pos, "link to missing anchor #%s on this page%s", ref.Fragment, s.anchorHint(p, ref.Fragment))
		}
		return nil
	case links.Page:
		return diag.Errorf(pos, "link %q leaves the content directory", ref.Dest)
	default:
		if strings.HasPrefix(ref.Path, "../") || ref.Path == ".." {
			return diag.Errorf(pos, "link %q leaves the site", ref.Dest)
		}
		if files != nil {
			if _, err := fs.Stat(files, ref.Path); err != nil {
				return s.brokenLink(pos, "link to missing file %q", ref.Dest)
			}
		}
		links.SetTarget(ref.Node, &links.Target{File: ref.Path, Fragment: ref.Fragment})
		return nil
	}
}

// checkPageLink checks a link to another page against the index.
func (s *Site) checkPageLink(p *Page, ref links.Ref, pos diag.Pos) error {
	target := s.Lookup(p.Locale, ref.Path)
	if target == nil && s.broken[ref.Path] {
		return nil // the target's own errors are reported
	}
	if target == nil {
		msg := fmt.Sprintf("link to missing page %q", ref.Dest)
		if s.drafts[ref.Path] {
			msg = fmt.Sprintf("link to draft page %q (build with --drafts, or remove the link)", ref.Dest)
		} else if sug := yamlx.Suggest(ref.Path, s.paths); sug != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", sug)
		}
		return s.brokenLink(pos, "%s", msg)
	}
	if links.ScriptRoute(ref.Fragment) {
		return nil
	}
	if ref.Fragment != "" && !target.HasAnchor(ref.Fragment) {
		return s.brokenLink(pos, "link to missing anchor #%s in %s%s", ref.Fragment, target.File, s.anchorHint(target, ref.Fragment))
	}
	return s.checkFallbackAnchor(p, ref, pos)
}

// brokenLink reports a link to a page, anchor or file that does not
// exist: an error, or a warning when the site's links.missing says so.
func (s *Site) brokenLink(pos diag.Pos, format string, args ...any) error {
	if s.Config.MissingLinksWarn() {
		return diag.Warnf(pos, format, args...)
	}
	return diag.Errorf(pos, format, args...)
}

// checkFallbackAnchor checks a link with an anchor on a source page in the
// locales where the page is shown untranslated: there it leads to the
// target's translation, which must have the anchor too.
func (s *Site) checkFallbackAnchor(p *Page, ref links.Ref, pos diag.Pos) error {
	if ref.Fragment == "" || p.Locale != s.Config.DefaultLocale {
		return nil
	}
	var warns diag.List
	for _, l := range s.Config.Locales {
		if l.Code == p.Locale || s.Translated(l.Code, p.Path) {
			continue
		}
		if t := s.pages[l.Code][ref.Path]; t != nil && !t.HasAnchor(ref.Fragment) {
			warns.Add(diag.Warnf(pos, "in %s, where this page is shown untranslated, the link leads to %s, which has no anchor #%s (give its heading { #%s })",
				l.Code, t.File, ref.Fragment, ref.Fragment))
		}
	}
	if ps := warns.Problems(); len(ps) > 0 {
		return &diag.ListError{Problems: ps}
	}
	return nil
}

// anchorHint explains a missing anchor that a heading of a translation
// would have had by its own text, before it took the id of the source
// page's heading at the same place.
func (s *Site) anchorHint(target *Page, fragment string) string {
	for list := target.borrowed; list != ""; {
		var text, id string
		text, list = nextItem(list)
		id, list = nextItem(list)
		if s.Config.HeadingSlug().Slugify(text) == fragment {
			return fmt.Sprintf(" (the heading %q has the id #%s, taken from %s/%s/%s)", text, id, Dir, s.Config.DefaultLocale, target.Path)
		}
	}
	return ""
}

// Lookup returns the page at path in a locale, falling back to the default
// locale's page, or nil.
func (s *Site) Lookup(locale, p string) *Page {
	if pg, ok := s.pages[locale][p]; ok {
		return pg
	}
	return s.pages[s.Config.DefaultLocale][p]
}

// Page returns the page at path in a locale, without fallback.
func (s *Site) Page(locale, p string) *Page {
	return s.pages[locale][p]
}

// Paths returns the paths of the source pages, sorted.
func (s *Site) Paths() []string { return s.paths }

// Translated reports whether a page has its own file in a locale.
func (s *Site) Translated(locale, p string) bool {
	_, ok := s.pages[locale][p]
	return ok
}

// URLPath is the URL of a page relative to its locale's root:
// "index.md" → "", "about/index.md" → "about/", "about/criteria.md" →
// "about/criteria/".
func URLPath(p string) string {
	if t := urlDir(p); t != "" {
		return t + "/"
	}
	return ""
}

// urlDir is URLPath without its final slash ("" for the home page).
func urlDir(p string) string {
	p = strings.TrimSuffix(p, ".md")
	if p == "index" {
		return ""
	}
	return strings.TrimSuffix(p, "/index")
}

// URL returns the root-relative URL of a page in a locale
// ("/guide/nl/about/criteria/").
func (s *Site) URL(locale, p string) string {
	return PageURL(s.Config, locale, p)
}

// PageURL returns the root-relative URL of a page in a locale
// ("/guide/nl/about/criteria/"); it depends only on the page's path.
func PageURL(cfg *config.Config, locale, p string) string {
	return pageURL("", cfg, locale, p)
}

// AbsPageURL returns the absolute URL of a page in a locale
// ("https://example.org/guide/nl/about/criteria/"): the site's origin and
// PageURL.
func AbsPageURL(cfg *config.Config, locale, p string) string {
	return pageURL(cfg.Origin(), cfg, locale, p)
}

// pageURL returns origin and PageURL in one string, made at once: every
// page has several (its hreflang alternates, its sitemap entry).
func pageURL(origin string, cfg *config.Config, locale, p string) string {
	d := urlDir(p)
	if d == "" {
		return origin + cfg.BasePath() + cfg.LocalePrefix(locale)
	}
	return origin + cfg.BasePath() + cfg.LocalePrefix(locale) + escapePath(d) + "/"
}

// AppendPageURL appends PageURL(cfg, locale, p) to dst, without
// allocating unless the path needs escaping.
func AppendPageURL(dst []byte, cfg *config.Config, locale, p string) []byte {
	dst = append(dst, cfg.BasePath()...)
	if locale != cfg.DefaultLocale { // cfg.LocalePrefix(locale)
		dst = append(dst, locale...)
		dst = append(dst, '/')
	}
	if d := urlDir(p); d != "" {
		dst = append(dst, escapePath(d)...)
		dst = append(dst, '/')
	}
	return dst
}

// OutputFile returns the output file of a page in a locale
// ("nl/about/criteria/index.html").
func (s *Site) OutputFile(locale, p string) string {
	return OutputFile(s.Config, locale, p)
}

// OutputFile returns the output file of a page in a locale
// ("nl/about/criteria/index.html").
func OutputFile(cfg *config.Config, locale, p string) string {
	return cfg.LocalePrefix(locale) + URLPath(p) + "index.html"
}

func escapePath(p string) string {
	if !strings.ContainsFunc(p, needsEscape) {
		return p
	}
	segs := strings.Split(p, "/")
	for i, seg := range segs {
		segs[i] = url.PathEscape(seg)
	}
	return strings.Join(segs, "/")
}

// needsEscape reports whether url.PathEscape changes r in a path segment.
func needsEscape(r rune) bool {
	switch {
	case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
		return false
	}
	return !strings.ContainsRune("-_.~$&+:=@/", r)
}
