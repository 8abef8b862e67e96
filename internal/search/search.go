// Package search builds the search index of one locale of a site, split
// so that a reader's browser loads only what a query needs, however large
// the site (assets/js/search.js reads it):
//
//   - search/index.json, loaded on first use: the format, the language,
//     the pages' fragment names in page order and the list of word shards;
//   - one word shard per first two letters of the folded words
//     (search/w/<hex of the two letters>.json): each word with its stem
//     and its postings, the sections of pages where it occurs with a
//     weight (10 per occurrence in the heading, 1 per occurrence in the
//     text up to 10, 3 per occurrence in the page title);
//   - one fragment per page (search/p/<hash of its URL>.json): its title,
//     URL and sections (heading, anchor, text), loaded only for the pages
//     in the results, to show the section and a snippet with the match
//     marked.
//
// The build writes a page's fragment as soon as the page is rendered and
// keeps only a compact, pointer-free record of its words (an [Entry]), so
// a site's text is never held in memory at once. A query of two words on
// a 10,000-page site loads the small index file, two shards and at most
// ten fragments.
//
// The browser does not stem. Porting the Snowball stemmers to JavaScript
// would weigh more than the index of a small site, and a second
// implementation could disagree with this one. Instead each word in a
// shard carries its stem; the script folds a query word the way Fold does
// and looks it up among the shard's words (and, for the word being typed,
// among the words it begins); the stems found give every form of the word
// that occurs in the site, which the script then finds in the fragments'
// text. A query word that does not occur in the site ("encrypting") still
// matches when a stem in its shard begins it and only a short suffix
// remains ("encrypt"+"ing"). So the stemming is done once, in Go, by the
// real stemmer, and cannot disagree with the text: the index only names
// words that are in it. Words of one stem share a shard unless their
// first two letters differ, which the Snowball stemmers of English and
// Dutch do not do to words of three letters or more.
package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// Version is the format of the index, written into it.
const Version = 2

// MetaFile, and the shards and fragments under Dir, are where a locale's
// index is written, under the locale's prefix ("search/index.json",
// "nl/search/index.json").
const (
	Dir      = "search/"
	MetaFile = Dir + "index.json"
)

// Weights of an occurrence of a word, as the results are ranked.
const (
	weightHeading = 10
	weightTitle   = 3
	maxText       = 10 // occurrences in a section's text counted at most
)

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

// Entry is what an index keeps of a page once its fragment is written:
// its key, the fragment's file name and its words with their postings,
// encoded in one pointer-free byte slice. An Entry never changes, so a
// build that reuses a page may add the same Entry to its own index.
type Entry struct {
	Key  string
	Frag string
	// words: for each distinct folded word of the page, in order, the
	// word, a 0 byte, the number of postings, and per posting the section
	// (+1; 0 is the title) and the weight, as uvarints.
	words []byte
	// keys are words' postings counted by shard key (keyCounts), so that
	// an entry added again (serve's Engine keeps entries across rebuilds)
	// is not read again; a spilling Add drops them from the index's own
	// copy.
	keys []keyCount
	// lent: words and keys are a WordBuf's (PrepareArticleLent).
	lent bool
}

// Index collects the pages of one locale; Add is safe for concurrent use.
type Index struct {
	lang    string
	stem    func(string) string
	mu      sync.Mutex
	entries []Entry
	// counts, once the index spills, are the postings of the entries'
	// words by shard key (packKey), counted as they are added, for the
	// plan of Write; an index that keeps its words counts them in Write.
	counts map[uint64]int
	// spill, when set (Spill), keeps the entries' words in a file: the
	// entries then have none, and spill knows where each one's are.
	spill *spill
	// batch is batchPostings; tests make it small.
	batch int
	// encoded counts the shards encoded (not reused), for tests.
	encoded int
}

