package content

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guidegen/guidegen/internal/markdown/mdtest"
	"github.com/guidegen/guidegen/internal/yamlx"
)

// priorCases are pages whose front matter the pre-pass keeps for the
// load, and some whose it does not.
func priorCases() map[string]string {
	cases := frontCases()
	body := "\nSome text.\n"
	for name, fm := range map[string]string{
		"plain":        "title: A page\ndescription: Its description.\nweight: 3\n",
		"all":          "title: T\ndescription: D\nicon: material/chat\ncover: c.png\nweight: -1\nupdated: 2026-11-29\ndraft: true\nsource_hash: abc\n",
		"quoted":       "title: \"A: page\"\ndescription: 'It''s'\n",
		"block":        "title: T\ndescription: >\n  Folded\n  text.\n",
		"comment":      "# a comment\ntitle: T\ndescription: D\n",
		"unknown key":  "title: T\ndescription: D\ntitel: x\n",
		"no title":     "description: D\n",
		"bad date":     "title: T\ndescription: D\nupdated: 29-11-2026\n",
		"criteria":     "title: T\ndescription: D\ncriteria: {minimum: [a]}\n",
		"empty":        "",
		"data threats": "title: T\ndescription: D\nthreats: []\n",
	} {
		cases["prior "+name] = "---\n" + fm + "---\n" + body
	}
	return cases
}

// TestPriorFrontSameAsDecode: a page loaded with the front matter the
// pre-pass decoded has the front matter, problems and value positions
// of a page whose front matter is decoded again.
func TestPriorFrontSameAsDecode(t *testing.T) {
	kept := 0
	for name, src := range priorCases() {
		for _, mkdocs := range []bool{false, true} {
			if samePrior(t, name, src, mkdocs) {
				kept++
			}
		}
	}
	if kept < 8 {
		t.Fatalf("the pre-pass kept the front matter of %d pages: the test checks little", kept)
	}
}

// samePrior loads src with and without what the pre-pass kept of its
// front matter and compares them; it reports whether it kept anything.
func samePrior(t *testing.T, name, src string, mkdocs bool) bool {
	t.Helper()
	file := Dir + "/en/p.md"
	fsys := fstest.MapFS{file: {Data: []byte(src)}}
	front := frontOptions{mkdocs: mkdocs, fields: &yamlx.Fields{}}
	fd := readFront(&loader{fsys: fsys, front: front}, "en", "p.md", false)
	md := mdtest.New()
	want, wantErr := loadPage(fsys, md, "en", "p.md", nil, front)
	front.prior = fd.prior
	got, gotErr := loadPage(fsys, md, "en", "p.md", nil, front)
	// What the pre-pass kept of another page (the file changed since)
	// is not taken.
	other := fstest.MapFS{file: {Data: []byte("---\ntitle: Other\ndescription: D\n---\n")}}
	if o := readFront(&loader{fsys: other, front: front}, "en", "p.md", false); o.prior != nil && !mkdocs {
		front.prior = o.prior
		if p, err := loadPage(fsys, md, "en", "p.md", nil, front); fmt.Sprint(err) != fmt.Sprint(wantErr) || (p == nil) != (want == nil) || p != nil && !reflect.DeepEqual(p.Front, want.Front) {
			t.Errorf("%s: loaded with another page's front matter: %v", name, err)
		}
	}
	if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) || (got == nil) != (want == nil) {
		t.Errorf("%s (mkdocs %v): with the pre-pass's front matter %v, %v; decoded again %v, %v", name, mkdocs, got != nil, gotErr, want != nil, wantErr)
		return fd.prior != nil
	}
	if got == nil {
		return fd.prior != nil
	}
	if !reflect.DeepEqual(got.Front, want.Front) || !reflect.DeepEqual(got.warnings, want.warnings) {
		t.Errorf("%s (mkdocs %v): front matter %+v, warnings %v; decoded again %+v, %v", name, mkdocs, got.Front, got.warnings, want.Front, want.warnings)
	}
	for _, k := range [][]string{{"title"}, {"description"}, {"weight"}, {"updated"}, {"recommendations", "signal", "note"}, {"missing"}, nil} {
		if g, w := got.At(k...), want.At(k...); g != w {
			t.Errorf("%s (mkdocs %v): %v at %v, decoded again %v", name, mkdocs, k, g, w)
		}
	}
	return fd.prior != nil
}

// FuzzPriorFront: for any page, loading it with the front matter the
// pre-pass decoded finds what decoding it again finds.
func FuzzPriorFront(f *testing.F) {
	for _, src := range priorCases() {
		if len(src) < 1<<12 {
			f.Add(src, false)
		}
	}
	f.Fuzz(func(t *testing.T, src string, mkdocs bool) {
		if strings.Count(src, "\n") > 200 {
			return
		}
		samePrior(t, "fuzz", src, mkdocs)
	})
}
