package translation

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"github.com/guidegen/guidegen/internal/content"
	"github.com/guidegen/guidegen/internal/diag"
)

// PageDiff is what changed in the source page of a translation since the
// translation was stamped.
type PageDiff struct {
	// File is the translation, Source its source page.
	File   string `json:"file"`
	Source string `json:"source_file"`
	Locale string `json:"locale"`
	State  State  `json:"state"`
	// SourceHash is the source page's current hash, StampedHash the
	// translation's source_hash.
	SourceHash  string `json:"source_hash"`
	StampedHash string `json:"stamped_hash,omitempty"`
	// Stamped names the version of the source page the translation was
	// stamped against (a commit, the staged version); Commit is its hash.
	// Both are "" when it was not found; Note then says why.
	Stamped string `json:"stamped_version,omitempty"`
	Commit  string `json:"stamped_commit,omitempty"`
	Note    string `json:"note,omitempty"`
	// ByStructure is true when the stamped version was not found:
	// Changes then hold the source's segments that no segment of the
	// translation lines up with (added) and the translation's segments
	// that line up with none of the source's (removed, with only
	// Translation), found by the pages' structure alone.
	ByStructure bool     `json:"by_structure"`
	Counts      Counts   `json:"counts"`
	Changes     []Change `json:"changes"`
}

// Counts count changed segments.
type Counts struct {
	Changed int `json:"changed"`
	Added   int `json:"added"`
	Removed int `json:"removed"`
}

// Total is the number of segments that changed, were added or removed.
func (c Counts) Total() int { return c.Changed + c.Added + c.Removed }

func (c Counts) String() string {
	var parts []string
	for _, p := range []struct {
		n    int
		verb string
	}{{c.Changed, "changed"}, {c.Added, "added"}, {c.Removed, "removed"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.verb))
		}
	}
	switch c.Total() {
	case 0:
		return "no segment differs"
	case 1:
		return "1 segment differs: " + parts[0]
	}
	return fmt.Sprintf("%d segments differ: %s", c.Total(), strings.Join(parts, ", "))
}

// Diff tells what changed in the source page of the translation name (a
// file relative to the working directory or to the site) since it was
// stamped: it finds the stamped version of the source page in h, compares
// its segments with the source page's now (DiffSegments), and shows each
// changed segment with the translation's segment that translated it
// (Align). It needs s.FS and s.Markdown.
func Diff(s *Site, h *History, name string) (*PageDiff, error) {
	rel, err := s.readable(name)
	if err != nil {
		return nil, err
	}
	def := s.Config.DefaultLocale
	top := diag.Pos{File: rel, Line: 1, Col: 1}
	parts := strings.SplitN(rel, "/", 3)
	if len(parts) < 3 || parts[0] != content.Dir || !strings.HasSuffix(rel, ".md") {
		return nil, diag.Errorf(top, "not a translated page: diff takes a page under %s/<locale>/", content.Dir)
	}
	locale, p := parts[1], parts[2]
	if _, ok := s.Config.Locale(locale); !ok || locale == def {
		return nil, diag.Errorf(top, "not a translated page: %q is not a locale the site translates into (%s is the source language)", locale, def)
	}
	tr, err := s.readCurrent(locale, p)
	if err != nil {
		return nil, err
	}
	cur, err := h.currentText(p)
	if err != nil {
		return nil, diag.Errorf(top, "no source page %s/%s/%s: %v", content.Dir, def, p, err)
	}
	d := &PageDiff{File: rel, Source: cur.File, Locale: locale, SourceHash: SourceHash(cur.Page), StampedHash: tr.Page.Front.SourceHash, Changes: []Change{}}
	switch {
	case d.StampedHash == "":
		d.State = Unstamped
		d.Note = "the page has no source_hash, so the version of the source page it translates is unknown"
	case HashMatches(cur.Page, d.SourceHash, d.StampedHash):
		d.State = Translated
		d.Stamped = "the file as it is"
		return d, nil
	default:
		d.State = Outdated
		old, err := h.StampedText(p, d.StampedHash)
		if err == nil {
			d.Stamped, d.Commit = old.Version, old.Commit
			d.Changes = changes(old, cur, tr)
			d.count()
			return d, nil
		}
		d.Note = noHistory(err)
	}
	d.ByStructure = true
	d.Changes = byStructure(cur, tr)
	d.count()
	return d, nil
}

func (d *PageDiff) count() {
	for _, c := range d.Changes {
		switch c.Op {
		case Changed:
			d.Counts.Changed++
		case Added:
			d.Counts.Added++
		case Removed:
			d.Counts.Removed++
		}
	}
}

// changes compares the stamped version old with the source page now, and
// finds the translation's segments for the old ones.
func changes(old, cur, tr *Text) []Change {
	cs := DiffSegments(old.Segments, cur.Segments)
	align := Align(old.Segments, tr.Segments)
	index := map[*TextSegment]int{}
	for i, sg := range old.Segments {
		index[sg] = i
	}
	for k := range cs {
		c := &cs[k]
		if c.Old != nil {
			if j := align[index[c.Old]]; j >= 0 {
				c.Translation = tr.Segments[j]
			}
			continue
		}
		for i := c.at; i >= 0; i-- {
			if j := align[i]; j >= 0 {
				c.After = tr.Segments[j]
				break
			}
		}
	}
	return cs
}

