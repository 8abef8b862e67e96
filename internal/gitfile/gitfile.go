// Package gitfile reads the earlier versions of a file from the git
// checkout it is in, with the git command (run without a shell, in the
// directory given, with options that keep it from running anything the
// repository configures).
package gitfile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// MaxVersions is the most commits of one file Versions lists (newest
// first); older ones are not looked at.
const MaxVersions = 1000

// MaxSize is the largest version Read returns.
const MaxSize = 8 << 20

// ErrNoGit is returned when the git command is not installed.
var ErrNoGit = errors.New("git is not installed")

// ErrNotCheckout is returned when the directory is not in a git checkout.
var ErrNotCheckout = errors.New("not a git checkout")

// Repo is the git checkout a directory is in. Its results are cached:
// one Repo serves one run of a command.
type Repo struct {
	dir string
	git string

	mu       sync.Mutex
	versions map[string][]Version
}

// Open returns the checkout dir is in, or ErrNoGit or ErrNotCheckout.
func Open(dir string) (*Repo, error) {
	git, err := exec.LookPath("git")
	if err != nil {
		return nil, ErrNoGit
	}
	r := &Repo{dir: dir, git: git, versions: map[string][]Version{}}
	out, err := r.run("rev-parse", "--is-inside-work-tree")
	switch {
	case err != nil && strings.Contains(err.Error(), "not a git repository"):
		return nil, ErrNotCheckout
	case err != nil:
		return nil, err // "detected dubious ownership", say
	case strings.TrimSpace(string(out)) != "true":
		return nil, ErrNotCheckout
	}
	return r, nil
}

// Version is one version of a file.
type Version struct {
	// Commit is the commit's full hash; "" for the staged version.
	Commit string
	// Path is the file's path at that commit, relative to the top of the
	// checkout.
	Path string
	// Date and Subject describe the commit.
	Date, Subject string
}

// Label names the version for people: "commit 1a2b3c4 (2024-05-01: the
// subject)" or "the staged version".
func (v *Version) Label() string {
	if v.Commit == "" {
		return "the staged version"
	}
	return fmt.Sprintf("commit %s (%s: %s)", v.Short(), v.Date, v.Subject)
}

// Short is the commit's abbreviated hash.
func (v *Version) Short() string {
	if len(v.Commit) > 7 {
		return v.Commit[:7]
	}
	return v.Commit
}

// Versions returns the staged version of file (when it is staged and
// differs from the last commit's) and the commits that changed it, newest
// first, following renames; file is relative to the directory of Open.
func (r *Repo) Versions(file string) ([]Version, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if vs, ok := r.versions[file]; ok {
		return vs, nil
	}
	var vs []Version
	// Staged and different from HEAD: the index has what the next commit
	// will.
	if out, err := r.run("diff", "--cached", "--name-only", "--no-renames", "--no-ext-diff", "--no-textconv", "--", file); err == nil && len(bytes.TrimSpace(out)) > 0 {
		top, err := r.run("ls-files", "--full-name", "--", file)
		if err == nil && len(bytes.TrimSpace(top)) > 0 {
			vs = append(vs, Version{Path: strings.TrimSpace(string(top))})
		}
	}
	out, err := r.run("log", "--follow", "-n", fmt.Sprint(MaxVersions), "--format=%x00%H%x00%as%x00%s", "--name-only", "--", file)
	if err != nil {
		return nil, err
	}
	// Each commit: NUL hash NUL date NUL subject LF LF path LF.
	fields := strings.Split(string(out), "\x00")
	for i := 1; i+2 < len(fields); i += 3 {
		hash, date := fields[i], fields[i+1]
		rest := strings.SplitN(fields[i+2], "\n", 2)
		v := Version{Commit: hash, Date: date, Subject: rest[0]}
		if len(rest) > 1 {
			for _, l := range strings.Split(rest[1], "\n") {
				if l = strings.TrimSpace(l); l != "" {
					v.Path = l
					break
				}
			}
		}
		if v.Path == "" {
			continue // a merge that did not change the file
		}
		vs = append(vs, v)
	}
	r.versions[file] = vs
	return vs, nil
}

// Read returns the text of a version.
func (r *Repo) Read(v Version) ([]byte, error) {
	// The blob as stored: no filter the repository configures runs.
	out, err := r.run("cat-file", "blob", v.Commit+":"+v.Path)
	if err != nil {
		return nil, err
	}
	if len(out) > MaxSize {
		return nil, fmt.Errorf("%s at %s is larger than %d bytes", v.Path, v.Label(), MaxSize)
	}
	return out, nil
}

// run runs git in the directory with args and returns its output.
func (r *Repo) run(args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	// No pager, no fsmonitor hook, no signature check (gpg), and paths
	// taken literally.
	base := []string{"--no-pager", "--literal-pathspecs", "-c", "core.fsmonitor=false", "-c", "log.showSignature=false"}
	cmd := exec.CommandContext(ctx, r.git, append(base, args...)...)
	cmd.Dir = r.dir
	cmd.Env = append(cmd.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0", "LC_ALL=C")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", args[0], msg)
	}
	return stdout.Bytes(), nil
}
