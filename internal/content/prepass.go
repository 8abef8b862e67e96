package content

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/directive"
	"github.com/guidegen/guidegen/internal/guidedata"
	"github.com/guidegen/guidegen/internal/limits"
	"github.com/guidegen/guidegen/internal/markdown/frontmatter"
	"github.com/guidegen/guidegen/internal/markdown/segment"
	"github.com/guidegen/guidegen/internal/yamlx"
)

// The data pre-pass. A page's directives may show the data of every page
// of its locale ({% threat <id> %} lists the recommendations of all pages
// that protect against the threat), so that data must be known before
// any page is resolved, while pages stream one path at a time. Before the
// first page is loaded, the loader reads every page's file and decodes
// its front matter only, without parsing its Markdown, and keeps the data
// of every page by locale, as the pages' own loading later sees it. It
// reports nothing: loading the page reports its problems.

// frontData is what the pre-pass found in one file.
type frontData struct {
	ok    bool
	draft bool
	// title is the page's title: breadcrumbs and previous/next links of
	// other pages show it, so it is part of hash.
	title string
	data  *guidedata.Data
	at    func(path ...string) diag.Pos
	// hash is of ok, draft and the front matter's data keys, as YAML.
	hash [32]byte
	// read is set when the file could be read; sum is then the SHA-256
	// of its bytes, when the pre-pass keeps its findings (FrontCache).
	read bool
	sum  [32]byte
	// prior is the front matter as decoded, for loading the page
	// (priorFront); the pre-pass hands it to the Loader.
	prior *priorFront
}

// dataKeys are the front matter keys that make up a page's data.
var dataKeys = []string{"recommendations", "criteria", "threats"}

// readFrontFile reads the front matter of the page whose file is
// Dir/locale/p, as the pre-pass names it; with sum, it hashes the file
// too.
func readFrontFile(ld *loader, locale, p, file string, sum bool) (fd *frontData) {
	fd = &frontData{}
	var own [32]byte
	defer func() {
		if recover() != nil {
			fd = &frontData{read: fd.read, sum: fd.sum} // loading the page reports it
		}
		var b [2 + len(own)]byte
		b[0], b[1] = b2i(fd.ok), b2i(fd.draft)
		copy(b[2:], own[:])
		fd.hash = sha256.Sum256(b[:])
	}()
	// Nothing the pre-pass keeps of a page refers to the page's bytes
	// (the decoded front matter has its own strings).
	buf := getReadBuf()
	defer putReadBuf(buf)
	src, err := readHead((*buf)[:0], ld.fsys, file, sum || ld.front.mkdocs)
	if err != nil {
		return fd
	}
	*buf = src[:0]
	fd.read = true
	if sum {
		fd.sum = sha256.Sum256(src)
	}
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	src, _ = toValidUTF8(file, src)
	pg := &Page{Path: p, Locale: locale, File: file, parsed: &parsed{src: src}}
	fm := locateFront(src)
	node, err := decodeFront(file, fm, pg, ld.front)
	if err != nil {
		return fd
	}
	fd.prior = prior(fm, pg, ld.front)
	// The title, a NUL byte, and each data key, a NUL byte, its value
	// as YAML (none when absent) and a NUL byte, hashed at once.
	var text [256]byte
	b := append(append(text[:0], pg.Front.Title...), 0)
	for _, k := range dataKeys {
		b = append(append(b, k...), 0)
		if v := yamlx.Find(node, k); v != nil {
			out, err := yaml.Marshal(v)
			if err != nil {
				return fd
			}
			b = append(b, out...)
		}
		b = append(b, 0)
	}
	own = sha256.Sum256(b)
	fd.ok, fd.draft, fd.title, fd.data, fd.at = true, pg.Front.Draft, pg.Front.Title, pg.Front.data(), pg.at
	return fd
}

// frontHead is how much of a page's file the pre-pass reads first: the
// front matter of the bundled guide's pages, data included, is shorter.
const frontHead = 4 << 10

