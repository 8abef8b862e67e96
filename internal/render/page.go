package render

import (
	"html/template"
	"strings"

	"github.com/guidegen/guidegen/internal/markdown"
)

// Page is what a layout receives.
type Page struct {
	Site Site
	// Lang is the language of the page's chrome (its output locale).
	Lang Lang
	// ContentLang is the language of the article: Lang.Code, or the
	// source language on a page not translated yet.
	ContentLang string
	// Kind is "home", "page" or "404".
	Kind string
	// Path is the page's source path ("about/criteria.md").
	Path        string
	Title       string
	Description string
	// TitleLang and DescriptionLang are the languages of Title and
	// Description when they are not ContentLang: the source language
	// on a translated page that still has its source page's text (or a
	// UI string that fell back to it); "" otherwise.
	TitleLang       string
	DescriptionLang string
	Content         template.HTML
	// HasH1 is true when the content has its own level-1 heading.
	HasH1 bool
	TOC   []*markdown.TOCEntry
	// URL is root-relative; Permalink and Canonical are absolute.
	URL       string
	Permalink string
	Canonical string
	// Fallback is true when the page is shown in the source language
	// because it has no translation in Lang yet; SourceURL is then the
	// source page.
	Fallback   bool
	SourceLang Lang
	SourceURL  string
	// Progress is set on a translated page of which some segments are
	// still in the source language.
	Progress   *Progress
	Nav        []NavItem
	Languages  []LangLink
	Alternates []Alternate
	// Reader holds the search box, previous/next, breadcrumbs and the
	// other reader's aids (reader.go).
	Reader Reader

	// MetaTitle, when set, is the whole <title>; Robots, when set, the
	// content of <meta name="robots"> (front matter written for MkDocs).
	MetaTitle, Robots string
}

// Progress is how much of a translated page is translated.
type Progress struct {
	// Percent is the share of its segments translated, rounded down;
	// Untranslated counts the segments still in the source language.
	Percent      int
	Untranslated int
}

// Site describes the whole site in the page's locale.
type Site struct {
	Title   string
	HomeURL string
	// AssetsURL is the root-relative URL of the assets directory, with a
	// trailing slash.
	AssetsURL string
	// AssetNames maps assets published under another name (a content
	// hash in it: "css/main.css" → "css/main.3f9c2a1b.css") to that name.
	AssetNames map[string]string
	// AssetURLs, when set (IndexAssets), maps each name of AssetNames
	// to its whole URL, which Asset then returns without joining it.
	AssetURLs map[string]string
	// CSS are the site's own stylesheets ("css/extra.css", under
	// assets/), which the layout links after the theme's, through Asset.
	CSS []string
}

// Lang is a locale.
type Lang struct {
	Code string
	Name string
	Dir  string
}

// NavItem is one entry of the header navigation.
type NavItem struct {
	Title string
	URL   string
	// Lang is the language of Title (the source language when the page
	// is not translated).
	Lang    string
	Current bool
	// Icon is the page's front matter icon (a cleaned inline SVG);
	// Status its MkDocs status ("new", "deprecated"), shown as a badge.
	Icon   template.HTML
	Status string
}

// LangLink is the same page in one locale, for the language switcher.
type LangLink struct {
	Lang
	URL        string
	Current    bool
	Translated bool
}

// Alternate is a <link rel="alternate" hreflang> entry.
type Alternate struct {
	HrefLang string
	URL      string
}

// Asset returns the URL of a file under assets/.
func (p *Page) Asset(name string) string {
	if u, ok := p.Site.AssetURLs[name]; ok {
		return u
	}
	if n, ok := p.Site.AssetNames[name]; ok {
		return p.Site.AssetsURL + n
	}
	return p.Site.AssetsURL + name
}

// IndexAssets sets AssetURLs from AssetsURL and AssetNames, for a Site
// that many pages share.
func (s *Site) IndexAssets() {
	s.AssetURLs = make(map[string]string, len(s.AssetNames))
	for name, n := range s.AssetNames {
		s.AssetURLs[name] = s.AssetsURL + n
	}
}

// ContentHead is the page's content up to the end of its first level-1
// heading, and ContentBody the rest: layouts put the table of contents
// between them, after the title in source order. Without a level-1
// heading in the content, ContentHead is empty.
func (p *Page) ContentHead() template.HTML {
	head, _ := p.splitContent()
	return head
}

// ContentBody is the content after ContentHead.
func (p *Page) ContentBody() template.HTML {
	_, body := p.splitContent()
	return body
}

func (p *Page) splitContent() (head, body template.HTML) {
	s := string(p.Content)
	if !p.HasH1 {
		return "", p.Content
	}
	start := strings.Index(s, "<h1")
	if start < 0 {
		return "", p.Content
	}
	end := strings.Index(s[start:], "</h1>")
	if end < 0 {
		return "", p.Content
	}
	end += start + len("</h1>")
	if end < len(s) && s[end] == '\n' {
		end++
	}
	return template.HTML(s[:end]), template.HTML(s[end:])
}

// ContentDir is the writing direction of the article: the source
// language's on a page shown untranslated, else the page's own.
func (p *Page) ContentDir() string {
	if p.Fallback && p.SourceLang.Dir != "" {
		return p.SourceLang.Dir
	}
	return p.Lang.Dir
}
