package highlight_test

import (
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

// benchPage is a page of prose with three highlighted blocks of ten
// lines, as a technical page of a guide may have.
var benchPage = strings.Repeat("Some prose with *emphasis* and a [link](https://example.org/) to read.\n\n", 40) +
	"```python\n" + strings.Repeat("for i in range(10):\n    print(f\"{i}: {i * i}\")  # squares\n", 5) + "```\n\n" +
	"```go\n" + strings.Repeat("func f(x int) int { return x * 2 } // double\n", 10) + "```\n\n" +
	"``` sh title=\"run.sh\" linenums=\"1\"\n" + strings.Repeat("echo \"$HOME\" | grep -v root > /dev/null\n", 10) + "```\n"

// BenchmarkBlocks renders benchPage with the dialect (highlighted) and
// plain (goldmark's <pre><code>), to show what highlighting costs.
func BenchmarkBlocks(b *testing.B) {
	for _, bc := range []struct {
		name  string
		plain bool
	}{{"plain", true}, {"dialect", false}} {
		b.Run(bc.name, func(b *testing.B) {
			m := mdtest.New(func(o *markdown.Options) { o.Plain = bc.plain })
			var buf markdown.Buffer
			b.ReportAllocs()
			for b.Loop() {
				d := m.Parse("bench.md", "", []byte(benchPage))
				buf.Reset()
				if err := m.Render(&buf, d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
