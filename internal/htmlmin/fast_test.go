package htmlmin

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fastPages are the pages of the tests: hostile, the span page and the
// golden pages of the build.
func fastPages(t testing.TB) [][]byte {
	var pages [][]byte
	for _, p := range hostile {
		pages = append(pages, []byte(p))
	}
	pages = append(pages, []byte(spanPage))
	err := filepath.WalkDir("../build/testdata", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		page, err := os.ReadFile(p)
		pages = append(pages, page)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// fastAgainstSlow compares fast with slow, the path it stands in for,
// at every piece start of page (as slow cuts it), from the piece's
// start and, when fast read its first tag at the end of the piece
// before, from that tag's end; it returns how many bytes fast wrote
// and how many slow did.
func fastAgainstSlow(t testing.TB, x *Minifier, page []byte) (fastBytes, slowBytes int) {
	t.Helper()
	s, f := &state{}, &state{}
	pos, first := 0, -1
	for pos < len(page) {
		s.out = s.out[:0]
		end, next, err := x.slow(s, page, pos)
		if err != nil {
			return // the minifier's error: fast does not write such pieces
		}
		firsts := []int{-1}
		if first >= 0 {
			firsts = append(firsts, first)
		}
		for _, fst := range firsts {
			f.out = append(f.out[:0], "prefix"...)
			fp, ok := x.fast(f, page, pos, fst)
			if !ok {
				if string(f.out) != "prefix" {
					t.Fatalf("at %d of %q: fast wrote %q and gave up", pos, clip(page, 200), f.out)
				}
				continue
			}
			got := f.out[len("prefix"):]
			if fp.end != end || fp.next != next || !bytes.Equal(got, s.out) {
				t.Fatalf("at %d (first %d) of %q:\nfast %d %d %q\nslow %d %d %q", pos, fst, clip(page, 300),
					fp.end, fp.next, got, end, next, s.out)
			}
		}
		fp, ok := x.fast(f, page, pos, -1)
		if ok {
			fastBytes += end - pos
		} else {
			slowBytes += end - pos
		}
		pos, first = end, -1
		if ok && fp.nextFast {
			first = fp.next
		}
	}
	return fastBytes, slowBytes
}

// TestFast: fast writes each piece of the test pages as slow does, or
// leaves it to slow; and it writes the most of the golden pages (a
// fast that left every piece to slow would pass the rest).
func TestFast(t *testing.T) {
	x := New(newM())
	var fastBytes, slowBytes int
	for _, page := range fastPages(t) {
		f, s := fastAgainstSlow(t, x, page)
		fastBytes += f
		slowBytes += s
	}
	if fastBytes < 4*slowBytes {
		t.Errorf("fast wrote %d bytes, slow %d", fastBytes, slowBytes)
	}
}

func FuzzFast(f *testing.F) {
	for _, p := range hostile {
		f.Add([]byte(p))
	}
	f.Add([]byte(spanPage))
	x := New(newM())
	f.Fuzz(func(t *testing.T, page []byte) {
		fastAgainstSlow(t, x, page)
	})
}

// checkScanText compares scanText with textEnd and plainText, which it
// stands in for, at every byte of p.
func checkScanText(t *testing.T, p []byte) {
	t.Helper()
	for i := range p {
		end, plain := scanText(p, i)
		wantEnd := textEnd(p, i+1)
		if want := plainText(p[i:wantEnd]); end != wantEnd || plain != want {
			t.Fatalf("%q at %d: %d %v, want %d %v", p, i, end, plain, wantEnd, want)
		}
	}
}

func TestScanText(t *testing.T) {
	for _, s := range []string{
		"\n<p>", " <b>", "a  b<p>", "a\n b", "a &amp; b<", "a < b <p>", "a </> b", "a </ b", "<<p>", "<",
		"abcdefghijklmnop qrstuvwxyz<p>", "abcdefghijklmno  pqrstuvwxyz", "abcdefghijklmnop  qrstuvwxyz",
		"abcdefghijklmno\tpqrstuvwxyz", "abcdefghijklmno <!-- x -->", "abcdefghijklmn\r<p>", "abcdefghijklmnop ",
		"abcdefghijklmnopqrstuvwxyz &", "abc<?x>", "abc<!x>", "abc</p>", "abc</", "abc</>", "abc<1",
	} {
		checkScanText(t, []byte(s))
	}
	for _, page := range fastPages(t) {
		checkScanText(t, page)
	}
}

func FuzzScanText(f *testing.F) {
	f.Add([]byte("abcdefghijklmno  pqrstuvwxyz<p>"))
	f.Fuzz(checkScanText)
}

// TestAppend: Append writes after what dst holds, in dst's free space
// when it has room, else in a new array, what Minify writes.
func TestAppend(t *testing.T) {
	m := newM()
	x := New(m)
	page := []byte(spanPage)
	var w bytes.Buffer
	if err := x.Minify(&w, page); err != nil {
		t.Fatal(err)
	}
	want := w.Bytes()
	for _, room := range []int{0, 10, len(page) + 10} {
		for range 2 { // the second time from the references
			dst := append(make([]byte, 0, 3+room), "abc"...)
			got, err := x.Append(dst, page)
			if err != nil || string(got[:3]) != "abc" || !bytes.Equal(got[3:], want) {
				t.Fatalf("room %d: %q, %v", room, got, err)
			}
			if inPlace := &got[0] == &dst[0]; inPlace != (room > len(want)) {
				t.Errorf("room %d: in dst's array %v", room, inPlace)
			}
		}
	}
}
