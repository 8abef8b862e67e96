package build_test

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/guidegen/guidegen"
	"github.com/guidegen/guidegen/internal/build"
	"github.com/guidegen/guidegen/internal/sitefs"
)

// memSink is an in-memory site: a file per slash path.
type memSink struct {
	mu    sync.Mutex
	files map[string][]byte
}

func newMemSink() *memSink { return &memSink{files: map[string][]byte{}} }

func (m *memSink) put(rel, source string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.files[rel]; ok {
		return fmt.Errorf("%s: written twice (%s)", rel, source)
	}
	m.files[rel] = data
	return nil
}

func (m *memSink) WriteFile(rel, source string, data []byte) error {
	return m.put(rel, source, bytes.Clone(data))
}

func (m *memSink) CopyFile(fsys fs.FS, name, rel, source string) error {
	f, err := fsys.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return err
	}
	return m.put(rel, source, data)
}

// diffSinks returns the first differences between two in-memory sites.
func diffSinks(a, b *memSink) []string {
	var out []string
	for name, da := range a.files {
		db, ok := b.files[name]
		switch {
		case !ok:
			out = append(out, name+": only in the incremental build")
		case !bytes.Equal(da, db):
			out = append(out, name+": differs")
		}
	}
	for name := range b.files {
		if _, ok := a.files[name]; !ok {
			out = append(out, name+": only in the full build")
		}
	}
	slices.Sort(out)
	if len(out) > 5 {
		out = append(out[:5], fmt.Sprintf("and %d more", len(out)-5))
	}
	return out
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestEngineIncrementalEqualsFull applies random edits to a copy of the
// fixture site (page text, headings, titles, a UI string, a template, a
// deleted page, a new page, a new translation, a restored page) and after
// each one compares Engine.Build, told what changed, with a fresh Render
// of the same site: every file byte for byte, the error and the warnings.
func TestEngineIncrementalEqualsFull(t *testing.T) {
	for seed := range uint64(3) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) { testIncremental(t, seed) })
	}
}

func testIncremental(t *testing.T, seed uint64) {
	dir := siteWith(t, nil)
	site, err := sitefs.Open(dir, guidegen.Bundled())
	if err != nil {
		t.Fatal(err)
	}
	defer site.Close()
	orig := map[string][]byte{}
	pages := func() []string {
		var out []string
		_ = filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
				rel, _ := filepath.Rel(dir, p)
				out = append(out, filepath.ToSlash(rel))
			}
			return nil
		})
		slices.Sort(out)
		return out
	}
	for _, p := range pages() {
		orig[p], _ = os.ReadFile(filepath.Join(dir, p))
	}
	read := func(rel string) string {
		b, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		return string(b)
	}
	write := func(rel, text string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := rand.New(rand.NewPCG(seed, 13))
	pick := func(list []string) string { return list[r.IntN(len(list))] }

	e := build.NewEngine(build.Options{Site: site})
	check := func(step int, what string, changed []string) build.Stats {
		t.Helper()
		inc := newMemSink()
		sumI, st, errI := e.Build(inc, changed)
		full := newMemSink()
		sumF, errF := build.Render(build.Options{Site: site}, full)
		if errI != nil {
			t.Logf("step %d: the build fails: %.200s", step, errI)
		}
		if errText(errI) != errText(errF) {
			t.Fatalf("step %d (%s): incremental error\n%v\nfull build error\n%v", step, what, errI, errF)
		}
		if d := diffSinks(inc, full); len(d) > 0 {
			t.Fatalf("step %d (%s, %+v): the incremental build differs from a full one:\n%s", step, what, st, strings.Join(d, "\n"))
		}
		if len(sumI.Warnings) != len(sumF.Warnings) {
			t.Fatalf("step %d (%s): %d warnings, a full build has %d", step, what, len(sumI.Warnings), len(sumF.Warnings))
		}
		return st
	}
	check(0, "first build", nil)
	reused := 0
	for step := 1; step <= 40; step++ {
		var what string
		var changed []string
		ps := pages()
		switch op := r.IntN(10); op {
		case 0, 1: // page text
			p := pick(ps)
			write(p, read(p)+fmt.Sprintf("\nMore text, step %d.\n", step))
			what, changed = "text of "+p, []string{p}
		case 2: // a heading
			p := pick(ps)
			text := read(p)
			if i := strings.Index(text, "\n## "); i >= 0 && r.IntN(2) == 0 {
				j := i + 1 + strings.IndexByte(text[i+1:], '\n')
				text = text[:j] + fmt.Sprintf(" %d", step) + text[j:]
			} else {
				text += fmt.Sprintf("\n## Heading %d\n\nText.\n", step)
			}
			write(p, text)
			what, changed = "a heading of "+p, []string{p}
		case 3: // a title (the navigation's pages among them)
			p := pick(ps)
			lines := strings.Split(read(p), "\n")
			for i, l := range lines {
				if strings.HasPrefix(l, "title:") {
					lines[i] = fmt.Sprintf("title: Title %d", step)
					break
				}
			}
			write(p, strings.Join(lines, "\n"))
			what, changed = "the title of "+p, []string{p}
		case 4: // a UI string
			write("locales/en.yaml", fmt.Sprintf("fixture_footer: Fixture footer %d, only in English.\n", step))
			what, changed = "a UI string", []string{"locales/en.yaml"}
		case 5: // a template
			write("templates/partials/footer.html", read("templates/partials/footer.html")+fmt.Sprintf("<!-- %d -->\n", step))
			what, changed = "a template", []string{"templates/partials/footer.html"}
		case 6: // a deleted page
			p := pick(ps)
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
				t.Fatal(err)
			}
			what, changed = "deleted "+p, []string{p}
		case 7: // a new translation of a page that has none
			var missing []string
			for _, p := range ps {
				if nl, ok := strings.CutPrefix(p, "content/en/"); ok && !slices.Contains(ps, "content/nl/"+nl) {
					missing = append(missing, p)
				}
			}
			if len(missing) == 0 {
				continue
			}
			p := pick(missing)
			nl := "content/nl/" + strings.TrimPrefix(p, "content/en/")
			write(nl, strings.Replace(read(p), "title:", "title: NL", 1))
			what, changed = "new translation "+nl, []string{nl}
		case 8: // a new page, linked from nowhere
			p := fmt.Sprintf("content/en/new/page-%d.md", step)
			write(p, fmt.Sprintf("---\ntitle: New %d\ndescription: A new page.\n---\n\n## New\n\nText [back](../guide.md#links).\n", step))
			what, changed = "new page "+p, []string{p}
		default: // restore a page of the fixture
			var names []string
			for p := range orig {
				names = append(names, p)
			}
			slices.Sort(names)
			p := pick(names)
			write(p, string(orig[p]))
			what, changed = "restored "+p, []string{p}
		}
		st := check(step, what, changed)
		t.Logf("step %d: %s: %d rendered, %d reused, full %v", step, what, st.Rendered, st.Reused, st.Full)
		reused += st.Reused
	}
	if reused == 0 {
		t.Error("no page was ever reused: the engine rebuilt everything every time")
	}
}
