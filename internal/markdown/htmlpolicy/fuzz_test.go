package htmlpolicy

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// FuzzSanitize checks that whatever goes in, what comes out holds only
// allowed elements and attributes with safe URLs, and that sanitizing it
// again changes nothing and reports nothing: the tables that report and
// the bluemonday policy that removes agree.
func FuzzSanitize(f *testing.F) {
	for _, s := range []string{
		`<p class="x">a</p>`, `<img src=x onerror=alert(1)>`, `<script>x</script>`,
		`<a href="javascript:x">a</a>`, `<div class="a`, `<!-- x`, `<meta http-equiv=refresh content="0;url=x">`,
		`<details open><summary>S</summary></details>`, `<svg><style>x</style></svg>`,
		`<a href=" https://x.org/ ">`, `<span data-x="1" aria-label=y style=z>`, `<table><tr><td colspan=2>`,
		"<textarea><p onclick=x></textarea>", `<a href="https://x.org/ä">`,
	} {
		f.Add(s)
	}
	p := Default()
	f.Fuzz(func(t *testing.T, in string) {
		out, _ := p.Sanitize([]byte(in))
		z := html.NewTokenizer(bytes.NewReader(out))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			tok := z.Token()
			if !p.AllowsElement(tok.Data) {
				t.Fatalf("%q: <%s> in the output %q", in, tok.Data, out)
			}
			for _, a := range tok.Attr {
				if ok, why := p.CheckAttr(tok.Data, a.Key, []byte(a.Val)); !ok {
					t.Fatalf("%q: %s=%q on <%s> (it %s) in the output %q", in, a.Key, a.Val, tok.Data, why, out)
				}
			}
		}
		again, removed := p.Sanitize(out)
		if len(removed) > 0 || !bytes.Equal(again, out) {
			t.Fatalf("%q: sanitizing the output %q again gives %q, removing %v", in, out, again, removed)
		}
		if strings.Contains(strings.ToLower(string(out)), "<script") {
			t.Fatalf("%q: a script in %q", in, out)
		}
	})
}

// FuzzPlainURL checks that the fast path of SafeURL accepts only what
// url.Parse, as bluemonday uses it, accepts too.
func FuzzPlainURL(f *testing.F) {
	for _, s := range []string{"https://a.org/x?y#z", "http://a-b.c/", "mailto:a@b.org", "../x.png", "#f", "https://a<b/", "x:y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, u string) {
		if plainURL(u) && !parsedSafe(u) {
			t.Fatalf("plainURL(%q) but url.Parse refuses it", u)
		}
	})
}
