// Package build runs the whole pipeline: configuration, UI strings, one
// Markdown pipeline per locale and templates; then the pages stream: each
// path's source page and translations are parsed, rendered for every
// locale, written, and their syntax trees dropped, in parallel, so that
// memory does not grow with the site's text. What pages need of each
// other (the page set, titles, anchors) is in a compact index; the links
// between pages are checked against it once every page is done. The
// output is a staging directory that replaces the output directory only
// when everything succeeded, or any Sink (an in-memory site). An Engine
// keeps what a build learned, so that a rebuild renders only what
// changed.
package build

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"net/url"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/guidegen/guidegen/internal/config"
	"github.com/guidegen/guidegen/internal/content"
	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/i18n"
	"github.com/guidegen/guidegen/internal/limits"
	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/abbr"
	"github.com/guidegen/guidegen/internal/markdown/icons"
	"github.com/guidegen/guidegen/internal/markdown/links"
	"github.com/guidegen/guidegen/internal/markdown/segment"
	"github.com/guidegen/guidegen/internal/markdown/snippets"
	"github.com/guidegen/guidegen/internal/output"
	"github.com/guidegen/guidegen/internal/render"
	"github.com/guidegen/guidegen/internal/search"
	"github.com/guidegen/guidegen/internal/sitefs"
	"github.com/guidegen/guidegen/internal/terms"
	"github.com/guidegen/guidegen/internal/translation"
)

// Options configure a build.
type Options struct {
	Site *sitefs.Site
	// Out overrides the configured output directory.
	Out string
	// BaseURL overrides the configured base URL.
	BaseURL string
	// Drafts includes draft pages.
	Drafts bool
	// Minify minifies the HTML pages, stylesheets and scripts.
	Minify bool
}

// LocaleSummary counts the pages of one locale.
type LocaleSummary struct {
	Code, Name string
	Pages      int
	Translated int
	Fallback   int
	// Outdated and Unstamped count translated pages whose source changed
	// since they were stamped, or that were never stamped.
	Outdated, Unstamped int
	// MissingStrings are UI strings shown in the default locale;
	// OutdatedStrings and UnstampedStrings are translated ones likewise
	// outdated or never stamped.
	MissingStrings, OutdatedStrings, UnstampedStrings int
}

// Summary describes a finished build.
type Summary struct {
	Out      string
	Locales  []LocaleSummary
	Files    int
	Bytes    int64
	Warnings []*diag.Problem
	// Assessments say, for every entry a page lists without recommending
	// it, which minimum criteria it misses (content.Site.Assessments);
	// they are a report, not warnings.
	Assessments []string
	Duration    time.Duration
}

// Run builds a site. On error nothing in the output directory changes; the
// returned error lists every problem found (a *diag.ListError when they
// are problems of the input), and the summary, when not nil, still carries
// the warnings.
func Run(o Options) (*Summary, error) {
	start := time.Now()
	b, err := load(o)
	if err != nil {
		return b.summary(start), err
	}
	out := o.Out
	if out == "" {
		out = filepath.Join(o.Site.Dir, filepath.FromSlash(b.cfg.Output))
	}
	stage, err := output.Begin(out, o.Site.Dir)
	if err != nil {
		return b.summary(start), err
	}
	if err := b.build(stage); err != nil {
		stage.Abort()
		return b.summary(start), err
	}
	if err := stage.Commit(); err != nil {
		return b.summary(start), err
	}
	s := b.summary(start)
	s.Out = out
	return s, nil
}

// Sink receives the files of a build: the staging directory of an output
// (*output.Stage) or an in-memory site (the preview server). Both are safe
// for concurrent use and refuse a path written twice, naming both sources.
type Sink interface {
	WriteFile(rel, source string, data []byte) error
	CopyFile(fsys fs.FS, name, rel, source string) error
}

// Render builds a site into sink instead of an output directory: nothing
// is written on disk. On error the sink holds a partial site, which the
// caller drops.
func Render(o Options, sink Sink) (*Summary, error) {
	start := time.Now()
	b, err := load(o)
	if err != nil {
		return b.summary(start), err
	}
	if err := b.build(sink); err != nil {
		return b.summary(start), err
	}
	return b.summary(start), nil
}

// Check loads and checks the site as Run does (configuration, UI strings,
// pages, links, data and cards) without rendering or writing anything.
func Check(o Options) (*Summary, error) {
	start := time.Now()
	b, err := load(o)
	if err != nil {
		return b.summary(start), err
	}
	err = b.build(nil)
	return b.summary(start), err
}

