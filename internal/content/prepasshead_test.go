package content

import (
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guidegen/guidegen/internal/limits"
	"github.com/guidegen/guidegen/internal/yamlx"
)

// headFS is a file system in memory that reads the start of a file only
// (a limits.HeadAppender, as a site's directory is); read counts the
// bytes it gives.
type headFS struct {
	fstest.MapFS
	read int
}

func (h *headFS) AppendFileMax(dst []byte, name string, max int64) ([]byte, int64, error) {
	return h.AppendFileHead(dst, name, max+1, max)
}

func (h *headFS) AppendFileHead(dst []byte, name string, n, max int64) ([]byte, int64, error) {
	f, ok := h.MapFS[name]
	if !ok {
		return nil, 0, fs.ErrNotExist
	}
	if int64(len(f.Data)) > max {
		return nil, int64(len(f.Data)), nil
	}
	b := f.Data[:min(int64(len(f.Data)), n)]
	h.read += len(b)
	return append(dst, b...), 0, nil
}

// frontCases are pages whose front matter the pre-pass must find in the
// start of the file as in all of it.
func frontCases() map[string]string {
	body := strings.Repeat("Some text of the page, é and ü, long enough.\n\n", 200)
	fm := "---\ntitle: A page\ndescription: Its description.\nthreats: [x, y]\n---\n"
	pad := func(n int) string { return strings.Repeat("#", n) } // a comment line's text
	closeAt := func(at int, close string) string {
		// front matter whose closing line starts at offset at
		s := "---\ntitle: T\ndescription: D\n#"
		return s + pad(at-len(s)-1) + "\n" + close + "\n" + body
	}
	cases := map[string]string{
		"page":                      fm + body,
		"short page":                fm + "body\n",
		"BOM":                       "\uFEFF" + fm + body,
		"CRLF":                      strings.ReplaceAll(fm+body, "\n", "\r\n"),
		"no body":                   fm,
		"not closed, long":          "---\ntitle: T\ndescription: D\n" + body,
		"not closed, short":         "---\ntitle: T\ndescription: D\n",
		"no front matter":           body,
		"blank first line":          "\n" + fm + body,
		"empty":                     "",
		"long front matter":         "---\ntitle: T\ndescription: D\nthreats: [" + strings.Repeat("x, ", 2000) + "y]\n---\n" + body,
		"close at the head's end":   closeAt(frontHead-4, "---"),
		"close cut by the head":     closeAt(frontHead-3, "---"),
		"close cut, more dashes":    closeAt(frontHead-3, "-----"),
		"close cut, not dashes":     closeAt(frontHead-3, "---x"),
		"close cut, blank after":    closeAt(frontHead-2, "--- \t"),
		"close just after the head": closeAt(frontHead+1, "---"),
		"exactly the head":          "---\ntitle: T\ndescription: D\n---\n" + strings.Repeat("b", frontHead-33),
		"invalid UTF-8 in front":    "---\ntitle: T\xff\xfe\ndescription: D\n---\n" + body,
		"rune cut after the close":  closeAt(frontHead-40, "---")[:frontHead-1] + "é" + body,
		"invalid UTF-8 after":       fm + "\xff" + body,
		"bad YAML":                  "---\ntitle: [\ndescription: D\n---\n" + body,
		"draft":                     "---\ntitle: T\ndescription: D\ndraft: true\n---\n" + body,
		"recommendations":           "---\ntitle: T\ndescription: D\nrecommendations:\n  signal:\n    note: N\n---\n" + body,
		"too large":                 fm + strings.Repeat("x", int(limits.PageSize)),
		"at the limit":              fm + strings.Repeat("x", int(limits.PageSize)-len(fm)),
		"mkdocs title":              "---\nsummary: S\n---\n" + body + "# Heading\n",
		"mkdocs without":            "# Heading\n" + body,
	}
	return cases
}

// TestReadFrontHead: the pre-pass, reading only the start of a page when
// that holds its front matter, finds what it finds reading all of it:
// the same title, data, draft flag, hash and positions, for pages whose
// front matter ends before, at and across the end of what it reads
// first, or does not end, and pages too large; and reads less of a long
// page.
func TestReadFrontHead(t *testing.T) {
	for name, src := range frontCases() {
		for _, mkdocs := range []bool{false, true} {
			for _, sum := range []bool{false, true} {
				head := sameFront(t, name, src, mkdocs, sum)
				long := len(src) > 2*frontHead && strings.HasPrefix(name, "page") || name == "BOM" || name == "CRLF" || name == "invalid UTF-8 after"
				if read := head.read; long && !mkdocs && !sum && read > frontHead {
					t.Errorf("%s: read %d bytes of %d", name, read, len(src))
				}
				if (sum || mkdocs) && head.read != len(src) && !strings.HasPrefix(name, "too large") {
					t.Errorf("%s (sum %v, mkdocs %v): read %d bytes of %d, want all", name, sum, mkdocs, head.read, len(src))
				}
			}
		}
	}
}

// sameFront compares readFront through a headFS with readFront through a
// file system that reads files whole, and returns the headFS.
func sameFront(t *testing.T, name, src string, mkdocs, sum bool) *headFS {
	t.Helper()
	file := Dir + "/en/p.md"
	whole := fstest.MapFS{file: {Data: []byte(src)}}
	head := &headFS{MapFS: whole}
	front := frontOptions{mkdocs: mkdocs, fields: &yamlx.Fields{}}
	want := readFront(&loader{fsys: whole, front: front}, "en", "p.md", sum)
	got := readFront(&loader{fsys: head, front: front}, "en", "p.md", sum)
	if got.ok != want.ok || got.draft != want.draft || got.title != want.title || got.hash != want.hash ||
		got.read != want.read || got.sum != want.sum || !reflect.DeepEqual(got.data, want.data) {
		t.Errorf("%s (mkdocs %v, sum %v): from the head: ok %v draft %v title %q read %v data %+v; from all: ok %v draft %v title %q read %v data %+v",
			name, mkdocs, sum, got.ok, got.draft, got.title, got.read, got.data, want.ok, want.draft, want.title, want.read, want.data)
	}
	if got.ok && want.ok {
		for _, k := range [][]string{{"title"}, {"description"}, {"threats"}, {"recommendations", "signal", "note"}, {"missing"}} {
			if g, w := got.at(k...), want.at(k...); g != w {
				t.Errorf("%s: %v at %v from the head, %v from all", name, k, g, w)
			}
		}
	}
	return head
}

// FuzzReadFrontHead: for any page, padded so that its front matter may
// end anywhere around the end of what the pre-pass reads first, reading
// the start finds what reading all of it finds.
func FuzzReadFrontHead(f *testing.F) {
	for _, src := range frontCases() {
		if len(src) < 1<<16 {
			f.Add(src, uint16(0), false)
		}
	}
	f.Add("---\ntitle: T\ndescription: D\n---\n", uint16(frontHead-30), false)
	f.Fuzz(func(t *testing.T, src string, pad uint16, mkdocs bool) {
		if strings.HasPrefix(src, "---\n") && pad > 0 {
			src = "---\n#" + strings.Repeat("p", int(pad)) + "\n" + src[4:]
		}
		sameFront(t, "fuzz", src, mkdocs, false)
	})
}
