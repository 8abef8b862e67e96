package build

import (
	"bufio"
	"bytes"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// gitDatesOnce reads the dates of a site's pages (gitDates) once, when
// the first page needs them. A build has one; an Engine's rebuilds that
// keep what load made share it with the build that loaded, so that a
// one-page rebuild does not run `git log` again (dates only change with a
// commit, which changes no file the preview watches; a full rebuild reads
// them again).
type gitDatesOnce struct {
	once  sync.Once
	dates map[string]time.Time
}

func (g *gitDatesOnce) get(dir, sub string) map[string]time.Time {
	g.once.Do(func() { g.dates = gitDates(dir, sub) })
	return g.dates
}

// gitDates returns the time of the last commit of every file under sub
// of a site directory, by path relative to the site ("content/en/x.md"),
// read in one `git log` pass; nil when dir is not in a git checkout or git
// is missing. Uncommitted changes do not count, so that two builds of the
// same checkout give the same dates.
func gitDates(dir, sub string) map[string]time.Time {
	cmd := exec.Command("git", "-c", "core.quotepath=off", "log", "--format=%x00%ct", "--name-only", "--relative", "--no-renames", "--", sub)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return nil
	}
	return parseGitLog(out)
}

// parseGitLog reads `git log --format=%x00%ct --name-only`: commits from
// the newest, each a NUL and a Unix time, then the files it changed; the
// first time a file appears is its last commit.
func parseGitLog(out []byte) map[string]time.Time {
	dates := map[string]time.Time{}
	var cur time.Time
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "\x00"); ok {
			sec, err := strconv.ParseInt(strings.TrimSpace(rest), 10, 64)
			if err != nil {
				cur = time.Time{}
				continue
			}
			cur = time.Unix(sec, 0).UTC()
			continue
		}
		if line == "" || cur.IsZero() {
			continue
		}
		if _, seen := dates[line]; !seen {
			dates[line] = cur
		}
	}
	return dates
}
