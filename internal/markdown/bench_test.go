package markdown_test

import (
	"slices"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gtext "github.com/yuin/goldmark/text"

	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
	"github.com/guidegen/guidegen/internal/sitegen"
)

// pipeline parses and renders a set of pages with one Markdown per locale.
type pipeline struct {
	mds map[string]*markdown.Markdown
	buf markdown.Buffer
}

func newPipeline(b testing.TB, plain bool) *pipeline {
	p := &pipeline{mds: map[string]*markdown.Markdown{}}
	for _, l := range []string{"en", "nl"} {
		g := mdtest.Glossary(b, l)
		p.mds[l] = mdtest.New(func(o *markdown.Options) {
			o.Locale, o.Plain, o.Glossary = l, plain, g
		})
	}
	return p
}

func (p *pipeline) run(b testing.TB, pages []sitegen.Page) {
	for _, pg := range pages {
		m := p.mds[pg.Locale]
		d := m.Parse(pg.Path, "", []byte(pg.Source))
		p.buf.Reset()
		if err := m.Render(&p.buf, d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPipeline parses and renders the same 1,000 generated guide
// pages (English and Dutch, 1,900 documents) with and without the guide's
// dialect. The dialect must cost at most 30% more time than plain
// CommonMark + GFM + footnotes. The dialect run uses the committed icons
// and each locale's glossary.
//
// "plain" and "dialect" time each pipeline on its own. "ratio" runs both
// in every iteration, one right after the other in alternating order, and
// reports the median over the iterations of the dialect's extra time as a
// percentage of the plain time ("%extra"): measured side by side, the
// figure depends little on how busy a shared machine was at the time.
func BenchmarkPipeline(b *testing.B) {
	pages := sitegen.Pages(sitegen.Options{Pages: 1000, Translated: 0.9, Seed: 1})
	for _, bc := range []struct {
		name  string
		plain bool
	}{{"plain", true}, {"dialect", false}} {
		b.Run(bc.name, func(b *testing.B) {
			p := newPipeline(b, bc.plain)
			b.ReportAllocs()
			for b.Loop() {
				p.run(b, pages)
			}
			b.ReportMetric(float64(len(pages))*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
	b.Run("ratio", func(b *testing.B) {
		plain, dialect := newPipeline(b, true), newPipeline(b, false)
		var tp, td time.Duration
		var ratios []float64
		for b.Loop() {
			timed := func(p *pipeline) time.Duration {
				t := time.Now()
				p.run(b, pages)
				return time.Since(t)
			}
			var p, d time.Duration
			if len(ratios)%2 == 0 {
				p, d = timed(plain), timed(dialect)
			} else {
				d, p = timed(dialect), timed(plain)
			}
			tp, td = tp+p, td+d
			ratios = append(ratios, float64(d)/float64(p))
		}
		slices.Sort(ratios)
		b.ReportMetric(100*(ratios[len(ratios)/2]-1), "%extra")
		b.ReportMetric(float64(tp.Milliseconds())/float64(b.N), "plain-ms/op")
		b.ReportMetric(float64(td.Milliseconds())/float64(b.N), "dialect-ms/op")
	})
}

// BenchmarkParse parses (without rendering) the same 1,000 generated guide
// pages as BenchmarkPipeline: "floor" with goldmark's own GFM + footnotes,
// as internal/floor does, and "dialect" with the guide's pipeline through
// ParseInput, translations with their source page's Source as a build
// parses them. It reports CPU per document for both.
func BenchmarkParse(b *testing.B) {
	pages := sitegen.Pages(sitegen.Options{Pages: 1000, Translated: 0.9, Seed: 1})
	b.Run("floor", func(b *testing.B) {
		md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote))
		b.ReportAllocs()
		for b.Loop() {
			for _, pg := range pages {
				md.Parser().Parse(gtext.NewReader([]byte(pg.Source)))
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pages)), "ns/doc")
	})
	for _, bc := range []struct {
		name  string
		plain bool
	}{{"plain", true}, {"dialect", false}} {
		b.Run(bc.name, func(b *testing.B) { benchmarkParse(b, pages, bc.plain) })
	}
}

// benchmarkParse parses pages with the guide's pipeline, its dialect or
// not (Options.Plain).
func benchmarkParse(b *testing.B, pages []sitegen.Page, plain bool) {
	{
		p := newPipeline(b, plain)
		sources := map[string]*markdown.Source{}
		for _, pg := range pages {
			if pg.Locale == "en" {
				d := p.mds["en"].Parse(pg.Path, "", []byte(pg.Source))
				sources[pg.Path] = markdown.SourceOf(d, "en")
			}
		}
		b.ReportAllocs()
		for b.Loop() {
			for _, pg := range pages {
				in := markdown.Input{File: pg.Path, Src: []byte(pg.Source)}
				if pg.Locale != "en" {
					in.Source = sources[pg.Path]
				}
				p.mds[pg.Locale].ParseInput(in)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pages)), "ns/doc")
	}
}

// BenchmarkRender renders (without parsing) the same 1,000 generated
// guide pages as BenchmarkPipeline, parsed once, with the guide's
// dialect: what a build spends in Markdown.Render.
func BenchmarkRender(b *testing.B) {
	pages := sitegen.Pages(sitegen.Options{Pages: 1000, Translated: 0.9, Seed: 1})
	p := newPipeline(b, false)
	docs := make([]*markdown.Document, len(pages))
	mds := make([]*markdown.Markdown, len(pages))
	for i, pg := range pages {
		mds[i] = p.mds[pg.Locale]
		docs[i] = mds[i].Parse(pg.Path, "", []byte(pg.Source))
	}
	b.ReportAllocs()
	for b.Loop() {
		for i, d := range docs {
			p.buf.Reset()
			if err := mds[i].Render(&p.buf, d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/doc")
}