// builder holds what one build has loaded.
type builder struct {
	opts  Options
	cfg   *config.Config
	cat   *i18n.Catalog
	mds   map[string]*markdown.Markdown
	strs  map[string]func(string, ...any) (string, error)
	terms map[string]*terms.List
	site  *content.Site // the index of the pages, once they were all loaded
	// loader knows every page's title from the start (breadcrumbs,
	// previous/next).
	loader   *content.Loader
	index    *translation.Index
	report   *translation.Report
	tmpl     *render.Templates
	tmplErr  error
	navItems map[string][]render.NavItem // by locale, none current
	navPaths map[string][]string         // the pages of navItems
	// navCurrent are navItems with a page current, by locale and page,
	// for nav; pages share them and do not change them.
	navCurrent map[string]map[string][]render.NavItem
	assets     fs.FS
	static     fs.FS
	problems   diag.List
	// loadProblems are the warnings of load, which a rebuild that keeps
	// what load made reports again.
	loadProblems []error
	// cache keeps units between the builds of an Engine; nil otherwise.
	cache *unitCache
	// inspect keeps the whole state of each translation, for a report
	// (Inspect); a build keeps only what it warns about and counts.
	inspect bool

	files   atomic.Int64
	bytes   atomic.Int64
	buffers sync.Pool
	// pages are the *pageScratch that writePage makes pages in.
	pages sync.Pool

	search searchIndexes
	reader readerData
	weight weight
	// bases are each locale's pageBase, made once.
	bases struct {
		once sync.Once
		m    map[string]*render.Page
	}
	// siteCSS are the site's own stylesheets, linked after the theme's.
	siteCSS []string
	// icons are the icons pages may use (front matter icons, too).
	icons *icons.Set
	// gitDates are the pages' last commit dates, read once by the build
	// that loaded and shared with the rebuilds that keep what it loaded.
	gitDates *gitDatesOnce
	// scan is the list of the pages, made while load loads the rest, for
	// the build that follows it; nil for a builder made by again.
	scan <-chan *content.FileList
}

func load(o Options) (*builder, error) {
	b := &builder{opts: o, gitDates: &gitDatesOnce{}}
	b.buffers.New = func() any { return new(markdown.Buffer) }
	cfg, err := config.Load(o.Site.FS)
	if err != nil {
		return b, err
	}
	if o.BaseURL != "" {
		if err := cfg.SetBaseURL(o.BaseURL); err != nil {
			return b, err
		}
	}
	b.cfg = cfg
	// The pages are listed while the rest is loaded.
	scan := make(chan *content.FileList, 1)
	go func() { scan <- content.Scan(o.Site.FS, cfg) }()
	b.scan = scan
	b.cat, err = i18n.Load(o.Site.FS, o.Site.Theme, cfg)
	if err != nil {
		return b, err
	}
	if err := rendererStrings(b.cat); err != nil {
		return b, err
	}
	b.assets = o.Site.Sub("assets")
	b.static = o.Site.Sub("static")
	if b.siteCSS, err = siteCSS(cfg, b.assets); err != nil {
		return b, err
	}
	iconSet, err := icons.Load(b.assets, icons.Dir)
	b.icons = iconSet
	if err != nil {
		if _, named := err.(*diag.Problem); named {
			return b, err // names its file in the site already
		}
		return b, fmt.Errorf("assets/%w", err)
	}
	b.mds = map[string]*markdown.Markdown{}
	sn := &snippets.Options{FS: o.Site.FS, Base: cfg.Snippets.Base, Append: cfg.Snippets.Append}
	for i, a := range sn.Append {
		if err := sn.Find(a); err != nil {
			return b, diag.Errorf(cfg.Pos("snippets", "append", fmt.Sprint(i)), "snippets.append: %v", err)
		}
	}
	var codes []string
	for _, l := range cfg.Locales {
		codes = append(codes, l.Code)
		glossary, err := loadGlossary(o.Site.Sub(i18n.Dir), l.Code)
		if err != nil {
			return b, err
		}
		b.mds[l.Code] = markdown.New(markdown.Options{
			Locale:   l.Code,
			Strings:  b.cat.Translator(l.Code).String,
			Icons:    iconSet,
			Glossary: glossary,
			HTML:     cfg.HTMLPolicy(),

			// A default admonition title whose UI string fell back to
			// the default locale says so (lang="en").
			StringLang: b.cat.Translator(l.Code).Lang,
			Snippets:   sn,
			// the site's headings.slug
			HeadingSlug: cfg.HeadingSlug(),
		})
		if l.Code != cfg.DefaultLocale {
			if missing := b.cat.Missing(l.Code); len(missing) > 0 && len(b.cat.Files(l.Code)) == 0 {
				b.problems.Add(diag.Warnf(cfg.Pos("locales", fmt.Sprint(cfg.LocaleIndex(l.Code)), "code"),
					"locale %q has no UI strings (%s/%s.yaml, .json or .toml, and none bundled): the %s %s shown instead", l.Code, i18n.Dir, l.Code, diag.Plural(len(missing), cfg.DefaultLocale+" string", cfg.DefaultLocale+" strings"), diag.Noun(len(missing), "is", "are")))
			} else if len(missing) > 0 {
				b.problems.Add(diag.Warnf(diag.Pos{File: b.cat.FileName(l.Code)},
					"%s not translated, %s text shown instead: %s", diag.Plural(len(missing), "UI string", "UI strings"), cfg.DefaultLocale, strings.Join(missing, ", ")))
			}
		}
	}
	b.strs = map[string]func(string, ...any) (string, error){}
	for _, l := range cfg.Locales {
		b.strs[l.Code] = b.cat.Translator(l.Code).T
	}
	// The term lists: each page of a locale that has one is checked as it
	// is loaded.
	b.terms = map[string]*terms.List{}
	for _, l := range cfg.Locales {
		list, err := terms.Load(sitefs.Mount(i18n.Dir, o.Site.Sub(i18n.Dir)), i18n.Dir, l.Code)
		if err != nil {
			b.problems.Add(err)
			continue
		}
		if list != nil {
			b.terms[l.Code] = list
		}
	}
	// A template error is reported after the pages' errors, which a
	// build without templates still finds.
	b.tmpl, b.tmplErr = render.Load(o.Site.Sub(render.Dir), b.cat, codes)
	for _, p := range b.problems.Problems() {
		b.loadProblems = append(b.loadProblems, p)
	}
	return b, nil
}

