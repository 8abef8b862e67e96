// Package config loads and validates a site's guidegen.yaml.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync/atomic"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/limits"
	"github.com/guidegen/guidegen/internal/markdown/headingid"
	"github.com/guidegen/guidegen/internal/markdown/htmlpolicy"
	"github.com/guidegen/guidegen/internal/markdown/snippets"
	"github.com/guidegen/guidegen/internal/yamlx"
)

// FileName is the name of the site configuration file at the root of a site.
const FileName = "guidegen.yaml"

// Config is a site's configuration.
type Config struct {
	// Title is the site title; a locale may override it.
	Title string `yaml:"title"`
	// BaseURL is the absolute URL the site is served from, with a trailing
	// slash ("https://example.org/" or "https://example.org/guide/").
	BaseURL string `yaml:"baseURL"`
	// DefaultLocale is the source language; its pages are at the root of
	// the output and every other locale translates them.
	DefaultLocale string   `yaml:"defaultLocale"`
	Locales       []Locale `yaml:"locales"`
	// Output is the output directory, relative to the site directory.
	Output string `yaml:"output"`
	// Navigation lists the pages of the header navigation, in order, by
	// their path under content/<locale>/ ("about/criteria.md").
	Navigation []string `yaml:"navigation"`
	TOC        TOC      `yaml:"toc"`
	// HTML widens the HTML pages may contain.
	HTML HTML `yaml:"html"`
	// EditURL is the URL pattern of a page's source in its repository,
	// for the "edit this page" link; {locale} and {path} are replaced by
	// the page's locale and its path under content/<locale>/
	// ("https://example.org/guide/edit/main/content/{locale}/{path}").
	// Empty: no link.
	EditURL string `yaml:"editURL"`
	// Links sets how broken links are reported.
	Links Links `yaml:"links"`
	// Compat names the dialect of another generator whose pages the site
	// builds unchanged: "mkdocs" accepts the front matter MkDocs Material
	// pages use (see package content). Empty: guidegen's own, strict.
	Compat string `yaml:"compat"`
	// CSS lists the site's own stylesheets under assets/ (default: just
	// assets/css/extra.css, when the site has one), linked after the
	// theme's, each fingerprinted like main.css.
	CSS []string `yaml:"css"`
	// Snippets configures --8<-- includes (package snippets).
	Snippets Snippets `yaml:"snippets"`
	// Headings sets how headings get their ids.
	Headings Headings `yaml:"headings"`

	node   *yaml.Node
	src    yamlx.Source
	policy *htmlpolicy.Policy
	// parsedURL caches urlParts for BaseURL (safe for concurrent use).
	parsedURL atomic.Pointer[urlParts]
}

// Snippets configures --8<-- includes (package snippets):
//
//	snippets:
//	  base: [includes]                  # where names resolve; the default
//	  append: [includes/abbreviations.md] # included at the end of every page
type Snippets struct {
	Base   []string `yaml:"base"`
	Append []string `yaml:"append"`
}

// HTML configures the allowlist of the pages' HTML (package htmlpolicy).
// The default allows what guides use; a site may add to it:
//
//	html:
//	  allow:
//	    elements: [video]
//	    attributes: {video: [controls, src]}
//
// Script, style, event handlers and the like can never be allowed.
type HTML struct {
	Allow HTMLAllow `yaml:"allow"`
}

// HTMLAllow lists elements and, per element ("*" for all), attributes.
type HTMLAllow struct {
	Elements   []string            `yaml:"elements"`
	Attributes map[string][]string `yaml:"attributes"`
}

// HTMLPolicy returns the pages' HTML policy: the default, widened by
// html.allow.
func (c *Config) HTMLPolicy() *htmlpolicy.Policy {
	if c.policy == nil {
		return htmlpolicy.Default()
	}
	return c.policy
}

// Links configures the link check.
type Links struct {
	// Missing is the severity of a link to a page, anchor or file that
	// does not exist: "error" (the default) or "warning".
	Missing string `yaml:"missing"`
}

