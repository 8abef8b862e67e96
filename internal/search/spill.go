package search

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
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
	for i := range ix.entries {
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

// counts returns the postings of every shard key, reading the entries'
// words in the order they were written, in large reads.
func (sp *spill) counts() (map[string]*int, error) {
	counts := map[string]*int{}
	var block []byte
	size := 4 * sp.block
	for at := int64(0); at < sp.size; {
		n := int(min(sp.size-at, int64(size)))
		var err error
		if block, err = sp.read(block, at, n); err != nil {
			return nil, err
		}
		// An entry may go on in the next block: only its whole words
		// are counted here, a word cut off is read again.
		r := reader{b: block}
		for r.complete() {
			r.next()
			addCount(counts, &r)
			r.skip()
		}
		switch {
		case r.at > 0:
			at += int64(r.at)
			size = 4 * sp.block
		case int64(n) == sp.size-at:
			return nil, errors.New("search index: the words of the pages kept are cut off")
		default:
			size *= 2 // a word longer than a block
		}
	}
	return counts, nil
}

// complete reports whether a whole word with its postings follows in
// r.b, without moving r.
func (r *reader) complete() bool {
	b := r.b[r.at:]
	end := slices.Index(b, 0)
	if end < 0 {
		return false
	}
	b = b[end+1:]
	n, k := binary.Uvarint(b)
	if k <= 0 {
		return false
	}
	b = b[k:]
	for range 2 * n {
		_, k := binary.Uvarint(b)
		if k <= 0 {
			return false
		}
		b = b[k:]
	}
	return true
}

// run is the words of one batch's shards from every page, in page
// order: each word as the page's number (a uvarint) and the word's
// encoding in the page's words, written in chunks.
type run struct {
	buf    []byte
	chunks []span
}

// writeSpilled writes the index as WriteAgain does, the pages (in order)
// having their words at spans in the file: first every page's words are
// read, in page order, and copied into the run of their batch; then the
// shards of each batch are decoded from its run and written.
func (ix *Index) writeSpilled(spans []span, m meta, write func(name string, data []byte) error) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	sp := ix.spill
	counts, err := sp.counts()
	if err != nil {
		return err
	}
	keys, batches := ix.plan(counts)
	m.Shards = keys
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
	var words []byte
	for page, s := range spans {
		if words, err = sp.read(words, s.off, s.n); err != nil {
			return err
		}
		batch := 0
		for r := (reader{b: words}); ; {
			at := r.at
			if !r.next() {
				break
			}
			key := shardKeyOf(r.word)
			for string(key) > keys[batches[batch][1]] {
				batch++
			}
			r.skip()
			run := &runs[batch]
			run.buf = binary.AppendUvarint(run.buf, uint64(page))
			run.buf = append(run.buf, words[at:r.at]...)
			if len(run.buf) >= runBlock {
				if err := flush(run); err != nil {
					return err
				}
			}
		}
	}
	var chunk []byte
	for i, batch := range batches {
		run := &runs[i]
		if len(run.buf) > 0 {
			if err := flush(run); err != nil {
				return err
			}
		}
		run.buf = nil
		shards := map[string]map[string]*[]int32{}
		for _, c := range run.chunks {
			if chunk, err = sp.read(chunk, c.off, c.n); err != nil {
				return err
			}
			for r := (reader{b: chunk}); r.at < len(r.b); {
				page, k := binary.Uvarint(r.b[r.at:])
				r.at += k
				r.next()
				key := shardKeyOf(r.word)
				addPostings(shards, key, int32(page), &r)
			}
		}
		for _, key := range keys[batch[0] : batch[1]+1] {
			data, err := ix.shardJSON(shards[key])
			if err != nil {
				return err
			}
			if err := write(ShardFile(key), data); err != nil {
				return err
			}
		}
	}
	data, err := marshal(m)
	if err != nil {
		return err
	}
	return write("index.json", data)
}
