package markdown_test

import (
	"testing"

	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
	"github.com/guidegen/guidegen/internal/markdown/mdunits"
	"github.com/guidegen/guidegen/internal/sitegen"
)

// translatedPages returns generated source pages parsed in English and
// the text of their Dutch translations, as the build loads them.
func translatedPages(b *testing.B) (en *markdown.Markdown, nl *markdown.Markdown, docs []*markdown.Document, nlSrc [][]byte) {
	en = mdtest.New(func(o *markdown.Options) { o.Locale = "en" })
	nl = mdtest.New(func(o *markdown.Options) { o.Locale = "nl" })
	pages := sitegen.Pages(sitegen.Options{Pages: 200, Translated: 1, Seed: 1})
	byPath := map[string]string{}
	for _, p := range pages {
		if p.Locale == "nl" {
			byPath[p.Path] = p.Source
		}
	}
	for _, p := range pages {
		if t, ok := byPath[p.Path]; ok && p.Locale == "en" {
			docs = append(docs, en.Parse(p.Path, "", []byte(p.Source)))
			nlSrc = append(nlSrc, []byte(t))
		}
	}
	if len(docs) == 0 {
		b.Fatal("no translated pages")
	}
	return en, nl, docs, nlSrc
}

// BenchmarkTranslationPasses times, per generated source page, what
// loading a translated page adds to parsing for translators: the source
// page's segment set (SourceOf), its digest (mdunits.Digest), and a
// translation parsed with its source (segment marking) and without it.
func BenchmarkTranslationPasses(b *testing.B) {
	_, nl, docs, nlSrc := translatedPages(b)
	perPage := func(b *testing.B) {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/page")
	}
	b.Run("SourceOf", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range docs {
				_ = markdown.SourceOf(d, "en")
			}
		}
		perPage(b)
	})
	b.Run("Digest", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range docs {
				_ = mdunits.Digest(d.Root, d.Source, d.Generated)
			}
		}
		perPage(b)
	})
	sources := make([]*markdown.Source, len(docs))
	for i, d := range docs {
		sources[i] = markdown.SourceOf(d, "en")
	}
	for _, withSource := range []bool{false, true} {
		name := "ParseAlone"
		if withSource {
			name = "ParseWithSource"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for i, src := range nlSrc {
					in := markdown.Input{File: "p.md", Src: src}
					if withSource {
						in.Source = sources[i]
					}
					_ = nl.ParseInput(in)
				}
			}
			perPage(b)
		})
	}
}
