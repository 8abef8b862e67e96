package linkref

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

func TestMayDefine(t *testing.T) {
	tests := []struct {
		lines []string
		want  bool
	}{
		{[]string{"[a]: /url\n"}, true},
		{[]string{"   [a]: /url\n"}, true},
		{[]string{"[a\n", "b]: /url\n"}, true},
		{[]string{`[a\]b]: /url` + "\n"}, true},
		{[]string{"[a]"}, true},       // ends the lines: goldmark decides
		{[]string{"\t[a]: /u"}, true}, // a tab: goldmark decides
		{[]string{"[:octicons-home-16: Homepage](https://signal.org/){ .md-button }\n"}, false},
		{[]string{"[a] : /url\n"}, false},
		{[]string{"[[a]]: /url\n"}, false},
		{[]string{`[a\\]b]: /url` + "\n"}, false},
		{[]string{"text [a]: /url\n"}, false},
		{[]string{"[a\n", "b](c)\n"}, false},
		{[]string{"[unclosed\n", "still\n"}, false},
	}
	for _, tt := range tests {
		var src []byte
		segs := text.NewSegments()
		for _, l := range tt.lines {
			segs.Append(text.NewSegment(len(src), len(src)+len(l)))
			src = append(src, l...)
		}
		if got := mayDefine(src, segs); got != tt.want {
			t.Errorf("mayDefine(%q) = %v, want %v", tt.lines, got, tt.want)
		}
	}
}

func TestReplacesGoldmarks(t *testing.T) {
	ts := ParagraphTransformers()
	found := false
	for _, p := range ts {
		if p.Value == parser.LinkReferenceParagraphTransformer {
			t.Error("goldmark's transformer is still in the list")
		}
		found = found || p.Value == Transformer
	}
	if !found || len(ts) != len(parser.DefaultParagraphTransformers()) {
		t.Errorf("transformers = %v", ts)
	}
}

// pair renders src with goldmark's default parser and with the one
// linkref's transformer is in.
func pair(t testing.TB, src string) (want, got string) {
	exts := goldmark.WithExtensions(extension.GFM, extension.Footnote)
	def := goldmark.New(exts)
	ours := goldmark.New(exts, goldmark.WithParser(parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(ParagraphTransformers()...),
	)))
	var a, b bytes.Buffer
	if err := def.Convert([]byte(src), &a); err != nil {
		t.Fatal(err)
	}
	if err := ours.Convert([]byte(src), &b); err != nil {
		t.Fatal(err)
	}
	return a.String(), b.String()
}

var seeds = []string{
	"[a]: /url\n\n[a]\n",
	"[a]: /url 'title'\n[b]: /b\ntext\n\n[a] [b]\n",
	"  [a\nb]: /url\n\n[a b]\n",
	"[a\\]]: /url\n\n[a\\]]\n",
	"[a] : /url\n\n[a]\n",
	"[[a]]: /url\n\n[[a]]\n",
	"[:octicons-home-16: Homepage](https://signal.org/){ .md-button }\n",
	"- [a]: /u\n- [a]\n",
	"> [a]: /u\n\n[a]\n",
	"\t[a]: /u\n\n[a]\n",
	"[foo]\n\n[foo]:\n/url\n",
	"[^1]: note\n\ntext[^1]\n",
	"[a]:\n\n[a]\n",
	"[ ]: /u\n\n[ ]\n",
}

func TestSameHTML(t *testing.T) {
	for _, s := range seeds {
		if want, got := pair(t, s); got != want {
			t.Errorf("%q:\n got %q\nwant %q", s, got, want)
		}
	}
}

// FuzzSameHTML checks that the precheck never changes what goldmark
// makes of a document.
func FuzzSameHTML(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if want, got := pair(t, s); got != want {
			t.Fatalf("%q:\n got %q\nwant %q", s, got, want)
		}
	})
}
