package search

import (
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"io"
	"slices"
	"strings"
)

// Scratch is a file an index may write and read at will (an unlinked
// file of the build's own): see Spill.
type Scratch interface {
	io.ReaderAt
	io.WriterAt
}

// Spill makes the index keep its pages' words in f rather than in
// memory, until it is written: a build of a large site then holds only
// each page's key and fragment name, and Write reads the words back in
// batches of shards (an external sort: each page's words are read once in
// page order and copied into a run per batch, then each run is read to
// write its shards), so that memory does not grow with the site. The
// bytes written are the same. The words of pages added before are moved
// into f too. Add must not be called while the index is written.
func (ix *Index) Spill(f Scratch) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.spill != nil {
		return
	}
	ix.spill = &spill{f: f, block: spillBuffer}
	ix.counts = entryCounts(ix.entries) // as Add counts from now on
	for i := range ix.entries {
		ix.entries[i].keys = nil
		ix.spill.add(ix.entries[i].words)
		ix.entries[i].words = nil
	}
}

// spillBuffer is how many bytes of words are gathered before they are
// written, and the size of the reads and of a run's chunks.
const spillBuffer = 64 << 10

// spill is the file of an index's words: every entry's, in the order
// they were added, then, while the index is written, the runs of the
// batches.
type spill struct {
	f     Scratch
	block int    // spillBuffer; tests make it small
	buf   []byte // the words added since the last write, at size
	size  int64  // of the entries' words written
	spans []span // of the entries' words, in the order of the entries
	err   error  // of the first write that failed
}

// span is where an entry's words are in the file.
type span struct {
	off int64
	n   int
}

func (sp *spill) add(words []byte) {
	sp.spans = append(sp.spans, span{sp.size + int64(len(sp.buf)), len(words)})
	sp.buf = append(sp.buf, words...)
	if len(sp.buf) >= sp.block {
		_ = sp.flush() // kept in sp.err
	}
}

// flush writes the words gathered.
func (sp *spill) flush() error {
	if sp.err != nil {
		return sp.err
	}
	if len(sp.buf) == 0 {
		return nil
	}
	if _, err := sp.f.WriteAt(sp.buf, sp.size); err != nil {
		sp.err = fmt.Errorf("search index: keeping the words of the pages: %w", err)
		return sp.err
	}
	sp.size += int64(len(sp.buf))
	sp.buf = sp.buf[:0]
	return nil
}

