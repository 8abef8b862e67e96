package build

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"time"

	"github.com/guidegen/guidegen/internal/content"
)

// Files of the web root besides the pages.
const (
	SitemapFile  = "sitemap.xml"
	RobotsFile   = "robots.txt"
	ManifestFile = "manifest.webmanifest"
)

// writeSiteFiles writes the files made from the whole site once every
// page is written and its links checked: the sitemap, robots.txt and the
// web manifests.
func (b *builder) writeSiteFiles(stage Sink) error {
	if err := b.emit(shared(stage), SitemapFile, "sitemap", b.sitemap()); err != nil { // made for this sink alone
		return err
	}
	robots := fmt.Sprintf("User-agent: *\nAllow: /\n\nSitemap: %s%s%s\n", b.cfg.Origin(), b.cfg.BasePath(), SitemapFile)
	if err := b.emit(stage, RobotsFile, "robots.txt", []byte(robots)); err != nil {
		return err
	}
	for _, l := range b.cfg.Locales {
		m, err := b.manifest(l.Code)
		if err != nil {
			return err
		}
		if err := b.emit(stage, b.cfg.LocalePrefix(l.Code)+ManifestFile, "web manifest ("+l.Code+")", m); err != nil {
			return err
		}
	}
	return nil
}

// sitemap lists every page in every locale in which it has its own file
// (a page shown in the source language is the source page's duplicate,
// with the source as canonical), each with all its translations and
// x-default as alternates.
func (b *builder) sitemap() []byte {
	var buf bytes.Buffer
	if b.cache != nil {
		buf.Grow(b.cache.sitemapSize + b.cache.sitemapSize/8)
		defer func() { b.cache.sitemapSize = buf.Len() }()
	}
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	r := b.readerInit()
	paths := b.site.Paths()
	// An Engine's unit keeps its entries (none when the page is not
	// translated): a unit kept from the previous build has the same
	// files, URLs and dates.
	units := make([]*cachedUnit, len(paths))
	if b.cache != nil {
		for i, p := range paths {
			units[i] = b.cache.new[p]
		}
	}
	var scratch []byte
	for li, l := range b.cfg.Locales {
		for i, p := range paths {
			c := units[i]
			if e, ok := c.sitemapEntry(li); ok {
				buf.Write(e)
				continue
			}
			start := buf.Len()
			if b.site.Translated(l.Code, p) {
				scratch = b.sitemapEntry(&buf, scratch, r, l.Code, p)
			}
			if c != nil {
				if c.sitemap == nil {
					c.sitemap = make([][]byte, len(b.cfg.Locales))
				}
				c.sitemap[li] = append([]byte{}, buf.Bytes()[start:]...) // not nil when empty
			}
		}
	}
	buf.WriteString("</urlset>\n")
	return buf.Bytes()
}

// sitemapEntry writes the <url> of page p in a locale. The URLs are made
// in scratch, which it returns for the next entry.
func (b *builder) sitemapEntry(buf *bytes.Buffer, scratch []byte, r *readerData, locale, p string) []byte {
	buf.WriteString("<url>\n<loc>")
	scratch = b.appendAbsURL(scratch[:0], locale, p)
	writeXMLText(buf, scratch)
	buf.WriteString("</loc>\n")
	if t, ok := r.date(b.site.Page(locale, p)); ok {
		buf.WriteString("<lastmod>")
		buf.Write(t.AppendFormat(scratch[:0], time.DateOnly))
		buf.WriteString("</lastmod>\n")
	}
	if len(b.cfg.Locales) > 1 {
		// The alternates (as appendAlternates makes them): each locale in which the page
		// has its own file, then x-default, the default locale's URL.
		for _, l := range b.cfg.Locales {
			if b.site.Translated(l.Code, p) {
				scratch = b.sitemapAlternate(buf, scratch, l.Code, l.Code, p)
			}
		}
		scratch = b.sitemapAlternate(buf, scratch, "x-default", b.cfg.DefaultLocale, p)
	}
	buf.WriteString("</url>\n")
	return scratch
}

// sitemapAlternate writes the alternate of hreflang, page p in locale.
func (b *builder) sitemapAlternate(buf *bytes.Buffer, scratch []byte, hreflang, locale, p string) []byte {
	buf.WriteString(`<xhtml:link rel="alternate" hreflang="`)
	scratch = append(scratch[:0], hreflang...)
	writeXMLText(buf, scratch)
	buf.WriteString(`" href="`)
	scratch = b.appendAbsURL(scratch[:0], locale, p)
	writeXMLText(buf, scratch)
	buf.WriteString(`"/>` + "\n")
	return scratch
}

// appendAbsURL appends content.AbsPageURL of page p in locale.
func (b *builder) appendAbsURL(dst []byte, locale, p string) []byte {
	return content.AppendPageURL(append(dst, b.cfg.Origin()...), b.cfg, locale, p)
}

// xmlPlain are the bytes that xml.EscapeText writes as they are, in
// ASCII: not the five it replaces, nor a control byte (tab, newline and
// carriage return are written as references, the others replaced).
var xmlPlain = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = true
	}
	for _, c := range `"'&<>` {
		t[c] = false
	}
	return t
}()

// writeXMLText writes s as xml.EscapeText does: through it, unless every
// byte of s is one it writes as it is.
func writeXMLText(buf *bytes.Buffer, s []byte) {
	for _, c := range s {
		if !xmlPlain[c] {
			_ = xml.EscapeText(buf, s)
			return
		}
	}
	buf.Write(s)
}

type manifestIcon struct {
	Src     string `json:"src"`
	Sizes   string `json:"sizes"`
	Type    string `json:"type"`
	Purpose string `json:"purpose,omitempty"`
}

// manifest is a locale's web manifest.
func (b *builder) manifest(locale string) ([]byte, error) {
	l := b.lang(locale)
	d := b.base(locale)
	m := struct {
		Name            string         `json:"name"`
		ShortName       string         `json:"short_name"`
		Lang            string         `json:"lang"`
		Dir             string         `json:"dir"`
		StartURL        string         `json:"start_url"`
		Scope           string         `json:"scope"`
		Display         string         `json:"display"`
		ThemeColor      string         `json:"theme_color"`
		BackgroundColor string         `json:"background_color"`
		Icons           []manifestIcon `json:"icons"`
	}{
		Name: d.Site.Title, ShortName: d.Site.Title, Lang: l.Code, Dir: l.Dir,
		StartURL: d.Site.HomeURL, Scope: b.cfg.BasePath(), Display: "minimal-ui",
		ThemeColor: ThemeColor, BackgroundColor: "#ffffff",
		Icons: []manifestIcon{
			{Src: d.Asset("img/icon-192.png"), Sizes: "192x192", Type: "image/png"},
			{Src: d.Asset("img/icon-512.png"), Sizes: "512x512", Type: "image/png"},
			{Src: d.Asset("img/favicon.svg"), Sizes: "any", Type: "image/svg+xml"},
		},
	}
	out, err := json.MarshalIndent(m, "", "  ")
	return append(out, '\n'), err
}