// byStructure lists the segments of the source page and of the
// translation that do not line up.
func byStructure(cur, tr *Text) []Change {
	align := Align(cur.Segments, tr.Segments)
	used := make([]bool, len(tr.Segments))
	var out []Change
	for i, j := range align {
		if j >= 0 {
			used[j] = true
			continue
		}
		c := Change{Op: Added, New: cur.Segments[i]}
		for k := i - 1; k >= 0; k-- {
			if align[k] >= 0 {
				c.After = tr.Segments[align[k]]
				break
			}
		}
		out = append(out, c)
	}
	for j, u := range used {
		if !u && tr.Segments[j].Prose {
			out = append(out, Change{Op: Removed, Translation: tr.Segments[j]})
		}
	}
	return out
}

// WriteJSON writes the diff as indented JSON.
func (d *PageDiff) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(d)
}

// WriteText writes the diff for people.
func (d *PageDiff) WriteText(w io.Writer) error {
	ew := &errWriter{w: w}
	switch d.State {
	case Translated:
		ew.printf("%s is up to date with %s: nothing changed since it was stamped.\n", d.File, d.Source)
		return ew.err
	case Outdated:
		ew.printf("%s: %s changed since the page was stamped.\n", d.File, d.Source)
	default:
		ew.printf("%s: %s.\n", d.File, d.Note)
	}
	if !d.ByStructure {
		ew.printf("Stamped against %s; since then, %s.\n", d.Stamped, d.Counts)
		if d.Counts.Total() == 0 {
			ew.printf("The segments are the same; what changed is the structure around them (lists, admonitions, attributes), code, or an HTML block.\n")
		}
	} else {
		if d.State == Outdated {
			ew.printf("%s.\n", upperFirst(d.Note))
		}
		ew.printf("By the pages' structure alone: %s of %s %s no counterpart in %s; %s of %s %s none in %s.\n",
			countOf(d.Counts.Added, "segment", "segments"), d.Source, has(d.Counts.Added), d.File,
			countOf(d.Counts.Removed, "segment", "segments"), d.File, has(d.Counts.Removed), d.Source)
		ew.printf("Changed text in segments that line up cannot be told without the stamped version.\n")
	}
	src := d.Source
	for _, c := range d.Changes {
		ew.printf("\n")
		switch {
		case d.ByStructure && c.Op == Added:
			ew.printf("%s:%d: %s without a counterpart in %s\n", src, c.New.Line, c.New.Kind, d.File)
			writeText(ew, "text", c.New.Markdown)
			if c.After != nil {
				ew.printf("  goes after %s:%d\n", d.File, c.After.Line)
			}
		case d.ByStructure:
			ew.printf("%s:%d: %s without a counterpart in %s\n", d.File, c.Translation.Line, c.Translation.Kind, src)
			writeText(ew, d.Locale, c.Translation.Markdown)
		case c.Op == Changed:
			ew.printf("%s:%d: changed %s (line %d in the stamped version)\n", src, c.New.Line, c.New.Kind, c.Old.Line)
			writeText(ew, "old", c.Old.Markdown)
			writeText(ew, "new", c.New.Markdown)
			writeText(ew, "diff", FormatWords(c.Words))
			writeTranslated(ew, d.File, d.Locale, c.Translation)
		case c.Op == Removed:
			ew.printf("%s: removed %s (line %d in the stamped version)\n", src, c.Old.Kind, c.Old.Line)
			writeText(ew, "old", c.Old.Markdown)
			writeTranslated(ew, d.File, d.Locale, c.Translation)
		default:
			ew.printf("%s:%d: added %s\n", src, c.New.Line, c.New.Kind)
			writeText(ew, "new", c.New.Markdown)
			if c.After != nil {
				ew.printf("  goes after %s:%d\n", d.File, c.After.Line)
			}
		}
	}
	return ew.err
}

func writeTranslated(w *errWriter, file, locale string, t *TextSegment) {
	if t == nil {
		w.printf("  no segment of %s lines up with it\n", file)
		return
	}
	w.printf("  translated at %s:%d\n", file, t.Line)
	writeText(w, locale, t.Markdown)
}

// writeText writes a labelled text, indented; a code block keeps its
// lines.
func writeText(w *errWriter, label, text string) {
	lines := strings.Split(text, "\n")
	w.printf("  %-5s %s\n", label+":", lines[0])
	for _, l := range lines[1:] {
		w.printf("        %s\n", l)
	}
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// has agrees with a count.
func has(n int) string {
	if n == 1 {
		return "has"
	}
	return "have"
}

// readable returns the slash path of a file of the site to read: as
// relative does, or, in the bundled guide, the path itself.
func (s *Site) readable(name string) (string, error) {
	if s.Dir != "" || s.FS == nil {
		return s.relative(name)
	}
	rel := path.Clean(filepath.ToSlash(name))
	if _, err := fs.Stat(s.FS, rel); err != nil || !fs.ValidPath(rel) {
		return "", fmt.Errorf("%s: no such file in the bundled guide", name)
	}
	return rel, nil
}