// read returns n bytes of the file at off, in buf when it is large
// enough.
func (sp *spill) read(buf []byte, off int64, n int) ([]byte, error) {
	if cap(buf) < n {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	if n == 0 {
		return buf, nil
	}
	if _, err := sp.f.ReadAt(buf, off); err != nil {
		return nil, fmt.Errorf("search index: reading the words of the pages: %w", err)
	}
	return buf, nil
}

// load reads the words of entries back into them (in memory).
func (sp *spill) load(entries []Entry, spans []span) error {
	for i, s := range spans {
		words, err := sp.read(nil, s.off, s.n)
		if err != nil {
			return err
		}
		entries[i].words = words
	}
	return nil
}

// run is the words of one batch's shards from every page, in page
// order: each word as the page's number (a uvarint) and the word's
// encoding in the page's words, written in chunks.
type run struct {
	buf    []byte
	chunks []span
	// The words (of a page) and the postings in the run.
	words, postings int
}

// writeSpilled writes the index as WriteAgain does, the pages (in order)
// having their words at spans in the file and counts being the postings
// of each shard key: first every page's words are read, in page order,
// and copied into the run of their batch; then the shards of each batch
// are decoded from its run and written.
func (ix *Index) writeSpilled(spans []span, counts map[uint64]int, m meta, write func(name string, data []byte) error) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	sp := ix.spill
	keys, batches := ix.plan(counts)
	m.Shards = keys
	// The last key of each batch, packed.
	lasts := make([]uint64, len(batches))
	for i, b := range batches {
		lasts[i] = packKey([]byte(keys[b[1]]))
	}
	runs := make([]run, len(batches))
	// The runs' buffers take at most about 1 MiB in all.
	runBlock := min(sp.block, max(1<<20/max(len(batches), 1), 4<<10))
	// The runs are written after the entries' words.
	end := sp.size
	flush := func(r *run) error {
		if _, err := sp.f.WriteAt(r.buf, end); err != nil {
			return fmt.Errorf("search index: sorting the words of the pages: %w", err)
		}
		r.chunks = append(r.chunks, span{end, len(r.buf)})
		end += int64(len(r.buf))
		r.buf = r.buf[:0]
		return nil
	}
	var block, words []byte
	var err error
	// The pages were added about in order (by a few workers at once):
	// the words of the next pages are read at once, from the first to
	// the last byte of theirs, up to a block and as long as at least
	// half of the bytes read are theirs.
	blockOff, blockEnd := int64(0), int64(0)
	for page, s := range spans {
		if s.off < blockOff || s.off+int64(s.n) > blockEnd {
			lo, hi, sum := s.off, s.off+int64(s.n), int64(s.n)
			for _, t := range spans[page+1:] {
				l, h := min(lo, t.off), max(hi, t.off+int64(t.n))
				if h-l > int64(sp.block) || h-l > 2*(sum+int64(t.n)) {
					break
				}
				lo, hi, sum = l, h, sum+int64(t.n)
			}
			if block, err = sp.read(block, lo, int(hi-lo)); err != nil {
				return err
			}
			blockOff, blockEnd = lo, hi
		}
		words = block[s.off-blockOff : s.off-blockOff+int64(s.n)]
		batch := 0
		for r := (reader{b: words}); ; {
			at := r.at
			if !r.next() {
				break
			}
			key := packKey(shardKeyOf(r.word))
			for key > lasts[batch] {
				batch++
			}
			run := &runs[batch]
			run.words++
			run.postings += r.n
			r.skip()
			run.buf = binary.AppendUvarint(run.buf, uint64(page))
			run.buf = append(run.buf, words[at:r.at]...)
			if len(run.buf) >= runBlock {
				if err := flush(run); err != nil {
					return err
				}
			}
		}
	}
	var chunk, shardBuf []byte
	var bw batchWords
	size := 0
	for _, r := range runs {
		size = max(size, 3*r.words+2*r.postings)
	}
	bw.arena = make([]int32, 0, size)
	for i, batch := range batches {
		run := &runs[i]
		if len(run.buf) > 0 {
			if err := flush(run); err != nil {
				return err
			}
		}
		run.buf = nil
		bw.reset()
		for _, c := range run.chunks {
			if chunk, err = sp.read(chunk, c.off, c.n); err != nil {
				return err
			}
			for r := (reader{b: chunk}); r.at < len(r.b); {
				page, k := binary.Uvarint(r.b[r.at:])
				r.at += k
				r.next()
				bw.add(int32(page), &r)
			}
		}
		sorted := bw.sorted()
		for _, key := range keys[batch[0] : batch[1]+1] {
			// The words are sorted, so those of a key, which begin
			// with it, come together and in the order of the keys.
			n := 0
			for n < len(sorted) && ShardKey(bw.word(sorted[n])) == key {
				n++
			}
			// write keeps none of the bytes (Write): each shard
			// is encoded into the memory of the one before.
			data, err := ix.encodeShard(shardBuf, batchShard{&bw, sorted[:n]})
			if err != nil {
				return err
			}
			shardBuf = data
			if err := write(ShardFile(key), data); err != nil {
				return err
			}
			sorted = sorted[n:]
		}
	}
	data, err := marshal(m)
	if err != nil {
		return err
	}
	return write("index.json", data)
}

// batchWords are the words of a batch of shards with their postings:
// per word its records in arena, linked in page order, each being the
// index of the next record (-1 after the last), the page, the number of
// postings and per posting the section (-1 for the title) and the weight.
// The words are kept one after the other in text and found through an
// open-addressing table of their hashes, so that a word costs no
// allocation of its own and the records hold no pointers.
type batchWords struct {
	seed maphash.Seed
	// slots: per slot 0 (empty) or the word's index in words plus one;
	// len is a power of two, at least twice len(words).
	slots []int32
	text  []byte
	// all is text as a string, made by sorted once every word is added.
	all   string
	words []batchWord
	arena []int32
	order []int32
}

type batchWord struct {
	off, end    int32  // in text
	hash        uint64 // of the word, which places it in slots
	first, last int32  // records, in arena
	n           int    // postings
}

