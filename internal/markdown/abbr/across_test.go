package abbr_test

import (
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

// TestAcrossTextNodes: a term is found where the text is split into
// several text nodes: at a soft line break (read as a space) and where an
// inline parser such as Linkify cut the text at a space. The <abbr> then
// spans the nodes, the line break inside it.
func TestAcrossTextNodes(t *testing.T) {
	m := newMarkdown(testGlossary(t))
	const dr = `<abbr title="Signal's key update algorithm">`
	for _, tt := range []struct{ name, src, want string }{
		{"one line", "It uses the Double Ratchet here.\n", "<p>It uses the " + dr + "Double Ratchet</abbr> here.</p>\n"},
		{"one line, cut by Linkify", "the Double Ratchet.\n", "<p>the " + dr + "Double Ratchet</abbr>.</p>\n"},
		{"one line, page term, cut by Linkify", "a larger attack surface.\n\n*[attack surface]: s\n", "<p>a larger <abbr title=\"s\">attack surface</abbr>.</p>\n"},
		{"at the end of a line", "It uses the Double\nRatchet here.\n", "<p>It uses the " + dr + "Double\nRatchet</abbr> here.</p>\n"},
		{"whole lines", "Double\nRatchet\n", "<p>" + dr + "Double\nRatchet</abbr></p>\n"},
		{"CRLF", "the Double\r\nRatchet.\r\n", "<p>the " + dr + "Double\nRatchet</abbr>.</p>\n"},
		{"trailing space", "the Double \nRatchet.\n", "<p>the " + dr + "Double\nRatchet</abbr>.</p>\n"},
		{"in a list item", "- the Double\n  Ratchet and E2EE\n", "<ul>\n<li>the " + dr + "Double\nRatchet</abbr> and <abbr title=\"End-to-end encryption\">E2EE</abbr></li>\n</ul>\n"},
		{"in a quote", "> the Double\n>   Ratchet\n", "<blockquote>\n<p>the " + dr + "Double\nRatchet</abbr></p>\n</blockquote>\n"},
		{"twice", "Double\nRatchet Double\nRatchet\n", "<p>" + dr + "Double\nRatchet</abbr> " + dr + "Double\nRatchet</abbr></p>\n"},
		{"terms around", "E2EE Double\nRatchet PFS\n", `<p><abbr title="End-to-end encryption">E2EE</abbr> ` + dr + "Double\nRatchet</abbr> <abbr title=\"Perfect forward secrecy\">PFS</abbr></p>\n"},
		{"emphasis around", "*the Double\nRatchet*\n", "<p><em>the " + dr + "Double\nRatchet</abbr></em></p>\n"},
		{"not a whole word", "the Double\nRatchets\n", "<p>the Double\nRatchets</p>\n"},
		{"not a whole word before", "the XDouble\nRatchet\n", "<p>the XDouble\nRatchet</p>\n"},
		{"hard break is not a space", "the Double  \nRatchet\n", "<p>the Double<br>\nRatchet</p>\n"},
		{"backslash break is not a space", "the Double\\\nRatchet\n", "<p>the Double<br>\nRatchet</p>\n"},
		{"two breaks", "Double\n\nRatchet\n", "<p>Double</p>\n<p>Ratchet</p>\n"},
		{"code between", "Double `x`\nRatchet\n", "<p>Double <code>x</code>\nRatchet</p>\n"},
		{"after a link", "[a](https://e.org/) Double\nRatchet\n", `<p><a href="https://e.org/">a</a> ` + dr + "Double\nRatchet</abbr></p>\n"},
		{"page term at a break", "a larger attack\nsurface.\n\n*[attack surface]: What an attacker can reach\n",
			"<p>a larger <abbr title=\"What an attacker can reach\">attack\nsurface</abbr>.</p>\n"},
		{"leftmost wins", "over Wi Fi\nzone\n\n*[Fi zone]: f\n*[Wi Fi]: w\n", "<p>over <abbr title=\"w\">Wi Fi</abbr>\nzone</p>\n"},
		{"longest across wins", "the E2\nEE x\n\n*[E2 EE]: split\n", "<p>the <abbr title=\"split\">E2\nEE</abbr> x</p>\n"},
		{"term inside the first part gives way", "a Wi\nFi\n\n*[Wi Fi]: w\n*[Wi]: short\n", "<p>a <abbr title=\"w\">Wi\nFi</abbr></p>\n"},
		{"three words over two lines", "a end to\nend thing\n\n*[end to end]: e\n", "<p>a <abbr title=\"e\">end to\nend</abbr> thing</p>\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, d := mdtest.Render(t, m, tt.src)
			if got != tt.want {
				t.Errorf("%q:\n got %q\nwant %q", tt.src, got, tt.want)
			}
			if p := mdtest.Problems(d); len(p) > 0 {
				t.Errorf("problems: %v", p)
			}
			if strings.Count(got, "<abbr") != strings.Count(got, "</abbr>") {
				t.Errorf("unbalanced: %s", got)
			}
		})
	}
}
