package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runAt runs the command as if started in wd.
func runAt(wd string, args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = runIn(wd, args, &o, &e)
	return code, o.String(), e.String()
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// TestSiteFromSubdirectory: run in a directory of a site, every command
// works on that site (as git finds its repository) and says which.
func TestSiteFromSubdirectory(t *testing.T) {
	site := copySite(t, i18nFixture)
	sub := filepath.Join(site, "content", "nl")
	note := "guidegen: using the site in " + site + "\n"

	code, stdout, stderr := runAt(sub, "check")
	if code != 0 || !strings.HasPrefix(stderr, note) || !strings.Contains(stdout, "no errors") {
		t.Errorf("check: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = runAt(sub, "build")
	if code != 0 || !strings.HasPrefix(stderr, note) || !exists(filepath.Join(site, "public", "index.html")) || exists(filepath.Join(sub, "public")) {
		t.Errorf("build: exit %d; site/public: %v, content/nl/public: %v\n%s%s", code,
			exists(filepath.Join(site, "public")), exists(filepath.Join(sub, "public")), stdout, stderr)
	}
	// --out is relative to the working directory.
	code, _, stderr = runAt(sub, "build", "--out", "../../out")
	if code != 0 || !exists(filepath.Join(site, "out", "index.html")) {
		t.Errorf("build --out: exit %d\n%s", code, stderr)
	}
	code, stdout, stderr = runAt(sub, "i18n", "status")
	if code != 0 || !strings.HasPrefix(stderr, note) || !strings.Contains(stdout, "Nederlands (nl)") {
		t.Errorf("i18n status: exit %d\n%s%s", code, stdout, stderr)
	}
	// A file to stamp is named relative to the working directory.
	code, stdout, stderr = runAt(sub, "i18n", "stamp", "unstamped.md")
	if code != 0 || !strings.Contains(stdout, "stamped content/nl/unstamped.md") {
		t.Errorf("i18n stamp: exit %d\n%s%s", code, stdout, stderr)
	}
	// The default translate file is named by a path that works from the
	// working directory: absolute, since it is not below it.
	code, stdout, stderr = runAt(sub, "i18n", "extract")
	if want := "wrote " + filepath.Join(site, "locales", "translate.nl.yaml") + ":"; code != 0 || !strings.HasPrefix(stdout, want) || !exists(filepath.Join(site, "locales", "translate.nl.yaml")) {
		t.Errorf("i18n extract: exit %d, want %q\n%s%s", code, want, stdout, stderr)
	}
	// At the site's root, nothing is said about which site it is.
	if code, _, stderr := runAt(site, "check"); code != 0 || strings.Contains(stderr, "using the site") {
		t.Errorf("check at the root: exit %d\n%s", code, stderr)
	}
	// --src wins over the walk up.
	other := copySite(t, fixture)
	if code, stdout, stderr := runAt(sub, "check", "--src", other); code != 0 || strings.Contains(stderr, "using the site") {
		t.Errorf("check --src: exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestBundledOnlyOutsideSite: without a guidegen.yaml up to the root, the
// bundled guide is used, and said so, but not in a directory that looks
// like a site (content/ or locales/): there it is an error, and nothing is
// written.
func TestBundledOnlyOutsideSite(t *testing.T) {
	empty := t.TempDir()
	code, _, stderr := runAt(empty, "check")
	if code != 0 || !strings.Contains(stderr, "no guidegen.yaml in "+empty+" or any directory above it: using the bundled guide") {
		t.Errorf("empty directory: exit %d\n%s", code, stderr)
	}
	for _, dir := range []string{"content", "locales"} {
		d := t.TempDir()
		if err := os.MkdirAll(filepath.Join(d, dir, "nl"), 0o755); err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr := runAt(d, "build")
		if code != 1 || !strings.Contains(stderr, "it has a content/ or locales/ directory: give --src DIR") || exists(filepath.Join(d, "public")) {
			t.Errorf("%s/: exit %d\n%s%s", dir, code, stdout, stderr)
		}
	}
}

// TestTranslateFilePaths: --out and --file are relative to the working
// directory (not the site), absolute ones are used as they are, and the
// path printed is the path written.
func TestTranslateFilePaths(t *testing.T) {
	site := copySite(t, i18nFixture)
	elsewhere := t.TempDir()
	abs := filepath.Join(t.TempDir(), "x.yaml")

	code, stdout, stderr := runAt(elsewhere, "i18n", "extract", "--src", site, "--out", abs)
	if code != 0 || !strings.HasPrefix(stdout, "wrote "+abs+": 1 UI string to translate") || !exists(abs) || exists(filepath.Join(site, abs)) {
		t.Fatalf("extract --out %s: exit %d\n%s%s", abs, code, stdout, stderr)
	}
	code, stdout, stderr = runAt(elsewhere, "i18n", "extract", "--src", site, "--out", "rel/t.nl.yaml")
	if code != 0 || !strings.HasPrefix(stdout, "wrote rel/t.nl.yaml: 1 UI string to translate") || !exists(filepath.Join(elsewhere, "rel", "t.nl.yaml")) || exists(filepath.Join(site, "rel")) {
		t.Fatalf("extract --out rel/t.nl.yaml: exit %d\n%s%s", code, stdout, stderr)
	}
	edit(t, abs, "other: Goodbye for now.", "other: Tot ziens.")
	code, stdout, stderr = runAt(elsewhere, "i18n", "merge", "--src", site, "--file", abs)
	if code != 0 || !strings.HasPrefix(stdout, "merged 1 UI string into "+filepath.Join(site, "locales", "nl.yaml")) {
		t.Fatalf("merge --file %s: exit %d\n%s%s", abs, code, stdout, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(site, "locales", "nl.yaml")); !strings.Contains(string(b), "Tot ziens.") {
		t.Errorf("locales/nl.yaml lacks the translation:\n%s", b)
	}
	// A relative --file that does not exist is named as given.
	code, _, stderr = runAt(elsewhere, "i18n", "merge", "--src", site, "--file", "nope.yaml")
	if code != 1 || !strings.Contains(stderr, "nope.yaml") || strings.Contains(stderr, site) {
		t.Errorf("merge --file nope.yaml: exit %d\n%s", code, stderr)
	}
	// An extension that names no format is an error, and nothing is written.
	code, _, stderr = runAt(elsewhere, "i18n", "extract", "--src", site, "--out", "t.po")
	if code != 1 || !strings.Contains(stderr, "t.po: unknown format") || exists(filepath.Join(elsewhere, "t.po")) {
		t.Errorf("extract --out t.po: exit %d\n%s", code, stderr)
	}
}

// TestTranslateFormatsRoundTrip: extract to JSON and TOML, translate,
// merge: the format follows the extension both ways.
func TestTranslateFormatsRoundTrip(t *testing.T) {
	for _, tt := range []struct{ ext, old, new, head string }{
		{"json", `"other": "Goodbye for now."`, `"other": "Tot ziens."`, "{\n  \"farewell\": {\n"},
		{"toml", `other = "Goodbye for now."`, `other = "Tot ziens."`, "# UI strings to translate"},
	} {
		site := copySite(t, i18nFixture)
		wd := t.TempDir()
		name := "translate.nl." + tt.ext
		code, stdout, stderr := runAt(wd, "i18n", "extract", "--src", site, "--out", name)
		if code != 0 {
			t.Fatalf("%s: extract: exit %d\n%s%s", tt.ext, code, stdout, stderr)
		}
		b, _ := os.ReadFile(filepath.Join(wd, name))
		if !strings.HasPrefix(string(b), tt.head) {
			t.Errorf("%s: the file is not %s:\n%s", tt.ext, tt.ext, b)
		}
		edit(t, filepath.Join(wd, name), tt.old, tt.new)
		code, stdout, stderr = runAt(wd, "i18n", "merge", "--src", site, "--file", name)
		if code != 0 || !strings.HasPrefix(stdout, "merged 1 UI string into") {
			t.Fatalf("%s: merge: exit %d\n%s%s\n%s", tt.ext, code, stdout, stderr, b)
		}
		if code, stdout, _ := runAt(wd, "i18n", "status", "--src", site); code != 0 || !strings.Contains(stdout, "0 missing") {
			t.Errorf("%s: status after merge:\n%s", tt.ext, stdout)
		}
	}
}

// TestExtractNeverLosesWork: extract keeps the translations of its file;
// one that no longer applies stops it, with its position, until --force.
func TestExtractNeverLosesWork(t *testing.T) {
	site := copySite(t, i18nFixture)
	file := filepath.Join(site, "locales", "translate.nl.yaml")
	if code, _, stderr := runAt(site, "i18n", "extract"); code != 0 {
		t.Fatalf("extract: %s", stderr)
	}
	edit(t, file, "other: Goodbye for now.", "other: Tot ziens.")
	code, stdout, stderr := runAt(site, "i18n", "extract")
	if code != 0 || stdout != "wrote locales/translate.nl.yaml: 1 UI string to translate (1 missing, 0 outdated)\n  kept 1 translated entry of the file as it was (merge takes it)\n" {
		t.Errorf("extract over a translated file: exit %d\n%s%s", code, stdout, stderr)
	}
	edit(t, filepath.Join(site, "locales", "en.yaml"), "farewell: Goodbye for now.", "farewell: Bye for now.")
	code, stdout, stderr = runAt(site, "i18n", "extract")
	if want := "locales/translate.nl.yaml:5:1: farewell is translated, but its en text changed since it was extracted"; code != 1 || !strings.HasPrefix(stderr, want) {
		t.Errorf("extract over a stale translation: exit %d, want %s\n%s%s", code, want, stdout, stderr)
	}
	if b, _ := os.ReadFile(file); !strings.Contains(string(b), "Tot ziens.") {
		t.Errorf("a refused extract changed the file:\n%s", b)
	}
	code, stdout, stderr = runAt(site, "i18n", "extract", "--force")
	if code != 0 || !strings.Contains(stdout, "dropped 1 translation that no longer applies (--force): farewell") {
		t.Errorf("extract --force: exit %d\n%s%s", code, stdout, stderr)
	}
}