// readHead appends to dst the start of the page file, up to the end of its
// front matter's closing line, or all of it when whole is set or its front
// matter does not end in its first frontHead bytes (or is not found there
// as locateFront finds it without reading the rest of the page). Up to
// there, the bytes are the whole file's, and so is what locateFront and
// decodeFront make of them (toValidUTF8 changes nothing across a line's
// end). An error is AppendFile's, but for the file's bytes after its
// head: a file that grows past the limit as it is read, or cannot be read
// after its head, is left to the page's own loading to report.
func readHead(dst []byte, fsys fs.FS, file string, whole bool) ([]byte, error) {
	if !whole {
		start := len(dst)
		head, err := limits.AppendHead(dst, fsys, file, frontHead, limits.PageSize)
		if err != nil {
			return nil, err
		}
		if end := frontEnd(head[start:]); end >= 0 {
			return head[:start+end], nil
		}
		if len(head)-start < frontHead {
			return head, nil // all of the file
		}
		dst = head[:start]
	}
	return limits.AppendFile(dst, fsys, file, limits.PageSize)
}

// frontEnd returns the offset in src, the start of a page's file, just
// after the line that closes its front matter as locateFront finds it
// (a first line "---", closed by the next non-blank line of dashes only),
// or -1 when src does not hold that line and its end.
func frontEnd(src []byte) int {
	rest := bytes.TrimPrefix(src, []byte("\uFEFF"))
	off := len(src) - len(rest)
	first, rest, ok := bytes.Cut(rest, []byte("\n"))
	if !ok || !bytes.Equal(bytes.TrimRight(first, " \t\r\n"), []byte("---")) {
		return -1
	}
	off += len(first) + 1
	for {
		line, next, ok := bytes.Cut(rest, []byte("\n"))
		if !ok {
			return -1 // the rest of the line, or the page, is not read
		}
		off += len(line) + 1
		if t := bytes.TrimSpace(line); len(t) > 0 && len(bytes.Trim(t, "-")) == 0 {
			return off
		}
		rest = next
	}
}

