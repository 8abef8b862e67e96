package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
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

// siteLine is a line of output that names a file of the site.
var siteLine = regexp.MustCompile(`(^|\s)((content|assets|locales|templates)(/\S*)?|guidegen\.yaml)(:| \()`)

// TestErrorsNameAFile breaks a site in ways that used to give errors
// without a file (": read .../assets/etc: is a directory"): each error now
// names one, and exactly the expected errors are printed.
func TestErrorsNameAFile(t *testing.T) {
	link := func(target, name string) func(t *testing.T, s string) {
		return func(t *testing.T, s string) {
			if err := os.Symlink(target, filepath.Join(s, name)); err != nil {
				t.Fatal(err)
			}
		}
	}
	replace := func(name string, dir bool) func(t *testing.T, s string) {
		return func(t *testing.T, s string) {
			p := filepath.Join(s, name)
			if err := os.RemoveAll(p); err != nil {
				t.Fatal(err)
			}
			var err error
			if dir {
				err = os.MkdirAll(p, 0o755)
			} else {
				err = os.WriteFile(p, nil, 0o644)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name   string
		mutate func(t *testing.T, site string)
		want   []string // every error line, in order
	}{
		{"asset linked to a directory out of the site", link("/etc", "assets/etc"),
			[]string{"assets/etc: symbolic link leaves the site (-> /etc)"}},
		{"asset linked to a directory in the site", link("img", "assets/img2"),
			[]string{"assets/img2: symbolic link to a directory (-> img): not followed; link the files in it instead"}},
		{"pages linked to a directory", link("../en/about", "content/nl/over"),
			[]string{"content/nl/over: symbolic link to a directory: not followed; link the pages in it instead"}},
		{"asset linked to nothing", link("nothing.svg", "assets/img/gone.svg"),
			[]string{"assets/img/gone.svg: symbolic link to a missing file (-> nothing.svg)"}},
		{"configuration is a directory", replace("guidegen.yaml", true),
			[]string{"guidegen.yaml: is a directory"}},
		{"data file is a directory", replace("content/data/vocabulary.yaml", true),
			[]string{"content/data/vocabulary.yaml: is a directory"}},
		{"locales is a file", replace("locales", false),
			[]string{"locales: not a directory"}},
		{"assets is a file", replace("assets", false),
			[]string{"assets: not a directory"}},
		{"content is a file", replace("content", false),
			[]string{"content: not a directory"}},
		{"templates is a file", replace("templates", false),
			[]string{"templates: not a directory"}},
		{"broken English page", func(t *testing.T, s string) {
			// Its translation, the links to it and the navigation entry
			// must not add errors of their own.
			edit(t, filepath.Join(s, "content/en/about/criteria.md"), "title:", "tite:")
		}, []string{`content/en/about/criteria.md:2:1: unknown key "tite" (did you mean "title"?)`}},
		{"broken English page with a broken link to it", func(t *testing.T, s string) {
			edit(t, filepath.Join(s, "content/en/guide.md"), "title: The guide", "title: [")
		}, []string{"content/en/guide.md:2:8: malformed YAML: sequence end token ']' not found"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := copySite(t, fixture)
			tt.mutate(t, site)
			code, _, stderr := runCmd("build", "--src", site, "--out", filepath.Join(t.TempDir(), "public"))
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			var errs []string
			for line := range strings.Lines(stderr) {
				line = strings.TrimSuffix(line, "\n")
				if strings.HasPrefix(line, "guidegen: ") || strings.Contains(line, ": warning: ") {
					continue
				}
				if !siteLine.MatchString(line) {
					t.Errorf("names no file: %q", line)
				}
				errs = append(errs, line)
			}
			if !slices.Equal(errs, tt.want) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestTemplateErrorNamesTemplate: an error of html/template's escaper
// names the template file, not "templates/html/template:...".
func TestTemplateErrorNamesTemplate(t *testing.T) {
	site := copySite(t, fixture)
	edit(t, filepath.Join(site, "templates/partials/footer.html"), `{{T "fixture_footer"}}`, `{{template "nope"}}`)
	_, _, stderr := runCmd("build", "--src", site, "--out", filepath.Join(t.TempDir(), "public"))
	want := `content/en/guide.md (en): templates/partials/footer.html:2:14: no such template "nope"`
	if !strings.Contains(stderr, want) || strings.Contains(stderr, "html/template:") {
		t.Errorf("stderr:\n%s\nwant %q", stderr, want)
	}
}

// TestSizeLimits: a page over limits.PageSize and a UI strings file over
// limits.DataSize are errors naming the file and the limit, before they
// are parsed.
func TestSizeLimits(t *testing.T) {
	tests := []struct {
		file, add, want string
	}{
		{"content/en/guide.md", "\n" + strings.Repeat("Lorem ipsum dolor sit amet.\n", 5<<20/28),
			"content/en/guide.md: file too large: 5 MiB (* bytes), more than the limit of 4 MiB for this file"},
		{"locales/nl.yaml", "\n# " + strings.Repeat("x", 3<<19) + "\n",
			"locales/nl.yaml: file too large: 1.5 MiB (* bytes), more than the limit of 1 MiB for this file"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			site := copySite(t, fixture)
			f, err := os.OpenFile(filepath.Join(site, tt.file), os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.WriteString(tt.add); err != nil {
				t.Fatal(err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
			code, _, stderr := runCmd("check", "--src", site)
			before, after, _ := strings.Cut(tt.want, "*") // * is the exact size
			if i := strings.Index(stderr, before); code != 1 || i < 0 || !strings.HasPrefix(strings.TrimLeft(stderr[i+len(before):], "0123456789"), after) {
				t.Errorf("exit %d, stderr:\n%s\nwant 1 and %q", code, stderr, tt.want)
			}
		})
	}
}

// TestProblemsCapped: a site with more than limits.Problems problems
// prints the first ones and counts the rest.
func TestProblemsCapped(t *testing.T) {
	site := copySite(t, fixture)
	var b strings.Builder
	for i := range 150 {
		fmt.Fprintf(&b, "[x](missing%d.md)\n\n", i)
	}
	f, err := os.OpenFile(filepath.Join(site, "content/en/guide.md"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("\n" + b.String()); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"build", "check"} {
		code, _, stderr := runCmd(cmd, "--src", site, "--out", filepath.Join(t.TempDir(), "public"))
		if cmd == "check" {
			code, _, stderr = runCmd(cmd, "--src", site)
		}
		lines := strings.Split(strings.TrimSpace(stderr), "\n")
		// 1 warning (an untranslated UI string) and 150 errors: the 100
		// lines printed are errors, then the count, then the verdict.
		if code != 1 || len(lines) != 102 {
			t.Fatalf("%s: exit %d, %d lines:\n%s", cmd, code, len(lines), stderr)
		}
		if !strings.Contains(lines[0], "link to missing page") || !strings.Contains(lines[99], "link to missing page") {
			t.Errorf("%s: first and last lines printed: %q, %q", cmd, lines[0], lines[99])
		}
		if lines[100] != "… and 51 more problems" {
			t.Errorf("%s: count line %q", cmd, lines[100])
		}
	}
}

// TestInvalidUTF8: invalid UTF-8 in a page, in its front matter or its
// text, is a warning with its position, and is published as U+FFFD, so
// that the output is valid UTF-8.
func TestInvalidUTF8(t *testing.T) {
	site := copySite(t, fixture)
	edit(t, filepath.Join(site, "content/nl/guide.md"), "title: De gids", "title: De gids \xff")
	edit(t, filepath.Join(site, "content/nl/guide.md"), "## Tabellen", "## Tab\xe9llen")
	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr := runCmd("build", "--src", site, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"content/nl/guide.md:2:16: warning: invalid UTF-8 (byte 0xff), published as U+FFFD",
		"content/nl/guide.md:15:7: warning: invalid UTF-8 (byte 0xe9), published as U+FFFD",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr:\n%s\nwant %q", stderr, want)
		}
	}
	html, err := os.ReadFile(filepath.Join(out, "nl/guide/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.Valid(html) {
		t.Error("nl/guide/index.html is not valid UTF-8")
	}
	for _, want := range []string{"De gids \uFFFD", "Tab\uFFFDllen"} {
		if !strings.Contains(string(html), want) {
			t.Errorf("nl/guide/index.html lacks %q", want)
		}
	}
}