// rendererStrings checks that the default locale defines every UI string
// the Markdown renderers ask for (markdown.StringIDs), which would
// otherwise be empty on every page that needs one.
func rendererStrings(cat *i18n.Catalog) error {
	var errs diag.List
	file := i18n.Dir + "/" + cat.DefaultLocale() + ".yaml"
	for _, id := range markdown.StringIDs() {
		if !cat.Defined(id) {
			errs.Add(diag.Errorf(diag.Pos{File: file}, "UI string %q, which the Markdown renderers use, is not defined", id))
		}
	}
	return errs.Err()
}

// again returns a builder for another build of the same site that keeps
// what load made (configuration, UI strings, pipelines, templates): the
// files load reads did not change.
func (b *builder) again() *builder {
	nb := &builder{
		opts: b.opts, cfg: b.cfg, cat: b.cat, mds: b.mds, strs: b.strs, terms: b.terms,
		tmpl: b.tmpl, tmplErr: b.tmplErr, assets: b.assets, static: b.static, siteCSS: b.siteCSS, icons: b.icons,
		loadProblems: b.loadProblems, gitDates: b.gitDates,
	}
	nb.buffers.New = func() any { return new(markdown.Buffer) }
	nb.problems.Add(b.loadProblems...)
	return nb
}

// build streams the pages: each path's source page and translations are
// loaded, rendered into sink (nil only checks them) and released before
// memory grows with the site. The navigation's pages are loaded first,
// since every page shows their titles. Links between pages are checked
// once every page was loaded, then the translations are reported on. The
// error lists every problem; the sink then holds a partial site, which
// the caller drops (a stage is aborted).
func (b *builder) build(sink Sink) error {
	cfg := b.cfg
	if b.tmplErr != nil {
		sink = nil
	}
	if sc, ok := sink.(scratcher); ok && b.cache == nil {
		b.search.scratch = sc
	}
	files := b.cache.fileList()
	if files == nil && b.scan != nil {
		files = <-b.scan
	}
	b.scan = nil
	ld := content.NewLoader(b.opts.Site.FS, cfg, b.mds, content.Options{
		Drafts:  b.opts.Drafts,
		Strings: b.strs,
		Files:   sitefs.Mount("assets", b.assets),
		Terms:   b.terms,
		Fronts:  b.cache.fronts(),
		Icon:    func(name string) bool { _, ok := b.icons.Lookup(iconName(name)); return ok },
	}, &b.problems, files)
	if ld == nil {
		return b.problems.Err()
	}
	b.loader = ld
	if b.cache != nil {
		b.cache.files, b.cache.ld = ld.Files, ld
		// A page's directives may show any page's data: when some
		// page's data changed, no unit is kept.
		b.cache.sameData(ld.DataKey())
	}
	b.index = translation.NewIndexFor(len(ld.Paths()))
	// The navigation's pages first. A unit an earlier build kept is only
	// a candidate until the navigation is known to be the same.
	nav := map[string]*content.Unit{}
	keys := map[string][32]byte{}
	kept := map[string]*cachedUnit{}
	for _, p := range cfg.Navigation {
		if _, ok := nav[p]; ok || kept[p] != nil {
			continue
		}
		c := b.cache.keep(ld, p)
		var key [32]byte
		if c == nil {
			c, key = b.cache.same(ld, p)
		}
		if c != nil {
			kept[p] = c
			continue
		}
		keys[p] = key
		nav[p] = nil // loaded below, all at once
	}
	loadUnits(ld, nav)
	navUnit := func(p string) *content.Unit {
		if c := kept[p]; c != nil {
			return c.unit
		}
		return nav[p]
	}
	b.navItems, b.navPaths = map[string][]render.NavItem{}, map[string][]string{}
	var navKey strings.Builder
	for _, l := range cfg.Locales {
		items := make([]render.NavItem, 0, len(cfg.Navigation))
		for _, p := range cfg.Navigation {
			pg := navUnit(p).Lookup(l.Code)
			if pg == nil {
				continue
			}
			items = append(items, render.NavItem{Title: pg.Front.Title, Lang: pg.TextLang("title"), URL: content.PageURL(cfg, l.Code, p),
				Icon: navIcon(b.icons, pg), Status: pg.MkDocs.Status})
			b.navPaths[l.Code] = append(b.navPaths[l.Code], p)
			fmt.Fprintf(&navKey, "%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00", l.Code, p, pg.TextLang("title"), pg.Front.Title, pg.Front.Icon, pg.MkDocs.Status)
		}
		b.navItems[l.Code] = items
	}
	b.indexNav()
	if b.cache != nil && !b.cache.sameNav(navKey.String()) {
		// Every page shows the navigation: none is kept.
		for p, c := range kept {
			keys[p] = c.key
			nav[p] = ld.LoadUnit(p)
		}
		kept = nil
	}

	g := newWorkers(runtime.GOMAXPROCS(0) + 1)
	var renderErrs diag.List
	// Kept units are entered in batches, not a goroutine each: a rebuild
	// after one edit keeps all but one.
	var batch []*cachedUnit
	flush := func() {
		if len(batch) == 0 {
			return
		}
		cs := batch
		batch = nil
		g.Go(func() {
			for _, c := range cs {
				b.reuse(ld, c, sink)
			}
		})
	}
	reuse := func(c *cachedUnit) {
		if batch = append(batch, c); len(batch) == reuseBatch {
			flush()
		}
	}
	for _, p := range ld.Paths() {
		if c := kept[p]; c != nil {
			reuse(c)
			continue
		}
		if u := nav[p]; u != nil {
			g.Go(func() {
				b.renderUnit(u, keys[p], sink, &renderErrs)
			})
			continue
		}
		if c := b.cache.keep(ld, p); c != nil {
			reuse(c)
			continue
		}
		g.Go(func() {
			c, key := b.cache.same(ld, p)
			if c != nil {
				b.reuse(ld, c, sink)
				return
			}
			b.renderUnit(ld.LoadUnit(p), key, sink, &renderErrs)
		})
	}
	flush()
	if sink != nil {
		b.writeFiles(g, sink, &renderErrs)
	}
	g.wait()
	// The search indexes, which need every page but not the link checks,
	// are written while the links are checked, and a stage prunes what
	// the previous build left, but in the directories still written to.
	tail := b.startTail(sink)
	b.site = ld.Finish()
	if err := b.problems.Err(); err != nil {
		tail.wait()
		return err
	}
	if b.tmplErr != nil {
		tail.wait()
		return b.tmplErr
	}
	// The translation report, while the sitemap, robots.txt and
	// manifests, which need every page, are written.
	var err error
	var warnings []*diag.Problem
	report := make(chan struct{})
	go func() {
		defer close(report)
		if b.report, err = translation.NewReport(b.translationSite(), ""); err == nil {
			warnings = b.report.Warnings()
		}
	}()
	if sink != nil {
		if err := tail.finish(b.writeSiteFiles(sink)); err != nil {
			renderErrs.Add(err)
		}
	}
	tail.wait()
	<-report
	if err != nil {
		return err
	}
	for _, w := range warnings {
		b.problems.Add(w)
	}
	return renderErrs.Err()
}

