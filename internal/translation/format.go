package translation

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"
)

// WriteJSON writes the report as indented JSON. Field names and order are
// stable; lists are sorted (pages by path, strings by id, segments and
// headings in document order).
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteTable writes the report for people: per locale, the counts, a table
// of pages, then what needs doing.
func (r *Report) WriteTable(w io.Writer) error {
	ew := &errWriter{w: w}
	ew.printf("Translation status (source language: %s, %s)\n", r.Source.Name, r.Source.Code)
	for _, loc := range r.Locales {
		loc.writeTable(ew, r.Source.Code)
	}
	return ew.err
}

func (loc *Locale) writeTable(w *errWriter, src string) {
	p, s, g := loc.Pages, loc.Strings, loc.Segments
	w.printf("\n%s (%s)\n", loc.Name, loc.Code)
	w.printf("  pages     %d: %d translated, %d outdated, %d unstamped, %d missing",
		p.Total, p.Translated, p.Outdated, p.Unstamped, p.Missing)
	if p.InProgress > 0 {
		w.printf("; %d in progress (drafts, shown in %s until done)", p.InProgress, src)
	}
	w.printf("\n")
	w.printf("  strings   %d: %d translated, %d outdated, %d unstamped, %d missing", s.Total, s.Translated, s.Outdated, s.Unstamped, s.Missing)
	if s.Obsolete > 0 {
		w.printf("; %d obsolete", s.Obsolete)
	}
	if s.Identical > 0 {
		w.printf("; %d still identical to %s (add %s to the description of those that are on purpose)", s.Identical, src, IdenticalMarker)
	}
	w.printf("\n  segments  %d on translated pages: %d still identical to %s%s\n", g.Total, g.Untranslated, src, percent(g.Untranslated, g.Total))

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "\n  PAGE\tSTATE\tUNTRANSLATED\tHEADINGS\n")
	for _, pg := range loc.PageList {
		segs, heads := "-", "-"
		if pg.Segments != nil {
			segs = fmt.Sprintf("%d of %d%s", pg.Segments.Untranslated, pg.Segments.Total, percent(pg.Segments.Untranslated, pg.Segments.Total))
		}
		if h := pg.Headings; h != nil {
			heads = "aligned"
			if !h.OK() {
				heads = fmt.Sprintf("%d of %d aligned (%d in %s)", h.Aligned, h.Translation, h.Source, src)
			}
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", pg.Path, pg.State, segs, heads)
	}
	flush(tw, w)

	var stale []*Page
	for _, pg := range loc.PageList {
		if pg.State == Outdated || pg.State == Unstamped {
			stale = append(stale, pg)
		}
	}
	if len(stale) > 0 {
		w.printf("\n  To stamp once up to date (guidegen i18n stamp FILE):\n")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, pg := range stale {
			fmt.Fprintf(tw, "    %s\t%s\n", pg.File, staleReason(pg))
		}
		flush(tw, w)
	}
	if loc.Segments.Untranslated > 0 {
		w.printf("\n  Segments still identical to %s:\n", src)
		for _, pg := range loc.PageList {
			if pg.Segments == nil {
				continue
			}
			for _, sg := range pg.Segments.List {
				w.printf("    %s:%d:%d  %s  %s\n", pg.File, sg.Line, sg.Col, sg.Kind, quote(sg.Text))
			}
		}
	}
	var headed bool
	for _, pg := range loc.PageList {
		h := pg.Headings
		if h == nil || h.OK() {
			continue
		}
		if !headed {
			w.printf("\n  Headings that do not line up with %s (ids and anchors differ):\n", src)
			headed = true
		}
		for _, hd := range h.Unaligned {
			w.printf("    %s:%d:%d  h%d %s has no counterpart in %s; its id is #%s\n", pg.File, hd.Line, hd.Col, hd.Level, quote(hd.Text), pg.Source, hd.ID)
		}
		for _, hd := range h.Missing {
			w.printf("    %s  h%d %s (#%s) has no counterpart in %s, which lacks that anchor\n", pg.Source, hd.Level, quote(hd.Text), hd.ID, pg.File)
		}
	}
	if len(loc.StringList) > 0 {
		w.printf("\n  UI strings:\n")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, st := range loc.StringList {
			where := quote(st.Text)
			if st.File != "" {
				where = fmt.Sprintf("%s:%d:%d", st.File, st.Line, st.Col)
			}
			fmt.Fprintf(tw, "    %s\t%s\t%s\n", st.State, st.ID, where)
		}
		flush(tw, w)
	}
}

func flush(tw *tabwriter.Writer, w *errWriter) {
	if err := tw.Flush(); err != nil && w.err == nil {
		w.err = err
	}
}

func staleReason(pg *Page) string {
	if pg.State == Outdated {
		switch {
		case pg.Changes != nil:
			return fmt.Sprintf("%s changed since it was stamped; %s; see guidegen i18n diff %s", pg.Source, pg.Changes, pg.File)
		case pg.ChangesUnknown != "":
			return fmt.Sprintf("%s changed since it was stamped; which segments is unknown: %s", pg.Source, pg.ChangesUnknown)
		}
		return pg.Source + " changed since it was stamped"
	}
	return "no source_hash, so whether it is up to date is unknown"
}

// percent formats n/total as " (N%)", rounded down; "" when total is 0.
func percent(n, total int) string {
	if total == 0 || n == 0 {
		return ""
	}
	return fmt.Sprintf(" (%d%%)", n*100/total)
}

// quote quotes a text, shortened to about 60 characters.
func quote(s string) string {
	const limit = 60
	if utf8.RuneCountInString(s) > limit {
		r := []rune(s)
		s = strings.TrimSpace(string(r[:limit-1])) + "…"
	}
	return fmt.Sprintf("%q", s)
}

// errWriter keeps the first write error.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) {
	fmt.Fprintf(e, format, args...)
}
