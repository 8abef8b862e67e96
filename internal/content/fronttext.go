package content

import "github.com/guidegen/guidegen/internal/markdown/segment"

// FrontText is a translatable text of a translation's front matter.
type FrontText struct {
	// Key is the front matter key: "title" or "description".
	Key  string
	Text string
	// Identical is true when the text is still the source page's (see
	// segment.Untranslated).
	Identical bool
}

// setFrontTexts records, on translation p of page src, the prose of its
// front matter and whether each text is still the source page's.
func (p *Page) setFrontTexts(src *Page) {
	p.sourceLocale = src.Locale
	p.FrontTexts = nil
	for _, f := range []struct{ key, text, src string }{
		{"title", p.Front.Title, src.Front.Title},
		{"description", p.Front.Description, src.Front.Description},
	} {
		if !segment.IsProse(f.text) {
			continue // a name, the same in every language
		}
		p.FrontTexts = append(p.FrontTexts, FrontText{Key: f.key, Text: f.text, Identical: segment.Untranslated(f.text, f.src)})
	}
}

// TextLang returns the language of a front matter text of the page
// ("title", "description"): the page's locale, or its source page's when
// the translation still has the source page's text.
func (p *Page) TextLang(key string) string {
	for _, f := range p.FrontTexts {
		if f.Key == key && f.Identical {
			return p.sourceLocale
		}
	}
	return p.Locale
}