// New returns an empty index for a locale (a BCP 47 tag); English and
// Dutch are stemmed, other languages are matched by whole word and prefix.
func New(locale string) *Index {
	return &Index{lang: locale, stem: Stemmer(locale), batch: batchPostings}
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

// FragmentFile returns the file name, under Dir, of the fragment of the
// page at url: named by a hash of the URL, so that it does not depend on
// the other pages.
func FragmentFile(url string) string {
	sum := sha256.Sum256([]byte(url))
	return "p/" + hex.EncodeToString(sum[:6]) + ".json"
}

// Prepare returns the fragment of a page, to be written under Dir at
// e.Frag, and the Entry to Add once it is written. It does not change ix.
func Prepare(p Page) (e Entry, data []byte, err error) {
	return prepare(nil, p)
}

// prepare is Prepare writing the fragment into buf's memory when it is
// large enough.
func prepare(buf []byte, p Page) (e Entry, data []byte, err error) {
	size := len(p.Title) + len(p.URL) + 16
	for _, s := range p.Sections {
		size += len(s.Heading) + len(s.Anchor) + len(s.Text) + 12
	}
	data = appendFragment(slices.Grow(buf[:0], size), p)
	words, keys := encodeWords(p)
	return Entry{Key: p.Key, Frag: FragmentFile(p.URL), words: words, keys: keys}, data, nil
}

// encodeWords records the words of a page with their postings, and
// counts them by shard key (keyCounts).
func encodeWords(p Page) ([]byte, []keyCount) {
	t := wordTables.Get().(*wordTable)
	defer t.release()
	t.countString(p.Title, 0, false)
	t.post(0)
	for i, s := range p.Sections {
		t.countString(s.Heading, i+1, true)
		t.countString(s.Text, i+1, false)
		t.post(i + 1)
	}
	return t.encode()
}

// Add adds a page's entry. A spilling index counts its postings by shard
// key now, as its words leave memory; one that keeps them (serve's Engine,
// which adds every kept page again on each rebuild) counts them only if
// Write needs a new plan.
func (ix *Index) Add(e Entry) {
	if ix.spill == nil {
		if e.lent {
			e.words, e.keys, e.lent = bytes.Clone(e.words), slices.Clone(e.keys), false
		}
		ix.mu.Lock()
		ix.entries = append(ix.entries, e)
		ix.mu.Unlock()
		return
	}
	counts := e.keys
	if counts == nil {
		var arr [64]keyCount
		counts = keyCounts(arr[:0], e.words)
	}
	e.keys, e.lent = nil, false
	ix.mu.Lock()
	for _, c := range counts {
		ix.counts[c.key] += c.n
	}
	ix.spill.add(e.words)
	e.words = nil
	ix.entries = append(ix.entries, e)
	ix.mu.Unlock()
}

// entryCounts returns the postings of entries' words by shard key
// (packKey), as a spilling Add counts them.
func entryCounts(entries []Entry) map[uint64]int {
	counts := map[uint64]int{}
	var arr [64]keyCount
	for _, e := range entries {
		c := e.keys
		if c == nil {
			c = keyCounts(arr[:0], e.words)
		}
		for _, k := range c {
			counts[k.key] += k.n
		}
	}
	return counts
}

// Len returns the number of pages added.
func (ix *Index) Len() int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return len(ix.entries)
}

// meta is the JSON form of the index file.
type meta struct {
	Version int      `json:"v"`
	Lang    string   `json:"lang"`
	Pages   []string `json:"pages"`
	Shards  []string `json:"shards"`
}

// shard is the JSON form of a word shard: per word [word, stem ("" when
// the word is its own stem), postings], postings flattened as page
// (the difference from the previous posting's page), section (-1 for the
// title) and weight.
type shard struct {
	Words [][3]any `json:"w"`
}

// ShardFile returns the file name, under Dir, of the shard that holds
// the words beginning with key.
func ShardFile(key string) string {
	return "w/" + hex.EncodeToString([]byte(key)) + ".json"
}

// shardKeyOf is ShardKey of a word given as bytes.
func shardKeyOf(w []byte) []byte {
	if len(w) >= 2 && w[0] < utf8.RuneSelf && w[1] < utf8.RuneSelf {
		return w[:2]
	}
	n := 0
	for i := 0; i < len(w); {
		if n == 2 {
			return w[:i]
		}
		_, size := utf8.DecodeRune(w[i:])
		i += size
		n++
	}
	return w
}