// settler is a Sink that prunes what an earlier build left while the
// build goes on (*output.Stage).
type settler interface {
	Settle(later func(dir string) bool) error
}

// tail is the end of a build that starts once every page is written: the
// fingerprinted assets, then the search indexes and a stage's Settle, in
// the background.
type tail struct {
	err    error // of the assets or the search indexes
	search chan struct{}
	settle chan struct{}
}

// startTail writes the fingerprinted assets and starts writing the
// search indexes and settling the stage, when sink is a stage that the
// build is to fill (not a check, nor a build whose templates failed).
func (b *builder) startTail(sink Sink) *tail {
	t := &tail{}
	if sink == nil || b.tmplErr != nil {
		return t
	}
	if t.err = b.writeAssets(sink); t.err != nil {
		return t
	}
	t.search = make(chan struct{})
	go func() {
		defer close(t.search)
		t.err = b.writeSearch(sink)
	}()
	if st, ok := sink.(settler); ok {
		t.settle = make(chan struct{})
		go func() {
			defer close(t.settle)
			// When it fails, Commit prunes the whole stage.
			_ = st.Settle(b.writtenLast)
		}()
	}
	return t
}

// finish returns the first error of the tail's files, theirs before
// err, once the search indexes are written.
func (t *tail) finish(err error) error {
	if t.search != nil {
		<-t.search
	}
	if t.err != nil {
		return t.err
	}
	return err
}

// wait waits for the tail's work.
func (t *tail) wait() {
	if t.search != nil {
		<-t.search
	}
	if t.settle != nil {
		<-t.settle
	}
}

// writtenLast reports whether the build may write files in the output
// directory dir after startTail: the files at the root and in each
// locale's root (sitemap, robots.txt, manifests) and in a locale's
// search directory (but the pages' fragments, written with the pages).
func (b *builder) writtenLast(dir string) bool {
	if dir == "." {
		return true
	}
	for _, l := range b.cfg.Locales {
		prefix := b.cfg.LocalePrefix(l.Code)
		if dir+"/" == prefix {
			return true
		}
		if rest, ok := strings.CutPrefix(dir+"/", prefix+search.Dir); ok && rest != path.Dir(search.FragmentFile(""))+"/" {
			return true
		}
	}
	return false
}

// loadUnits loads the unit of each path of units, at the same time.
func loadUnits(ld *content.Loader, units map[string]*content.Unit) {
	loaded := make([]*content.Unit, len(units))
	var wg sync.WaitGroup
	paths := slices.Sorted(maps.Keys(units))
	for i, p := range paths {
		wg.Go(func() { loaded[i] = ld.LoadUnit(p) })
	}
	wg.Wait()
	for i, p := range paths {
		units[p] = loaded[i]
	}
}

// reuseBatch is how many kept units one goroutine enters into a build.
const reuseBatch = 256

// renderUnit records what the translation report needs of a unit's
// pages, renders them into sink (unless nil), releases them, and keeps the
// unit for the next build of an Engine.
func (b *builder) renderUnit(u *content.Unit, key [32]byte, sink Sink, renderErrs *diag.List) {
	defer u.Release()
	states := b.indexUnit(u)
	c := &cachedUnit{key: key, unit: u, states: states}
	if b.cache != nil {
		c.locales = b.cache.ld.Locales(u.Path)
	}
	if sink != nil && u.Rendered() {
		var out Sink = sink
		if b.cache != nil {
			out = &recorder{sink: sink, c: c}
		}
		for _, l := range b.cfg.Locales {
			if err := b.writePage(out, l, u); err != nil {
				renderErrs.Add(err)
				c.failed = true
			}
		}
		b.cache.count(len(b.cfg.Locales), 0)
	}
	b.cache.put(c)
}

