// Package mdtest renders Markdown through the full pipeline for the tests
// of the extension packages: golden files, positions of problems, and the
// well-formedness of the HTML.
package mdtest

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/guidegen/guidegen/internal/config"
	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/golden"
	"github.com/guidegen/guidegen/internal/htmlcheck"
	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/abbr"
	"github.com/guidegen/guidegen/internal/markdown/icons"
)

// Icons returns the icon set of the repository's assets/icons in front of
// the embedded icon pack, loaded once.
var Icons = sync.OnceValue(func() *icons.Set {
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..", "..", "assets")
	set, err := icons.Load(os.DirFS(root), icons.Dir)
	if err != nil {
		panic(err)
	}
	return set
})

// Strings are English stand-ins for the UI strings renderers ask for.
func Strings(id string, args ...any) string {
	switch id {
	case "footnote_link":
		return "Footnote ^^"
	case "footnote_backlink":
		if len(args) == 2 {
			return fmt.Sprintf("Back to reference %v", args[1])
		}
	case "permalink_label":
		return "Link to this section"
	}
	if typ, ok := strings.CutPrefix(id, "admonition."); ok && typ != "" {
		return strings.ToUpper(typ[:1]) + typ[1:]
	}
	return ""
}

// Glossary returns the repository's glossary of a locale
// (locales/glossary.<locale>.txt).
func Glossary(t testing.TB, locale string) *abbr.Glossary {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	name := filepath.Join(filepath.Dir(file), "..", "..", "..", "locales", "glossary."+locale+".txt")
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	g, err := abbr.ParseGlossary(name, src)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// New returns a pipeline with the English stand-in strings; edit may
// change the options.
func New(edit ...func(*markdown.Options)) *markdown.Markdown {
	o := markdown.Options{Locale: "en", Strings: Strings, Icons: Icons()}
	for _, e := range edit {
		e(&o)
	}
	return markdown.New(o)
}

// ForLocales returns a pipeline per locale of cfg, as New makes them
// with the locale set.
func ForLocales(cfg *config.Config) map[string]*markdown.Markdown {
	mds := make(map[string]*markdown.Markdown, len(cfg.Locales))
	for _, l := range cfg.Locales {
		mds[l.Code] = New(func(o *markdown.Options) { o.Locale = l.Code })
	}
	return mds
}

// Render parses and renders src.
func Render(t testing.TB, m *markdown.Markdown, src string) (string, *markdown.Document) {
	t.Helper()
	d := m.Parse("test.md", "", []byte(src))
	var b markdown.Buffer
	if err := m.Render(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.String(), d
}

// Problems returns the document's problems as "line:col: message" lines.
func Problems(d *markdown.Document) []string {
	var out []string
	for _, p := range d.Problems {
		s := fmt.Sprintf("%d:%d: %s", p.Pos.Line, p.Pos.Col, p.Msg)
		if p.Severity == diag.Warning {
			s += " (warning)"
		}
		out = append(out, s)
	}
	return out
}

// Golden renders every testdata/*.md file and compares the HTML with the
// .html file beside it (-update rewrites them). The output must be well
// formed and the fixtures must not have problems, unless listed in a
// .problems file beside them.
func Golden(t *testing.T, m *markdown.Markdown) {
	t.Helper()
	files, err := filepath.Glob("testdata/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/*.md fixtures: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got, d := Render(t, m, string(src))
			if err := htmlcheck.WellFormed(got); err != nil {
				t.Errorf("HTML is not well formed: %v", err)
			}
			base := strings.TrimSuffix(f, ".md")
			golden.Check(t, base+".html", []byte(got))
			probs := strings.Join(Problems(d), "\n")
			if probs != "" || fileExists(base+".problems") {
				golden.Check(t, base+".problems", []byte(probs+"\n"))
			}
		})
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// Fuzz runs src through a pipeline without raw HTML: it must not panic,
// must render the same HTML twice, and the HTML must be well formed.
func Fuzz(f *testing.F, seeds ...string) {
	files, _ := filepath.Glob("testdata/*.md")
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range seeds {
		f.Add(s)
	}
	m := New(func(o *markdown.Options) { o.NoRawHTML = true })
	f.Fuzz(func(t *testing.T, src string) {
		d := m.Parse("fuzz.md", "", []byte(src))
		var a, b markdown.Buffer
		if err := m.Render(&a, d); err != nil {
			t.Fatal(err)
		}
		if err := m.Render(&b, d); err != nil {
			t.Fatal(err)
		}
		if a.String() != b.String() {
			t.Fatal("rendering twice gave different HTML")
		}
		if err := htmlcheck.WellFormed(a.String()); err != nil {
			t.Fatalf("%v\n%s", err, a.String())
		}
		for _, p := range d.Problems {
			if p.Pos.Line < 1 || p.Pos.Col < 1 {
				t.Fatalf("problem without a position: %v", p)
			}
		}
	})
}
