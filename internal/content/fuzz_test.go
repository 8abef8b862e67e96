package content

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/guidedata"
	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/frontmatter"
)

// decodePage decodes the front matter of a page, as loadPage does.
func decodePage(file string, src []byte) (*Page, error) {
	p := &Page{File: file, parsed: &parsed{src: src}, Doc: &markdown.Document{FrontMatter: frontmatter.Locate(src)}}
	return p, decodeFrontMatter(file, p, frontOptions{})
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

// checkPositions fails unless err is made of problems at lines of file.
func checkPositions(t *testing.T, err error, file string, src []byte) {
	t.Helper()
	if err == nil {
		return
	}
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
		if p.Pos.File != file || p.Pos.Line < 1 || p.Pos.Line > lines {
			t.Fatalf("problem at %s, not at a line of %s (%d lines): %v", p.Pos, file, lines, p)
		}
	}
}

// FuzzFrontMatter decodes the front matter of a page and of its
// translation into the real types, checks their data against the guide's
// vocabulary and lets the translation inherit the page's data; seeded
// with the guide's and the test sites' pages and their translations.
// Problems are at lines of the file they are about; a page decoded
// without problems has a title and a description; inheriting keeps the
// source page's recommendations, lets the translation's values win and
// changes neither page's data; and data that passes its checks inherits
// data that passes them.
func FuzzFrontMatter(f *testing.F) {
	vocab, err := guidedata.LoadVocabulary(os.DirFS("../.."))
	if err != nil {
		f.Fatal(err)
	}
	var sources []string
	for _, p := range []string{"../../content/en/*.md", "../../content/en/*/*.md", "../../testdata/sites/*/content/en/*.md"} {
		names, _ := filepath.Glob(p)
		sources = append(sources, names...)
	}
	for _, en := range sources {
		a, err := os.ReadFile(en)
		if err != nil {
			f.Fatal(err)
		}
		b, _ := os.ReadFile(strings.Replace(en, "/en/", "/nl/", 1))
		f.Add(a, b)
	}
	if len(sources) == 0 {
		f.Fatal("no seed pages")
	}
	f.Add([]byte("---\ntitle: T\ndescription: D\nrecommendations:\n  a: {name: A, network: centralized, links: {homepage: https://a}}\n---\n"),
		[]byte("---\ntitle: T\ndescription: D\nrecommendations:\n  a: {name: B, downloads: {web: https://b}, properties: {audited: {note: n}}}\n  b: {}\n---\n"))
	f.Fuzz(func(t *testing.T, en, nl []byte) {
		const enFile, nlFile = "content/en/p.md", "content/nl/p.md"
		src, err := decodePage(enFile, en)
		checkPositions(t, err, enFile, en)
		if err != nil {
			return
		}
		tr, err := decodePage(nlFile, nl)
		checkPositions(t, err, nlFile, nl)
		if err != nil {
			return
		}
		for _, p := range []*Page{src, tr} {
			if strings.TrimSpace(p.Front.Title) == "" || strings.TrimSpace(p.Front.Description) == "" {
				t.Fatalf("%s decoded without a title or description: %+v", p.File, p.Front)
			}
		}
		srcErr := src.Front.data().Check(vocab, true, nil, src.at)
		checkPositions(t, srcErr, enFile, en)
		trErr := tr.Front.data().Check(vocab, false, nil, tr.at)
		checkPositions(t, trErr, nlFile, nl)

		d, err := guidedata.Inherit(src.Front.data(), tr.Front.data(), tr.at)
		checkPositions(t, err, nlFile, nl)
		again, _ := decodePage(enFile, en)
		againTr, _ := decodePage(nlFile, nl)
		if !reflect.DeepEqual(src.Front.data(), again.Front.data()) || !reflect.DeepEqual(tr.Front.data(), againTr.Front.data()) {
			t.Fatal("Inherit changed a page's data")
		}
		if !reflect.DeepEqual(d.IDs(), src.Front.data().IDs()) {
			t.Fatalf("inherited recommendations %q, source %q", d.IDs(), src.Front.data().IDs())
		}
		for id, r := range d.Recommendations {
			s, o := src.Front.Recommendations[id], tr.Front.Recommendations[id]
			if s == nil || o == nil {
				continue
			}
			for _, c := range []struct{ got, over, base string }{
				{r.Name, o.Name, s.Name}, {r.Logo, o.Logo, s.Logo}, {strings.Join(r.Network, ","), strings.Join(o.Network, ","), strings.Join(s.Network, ",")},
				{r.Links.Homepage, o.Links.Homepage, s.Links.Homepage}, {r.Links.Onion, o.Links.Onion, s.Links.Onion},
			} {
				if want := cmpOr(c.over, c.base); c.got != want {
					t.Fatalf("%s: inherited %q from %q over %q", id, c.got, c.over, c.base)
				}
			}
			for k, u := range o.Downloads {
				if r.Downloads[k] != u {
					t.Fatalf("%s: download %s is %q, the translation's %q", id, k, r.Downloads[k], u)
				}
			}
			for k, u := range s.Downloads {
				if _, over := o.Downloads[k]; !over && r.Downloads[k] != u {
					t.Fatalf("%s: download %s is %q, the source's %q", id, k, r.Downloads[k], u)
				}
			}
		}
		if err == nil && srcErr == nil && trErr == nil {
			if err := d.Check(vocab, true, nil, tr.at); err != nil {
				t.Fatalf("valid data inherits invalid data: %v", err)
			}
		}
	})
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
