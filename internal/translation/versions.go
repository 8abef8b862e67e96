package translation

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/guidegen/guidegen/internal/content"
	"github.com/guidegen/guidegen/internal/fsutil"
	"github.com/guidegen/guidegen/internal/gitfile"
	"github.com/guidegen/guidegen/internal/limits"
	"github.com/guidegen/guidegen/internal/markdown/mdunits"
)

// Text is one version of a page, as its segments: the front matter's
// texts to translate (title, description, notes), then the units of its
// body (see mdunits), each with its line.
type Text struct {
	// File is the page's file; Version names the version ("" for the
	// file as it is, else a commit or "the staged version"); Commit is
	// the commit's hash, if any.
	File, Version, Commit string
	// Src is the file's text.
	Src      []byte
	Page     *content.Page
	Segments []*TextSegment
}

// TextSegment is one segment of a version of a page.
type TextSegment struct {
	// Kind is the unit's kind (mdunits.Kind), or "title", "description",
	// "note <recommendation>.<criterion>" for the front matter.
	Kind string `json:"kind"`
	Line int    `json:"line"`
	// Markdown is the segment as written, runs of white space as one
	// space (code blocks keep their lines).
	Markdown string `json:"text"`
	// Place is where it stands in the page's structure (mdunits.Unit's
	// Path); Canon its canonical form, which tells whether two segments
	// are the same text.
	Place string `json:"-"`
	Canon string `json:"-"`
	// Prose is false for code, HTML blocks and directives.
	Prose bool `json:"-"`
}

// ReadText parses a version of the page at path of a locale (src is the
// file's text) and lists its segments. It needs s.Markdown.
func (s *Site) ReadText(locale, path string, src []byte) (*Text, error) {
	md := s.Markdown[locale]
	if md == nil {
		return nil, fmt.Errorf("%s: no Markdown pipeline for %s", path, locale)
	}
	p, err := content.ParsePage(md, locale, path, src, s.Config.MkDocs())
	if p == nil {
		if err == nil {
			err = errors.New("cannot be parsed")
		}
		return nil, err
	}
	t := pageText(p)
	t.Src = src
	return t, nil
}

// readCurrent reads the page at path of a locale as it is now.
func (s *Site) readCurrent(locale, path string) (*Text, error) {
	file := content.Dir + "/" + locale + "/" + path
	var src []byte
	var err error
	if s.FS != nil {
		src, err = limits.ReadFile(s.FS, file, limits.PageSize)
	} else {
		src, err = fsutil.ReadFile(s.Dir, file)
	}
	if err != nil {
		return nil, err
	}
	return s.ReadText(locale, path, src)
}

func pageText(p *content.Page) *Text {
	t := &Text{File: p.File, Page: p}
	front := func(kind, text string, at ...string) {
		if text = mdunits.Collapse(text); text != "" {
			t.Segments = append(t.Segments, &TextSegment{Kind: kind, Line: p.At(at...).Line, Markdown: text, Place: kind, Canon: text, Prose: true})
		}
	}
	front("title", p.Front.Title, "title")
	front("description", p.Front.Description, "description")
	for _, rid := range slices.Sorted(maps.Keys(p.Front.Recommendations)) {
		r := p.Front.Recommendations[rid]
		if r == nil {
			continue
		}
		for _, cid := range slices.Sorted(maps.Keys(r.Properties)) {
			front("note "+rid+"."+cid, r.Properties[cid].Note, "recommendations", rid, "properties", cid, "note")
		}
	}
	d := p.Doc
	for _, u := range mdunits.List(d.Root, d.Source, d.Generated) {
		t.Segments = append(t.Segments, &TextSegment{
			Kind: string(u.Kind), Line: d.Pos(u.Offset).Line, Markdown: u.Markdown,
			Place: u.Path, Canon: string(u.Kind) + "\x00" + u.Canon, Prose: u.Text(),
		})
	}
	return t
}

// History finds the versions of source pages in the site's git history.
// One History serves one run: it keeps what git said.
type History struct {
	site *Site
	repo *gitfile.Repo
	// Err says why there is no history: the site is bundled, git is not
	// installed, or the site is not in a git checkout.
	Err error
	// found caches StampedText by file and hash; current the source
	// pages as they are now, by path.
	found   map[string]*Text
	current map[string]textOrErr
}

