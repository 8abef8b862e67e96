package markdown

import (
	"testing"

	"github.com/yuin/goldmark/renderer/html"
)

// writeBoth writes s with the text writer and with goldmark's default
// writer, through Write and RawWrite.
func writeBoth(s string) (ours, theirs [2]string) {
	var bufs [4]Buffer
	w := newTextWriter()
	w.Write(&bufs[0], []byte(s))
	w.RawWrite(&bufs[1], []byte(s))
	html.DefaultWriter.Write(&bufs[2], []byte(s))
	html.DefaultWriter.RawWrite(&bufs[3], []byte(s))
	return [2]string{bufs[0].String(), bufs[1].String()}, [2]string{bufs[2].String(), bufs[3].String()}
}

var textWriterCases = []struct {
	in, write, raw string
}{
	{"", "", ""},
	{"plain words, ünïcode", "plain words, ünïcode", "plain words, ünïcode"},
	{`a "q" <b> & c`, "a &quot;q&quot; &lt;b&gt; &amp; c", "a &quot;q&quot; &lt;b&gt; &amp; c"},
	{`\*not\* \a`, `*not* \a`, `\*not\* \a`},
	{"&amp; &#65; &#x42; &nope;", "&amp; A B &amp;nope;", "&amp;amp; &amp;#65; &amp;#x42; &amp;nope;"},
	{"nul\x00byte", "nul\ufffdbyte", "nul\ufffdbyte"},
}

func TestTextWriter(t *testing.T) {
	for _, tc := range textWriterCases {
		ours, theirs := writeBoth(tc.in)
		if ours != theirs {
			t.Errorf("%q: ours %q, goldmark's %q", tc.in, ours, theirs)
		}
		if ours != [2]string{tc.write, tc.raw} {
			t.Errorf("%q: Write %q, RawWrite %q, want %q, %q", tc.in, ours[0], ours[1], tc.write, tc.raw)
		}
	}
}

// FuzzTextWriter checks that the text writer writes what goldmark's
// default writer writes.
func FuzzTextWriter(f *testing.F) {
	for _, tc := range textWriterCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if ours, theirs := writeBoth(s); ours != theirs {
			t.Fatalf("%q: ours %q, goldmark's %q", s, ours, theirs)
		}
	})
}
