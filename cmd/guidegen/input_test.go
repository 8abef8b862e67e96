package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// secretPage is a file outside the site that would pass as a page, a
// template, an asset and a glossary: a build that followed a link to it
// would publish it.
const secretPage = "---\ntitle: hunter2\ndescription: hunter2\n---\n\nSECRET=hunter2\n"

// grepTree returns the files under dir that contain s.
func grepTree(t *testing.T, dir, s string) []string {
	t.Helper()
	var found []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		b, err := os.ReadFile(p)
		if strings.Contains(string(b), s) {
			found = append(found, p)
		}
		return err
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return found
}

// TestSymlinkOutOfSite: a link from any directory a build reads to a file
// outside the site fails the build with an error naming the link, and the
// file's content appears in no output file.
func TestSymlinkOutOfSite(t *testing.T) {
	for _, name := range []string{
		"assets/img/env.txt",
		"content/en/leak.md",
		"content/nl/guide.md",
		"content/data/vocabulary.yaml",
		"locales/nl.yaml",
		"locales/glossary.nl.txt",
		"templates/partials/footer.html",
		"guidegen.yaml",
	} {
		t.Run(name, func(t *testing.T) {
			site := copySite(t, fixture)
			secret := filepath.Join(filepath.Dir(site), "secret.txt")
			if err := os.WriteFile(secret, []byte(secretPage), 0o644); err != nil {
				t.Fatal(err)
			}
			link := filepath.Join(site, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Remove(link); err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			// A relative link, so that only the rule (not the absolute
			// target) refuses it.
			rel, err := filepath.Rel(filepath.Dir(link), secret)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(rel, link); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "public")
			code, _, stderr := runCmd("build", "--src", site, "--out", out)
			want := name + ": symbolic link leaves the site (-> " + filepath.ToSlash(rel) + ")"
			if code != 1 || !strings.Contains(stderr, want) {
				t.Errorf("exit %d, stderr:\n%s\nwant 1 and %q", code, stderr, want)
			}
			if found := grepTree(t, filepath.Dir(out), "hunter2"); len(found) > 0 {
				t.Errorf("the secret was published in %v", found)
			}
		})
	}
}

// TestSymlinkInsideSite: a relative link to a file in the site is followed,
// also when --src is itself a link.
func TestSymlinkInsideSite(t *testing.T) {
	site := copySite(t, fixture)
	if err := os.Symlink("logo.svg", filepath.Join(site, "assets/img/a.svg")); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "src")
	if err := os.Symlink(site, link); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runCmd("build", "--src", link, "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want, err := os.ReadFile(filepath.Join(site, "assets/img/logo.svg"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(out, "assets/img/a.svg"))
	if err != nil || string(got) != string(want) {
		t.Errorf("assets/img/a.svg = %q, %v; want the logo", got, err)
	}
}
