package build_test

import (
	"io/fs"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"testing"

	"github.com/guidegen/guidegen/internal/build"
)

// heapSink discards a build's files, has scratch files as an output's
// staging directory does, and measures the live heap when the
// first word shard of a search index is written: every page is rendered
// by then, and what is live is what the build keeps of the whole site.
type heapSink struct {
	mu      sync.Mutex
	done    bool
	live    uint64
	profile string // a heap profile is written here, unless ""
	err     error
	// dir holds the scratch files, as an output's staging directory
	// does (output.Stage.Scratch).
	dir     string
	scratch []*os.File
}

func (s *heapSink) Scratch() (*os.File, error) {
	f, err := os.CreateTemp(s.dir, "scratch")
	if err == nil {
		s.mu.Lock()
		s.scratch = append(s.scratch, f)
		s.mu.Unlock()
	}
	return f, err
}

func (s *heapSink) WriteFile(rel, source string, data []byte) error {
	if !strings.Contains(rel, "search/w/") {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return nil
	}
	s.done = true
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	s.live = m.HeapAlloc
	if s.profile != "" {
		f, err := os.Create(s.profile)
		if err != nil {
			s.err = err
			return nil
		}
		s.err = pprof.Lookup("heap").WriteTo(f, 0)
		if err := f.Close(); s.err == nil {
			s.err = err
		}
	}
	return nil
}

func (s *heapSink) CopyFile(fs.FS, string, string, string) error { return nil }

// BenchmarkLiveHeap reports the heap a build keeps live at the end of its
// render phase (when the search indexes are written), in all and per
// page, on the generated corpus of GUIDEGEN_BENCH_PAGES source pages
// (default 1,000: 2,002 pages). With GUIDEGEN_HEAPPROFILE set, a heap
// profile taken then is written there (go tool pprof -sample_index
// inuse_space). The live heap decides the build's peak RSS, since the
// binary runs with GOGC=300 under a soft memory limit.
func BenchmarkLiveHeap(b *testing.B) {
	n := benchPages()
	_, site := genSite(b, n)
	if os.Getenv("GUIDEGEN_HEAPPROFILE") != "" {
		runtime.MemProfileRate = 4096
	}
	var live uint64
	for b.Loop() {
		s := &heapSink{profile: os.Getenv("GUIDEGEN_HEAPPROFILE"), dir: b.TempDir()}
		_, err := build.Render(build.Options{Site: site}, s)
		for _, f := range s.scratch {
			f.Close()
		}
		if err != nil {
			b.Fatal(err)
		}
		if s.err != nil {
			b.Fatal(s.err)
		}
		if !s.done {
			b.Fatal("no word shard was written")
		}
		live = s.live
	}
	b.ReportMetric(float64(live)/(1<<20), "live-MiB")
	b.ReportMetric(float64(live)/float64(2*n), "live-B/page")
}
