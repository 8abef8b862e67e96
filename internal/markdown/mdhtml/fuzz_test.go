package mdhtml_test

import (
	"testing"

	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

func FuzzMarkdownHTML(f *testing.F) {
	mdtest.Fuzz(f,
		"<div markdown>\nx\n</div>\n", "<details markdown><summary>s</summary>\n- a\n</details>", "<div markdown>\n<div markdown>\n</div>\n",
		"<div markdown>", "</div>\n", "<div class=\"a\" markdown=\"1\">\n# h\n</div>\n", "<section markdown>\n!!! note\n    x\n</section>\n",
		"- <div markdown>\n  x\n  </div>\n", "<div markdown>\n```\n</div>\n```\n</div>\n")
}
