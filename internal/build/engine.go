package build

import (
	"crypto/sha256"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/guidegen/guidegen/internal/config"
	"github.com/guidegen/guidegen/internal/content"
	"github.com/guidegen/guidegen/internal/search"
	"github.com/guidegen/guidegen/internal/translation"
)

// Engine keeps what a build learned so that a later build re-renders only
// what changed: the preview server builds with one.
//
// What a page's HTML depends on, and how the engine knows it is the same:
//
//   - Its own file and its translations' files (a translation inherits
//     the source page's data and is compared with its text; the source
//     page's language switcher says which translations exist): the pages
//     of one path are one unit, kept under a hash of each locale's file
//     (the pre-pass's, below: no file is read twice for it).
//   - The navigation's titles, shown on every page: when they change, no
//     unit is kept.
//   - The data of every page (recommendations, criteria, threats), which
//     directives list ({% threat %} shows the recommendations of all
//     pages): a pre-pass reads every page's front matter before any page
//     is loaded (kept between builds by file, a changed file read again,
//     and what it made of them when they are the same); when any page's
//     data changed, no unit is kept.
//   - Everything else a page can show is read by load or from outside
//     content/<locale>/ (guidegen.yaml, UI strings, glossaries, templates,
//     assets with the icons, static files, the data and vocabulary): a
//     change to any of those files is a full build. It still keeps what
//     the pre-pass found in the pages' files unless guidegen.yaml or
//     something under content/ besides a page changed, and the search
//     entry and fragment of each page whose text, title and URL come out
//     the same (a template edit renders every page again, but takes no
//     page apart for the search index again).
//   - Other pages: a link's URL depends only on the target's path, so a
//     page's HTML does not depend on other pages. Whether the target and
//     its anchor exist does, for the errors: the links of every page are
//     checked again on every build against the index, which costs no
//     parsing.
//
// A kept unit carries its released pages (front matter and anchors, for
// the index), its links, the problems found in it, the state of its
// translations, and its output files, which are written to the sink again.
type Engine struct {
	opts Options

	mu     sync.Mutex
	last   *builder // the last build whose load succeeded
	units  map[string]*cachedUnit
	navKey string
	// files is the list of pages of the last build, while no page was
	// added or removed since (else nil).
	files *content.FileList
	// fronts are the data pre-pass's findings by file, with each file's
	// hash (units are kept by them); a changed file is forgotten. They
	// are kept over a change outside the pages, which changes neither
	// the files nor how they are read. dataKey is of the data of every
	// page in the last build.
	fronts  *content.FrontCache
	dataKey [32]byte
	// search is what the last successful build wrote of each locale's
	// search index: its shards are reused where no page's words changed.
	search map[string]*search.Written
	// sitemapSize is the size of the last sitemap.xml.
	sitemapSize int
}

// Stats says what a Build did: pages rendered and pages whose earlier
// HTML was written again, and the changed paths it was given.
type Stats struct {
	Rendered, Reused int
	Changed          []string
	// Full is set when the build started over (a first build, or a change
	// outside the pages).
	Full     bool
	Duration time.Duration
}

// NewEngine returns an engine that builds the site of o.
func NewEngine(o Options) *Engine {
	return &Engine{opts: o}
}

// Build renders the site into sink, as Render does, with the same bytes.
// changed lists the site-relative slash paths that changed since the
// previous Build ("content/nl/about.md", "templates/base.html"); nil (or a
// first call) builds everything. Pages whose files did not change are
// not parsed or rendered again: their earlier bytes are written to sink.
// A change outside content/<locale>/ starts over. Build must not be called
// concurrently with itself (it waits for the previous call).
func (e *Engine) Build(sink Sink, changed []string) (*Summary, Stats, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	start := time.Now()
	st := Stats{Changed: changed}
	full := e.last == nil || changed == nil || slices.ContainsFunc(changed, func(c string) bool { return !e.isPage(c) })
	e.forget(changed)
	var b *builder
	prev := e.units
	if full {
		st.Full = true
		// Nothing of the last build is kept but what the sources are
		// (fronts, files), its search index and its pages' search
		// entries: let the rest go before this build grows.
		prev = searchOnly(e.units)
		e.last, e.units, e.navKey, e.dataKey = nil, nil, "", [32]byte{}
		var err error
		b, err = load(e.opts)
		if err != nil {
			st.Duration = time.Since(start)
			return b.summary(start), st, err
		}
	} else {
		b = e.last.again()
	}
	b.cache = &unitCache{old: e.units, prev: prev, new: map[string]*cachedUnit{}, navKey: e.navKey, files: e.files, dirty: map[string]bool{}, frontCache: e.fronts, dataKey: e.dataKey,
		search: e.search, newSearch: map[string]*search.Written{}, sitemapSize: e.sitemapSize}
	for _, c := range changed {
		if rest, ok := strings.CutPrefix(c, content.Dir+"/"); ok {
			_, p, _ := strings.Cut(rest, "/")
			b.cache.dirty[p] = true
		}
	}
	err := b.build(sink)
	e.last, e.sitemapSize = b, b.cache.sitemapSize
	e.units, e.navKey, e.files, e.dataKey = b.cache.new, b.cache.newNavKey, b.cache.files, b.cache.newDataKey
	// A failed build may have used the previous search postings up.
	e.search = nil
	if err == nil {
		e.search = b.cache.newSearch
	}
	st.Rendered, st.Reused = int(b.cache.rendered.Load()), int(b.cache.reused.Load())
	st.Duration = time.Since(start)
	return b.summary(start), st, err
}

