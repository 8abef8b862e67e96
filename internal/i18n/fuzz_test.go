package i18n

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guidegen/guidegen/internal/diag"
)

// FuzzLoad loads a site whose Dutch locale file is arbitrary, beside the
// bundled guide's English one; seeded with every locale file of the
// guide and the test sites. A file is refused with problems that name it
// (and, where the YAML says, a line in it), or it loads, and then every
// message has the position of its key, and every plain English string is
// localized in Dutch as the Dutch text, or the English one when the Dutch
// file lacks it.
func FuzzLoad(f *testing.F) {
	en, err := os.ReadFile("../../locales/en.yaml")
	if err != nil {
		f.Fatal(err)
	}
	seeds, _ := filepath.Glob("../../testdata/sites/*/locales/*.yaml")
	for _, name := range append(seeds, "../../locales/nl.yaml", "../../locales/en.yaml") {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, s := range []string{"", "a: {other: x, one: y}\n", "a:\n  b: c\na.b: d\n", "a: {hash: 1, othr: x}\n", "- x\n", "a: [x]\n", "a: '{{.X'\n", "\ufeffa: b\r\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, nl []byte) {
		cfg := mustConfig(t)
		const name = Dir + "/nl.yaml"
		fsys := fstest.MapFS{Dir + "/en.yaml": {Data: en}, name: {Data: nl}}
		c, err := Load(fsys, nil, cfg)
		if err != nil {
			lines := yamlLines(nl)
			for _, p := range problems(t, err) {
				if p.Pos.File != name || p.Pos.Line < 0 || p.Pos.Line > lines {
					t.Fatalf("problem at %s, not in %s (%d lines): %v", p.Pos, name, lines, p)
				}
			}
			return
		}
		files := c.Files("nl")
		if len(files) != 1 {
			t.Fatalf("%d files for nl", len(files))
		}
		ids := files[0].IDs()
		if !slices.IsSorted(ids) || len(slices.Compact(slices.Clone(ids))) != len(ids) {
			t.Fatalf("IDs not sorted and unique: %q", ids)
		}
		for _, id := range ids {
			m := files[0].Messages[id]
			if m.ID != id || m.Pos.File != name || m.Pos.Line < 1 {
				t.Fatalf("message %q has id %q and position %s", id, m.ID, m.Pos)
			}
		}
		// A plain string (no plural forms, no template) is the Dutch
		// text when the Dutch file has one, else the English.
		tr := c.Translator("nl")
		plain := func(m *Message) bool {
			return m != nil && m.Zero == "" && m.One == "" && m.Two == "" && m.Few == "" && m.Many == "" &&
				m.LeftDelim == "" && !bytes.Contains([]byte(m.Other), []byte("{{"))
		}
		nlm := c.Messages("nl")
		for id, m := range c.Messages("en") {
			want := m.Other
			if t, ok := nlm[id]; ok {
				if !plain(t) {
					continue
				}
				want = t.Other
			} else if !plain(m) {
				continue
			}
			if got, err := tr.T(id); got != want || err != nil {
				t.Fatalf("T(%q) = %q, %v; want %q", id, got, err, want)
			}
		}
	})
}

// problems returns the problems of an error; an error that is not made
// of positioned problems fails the test.
func problems(t *testing.T, err error) []*diag.Problem {
	t.Helper()
	var le *diag.ListError
	var p *diag.Problem
	switch {
	case errors.As(err, &le):
		return le.Problems
	case errors.As(err, &p):
		return []*diag.Problem{p}
	}
	t.Fatalf("error is not a positioned problem: %v", err)
	return nil
}

// yamlLines returns the number of lines of src as YAML counts them (LF,
// CRLF, a lone CR, NEL, LS and PS break lines), plus one for the end.
func yamlLines(src []byte) int {
	s := strings.ReplaceAll(string(src), "\r\n", "\n")
	n := 1
	for _, sep := range []string{"\n", "\r", "\u0085", "\u2028", "\u2029"} {
		n += strings.Count(s, sep)
	}
	return n + 1
}
