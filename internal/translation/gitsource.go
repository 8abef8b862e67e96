package translation

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os/exec"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen/internal/content"
	"github.com/guidegen/guidegen/internal/markdown/frontmatter"
)

// ErrNoHistory is returned by StampedSource when the source page's
// version a translation was stamped against cannot be found: the site is
// not in a git checkout, git is not installed, or no commit holds it.
var ErrNoHistory = errors.New("the source page as it was when the translation was stamped is not in the site's git history")

// maxCommits is how many commits of a page's history StampedSource reads.
const maxCommits = 500

// StampedSource returns the source page of path (content/<default
// locale>/<path>) as it was when a translation of it was stamped with
// hash: the newest version of the file in the site's git history (git
// log, then git show; no shell) whose SourceHash is hash. It returns
// ErrNoHistory (wrapped, with the reason) when there is none.
func StampedSource(s *Site, path, hash string) ([]byte, error) {
	if s.Dir == "" {
		return nil, fmt.Errorf("%w: the bundled guide has no history", ErrNoHistory)
	}
	git, err := exec.LookPath("git")
	if err != nil {
		return nil, fmt.Errorf("%w: git is not installed", ErrNoHistory)
	}
	rel := content.Dir + "/" + s.Config.DefaultLocale + "/" + path
	cmd := exec.Command(git, "log", "--format=%H", "-n", fmt.Sprint(maxCommits), "--", rel)
	cmd.Dir = s.Dir
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%w: git log: %v", ErrNoHistory, gitError(err))
	}
	for _, commit := range strings.Fields(string(out)) {
		show := exec.Command(git, "show", commit+":./"+rel)
		show.Dir = s.Dir
		src, err := show.Output()
		if err != nil {
			continue
		}
		if h, ok := RawSourceHash(src); ok && h == hash {
			return src, nil
		}
	}
	return nil, fmt.Errorf("%w: no commit of %s hashes to %s", ErrNoHistory, rel, hash)
}

func gitError(err error) string {
	var ee *exec.ExitError
	if errors.As(err, &ee) && len(ee.Stderr) > 0 {
		return strings.TrimSpace(string(ee.Stderr))
	}
	return err.Error()
}

// RawSourceHash returns the SourceHash of a source page given as its file
// (front matter and body); false when its front matter cannot be read.
func RawSourceHash(src []byte) (string, bool) {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	fm := frontmatter.Locate(src)
	if fm == nil || !fm.Closed {
		return "", false
	}
	var front struct {
		Title           string `yaml:"title"`
		Description     string `yaml:"description"`
		Recommendations map[string]*struct {
			Properties map[string]yaml.Node `yaml:"properties"`
		} `yaml:"recommendations"`
	}
	if err := yaml.Unmarshal(fm.YAML, &front); err != nil {
		return "", false
	}
	var notes []string
	for _, rid := range slices.Sorted(maps.Keys(front.Recommendations)) {
		r := front.Recommendations[rid]
		if r == nil {
			continue
		}
		for _, cid := range slices.Sorted(maps.Keys(r.Properties)) {
			v := r.Properties[cid]
			var prop struct {
				Note string `yaml:"note"`
			}
			if v.Kind == yaml.MappingNode {
				_ = v.Decode(&prop)
			}
			if n := strings.TrimSpace(prop.Note); n != "" {
				notes = append(notes, "note "+rid+"."+cid, n)
			}
		}
	}
	return sourceHash(front.Title, front.Description, notes, src[fm.End:]), true
}
