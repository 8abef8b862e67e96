package server

import (
	"context"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/guidegen/guidegen"
	"github.com/guidegen/guidegen/internal/build"
	"github.com/guidegen/guidegen/internal/sitefs"
	"github.com/guidegen/guidegen/internal/sitegen"
)

// benchPages is the number of source pages of the benchmark site: 1,000
// (2,002 pages in two locales with the 404 pages), or
// GUIDEGEN_SERVE_BENCH_PAGES (5000 for the 10,002-page site of issue 13).
func benchPages(b *testing.B) int {
	if v := os.Getenv("GUIDEGEN_SERVE_BENCH_PAGES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			b.Fatalf("GUIDEGEN_SERVE_BENCH_PAGES=%q: not a number of pages", v)
		}
		return n
	}
	return 1000
}

// benchSite generates the site into a temporary directory, with the
// bundled footer as a template of its own, for template edits.
func benchSite(b *testing.B) string {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "site")
	if err := sitegen.Generate(dir, sitegen.Options{Pages: benchPages(b), Translated: 0.9, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	footer, err := fs.ReadFile(guidegen.Bundled(), "templates/partials/footer.html")
	if err != nil {
		b.Fatal(err)
	}
	writeFile(b, filepath.Join(dir, "templates/partials/footer.html"), string(footer))
	return dir
}

func writeFile(b *testing.B, name, text string) {
	b.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		b.Fatal(err)
	}
	tmp := filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+".tmp")
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, name); err != nil {
		b.Fatal(err)
	}
}

// benchRebuild edits one file of the site (content/en/<page> or a
// template) before each rebuild, and measures the rebuild: from the call
// with the changed path to the new site served. The watcher's wait for
// the end of a burst (DefaultDebounce) comes on top of it.
func benchRebuild(b *testing.B, rel string) {
	dir := benchSite(b)
	site, err := sitefs.Open(dir, guidegen.Bundled())
	if err != nil {
		b.Fatal(err)
	}
	defer site.Close()
	s := New(site, newBuilder(build.Options{Site: site, BaseURL: "http://127.0.0.1:8000/"}), nil)
	s.Rebuild(nil)
	if s.state.Load().problems != nil {
		b.Fatalf("the benchmark site does not build: %v", s.state.Load().problems)
	}
	name := filepath.Join(dir, filepath.FromSlash(rel))
	orig, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	rendered := 0
	i := 0
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		i++
		writeFile(b, name, string(orig)+fmt.Sprintf("\n<!-- edit %d -->\n", i))
		b.StartTimer()
		s.Rebuild([]string{rel})
		b.StopTimer()
		st := s.state.Load()
		if st.problems != nil {
			b.Fatalf("edit %d: %v", i, st.problems)
		}
		rendered = s.last.Rendered
		b.StartTimer()
	}
	b.ReportMetric(float64(rendered), "pages-rendered")
}

// BenchmarkRebuildPage: one page edited.
func BenchmarkRebuildPage(b *testing.B) { benchRebuild(b, "content/en/section-1/page-1.md") }

// BenchmarkRebuildTemplate: a template every page uses edited.
func BenchmarkRebuildTemplate(b *testing.B) { benchRebuild(b, "templates/partials/footer.html") }

// BenchmarkServeSave is the whole way from saving a page to the event that
// tells the browser to reload: the file system's event, the watcher's
// wait for the end of the burst (DefaultDebounce), the rebuild, the swap
// and the event stream.
func BenchmarkServeSave(b *testing.B) {
	dir := benchSite(b)
	site, err := sitefs.Open(dir, guidegen.Bundled())
	if err != nil {
		b.Fatal(err)
	}
	defer site.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln, Options{Site: site}) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			b.Error(err)
		}
	}()
	ts := &testServer{base: "http://" + ln.Addr().String()}
	events := ts.events(b)
	nextEvent(b, events)
	name := filepath.Join(dir, "content/en/section-1/page-1.md")
	orig, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		i++
		writeFile(b, name, string(orig)+fmt.Sprintf("\nEdit %d.\n", i))
		nextEvent(b, events)
	}
}
