package guidedata

import (
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guidegen/guidegen/internal/diag"
)

// FuzzVocabulary loads arbitrary vocabularies, seeded with the guide's and
// the test sites'. Problems are at lines of the file; a vocabulary loaded
// without problems has, in every kind, valid and distinct ids, each found
// by Get with its position and an anchor.
func FuzzVocabulary(f *testing.F) {
	for _, name := range []string{"../../" + VocabularyFile, "../../testdata/sites/cards/" + VocabularyFile} {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte("criteria:\n  terms:\n    - id: a\n    - id: a\n    - id: B\nthreats: {page: t.md, terms: [{id: x, anchor: y}]}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		v, err := LoadVocabulary(fstest.MapFS{VocabularyFile: {Data: src}})
		if err != nil {
			var le *diag.ListError
			var p *diag.Problem
			var ps []*diag.Problem
			switch {
			case errors.As(err, &le):
				ps = le.Problems
			case errors.As(err, &p):
				ps = []*diag.Problem{p}
			default:
				t.Fatalf("error is not a positioned problem: %v", err)
			}
			lines := yamlLines(src)
			for _, p := range ps {
				if p.Pos.File != VocabularyFile || p.Pos.Line < 1 || p.Pos.Line > lines {
					t.Fatalf("problem at %s: %v", p.Pos, p)
				}
			}
			return
		}
		for name, k := range v.Kinds() {
			seen := map[string]bool{}
			for _, id := range k.IDs() {
				term, ok := k.Get(id)
				if !validID(id) || seen[id] || !ok || term.ID != id || term.Anchor == "" || term.Pos().File != VocabularyFile || term.Pos().Line < 1 {
					t.Fatalf("%s: term %q (seen before: %v) is %+v at %s", name, id, seen[id], term, term.Pos())
				}
				seen[id] = true
			}
		}
	})
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