// sharedWriter writes kept bytes through a SharedSink's WriteFileShared.
type sharedWriter struct{ SharedSink }

// shared returns a Sink that hands the bytes it is given, which must
// never change, to sink's WriteFileShared, when sink is a SharedSink;
// else sink.
func shared(sink Sink) Sink {
	if ss, ok := sink.(SharedSink); ok {
		return sharedWriter{ss}
	}
	return sink
}

func (w sharedWriter) WriteFile(rel, source string, data []byte) error {
	return w.WriteFileShared(rel, source, data)
}

// indexUnit records what the translation report needs of a unit's pages.
func (b *builder) indexUnit(u *content.Unit) *translation.PageStates {
	src := u.Page(b.cfg.DefaultLocale)
	if src == nil {
		return nil
	}
	var trs []*content.Page
	for _, l := range b.cfg.Locales {
		if tr := u.Page(l.Code); tr != nil && l.Code != b.cfg.DefaultLocale {
			trs = append(trs, tr)
		}
	}
	var st *translation.PageStates
	if b.inspect {
		st = translation.States(src, trs...)
	} else {
		st = translation.BriefStates(src, trs...) // what a build warns of and counts
	}
	b.index.Put(st)
	return st
}

// reuse enters a unit an earlier build kept into this build, and writes
// its pages as they were rendered then.
func (b *builder) reuse(ld *content.Loader, c *cachedUnit, sink Sink) {
	ld.Reuse(c.unit)
	if c.states != nil {
		b.index.Put(c.states)
	}
	for _, e := range c.search {
		b.searchIndex(e.locale).Add(e.entry)
	}
	if sink != nil {
		out := shared(sink)
		pages := 0
		for _, f := range c.files {
			if err := b.put(out, f.rel, f.source, f.data); err != nil {
				b.problems.Add(err)
			}
			if strings.HasSuffix(f.rel, ".html") { // not the search fragments
				pages++
			}
		}
		b.cache.count(0, pages)
	}
	b.cache.put(c)
}

func (b *builder) translationSite() *translation.Site {
	ts := &translation.Site{Dir: b.opts.Site.Dir, Config: b.cfg, Catalog: b.cat, Content: b.site, Index: b.index}
	ts.FS, ts.Markdown = b.opts.Site.FS, b.mds
	if b.loader != nil {
		ts.Files = b.loader.Files
	}
	return ts
}

// Inspect loads a site as Check does, for the translation tools. When the
// site's input has errors, the error lists them; the site is still
// returned when its pages could be loaded, so that a report on the
// translations can be made anyway.
func Inspect(o Options) (*translation.Site, error) {
	b, err := load(o)
	b.inspect = true
	if err == nil {
		err = b.build(nil)
	}
	if b.site == nil {
		return nil, err
	}
	return b.translationSite(), err
}

func (b *builder) summary(start time.Time) *Summary {
	s := &Summary{
		Files:    int(b.files.Load()),
		Bytes:    b.bytes.Load(),
		Warnings: b.problems.Warnings(),
		Duration: time.Since(start),
	}
	if b.site == nil {
		return s
	}
	s.Assessments = b.site.Assessments()
	for _, l := range b.cfg.Locales {
		ls := LocaleSummary{Code: l.Code, Name: l.Name, Pages: len(b.site.Paths())}
		for _, p := range b.site.Paths() {
			if b.site.Translated(l.Code, p) {
				ls.Translated++
			} else {
				ls.Fallback++
			}
		}
		if l.Code != b.cfg.DefaultLocale {
			ls.MissingStrings = len(b.cat.Missing(l.Code))
		}
		if b.report != nil {
			for _, loc := range b.report.Locales {
				if loc.Code == l.Code {
					ls.Outdated, ls.Unstamped = loc.Pages.Outdated, loc.Pages.Unstamped
					ls.OutdatedStrings, ls.UnstampedStrings = loc.Strings.Outdated, loc.Strings.Unstamped
				}
			}
		}
		s.Locales = append(s.Locales, ls)
	}
	return s
}

// writeFiles renders the 404 pages and copies the assets and the static
// files into the stage, in g.
func (b *builder) writeFiles(g *workers, stage Sink, renderErrs *diag.List) {
	for _, l := range b.cfg.Locales {
		g.Go(func() {
			if err := b.writeNotFound(stage, l); err != nil {
				renderErrs.Add(err)
			}
		})
	}
	err := fs.WalkDir(b.assets, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		if strings.HasPrefix(p, icons.Dir+"/") && path.Ext(p) == ".svg" {
			return nil // inlined into the pages; the licences are copied
		}
		if fingerprint(p) || unpublished(p) {
			return nil // written by writeAssets, or internal
		}
		b.copyLater(g, stage, renderErrs, b.assets, p, "assets/"+p, "assets/"+p)
		return nil
	})
	if err != nil {
		renderErrs.Add(err)
	}
	// static/ is copied verbatim to the output root, dotfiles included
	// (.well-known/, _headers, CNAME); a site may have none.
	err = fs.WalkDir(b.static, ".", func(p string, d fs.DirEntry, err error) error {
		if p == "." && errors.Is(err, fs.ErrNotExist) {
			return fs.SkipAll
		}
		if err != nil {
			return fmt.Errorf("static/%s: %w", p, err)
		}
		if d.IsDir() {
			return nil
		}
		b.copyLater(g, stage, renderErrs, b.static, p, p, "static/"+p)
		return nil
	})
	if err != nil {
		renderErrs.Add(err)
	}
}

