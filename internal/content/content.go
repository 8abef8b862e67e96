// Package content loads a site's pages: it finds content/<locale>/**.md,
// parses every page with its locale's Markdown pipeline, decodes the front
// matter strictly, and checks and resolves the links between pages.
package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
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
	"github.com/guidegen/guidegen/internal/markdown/headingid"
	"github.com/guidegen/guidegen/internal/markdown/links"
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

	// at returns the position of a front matter value by its path.
	at  func(path ...string) diag.Pos
	src []byte
	// source describes the page this one translates (nil on a source
	// page); asSource describes this page to its translations.
	source   *markdown.Source
	asSource func() *markdown.Source
}

// Body returns the Markdown after the front matter, as in the file.
func (p *Page) Body() []byte { return p.src[p.bodyStart():] }

// Source returns the page's file as written, front matter included.
func (p *Page) Source() []byte { return p.src }

// At returns the position of a front matter value by its path ("title"),
// or of the closest enclosing value that exists.
func (p *Page) At(path ...string) diag.Pos {
	if p.at == nil {
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
}

// Load reads and parses all pages, then checks and resolves their links.
// Problems go to problems; the returned site is complete only when no
// error was added.
func Load(fsys fs.FS, cfg *config.Config, mds map[string]*markdown.Markdown, opts Options, problems *diag.List) *Site {
	s := &Site{Config: cfg, pages: map[string]map[string]*Page{}, drafts: map[string]bool{}, broken: map[string]bool{}}
	var jobs []job
	for _, l := range cfg.Locales {
		s.pages[l.Code] = map[string]*Page{}
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

	vocab, err := guidedata.LoadVocabulary(fsys)
	if err != nil {
		problems.Add(err)
		return s
	}
	if t := opts.Strings[cfg.DefaultLocale]; t != nil {
		problems.Add(vocab.CheckLabels(func(id string) bool { _, err := t(id); return err == nil }))
	}

	// Source pages first: a translation is parsed knowing its source
	// page's headings and segments.
	var srcJobs, trJobs []job
	for _, j := range jobs {
		if j.locale == cfg.DefaultLocale {
			srcJobs = append(srcJobs, j)
		} else {
			trJobs = append(trJobs, j)
		}
	}
	sources := map[string]*Page{}
	ld := loader{fsys: fsys, vocab: vocab, def: cfg.DefaultLocale, mds: mds, opts: opts, problems: problems}
	for i, p := range ld.loadAll(srcJobs, nil) {
		if p == nil {
			s.broken[srcJobs[i].path] = true
			continue
		}
		p.asSource = sync.OnceValue(func() *markdown.Source { return markdown.SourceOf(p.Doc, p.Locale) })
		sources[p.Path] = p
	}
	trJobs = slices.DeleteFunc(trJobs, func(j job) bool { return s.broken[j.path] })
	pages := slices.Collect(maps.Values(sources))
	pages = append(pages, ld.loadAll(trJobs, sources)...)

	for _, p := range pages {
		if p == nil {
			continue
		}
		if p.Front.Draft && !opts.Drafts {
			if p.Locale == cfg.DefaultLocale {
				s.drafts[p.Path] = true
			}
			continue
		}
		s.pages[p.Locale][p.Path] = p
	}
	def := s.pages[cfg.DefaultLocale]
	for p := range def {
		s.paths = append(s.paths, p)
	}
	slices.Sort(s.paths)
	s.checkPaths(problems)
	s.resolveLinks(opts.Files, problems)
	return s
}

// job is one page to load.
type job struct{ locale, path string }

// loader loads pages.
type loader struct {
	fsys     fs.FS
	vocab    *guidedata.Vocabulary
	def      string
	mds      map[string]*markdown.Markdown
	opts     Options
	problems *diag.List
}

// loadAll loads, checks and resolves pages in parallel. sources are the
// source pages by path, for translations; nil when loading source pages.
// A page with an error in itself is nil; one whose data has an error stays,
// so that links to it do not add errors of their own.
func (ld *loader) loadAll(jobs []job, sources map[string]*Page) []*Page {
	pages := make([]*Page, len(jobs))
	dataOK := make([]bool, len(jobs))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, j := range jobs {
		g.Go(func() error {
			src := sources[j.path]
			var source *markdown.Source
			if src != nil {
				source = src.asSource()
			}
			p, found := loadPage(ld.fsys, ld.mds[j.locale], j.locale, j.path, source)
			ld.problems.Add(found)
			if p != nil {
				dataOK[i] = ld.data(p, src)
			}
			pages[i] = p
			return nil
		})
	}
	_ = g.Wait()
	// Every page's data is known now: place it, each page seeing the data
	// of all pages of its locale (a translation missing in a locale is
	// represented by its source page).
	byLocale := map[string]map[string]*guidedata.Data{}
	for _, j := range jobs {
		if byLocale[j.locale] == nil {
			byLocale[j.locale] = map[string]*guidedata.Data{}
		}
	}
	for _, src := range sources {
		for l := range byLocale {
			if !src.Front.Draft || ld.opts.Drafts {
				byLocale[l][src.Path] = src.Data
			}
		}
	}
	for i, p := range pages {
		if p == nil || (p.Front.Draft && !ld.opts.Drafts) {
			continue
		}
		byLocale[p.Locale][jobs[i].path] = p.Data
	}
	all := map[string][]directive.PageData{}
	for l, m := range byLocale {
		for _, path := range slices.Sorted(maps.Keys(m)) {
			if d := m[path]; d != nil && !d.Empty() {
				all[l] = append(all[l], directive.PageData{Path: path, Data: d})
			}
		}
	}
	for i, p := range pages {
		if p == nil || !dataOK[i] {
			continue
		}
		g.Go(func() error {
			ld.resolve(p, all[p.Locale])
			return nil
		})
	}
	_ = g.Wait()
	return pages
}

// loadPage reads and parses one page. It returns the page (nil when
// there is an error) and every problem found in it, warnings included.
// source is the page it translates, or nil.
func loadPage(fsys fs.FS, md *markdown.Markdown, locale, p string, source *markdown.Source) (page *Page, problems error) {
	file := Dir + "/" + locale + "/" + p
	defer diag.Recover(file, &problems)
	src, err := limits.ReadFile(fsys, file, limits.PageSize)
	if err != nil {
		return nil, err
	}
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
	page = &Page{Path: p, Locale: locale, File: file, src: src, source: source}
	page.Doc = md.ParseInput(markdown.Input{File: file, Dir: dir, Src: src, Source: source})
	for _, pr := range page.Doc.Problems {
		found.Add(pr)
	}
	found.Add(decodeFrontMatter(file, page))
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

// resolveLinks checks every relative link of every page and records its
// target. Pages are independent, so they are resolved in parallel; each
// goroutine writes only to its own page's nodes.
func (s *Site) resolveLinks(files fs.FS, problems *diag.List) {
	var all []*Page
	for _, l := range s.Config.Locales {
		all = append(all, sortedPages(s.pages[l.Code])...)
	}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, p := range all {
		g.Go(func() error {
			for _, ref := range p.Doc.Refs {
				if err := s.resolve(p, ref, files); err != nil {
					problems.Add(err)
				}
			}
			return nil
		})
	}
	_ = g.Wait()
}

func (s *Site) resolve(p *Page, ref links.Ref, files fs.FS) error {
	pos := p.Doc.Pos(ref.Offset)
	switch ref.Kind {
	case links.Fragment:
		if ref.Fragment != "" && !p.Doc.HasAnchor(ref.Fragment) {
			return diag.Errorf(pos, "link to missing anchor #%s on this page%s", ref.Fragment, s.anchorHint(p, ref.Fragment))
		}
		return nil
	case links.Page:
		if strings.HasPrefix(ref.Path, "../") || ref.Path == ".." {
			return diag.Errorf(pos, "link %q leaves the content directory", ref.Dest)
		}
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
			return diag.Errorf(pos, "%s", msg)
		}
		if ref.Fragment != "" && !target.Doc.HasAnchor(ref.Fragment) {
			return diag.Errorf(pos, "link to missing anchor #%s in %s%s", ref.Fragment, target.File, s.anchorHint(target, ref.Fragment))
		}
		links.SetTarget(ref.Node, &links.Target{Page: target.Path, Fragment: ref.Fragment})
		return s.checkFallbackAnchor(p, ref, pos)
	default:
		if strings.HasPrefix(ref.Path, "../") || ref.Path == ".." {
			return diag.Errorf(pos, "link %q leaves the site", ref.Dest)
		}
		if files != nil {
			if _, err := fs.Stat(files, ref.Path); err != nil {
				return diag.Errorf(pos, "link to missing file %q", ref.Dest)
			}
		}
		links.SetTarget(ref.Node, &links.Target{File: ref.Path, Fragment: ref.Fragment})
		return nil
	}
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
		if t := s.pages[l.Code][ref.Path]; t != nil && !t.Doc.HasAnchor(ref.Fragment) {
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
	for _, h := range target.Doc.Headings {
		if h.FromSource && headingid.Slugify(h.Text) == fragment {
			return fmt.Sprintf(" (the heading %q has the id #%s, taken from %s/%s/%s)", h.Text, h.ID, Dir, s.Config.DefaultLocale, target.Path)
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
	p = strings.TrimSuffix(p, ".md")
	if p == "index" {
		return ""
	}
	p = strings.TrimSuffix(p, "/index")
	return p + "/"
}

// URL returns the root-relative URL of a page in a locale
// ("/guide/nl/about/criteria/").
func (s *Site) URL(locale, p string) string {
	return s.Config.BasePath() + s.Config.LocalePrefix(locale) + escapePath(URLPath(p))
}

// OutputFile returns the output file of a page in a locale
// ("nl/about/criteria/index.html").
func (s *Site) OutputFile(locale, p string) string {
	return s.Config.LocalePrefix(locale) + URLPath(p) + "index.html"
}

func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, seg := range segs {
		segs[i] = url.PathEscape(seg)
	}
	return strings.Join(segs, "/")
}
