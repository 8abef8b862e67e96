package directive

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

// tricky are values each of which opens some construct of Markdown or of
// the guide's dialect when pasted unescaped.
var tricky = []string{
	`<script>alert(1)</script>`, `<img src=x onerror=alert(1)>`, `<!-- c -->`, `&amp; &lt; &#60; &#x3C; & x`,
	`*em* **strong** _em_ __strong__ ~~del~~`, "`code` ``x``", `[link](javascript:alert(1)) ![img](x.png) [ref][] [^1]`,
	`<https://example.org/> www.example.org https://example.org/`, `:material-check: :x:`, `{ .cls #id onclick="x" }`,
	`a | b | c`, `# heading`, `## h { #id }`, `1. item`, `1) item`, `- item`, `+ item`, `* item`, `> quote`,
	`***`, `---`, `===`, `    indented code`, "\tindented code", "line\nbreak\r\n- item\n\n# heading", "a\\", `\*not em\*`,
	`"double" 'single' }`, `!!! warning "x"`, `{% matrix %}`, "\x00\x07\x1b[31m\u2028\u2029", `<div markdown>x</div>`,
	`a\|b`, `trailing  `, `  leading`, `…“quotes”…`,
}

// shown is how the page shows text v: control characters as spaces,
// blanks around it trimmed, HTML-escaped as the renderer escapes.
func shown(v string, trim bool) string {
	v = strings.Map(controlToSpace, v)
	if trim {
		v = strings.TrimSpace(v)
	}
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(v)
}

// TestTextInEveryContext pastes text(v) into each context the generator
// uses and checks that the page shows v, character for character, and
// nothing else.
func TestTextInEveryContext(t *testing.T) {
	md := mdtest.New()
	contexts := []struct {
		name, before, after string // Markdown around the value
		open, close         string // HTML around it
	}{
		{"paragraph", "", "\n", "<p>", "</p>\n"},
		{"list item", "- ", "\n", "<ul>\n<li>", "</li>\n</ul>\n"},
		{"strong", "**", "**\n", "<p><strong>", "</strong></p>\n"},
		{"link label", "[", "](<https://example.org/>){ .chip }\n", `<p><a href="https://example.org/" class="chip">`, "</a></p>\n"},
		{"image alt", "![", "](<https://example.org/x.png>)\n", `<p><img src="https://example.org/x.png" alt="`, `"></p>` + "\n"},
		{"span", `<span class="badge">`, "</span>\n", `<p><span class="badge">`, "</span></p>\n"},
		{"admonition title", `!!! note "`, "\"\n    body\n", `<p class="admonition-title">`, "</p>\n"},
		{"collapsible title", `??? downloads "`, "\"\n    body\n", `<summary>`, "</summary>\n"},
		{"table cell", "| h |\n| - |\n| ", " |\n", "<td>", "</td>"},
		{"table head", "| ", " |\n| - |\n| x |\n", "<th>", "</th>"},
	}
	for _, c := range contexts {
		for _, v := range tricky {
			if strings.TrimSpace(strings.Map(controlToSpace, v)) == "" {
				continue
			}
			got, _ := mdtest.Render(t, md, c.before+text(v)+c.after)
			want := c.open + shown(v, true) + c.close
			if !strings.Contains(got, want) {
				t.Errorf("%s: %q\ngot  %s\nwant %s", c.name, v, got, want)
			}
		}
	}
}

// TestAttrValue: any text is an attribute value, kept exactly.
func TestAttrValue(t *testing.T) {
	md := mdtest.New()
	for _, v := range tricky {
		src := "[a](<https://example.org/>){ .card-link title=" + attrValue(v) + " aria-label=" + attrValue(v) + " }\n"
		got, _ := mdtest.Render(t, md, src)
		w := shown(v, false)
		want := `<p><a href="https://example.org/" class="card-link" title="` + w + `" aria-label="` + w + `">a</a></p>` + "\n"
		if got != want {
			t.Errorf("%q\ngot  %s\nwant %s", v, got, want)
		}
	}
}

var hrefRE = regexp.MustCompile(`^<p><a href="([^"]*)">a</a></p>\n$`)

// TestDest: any URL is a link destination whose href, decoded, is the URL.
func TestDest(t *testing.T) {
	md := mdtest.New()
	for _, u := range []string{
		"https://example.org/", "https://example.org/a)b(c", "https://example.org/a>b<c", `https://example.org/a\`, `https://example.org/a\>b`,
		"https://example.org/a b", "https://example.org/a\nb", "https://example.org/?q=&lt;x&gt;&amp;&#60;", "https://example.org/?a=1&b=2",
		`https://example.org/"onmouseover="x`, "https://example.org/'*_`|{}[]!",
	} {
		got, _ := mdtest.Render(t, md, "[a]("+dest(u)+")\n")
		m := hrefRE.FindStringSubmatch(got)
		if m == nil {
			t.Errorf("%q: not one link:\n%s", u, got)
			continue
		}
		dec, err := url.PathUnescape(html.UnescapeString(m[1]))
		if err != nil || dec != u {
			t.Errorf("%q: href %s decodes to %q (%v)", u, m[1], dec, err)
		}
	}
	// A destination that is escaped correctly is still subject to the
	// HTML policy: a script URL becomes an empty href.
	got, _ := mdtest.Render(t, md, "[a]("+dest("javascript:alert(1)")+")\n")
	if m := hrefRE.FindStringSubmatch(got); m == nil || m[1] != "" {
		t.Errorf("javascript: URL: got %s, want an empty href", got)
	}
}
