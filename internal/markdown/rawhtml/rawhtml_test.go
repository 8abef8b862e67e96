package rawhtml_test

import (
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/htmlpolicy"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

// TestHostile feeds each kind of hostile HTML a translator might try
// through the whole pipeline: each is removed, with a warning where it
// stands.
func TestHostile(t *testing.T) {
	tests := []struct {
		name, src, want, problems string
	}{
		{"script block", "Intro\n\n<script>alert(1)</script>\n",
			"<p>Intro</p>\n\n",
			"3:1: <script> removed with its content (pages may not load, run or redirect to other content) (warning)"},
		{"inline script", "a <SCRIPT>alert(1)</SCRIPT> b\n",
			"<p>a alert(1) b</p>\n",
			"1:3: <script> removed with its content (pages may not load, run or redirect to other content) (warning)"},
		{"onerror", "Text <img src=\"a.png\" onerror=\"alert(1)\"> end\n",
			"<p>Text <img src=\"a.png\"> end</p>\n",
			"1:23: attribute onerror removed from <img>: it runs code (warning)"},
		{"iframe", "<iframe src=\"https://evil.example/\"></iframe>\n",
			"\n",
			"1:1: <iframe> removed with its content (pages may not load, run or redirect to other content) (warning)"},
		{"form", "<form action=\"https://evil.example/\">\n<input name=\"password\">\n</form>\n",
			"\n\n\n",
			"1:1: <form> removed (pages may not load, run or redirect to other content) (warning)\n" +
				"2:1: <input> removed (not in the site's HTML allowlist: html.allow in guidegen.yaml) (warning)"},
		{"base", "<base href=\"https://evil.example/\">\n",
			"\n",
			"1:1: <base> removed (pages may not load, run or redirect to other content) (warning)"},
		{"object", "<object data=\"x.swf\"><embed src=\"x.swf\"></object>\n",
			"<p></p>\n",
			"1:1: <object> removed with its content (pages may not load, run or redirect to other content) (warning)\n" +
				"1:22: <embed> removed (pages may not load, run or redirect to other content) (warning)"},
		{"meta refresh", "Tekst.\n\n<meta http-equiv=\"refresh\" content=\"1;url=https://example.org/\">\n",
			"<p>Tekst.</p>\n\n",
			"3:1: <meta> removed (pages may not load, run or redirect to other content) (warning)"},
		{"javascript: Markdown link", "See [x](javascript:alert(1)).\n",
			"<p>See <a href=\"\">x</a>.</p>\n",
			`1:5: URL "javascript:alert(1)" removed: links and images may only lead to http, https, mailto or relative URLs (warning)`},
		{"javascript: autolink", "See <javascript:alert(1)>.\n",
			"<p>See <a href=\"\">javascript:alert(1)</a>.</p>\n",
			`1:5: URL "javascript:alert(1)" removed: links and images may only lead to http, https, mailto or relative URLs (warning)`},
		{"data: image", "![x](data:image/svg+xml;base64,PHN2Zz4=)\n",
			"<p><img src=\"\" alt=\"x\"></p>\n",
			`1:1: URL "data:image/svg+xml;base64,PHN2Zz4=" removed: links and images may only lead to http, https, mailto or relative URLs (warning)`},
		{"javascript: HTML link", "See <a class=\"c\" href=\"JaVaScRiPt:alert(1)\">x</a>.\n",
			"<p>See <a class=\"c\">x</a>.</p>\n",
			"1:18: attribute href removed from <a>: it holds a URL that is not http, https, mailto or relative (warning)"},
		{"entity-encoded javascript:", "<a href=\"java&#115;cript:alert(1)\">x</a>\n",
			"<p><a>x</a></p>\n",
			"1:4: attribute href removed from <a>: it holds a URL that is not http, https, mailto or relative (warning)"},
		{"style attribute", "<span style=\"color:red\">x</span>\n",
			"<p><span>x</span></p>\n",
			"1:7: attribute style removed from <span>: it is not allowed (the site's CSP blocks inline styles; use a class, styled in the site's assets/css/extra.css) (warning)"},
		{"style element", "<style>body{display:none}</style>\n",
			"\n",
			"1:1: <style> removed with its content (the site's CSP blocks inline styles; use a class, styled in the site's assets/css/extra.css) (warning)"},
		{"attribute on a later line", "<div class=\"x\">\n<p lang=\"nl\" onclick=\"x()\">a</p>\n</div>\n",
			"<div class=\"x\">\n<p lang=\"nl\">a</p>\n</div>\n",
			"2:14: attribute onclick removed from <p>: it runs code (warning)"},
		{"tag across lines", "a <span\nonmouseover=\"x()\">b</span>\n",
			"<p>a <span>b</span></p>\n",
			"2:1: attribute onmouseover removed from <span>: it runs code (warning)"},
		{"tag cut off at the end of a block", "<div class=\"a\n\n\" onclick=\"x\">\n",
			"<p>&quot; onclick=&quot;x&quot;&gt;</p>\n",
			"1:1: unfinished tag removed: a tag must end with > before a blank line (warning)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, d := mdtest.Render(t, mdtest.New(), tt.src)
			if got != tt.want {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
			if probs := strings.Join(mdtest.Problems(d), "\n"); probs != tt.problems {
				t.Errorf("problems\n%s\nwant\n%s", probs, tt.problems)
			}
		})
	}
}

// TestCleanKept checks that the HTML guides use passes byte for byte,
// without a warning.
func TestCleanKept(t *testing.T) {
	src := `<section id="s" lang="nl" dir="ltr" aria-labelledby="h">
<details open class="downloads">
<summary>Download <small>(12 MB)</small></summary>
<figure align="center"><img src="../img/a.png" alt="A" width="120" height="80" loading="lazy"><figcaption>A <em>b</em> <strong>c</strong></figcaption></figure>
<p>Press <kbd>Ctrl</kbd>+<KBD>C</KBD>; x<sup>2</sup> H<sub>2</sub>O <mark>new</mark> <abbr title="End-to-end">E2EE</abbr><br>
<a href="https://signal.org/" title="Signal" rel="noopener">Signal</a> <a href="mailto:a@example.org">mail</a> <a href="#top">top</a> <a href="../b/">b</a></p>
<table><thead><tr><th align="left" scope="col">A</th></tr></thead><tbody><tr><td colspan="2">1</td></tr></tbody></table>
<ul><li>a</li></ul><ol start="3"><li value="3">b</li></ol><hr>
<div class="x" role="note" data-kind="tip" title='single "quoted"'><span class=a>unquoted</span> &amp; &nbsp; &mdash; <code>x &lt; y</code></div>
<pre>  pre
</pre>
<!-- a translator's note -->
</details>
</section>
`
	got, d := mdtest.Render(t, mdtest.New(), src)
	if got != src {
		t.Errorf("clean HTML changed:\n%s", got)
	}
	if len(d.Problems) > 0 {
		t.Errorf("problems: %v", mdtest.Problems(d))
	}
}

// TestWidened checks that a site's policy reaches the pipeline.
func TestWidened(t *testing.T) {
	p, err := htmlpolicy.New(htmlpolicy.Allow{Elements: []string{"video"}, Attributes: map[string][]string{"video": {"controls", "src"}}})
	if err != nil {
		t.Fatal(err)
	}
	src := "<video controls src=\"v.webm\" onplay=\"x()\"></video>\n"
	for _, tt := range []struct {
		policy         *htmlpolicy.Policy
		want, problems string
	}{
		{nil, "<p></p>\n", "1:1: <video> removed (not in the site's HTML allowlist: html.allow in guidegen.yaml) (warning)"},
		{p, "<p><video controls=\"\" src=\"v.webm\"></video></p>\n", "1:30: attribute onplay removed from <video>: it runs code (warning)"},
	} {
		got, d := mdtest.Render(t, mdtest.New(func(o *markdown.Options) { o.HTML = tt.policy }), src)
		if got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
		if probs := strings.Join(mdtest.Problems(d), "\n"); probs != tt.problems {
			t.Errorf("problems\n%s\nwant\n%s", probs, tt.problems)
		}
	}
}

// TestNoRawHTML checks that the option still omits raw HTML.
func TestNoRawHTML(t *testing.T) {
	got, _ := mdtest.Render(t, mdtest.New(func(o *markdown.Options) { o.NoRawHTML = true }), "a <b>b</b>\n\n<div>\nx\n</div>\n")
	if want := "<p>a <!-- raw HTML omitted -->b<!-- raw HTML omitted --></p>\n<!-- raw HTML omitted -->\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
