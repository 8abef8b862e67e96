package output

import (
	"fmt"
	"path/filepath"
	"testing"
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
		s, err := Begin(out)
		if err != nil {
			b.Fatal(err)
		}
		for _, n := range names {
			if err := s.WriteFile(n, n, data); err != nil {
				b.Fatal(err)
			}
		}
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