// ShardKey returns the key of the shard of a folded word: its first two
// characters.
func ShardKey(w string) string {
	n := 0
	for i := range w {
		if n == 2 {
			return w[:i]
		}
		n++
	}
	return w
}

// batchPostings bounds the postings Write decodes at once: the shards are
// written in batches of consecutive keys, so that memory does not grow
// with the site.
const batchPostings = 1 << 18

// Write writes the index file and the word shards, pages ordered by key,
// so that the same site always gives the same bytes; write is given file
// names under Dir, and must not keep the bytes once it returns: an index
// that spills writes its shards from one buffer.
func (ix *Index) Write(write func(name string, data []byte) error) error {
	_, err := ix.WriteAgain(nil, false, write)
	return err
}

// Written is what WriteAgain wrote, for the next WriteAgain of the same
// locale: the pages in order, the words of each, every shard's bytes and
// its postings decoded. A shard depends only on the pages in order and
// their words, so when those are the same for the words of a shard, its
// bytes are too.
type Written struct {
	pages  []string
	words  map[string][]byte
	shards map[string][]byte
	// post are the postings of every shard by word: page, section (-1 for
	// the title) and weight, pages ascending. The next WriteAgain updates
	// them in place, so a Written is used once.
	post map[string]map[string]*[]int32
}

// WriteAgain writes the index as Write does. Given what the previous call
// wrote (prev), when the pages are the same ones it changes only the
// postings of the words whose postings changed and encodes again only
// their shards: a preview that re-renders one page of a large site does
// not decode and encode the whole index. When keep is set it returns what
// it wrote, for the next call (prev is then used up), and write may keep
// the bytes it is given, which never change; else it returns nil, and
// write must not keep them once it returns (Write).
func (ix *Index) WriteAgain(prev *Written, keep bool, write func(name string, data []byte) error) (*Written, error) {
	ix.mu.Lock()
	entries := slices.Clone(ix.entries)
	var counts map[uint64]int
	var spans []span
	var err error
	if ix.spill != nil {
		counts = maps.Clone(ix.counts)
		spans = slices.Clone(ix.spill.spans)
		err = ix.spill.flush()
	}
	ix.mu.Unlock()
	if err != nil {
		return nil, err
	}
	if spans != nil {
		// The entries with where their words are, sorted together.
		order := make([]int, len(entries))
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(a, b int) int { return strings.Compare(entries[a].Key, entries[b].Key) })
		sorted, sortedSpans := make([]Entry, len(entries)), make([]span, len(entries))
		for i, j := range order {
			sorted[i], sortedSpans[i] = entries[j], spans[j]
		}
		entries, spans = sorted, sortedSpans
	} else {
		slices.SortFunc(entries, func(a, b Entry) int { return strings.Compare(a.Key, b.Key) })
	}
	m := meta{Version: Version, Lang: ix.lang, Pages: make([]string, len(entries)), Shards: []string{}}
	for page, e := range entries {
		m.Pages[page] = e.Frag
	}
	if spans != nil {
		if !keep && (prev == nil || prev.post == nil) {
			return nil, ix.writeSpilled(spans, counts, m, write)
		}
		// What is kept for the next call holds every page's words.
		if err := ix.spill.load(entries, spans); err != nil {
			return nil, err
		}
	}
	if prev != nil && prev.post != nil && slices.Equal(prev.pages, m.Pages) {
		return ix.update(prev, entries, m, keep, write)
	}
	if spans == nil {
		counts = entryCounts(entries)
	}
	keys, batches := ix.plan(counts)
	m.Shards = keys
	var w *Written
	if keep {
		w = &Written{pages: m.Pages, words: make(map[string][]byte, len(entries)), shards: make(map[string][]byte, len(keys)),
			post: make(map[string]map[string]*[]int32, len(keys))}
		for _, e := range entries {
			w.words[e.Key] = e.words
		}
	}
	// Words are sorted in each entry and the keys are prefixes of the
	// words, so each batch carries on in every entry where the last one
	// stopped: the entries are decoded once in all.
	cursor := make([]int, len(entries))
	for _, batch := range batches {
		first, last := batch[0], batch[1]
		hi := keys[last]
		shards := map[string]map[string]*[]int32{}
		for page, e := range entries {
			r := reader{b: e.words, at: cursor[page]}
			for {
				at := r.at
				if !r.next() {
					break
				}
				key := shardKeyOf(r.word)
				if string(key) > hi {
					r.at = at
					break
				}
				addPostings(shards, key, int32(page), &r)
			}
			cursor[page] = r.at
		}
		for _, key := range keys[first : last+1] {
			data, err := ix.shardJSON(shards[key])
			if err != nil {
				return nil, err
			}
			if err := write(ShardFile(key), data); err != nil {
				return nil, err
			}
			if w != nil {
				w.shards[key], w.post[key] = data, shards[key]
			}
		}
	}
	data, err := marshal(m)
	if err != nil {
		return nil, err
	}
	return w, write("index.json", data)
}