// The values of Links.Missing.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// CompatMkDocs is the value of Compat for pages written for MkDocs.
const CompatMkDocs = "mkdocs"

// MkDocs reports whether the site accepts MkDocs' front matter.
func (c *Config) MkDocs() bool { return c.Compat == CompatMkDocs }

// MissingLinksWarn reports whether a broken link is a warning, not an
// error.
func (c *Config) MissingLinksWarn() bool { return c.Links.Missing == SeverityWarning }

// Locale is one language of the site.
type Locale struct {
	// Code is a BCP 47 language tag ("en", "nl").
	Code string `yaml:"code"`
	// Name is the language's own name for itself ("Nederlands").
	Name string `yaml:"name"`
	// Direction is "ltr" (default) or "rtl".
	Direction string `yaml:"direction"`
	// Title overrides the site title in this locale.
	Title string `yaml:"title"`
}

// TOC sets which heading levels appear in a page's table of contents.
type TOC struct {
	MinLevel int `yaml:"minLevel"`
	MaxLevel int `yaml:"maxLevel"`
}

// Headings sets how a heading's text becomes its id:
//
//	headings:
//	  slug: ascii
//
// "unicode" (the default) keeps the letters of every script, like
// Python-Markdown's slugify_unicode ("Café Über" → "café-über"); "ascii"
// is Python-Markdown's default slugify, what an MkDocs site without a
// slugify setting has ("cafe-uber"). Ids set by hand ({ #id }) and ids a
// translation takes from its source page are not affected.
type Headings struct {
	Slug string `yaml:"slug"`
}

// HeadingSlug returns the style of headings.slug.
func (c *Config) HeadingSlug() headingid.Style {
	st, _ := headingid.ParseStyle(c.Headings.Slug)
	return st
}

// Load reads FileName from the root of fsys.
func Load(fsys fs.FS) (*Config, error) {
	src, err := limits.ReadFile(fsys, FileName, limits.DataSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, diag.Errorf(diag.Pos{File: FileName}, "site configuration not found")
	}
	if err != nil {
		return nil, err
	}
	return Parse(src)
}

