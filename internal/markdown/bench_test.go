package markdown_test

import (
	"testing"

	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
	"github.com/guidegen/guidegen/internal/sitegen"
)

// BenchmarkPipeline parses and renders the same 1,000 generated guide
// pages (English and Dutch, 1,900 documents) with and without the guide's
// dialect. The dialect must cost at most 30% more time than plain
// CommonMark + GFM + footnotes. The dialect run uses the committed icons
// and each locale's glossary.
func BenchmarkPipeline(b *testing.B) {
	pages := sitegen.Pages(sitegen.Options{Pages: 1000, Translated: 0.9, Seed: 1})
	for _, bc := range []struct {
		name  string
		plain bool
	}{{"plain", true}, {"dialect", false}} {
		b.Run(bc.name, func(b *testing.B) {
			mds := map[string]*markdown.Markdown{}
			for _, l := range []string{"en", "nl"} {
				g := mdtest.Glossary(b, l)
				mds[l] = mdtest.New(func(o *markdown.Options) {
					o.Locale, o.Plain, o.Glossary = l, bc.plain, g
				})
			}
			var buf markdown.Buffer
			b.ReportAllocs()
			for b.Loop() {
				for _, p := range pages {
					m := mds[p.Locale]
					d := m.Parse(p.Path, "", []byte(p.Source))
					buf.Reset()
					if err := m.Render(&buf, d); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(len(pages))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}