// plan returns the shard keys, sorted, and the batches they are written
// in: the first and last key of each, so that a batch has at most
// ix.batch postings (or one key); counts are the postings of each key
// (packKey).
func (ix *Index) plan(counts map[uint64]int) (keys []string, batches [][2]int) {
	// packKey keeps the order of the keys.
	packed := slices.Sorted(maps.Keys(counts))
	keys = make([]string, len(packed))
	for i, k := range packed {
		keys[i] = unpackKey(k)
	}
	for first := 0; first < len(keys); {
		last, total := first, counts[packed[first]]
		for last+1 < len(keys) && total+counts[packed[last+1]] <= ix.batch {
			last++
			total += counts[packed[last]]
		}
		batches = append(batches, [2]int{first, last})
		first = last + 1
	}
	return keys, batches
}

// update writes the index of the same pages as prev, whose postings it
// updates in place for the pages whose words changed.
func (ix *Index) update(prev *Written, entries []Entry, m meta, keep bool, write func(name string, data []byte) error) (*Written, error) {
	touched := map[string]bool{}
	for page, e := range entries {
		old := prev.words[e.Key]
		if bytes.Equal(old, e.words) {
			continue
		}
		changedPostings(old, e.words, func(word, is []byte) {
			key := string(shardKeyOf(word))
			touched[key] = true
			sh := prev.post[key]
			if sh == nil {
				sh = map[string]*[]int32{}
				prev.post[key] = sh
			}
			flat := sh[string(word)]
			if flat == nil {
				flat = new([]int32)
				sh[string(word)] = flat
			}
			*flat = replacePage(*flat, int32(page), is)
			if len(*flat) == 0 {
				delete(sh, string(word))
				if len(sh) == 0 {
					delete(prev.post, key)
				}
			}
		})
		prev.words[e.Key] = e.words
	}
	keys := slices.Sorted(maps.Keys(prev.post))
	m.Shards = keys
	shards := make(map[string][]byte, len(keys))
	for _, key := range keys {
		data, ok := prev.shards[key]
		if !ok || touched[key] {
			var err error
			if data, err = ix.shardJSON(prev.post[key]); err != nil {
				return nil, err
			}
		}
		if err := write(ShardFile(key), data); err != nil {
			return nil, err
		}
		shards[key] = data
	}
	data, err := marshal(m)
	if err != nil {
		return nil, err
	}
	var w *Written
	if keep {
		w = &Written{pages: m.Pages, words: prev.words, shards: shards, post: prev.post}
	}
	return w, write("index.json", data)
}

// replacePage returns flat with the postings of page replaced by those
// encoded in is (section+1 and weight, as uvarints); flat's pages are
// ascending.
func replacePage(flat []int32, page int32, is []byte) []int32 {
	lo := sort.Search(len(flat)/3, func(i int) bool { return flat[3*i] >= page }) * 3
	hi := lo
	for hi < len(flat) && flat[hi] == page {
		hi += 3
	}
	var add []int32
	for r := (reader{b: is}); r.at < len(r.b); {
		sec, weight := r.posting()
		add = append(add, page, int32(sec)-1, int32(weight))
	}
	return slices.Replace(flat, lo, hi, add...)
}

