package translation

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen/internal/content"
	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/fsutil"
	"github.com/guidegen/guidegen/internal/i18n"
	"github.com/guidegen/guidegen/internal/markdown/frontmatter"
	"github.com/guidegen/guidegen/internal/yamlx"
)

// Stamped tells what Stamp did to one file.
type Stamped struct {
	// File is the file, relative to the site directory.
	File string
	// Hash is the hash written (a page's source_hash).
	Hash string
	// Strings counts the UI strings stamped in a locale file; Skipped the
	// outdated ones left as they were.
	Strings, Skipped int
	// Notes say what is still untranslated in a stamped page.
	Notes []string
}

// Stamp records in a translation that it is up to date with its source:
// a page under content/<locale>/ gets the source page's current hash as
// its source_hash; a locale file locales/<locale>.yaml gets, on every
// string without a hash, the hash of the source string it translates
// (with all, outdated strings too). name is relative to the current
// directory or to the site directory.
func Stamp(s *Site, name string, all bool) (*Stamped, error) {
	rel, err := s.relative(name)
	if err != nil {
		return nil, err
	}
	if locale := i18n.LocaleOf(rel); locale != "" {
		return s.stampStrings(rel, locale, all)
	}
	return s.stampPage(rel)
}

// relative returns the slash path of a file of the site, relative to the
// site directory.
func (s *Site) relative(name string) (string, error) {
	if s.Dir == "" {
		return "", fmt.Errorf("%s: the bundled guide cannot be changed; run this in a site directory, or give --src", name)
	}
	root, err := filepath.Abs(s.Dir)
	if err != nil {
		return "", err
	}
	for _, cand := range []string{name, filepath.Join(s.Dir, name)} {
		abs, err := filepath.Abs(cand)
		if err != nil {
			continue
		}
		rel, err := filepath.Rel(root, abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		if _, err := os.Stat(abs); err == nil {
			return filepath.ToSlash(rel), nil
		}
	}
	return "", fmt.Errorf("%s: no such file in the site %s", name, s.Dir)
}

func (s *Site) stampPage(rel string) (*Stamped, error) {
	def := s.Config.DefaultLocale
	top := diag.Pos{File: rel, Line: 1, Col: 1}
	parts := strings.SplitN(rel, "/", 3)
	if len(parts) < 3 || parts[0] != content.Dir || !strings.HasSuffix(rel, ".md") {
		return nil, diag.Errorf(top, "not a translated page: stamp takes a page under %s/<locale>/ or a locale file %s/<locale>.yaml", content.Dir, i18n.Dir)
	}
	locale, p := parts[1], parts[2]
	if _, ok := s.Config.Locale(locale); !ok || locale == def {
		return nil, diag.Errorf(top, "not a translated page: %q is not a locale the site translates into (%s is the source language)", locale, def)
	}
	src := s.Content.Page(def, p)
	if src == nil {
		return nil, diag.Errorf(top, "no source page %s/%s/%s to stamp against", content.Dir, def, p)
	}
	data, err := fsutil.ReadFile(s.Dir, rel)
	if err != nil {
		return nil, err
	}
	hash := s.sourceHash(p)
	if s.Config.MkDocs() {
		data = withFrontMatter(data)
	}
	out, err := stampFrontMatter(rel, data, hash)
	if err != nil {
		return nil, err
	}
	if err := fsutil.WriteFile(s.Dir, rel, out); err != nil {
		return nil, err
	}
	st := &Stamped{File: rel, Hash: hash}
	if s.isDraft(locale, p) {
		st.Notes = append(st.Notes, fmt.Sprintf("the page is still a draft (draft: true): the site shows %s/%s/%s until that line is removed", content.Dir, def, p))
	}
	if tr := s.Content.Page(locale, p); tr != nil {
		pg := pageStatus(s, locale, p, hash)
		if g := pg.Segments; g.Untranslated > 0 {
			st.Notes = append(st.Notes, fmt.Sprintf("%d of %s %s still identical to %s", g.Untranslated, diag.Plural(g.Total, "segment", "segments"), diag.Noun(g.Untranslated, "is", "are"), pg.Source))
		}
		if h := pg.Headings; h != nil && !h.OK() {
			st.Notes = append(st.Notes, fmt.Sprintf("only %d of its %s %s up with the %d of %s", h.Aligned, diag.Plural(h.Translation, "heading", "headings"), diag.Noun(h.Aligned, "lines", "line"), h.Source, pg.Source))
		}
	}
	return st, nil
}

// stampFrontMatter sets source_hash in the front matter of a page and
// keeps every other byte: an existing source_hash key (found by parsing
// the YAML) is replaced with its value, else one is added before the
// closing line, with the file's line breaks. The front matter is found as
// the page's parse finds it (frontmatter.Locate).
func stampFrontMatter(file string, src []byte, hash string) ([]byte, error) {
	return setFrontMatter(file, src, "source_hash", hash)
}

// withFrontMatter gives a page without front matter (which compat: mkdocs
// allows) an empty block to stamp, in the page's line breaks; any other
// page is returned as it is.
func withFrontMatter(src []byte) []byte {
	body := bytes.TrimPrefix(src, []byte("\uFEFF"))
	if frontmatter.Locate(body) != nil || bytes.HasPrefix(body, []byte("---")) {
		return src
	}
	eol := "\n"
	if i := bytes.IndexByte(body, '\n'); i > 0 && body[i-1] == '\r' {
		eol = "\r\n"
	}
	out := append([]byte{}, src[:len(src)-len(body)]...)
	out = append(out, "---"+eol+"---"+eol+eol...)
	return append(out, body...)
}

// setFrontMatter sets key to value (YAML, one line) in the front matter
// of a page as stampFrontMatter sets source_hash.
func setFrontMatter(file string, src []byte, key, value string) ([]byte, error) {
	top := diag.Pos{File: file, Line: 1, Col: 1}
	body := bytes.TrimPrefix(src, []byte("\uFEFF"))
	prefix := src[:len(src)-len(body)]
	fm := frontmatter.Locate(body)
	switch {
	case fm == nil:
		return nil, diag.Errorf(top, "front matter is missing: a page starts with a --- line")
	case !fm.Closed:
		return nil, diag.Errorf(top, "front matter is not closed: add a --- line after it")
	}
	if i := oddBreak(body[:fm.Close]); i >= 0 {
		pos := diag.NewLines(src).Pos(file, len(prefix)+i)
		return nil, diag.Errorf(pos, "front matter has a line break other than LF or CRLF (a lone CR, NEL, LS or PS): stamp cannot edit it")
	}
	lines := bytes.SplitAfter(body[:fm.Close], []byte("\n"))
	eol := "\n"
	if bytes.HasSuffix(lines[0], []byte("\r\n")) {
		eol = "\r\n"
	}
	entry := key + ": " + value
	out := append([]byte{}, prefix...)
	// The key is found by parsing, as the page's load reads it.
	ys := yamlx.Source{File: file, LineOffset: fm.Line}
	root, err := ys.Parse(fm.YAML)
	if err != nil {
		return nil, err
	}
	if root != nil && root.Kind != 0 && (root.Kind != yaml.MappingNode || root.Style&yaml.FlowStyle != 0 || root.Column != 1) {
		return nil, diag.Errorf(ys.Pos(root), "stamp adds %s to front matter written as keys at the start of their lines, not to this", key)
	}
	for i := 0; root != nil && i+1 < len(root.Content); i += 2 {
		k := root.Content[i]
		if k.Value != key || k.Kind != yaml.ScalarNode {
			continue
		}
		if k.Column != 1 || k.Line < 1 || k.Line >= len(lines) {
			return nil, diag.Errorf(ys.Pos(k), "stamp replaces a %s key at the start of its line, not this one", key)
		}
		off := 0
		for _, l := range lines[:k.Line] {
			off += len(l)
		}
		// The old value ends with the last of the indented lines that
		// continue it (a block scalar, a folded line).
		end, at := off+len(bytes.TrimRight(lines[k.Line], "\r\n")), off+len(lines[k.Line])
		for _, next := range lines[k.Line+1:] {
			text := bytes.TrimRight(next, "\r\n")
			if len(text) > 0 && (text[0] == ' ' || text[0] == '\t') && len(bytes.TrimSpace(text)) > 0 {
				end = at + len(text)
			} else if len(bytes.TrimSpace(text)) > 0 {
				break
			}
			at += len(next)
		}
		out = append(out, body[:off]...)
		out = append(out, entry...)
		return append(out, body[end:]...), nil
	}
	out = append(out, body[:fm.Close]...)
	out = append(out, entry+eol...)
	return append(out, body[fm.Close:]...), nil
}

// oddBreak returns the offset of the first line break in b that YAML
// counts and a split at LF does not (a CR without LF, NEL, LS, PS), or -1.
func oddBreak(b []byte) int {
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '\r' && (i+1 == len(b) || b[i+1] != '\n'):
			return i
		case bytes.HasPrefix(b[i:], []byte("\u0085")), bytes.HasPrefix(b[i:], []byte("\u2028")), bytes.HasPrefix(b[i:], []byte("\u2029")):
			return i
		}
	}
	return -1
}
