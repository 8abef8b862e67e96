package markdown

import (
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// textWriter is goldmark's html.Writer, which every renderer writes text
// through, with a fast path: text that holds none of the bytes the
// default writer changes (most text) is written as it is, in one call,
// where the default writer reads it byte by byte twice (for escapes and
// references, then for the characters HTML escapes) and writes it in
// pieces. Other text goes to the default writer, so the output is its.
type textWriter struct {
	html.Writer
}

func newTextWriter() textWriter { return textWriter{html.NewWriter()} }

// Bits of the bytes the default writer changes: in RawWrite, NUL and the
// characters HTML escapes; in Write, also the backslash, which may escape
// the byte after it.
const (
	rawSpecial  = 1
	textSpecial = 2
)

var special = func() (t [256]uint8) {
	for _, c := range []byte{0, '"', '&', '<', '>'} {
		t[c] = rawSpecial | textSpecial
	}
	t['\\'] = textSpecial
	return t
}()

// plain reports whether no byte of b has a bit of mask in special.
func plain(b []byte, mask uint8) bool {
	for _, c := range b {
		if special[c]&mask != 0 {
			return false
		}
	}
	return true
}

func (t textWriter) Write(w util.BufWriter, source []byte) {
	if plain(source, textSpecial) {
		_, _ = w.Write(source)
		return
	}
	t.Writer.Write(w, source)
}

func (t textWriter) RawWrite(w util.BufWriter, source []byte) {
	if plain(source, rawSpecial) {
		_, _ = w.Write(source)
		return
	}
	t.Writer.RawWrite(w, source)
}
