package output

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"
)

// benchFiles is the shape of a site of 1,000 pages in two locales: a
// directory and an index.html per page, plus assets.
func benchFiles() []string {
	var names []string
	for _, prefix := range []string{"", "nl/"} {
		for i := range 1000 {
			names = append(names, fmt.Sprintf("%ssection%d/page%d/index.html", prefix, i%20, i))
		}
	}
	for i := range 50 {
		names = append(names, fmt.Sprintf("assets/img/%d.svg", i))
	}
	return names
}

// BenchmarkRebuild writes a whole site into an output directory that
// holds the same site, as every build after the first two does.
func BenchmarkRebuild(b *testing.B) {
	out := filepath.Join(b.TempDir(), "public")
	names := benchFiles()
	data := make([]byte, 8<<10)
	write := func() {
		s := stageAll(b, out, names, data)
		if err := s.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	write()
	write()
	b.ReportAllocs()
	for b.Loop() {
		write()
	}
	b.ReportMetric(float64(len(names))*float64(b.N)/b.Elapsed().Seconds(), "files/s")
}

// stageAll begins a stage in out and writes every name into it, one at a
// time, with data.
func stageAll(b *testing.B, out string, names []string, data []byte) *Stage {
	s, err := Begin(out)
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range names {
		if err := s.WriteFile(n, n, data); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

// siteFiles is the shape of the files a build writes for 1,000 pages: a
// directory and an index.html per page, twenty section directories, and
// each page's search fragment in one flat directory; 2,000 files in about
// 1,000 directories.
func siteFiles() []string { return siteFilesN(1000) }

// siteFilesN is siteFiles for n pages.
func siteFilesN(n int) []string {
	var names []string
	for i := range n {
		names = append(names, fmt.Sprintf("section%d/page%d/index.html", i%20, i))
		names = append(names, fmt.Sprintf("search/p/%012x.json", i*7919))
	}
	return names
}

// writeSite writes names into out, two writers at a time as a build does,
// and commits.
func writeSite(b *testing.B, out string, names []string, data []byte) {
	s, err := Begin(out)
	if err != nil {
		b.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for w := range 2 {
		wg.Go(func() {
			for i := w; i < len(names); i += 2 {
				if err := s.WriteFile(names[i], names[i], data); err != nil {
					errs[w] = err
					return
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		s.Abort()
		b.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkStage writes the files of a site of 1,000 pages into a fresh
// staging directory (the first build) and into a reused one that holds
// the same files (every later build).
func BenchmarkStage(b *testing.B) {
	names := siteFiles()
	data := make([]byte, 6<<10)
	// The machine may be shared: CPU time (user and system, of the whole
	// process) says more than wall time.
	report := func(b *testing.B, cpu0 time.Duration) {
		perFile := float64(b.N) * float64(len(names))
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/perFile, "ns/file")
		if cpu0 >= 0 {
			b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/perFile, "cpu-ns/file")
		}
	}
	b.Run("fresh", func(b *testing.B) {
		parent := b.TempDir()
		n := 0
		b.ReportAllocs()
		cpu0 := cpuTime()
		for b.Loop() {
			n++
			writeSite(b, filepath.Join(parent, strconv.Itoa(n), "public"), names, data)
		}
		report(b, cpu0)
	})
	b.Run("reused", func(b *testing.B) {
		out := filepath.Join(b.TempDir(), "public")
		writeSite(b, out, names, data)
		writeSite(b, out, names, data)
		b.ReportAllocs()
		cpu0 := cpuTime()
		for b.Loop() {
			writeSite(b, out, names, data)
		}
		report(b, cpu0)
	})
}

// BenchmarkCommit times Commit alone, after a rebuild of the shape of
// siteFiles wrote every file: with the whole stage to prune, and after
// Settle pruned it but for the root and the search directory (what a
// site build leaves to Commit), which runs while the build goes on.
func BenchmarkCommit(b *testing.B) {
	names := siteFiles()
	data := make([]byte, 1<<10)
	later := func(dir string) bool { return dir == "." || dir == "search" }
	for _, settle := range []bool{false, true} {
		b.Run(map[bool]string{false: "prune", true: "settled"}[settle], func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "public")
			writeSite(b, out, names, data)
			writeSite(b, out, names, data)
			for b.Loop() {
				b.StopTimer()
				s := stageAll(b, out, names, data)
				if settle {
					if err := s.Settle(later); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				if err := s.Commit(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSettle times Settle alone on a rebuild of 10,000 pages of the
// shape of siteFiles (10,000 page directories of one file, 10,000
// fragments in one directory) that wrote every file, with the root and
// the search directory left to Commit as a site build leaves them; its
// cpu-ns/op is the CPU time of the whole process while Settle runs.
func BenchmarkSettle(b *testing.B) {
	names := siteFilesN(10000)
	data := make([]byte, 64)
	later := func(dir string) bool { return dir == "." || dir == "search" }
	out := filepath.Join(b.TempDir(), "public")
	writeSite(b, out, names, data)
	writeSite(b, out, names, data)
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		s := stageAll(b, out, names, data)
		cpu0 := cpuTime()
		b.StartTimer()
		if err := s.Settle(later); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		cpu += cpuTime() - cpu0
		if err := s.Commit(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
}
