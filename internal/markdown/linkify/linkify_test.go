package linkify

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// render converts src with goldmark, GFM's strikethrough and tables
// (their triggers share Linkify's) and the given Linkify.
func render(t testing.TB, md goldmark.Markdown, src string) string {
	t.Helper()
	var b bytes.Buffer
	if err := md.Convert([]byte(src), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func pipelines() (ours, theirs goldmark.Markdown) {
	ours = goldmark.New(goldmark.WithExtensions(Extension, extension.Strikethrough, extension.Table))
	theirs = goldmark.New(goldmark.WithExtensions(extension.Linkify, extension.Strikethrough, extension.Table))
	return ours, theirs
}

var cases = []struct {
	name, src, want string
}{
	{"plain text", "no link here, at all.\n", "<p>no link here, at all.</p>\n"},
	{"url", "see https://example.org/a?b=c.\n", `<p>see <a href="https://example.org/a?b=c">https://example.org/a?b=c</a>.</p>` + "\n"},
	{"www", "at www.example.org today\n", `<p>at <a href="http://www.example.org">www.example.org</a> today</p>` + "\n"},
	{"email", "mail me@example.org.\n", `<p>mail <a href="mailto:me@example.org">me@example.org</a>.</p>` + "\n"},
	{"line head", "https://a.org\n", `<p><a href="https://a.org">https://a.org</a></p>` + "\n"},
	{"second line", "first line\nthen www.a.org\n", "<p>first line\nthen <a href=\"http://www.a.org\">www.a.org</a></p>\n"},
	{"first line only", "www.a.org\nno more\n", "<p><a href=\"http://www.a.org\">www.a.org</a>\nno more</p>\n"},
	{"two on a line", "a www.a.org b me@b.org c\n", `<p>a <a href="http://www.a.org">www.a.org</a> b <a href="mailto:me@b.org">me@b.org</a> c</p>` + "\n"},
	{"after emphasis", "*www.a.org* and (https://b.org)\n", `<p><em><a href="http://www.a.org">www.a.org</a></em> and (<a href="https://b.org">https://b.org</a>)</p>` + "\n"},
	{"not a link", "an @ sign, a :// and www without dot\n", "<p>an @ sign, a :// and www without dot</p>\n"},
	{"in a list", "- one\n- two www.a.org\n", "<ul>\n<li>one</li>\n<li>two <a href=\"http://www.a.org\">www.a.org</a></li>\n</ul>\n"},
	{"in a table", "| a | b |\n|---|---|\n| x | me@a.org |\n", "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>x</td>\n<td><a href=\"mailto:me@a.org\">me@a.org</a></td>\n</tr>\n</tbody>\n</table>\n"},
	{"tab padding", ">\twww.a.org\n", "<blockquote>\n<p><a href=\"http://www.a.org\">www.a.org</a></p>\n</blockquote>\n"},
}

func TestLinkify(t *testing.T) {
	ours, theirs := pipelines()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, want := render(t, ours, tc.src), render(t, theirs, tc.src)
			if got != want {
				t.Errorf("ours:\n%s\ngoldmark's:\n%s", got, want)
			}
			if got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestMayLink(t *testing.T) {
	for _, tc := range []struct {
		line string
		want bool
	}{
		{"", false}, {"plain words\n", false}, {"a@b", true}, {"http://", true},
		{"ftp:/x", false}, {"www.", true}, {"WWW.x.org", false}, {"xwww.y", true},
	} {
		if got := MayLink([]byte(tc.line)); got != tc.want {
			t.Errorf("MayLink(%q) = %v, want %v", tc.line, got, tc.want)
		}
	}
}

// edges are texts where the parser's checks could part from goldmark's:
// addresses whose local part is 63, 64 and 65 bytes long, or has a space,
// an '@' after a space, links after every trigger byte, a line with a
// link destination's "://" but no link of Linkify's, "http" without a
// colon, and a tab a container cuts (padding).
var edges = []string{
	"a " + strings.Repeat("x", 63) + "@b.org\n",
	"a " + strings.Repeat("x", 64) + "@b.org\n",
	"a " + strings.Repeat("x", 65) + "@b.org\n",
	"a b c@d.org e f@g.org\n", "a b @c.org d\n", "one two three four x@y.org\n",
	"a(b(c(d@e.org\n", "x*www.a.org* _https://b.org_ ~ftp://c.org~ (me@d.org)\n",
	"see [the site](https://a.org/x) and more words\n", "httpx://a.org http a ftpx:x\n",
	"-\twww.a.org and\tme@b.org\n", "> \t me@x.org \twww.y.org\n",
	"a@b c@d.org\n", "@@ x@@y.org z@w.org\n",
}

func TestLinkifyEdges(t *testing.T) {
	ours, theirs := pipelines()
	for _, src := range edges {
		if got, want := render(t, ours, src), render(t, theirs, src); got != want {
			t.Errorf("%q\nours:\n%s\ngoldmark's:\n%s", src, got, want)
		}
	}
}

// FuzzLinkify checks that the parser finds exactly the links goldmark's
// Linkify finds.
func FuzzLinkify(f *testing.F) {
	for _, tc := range cases {
		f.Add(tc.src)
	}
	for _, s := range edges {
		f.Add(s)
	}
	for _, s := range []string{
		"x www.a.org\tme@b.c\n", "a\\\nwww.b.org\n", "[www.a.org](x) <me@a.org>\n", "~~www.a.org~~ _x@y.z_\n",
		"  \twww.a.org  \n", "* www.a.org\n\n> me@x.org\n", "www.a.org\r\nb@c.d\r\n", "a https://x.org/(a)b) c\n",
	} {
		f.Add(s)
	}
	ours, theirs := pipelines()
	f.Fuzz(func(t *testing.T, src string) {
		if got, want := render(t, ours, src), render(t, theirs, src); got != want {
			t.Fatalf("%q\nours:\n%s\ngoldmark's:\n%s", src, got, want)
		}
	})
}