// changedPostings calls changed with every word whose postings differ
// between two encodings of a page's words (both sorted by word), with the
// postings it has (is), nil when the word is no longer on the page: an
// edit of one paragraph changes a few words, and only their shards.
func changedPostings(a, b []byte, changed func(word, is []byte)) {
	ra, rb := reader{b: a}, reader{b: b}
	// entry returns the next word and the bytes of its postings, which
	// follow their count (so equal bytes mean an equal count too).
	entry := func(r *reader) (word, postings []byte, ok bool) {
		if !r.next() {
			return nil, nil, false
		}
		word = r.word
		at := r.at
		r.skip()
		return word, r.b[at:r.at], true
	}
	wa, pa, oka := entry(&ra)
	wb, pb, okb := entry(&rb)
	for oka || okb {
		switch c := compareWords(wa, oka, wb, okb); {
		case c < 0:
			changed(wa, nil)
			wa, pa, oka = entry(&ra)
		case c > 0:
			changed(wb, pb)
			wb, pb, okb = entry(&rb)
		default:
			if !bytes.Equal(pa, pb) {
				changed(wa, pb)
			}
			wa, pa, oka = entry(&ra)
			wb, pb, okb = entry(&rb)
		}
	}
}

// compareWords orders two words of changedPostings, a missing one last.
func compareWords(a []byte, oka bool, b []byte, okb bool) int {
	switch {
	case !okb:
		return -1
	case !oka:
		return 1
	}
	return bytes.Compare(a, b)
}

// shardJSON encodes the words of one shard, sorted, each page number as
// the difference from the posting before: the JSON of a shard, written
// directly rather than through encoding/json's reflection, which a
// rebuild of a large site would spend most of its time in.
func (ix *Index) shardJSON(words map[string]*[]int32) ([]byte, error) {
	return ix.encodeShard(nil, mapShard{slices.Sorted(maps.Keys(words)), words})
}

// shardSource gives the words of a shard, in order, with their postings.
type shardSource interface {
	len() int
	// word returns the i-th word and its number of postings.
	word(i int) (w string, postings int)
	// appendPostings appends the i-th word's postings as a shard has
	// them, without the brackets.
	appendPostings(buf []byte, i int) []byte
}

// mapShard are the words of a shard as Written.post has them, sorted.
type mapShard struct {
	sorted []string
	words  map[string]*[]int32
}

func (s mapShard) len() int { return len(s.sorted) }

func (s mapShard) word(i int) (string, int) {
	return s.sorted[i], len(*s.words[s.sorted[i]]) / 3
}

func (s mapShard) appendPostings(buf []byte, i int) []byte {
	flat := *s.words[s.sorted[i]]
	prev := int32(0)
	for j := 0; j < len(flat); j += 3 {
		buf = appendPosting(buf, j == 0, flat[j]-prev, flat[j+1], flat[j+2])
		prev = flat[j]
	}
	return buf
}

// appendPosting appends a posting of a shard: the page (as the difference
// from the one before), the section and the weight.
func appendPosting(buf []byte, first bool, page, section, weight int32) []byte {
	// At most 3 numbers of 11 bytes and 3 commas, written in place.
	n := len(buf)
	buf = slices.Grow(buf, 36)
	b := buf[n : n+36]
	at := 0
	if !first {
		b[0] = ','
		at = 1
	}
	at += putInt(b[at:], page)
	b[at] = ','
	at++
	at += putInt(b[at:], section)
	b[at] = ','
	at++
	at += putInt(b[at:], weight)
	return buf[:n+at]
}

