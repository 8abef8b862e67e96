package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNew: guidegen new writes a site that builds with no warning, in one
// locale or in several; it refuses a directory that is not empty.
func TestNew(t *testing.T) {
	for _, args := range [][]string{nil, {"--locales", "en,nl", "--title", "Gids: test"}, {"--locales", "nl"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			code, stdout, stderr := runCmd(append([]string{"new", dir}, args...)...)
			if code != 0 || stderr != "" {
				t.Fatalf("new: exit %d, %s%s", code, stdout, stderr)
			}
			out := filepath.Join(t.TempDir(), "public")
			code, stdout, stderr = runCmd("build", "--src", dir, "--out", out)
			if code != 0 || stderr != "" || !strings.Contains(stdout, "no warnings") {
				t.Fatalf("build: exit %d\n%s%s", code, stdout, stderr)
			}
			if _, err := os.Stat(filepath.Join(dir, "README.md")); err != nil {
				t.Error(err)
			}
		})
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCmd("new", dir); code != 1 || !strings.Contains(stderr, "is not empty") {
		t.Errorf("new into a non-empty directory: exit %d, %s", code, stderr)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "notes.txt")); err != nil || string(b) != "mine" {
		t.Error("the directory's file changed")
	}
	for _, args := range [][]string{{"new"}, {"new", "a", "b"}, {"new", dir, "--locales", "en,en"}} {
		if code, _, _ := runCmd(args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

// TestNewFromMkDocs: guidegen new DIR --from-mkdocs converts an MkDocs
// project (flags before or after DIR), printing what it did not carry
// over, and the site builds.
func TestNewFromMkDocs(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	code, stdout, stderr := runCmd("new", "--from-mkdocs", "../../internal/mkdocs/testdata/material/mkdocs.yml", dir)
	if code != 0 || !strings.Contains(stdout, "Wrote a new site") || !strings.Contains(stderr, "mkdocs.yml:115:5: warning: markdown extension pymdownx.arithmatex") {
		t.Fatalf("new: exit %d\n%s%s", code, stdout, stderr)
	}
	out := filepath.Join(t.TempDir(), "public")
	if code, stdout, stderr := runCmd("build", "--src", dir, "--out", out); code != 0 || !strings.Contains(stdout, "Built 14 pages in 2 locales") {
		t.Fatalf("build: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, _, stderr := runCmd("new", filepath.Join(t.TempDir(), "x"), "--from-mkdocs", "does-not-exist.yml"); code != 1 || !strings.Contains(stderr, "does-not-exist.yml") {
		t.Errorf("missing mkdocs.yml: exit %d, %s", code, stderr)
	}
}
