// Command bench compares a full guidegen build with the floor (plain
// goldmark GFM + footnotes, parse + render + write, 2 workers; see
// internal/floor) on a generated corpus, side by side in one run: the two
// alternate, each run in its own process under /usr/bin/time -v, and the
// medians of wall time, pages per second and peak RSS are printed with the
// ratio of the build's pages/s to the floor's.
//
//	go run ./bench -pages 5000 -runs 5            # 10,002 pages
//	go run ./bench -pages 1000,5000,10000 -runs 3 # RSS as pages grow
//	go run ./bench -cmd check                     # guidegen check instead of build
//
// The corpus is internal/sitegen's (whole dialect, both locales, 90% of the
// pages translated); -pages counts source pages, so 5000 gives 10,000 pages
// and two 404 pages.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/guidegen/guidegen/internal/floor"
	"github.com/guidegen/guidegen/internal/sitegen"
)

func main() {
	pagesFlag := flag.String("pages", "5000", "source pages per corpus, comma-separated for several corpora")
	runs := flag.Int("runs", 5, "runs of each side")
	bin := flag.String("bin", "bin/guidegen", "the guidegen binary (built with `make bin`)")
	cmd := flag.String("cmd", "build", "guidegen command to time: build, check or status (i18n status)")
	floorMode := flag.Bool("floor", false, "internal: run the floor on -site into -out")
	site := flag.String("site", "", "internal: the site of -floor")
	out := flag.String("out", "", "internal: the output of -floor")
	keep := flag.String("dir", "", "work directory (default: a temporary one, removed at the end)")
	flag.Parse()
	if *floorMode {
		if _, err := floor.Build(*site, *out, 2); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	if err := run(*pagesFlag, *runs, *bin, *cmd, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

type sample struct {
	wall time.Duration
	cpu  time.Duration // user + system
	rss  int64         // KiB
}

func run(pagesFlag string, runs int, bin, cmd, dir string) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	bin, err = filepath.Abs(bin)
	if err != nil {
		return err
	}
	if dir == "" {
		dir, err = os.MkdirTemp("", "guidegen-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	}
	fmt.Printf("GOMAXPROCS=%d, %d runs of each side, alternating; medians\n", runtime.GOMAXPROCS(0), runs)
	fmt.Printf("pages/s is pages per second of wall time; cpu/s per second of CPU time (user + system),\n")
	fmt.Printf("which a machine shared with other work distorts less. ratio: the build's pages/s over the floor's\n")
	fmt.Printf("%8s  %-7s %9s %9s %10s %10s %11s %11s %9s\n", "pages", "side", "wall", "cpu", "pages/s", "pages/cpu-s", "peak RSS", "ratio wall", "ratio cpu")
	for _, f := range strings.Split(pagesFlag, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return err
		}
		siteDir := filepath.Join(dir, fmt.Sprintf("site-%d", n))
		if _, err := os.Stat(siteDir); err != nil {
			if err := sitegen.Generate(siteDir, sitegen.Options{Pages: n, Translated: 0.9, Seed: 1}); err != nil {
				return err
			}
		}
		pages := 2*n + 2 // both locales and the two 404 pages
		var args []string
		switch cmd {
		case "build":
			args = []string{"build", "--src", siteDir, "--out", filepath.Join(dir, "out-build")}
		case "check":
			args = []string{"check", "--src", siteDir}
		case "status":
			args = []string{"i18n", "status", "--src", siteDir}
		default:
			return fmt.Errorf("unknown -cmd %q", cmd)
		}
		floorArgs := []string{"-floor", "-site", siteDir, "-out", filepath.Join(dir, "out-floor")}
		var b, fl []sample
		for i := range runs {
			order := []bool{true, false}
			if i%2 == 1 {
				order = []bool{false, true}
			}
			for _, isBuild := range order {
				var s sample
				var err error
				if isBuild {
					s, err = timed(bin, args...)
					b = append(b, s)
				} else {
					s, err = timed(self, floorArgs...)
					fl = append(fl, s)
				}
				if err != nil {
					return err
				}
			}
		}
		mb, mf := median(b), median(fl)
		fpps := float64(2*n) / mf.wall.Seconds()
		bpps := float64(pages) / mb.wall.Seconds()
		fcps := float64(2*n) / mf.cpu.Seconds()
		bcps := float64(pages) / mb.cpu.Seconds()
		fmt.Printf("%8d  %-7s %9s %9s %10.0f %10.0f %7.1f MiB\n", 2*n, "floor", mf.wall.Round(time.Millisecond), mf.cpu.Round(time.Millisecond), fpps, fcps, float64(mf.rss)/1024)
		fmt.Printf("%8d  %-7s %9s %9s %10.0f %10.0f %7.1f MiB %10.0f%% %8.0f%%\n", pages, cmd, mb.wall.Round(time.Millisecond), mb.cpu.Round(time.Millisecond), bpps, bcps, float64(mb.rss)/1024, 100*bpps/fpps, 100*bcps/fcps)
		fmt.Printf("          wall ratio per run (build/floor pages/s): %s\n", ratios(b, fl, pages, 2*n))
	}
	return nil
}

var (
	wallRE = regexp.MustCompile(`Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)`)
	rssRE  = regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`)
	userRE = regexp.MustCompile(`User time \(seconds\): ([\d.]+)`)
	sysRE  = regexp.MustCompile(`System time \(seconds\): ([\d.]+)`)
)

// timed runs a command under /usr/bin/time -v and returns its wall time
// and peak RSS.
func timed(name string, args ...string) (sample, error) {
	var stderr bytes.Buffer
	c := exec.Command("/usr/bin/time", append([]string{"-v", name}, args...)...)
	c.Stdout = io.Discard
	c.Stderr = &stderr
	start := time.Now()
	err := c.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, tail(stderr.String()))
	}
	s := sample{wall: wall}
	if m := rssRE.FindStringSubmatch(stderr.String()); m != nil {
		s.rss, _ = strconv.ParseInt(m[1], 10, 64)
	}
	for _, re := range []*regexp.Regexp{userRE, sysRE} {
		if m := re.FindStringSubmatch(stderr.String()); m != nil {
			sec, _ := strconv.ParseFloat(m[1], 64)
			s.cpu += time.Duration(sec * float64(time.Second))
		}
	}
	if m := wallRE.FindStringSubmatch(stderr.String()); m != nil {
		h, _ := strconv.Atoi(m[1])
		mm, _ := strconv.Atoi(m[2])
		sec, _ := strconv.ParseFloat(m[3], 64)
		s.wall = time.Duration((float64(h*3600+mm*60) + sec) * float64(time.Second))
	}
	return s, nil
}

func tail(s string) string {
	if len(s) > 2000 {
		return s[len(s)-2000:]
	}
	return s
}

func median(s []sample) sample {
	w := make([]time.Duration, len(s))
	c := make([]time.Duration, len(s))
	r := make([]int64, len(s))
	for i := range s {
		w[i], c[i], r[i] = s[i].wall, s[i].cpu, s[i].rss
	}
	slices.Sort(w)
	slices.Sort(c)
	slices.Sort(r)
	return sample{wall: w[len(w)/2], cpu: c[len(c)/2], rss: r[len(r)/2]}
}

func ratios(b, f []sample, bp, fp int) string {
	var out []string
	for i := range b {
		out = append(out, fmt.Sprintf("%.0f%%", 100*(float64(bp)/b[i].wall.Seconds())/(float64(fp)/f[i].wall.Seconds())))
	}
	return strings.Join(out, " ")
}