func (b *batchWords) reset() {
	if b.slots == nil {
		b.seed = maphash.MakeSeed()
	}
	clear(b.slots)
	b.text, b.all, b.words, b.arena = b.text[:0], "", b.words[:0], b.arena[:0]
}

// id returns the index in b.words of a word, adding it when it is new.
func (b *batchWords) id(word []byte) int32 {
	if len(b.slots) < 2*(len(b.words)+1) {
		b.grow()
	}
	h := maphash.Bytes(b.seed, word)
	mask := uint64(len(b.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := b.slots[i]
		if s == 0 {
			id := int32(len(b.words))
			off := int32(len(b.text))
			b.text = append(b.text, word...)
			b.words = append(b.words, batchWord{off: off, end: int32(len(b.text)), hash: h, first: -1, last: -1})
			b.slots[i] = id + 1
			return id
		}
		if w := &b.words[s-1]; w.hash == h && string(b.text[w.off:w.end]) == string(word) {
			return s - 1
		}
	}
}

// grow doubles the slots (at least 1024), placing the words again.
func (b *batchWords) grow() {
	b.slots = make([]int32, max(1024, 2*len(b.slots)))
	mask := uint64(len(b.slots) - 1)
	for id, w := range b.words {
		i := w.hash & mask
		for b.slots[i] != 0 {
			i = (i + 1) & mask
		}
		b.slots[i] = int32(id) + 1
	}
}

// add adds the postings of the word r is at, on page.
func (b *batchWords) add(page int32, r *reader) {
	w := &b.words[b.id(r.word)]
	rec := int32(len(b.arena))
	b.arena = append(b.arena, -1, page, int32(r.n))
	for range r.n {
		sec, weight := r.posting()
		b.arena = append(b.arena, int32(sec)-1, int32(weight))
	}
	if w.last >= 0 {
		b.arena[w.last] = rec
	} else {
		w.first = rec
	}
	w.last = rec
	w.n += r.n
}

// word returns the word id; sorted must have been called.
func (b *batchWords) word(id int32) string {
	w := &b.words[id]
	return b.all[w.off:w.end]
}

// sorted returns the words' indexes, sorted by word.
func (b *batchWords) sorted() []int32 {
	b.all = string(b.text)
	b.order = b.order[:0]
	for i := range b.words {
		b.order = append(b.order, int32(i))
	}
	slices.SortFunc(b.order, func(x, y int32) int { return strings.Compare(b.word(x), b.word(y)) })
	return b.order
}

// batchShard are the words of one shard of a batch (ids, sorted).
type batchShard struct {
	b   *batchWords
	ids []int32
}

func (s batchShard) len() int { return len(s.ids) }

func (s batchShard) word(i int) (string, int) {
	return s.b.word(s.ids[i]), s.b.words[s.ids[i]].n
}

func (s batchShard) appendPostings(buf []byte, i int) []byte {
	arena := s.b.arena
	prev, start := int32(0), len(buf)
	for rec := s.b.words[s.ids[i]].first; rec >= 0; rec = arena[rec] {
		page, n := arena[rec+1], int(arena[rec+2])
		// The record's postings are written in place, each number
		// followed by a comma, in room for the longest (appendPosting);
		// the comma after the last is taken back.
		buf = slices.Grow(buf, 36*n)
		b, at := buf[:cap(buf)], len(buf)
		ps := arena[rec+3 : rec+3+2*int32(n)]
		for j := 0; j+1 < len(ps); j += 2 {
			d, sec, weight := page-prev, ps[j], ps[j+1]
			if uint32(d+1) < uint32(len(smallInts)) && uint32(sec+1) < uint32(len(smallInts)) && uint32(weight+1) < uint32(len(smallInts)) {
				at += putSmallInt(b[at:], d)
				at += putSmallInt(b[at:], sec)
				at += putSmallInt(b[at:], weight)
			} else {
				at += putIntComma(b[at:], d)
				at += putIntComma(b[at:], sec)
				at += putIntComma(b[at:], weight)
			}
			prev = page
		}
		buf = buf[:at]
	}
	if len(buf) > start {
		buf = buf[:len(buf)-1]
	}
	return buf
}
