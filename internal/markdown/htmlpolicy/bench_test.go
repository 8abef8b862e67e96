package htmlpolicy

import "testing"

// BenchmarkSanitize measures one raw HTML node: a clean HTML block (kept
// byte for byte), a clean inline tag, and a block with removals. Only
// raw HTML nodes pay this; pages without raw HTML pay nothing.
func BenchmarkSanitize(b *testing.B) {
	p := Default()
	for _, bc := range []struct{ name, src string }{
		{"clean-block", "<details class=\"downloads\" open>\n<summary>Downloads</summary>\n<p><a href=\"https://signal.org/\">Signal</a> <kbd>Ctrl</kbd></p>\n</details>\n"},
		{"clean-tag", `<span class="x" lang="nl">`},
		{"hostile-block", "<div onclick=\"x()\"><script>alert(1)</script><img src=x onerror=y></div>\n"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			src := []byte(bc.src)
			b.ReportAllocs()
			for b.Loop() {
				p.Sanitize(src)
			}
		})
	}
}