// searchOnly returns units that carry only the search entries of units.
func searchOnly(units map[string]*cachedUnit) map[string]*cachedUnit {
	out := make(map[string]*cachedUnit, len(units))
	for p, c := range units {
		out[p] = &cachedUnit{search: c.search}
	}
	return out
}

// forget drops what the engine keeps of the sources that changed: the
// pre-pass's findings of a changed page (or of every page below a
// changed directory), and the list of pages when one may have been added
// or removed. A change to guidegen.yaml (the locales, how front matter
// is read), to a file under content/ that is not a page, or an unknown
// change (nil) drops all of it.
func (e *Engine) forget(changed []string) {
	all := changed == nil || e.fronts == nil
	for _, c := range changed {
		if all {
			break
		}
		rest, ok := strings.CutPrefix(c, content.Dir+"/")
		switch {
		case c == config.FileName:
			all = true
		case !ok:
			// templates, UI strings, assets...: not the pages' files
		case !strings.Contains(rest, "/") || strings.HasPrefix(rest, "data/"):
			all = true // a locale's directory, or the vocabulary's files
		default:
			e.fronts.Forget(c)
			if e.files != nil && !e.listed(c) {
				e.files = nil // a page was added or removed: look again
			}
		}
	}
	if all {
		e.fronts, e.files = content.NewFrontCache(), nil
	}
}

// isPage reports whether a changed path is a page of a locale (or a file
// the page loader ignores, a dotfile there), whose change the engine
// follows page by page.
func (e *Engine) isPage(rel string) bool {
	rest, ok := strings.CutPrefix(rel, content.Dir+"/")
	if !ok {
		return false
	}
	loc, name, ok := strings.Cut(rest, "/")
	if !ok {
		return false
	}
	if _, ok := e.last.cfg.Locale(loc); !ok {
		return false
	}
	base := name[strings.LastIndex(name, "/")+1:]
	return strings.HasSuffix(base, ".md") || strings.HasPrefix(base, ".")
}

// listed reports whether a changed file under content/<locale>/ is still
// a regular file and was one in the last build's list of pages (or is a
// dotfile, never listed): then the list is the same.
func (e *Engine) listed(rel string) bool {
	rest := strings.TrimPrefix(rel, content.Dir+"/")
	loc, p, _ := strings.Cut(rest, "/")
	if !e.files.Has(loc, p) {
		return strings.HasPrefix(p[strings.LastIndex(p, "/")+1:], ".") // never listed
	}
	st, err := fs.Stat(e.opts.Site.FS, rel)
	return err == nil && st.Mode().IsRegular()
}

// cachedUnit is a unit kept from one build for the next.
type cachedUnit struct {
	key     [32]byte
	locales []string // that have a file of the unit
	unit    *content.Unit
	states  *translation.PageStates
	files   []outFile
	// search are the unit's pages as the search indexes hold them.
	search []searchEntry
	// sitemap are the unit's entries in sitemap.xml by the locale's
	// index in the configuration (nil: not made; empty: none), made by
	// the first build that writes the sitemap with this unit.
	sitemap [][]byte
	// failed is set when rendering failed: the unit is not kept.
	failed bool
}

// sitemapEntry returns the unit's entry in sitemap.xml of the i-th
// locale, empty when its page is not translated, if it was made.
func (c *cachedUnit) sitemapEntry(i int) ([]byte, bool) {
	if c == nil || i >= len(c.sitemap) || c.sitemap[i] == nil {
		return nil, false
	}
	return c.sitemap[i], true
}

type outFile struct {
	rel, source string
	data        []byte
}

// recorder forwards a unit's files to the sink and keeps a copy.
type recorder struct {
	sink Sink
	c    *cachedUnit
}

func (r *recorder) WriteFile(rel, source string, data []byte) error {
	return r.keep(rel, source, append([]byte(nil), data...))
}

// keep forwards bytes the engine keeps (never changed) and keeps them.
func (r *recorder) keep(rel, source string, kept []byte) error {
	r.c.files = append(r.c.files, outFile{rel, source, kept})
	if ss, ok := r.sink.(SharedSink); ok {
		return ss.WriteFileShared(rel, source, kept)
	}
	return r.sink.WriteFile(rel, source, kept)
}

// last returns the bytes of the file written last.
func (r *recorder) last() []byte { return r.c.files[len(r.c.files)-1].data }

// keptWriter writes bytes an engine keeps through a recorder, uncopied.
type keptWriter struct{ *recorder }

