package build

import (
	"iter"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/guidegen/guidegen/internal/content"
	"github.com/guidegen/guidegen/internal/render"
)

// readerData is what the reader's aids of every page share: the order of
// the pages for previous/next, and the dates the pages last changed.
type readerData struct {
	once  sync.Once
	order []string       // page paths in reading order
	pos   map[string]int // position of a path in order
	dates map[string]time.Time
	// epoch is SOURCE_DATE_EPOCH when set: no date is later, and it is
	// the date of a page that has no other.
	epoch *time.Time
}

// ThemeColor is the colour of the browser's chrome in the web manifest
// and the theme-color meta, the theme's accent.
const ThemeColor = "#1a5fb4"

func (b *builder) readerInit() *readerData {
	r := &b.reader
	r.once.Do(func() {
		r.pos = map[string]int{}
		add := func(p string) {
			if _, seen := r.pos[p]; seen {
				return
			}
			if _, lang, ok := b.loader.Title(b.cfg.DefaultLocale, p); !ok || lang != b.cfg.DefaultLocale {
				return
			}
			r.pos[p] = len(r.order)
			r.order = append(r.order, p)
		}
		add("index.md")
		for _, p := range b.cfg.Navigation {
			add(p)
		}
		if s, ok := os.LookupEnv("SOURCE_DATE_EPOCH"); ok {
			if sec, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
				t := time.Unix(sec, 0).UTC()
				r.epoch = &t
			}
		}
		if b.opts.Site.Dir != "" {
			r.dates = b.gitDates.get(b.opts.Site.Dir, content.Dir)
		}
	})
	return r
}

// readerCommon fills what every page has, the 404 pages included (once
// per locale, in pageBase).
func (b *builder) readerCommon(d *render.Page) {
	d.Reader.SearchURL = b.searchURL(d.Lang.Code)
	d.Reader.SearchScript = d.Asset("js/search.js")
	d.Reader.Stylesheet = d.Asset("css/reader.css")
	d.Reader.Manifest = b.cfg.BasePath() + b.cfg.LocalePrefix(d.Lang.Code) + ManifestFile
	d.Reader.AppleTouchIcon = d.Asset("img/apple-touch-icon.png")
	d.Reader.ThemeColor = ThemeColor
	d.Reader.OGLocale = ogLocale(d.Lang.Code)
	d.Reader.Image = b.cfg.Origin() + d.Asset("img/icon-512.png")
}

// readerPage fills the reader's aids of a page made from a pageBase.
func (b *builder) readerPage(d *render.Page, page *content.Page) {
	r := b.readerInit()
	locale := d.Lang.Code
	if page.Front.Cover != "" {
		d.Reader.Image = b.cfg.Origin() + b.cfg.BasePath() + strings.TrimPrefix(page.Front.Cover, "/")
	}
	// A page shown in the source language describes the source page,
	// its canonical.
	d.Reader.OGLocale = ogLocale(d.ContentLang)
	for _, a := range d.Alternates {
		if a.HrefLang != "x-default" && a.HrefLang != d.ContentLang {
			d.Reader.OGAlternates = append(d.Reader.OGAlternates, ogLocale(a.HrefLang))
		}
	}
	if i, ok := r.pos[d.Path]; ok {
		if i > 0 {
			d.Reader.Prev = b.link(locale, r.order[i-1])
		}
		if i+1 < len(r.order) {
			d.Reader.Next = b.link(locale, r.order[i+1])
		}
	}
	if dir := path.Dir(d.Path); dir != "." {
		d.Reader.Breadcrumbs = append(d.Reader.Breadcrumbs, render.Link{Title: d.Site.Title, URL: d.Site.HomeURL, Lang: locale})
		for prefix := range dirPrefixes(dir) {
			idx := prefix + "/index.md"
			if idx == d.Path {
				break
			}
			if l := b.link(locale, idx); l != nil {
				d.Reader.Breadcrumbs = append(d.Reader.Breadcrumbs, *l)
			}
		}
	}
	d.Reader.EditURL = b.cfg.EditLink(page.Locale, page.Path)
	d.Reader.Updated = r.updated(page)
}

// dirPrefixes yields the directories of dir from the top one down: for
// "a/b/c", "a", "a/b" and "a/b/c" (strings.Join of the first elements of
// strings.Split(dir, "/"), without making them).
func dirPrefixes(dir string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for rest := 0; ; {
			i := strings.IndexByte(dir[rest:], '/')
			if i < 0 {
				yield(dir)
				return
			}
			if !yield(dir[:rest+i]) {
				return
			}
			rest += i + 1
		}
	}
}

// link returns a link to a page in a locale, or nil when there is none.
func (b *builder) link(locale, p string) *render.Link {
	title, lang, ok := b.loader.Title(locale, p)
	if !ok {
		return nil
	}
	return &render.Link{Title: title, URL: content.PageURL(b.cfg, locale, p), Lang: lang}
}

// updated returns the date a page last changed (date), as YYYY-MM-DD; ""
// when there is none.
func (r *readerData) updated(page *content.Page) string {
	t, ok := r.date(page)
	if !ok {
		return ""
	}
	return t.Format(time.DateOnly)
}

// date returns the time a page last changed, in UTC: its file's last
// commit when the site is a git checkout, else its front matter's
// updated:, else SOURCE_DATE_EPOCH; never later than SOURCE_DATE_EPOCH;
// ok is false when there is none.
func (r *readerData) date(page *content.Page) (t time.Time, ok bool) {
	if gt, ok := r.dates[page.File]; ok {
		t = gt
	} else if page.Front.Updated != "" {
		t, _ = time.Parse(time.DateOnly, page.Front.Updated)
	} else if r.epoch != nil {
		t = *r.epoch
	}
	if t.IsZero() {
		return t, false
	}
	if r.epoch != nil && t.After(*r.epoch) {
		t = *r.epoch
	}
	return t.UTC(), true
}

// ogLocale turns a BCP 47 tag into OpenGraph's form: "en-GB" → "en_GB".
func ogLocale(code string) string {
	return strings.ReplaceAll(code, "-", "_")
}