// putInt writes v in decimal at the start of b (which has room for 11
// bytes), as strconv.AppendInt does, returning the bytes written.
func putInt(b []byte, v int32) int {
	switch {
	case uint32(v) < 10:
		b[0] = byte('0' + v)
		return 1
	case uint32(v) < 100:
		_ = b[1]
		b[0], b[1] = byte('0'+v/10), byte('0'+v%10)
		return 2
	case uint32(v) < 10000:
		if v < 1000 {
			_ = b[2]
			b[0], b[1], b[2] = byte('0'+v/100), byte('0'+v/10%10), byte('0'+v%10)
			return 3
		}
		_ = b[3]
		b[0], b[1], b[2], b[3] = byte('0'+v/1000), byte('0'+v/100%10), byte('0'+v/10%10), byte('0'+v%10)
		return 4
	case v == -1: // the title's section
		_ = b[1]
		b[0], b[1] = '-', '1'
		return 2
	}
	return copy(b, strconv.AppendInt(b[:0:len(b)], int64(v), 10))
}

// smallInts are the numbers -1 to 999 in decimal followed by a comma (at
// most 4 bytes, little-endian in the low 32 bits), with their length in
// the high 32 bits: putIntComma's table.
var smallInts = func() (t [1001]uint64) {
	for i := range t {
		s := strconv.Itoa(i-1) + ","
		var b [8]byte
		copy(b[:], s)
		b[4] = byte(len(s))
		t[i] = binary.LittleEndian.Uint64(b[:])
	}
	return t
}()

// putIntComma writes v in decimal and a comma at the start of b (which
// has room for 12 bytes), returning the bytes written.
func putIntComma(b []byte, v int32) int {
	if uint32(v+1) < uint32(len(smallInts)) {
		return putSmallInt(b, v)
	}
	n := putInt(b, v)
	b[n] = ','
	return n + 1
}

// putSmallInt is putIntComma for v from -1 to 999 (smallInts), which
// writes 4 bytes.
func putSmallInt(b []byte, v int32) int {
	e := smallInts[uint32(v+1)]
	binary.LittleEndian.PutUint32(b, uint32(e))
	return int(e >> 32)
}

// encodeShard encodes the words of one shard, as shardJSON does, into
// buf's memory when it is large enough (buf's bytes are overwritten).
func (ix *Index) encodeShard(buf []byte, words shardSource) ([]byte, error) {
	ix.encoded++
	size := 0
	for i := range words.len() {
		w, n := words.word(i)
		size += 2*len(w) + 12*n + 10
	}
	buf = slices.Grow(buf[:0], size+8)
	buf = append(buf, `{"w":[`...)
	for i := range words.len() {
		w, _ := words.word(i)
		st := ix.stem(w)
		if st == w {
			st = ""
		}
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, '[')
		var err error
		if buf, err = appendJSONString(buf, w); err != nil {
			return nil, err
		}
		buf = append(buf, ',')
		if buf, err = appendJSONString(buf, st); err != nil {
			return nil, err
		}
		buf = append(buf, ",["...)
		buf = words.appendPostings(buf, i)
		buf = append(buf, "]]"...)
	}
	buf = append(buf, "]}"...)
	return buf, nil
}

// appendJSONString appends s as marshal encodes it: as it is, quoted,
// when no character needs escaping (a folded word, made of letters and
// digits only), else through encoding/json.
func appendJSONString(buf []byte, s string) ([]byte, error) {
	plain := utf8.ValidString(s)
	for i := 0; plain && i < len(s); i++ {
		c := s[i]
		plain = c >= 0x20 && c != '"' && c != '\\' && c != 0x7f &&
			// U+2028 and U+2029, which encoding/json escapes
			!(c == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xa8 || s[i+2] == 0xa9))
	}
	if plain {
		buf = append(buf, '"')
		buf = append(buf, s...)
		return append(buf, '"'), nil
	}
	data, err := marshal(s)
	if err != nil {
		return nil, err
	}
	return append(buf, data...), nil
}

// reader decodes an Entry's words.
type reader struct {
	b    []byte
	at   int
	word []byte // in b
	n    int    // postings of word
}