// Parse reads a configuration from the text of a guidegen.yaml.
func Parse(src []byte) (*Config, error) {
	ys := yamlx.Source{File: FileName}
	node, err := ys.Parse(src)
	if err != nil {
		return nil, err
	}
	c := &Config{node: node, src: ys}
	if err := ys.Decode(node, c); err != nil {
		return nil, err
	}
	if err := c.validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// Pos returns the position of the value at path ("locales", "1", "code"),
// or of the closest enclosing value that exists.
func (c *Config) Pos(path ...string) diag.Pos {
	for len(path) > 0 {
		if n := yamlx.Find(c.node, path...); n != nil {
			return c.src.Pos(n)
		}
		path = path[:len(path)-1]
	}
	return c.src.Pos(c.node)
}

func (c *Config) validate() error {
	var errs diag.List
	fail := func(format string, args []any, path ...string) {
		errs.Add(diag.Errorf(c.Pos(path...), format, args...))
	}
	if strings.TrimSpace(c.Title) == "" {
		fail("title is required", nil, "title")
	}
	if c.BaseURL == "" {
		fail("baseURL is required", nil, "baseURL")
	} else if err := checkBaseURL(c.BaseURL); err != nil {
		fail("baseURL: %v", []any{err}, "baseURL")
	}
	if len(c.Locales) == 0 {
		fail("at least one locale is required", nil, "locales")
	}
	seen := map[string]bool{}
	for i, l := range c.Locales {
		idx := fmt.Sprint(i)
		switch {
		case l.Code == "":
			fail("locale code is required", nil, "locales", idx, "code")
		case seen[l.Code]:
			fail("locale %q is listed twice", []any{l.Code}, "locales", idx, "code")
		default:
			if _, err := language.Parse(l.Code); err != nil || strings.ContainsAny(l.Code, "/\\. ") {
				fail("locale code %q is not a BCP 47 language tag", []any{l.Code}, "locales", idx, "code")
			}
		}
		seen[l.Code] = true
		if l.Name == "" {
			fail("locale %q needs a name (its own name for itself, e.g. Nederlands)", []any{l.Code}, "locales", idx)
		}
		switch l.Direction {
		case "":
			c.Locales[i].Direction = "ltr"
		case "ltr", "rtl":
		default:
			fail("direction must be ltr or rtl, got %q", []any{l.Direction}, "locales", idx, "direction")
		}
	}
	if c.DefaultLocale == "" {
		fail("defaultLocale is required", nil, "defaultLocale")
	} else if !seen[c.DefaultLocale] {
		fail("defaultLocale %q is not one of the locales", []any{c.DefaultLocale}, "defaultLocale")
	}
	if c.Output == "" {
		c.Output = "public"
	}
	if path.IsAbs(c.Output) || strings.HasPrefix(path.Clean(c.Output), "..") || path.Clean(c.Output) == "." {
		fail("output must be a directory inside the site, got %q", []any{c.Output}, "output")
	}
	for i, p := range c.Navigation {
		if !strings.HasSuffix(p, ".md") || path.IsAbs(p) || strings.Contains(p, "..") {
			fail("navigation entry %q must be a page path like about/criteria.md", []any{p}, "navigation", fmt.Sprint(i))
		}
	}
	if c.EditURL != "" {
		if err := checkEditURL(c.EditURL); err != nil {
			fail("editURL: %v", []any{err}, "editURL")
		}
	}
	if c.TOC.MinLevel == 0 {
		c.TOC.MinLevel = 2
	}
	if c.TOC.MaxLevel == 0 {
		c.TOC.MaxLevel = 3
	}
	if c.TOC.MinLevel < 1 || c.TOC.MaxLevel > 6 || c.TOC.MinLevel > c.TOC.MaxLevel {
		fail("toc levels must satisfy 1 <= minLevel <= maxLevel <= 6", nil, "toc")
	}
	switch c.Links.Missing {
	case "":
		c.Links.Missing = SeverityError
	case SeverityError, SeverityWarning:
	default:
		fail("links.missing must be error or warning, got %q", []any{c.Links.Missing}, "links", "missing")
	}
	switch c.Compat {
	case "", CompatMkDocs:
	default:
		fail("compat must be mkdocs (or absent), got %q", []any{c.Compat}, "compat")
	}
	for i, p := range c.CSS {
		if !strings.HasPrefix(p, "assets/css/") || !strings.HasSuffix(p, ".css") || strings.Contains(p, "..") || strings.Contains(p, "//") {
			fail("css entry %q must be a stylesheet of the site like assets/css/extra.css", []any{p}, "css", fmt.Sprint(i))
		}
	}
	if c.Headings.Slug == "" {
		c.Headings.Slug = "unicode"
	}
	if _, ok := headingid.ParseStyle(c.Headings.Slug); !ok {
		fail("headings.slug must be unicode or ascii, got %q", []any{c.Headings.Slug}, "headings", "slug")
	}
	c.validateHTML(fail)
	for i, b := range c.Snippets.Base {
		if err := snippets.ValidBase(b); err != nil {
			fail("snippets.base: %v", []any{err}, "snippets", "base", fmt.Sprint(i))
		}
	}
	return errs.Err()
}

// validateHTML checks html.allow against what may never be allowed and
// builds the policy.
func (c *Config) validateHTML(fail func(string, []any, ...string)) {
	a := c.HTML.Allow
	if len(a.Elements) == 0 && len(a.Attributes) == 0 {
		return
	}
	ok := true
	for i, e := range a.Elements {
		if why := htmlpolicy.ForbiddenElement(e); why != "" {
			fail("html.allow.elements: %s", []any{why}, "html", "allow", "elements", fmt.Sprint(i))
			ok = false
		}
	}
	for _, e := range slices.Sorted(maps.Keys(a.Attributes)) {
		if e != "*" {
			if why := htmlpolicy.ForbiddenElement(e); why != "" {
				fail("html.allow.attributes: %s", []any{why}, "html", "allow", "attributes", e)
				ok = false
			}
		}
		for i, name := range a.Attributes[e] {
			if why := htmlpolicy.ForbiddenAttribute(e, name); why != "" {
				fail("html.allow.attributes.%s: %s", []any{e, why}, "html", "allow", "attributes", e, fmt.Sprint(i))
				ok = false
			}
		}
	}
	if !ok {
		return
	}
	p, err := htmlpolicy.New(htmlpolicy.Allow{Elements: a.Elements, Attributes: a.Attributes})
	if err != nil {
		fail("%v", []any{err}, "html")
		return
	}
	c.policy = p
}

func checkBaseURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return err
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return fmt.Errorf("must be an absolute http(s) URL, got %q", s)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("must not have a query or fragment, got %q", s)
	}
	return nil
}