type textOrErr struct {
	t   *Text
	err error
}

// currentText returns the source page at path as it is now, read once per
// History.
func (h *History) currentText(path string) (*Text, error) {
	c, ok := h.current[path]
	if !ok {
		c.t, c.err = h.site.readCurrent(h.site.Config.DefaultLocale, path)
		h.current[path] = c
	}
	return c.t, c.err
}

// NewHistory opens the git checkout the site is in.
func NewHistory(s *Site) *History {
	h := &History{site: s, found: map[string]*Text{}, current: map[string]textOrErr{}}
	if s.Dir == "" {
		h.Err = errors.New("the bundled guide has no history")
		return h
	}
	h.repo, h.Err = gitfile.Open(s.Dir)
	return h
}

// ErrNotFound is returned by StampedText when no version of the source
// page has the hash.
var ErrNotFound = errors.New("no version of the source page has that hash")

// StampedText returns the version of the source page at path whose hash
// is stamped (a translation's source_hash): the file as it is, else the
// staged version, else the newest commit that has it (see
// gitfile.MaxVersions). The error is h.Err when there is no history, or
// ErrNotFound.
func (h *History) StampedText(path, stamped string) (*Text, error) {
	def := h.site.Config.DefaultLocale
	file := content.Dir + "/" + def + "/" + path
	key := file + "\x00" + stamped
	if t, ok := h.found[key]; ok {
		if t == nil {
			return nil, ErrNotFound
		}
		return t, nil
	}
	cur, err := h.currentText(path)
	if err != nil {
		return nil, err
	}
	if h.matches(cur, stamped) {
		h.found[key] = cur
		return cur, nil
	}
	if h.repo == nil {
		return nil, h.Err
	}
	vs, err := h.repo.Versions(file)
	if err != nil {
		return nil, err
	}
	for _, v := range vs {
		src, err := h.repo.Read(v)
		if err != nil {
			continue
		}
		t, err := h.site.ReadText(def, path, src)
		if err != nil {
			continue // a version that did not parse cannot have been stamped
		}
		if h.matches(t, stamped) {
			t.Version, t.Commit = v.Label(), v.Commit
			h.found[key] = t
			return t, nil
		}
	}
	h.found[key] = nil
	return nil, ErrNotFound
}

func (h *History) matches(t *Text, stamped string) bool {
	return HashMatches(t.Page, SourceHash(t.Page), stamped)
}

// countOf returns "1 segment" or "n segments".
func countOf(n int, one, other string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, other)
}

// noHistory explains, for people, why the stamped text cannot be found.
func noHistory(err error) string {
	switch {
	case errors.Is(err, gitfile.ErrNotCheckout):
		return "not a git checkout: the version of the source page it was stamped against cannot be recovered"
	case errors.Is(err, gitfile.ErrNoGit):
		return "git is not installed: the version of the source page it was stamped against cannot be recovered"
	case errors.Is(err, ErrNotFound):
		return "no version of the source page in the git history has the page's source_hash (stamped before the page was committed, or the history was rewritten)"
	}
	return strings.TrimSpace(err.Error())
}

// CountChanges counts, on every outdated page of the report, the
// segments of the source page that changed since the page was stamped,
// finding the stamped version in h (Page.Changes); where it cannot be
// found, Page.ChangesUnknown says why.
func (r *Report) CountChanges(h *History) {
	for _, loc := range r.Locales {
		for _, pg := range loc.PageList {
			if pg.State != Outdated {
				continue
			}
			// StampedText reads the current page first: when it
			// cannot, err says why.
			old, err := h.StampedText(pg.Path, pg.StampedHash)
			if err != nil {
				pg.ChangesUnknown = noHistory(err)
				continue
			}
			cur, _ := h.currentText(pg.Path)
			d := &PageDiff{Changes: DiffSegments(old.Segments, cur.Segments)}
			d.count()
			pg.Changes = &d.Counts
		}
	}
}
