package gitfile_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/gitfile"
)

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func write(t *testing.T, file, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestVersions: the staged version, then the commits newest first,
// across a rename, each read back as it was; the site may be a
// subdirectory of the checkout.
func TestVersions(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	top := t.TempDir()
	site := filepath.Join(top, "site")
	git(t, top, "init", "-q")
	write(t, filepath.Join(site, "old.md"), "one\n")
	git(t, top, "add", "-A")
	git(t, top, "commit", "-q", "-m", "first")
	git(t, site, "mv", "old.md", "page.md")
	write(t, filepath.Join(site, "page.md"), "one\ntwo\n")
	git(t, site, "commit", "-q", "-a", "-m", "second: renamed")
	write(t, filepath.Join(site, "page.md"), "one\ntwo\nthree\n")
	git(t, site, "add", "page.md")
	write(t, filepath.Join(site, "page.md"), "not staged\n")

	r, err := gitfile.Open(site)
	if err != nil {
		t.Fatal(err)
	}
	vs, err := r.Versions("page.md")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range vs {
		b, err := r.Read(v)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v.Path+" "+strings.ReplaceAll(string(b), "\n", "|"))
	}
	want := []string{"site/page.md one|two|three|", "site/page.md one|two|", "site/old.md one|"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("versions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if vs[0].Label() != "the staged version" || !strings.HasPrefix(vs[1].Label(), "commit "+vs[1].Short()+" (") || !strings.HasSuffix(vs[1].Label(), ": second: renamed)") {
		t.Errorf("labels %q, %q", vs[0].Label(), vs[1].Label())
	}

	if _, err := gitfile.Open(t.TempDir()); !errors.Is(err, gitfile.ErrNotCheckout) {
		t.Errorf("outside a checkout: %v", err)
	}
}