func checkEditURL(s string) error {
	if !strings.Contains(s, "{path}") {
		return fmt.Errorf("must contain {path}, got %q", s)
	}
	u, err := url.Parse(strings.NewReplacer("{locale}", "en", "{path}", "p.md").Replace(s))
	if err != nil {
		return err
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return fmt.Errorf("must be an absolute http(s) URL, got %q", s)
	}
	return nil
}

// EditLink returns the "edit this page" URL of a page, or "".
func (c *Config) EditLink(locale, pagePath string) string {
	if c.EditURL == "" {
		return ""
	}
	return strings.NewReplacer("{locale}", url.PathEscape(locale), "{path}", escapeSegments(pagePath)).Replace(c.EditURL)
}

func escapeSegments(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// SetBaseURL replaces the base URL (from the --base-url flag).
func (c *Config) SetBaseURL(s string) error {
	if err := checkBaseURL(s); err != nil {
		return fmt.Errorf("--base-url: %w", err)
	}
	c.BaseURL = s
	return nil
}

// Locale returns the locale with the given code.
func (c *Config) Locale(code string) (Locale, bool) {
	for _, l := range c.Locales {
		if l.Code == code {
			return l, true
		}
	}
	return Locale{}, false
}

// LocaleIndex returns the position of a locale in Locales, for messages.
func (c *Config) LocaleIndex(code string) int {
	for i, l := range c.Locales {
		if l.Code == code {
			return i
		}
	}
	return -1
}

// SiteTitle returns the site title in a locale.
func (c *Config) SiteTitle(code string) string {
	if l, ok := c.Locale(code); ok && l.Title != "" {
		return l.Title
	}
	return c.Title
}

// BasePath is the path part of BaseURL, always with leading and trailing
// slash ("/" or "/guide/").
func (c *Config) BasePath() string { return c.urlParts().basePath }

// Origin is the scheme and host of BaseURL ("https://example.org").
func (c *Config) Origin() string { return c.urlParts().origin }

// urlParts are BasePath and Origin of a BaseURL, parsed once: every page
// asks for them several times.
type urlParts struct{ from, basePath, origin string }

func (c *Config) urlParts() *urlParts {
	if p := c.parsedURL.Load(); p != nil && p.from == c.BaseURL {
		return p
	}
	p := &urlParts{from: c.BaseURL, basePath: "/"}
	if u, err := url.Parse(c.BaseURL); err == nil {
		p.origin = u.Scheme + "://" + u.Host
		if u.Path != "" {
			p.basePath = u.Path
			if !strings.HasSuffix(p.basePath, "/") {
				p.basePath += "/"
			}
		}
	}
	c.parsedURL.Store(p)
	return p
}

// LocalePrefix is the URL path prefix of a locale, relative to the base
// path: "" for the default locale, "nl/" for the others.
func (c *Config) LocalePrefix(code string) string {
	if code == c.DefaultLocale {
		return ""
	}
	return code + "/"
}