func b2i(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// locateFront finds the front matter of src as frontmatter.Locate does
// (a first line "---", closed by the next non-blank line of dashes only),
// without parsing the rest of the page.
func locateFront(src []byte) *frontmatter.Block {
	first, rest, ok := bytes.Cut(src, []byte("\n"))
	if !ok || !bytes.Equal(bytes.TrimRight(first, " \t\r\n"), []byte("---")) {
		return frontmatter.Locate(src) // what the parse decides, however rare
	}
	start := len(first) + 1
	off := start
	for len(rest) > 0 {
		line, next, _ := bytes.Cut(rest, []byte("\n"))
		t := bytes.TrimSpace(line)
		if len(t) > 0 && len(bytes.Trim(t, "-")) == 0 {
			return &frontmatter.Block{YAML: src[start:off], Line: 1, Closed: true, Close: off, End: min(off+len(line)+1, len(src))}
		}
		off += len(line) + 1
		if off > len(src) {
			off = len(src)
		}
		rest = next
	}
	return &frontmatter.Block{YAML: src[start:], Line: 1}
}

// prepass decodes the front matter of every page of the list and keeps
// the data of each locale's pages (a page missing in a locale is
// represented by its source page), sorted by path, and a key that
// changes when any of it does.
func (ld *Loader) prepass(jobs []job, cache *FrontCache) {
	names := make([]string, len(jobs))
	for i, j := range jobs {
		names[i] = Dir + "/" + j.locale + "/" + j.path
	}
	fronts := cache.lookup(names)
	ld.priors = make([]*priorFront, len(jobs))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, j := range jobs {
		if fronts[i] != nil {
			continue
		}
		g.Go(func() error {
			fd := readFrontFile(&ld.ld, j.locale, j.path, names[i], cache != nil)
			ld.priors[i], fd.prior = fd.prior, nil // the loader's only
			fronts[i] = fd
			if fd.read {
				cache.put(names[i], fd) // a file that could not be read is read again
			}
			return nil
		})
	}
	_ = g.Wait()
	if last := cache.lastResult(); last.same(jobs, fronts) {
		// The same pages with the same titles and data as the last
		// pre-pass of the cache's: only files' hashes may differ.
		ld.dataKey, ld.pageData, ld.infos = last.dataKey, last.pageData, last.infos
		cloned := false
		for i := range jobs {
			if f := fronts[i]; f != last.fronts[i] {
				if !cloned {
					ld.infos, cloned = slices.Clone(ld.infos), true
				}
				ld.infos[i] = ld.infoOf(f)
			}
		}
	} else {
		ld.prepassAll(jobs, fronts)
	}
	if cache != nil {
		ld.fronts = fronts
		cache.last = &prepassResult{jobs: jobs, fronts: fronts, dataKey: ld.dataKey, pageData: ld.pageData, infos: ld.infos}
	}
}

// infoOf is what the loader keeps of a page's findings.
func (ld *Loader) infoOf(f *frontData) fileInfo {
	return fileInfo{title: f.title, shown: f.ok && (!f.draft || ld.ld.opts.Drafts)}
}

// prepassResult is what a pre-pass made of its findings, which the next
// one with the same FrontCache uses again when the pages and their titles
// and data are the same.
type prepassResult struct {
	jobs     []job
	fronts   []*frontData
	dataKey  [32]byte
	pageData map[string][]directive.PageData
	infos    []fileInfo
}

// same reports whether fronts, the findings in the files of jobs, have
// the titles and data of r's, and jobs are r's (the same list of pages).
// The list is compared by identity, not by content: an Engine keeps its
// FileList, and with it the jobs slice, only while no page was added or
// removed, and scans a new one otherwise; so the same backing array means
// the same pages, and a new one is taken as a different list.
func (r *prepassResult) same(jobs []job, fronts []*frontData) bool {
	if r == nil || len(jobs) != len(r.jobs) || len(jobs) == 0 || &jobs[0] != &r.jobs[0] {
		return false
	}
	for i, f := range fronts {
		if o := r.fronts[i]; f != o && (f.hash != o.hash || f.read != o.read) {
			return false // the hash is of ok, draft, the title and the data
		}
	}
	return true
}

// prepassAll makes the data of every locale, its key and the pages'
// findings from the findings in every file.
func (ld *Loader) prepassAll(jobs []job, fronts []*frontData) {
	def := ld.cfg.DefaultLocale
	srcs := make(map[string]*frontData, len(ld.paths))
	byLocale := map[string]map[string]*frontData{}
	key := sha256.New()
	// jobs are the list's, whose order it keeps.
	for _, i := range ld.Files.sorted {
		j := jobs[i]
		key.Write([]byte(j.locale + "\x00" + j.path + "\x00"))
		key.Write(fronts[i].hash[:])
		if j.locale == def {
			srcs[j.path] = fronts[i]
		} else {
			if byLocale[j.locale] == nil {
				byLocale[j.locale] = make(map[string]*frontData, len(ld.paths))
			}
			byLocale[j.locale][j.path] = fronts[i]
		}
	}
	key.Sum(ld.dataKey[:0])
	ld.infos = make([]fileInfo, len(jobs))
	for i, f := range fronts {
		ld.infos[i] = ld.infoOf(f)
	}
	drafts := ld.ld.opts.Drafts
	ld.pageData = map[string][]directive.PageData{}
	// Each locale's data by path (ld.paths is sorted): the translation's,
	// inheriting its source page's, else the source page's.
	for _, l := range ld.cfg.Locales {
		var list []directive.PageData
		translations := byLocale[l.Code] // none for the default locale
		for _, p := range ld.paths {
			s := srcs[p]
			var d *guidedata.Data
			if t := translations[p]; t != nil && t.ok && (s == nil || s.ok) && (!t.draft || drafts) {
				d = t.data
				if s != nil {
					d, _ = guidedata.Inherit(s.data, t.data, t.at)
				}
			} else if s != nil && s.ok && (!s.draft || drafts) {
				d = s.data
			}
			if d != nil && !d.Empty() {
				list = append(list, directive.PageData{Path: p, Data: d})
			}
		}
		ld.pageData[l.Code] = list
	}
}

// DataKey changes when the data of any page does (or a page's draft
// flag, or whether its front matter decodes): then a page's directives
// may show something else, though its own files did not change.
func (ld *Loader) DataKey() [32]byte { return ld.dataKey }

// Title returns the title of the page at path p that a reader of locale
// sees, from the pre-pass (before the page is loaded), and the locale of
// that page: its translation, or else the source page. ok is false when
// neither exists (or both are drafts left out). A translation's title
// that is still the source page's (segment.Untranslated) is in the
// source page's locale.
func (ld *Loader) Title(locale, p string) (title, lang string, ok bool) {
	def := ld.cfg.DefaultLocale
	if t, ok := ld.title(locale, p); ok {
		if src, ok := ld.title(def, p); ok && locale != def && segment.Untranslated(t, src) {
			return t, def, true
		}
		return t, locale, true
	}
	t, ok := ld.title(def, p)
	return t, def, ok
}

// title returns the title of the file of path p of a locale, from the
// pre-pass; ok is false when there is no such page (or it is a draft
// left out).
func (ld *Loader) title(locale, p string) (title string, ok bool) {
	i, ok := ld.Files.index(locale, p)
	if !ok {
		return "", false
	}
	f := ld.infos[i]
	return f.title, f.shown
}

// fileInfo is what a Loader keeps of the pre-pass's findings in a page's
// file.
type fileInfo struct {
	title string
	// shown is set when the front matter decodes and the page is not a
	// draft left out.
	shown bool
}

// Sum returns the SHA-256 of the file of the page at path p of a locale
// as the pre-pass read it, when the loader was given a FrontCache: an
// Engine keys what it keeps of a page with it, without reading the file
// again. ok is false when the file could not be read (or there is no
// FrontCache).
func (ld *Loader) Sum(locale, p string) (sum [32]byte, ok bool) {
	i, ok := ld.Files.index(locale, p)
	if !ok || ld.fronts == nil || !ld.fronts[i].read {
		return sum, false
	}
	return ld.fronts[i].sum, true
}

// FrontCache keeps what the data pre-pass found in each file between the
// builds of an Engine; a changed file is forgotten and read again. A nil
// *FrontCache keeps nothing.
type FrontCache struct {
	mu sync.Mutex
	m  map[string]*frontData
	// last is what the last pre-pass made of its findings.
	last *prepassResult
}

// NewFrontCache returns an empty cache.
func NewFrontCache() *FrontCache { return &FrontCache{m: map[string]*frontData{}} }

// Forget drops a file ("content/nl/about.md"), or every file below it
// when it names a directory.
func (c *FrontCache) Forget(name string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[name]; ok {
		delete(c.m, name)
		return // a file: nothing is below it
	}
	for k := range c.m {
		if strings.HasPrefix(k, name) && strings.HasPrefix(k[len(name):], "/") {
			delete(c.m, k)
		}
	}
}

func (c *FrontCache) lastResult() *prepassResult {
	if c == nil {
		return nil
	}
	return c.last
}

// lookup returns the findings kept for each file of names (nil where
// none are).
func (c *FrontCache) lookup(names []string) []*frontData {
	fronts := make([]*frontData, len(names))
	if c == nil {
		return fronts
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, name := range names {
		fronts[i] = c.m[name]
	}
	return fronts
}

func (c *FrontCache) put(name string, fd *frontData) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.m[name] = fd
	c.mu.Unlock()
}
