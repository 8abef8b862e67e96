package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const i18nFixture = "../../testdata/sites/i18n"

// TestI18nUsage: flags and arguments of guidegen i18n.
func TestI18nUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"i18n"}, 2, "usage: guidegen i18n <command>"},
		{[]string{"i18n", "-h"}, 0, "stamp    [--src DIR] [--all] FILE..."},
		{[]string{"i18n", "frob"}, 2, `unknown command "frob"`},
		{[]string{"i18n", "status", "--src", i18nFixture, "--locale", "en"}, 2, "en is the source language"},
		{[]string{"i18n", "status", "--src", i18nFixture, "--locale", "de"}, 2, "de is not a locale of the site (en, nl)"},
		{[]string{"i18n", "status", "--src", i18nFixture, "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"i18n", "stamp", "--src", i18nFixture}, 2, "name the files to stamp"},
		{[]string{"i18n", "extract", "--src", "/does/not/exist"}, 1, "/does/not/exist"},
		{[]string{"help"}, 0, "i18n     status|stamp|extract|merge|diff|new|export|import [flags]"},
	}
	for _, tt := range tests {
		code, stdout, stderr := runCmd(tt.args...)
		if code != tt.code || !strings.Contains(stdout+stderr, tt.out) {
			t.Errorf("%v: exit %d, output %q; want %d and %q", tt.args, code, stdout+stderr, tt.code, tt.out)
		}
	}
}

