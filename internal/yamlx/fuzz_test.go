package yamlx

import (
	"errors"
	"testing"

	"github.com/guidegen/guidegen/internal/diag"
)

// FuzzUnmarshal decodes arbitrary YAML into a typed struct: it must not
// panic, and every problem must carry a position in the file.
func FuzzUnmarshal(f *testing.F) {
	for _, s := range []string{
		"title: x\n", "titel: x\n", "weight: [1]\n", "a: &x 1\nb: *x\n", "links: {homepage: 1}\n",
		"extra:\n  a: {count: x}\n", ": :\n", "- a\n- b\n", "\t", "title: \"x\n", "{", "!!binary x",
		"tags: &t [a, *t]\n", "a: &a [x, x]\nb: &b [*a, *a]\ntags: [*b, *b]\n",
	} {
		f.Add(s)
	}
	src := Source{File: "f.md", LineOffset: 1}
	f.Fuzz(func(t *testing.T, s string) {
		var v outer
		err := src.Unmarshal([]byte(s), &v)
		if err == nil {
			return
		}
		var le *diag.ListError
		var p *diag.Problem
		switch {
		case errors.As(err, &le):
			for _, p := range le.Problems {
				if p.Pos.File != "f.md" || p.Pos.Line < 2 {
					t.Fatalf("problem without position: %v", p)
				}
			}
		case errors.As(err, &p):
			if p.Pos.File != "f.md" || p.Pos.Line < 2 {
				t.Fatalf("problem without position: %v", p)
			}
		default:
			t.Fatalf("error is not a positioned problem: %v", err)
		}
	})
}
