package search

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// memFile is a Scratch in memory.
type memFile struct{ b []byte }

func (f *memFile) WriteAt(p []byte, off int64) (int, error) {
	if end := int(off) + len(p); end > len(f.b) {
		f.b = append(f.b, make([]byte, end-len(f.b))...)
	}
	return copy(f.b[off:], p), nil
}

func (f *memFile) ReadAt(p []byte, off int64) (int, error) {
	if off >= int64(len(f.b)) {
		return 0, io.EOF
	}
	n := copy(p, f.b[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// failFile fails every write.
type failFile struct{ memFile }

func (f *failFile) WriteAt([]byte, int64) (int, error) { return 0, errors.New("disk full") }

// randomPages returns n pages of words drawn from a vocabulary with
// letters of several shards, some of them not ASCII.
func randomPages(n int) []Page {
	vocab := strings.Fields("signal simplex session server secret briar berichten bericht apparaat appareil élan éénmalig privé privacy protocol proton matrix metadata message 日本語 zero zulu 2fa e2ee")
	rng := rand.New(rand.NewPCG(1, 2))
	text := func(k int) string {
		var b strings.Builder
		for range k {
			b.WriteString(vocab[rng.IntN(len(vocab))])
			b.WriteByte(' ')
		}
		return b.String()
	}
	var pages []Page
	for i := range n {
		p := Page{Key: fmt.Sprintf("p%03d.md", (i*37)%n), Title: text(2), URL: fmt.Sprintf("/p/%d/", i)}
		for s := range rng.IntN(4) + 1 {
			p.Sections = append(p.Sections, Section{Heading: text(2), Anchor: fmt.Sprint("s", s), Text: text(rng.IntN(40))})
		}
		pages = append(pages, p)
	}
	return pages
}

// TestSpill: an index that keeps its words in a file writes the same
// bytes as one that keeps them in memory, whatever the batches and the
// size of the file's reads and writes, whether Spill comes before the
// pages or after some, and when written twice.
func TestSpill(t *testing.T) {
	pages := randomPages(200)
	fill := func(ix *Index, spillAt int, f Scratch) {
		for i, p := range pages {
			if i == spillAt {
				ix.Spill(f)
			}
			e, _, err := Prepare(p)
			if err != nil {
				t.Fatal(err)
			}
			ix.Add(e)
		}
	}
	mem := New("nl")
	fill(mem, -1, nil)
	want := written(t, mem)
	if len(want) < 10 {
		t.Fatalf("only %d files", len(want))
	}
	osFile, err := os.Create(filepath.Join(t.TempDir(), "scratch"))
	if err != nil {
		t.Fatal(err)
	}
	defer osFile.Close()
	for _, tt := range []struct {
		name         string
		batch, block int
		spillAt      int
		f            Scratch
	}{
		{"default", batchPostings, spillBuffer, 0, &memFile{}},
		{"os file", batchPostings, spillBuffer, 0, osFile},
		{"batch per shard", 1, spillBuffer, 0, &memFile{}},
		{"small batches, tiny blocks", 50, 1, 0, &memFile{}},
		{"blocks of 100 bytes", 500, 100, 0, &memFile{}},
		{"spilled after 50 pages", 500, 100, 50, &memFile{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ix := New("nl")
			ix.batch = tt.batch
			if tt.spillAt > 0 {
				fill(ix, tt.spillAt, tt.f)
			} else {
				ix.Spill(tt.f)
				ix.spill.block = tt.block
				fill(ix, -1, nil)
			}
			ix.spill.block = tt.block
			for _, e := range ix.entries {
				if e.words != nil {
					t.Fatalf("%s: words kept in memory", e.Key)
				}
			}
			for round := range 2 {
				if got := written(t, ix); !maps.EqualFunc(got, want, bytes.Equal) {
					t.Errorf("round %d: the index differs from the one in memory", round)
				}
			}
		})
	}
}

// TestSpillWriteAgain: an Engine's WriteAgain, which keeps what it wrote,
// works on a spilled index too.
func TestSpillWriteAgain(t *testing.T) {
	pages := randomPages(30)
	mem, spilled := New("en"), New("en")
	spilled.Spill(&memFile{})
	for _, p := range pages {
		e, _, err := Prepare(p)
		if err != nil {
			t.Fatal(err)
		}
		mem.Add(e)
		spilled.Add(e)
	}
	want := written(t, mem)
	var prev *Written
	for round := range 2 {
		got := map[string][]byte{}
		w, err := spilled.WriteAgain(prev, true, func(name string, data []byte) error {
			got[name] = data
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !maps.EqualFunc(got, want, bytes.Equal) {
			t.Errorf("round %d: differs", round)
		}
		prev = w
	}
}

// TestSpillError: a write to the file that fails makes Write fail.
func TestSpillError(t *testing.T) {
	ix := New("en")
	ix.Spill(&failFile{})
	for _, p := range randomPages(5) {
		e, _, err := Prepare(p)
		if err != nil {
			t.Fatal(err)
		}
		ix.Add(e)
	}
	err := ix.Write(func(string, []byte) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("got %v", err)
	}
}

// TestSpillEmpty: an index without pages, or with pages without words,
// is written spilled as in memory.
func TestSpillEmpty(t *testing.T) {
	for _, pages := range [][]Page{nil, {{Key: "a.md", URL: "/a/"}}} {
		mem, spilled := New("en"), New("en")
		spilled.Spill(&memFile{})
		for _, p := range pages {
			e, _, err := Prepare(p)
			if err != nil {
				t.Fatal(err)
			}
			mem.Add(e)
			spilled.Add(e)
		}
		if got, want := written(t, spilled), written(t, mem); !maps.EqualFunc(got, want, bytes.Equal) {
			t.Errorf("%d pages: %q, want %q", len(pages), got, want)
		}
	}
}

// TestPrepareArticleLent: pages prepared into one WordBuf, each added
// before the next is prepared, make the same index as pages prepared
// into memory of their own, whether the index keeps its words in memory
// (Add copies them) or spills them, before the pages or after some; and
// a lent Entry has the words and counts of an owned one.
func TestPrepareArticleLent(t *testing.T) {
	docs := generatedDocs(t, 10)
	own := New("en")
	for _, d := range docs {
		e, _, err := PrepareArticle(nil, d.name, d.title, "/"+d.name, d.article)
		if err != nil {
			t.Fatal(err)
		}
		own.Add(e)
	}
	want := written(t, own)
	for _, spillAt := range []int{-1, 0, 7} {
		t.Run(fmt.Sprint("spill at ", spillAt), func(t *testing.T) {
			ix := New("en")
			var wb WordBuf
			for i, d := range docs {
				if i == spillAt {
					ix.Spill(&memFile{})
				}
				e, frag, err := PrepareArticleLent(nil, &wb, d.name, d.title, "/"+d.name, d.article)
				if err != nil {
					t.Fatal(err)
				}
				w, wfrag, _ := PrepareArticle(nil, d.name, d.title, "/"+d.name, d.article)
				if !e.lent || e.Frag != w.Frag || !bytes.Equal(e.words, w.words) || !slices.Equal(e.keys, w.keys) || !bytes.Equal(frag, wfrag) {
					t.Fatalf("%s: the lent entry differs from the owned one", d.name)
				}
				ix.Add(e)
			}
			for _, e := range ix.entries {
				if e.lent {
					t.Fatalf("%s: a lent entry kept", e.Key)
				}
			}
			if got := written(t, ix); !maps.EqualFunc(got, want, bytes.Equal) {
				t.Errorf("the index differs from the one of owned entries")
			}
		})
	}
}

// TestPutInt compares putInt with strconv.AppendInt, the numbers of a
// shard's postings (the title's section is -1) and the extremes.
func TestPutInt(t *testing.T) {
	var b [11]byte
	for _, v := range []int32{-1, 0, 9, 10, 99, 100, 999, 1000, 9999, 10000, -2, -10, math.MaxInt32, math.MinInt32} {
		if got, want := string(b[:putInt(b[:], v)]), strconv.Itoa(int(v)); got != want {
			t.Errorf("putInt(%d) = %q, want %q", v, got, want)
		}
	}
	for v := int32(-2000); v < 200000; v++ {
		if got := b[:putInt(b[:], v)]; string(got) != strconv.Itoa(int(v)) {
			t.Fatalf("putInt(%d) = %q", v, got)
		}
	}
}