// copyLater copies file name of fsys to rel in the output, as source, in
// a worker of g.
func (b *builder) copyLater(g *workers, stage Sink, errs *diag.List, fsys fs.FS, name, rel, source string) {
	g.Go(func() {
		if err := stage.CopyFile(fsys, name, rel, source); err != nil {
			errs.Add(err)
		}
		b.files.Add(1)
	})
}

// pageWriter is the buffer a page's Markdown is rendered into; it decides
// the URLs of site links for the locale being written.
type pageWriter struct {
	*markdown.Buffer
	b      *builder
	locale string
	url    []byte // ResolveURL's, in urlBuf unless longer
	urlBuf [128]byte
}

// ResolveURL implements links.Resolver. The URL is made in w.url, so it
// is valid until the next call (as Resolver allows).
func (w *pageWriter) ResolveURL(t *links.Target) string {
	u := w.url[:0]
	if u == nil {
		u = w.urlBuf[:0]
	}
	switch {
	case t.Page != "":
		u = content.AppendPageURL(u, w.b.cfg, w.locale, t.Page)
	case t.File != "":
		u = append(append(u, w.b.cfg.BasePath()...), t.File...)
	}
	if t.Fragment != "" {
		u = append(u, '#')
		u = append(u, (&url.URL{Fragment: t.Fragment}).EscapedFragment()...)
	}
	w.url = u
	return unsafe.String(unsafe.SliceData(u), len(u))
}

func (b *builder) lang(code string) render.Lang {
	l, _ := b.cfg.Locale(code)
	return render.Lang{Code: l.Code, Name: l.Name, Dir: l.Direction}
}

// pageBase is base with what every page of the locale shares besides:
// the URLs of the assets (Site.IndexAssets) and the reader's common aids
// (readerCommon). It is made once per locale; each page gets a copy.
func (b *builder) pageBase(locale string) render.Page {
	b.bases.once.Do(func() {
		b.bases.m = make(map[string]*render.Page, len(b.cfg.Locales))
		for _, l := range b.cfg.Locales {
			d := b.base(l.Code)
			d.Site.IndexAssets()
			b.readerCommon(&d)
			b.bases.m[l.Code] = &d
		}
	})
	if d, ok := b.bases.m[locale]; ok {
		return *d
	}
	d := b.base(locale)
	b.readerCommon(&d)
	return d
}

func (b *builder) base(locale string) render.Page {
	bp := b.cfg.BasePath()
	return render.Page{
		Site: render.Site{
			Title:     b.cfg.SiteTitle(locale),
			HomeURL:   bp + b.cfg.LocalePrefix(locale),
			AssetsURL: bp + "assets/",
			// Fingerprinted names of the stylesheets and scripts.
			AssetNames: b.assetNames(),
			CSS:        b.siteCSS,
		},
		Lang:        b.lang(locale),
		ContentLang: locale,
	}
}

// pageScratch is what writePage makes a page in: its writer, its data
// and the lists in the data, which the next page reuses (nothing keeps
// them once the page is written).
type pageScratch struct {
	w          pageWriter
	d          render.Page
	urls       []string
	languages  []render.LangLink
	alternates []render.Alternate
	og         []string
	crumbs     []render.Link
}

// release empties s, keeping no string of the page, for the next page.
func (s *pageScratch) release() {
	s.w.Buffer, s.w.b, s.w.locale, s.w.url = nil, nil, "", s.w.url[:0]
	s.d = render.Page{}
	clear(s.urls)
	clear(s.languages)
	clear(s.alternates)
	clear(s.og)
	clear(s.crumbs)
}

