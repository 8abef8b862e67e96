package search

import (
	"bytes"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// oldWriteIndex writes an index the plainest way, through encoding/json:
// every page's words decoded at once, by shard key and word, the oracle
// of Write (in memory and spilled) and WriteAgain.
func oldWriteIndex(lang string, entries []Entry) map[string][]byte {
	entries = slices.Clone(entries)
	slices.SortFunc(entries, func(a, b Entry) int { return strings.Compare(a.Key, b.Key) })
	stem := Stemmer(lang)
	shards := map[string]map[string][]int32{}
	m := meta{Version: Version, Lang: lang, Pages: []string{}, Shards: []string{}}
	for page, e := range entries {
		m.Pages = append(m.Pages, e.Frag)
		for r := (reader{b: e.words}); r.next(); {
			key := ShardKey(string(r.word))
			if shards[key] == nil {
				shards[key] = map[string][]int32{}
			}
			for range r.n {
				sec, weight := r.posting()
				shards[key][string(r.word)] = append(shards[key][string(r.word)], int32(page), int32(sec)-1, int32(weight))
			}
		}
	}
	files := map[string][]byte{}
	for _, key := range slices.Sorted(maps.Keys(shards)) {
		m.Shards = append(m.Shards, key)
		var s shard
		s.Words = [][3]any{}
		for _, w := range slices.Sorted(maps.Keys(shards[key])) {
			st := stem(w)
			if st == w {
				st = ""
			}
			flat := slices.Clone(shards[key][w])
			for i := len(flat) - 3; i > 0; i -= 3 {
				flat[i] -= flat[i-3]
			}
			s.Words = append(s.Words, [3]any{w, st, flat})
		}
		data, err := oldMarshal(s)
		if err != nil {
			panic(err)
		}
		files[ShardFile(key)] = data
	}
	data, err := oldMarshal(m)
	if err != nil {
		panic(err)
	}
	files["index.json"] = data
	return files
}

// TestWriteOracle compares the index files Write writes, in memory and
// spilled, in batches of every size, with oldWriteIndex's, on the
// corpus's pages in both languages.
func TestWriteOracle(t *testing.T) {
	docs := allDocs(t)
	for _, lang := range []string{"en", "nl", "fr"} {
		var entries []Entry
		for i, d := range docs {
			if i%3 == 2 && lang != "fr" {
				continue // not every page in every language
			}
			e, _, err := Prepare(Page{Key: d.name, Title: d.title, URL: "/" + lang + "/" + d.name + "/", Sections: Extract(d.title, d.article)})
			if err != nil {
				t.Fatal(err)
			}
			entries = append(entries, e)
		}
		want := oldWriteIndex(lang, entries)
		if len(want) < 100 {
			t.Fatalf("%s: only %d files", lang, len(want))
		}
		for _, tt := range []struct {
			name  string
			batch int
			spill bool
		}{
			{"memory", batchPostings, false},
			{"memory, small batches", 1000, false},
			{"spilled", batchPostings, true},
			{"spilled, batch per shard", 1, true},
			{"spilled, small batches", 1000, true},
		} {
			ix := New(lang)
			ix.batch = tt.batch
			if tt.spill {
				ix.Spill(&memFile{})
			}
			// Added in another order than the pages'.
			for i := len(entries) - 1; i >= 0; i-- {
				ix.Add(entries[i])
			}
			got := written(t, ix)
			for name, data := range want {
				if !bytes.Equal(got[name], data) {
					t.Errorf("%s, %s: %s\n got %.300s\nwant %.300s", lang, tt.name, name, got[name], data)
				}
			}
			for name := range got {
				if _, ok := want[name]; !ok {
					t.Errorf("%s, %s: %s written, not in the oracle's", lang, tt.name, name)
				}
			}
		}
	}
}

// BenchmarkWriteSpilled writes the index of 1,000 pages kept in a file,
// as the build does at its end.
func BenchmarkWriteSpilled(b *testing.B) { benchmarkWriteSpilled(b, 500) }

// BenchmarkWriteSpilled5000 is BenchmarkWriteSpilled on about 5,000
// pages, a locale of the 10,002-page build.
func BenchmarkWriteSpilled5000(b *testing.B) { benchmarkWriteSpilled(b, 3300) }

func benchmarkWriteSpilled(b *testing.B, pages int) {
	docs := generatedDocs(b, pages)
	b.Logf("%d pages", len(docs))
	f, err := os.Create(filepath.Join(b.TempDir(), "scratch"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	ix := New("en")
	ix.Spill(f)
	for _, d := range docs {
		e, _, err := Prepare(Page{Key: d.name, Title: d.title, URL: "/" + d.name + "/", Sections: Extract(d.title, d.article)})
		if err != nil {
			b.Fatal(err)
		}
		ix.Add(e)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := ix.Write(func(string, []byte) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}

// TestAddCounts: the postings Add counts by shard key, which plan the
// batches of Write (and so its memory), are those of the pages' words.
func TestAddCounts(t *testing.T) {
	pages := randomPages(100)
	for _, spillAt := range []int{-1, 0, 40} {
		ix := New("en")
		want := map[string]int{}
		for i, p := range pages {
			if i == spillAt {
				ix.Spill(&memFile{})
			}
			e, _, err := Prepare(p)
			if err != nil {
				t.Fatal(err)
			}
			for r := (reader{b: e.words}); r.next(); r.skip() {
				want[ShardKey(string(r.word))] += r.n
			}
			ix.Add(e)
		}
		counts := ix.counts // a spilling index counts as pages are added
		if ix.spill == nil {
			counts = entryCounts(ix.entries) // as Write counts the others
		}
		got := map[string]int{}
		for k, n := range counts {
			got[unpackKey(k)] += n
		}
		if !maps.Equal(got, want) || len(want) < 10 {
			t.Errorf("spilled at %d: counts\n got %v\nwant %v", spillAt, got, want)
		}
	}
}

// TestPackKey: packKey keeps the order of shard keys and unpackKey undoes
// it.
func TestPackKey(t *testing.T) {
	keys := []string{"", "0", "09", "a", "a0", "ab", "az", "b", "é", "éa", "éé", "ü", "中", "中文", "\U0010ffff\U0010ffff"}
	for i, k := range keys {
		if got := unpackKey(packKey([]byte(k))); got != k {
			t.Errorf("unpackKey(packKey(%q)) = %q", k, got)
		}
		for _, l := range keys[i+1:] {
			if packKey([]byte(k)) >= packKey([]byte(l)) {
				t.Errorf("packKey(%q) >= packKey(%q)", k, l)
			}
		}
	}
}

// TestAppendPosting compares appendPosting with strconv, for numbers of
// every length, at the end of buffers of every spare capacity.
func TestAppendPosting(t *testing.T) {
	values := []int32{0, 1, 9, 10, 42, 99, 100, 101, 999, 1000, 4567, 9999, 10000, 12345, -1, -9, -10, -100, math.MaxInt32, math.MinInt32}
	for i, page := range values {
		section, weight := values[(i+5)%len(values)], values[(i+11)%len(values)]
		for spare := range 40 {
			for _, first := range []bool{true, false} {
				buf := append(make([]byte, 0, 3+spare), "x,y"...)
				want := "x,y"
				if !first {
					want += ","
				}
				want += strconv.Itoa(int(page)) + "," + strconv.Itoa(int(section)) + "," + strconv.Itoa(int(weight))
				if got := string(appendPosting(buf, first, page, section, weight)); got != want {
					t.Errorf("appendPosting(%v, %d, %d, %d) = %q, want %q", first, page, section, weight, got, want)
				}
			}
		}
	}
}

// BenchmarkIndexPages extracts and prepares 100 pages of the corpus (both
// locales), as the build does for every page it renders.
func BenchmarkIndexPages(b *testing.B) {
	docs := generatedDocs(b, 50)
	size := 0
	for _, d := range docs {
		size += len(d.article)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			if _, _, err := Prepare(Page{Key: d.name, Title: d.title, URL: "/" + d.name + "/", Sections: Extract(d.title, d.article)}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// FuzzWriteOracle compares the index files of pages of any text, in
// memory and spilled, in batches of any size, with oldWriteIndex's.
func FuzzWriteOracle(f *testing.F) {
	f.Add("Signal and Threema", "Privé berichten, ÉÉN keer", "日本語 text 123", uint16(3))
	f.Add("a b c", "", "\xff\xfe \u2028 ﬁ", uint16(0))
	f.Fuzz(func(t *testing.T, a, b, c string, batch uint16) {
		var entries []Entry
		for i, text := range []string{a, b, c, a + " " + c, b + c} {
			e, _, err := Prepare(Page{Key: fmt.Sprintf("k%d", 5-i), Title: a, URL: fmt.Sprintf("/%d/", i),
				Sections: []Section{{Heading: b, Text: text}, {Heading: c, Anchor: "x", Text: a + text}}})
			if err != nil {
				t.Fatal(err)
			}
			entries = append(entries, e)
		}
		for _, lang := range []string{"en", "nl"} {
			want := oldWriteIndex(lang, entries)
			for _, spill := range []bool{false, true} {
				ix := New(lang)
				ix.batch = int(batch)
				if spill {
					ix.Spill(&memFile{})
					ix.spill.block = 1 + int(batch)%300
				}
				for _, e := range entries {
					ix.Add(e)
				}
				got := written(t, ix)
				if !maps.EqualFunc(got, want, bytes.Equal) {
					t.Errorf("%s, spilled %v: the index differs from the oracle's\n got %q\nwant %q", lang, spill, got, want)
				}
			}
		}
	})
}

// TestPrepareManyWords compares Prepare with the oracle on a page of
// more distinct words than a word table keeps slots for between pages
// (its table grows many times), then on small pages after it.
func TestPrepareManyWords(t *testing.T) {
	var b strings.Builder
	for i := range 3 * maxKeptSlots / 2 {
		fmt.Fprintf(&b, "w%d W%x É%d ", i, i, i%100)
	}
	big := b.String()
	comparePrepare(t, "big", Page{Key: "big", Title: "Big", URL: "/big/", Sections: []Section{{Heading: "Big", Text: big}, {Heading: "Again", Anchor: "a", Text: big[:len(big)/3]}}})
	for i := range 3 {
		comparePrepare(t, "small", Page{Key: "small", Title: "Small", URL: "/small/", Sections: []Section{{Heading: "Small", Text: fmt.Sprintf("w%d w1 W2 small Small", i)}}})
	}
}

// TestPlain8 compares plain8 with a byte by byte test, for every byte at
// every place among plain ones.
func TestPlain8(t *testing.T) {
	plain := func(c byte) bool { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\' }
	for _, bg := range []byte{'a', ' ', '~', '!', '#', '[', ']'} {
		for at := range 8 {
			for c := range 256 {
				b := bytes.Repeat([]byte{bg}, 8)
				b[at] = byte(c)
				if got, want := plainJSON8(le64(string(b))), plain(byte(c)); got != want {
					t.Errorf("plainJSON8(%q) = %v, want %v", b, got, want)
				}
			}
		}
	}
}