// next reads the next word and its number of postings, which must then
// be read by posting or skipped.
func (r *reader) next() bool {
	if r.at >= len(r.b) {
		return false
	}
	end := bytes.IndexByte(r.b[r.at:], 0)
	r.word = r.b[r.at : r.at+end]
	r.at += end + 1
	n, k := binary.Uvarint(r.b[r.at:])
	r.at += k
	r.n = int(n)
	return true
}

func (r *reader) posting() (section, weight int) {
	// Sections and weights are mostly below 128: a byte each.
	if at := r.at; at+1 < len(r.b) && r.b[at]|r.b[at+1] < 0x80 {
		r.at += 2
		return int(r.b[at]), int(r.b[at+1])
	}
	s, k1 := binary.Uvarint(r.b[r.at:])
	w, k2 := binary.Uvarint(r.b[r.at+k1:])
	r.at += k1 + k2
	return int(s), int(w)
}

func (r *reader) skip() {
	// When every number is a byte, the postings are the next 2n bytes.
	if end := r.at + 2*r.n; end <= len(r.b) && oneByteUvarints(r.b[r.at:end]) {
		r.at = end
		return
	}
	for range r.n {
		r.posting()
	}
}

// oneByteUvarints reports whether every byte of b is a whole uvarint.
func oneByteUvarints(b []byte) bool {
	for len(b) >= 8 {
		if binary.LittleEndian.Uint64(b)&0x8080808080808080 != 0 {
			return false
		}
		b = b[8:]
	}
	var or byte
	for _, c := range b {
		or |= c
	}
	return or < 0x80
}

func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// Words returns the folded words of a text, as the index and the script
// find them: runs of letters and digits.
func Words(text string) []string {
	var out []string
	eachWord(text, func(w string) { out = append(out, w) })
	return out
}

// eachWord calls f with each folded word of text in order, as Words
// returns them, without collecting them: the words of ASCII text that is
// already lower case are substrings of it, not copies.
func eachWord(text string, f func(string)) {
	var buf []byte
	for i := 0; ; {
		sub, folded, end := nextWord(text, i, buf[:0])
		if end < 0 {
			return
		}
		if sub == "" {
			buf = folded
			sub = string(folded)
		}
		f(sub)
		i = end
	}
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
	var arr [64]byte
	b := arr[:0]
	for _, r := range w {
		b = utf8.AppendRune(b, foldRune(r))
	}
	return string(b)
}

// keyCount is the number of postings of a shard key (packKey).
type keyCount struct {
	key uint64
	n   int
}

// keyCounts appends to counts the postings of each shard key of an
// entry's words, in the order of the keys.
func keyCounts(counts []keyCount, words []byte) []keyCount {
	for r := (reader{b: words}); r.next(); {
		k := packKey(shardKeyOf(r.word))
		if n := len(counts); n > 0 && counts[n-1].key == k {
			counts[n-1].n += r.n
		} else {
			counts = append(counts, keyCount{k, r.n})
		}
		r.skip()
	}
	return counts
}

// packKey packs a shard key into a number: its bytes, big-endian, then
// zeros. A key has at most two characters of at most four bytes and no 0
// byte (a folded word has none), so keys and their numbers are in the
// same order.
func packKey(key []byte) uint64 {
	var b [8]byte
	copy(b[:], key)
	return binary.BigEndian.Uint64(b[:])
}

// unpackKey returns the key packKey packed.
func unpackKey(k uint64) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], k)
	n := 8
	for n > 0 && b[n-1] == 0 {
		n--
	}
	return string(b[:n])
}

// addPostings adds the postings of the word r is at, on page, to the
// flattened postings of its shard (key) in shards.
func addPostings(shards map[string]map[string]*[]int32, key []byte, page int32, r *reader) {
	sh := shards[string(key)]
	if sh == nil {
		sh = map[string]*[]int32{}
		shards[string(key)] = sh
	}
	flat := sh[string(r.word)]
	if flat == nil {
		flat = new([]int32)
		sh[string(r.word)] = flat
	}
	for range r.n {
		sec, weight := r.posting()
		*flat = append(*flat, page, int32(sec)-1, int32(weight))
	}
}
