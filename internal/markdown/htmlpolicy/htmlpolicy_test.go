package htmlpolicy

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
)

type buf struct{ bytes.Buffer }

func (b *buf) Flush() error                      { return nil }
func (b *buf) Available() int                    { return 1 << 20 }
func (b *buf) Buffered() int                     { return b.Len() }
func (b *buf) WriteString(s string) (int, error) { return b.Buffer.WriteString(s) }

func TestSafeURL(t *testing.T) {
	for u, want := range map[string]bool{
		"https://signal.org/":        true,
		"http://example.org/a?b=c#d": true,
		"mailto:a@example.org":       true,
		"../img/a.png":               true,
		"#top":                       true,
		"/abs/path/":                 true,
		"HTTPS://EXAMPLE.ORG/":       true,
		"javascript:alert(1)":        false,
		"JavaScript:alert(1)":        false,
		" javascript:alert(1)":       false,
		"java\tscript:alert(1)":      false,
		"vbscript:x":                 false,
		"data:image/png;base64,AAAA": false,
		"data:text/html,<script>":    false,
		"file:///etc/passwd":         false,
		"ftp://example.org/":         false,
		"":                           false,
		"https://a<b/":               true, // url.Parse takes it; the scheme is what matters
		"https://a.org:x/":           false,
		"https://a.org/%zz":          false,
		"https://a.org/ä":            true,
		"a:b":                        false,
		"a/b:c":                      true,
	} {
		if got := SafeURL(u); got != want {
			t.Errorf("SafeURL(%q) = %v, want %v", u, got, want)
		}
		if plainURL(u) && !want {
			t.Errorf("plainURL(%q) accepts an unsafe URL", u)
		}
	}
}

func TestCheckAttr(t *testing.T) {
	p := Default()
	for _, tt := range []struct {
		elem, name, val string
		ok              bool
	}{
		{"img", "src", "a.png", true},
		{"img", "loading", "lazy", true},
		{"p", "loading", "lazy", false},
		{"a", "href", "javascript:x", false},
		{"span", "aria-label", "x", true},
		{"span", "data-kind", "x", true},
		{"span", "data-xmlfoo", "x", false},
		{"span", "onclick", "x", false},
		{"span", "style", "x", false},
		{"details", "open", "", true},
		{"div", "open", "", false},
		{"", "class", "x", true},
		{"", "bad name", "x", false},
	} {
		if ok, _ := p.CheckAttr(tt.elem, tt.name, []byte(tt.val)); ok != tt.ok {
			t.Errorf("CheckAttr(%q, %q, %q) = %v", tt.elem, tt.name, tt.val, ok)
		}
	}
}

func TestNewRefusesForbidden(t *testing.T) {
	for _, a := range []Allow{
		{Elements: []string{"script"}},
		{Elements: []string{"STYLE"}},
		{Elements: []string{"meta"}},
		{Attributes: map[string][]string{"*": {"onclick"}}},
		{Attributes: map[string][]string{"img": {"srcset"}}},
		{Attributes: map[string][]string{"*": {"href"}}},
		{Attributes: map[string][]string{"base": {"target"}}},
		{Attributes: map[string][]string{"div": {"markdown"}}},
	} {
		if _, err := New(a); err == nil {
			t.Errorf("New(%+v) allowed it", a)
		}
	}
}

