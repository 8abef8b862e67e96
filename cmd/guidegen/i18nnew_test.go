package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestI18nNew: i18n new, run in the site with a path relative to the
// working directory, writes a draft translation with the front matter to
// translate and the English body; status reports it in progress, in the
// table and the JSON; the built site shows the English page until the
// draft flag is removed; an existing translation is never overwritten.
func TestI18nNew(t *testing.T) {
	site := copySite(t, i18nFixture)
	t.Chdir(filepath.Join(site, "content"))
	code, stdout, stderr := runCmd("i18n", "new", "--src", site, "en/missing.md")
	if code != 0 || !strings.HasPrefix(stdout, "wrote content/nl/missing.md: a draft translation of content/en/missing.md") {
		t.Fatalf("new: exit %d\n%s%s", code, stdout, stderr)
	}
	b, err := os.ReadFile(filepath.Join(site, "content/nl/missing.md"))
	if err != nil {
		t.Fatal(err)
	}
	want := "---\ntitle: Not translated\ndescription: A page that exists only in English.\ndraft: true\n---\n\nThis page has no Dutch translation, so the Dutch site shows it in English.\n"
	if !strings.HasPrefix(string(b), want) {
		t.Errorf("the draft:\n%s\nwant it to start with:\n%s", b, want)
	}

	code, stdout, _ = runCmd("i18n", "status", "--src", site)
	if code != 0 || !strings.Contains(stdout, "0 missing; 1 in progress (drafts, shown in en until done)") || !regexpMatch(`\n  missing\.md +in progress +- +-\n`, stdout) {
		t.Errorf("status: exit %d\n%s", code, stdout)
	}
	_, stdout, _ = runCmd("i18n", "status", "--src", site, "--json")
	var r struct {
		Locales []struct {
			Pages struct {
				Missing    int `json:"missing"`
				InProgress int `json:"in_progress"`
			} `json:"pages"`
			PageList []struct {
				Path  string `json:"path"`
				State string `json:"state"`
			} `json:"page_list"`
		} `json:"locales"`
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	if p := r.Locales[0].Pages; p.Missing != 0 || p.InProgress != 1 {
		t.Errorf("JSON page counts: %+v", p)
	}
	for _, p := range r.Locales[0].PageList {
		if p.Path == "missing.md" && p.State != "in progress" {
			t.Errorf("JSON: missing.md is %q", p.State)
		}
	}

	// Stamping a draft says that it is one.
	if code, stdout, stderr := runCmd("i18n", "stamp", "--src", site, "nl/missing.md"); code != 0 || !strings.Contains(stdout, "note: the page is still a draft (draft: true): the site shows content/en/missing.md until that line is removed") {
		t.Errorf("stamp of a draft: exit %d\n%s%s", code, stdout, stderr)
	}
	// The translator translates the title; the site shows English until
	// the draft flag goes.
	edit(t, filepath.Join(site, "content/nl/missing.md"), "title: Not translated", "title: Niet vertaald")
	built := func() string {
		out := filepath.Join(t.TempDir(), "public")
		if code, stdout, stderr := runCmd("build", "--src", site, "--out", out); code != 0 {
			t.Fatalf("build: exit %d\n%s%s", code, stdout, stderr)
		}
		b, err := os.ReadFile(filepath.Join(out, "nl/missing/index.html"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if html := built(); !strings.Contains(html, "Not translated") || strings.Contains(html, "Niet vertaald") {
		t.Errorf("with draft: true, the Dutch site does not show the English page")
	}
	edit(t, filepath.Join(site, "content/nl/missing.md"), "draft: true\n", "")
	if html := built(); !strings.Contains(html, "Niet vertaald") {
		t.Errorf("without the draft flag, the Dutch site does not show the translation")
	}

	// Never overwritten.
	before, _ := os.ReadFile(filepath.Join(site, "content/nl/missing.md"))
	code, _, stderr = runCmd("i18n", "new", "--src", site, "en/missing.md")
	if after, _ := os.ReadFile(filepath.Join(site, "content/nl/missing.md")); code != 1 || !strings.Contains(stderr, "content/nl/missing.md already exists; not overwritten") || string(before) != string(after) {
		t.Errorf("second new: exit %d\n%s", code, stderr)
	}
	// Only source pages.
	if code, _, stderr := runCmd("i18n", "new", "--src", site, "nl/criteria.md"); code != 1 || !strings.Contains(stderr, "not a source page") {
		t.Errorf("new on a translation: exit %d\n%s", code, stderr)
	}
}

// TestI18nDiffCommand: i18n diff in a git checkout, as text and JSON.
func TestI18nDiffCommand(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed: i18n diff cannot be tested")
	}
	site := copySite(t, i18nFixture)
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = site
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", "-A")
	git("commit", "-q", "-m", "site")
	if code, stdout, stderr := runCmd("i18n", "stamp", "--src", site, "content/nl/criteria.md"); code != 0 {
		t.Fatalf("stamp: %d\n%s%s", code, stdout, stderr)
	}
	git("commit", "-q", "-a", "-m", "stamp")
	edit(t, filepath.Join(site, "content/en/criteria.md"), "- The apps are open source.", "- The apps are free software.")
	fresh := copySite(t, i18nFixture)
	t.Chdir(site)
	code, stdout, stderr := runCmd("i18n", "diff", "content/nl/criteria.md")
	if code != 0 || !strings.Contains(stdout, "content/en/criteria.md:8: changed list item (line 8 in the stamped version)\n  old:  The apps are open source.\n  new:  The apps are free software.\n  diff: The apps are [-open source.-] {+free software.+}\n  translated at content/nl/criteria.md:9\n  nl:   De apps zijn opensource.\n") {
		t.Errorf("diff: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, _ = runCmd("i18n", "diff", "--json", "content/nl/criteria.md")
	var d struct {
		State  string         `json:"state"`
		Counts map[string]int `json:"counts"`
	}
	if err := json.Unmarshal([]byte(stdout), &d); code != 0 || err != nil || d.State != "outdated" || d.Counts["changed"] != 1 {
		t.Errorf("diff --json: exit %d, %v\n%s", code, err, stdout)
	}
	// Without files: every outdated page.
	if code, stdout, stderr := runCmd("i18n", "diff"); code != 0 || !strings.HasPrefix(stdout, "content/nl/criteria.md: content/en/criteria.md changed since the page was stamped.\n") {
		t.Errorf("diff without a file: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, stdout, _ := runCmd("i18n", "diff", "--src", fresh); code != 0 || stdout != "No translated page is outdated.\n" {
		t.Errorf("diff without an outdated page: exit %d\n%s", code, stdout)
	}
}

func regexpMatch(re, s string) bool { return regexp.MustCompile(re).MatchString(s) }
