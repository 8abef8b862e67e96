package content

import "sync"

// A page is read into a buffer of readBufs, which the page's syntax tree
// and everything loading makes of it points into; Unit.Release, after the
// page's tree and source were dropped, hands the buffer to the next page
// to be read (or to the pre-pass). A page that is never released (a
// draft left out, a unit a command checks without rendering) leaves its
// buffer to the garbage collector.

// readBufs are the buffers pages are read into.
var readBufs = sync.Pool{New: func() any { return new([]byte) }}

// maxReadBuf is the largest buffer kept in readBufs.
const maxReadBuf = 64 << 10

// getReadBuf returns an empty buffer to read a page into.
func getReadBuf() *[]byte { return readBufs.Get().(*[]byte) }

// putReadBuf gives back a buffer no page refers to any more.
func putReadBuf(buf *[]byte) {
	if cap(*buf) <= maxReadBuf {
		readBufs.Put(buf)
	}
}

// poisonReleased is set by the package's tests only: a released page's
// buffer is then overwritten, so that any use of a page's bytes after its
// release changes what a build writes.
var poisonReleased bool

// poison overwrites the whole buffer.
func poison(buf []byte) {
	buf = buf[:cap(buf)]
	for i := range buf {
		buf[i] = '\x7f'
	}
}