// TestRenderFloor checks the writer every extension uses: even an
// attribute that no parse-time check saw (set on the node directly) is
// not written when it can never be safe.
func TestRenderFloor(t *testing.T) {
	n := ast.NewLink()
	n.SetAttributeString("class", []byte(`a"b`))
	n.SetAttributeString("onclick", []byte("x()"))
	n.SetAttributeString("OnMouseOver", []byte("x()"))
	n.SetAttributeString("style", []byte("color:red"))
	n.SetAttributeString("href", []byte("https://dup.example/"))
	n.SetAttributeString("src", []byte("javascript:x"))
	n.SetAttributeString("cite", []byte("https://ok.example/"))
	n.SetAttributeString("open", []byte(""))
	n.SetAttributeString("a b", []byte("x"))
	n.SetAttributeString("markdown", []byte("1"))
	n.SetAttribute([]byte("_internal"), &struct{}{})
	var b buf
	RenderAttributes(&b, n, "href")
	if got, want := b.String(), ` class="a&quot;b" cite="https://ok.example/" open`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestFilterAttrs(t *testing.T) {
	raw := []byte(`<div class="c" ONCLICK="x()"  style='a' data-x=1>`)
	attrs := []html.Attribute{{Key: "class", Val: "c"}, {Key: "onclick", Val: "x()"}, {Key: "style", Val: "a"}, {Key: "data-x", Val: "1"}}
	kept, removed := Default().FilterAttrs("div", attrs, raw)
	if len(kept) != 2 || kept[0].Key != "class" || kept[1].Key != "data-x" {
		t.Errorf("kept %v", kept)
	}
	if len(removed) != 2 || removed[0].Offset != 15 || removed[1].Offset != 30 {
		t.Errorf("removed %+v", removed)
	}
}

func TestSanitize(t *testing.T) {
	p := Default()
	for _, tt := range []struct {
		in, out string
		removed []string // "offset msg-prefix"
	}{
		{`<p class="x">a &amp; b</p>`, `<p class="x">a &amp; b</p>`, nil},
		{`<P CLASS=x>a</P>`, `<P CLASS=x>a</P>`, nil},
		{`<!-- note -->`, `<!-- note -->`, nil},
		{`<img src=x onerror=alert(1)>`, `<img src="x">`, []string{"11 attribute onerror"}},
		{`<script>alert(1)</script>ok`, `ok`, []string{"0 <script> removed with its content"}},
		{`</script>`, ``, nil},
		{`<a href="javascript:x">a</a>`, `<a>a</a>`, []string{"3 attribute href"}},
		{`<div class="a`, ``, []string{"0 unfinished tag"}},
		{`<!-- open`, `<!-- open-->`, nil},
		{`<!DOCTYPE html><p>x</p>`, `<p>x</p>`, []string{"0 <!DOCTYPE> removed"}},
		{`<svg><script>x</script></svg>`, ``, []string{"0 <svg> removed", "5 <script> removed"}},
		// Markdown in HTML reads markdown; it is dropped without a word.
		{`<div class="c" markdown="0">*x*</div>`, `<div class="c">*x*</div>`, nil},
		{`<span markdown>x</span>`, `<span>x</span>`, nil},
	} {
		out, removed := p.Sanitize([]byte(tt.in))
		if string(out) != tt.out {
			t.Errorf("Sanitize(%q) = %q, want %q", tt.in, out, tt.out)
		}
		var got []string
		for _, r := range removed {
			got = append(got, r.Msg)
		}
		if len(removed) != len(tt.removed) {
			t.Errorf("Sanitize(%q) removed %q, want %q", tt.in, got, tt.removed)
			continue
		}
		for i, r := range removed {
			off, msg, _ := strings.Cut(tt.removed[i], " ")
			if !strings.HasPrefix(r.Msg, msg) || off != strconv.Itoa(r.Offset) {
				t.Errorf("Sanitize(%q) removal %d = %d %q, want %s", tt.in, i, r.Offset, r.Msg, tt.removed[i])
			}
		}
	}
}

// TestEveryday: the names WriteAttr lets through without never are ones
// never lets through whatever their value, and everyday knows each, in
// either form, and no other name.
func TestEveryday(t *testing.T) {
	everydayNames := []string{"id", "dir", "lang", "class", "title"}
	for _, name := range everydayNames {
		for _, val := range []string{"", "x", "javascript:alert(1)", `"<>`} {
			if never(name, []byte(val)) {
				t.Errorf("never(%q, %q) is true", name, val)
			}
		}
		if !everyday(name) || !everyday([]byte(name)) {
			t.Errorf("everyday(%q) is false", name)
		}
	}
	others := []string{"", "i", "Id", "ID", "idx", "lan", "langs", "clas", "classes", "onclick", "dirs", "markdown"}
	for name := range forbiddenAttributes {
		others = append(others, name)
	}
	for name := range urlAttributes {
		others = append(others, name)
	}
	for _, name := range others {
		if everyday(name) || everyday([]byte(name)) {
			t.Errorf("everyday(%q) is true", name)
		}
	}
}
