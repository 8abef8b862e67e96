package build

import (
	"crypto/sha256"
	"encoding/binary"
	"os"
	"sync"

	"github.com/guidegen/guidegen/internal/render"
	"github.com/guidegen/guidegen/internal/search"
)

// searchIndexes are the search indexes of a build, one per locale,
// filled while the pages are written.
type searchIndexes struct {
	once sync.Once
	by   map[string]*search.Index
	// scratch, when set, gives the indexes a file each to keep their
	// pages' words in (search.Index.Spill).
	scratch scratcher
}

// scratcher is a Sink that has files for the build's own use
// (*output.Stage): a build into an output directory keeps the words of
// its search indexes there, so that its memory does not grow with the
// site. A preview keeps them in memory.
type scratcher interface {
	Scratch() (*os.File, error)
}

func (b *builder) searchIndex(locale string) *search.Index {
	b.search.once.Do(func() {
		b.search.by = map[string]*search.Index{}
		for _, l := range b.cfg.Locales {
			ix := search.New(l.Code)
			if b.search.scratch != nil {
				// Without a file, the words stay in memory.
				if f, err := b.search.scratch.Scratch(); err == nil {
					ix.Spill(f)
				}
			}
			b.search.by[l.Code] = ix
		}
	})
	return b.search.by[locale]
}

// searchEntry is a page of a locale's search index, kept with its unit
// so that an Engine adds it again when it reuses the unit (the unit keeps
// the page's fragment with its other files), and its fragment's bytes
// and what they were made of (sum), so that a later build that renders
// the page again with the same text uses both again (a template edit).
type searchEntry struct {
	locale string
	entry  search.Entry
	sum    [32]byte
	frag   []byte
}

// indexPage writes a rendered page's search fragment and adds the page to
// its locale's search index; written through an Engine's recorder, the
// unit keeps both.
func (b *builder) indexPage(out Sink, d *render.Page, article []byte) error {
	source := d.Path + " (search, " + d.Lang.Code + ")"
	r, _ := out.(*recorder)
	var sum [32]byte
	if r != nil {
		sum = articleSum(d, article)
		if k, ok := b.cache.article(d.Lang.Code, d.Path, sum); ok {
			if err := b.put(keptWriter{r}, b.cfg.LocalePrefix(d.Lang.Code)+search.Dir+k.entry.Frag, source, k.frag); err != nil {
				return err
			}
			b.searchIndex(d.Lang.Code).Add(k.entry)
			r.c.search = append(r.c.search, k)
			return nil
		}
	}
	// A Sink (and a recorder) keeps none of the bytes it is given: the
	// fragment is written from a buffer the next page reuses.
	buf := fragBufs.Get().(*[]byte)
	var e search.Entry
	var frag []byte
	var err error
	var wb *search.WordBuf
	if r == nil {
		// Nothing keeps the Entry but the index, which copies its words
		// (a spilling one at once): they are written into memory the
		// next page reuses.
		wb = wordBufs.Get().(*search.WordBuf)
		e, frag, err = search.PrepareArticleLent(*buf, wb, d.Path, d.Title, d.URL, article)
	} else {
		e, frag, err = search.PrepareArticle(*buf, d.Path, d.Title, d.URL, article)
	}
	if err == nil {
		err = b.emit(out, b.cfg.LocalePrefix(d.Lang.Code)+search.Dir+e.Frag, source, frag)
	}
	if cap(frag) <= maxFragBuf {
		*buf = frag[:0]
		fragBufs.Put(buf)
	}
	if err == nil {
		b.searchIndex(d.Lang.Code).Add(e)
	}
	if wb != nil {
		wb.Reset()
		wordBufs.Put(wb)
	}
	if err != nil {
		return err
	}
	if r != nil {
		r.c.search = append(r.c.search, searchEntry{d.Lang.Code, e, sum, r.last()})
	}
	return nil
}

// fragBufs are the buffers pages' search fragments are written from.
var fragBufs = sync.Pool{New: func() any { return new([]byte) }}

// wordBufs are the memory pages' search words are written into.
var wordBufs = sync.Pool{New: func() any { return new(search.WordBuf) }}

// maxFragBuf bounds the buffer of a fragment kept for the next page.
const maxFragBuf = 1 << 20

// articleSum hashes what a page's search entry and fragment are made of:
// its path, title, URL and rendered text.
func articleSum(d *render.Page, article []byte) [32]byte {
	h := sha256.New()
	for _, s := range []string{d.Path, d.Title, d.URL} {
		h.Write(binary.AppendUvarint(nil, uint64(len(s))))
		h.Write([]byte(s))
	}
	h.Write(article)
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

// searchURL is the root-relative URL of a locale's search index.
func (b *builder) searchURL(locale string) string {
	return b.cfg.BasePath() + b.cfg.LocalePrefix(locale) + search.MetaFile
}

// writeSearch writes every locale's index file and word shards, two
// locales at a time (the end of a build has nothing else to do with its
// cores), so that at most two locales' batches of postings are decoded
// at once.
func (b *builder) writeSearch(stage Sink) error {
	written := make([]*search.Written, len(b.cfg.Locales))
	errs := make([]error, len(b.cfg.Locales))
	slots := make(chan struct{}, 2)
	var wg sync.WaitGroup
	for i, l := range b.cfg.Locales {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			written[i], errs[i] = b.writeLocaleSearch(stage, l.Code)
		})
	}
	wg.Wait()
	for i, l := range b.cfg.Locales {
		if errs[i] != nil {
			return errs[i]
		}
		if b.cache != nil {
			b.cache.newSearch[l.Code] = written[i]
		}
	}
	return nil
}

// writeLocaleSearch writes a locale's index file and word shards; for an
// Engine, it returns what it wrote.
func (b *builder) writeLocaleSearch(stage Sink, locale string) (*search.Written, error) {
	dir := b.cfg.LocalePrefix(locale) + search.Dir
	source := "search index (" + locale + ")"
	var prev *search.Written
	if b.cache != nil {
		prev = b.cache.search[locale]
	}
	// An Engine keeps what WriteAgain writes, unchanged: a sink may
	// keep the bytes too.
	out := stage
	if b.cache != nil {
		out = shared(stage)
	}
	return b.searchIndex(locale).WriteAgain(prev, b.cache != nil, func(name string, data []byte) error {
		return b.emit(out, dir+name, source, data)
	})
}