func TestI18nStatus(t *testing.T) {
	code, stdout, stderr := runCmd("i18n", "status", "--src", i18nFixture)
	if code != 0 || !strings.Contains(stdout, "partial.md    translated  3 of 12 (25%)") {
		t.Errorf("table: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = runCmd("i18n", "status", "--src", i18nFixture, "--json", "--locale", "nl")
	var r struct {
		Locales []struct {
			Code  string `json:"code"`
			Pages struct {
				Missing int `json:"missing"`
			} `json:"pages"`
		} `json:"locales"`
	}
	if err := json.Unmarshal([]byte(stdout), &r); code != 0 || err != nil || len(r.Locales) != 1 || r.Locales[0].Pages.Missing != 1 {
		t.Errorf("json: exit %d, %v, %+v\n%s", code, err, r, stderr)
	}

	// A site with an error: the report still comes, the exit status says
	// it may be incomplete.
	site := copySite(t, i18nFixture)
	edit(t, filepath.Join(site, "content/nl/partial.md"), "De eerste alinea", "Een [kapotte link](nergens.md). De eerste alinea")
	code, stdout, stderr = runCmd("i18n", "status", "--src", site)
	if code != 1 || !strings.Contains(stdout, "Nederlands (nl)") || !strings.Contains(stderr, `content/nl/partial.md:7:5: link to missing page "nergens.md"`) {
		t.Errorf("site with an error: exit %d\n%s\n%s", code, stdout, stderr)
	}
}

// TestI18nStampCommand: stamp, then check and build no longer warn about
// the page; editing the source makes them warn that it is outdated.
func TestI18nStampCommand(t *testing.T) {
	site := copySite(t, i18nFixture)
	code, stdout, stderr := runCmd("i18n", "stamp", "--src", site, "content/nl/unstamped.md")
	if code != 0 || !strings.Contains(stdout, "stamped content/nl/unstamped.md (source_hash: v2-sha256-") ||
		!strings.Contains(stdout, "note: only 0 of its 2 headings line up with the 1 of content/en/unstamped.md") {
		t.Errorf("stamp: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, stdout, stderr := runCmd("check", "--src", site); code != 0 || strings.Contains(stderr, "unstamped") || !strings.Contains(stdout, "no errors, 1 warning") {
		t.Errorf("check after stamping: exit %d\n%s%s", code, stdout, stderr)
	}
	edit(t, filepath.Join(site, "content/en/unstamped.md"), "is current", "is up to date")
	code, stdout, stderr = runCmd("check", "--src", site)
	want := "content/nl/unstamped.md:4:14: warning: translation is outdated: content/en/unstamped.md changed since it was stamped"
	if code != 0 || !strings.Contains(stderr, want) || !strings.Contains(stdout, "no errors, 2 warnings") {
		t.Errorf("check after the source changed: exit %d, want 0 and %s\n%s%s", code, want, stdout, stderr)
	}
	code, stdout, _ = runCmd("build", "--src", site, "--out", filepath.Join(t.TempDir(), "public"))
	if want := "nl    Nederlands      5 pages: 4 translated (1 outdated), 1 from the source language; 1 UI string untranslated"; code != 0 || !strings.Contains(stdout, want) {
		t.Errorf("build summary lacks %q:\n%s", want, stdout)
	}

	code, _, stderr = runCmd("i18n", "stamp", "--src", site, "content/en/index.md", "content/nl/index.md")
	if code != 1 || !strings.Contains(stderr, `content/en/index.md:1:1: not a translated page`) {
		t.Errorf("stamping a source page: exit %d\n%s", code, stderr)
	}
}

// TestI18nExtractMergeCommands runs the translator's round trip from the
// command line.
func TestI18nExtractMergeCommands(t *testing.T) {
	site := copySite(t, i18nFixture)
	code, stdout, stderr := runCmd("i18n", "extract", "--src", site)
	if code != 0 || stdout != "wrote "+filepath.Join(site, "locales/translate.nl.yaml")+": 1 UI string to translate (1 missing, 0 outdated)\n" {
		t.Fatalf("extract: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, _ = runCmd("i18n", "merge", "--src", site)
	if code != 0 || !strings.Contains(stdout, "merged 0 UI strings into "+filepath.Join(site, "locales/nl.yaml")+"\n  skipped 1 still the source text") {
		t.Errorf("merge of an untranslated file: exit %d\n%s", code, stdout)
	}
	edit(t, filepath.Join(site, "locales/translate.nl.yaml"), "other: Goodbye for now.", "other: Tot ziens.")
	code, stdout, _ = runCmd("i18n", "merge", "--src", site)
	if code != 0 || stdout != "merged 1 UI string into "+filepath.Join(site, "locales/nl.yaml")+"\n" {
		t.Errorf("merge: exit %d\n%s", code, stdout)
	}
	if _, stdout, _ := runCmd("i18n", "status", "--src", site); !strings.Contains(stdout, "0 missing") || strings.Contains(stdout, "farewell") {
		t.Errorf("status after merge:\n%s", stdout)
	}
}

// TestI18nBundled: the bundled guide can be reported on, not changed.
func TestI18nBundled(t *testing.T) {
	t.Chdir(t.TempDir())
	if code, stdout, stderr := runCmd("i18n", "status"); code != 0 || !strings.Contains(stdout, "real-time-communication.md") {
		t.Errorf("status: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, args := range [][]string{{"i18n", "stamp", "content/nl/index.md"}, {"i18n", "extract"}, {"i18n", "merge"}} {
		if code, _, stderr := runCmd(args...); code != 1 || !strings.Contains(stderr, "the bundled guide cannot be changed") {
			t.Errorf("%v: exit %d\n%s", args, code, stderr)
		}
	}
}

// TestI18nStampReadOnly: a read-only translation is left as it is, with a
// message naming it, and exit status 1.
func TestI18nStampReadOnly(t *testing.T) {
	site := copySite(t, i18nFixture)
	file := filepath.Join(site, "content/nl/unstamped.md")
	if err := os.Chmod(file, 0o444); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(file)
	code, stdout, stderr := runCmd("i18n", "stamp", "--src", site, "content/nl/unstamped.md")
	if after, _ := os.ReadFile(file); code != 1 || stderr != "content/nl/unstamped.md: file is read-only; not changed\n" || string(before) != string(after) {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestI18nExportImport: guidegen i18n export --format po writes the PO
// files into a directory relative to the working directory, and i18n
// import reads them back: unchanged, it writes nothing; a translated
// entry changes the page; a broken one is an error with the PO file:line.
func TestI18nExportImport(t *testing.T) {
	site := copySite(t, i18nFixture)
	out := filepath.Join(t.TempDir(), "po")
	code, stdout, stderr := runCmd("i18n", "export", "--src", site, "--format", "po", "--out", out)
	if code != 0 || !strings.Contains(stdout, "wrote 6 PO files into "+filepath.Join(out, "nl")) {
		t.Fatalf("export: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, stdout, stderr := runCmd("i18n", "export", "--src", site, "--format", "xliff", "--out", out); code != 2 || !strings.Contains(stderr, "the only format is po") {
		t.Errorf("export --format xliff: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = runCmd("i18n", "import", "--src", site, out)
	if code != 0 || !strings.Contains(stdout, "no translation changed") {
		t.Errorf("import: exit %d\n%s%s", code, stdout, stderr)
	}
	file := filepath.Join(out, "nl", "partial.po")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	b = []byte(strings.Replace(string(b), "msgid \"The third paragraph talks about metadata.\"\nmsgstr \"\"", "msgid \"The third paragraph talks about metadata.\"\nmsgstr \"De derde alinea gaat over **metadata.\"", 1))
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = runCmd("i18n", "import", "--src", site, out)
	if code != 1 || !strings.Contains(stderr, file+":") || !strings.Contains(stderr, "top/p3: unbalanced emphasis") {
		t.Errorf("import of a broken entry: exit %d\n%s%s", code, stdout, stderr)
	}
	b = []byte(strings.Replace(string(b), "**metadata", "metadata", 1))
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = runCmd("i18n", "import", "--src", site, out)
	page, _ := os.ReadFile(filepath.Join(site, "content/nl/partial.md"))
	if code != 0 || !strings.Contains(stdout, "wrote content/nl/partial.md") || !strings.Contains(string(page), "\n\nDe derde alinea gaat over metadata.\n\n") {
		t.Errorf("import: exit %d\n%s%s\n%s", code, stdout, stderr, page)
	}
	if code, _, stderr := runCmd("i18n", "import", "--src", site); code != 2 || !strings.Contains(stderr, "name the directory") {
		t.Errorf("import without a directory: exit %d, %s", code, stderr)
	}
}