func (b *builder) writePage(stage Sink, l config.Locale, u *content.Unit) (err error) {
	p := u.Path
	page := u.Lookup(l.Code)
	defer diag.Recover(page.File, &err)
	mdBuf := b.buffers.Get().(*markdown.Buffer)
	defer b.putBuffer(mdBuf)
	ps, _ := b.pages.Get().(*pageScratch)
	if ps == nil {
		ps = new(pageScratch)
	}
	defer func() {
		ps.release()
		b.pages.Put(ps)
	}()
	ps.w.Buffer, ps.w.b, ps.w.locale = mdBuf, b, l.Code
	if err := b.mds[page.Locale].Render(&ps.w, page.Doc); err != nil {
		return fmt.Errorf("%s: rendering: %w", page.File, err)
	}

	ps.d = b.pageBase(l.Code)
	d := &ps.d
	d.Kind = "page"
	if p == "index.md" {
		d.Kind = "home"
	}
	d.Path = p
	d.ContentLang = page.Locale
	d.Title = page.Front.Title
	d.Description = page.Front.Description
	if lang := page.TextLang("title"); lang != page.Locale {
		d.TitleLang = lang
	}
	if lang := page.TextLang("description"); lang != page.Locale {
		d.DescriptionLang = lang
	}
	// The body is not copied: d lives only until writePage returns, and
	// mdBuf goes back to the pool after that (deferred above). Nothing
	// that keeps a page's data (the search entry, the Engine's cache)
	// keeps d.Content, and the bytes are not written to after this.
	d.Content = template.HTML(unsafe.String(unsafe.SliceData(mdBuf.Bytes()), mdBuf.Len()))
	d.TOC = markdown.TOC(page.Doc.Headings, b.cfg.TOC.MinLevel, b.cfg.TOC.MaxLevel)
	for _, h := range page.Doc.Headings {
		if h.Level == 1 {
			d.HasH1 = true
			break
		}
	}
	urls := b.appendPageURLs(ps.urls[:0], p)
	ps.urls = urls.urls
	d.URL = urls.rel(l.Code)
	d.Permalink = urls.abs(l.Code)
	d.Canonical = d.Permalink
	d.Progress = progress(page.Doc.Segments, page.FrontTexts)
	if page.Locale != l.Code {
		d.Fallback = true
		d.SourceLang = b.lang(page.Locale)
		d.SourceURL = urls.rel(page.Locale)
		d.Canonical = urls.abs(page.Locale)
	}
	d.Nav = b.nav(l.Code, p)
	d.Languages, d.Alternates = b.appendLanguages(ps.languages[:0], ps.alternates[:0], u, urls)
	ps.languages, ps.alternates = d.Languages, d.Alternates
	for i := range d.Languages {
		d.Languages[i].Current = d.Languages[i].Code == l.Code
	}
	d.Reader.OGAlternates, d.Reader.Breadcrumbs = ps.og[:0], ps.crumbs[:0]
	b.readerPage(d, page)
	ps.og, ps.crumbs = d.Reader.OGAlternates, d.Reader.Breadcrumbs
	if len(d.Reader.OGAlternates) == 0 {
		d.Reader.OGAlternates = nil // as readerPage leaves it without one
	}
	if len(d.Reader.Breadcrumbs) == 0 {
		d.Reader.Breadcrumbs = nil
	}
	applyMkDocs(d, page)
	if err := b.indexPage(stage, d, mdBuf.Bytes()); err != nil {
		return err
	}

	out := b.buffers.Get().(*markdown.Buffer)
	defer b.putBuffer(out)
	if err := b.tmpl.Execute(out, d.Kind, l.Code, d); err != nil {
		return fmt.Errorf("%s (%s): %w", page.File, l.Code, err)
	}
	source := page.File
	if page.Locale != l.Code {
		source += " (shown in " + l.Code + ")"
	}
	// The sink does not keep what it is given (WriteFile): the page is
	// lightened into a buffer of the pool.
	lit := b.buffers.Get().(*markdown.Buffer)
	defer b.putBuffer(lit)
	rel := content.OutputFile(b.cfg, l.Code, p)
	return b.put(stage, rel, source, b.lighten(&lit.Buffer, rel, out.Bytes()))
}

// progress returns the progress line of a translation with segments
// still identical to its source, or nil.
func progress(segs []segment.Segment, front []content.FrontText) *render.Progress {
	g := translation.Segments{Total: len(segs) + len(front)}
	for _, s := range segs {
		if s.Identical {
			g.Untranslated++
		}
	}
	for _, f := range front {
		if f.Identical {
			g.Untranslated++
		}
	}
	if g.Untranslated == 0 {
		return nil
	}
	return &render.Progress{Percent: g.TranslatedPercent(), Untranslated: g.Untranslated}
}

func (b *builder) putBuffer(buf *markdown.Buffer) {
	if buf.Cap() > 4<<20 {
		return // do not keep unusually large buffers alive
	}
	buf.Reset()
	b.buffers.Put(buf)
}

func (b *builder) emit(stage Sink, rel, source string, data []byte) error {
	return b.put(stage, rel, source, b.lighten(nil, rel, data))
}

// put writes bytes that are final (lightened already, as an Engine keeps
// them) and counts them.
func (b *builder) put(stage Sink, rel, source string, data []byte) error {
	if err := stage.WriteFile(rel, source, data); err != nil {
		return err
	}
	b.files.Add(1)
	b.bytes.Add(int64(len(data)))
	return nil
}

// nav returns the header navigation of a locale with the current page
// marked, made once (navCurrent): the caller must not change it.
func (b *builder) nav(locale, current string) []render.NavItem {
	if items, ok := b.navCurrent[locale][current]; ok {
		return items
	}
	return b.navItems[locale]
}

// indexNav makes navCurrent from navItems and navPaths.
func (b *builder) indexNav() {
	b.navCurrent = map[string]map[string][]render.NavItem{}
	for locale, paths := range b.navPaths {
		m := make(map[string][]render.NavItem, len(paths))
		for _, p := range paths {
			if m[p] == nil {
				m[p] = b.markNav(locale, p)
			}
		}
		b.navCurrent[locale] = m
	}
}

// markNav returns a copy of the header navigation of a locale with the
// current page marked.
func (b *builder) markNav(locale, current string) []render.NavItem {
	items := slices.Clone(b.navItems[locale])
	for i, p := range b.navPaths[locale] {
		items[i].Current = p == current
	}
	return items
}

// pageURLs are the absolute URLs of a page in each locale, in the order
// of the configuration's locales: the page's data has several of each.
// A root-relative URL (content.PageURL) is the same string without the
// origin, as content.AbsPageURL is the origin and content.PageURL.
type pageURLs struct {
	b    *builder
	p    string
	urls []string
}

// appendPageURLs returns the pageURLs of page p, appended to urls.
func (b *builder) appendPageURLs(urls []string, p string) pageURLs {
	for _, l := range b.cfg.Locales {
		urls = append(urls, content.AbsPageURL(b.cfg, l.Code, p))
	}
	return pageURLs{b: b, p: p, urls: urls}
}

// abs is content.AbsPageURL of the page in locale.
func (u pageURLs) abs(locale string) string {
	for i, l := range u.b.cfg.Locales {
		if l.Code == locale {
			return u.urls[i]
		}
	}
	return content.AbsPageURL(u.b.cfg, locale, u.p)
}

