package icons

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	_ "embed" // the icon pack
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"
)

// The icon pack holds the complete icon sets and Twemoji, so that every
// site can use any of their icons without npm (cmd/iconsync writes it from
// the pinned packages). It is a zip archive whose entries are
//
//	VERSIONS                 the packages it was made from
//	<set>/LICENSE…           each package's licence
//	<set>/chunks/<first>     icons <first>… of <set>, up to the next chunk
//
// A chunk is a run of records "name NUL svg NUL", names sorted, each SVG
// already passed through Clean. Icons are packed into chunks of about
// ChunkSize bytes and each chunk is deflated as one entry: small SVGs of
// one set share most of their text, which a chunk compresses together
// (one zip entry per SVG would cost ~120 bytes of headers each and
// compress every file on its own). Finding an icon reads the zip's
// directory once and inflates one chunk.
//
//go:embed icons.zip
var packData []byte

// Emoji is the set name of Twemoji in the pack; its names are the
// codepoints in lower-case hex joined by "-", as Twemoji's files are named.
const Emoji = "twemoji"

// ChunkSize is the uncompressed size a chunk of the pack is filled to.
const ChunkSize = 16 << 10

// maxChunk bounds what reading a chunk may allocate.
const maxChunk = 1 << 20

// pack is an opened icon pack: the chunks of each set, sorted by their
// first name. It does not change once opened.
type pack struct {
	sets map[string][]chunk
}

type chunk struct {
	first string
	file  *zip.File
}

func openPack(data []byte) (*pack, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	p := &pack{sets: map[string][]chunk{}}
	for _, f := range zr.File {
		set, first, ok := strings.Cut(f.Name, "/chunks/")
		if !ok {
			continue
		}
		p.sets[set] = append(p.sets[set], chunk{first, f})
	}
	for _, cs := range p.sets {
		slices.SortFunc(cs, func(a, b chunk) int { return strings.Compare(a.first, b.first) })
	}
	return p, nil
}

// lookup returns the cleaned SVG of name in set.
func (p *pack) lookup(set, name string) ([]byte, bool, error) {
	cs := p.sets[set]
	i := sort.Search(len(cs), func(i int) bool { return cs[i].first > name }) - 1
	if i < 0 {
		return nil, false, nil
	}
	b, err := readChunk(cs[i].file)
	if err != nil {
		return nil, false, err
	}
	var found []byte
	err = records(b, func(n, svg []byte) bool {
		if string(n) == name {
			found = svg
			return false
		}
		return true
	})
	return found, found != nil, err
}

// names calls fn with every name of set.
func (p *pack) names(set string, fn func(string)) error {
	for _, c := range p.sets[set] {
		b, err := readChunk(c.file)
		if err != nil {
			return err
		}
		if err := records(b, func(n, _ []byte) bool { fn(string(n)); return true }); err != nil {
			return err
		}
	}
	return nil
}

func readChunk(f *zip.File) ([]byte, error) {
	r, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	b, err := io.ReadAll(io.LimitReader(r, maxChunk))
	if err != nil {
		return nil, fmt.Errorf("icon pack %s: %w", f.Name, err)
	}
	return b, nil
}

// records calls fn with each record of a chunk until it returns false.
func records(b []byte, fn func(name, svg []byte) bool) error {
	for len(b) > 0 {
		name, rest, ok1 := bytes.Cut(b, []byte{0})
		svg, rest, ok2 := bytes.Cut(rest, []byte{0})
		if !ok1 || !ok2 {
			return errors.New("icon pack: truncated chunk")
		}
		if !fn(name, svg) {
			return nil
		}
		b = rest
	}
	return nil
}

// PackWriter writes an icon pack.
type PackWriter struct {
	zw *zip.Writer
}

// NewPackWriter returns a writer of an icon pack to w; Close finishes it.
func NewPackWriter(w io.Writer) *PackWriter {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestCompression)
	})
	return &PackWriter{zw}
}

// File adds a file (VERSIONS, a licence) as it is.
func (p *PackWriter) File(name string, data []byte) error {
	w, err := p.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// Set adds the icons of a set, by name; each SVG must already be cleaned.
func (p *PackWriter) Set(set string, icons map[string][]byte) error {
	names := make([]string, 0, len(icons))
	for n := range icons {
		if n == "" || strings.ContainsRune(n, 0) || bytes.IndexByte(icons[n], 0) >= 0 {
			return fmt.Errorf("%s: bad icon name or SVG %q", set, n)
		}
		names = append(names, n)
	}
	slices.Sort(names)
	var buf bytes.Buffer
	first := ""
	flush := func() error {
		if buf.Len() == 0 {
			return nil
		}
		err := p.File(set+"/chunks/"+first, buf.Bytes())
		buf.Reset()
		return err
	}
	for _, n := range names {
		if buf.Len() == 0 {
			first = n
		}
		buf.WriteString(n)
		buf.WriteByte(0)
		buf.Write(icons[n])
		buf.WriteByte(0)
		if buf.Len() >= ChunkSize {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// Close finishes the pack.
func (p *PackWriter) Close() error { return p.zw.Close() }

// lazyPack is a pack opened on first use.
type lazyPack struct {
	once sync.Once
	data []byte
	p    *pack
	err  error
}

func (l *lazyPack) get() (*pack, error) {
	if l == nil {
		return &pack{}, nil
	}
	l.once.Do(func() { l.p, l.err = openPack(l.data) })
	return l.p, l.err
}