func (w keptWriter) WriteFile(rel, source string, data []byte) error {
	return w.keep(rel, source, data)
}

// SharedSink is a Sink that may keep the bytes it is given. An Engine
// keeps every page's bytes for the next build and never changes them;
// through WriteFileShared it hands them to such a sink instead of
// WriteFile, so that the sink need not copy 10,000 pages on every
// rebuild. (WriteFile's data is only valid during the call: the build
// reuses its buffers.)
type SharedSink interface {
	Sink
	WriteFileShared(rel, source string, data []byte) error
}

func (r *recorder) CopyFile(fsys fs.FS, name, rel, source string) error {
	r.c.failed = true // pages do not copy files; never keep such a unit
	return r.sink.CopyFile(fsys, name, rel, source)
}

// unitCache is what a build of an Engine reads from the previous build
// and keeps for the next. A nil *unitCache keeps nothing.
type unitCache struct {
	old, new map[string]*cachedUnit
	// prev are the previous build's units, whether or not they can be
	// kept (old), for their pages' search entries (article).
	prev      map[string]*cachedUnit
	mu        sync.Mutex
	navKey    string
	newNavKey string
	// files is the list of pages: the previous build's when no page was
	// added or removed (nil: scan), then this build's.
	files *content.FileList
	ld    *content.Loader
	// dirty are the paths of the units whose files were reported changed.
	dirty map[string]bool
	// frontCache keeps the data pre-pass's findings; dataKey is of the
	// previous build's data of every page, newDataKey of this build's.
	frontCache          *content.FrontCache
	dataKey, newDataKey [32]byte
	// search is what the previous build wrote of each locale's search
	// index, newSearch this build's (see search.WriteAgain).
	search, newSearch map[string]*search.Written

	rendered, reused atomic.Int64
	// sitemapSize is the size of the previous build's sitemap.xml, then
	// this build's.
	sitemapSize int
}

// article returns the search entry of the page at path p of a locale in
// the previous build, when it was made of the same text (sum, of
// articleSum).
func (c *unitCache) article(locale, p string, sum [32]byte) (searchEntry, bool) {
	if c != nil {
		if u := c.prev[p]; u != nil {
			for _, e := range u.search {
				if e.locale == locale && e.sum == sum && e.frag != nil {
					return e, true
				}
			}
		}
	}
	return searchEntry{}, false
}

func (c *unitCache) fileList() *content.FileList {
	if c == nil {
		return nil
	}
	return c.files
}

func (c *unitCache) fronts() *content.FrontCache {
	if c == nil {
		return nil
	}
	return c.frontCache
}

// sameData records the data of every page in this build and reports
// whether it is the previous build's. When it is not, no unit is kept:
// a page's directives may list what other pages' data say (a threat's
// recommendations), so a change to one page's data can change others'.
func (c *unitCache) sameData(key [32]byte) bool {
	c.newDataKey = key
	if key == c.dataKey {
		return true
	}
	c.old = nil
	return false
}

func (c *unitCache) count(rendered, reused int) {
	if c != nil {
		c.rendered.Add(int64(rendered))
		c.reused.Add(int64(reused))
	}
}

// keep returns the unit kept for path p when none of its files was
// reported changed and it has files in the same locales, or nil. It reads
// nothing.
func (c *unitCache) keep(ld *content.Loader, p string) *cachedUnit {
	if c == nil || c.old == nil || c.dirty[p] {
		return nil
	}
	prev := c.old[p]
	if prev == nil || prev.failed || !slices.Equal(prev.locales, ld.Locales(p)) {
		return nil
	}
	return prev
}

// same hashes the files of path p and returns the unit kept under the
// same hash (its files were saved unchanged), or nil, and the hash, which
// a unit loaded anew is kept under.
func (c *unitCache) same(ld *content.Loader, p string) (*cachedUnit, [32]byte) {
	if c == nil {
		return nil, [32]byte{}
	}
	k := c.key(ld, p)
	prev := c.old[p]
	if prev == nil || prev.failed || prev.key != k {
		return nil, k
	}
	return prev, k
}

// sameNav records the navigation of this build and reports whether it is
// the previous build's; when it is not, no unit is kept.
func (c *unitCache) sameNav(key string) bool {
	c.newNavKey = key
	if key == c.navKey {
		return true
	}
	c.old = nil
	return false
}

func (c *unitCache) put(u *cachedUnit) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.new[u.unit.Path] = u
	c.mu.Unlock()
}

// key hashes the files of path p in every locale that has one, as the
// data pre-pass read them (content.Loader.Sum): no file is read again.
func (c *unitCache) key(ld *content.Loader, p string) [32]byte {
	h := sha256.New()
	for _, loc := range ld.Locales(p) {
		h.Write([]byte(loc))
		if sum, ok := ld.Sum(loc, p); ok {
			h.Write([]byte{0})
			h.Write(sum[:])
		} else {
			h.Write([]byte{1}) // unreadable: loading it reports why
		}
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}