// rel is content.PageURL of the page in locale.
func (u pageURLs) rel(locale string) string {
	return u.abs(locale)[len(u.b.cfg.Origin()):]
}

// appendLanguages appends the language switcher entries of a page to ls
// and its hreflang alternates to alts: every locale in which it has its
// own file, plus x-default (the default locale).
func (b *builder) appendLanguages(ls []render.LangLink, alts []render.Alternate, unit *content.Unit, urls pageURLs) ([]render.LangLink, []render.Alternate) {
	for _, l := range b.cfg.Locales {
		ls = append(ls, render.LangLink{Lang: b.lang(l.Code), URL: urls.rel(l.Code), Translated: unit.Translated(l.Code)})
	}
	return ls, b.appendAlternates(alts, urls, unit.Translated)
}

// appendAlternates appends the hreflang alternates of the page of urls
// to alts: each locale in which it has its own page (translated tells),
// and x-default.
func (b *builder) appendAlternates(alts []render.Alternate, urls pageURLs, translated func(locale string) bool) []render.Alternate {
	def := ""
	for _, l := range b.cfg.Locales {
		if translated(l.Code) {
			u := urls.abs(l.Code)
			if l.Code == b.cfg.DefaultLocale {
				def = u
			}
			alts = append(alts, render.Alternate{HrefLang: l.Code, URL: u})
		}
	}
	if def == "" {
		def = urls.abs(b.cfg.DefaultLocale)
	}
	return append(alts, render.Alternate{HrefLang: "x-default", URL: def})
}

func (b *builder) writeNotFound(stage Sink, l config.Locale) error {
	d := b.pageBase(l.Code)
	d.Kind = "404"
	tr := b.cat.Translator(l.Code)
	title, err := tr.T("not_found_title")
	if err != nil {
		return err
	}
	d.Title = title
	d.TitleLang = tr.Lang("not_found_title")
	d.URL = d.Site.HomeURL + "404.html"
	d.Permalink = b.cfg.Origin() + d.URL
	d.Canonical = d.Permalink
	d.Nav = b.nav(l.Code, "")
	for _, loc := range b.cfg.Locales {
		d.Languages = append(d.Languages, render.LangLink{
			Lang:       b.lang(loc.Code),
			URL:        b.cfg.BasePath() + b.cfg.LocalePrefix(loc.Code),
			Current:    loc.Code == l.Code,
			Translated: true,
		})
	}
	out := b.buffers.Get().(*markdown.Buffer)
	defer b.putBuffer(out)
	if err := b.tmpl.Execute(out, "404", l.Code, &d); err != nil {
		return fmt.Errorf("404 page (%s): %w", l.Code, err)
	}
	return b.emit(stage, b.cfg.LocalePrefix(l.Code)+"404.html", fmt.Sprintf("404 page (%s)", l.Code), out.Bytes())
}

// IsInputError reports whether err describes problems of the site's input
// (as opposed to, say, a full disk).
func IsInputError(err error) bool {
	var le *diag.ListError
	var p *diag.Problem
	return errors.As(err, &le) || errors.As(err, &p)
}

// Format writes the one-screen summary of a build.
func (s *Summary) Format(w io.Writer) {
	pages := 0
	for _, l := range s.Locales {
		pages += l.Pages
	}
	fmt.Fprintf(w, "Built %s in %s into %s in %s (%s, %s).\n",
		diag.Plural(pages, "page", "pages"), diag.Plural(len(s.Locales), "locale", "locales"), s.Out,
		s.Duration.Round(time.Millisecond), diag.Plural(s.Files, "file", "files"), size(s.Bytes))
	for _, l := range s.Locales {
		fmt.Fprintf(w, "  %-5s %-12s %4d %s: %d translated%s, %d from the source language",
			l.Code, l.Name, l.Pages, diag.Noun(l.Pages, "page", "pages"), l.Translated, stale(l.Outdated, l.Unstamped), l.Fallback)
		if l.MissingStrings > 0 {
			fmt.Fprintf(w, "; %s untranslated", diag.Plural(l.MissingStrings, "UI string", "UI strings"))
		}
		if l.OutdatedStrings+l.UnstampedStrings > 0 {
			fmt.Fprintf(w, "; UI strings%s", stale(l.OutdatedStrings, l.UnstampedStrings))
		}
		fmt.Fprintln(w)
	}
	switch n := len(s.Warnings); n {
	case 0:
		fmt.Fprintln(w, "  no warnings")
	case 1:
		fmt.Fprintln(w, "  1 warning")
	default:
		fmt.Fprintf(w, "  %d warnings\n", n)
	}
}

// stale says how many translations are outdated or unstamped, as
// " (1 outdated, 2 unstamped)"; "" when none.
func stale(outdated, unstamped int) string {
	var parts []string
	if outdated > 0 {
		parts = append(parts, fmt.Sprintf("%d outdated", outdated))
	}
	if unstamped > 0 {
		parts = append(parts, fmt.Sprintf("%d unstamped", unstamped))
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	default:
		return fmt.Sprintf("%d B", n)
	}
}

// loadGlossary reads glossary.<locale>.txt from the locales directory (the
// site's own, else the bundled one); a locale may have none.
func loadGlossary(locales fs.FS, locale string) (*abbr.Glossary, error) {
	name := i18n.Dir + "/glossary." + locale + ".txt"
	src, err := limits.ReadFile(sitefs.Mount(i18n.Dir, locales), name, limits.DataSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return abbr.ParseGlossary(name, src)
}
