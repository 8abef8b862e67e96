package build_test

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/guidegen/guidegen"
	"github.com/guidegen/guidegen/internal/build"
	"github.com/guidegen/guidegen/internal/sitefs"
	"github.com/guidegen/guidegen/internal/sitegen"
)

// memSink is an in-memory site: a file per slash path.
type memSink struct {
	mu    sync.Mutex
	files map[string][]byte
}

func newMemSink() *memSink { return &memSink{files: make(map[string][]byte, 1<<14)} }

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

// WriteFileShared keeps data, which the engine never changes.
func (m *memSink) WriteFileShared(rel, source string, data []byte) error {
	return m.put(rel, source, data)
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
// template and a page at once, a deleted page, a new page, a new
// translation, a restored page, a directory of pages replaced by another
// with the same names, a locale dropped from or added to guidegen.yaml)
// and after each one compares Engine.Build, told what changed, with a
// fresh Render of the same site: every file byte for byte, the error and
// the warnings.
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
		switch op := r.IntN(13); op {
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
		case 9: // a template and a page's text (and title) at once: the engine renders every page, keeping what it can of the pages' files and search entries
			p := pick(ps)
			text := read(p) + fmt.Sprintf("\nMore text, step %d.\n", step)
			what = "a template and the text of " + p
			if r.IntN(2) == 0 {
				text = strings.Replace(text, "\ntitle:", fmt.Sprintf("\ntitle: Step %d,", step), 1)
				what = "a template and the title of " + p
			}
			write(p, text)
			write("templates/partials/footer.html", read("templates/partials/footer.html")+fmt.Sprintf("<!-- %d -->\n", step))
			changed = []string{p, "templates/partials/footer.html"}
		case 10: // a directory replaced by one with the same names: only the directories are reported
			var dirs []string
			for _, p := range ps {
				if d := path.Dir(p); strings.Count(d, "/") == 2 && !slices.Contains(dirs, d) {
					dirs = append(dirs, d)
				}
			}
			if len(dirs) == 0 {
				continue
			}
			d := pick(dirs)
			old := fmt.Sprintf("%s-old-%d", d, step)
			if err := os.Rename(filepath.Join(dir, filepath.FromSlash(d)), filepath.Join(dir, filepath.FromSlash(old))); err != nil {
				t.Fatal(err)
			}
			for _, p := range ps {
				if rest, ok := strings.CutPrefix(p, d+"/"); ok {
					write(p, read(old+"/"+rest)+fmt.Sprintf("\nReplaced, step %d.\n", step))
				}
			}
			if err := os.RemoveAll(filepath.Join(dir, filepath.FromSlash(old))); err != nil {
				t.Fatal(err)
			}
			what, changed = "replaced directory "+d, []string{d, old}
		case 11: // the nl locale dropped from guidegen.yaml, or added again
			cfg := read("guidegen.yaml")
			const nl = "  - code: nl\n    name: Nederlands\n    title: Testgids\n"
			if strings.Contains(cfg, nl) {
				cfg = strings.Replace(cfg, nl, "", 1)
			} else {
				cfg = strings.Replace(cfg, "    name: English\n", "    name: English\n"+nl, 1)
			}
			write("guidegen.yaml", cfg)
			what, changed = "the locales", []string{"guidegen.yaml"}
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

// BenchmarkEngine measures the preview server's rebuilds on the generated
// corpus (GUIDEGEN_BENCH_PAGES source pages, default 5,000: 10,002
// pages) into an in-memory site: "page" edits one page (its file is
// rewritten, and Build is told) and rebuilds; "template-vs-full" edits
// the footer template, which renders every page again, and, alternating
// with it, makes a fresh Render of the same site into the same kind of
// sink, the CPU time and allocations of each. (A full build writes to
// disk as well, which costs more: Render is the stricter comparison.)
func BenchmarkEngine(b *testing.B) {
	n := 5000
	if v, err := strconv.Atoi(os.Getenv("GUIDEGEN_BENCH_PAGES")); err == nil && v > 0 {
		n = v
	}
	dir := filepath.Join(b.TempDir(), "site")
	if err := sitegen.Generate(dir, sitegen.Options{Pages: n, Translated: 0.9, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	const footer = "templates/partials/footer.html"
	footerText, err := fs.ReadFile(guidegen.Bundled(), footer)
	if err != nil {
		b.Fatal(err)
	}
	writeFooter := func(i int) {
		name := filepath.Join(dir, filepath.FromSlash(footer))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(name, fmt.Appendf(bytes.Clone(footerText), "<!-- edit %d -->\n", i), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	writeFooter(0)
	e, site := builtEngine(b, dir)
	page := "content/en/section-3/page-42.md"
	orig, err := os.ReadFile(filepath.Join(dir, page))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("page", func(b *testing.B) {
		i := 0
		var ms, cpu []float64
		if name := os.Getenv("GUIDEGEN_ENGINE_PROFILE"); name != "" {
			f, err := os.Create(name)
			if err != nil {
				b.Fatal(err)
			}
			if err := pprof.StartCPUProfile(f); err != nil {
				b.Fatal(err)
			}
			defer pprof.StopCPUProfile()
		}
		defer func() {
			b.ReportMetric(medianOf(ms), "ms/build(median)")
			b.ReportMetric(medianOf(cpu), "cpu-ms/build(median)")
		}()
		for b.Loop() {
			c0 := cpuTime()
			i++
			if err := os.WriteFile(filepath.Join(dir, page), fmt.Appendf(bytes.Clone(orig), "\nEdit %d.\n", i), 0o644); err != nil {
				b.Fatal(err)
			}
			_, st, err := e.Build(newMemSink(), []string{page})
			if err != nil {
				b.Fatal(err)
			}
			if st.Rendered != 2 {
				b.Fatalf("%d pages rendered, want 2", st.Rendered)
			}
			ms = append(ms, float64(st.Duration.Microseconds())/1000)
			cpu = append(cpu, float64((cpuTime()-c0).Microseconds())/1000)
		}
	})
	// A template edit and a fresh full build, alternating.
	var tmpl, full, tmplMB, fullMB []float64
	b.Run("template-vs-full", func(b *testing.B) {
		i := 0
		for b.Loop() {
			runT := func() {
				writeFooter(i + 1)
				defer profile(b, "template", i)()
				c0, a0 := cpuTime(), allocated()
				_, st, err := e.Build(newMemSink(), []string{footer})
				if err != nil {
					b.Fatal(err)
				}
				if !st.Full || st.Reused != 0 || st.Rendered < 2*n {
					b.Fatalf("a template edit rendered %d pages and kept %d", st.Rendered, st.Reused)
				}
				tmpl = append(tmpl, (cpuTime() - c0).Seconds())
				tmplMB = append(tmplMB, float64(allocated()-a0)/(1<<20))
			}
			runF := func() {
				defer profile(b, "full", i)()
				c0, a0 := cpuTime(), allocated()
				if _, err := build.Render(build.Options{Site: site}, newMemSink()); err != nil {
					b.Fatal(err)
				}
				full = append(full, (cpuTime() - c0).Seconds())
				fullMB = append(fullMB, float64(allocated()-a0)/(1<<20))
			}
			if i%2 == 0 {
				runT()
				runF()
			} else {
				runF()
				runT()
			}
			i++
		}
		b.ReportMetric(medianOf(tmpl), "template-cpu-s")
		b.ReportMetric(medianOf(full), "full-render-cpu-s")
		b.ReportMetric(medianOf(tmplMB), "template-alloc-MB")
		b.ReportMetric(medianOf(fullMB), "full-render-alloc-MB")
	})
}

// profile starts a CPU profile of one build when
// GUIDEGEN_ENGINE_PROFILE names a file: run i of kind goes to
// NAME.KIND.I (merge them with go tool pprof). It returns the function
// that stops it.
func profile(b *testing.B, kind string, i int) func() {
	name := os.Getenv("GUIDEGEN_ENGINE_PROFILE")
	if name == "" {
		return func() {}
	}
	f, err := os.Create(fmt.Sprintf("%s.%s.%d", name, kind, i))
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		b.Fatal(err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

func medianOf(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// allocated is the number of bytes the process allocated so far.
func allocated() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}

// cpuTime is the process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestEngineDataChange: the threats page lists the recommendations of
// every page that protects against a threat ({% threat %}). When the
// messengers page's threats change, the threats page, whose own files did
// not change, must show it: an incremental build still equals a fresh
// one. Edits to the body alone keep the other pages.
func TestEngineDataChange(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dir, guidegen.Bundled()); err != nil {
		t.Fatal(err)
	}
	site, err := sitefs.Open(dir, guidegen.Bundled())
	if err != nil {
		t.Fatal(err)
	}
	defer site.Close()
	e := build.NewEngine(build.Options{Site: site})
	step := func(what string, changed []string) build.Stats {
		t.Helper()
		inc := newMemSink()
		_, st, errI := e.Build(inc, changed)
		full := newMemSink()
		_, errF := build.Render(build.Options{Site: site}, full)
		if errI != nil || errF != nil {
			t.Fatalf("%s: incremental: %v; full: %v", what, errI, errF)
		}
		if d := diffSinks(inc, full); len(d) > 0 {
			t.Fatalf("%s (%+v): the incremental build differs from a full one:\n%s", what, st, strings.Join(d, "\n"))
		}
		return st
	}
	step("first build", nil)
	const page = "content/en/real-time-communication.md"
	p := filepath.Join(dir, filepath.FromSlash(page))
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(src), "threats: [mass_surveillance, ", "threats: [", 1)
	if text == string(src) {
		t.Fatal("the messengers page's threats are not where the test expects them")
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if st := step("threats of "+page, []string{page}); st.Reused != 0 {
		t.Errorf("a change to a page's data kept %d pages", st.Reused)
	}
	if err := os.WriteFile(p, []byte(text+"\nMore text.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if st := step("text of "+page, []string{page}); st.Reused == 0 {
		t.Error("a change to a page's text alone kept no page")
	}
}

// TestEngineKeptSitemapEntries: a preview rebuild writes the sitemap
// entries of kept pages as they were, and makes those of the pages it
// renders again: after a page's date of last change is edited, its entry
// (a new lastmod) is a full build's, and other pages were kept.
func TestEngineKeptSitemapEntries(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := sitegen.Generate(dir, sitegen.Options{Pages: 30, Translated: 0.5, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	e, site := builtEngine(t, dir)
	const page = "content/en/section-3/page-1.md"
	p := filepath.Join(dir, filepath.FromSlash(page))
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, bytes.Replace(src, []byte("\ntitle:"), []byte("\nupdated: 1999-02-03\ntitle:"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	inc := newMemSink()
	_, st, err := e.Build(inc, []string{page})
	if err != nil {
		t.Fatal(err)
	}
	if st.Reused == 0 {
		t.Fatalf("no page was kept: %+v", st)
	}
	full := newMemSink()
	if _, err := build.Render(build.Options{Site: site}, full); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(full.files["sitemap.xml"], []byte("<lastmod>1999-02-03</lastmod>")) {
		t.Fatal("the edited date is not in the sitemap")
	}
	if !bytes.Equal(inc.files["sitemap.xml"], full.files["sitemap.xml"]) {
		t.Errorf("the rebuild's sitemap differs from a full build's:\n%s", strings.Join(diffSinks(inc, full), "\n"))
	}
}

// builtEngine opens the site in dir and returns an Engine that has built
// it once, with the site (closed when the test ends).
func builtEngine(tb testing.TB, dir string) (*build.Engine, *sitefs.Site) {
	tb.Helper()
	site, err := sitefs.Open(dir, guidegen.Bundled())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { site.Close() })
	e := build.NewEngine(build.Options{Site: site})
	if _, _, err := e.Build(newMemSink(), nil); err != nil {
		tb.Fatal(err)
	}
	return e, site
}

// countingFS counts the files opened under content/<locale>/.
type countingFS struct {
	fs.FS
	mu    sync.Mutex
	opens map[string]int
}

func (c *countingFS) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	if err == nil && strings.HasSuffix(name, ".md") && strings.HasPrefix(name, "content/") {
		c.mu.Lock()
		c.opens[name]++
		c.mu.Unlock()
	}
	return f, err
}

// Stat is not a read.
func (c *countingFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.FS, name) }

// TestEngineReads: an Engine reads each page's file as few times as it
// can: twice in a first build (the data pre-pass, which the units' keys
// are hashes of too, and the page's loading), once in a rebuild after a
// template edit (the files did not change: the pre-pass's findings are
// kept), and only the edited page's unit's after a page edit (its
// translation is parsed again with it).
func TestEngineReads(t *testing.T) {
	dir := siteWith(t, nil)
	disk, err := sitefs.Open(dir, guidegen.Bundled())
	if err != nil {
		t.Fatal(err)
	}
	defer disk.Close()
	cfs := &countingFS{FS: disk.FS}
	e := build.NewEngine(build.Options{Site: &sitefs.Site{FS: cfs, Theme: disk.Theme}})
	const page = "content/en/guide.md"
	tests := []struct {
		name    string
		edit    string // the file written before the build
		changed []string
		want    map[string]int // opens by file; others: other
		other   int
	}{
		{"first build", "", nil, nil, 2},
		{"a template", "templates/partials/footer.html", []string{"templates/partials/footer.html"}, nil, 1},
		{"a page", page, []string{page}, map[string]int{page: 2, "content/nl/guide.md": 1}, 0},
		{"a template and a page", page, []string{page, "templates/partials/footer.html"}, map[string]int{page: 2}, 1},
	}
	for i, tt := range tests {
		if tt.edit != "" {
			name := filepath.Join(dir, filepath.FromSlash(tt.edit))
			text, err := os.ReadFile(name)
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name, fmt.Appendf(text, "\n<!-- edit %d -->\n", i), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		cfs.opens = map[string]int{}
		if _, _, err := e.Build(newMemSink(), tt.changed); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if len(cfs.opens) == 0 && tt.other > 0 {
			t.Fatalf("%s: no page was read", tt.name)
		}
		for name, n := range cfs.opens {
			want, ok := tt.want[name]
			if !ok {
				want = tt.other
			}
			if n != want {
				t.Errorf("%s: %s read %d times, want %d", tt.name, name, n, want)
			}
		}
		for name, want := range tt.want {
			if cfs.opens[name] != want {
				t.Errorf("%s: %s read %d times, want %d", tt.name, name, cfs.opens[name], want)
			}
		}
	}
}
