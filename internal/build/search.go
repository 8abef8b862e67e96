package build

import (
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/guidegen/guidegen/internal/render"
	"github.com/guidegen/guidegen/internal/search"
)

// searchIndexes are the search indexes of a build, one per locale,
// filled while the pages are written.
type searchIndexes struct {
	once sync.Once
	by   map[string]*search.Index
}

// SearchIndexFile is where a locale's search index is written, under the
// locale's prefix ("search.json", "nl/search.json").
const SearchIndexFile = "search.json"

func (b *builder) searchIndex(locale string) *search.Index {
	b.search.once.Do(func() {
		b.search.by = map[string]*search.Index{}
		for _, l := range b.cfg.Locales {
			b.search.by[l.Code] = search.New(l.Code)
		}
	})
	return b.search.by[locale]
}

// searchEntry is a page of a locale's search index, kept with its unit
// so that an Engine adds it again when it reuses the unit.
type searchEntry struct {
	locale string
	page   search.Page
}

// indexPage adds a rendered page to its locale's search index; written
// through an Engine's recorder, the unit keeps it too.
func (b *builder) indexPage(out Sink, d *render.Page, article []byte) {
	pg := search.Page{
		Key:      d.Path,
		Title:    d.Title,
		URL:      d.URL,
		Sections: search.Extract(d.Title, article),
	}
	b.searchIndex(d.Lang.Code).Add(pg)
	if r, ok := out.(*recorder); ok {
		r.c.search = append(r.c.search, searchEntry{d.Lang.Code, pg})
	}
}

// searchURL is the root-relative URL of a locale's search index.
func (b *builder) searchURL(locale string) string {
	return b.cfg.BasePath() + b.cfg.LocalePrefix(locale) + SearchIndexFile
}

// writeSearch writes every locale's index, encoded in parallel.
func (b *builder) writeSearch(stage Sink) error {
	var g errgroup.Group
	for _, l := range b.cfg.Locales {
		ix := b.searchIndex(l.Code)
		g.Go(func() error {
			data, err := ix.JSON()
			if err != nil {
				return err
			}
			return b.emit(stage, b.cfg.LocalePrefix(l.Code)+SearchIndexFile, "search index ("+l.Code+")", data)
		})
	}
	return g.Wait()
}
