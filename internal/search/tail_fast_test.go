package search

import (
	"bytes"
	"encoding/binary"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// oldPosting and oldSkip are reader.posting and reader.skip before their
// one-byte fast paths: their oracle.
func oldPosting(r *reader) (section, weight int) {
	s, k1 := binary.Uvarint(r.b[r.at:])
	w, k2 := binary.Uvarint(r.b[r.at+k1:])
	r.at += k1 + k2
	return int(s), int(w)
}

func oldSkip(r *reader) {
	for range r.n {
		oldPosting(r)
	}
}

// TestReaderFastPaths compares reader.posting and reader.skip with the
// plain uvarint decoding on words whose numbers take one byte or more
// (127, 128, 300, ...), at every position in the buffer.
func TestReaderFastPaths(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	values := []uint64{0, 1, 5, 126, 127, 128, 129, 255, 300, 16383, 16384, 1 << 30}
	for round := range 2000 {
		var b []byte
		words := rng.IntN(6) + 1
		for w := range words {
			b = append(b, "word"+strconv.Itoa(w)...)
			b = append(b, 0)
			n := rng.IntN(12) + 1
			b = binary.AppendUvarint(b, uint64(n))
			for range 2 * n {
				v := uint64(rng.IntN(8))
				if rng.IntN(4) == 0 {
					v = values[rng.IntN(len(values))]
				}
				b = binary.AppendUvarint(b, v)
			}
		}
		fast, old := reader{b: b}, reader{b: b}
		for w := 0; fast.next(); w++ {
			old.next()
			if w%2 == round%2 {
				fast.skip()
				oldSkip(&old)
			} else {
				for range fast.n {
					s, wt := fast.posting()
					s2, wt2 := oldPosting(&old)
					if s != s2 || wt != wt2 {
						t.Fatalf("round %d: posting (%d, %d), want (%d, %d)", round, s, wt, s2, wt2)
					}
				}
			}
			if fast.at != old.at {
				t.Fatalf("round %d, word %d: at %d, want %d", round, w, fast.at, old.at)
			}
		}
		if old.next() {
			t.Fatalf("round %d: fast reader stopped early", round)
		}
	}
}

// TestOneByteUvarints compares oneByteUvarints with a byte loop, for
// every length up to 20 and a high bit at every place.
func TestOneByteUvarints(t *testing.T) {
	for n := range 21 {
		b := bytes.Repeat([]byte{0x7f}, n)
		if !oneByteUvarints(b) {
			t.Errorf("len %d, no high bit: false", n)
		}
		for i := range n {
			c := slices.Clone(b)
			c[i] = 0x80
			if oneByteUvarints(c) {
				t.Errorf("len %d, high bit at %d: true", n, i)
			}
		}
	}
}

// TestPutIntComma compares putIntComma (and its table) with strconv.
func TestPutIntComma(t *testing.T) {
	var b [12]byte
	for v := int32(-3000); v < 300000; v++ {
		if got, want := string(b[:putIntComma(b[:], v)]), strconv.Itoa(int(v))+","; got != want {
			t.Fatalf("putIntComma(%d) = %q, want %q", v, got, want)
		}
	}
	for _, v := range []int32{math.MaxInt32, math.MinInt32} {
		if got, want := string(b[:putIntComma(b[:], v)]), strconv.Itoa(int(v))+","; got != want {
			t.Errorf("putIntComma(%d) = %q, want %q", v, got, want)
		}
	}
}

// TestBatchShardPostings compares batchShard.appendPostings, which
// writes small numbers from a table, with mapShard.appendPostings
// (appendPosting, through putInt) on postings with numbers of every
// size: page gaps, sections and weights around the table's end.
func TestBatchShardPostings(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	nums := []int{0, 1, 9, 10, 99, 100, 998, 999, 1000, 1001, 12345, 1 << 20}
	num := func() int {
		if rng.IntN(3) == 0 {
			return nums[rng.IntN(len(nums))]
		}
		return rng.IntN(20)
	}
	var bw batchWords
	bw.reset()
	flat := map[string]*[]int32{}
	page := int32(0)
	for range 3000 {
		page += int32(num())
		word := []byte("w" + strconv.Itoa(rng.IntN(40)))
		n := rng.IntN(4) + 1
		var enc []byte
		enc = append(enc, word...)
		enc = append(enc, 0)
		enc = binary.AppendUvarint(enc, uint64(n))
		if flat[string(word)] == nil {
			flat[string(word)] = new([]int32)
		}
		for range n {
			sec, weight := num(), num()
			enc = binary.AppendUvarint(enc, uint64(sec))
			enc = binary.AppendUvarint(enc, uint64(weight))
			*flat[string(word)] = append(*flat[string(word)], page, int32(sec)-1, int32(weight))
		}
		r := reader{b: enc}
		r.next()
		bw.add(page, &r)
	}
	sorted := bw.sorted()
	fast := batchShard{&bw, sorted}
	old := mapShard{slices.Sorted(maps.Keys(flat)), flat}
	if fast.len() != old.len() {
		t.Fatalf("%d words, want %d", fast.len(), old.len())
	}
	for i := range fast.len() {
		got, want := fast.appendPostings([]byte("x"), i), old.appendPostings([]byte("x"), i)
		if !bytes.Equal(got, want) {
			w, _ := old.word(i)
			t.Fatalf("%s: postings\n got %.200s\nwant %.200s", w, got, want)
		}
	}
}

// countingFile is a memFile that counts its reads.
type countingFile struct {
	memFile
	reads int
}

func (f *countingFile) ReadAt(p []byte, off int64) (int, error) {
	f.reads++
	return f.memFile.ReadAt(p, off)
}

// TestSpillReadsInBlocks: when the pages are added in the order of their
// keys (their words follow each other in the file) or about in it (some
// neighbours swapped, as workers add them), writeSpilled reads them in
// blocks, not a page at a time, and writes the same bytes as an index in
// memory, for blocks of every size.
func TestSpillReadsInBlocks(t *testing.T) {
	sorted := randomPages(300)
	slices.SortFunc(sorted, func(a, b Page) int { return strings.Compare(a.Key, b.Key) })
	swapped := slices.Clone(sorted)
	for i := 0; i+1 < len(swapped); i += 3 {
		swapped[i], swapped[i+1] = swapped[i+1], swapped[i]
	}
	for _, pages := range [][]Page{sorted, swapped} {
		testSpillReadsInBlocks(t, pages)
	}
}

func testSpillReadsInBlocks(t *testing.T, pages []Page) {
	fill := func(ix *Index) {
		for _, p := range pages {
			e, _, err := Prepare(p)
			if err != nil {
				t.Fatal(err)
			}
			ix.Add(e)
		}
	}
	mem := New("en")
	fill(mem)
	want := written(t, mem)
	for _, block := range []int{1, 7, 100, 1000, spillBuffer} {
		f := &countingFile{}
		ix := New("en")
		ix.Spill(f)
		ix.spill.block = block
		fill(ix)
		if got := written(t, ix); !maps.EqualFunc(got, want, bytes.Equal) {
			t.Errorf("block %d: the index differs from the one in memory", block)
		}
		// The pages' words take about 20 kB: 4 reads in all with
		// blocks of 64 kB (with the runs' chunks), about 170 with
		// blocks of 1 kB; more than 300 with a read per page.
		if limit := map[int]int{1000: 200, spillBuffer: 10}[block]; limit > 0 && f.reads > limit {
			t.Errorf("block %d: %d reads for %d pages, want at most %d", block, f.reads, len(pages), limit)
		}
	}
}
