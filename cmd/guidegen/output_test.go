package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/output"
)

// TestBuildRefusesForeignOutput is issue 12's reproduction: a directory
// with something named .guidegen that is not guidegen's marker is refused
// with exit status 1, build after build, and nothing in it is moved.
func TestBuildRefusesForeignOutput(t *testing.T) {
	d := filepath.Join(t.TempDir(), "d")
	for _, dir := range []string{".guidegen", "Docs"} {
		if err := os.MkdirAll(filepath.Join(d, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(d, "precious.txt"), []byte("x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, filepath.Dir(d))
	for i := range 2 {
		code, _, stderr := runCmd("build", "--src", fixture, "--out", d)
		if code != 1 || !strings.Contains(stderr, d+": not a guidegen output directory, refusing to replace it") {
			t.Fatalf("build %d: exit %d, stderr:\n%s", i+1, code, stderr)
		}
	}
	after := snapshot(t, filepath.Dir(d))
	delete(after, filepath.Join(filepath.Dir(d), ".d.lock"))
	if len(after) != len(before) || after[filepath.Join(d, "precious.txt")] != "x\n" {
		t.Errorf("files changed: %v", after)
	}
	entries, _ := os.ReadDir(d)
	if len(entries) != 3 {
		t.Errorf("%s holds %d entries, want the user's 3", d, len(entries))
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(d), ".d.stage")); err == nil {
		t.Error("a staging directory was made")
	}
}

// TestBuildOutDotInsideOutput: `guidegen build --out .` run from inside
// the old output is refused before anything is staged.
func TestBuildOutDotInsideOutput(t *testing.T) {
	site := copySite(t, fixture)
	public := filepath.Join(site, "public")
	if code, _, stderr := runCmd("build", "--src", site, "--out", public); code != 0 {
		t.Fatalf("first build: %s", stderr)
	}
	before := snapshot(t, site)
	t.Chdir(public)
	code, _, stderr := runCmd("build", "--src", site, "--out", ".")
	if code != 1 || !strings.Contains(stderr, "refusing to build into") || !strings.Contains(stderr, "the current directory") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	after := snapshot(t, site)
	if len(after) != len(before) {
		t.Errorf("%d files before, %d after", len(before), len(after))
	}
	for name := range after {
		if strings.Contains(name, ".stage") {
			t.Errorf("staging copy left behind: %s", name)
		}
	}
}

// TestBuildWhileAnotherBuilds: a build into an output that another build
// holds exits with status 1 at once and leaves the output alone.
func TestBuildWhileAnotherBuilds(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCmd("build", "--src", fixture, "--out", out); code != 0 {
		t.Fatalf("first build: %s", stderr)
	}
	before := snapshot(t, out)
	other, err := output.Begin(out) // the other build, half way
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCmd("build", "--src", fixture, "--out", out)
	if code != 1 || !strings.Contains(stderr, out+": another guidegen build is writing this output directory") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	if after := snapshot(t, out); len(after) != len(before) {
		t.Errorf("output changed: %d files, want %d", len(after), len(before))
	}
	other.Abort()
	if code, _, stderr := runCmd("build", "--src", fixture, "--out", out); code != 0 {
		t.Errorf("build after the other one: %s", stderr)
	}
}
