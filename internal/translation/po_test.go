package translation_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/golden"
	"github.com/guidegen/guidegen/internal/po"
	"github.com/guidegen/guidegen/internal/translation"
)

// snapshot returns every file under dir, by slash path.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			if d != nil && d.IsDir() && d.Name() == ".git" {
				return filepath.SkipDir
			}
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameFiles(t *testing.T, before, after map[string][]byte) {
	t.Helper()
	for name, b := range before {
		if a, ok := after[name]; !ok {
			t.Errorf("%s was removed", name)
		} else if !bytes.Equal(a, b) {
			t.Errorf("%s changed:\n%s", name, golden.Diff(string(b), string(a)))
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			t.Errorf("%s was added", name)
		}
	}
}

// copyGuide copies the bundled guide's site files into a temporary
// directory.
func copyGuide(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "guide")
	for _, name := range []string{"guidegen.yaml", "content", "locales", "assets", "templates"} {
		src := filepath.Join("../..", name)
		st, err := os.Stat(src)
		if err != nil {
			t.Fatal(err)
		}
		if !st.IsDir() {
			b, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.CopyFS(filepath.Join(dir, name), os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func export(t *testing.T, dir string) (string, *translation.Exported) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "po")
	res, err := translation.ExportPO(load(t, dir), "nl", out)
	if err != nil {
		t.Fatal(err)
	}
	return out, res
}

// TestPORoundTrip: export, then import without a change, leaves every
// file of the site byte for byte as it was, on the fixture (every state a
// translation can be in) and on the bundled guide; the export is
// deterministic; GNU gettext accepts every file and its msgcat and
// msgmerge give them back unchanged.
func TestPORoundTrip(t *testing.T) {
	for _, site := range []struct {
		name string
		dir  func(*testing.T) string
	}{{"fixture", copySite}, {"guide", copyGuide}} {
		t.Run(site.name, func(t *testing.T) {
			dir := site.dir(t)
			before := snapshot(t, dir)
			out, res := export(t, dir)
			if res.Entries == 0 || len(res.Files) < 2 {
				t.Fatalf("exported %d entries in %v", res.Entries, res.Files)
			}
			imp, err := translation.ImportPO(load(t, dir), out)
			if err != nil {
				t.Fatal(err)
			}
			if len(imp.Written) > 0 || len(imp.Skipped) > 0 {
				t.Errorf("import wrote %v, skipped %v", imp.Written, imp.Skipped)
			}
			sameFiles(t, before, snapshot(t, dir))

			again, _ := export(t, dir)
			sameFiles(t, snapshot(t, out), snapshot(t, again))

			t.Run("gettext", func(t *testing.T) {
				po.RequireGettext(t)
				for name := range snapshot(t, out) {
					po.CheckGettext(t, filepath.Join(out, name))
				}
			})
		})
	}
}

// setEntries sets the msgstr of entries of a PO file by msgctxt (a
// plural entry's forms separated by "|"), and clears their fuzzy flag.
func setEntries(t *testing.T, file string, strs map[string]string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	f, err := po.Parse(file, data)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range f.Entries {
		s, ok := strs[e.Ctx()]
		if !ok {
			continue
		}
		delete(strs, e.Ctx())
		e.Str = strings.Split(s, "|")
		e.Flags, e.PrevID, e.PrevContext = nil, nil, nil
	}
	for k := range strs {
		t.Fatalf("%s has no entry %s", file, k)
	}
	if err := os.WriteFile(file, f.Write(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPOImportGolden: translated PO files give the expected Dutch
// pages: a new page built on the English page's structure, a partly
// translated page completed (and so stamped), a changed paragraph on two
// lines, and the UI strings merged into locales/nl.yaml.
func TestPOImportGolden(t *testing.T) {
	dir := copySite(t)
	out, _ := export(t, dir)
	setEntries(t, filepath.Join(out, "nl/missing.po"), map[string]string{
		"title":       "Niet vertaald",
		"description": "Een pagina die: alleen in het Engels bestond.",
		"top/p1":      "Deze pagina had geen Nederlandse vertaling.\\\nNu wel; ze linkt naar de [minimale eisen](criteria.md#minimum-requirements).",
	})
	setEntries(t, filepath.Join(out, "nl/partial.po"), map[string]string{
		"top/p3":          "De derde alinea gaat over metadata.",
		"simplex-chat/p2": "De vijfde alinea beschrijft *post-compromise security*.",
		"signal/p2":       "De negende alinea noemt het telefoonnummer.",
	})
	setEntries(t, filepath.Join(out, "nl/index.po"), map[string]string{
		"top/p1": "Lees de [criteria](criteria.md#minimum-requirements), de [deels vertaalde pagina](partial.md#simplex-chat) en de [pagina zonder vertaling](missing.md).",
	})
	setEntries(t, filepath.Join(out, "nl/ui.po"), map[string]string{
		"farewell": "Tot ziens.",
		"greeting": "Welkom bij de testsite.",
		"items":    "{{.Count}} ding|{{.Count}} dingen",
	})
	// The Dutch page has a heading more than the English one, so its
	// units do not pair with the English ones: it is rebuilt on the
	// English page's structure, its front matter kept.
	setEntries(t, filepath.Join(out, "nl/unstamped.po"), map[string]string{
		"why-stamp/h":  "Waarom stempelen",
		"why-stamp/p1": "Zonder brontekst-hash weet niemand of de vertaling bij is.",
	})
	res, err := translation.ImportPO(load(t, dir), out)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"content/nl/index.md", "content/nl/missing.md", "content/nl/partial.md", "locales/nl.yaml", "content/nl/unstamped.md"}
	if strings.Join(res.Written, " ") != strings.Join(want, " ") {
		t.Errorf("wrote %v, want %v", res.Written, want)
	}
	if strings.Join(res.Stamped, " ") != "content/nl/missing.md" { // partial.md was stamped already
		t.Errorf("stamped %v", res.Stamped)
	}
	for _, name := range want {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		golden.Check(t, filepath.Join("testdata/po", filepath.Base(name)), b)
	}
	// The pages are as a translation should be: the new page and the
	// completed one are up to date, and nothing is left in English.
	r, _, _ := status(t, dir)
	for _, pg := range r.Locales[0].PageList {
		switch pg.Path {
		case "missing.md", "partial.md", "criteria.md", "index.md":
			if pg.State != translation.Translated || pg.Segments.Untranslated > 0 {
				t.Errorf("%s: %s, %d segments untranslated", pg.Path, pg.State, pg.Segments.Untranslated)
			}
		}
	}
	if n := r.Locales[0].Strings.Missing; n != 0 {
		t.Errorf("%d UI strings still missing", n)
	}
	// A second import changes nothing.
	before := snapshot(t, dir)
	if res, err := translation.ImportPO(load(t, dir), out); err != nil || len(res.Written) > 0 {
		t.Errorf("second import: wrote %v, %v", res.Written, err)
	}
	sameFiles(t, before, snapshot(t, dir))
}

// strLine returns the line of the msgstr of entry ctx in a PO file.
func strLine(t *testing.T, file, ctx string) int {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	f, err := po.Parse(file, data)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range f.Entries {
		if e.Ctx() == ctx {
			return e.StrLine
		}
	}
	t.Fatalf("%s: no entry %s", file, ctx)
	return 0
}

// TestPOImportErrors: a msgstr that breaks its unit is an error at its
// PO file:line, and then nothing is written.
func TestPOImportErrors(t *testing.T) {
	for _, tc := range []struct {
		name, file, ctx, str, want string
	}{
		{"link lost", "index.po", "top/p1", "Lees de criteria, de [deels vertaalde pagina](partial.md#simplex-chat) en de [pagina zonder vertaling](missing.md).", "the translation has 2 links, the source text 3"},
		{"link unbalanced", "index.po", "top/p1", "Lees de [criteria](criteria.md#minimum-requirements, de [deels vertaalde pagina](partial.md#simplex-chat) en de [pagina zonder vertaling](missing.md).", "the translation has 2 links, the source text 3"},
		{"emphasis unbalanced", "partial.po", "top/p1", "De **eerste alinea legt uit waar deze pagina over gaat.", "unbalanced emphasis"},
		{"footnote missing", "partial.po", "top/p2", "De tweede alinea zegt waarom versleuteling belangrijk is.", "the footnote reference [^why] is missing"},
		{"code span", "partial.po", "top/p2", "De tweede alinea[^why] zegt `waarom versleuteling belangrijk is.", "unbalanced"},
		{"new block", "partial.po", "top/p1", "De eerste alinea.\n- en een lijst", "does not read as one paragraph"},
		{"heading on two lines", "criteria.po", "minimum-requirements/h", "Minimale\neisen", "a heading is one line"},
		{"template", "ui.po", "greeting", "Welkom, {{.Naam}}.", "uses .Naam, which the source text does not have"},
		{"template syntax", "ui.po", "greeting", "Welkom {{.Count", "other: not a valid template: unclosed action"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copySite(t)
			edit(t, dir, "content/en/partial.md", "says why encryption matters.", "says why encryption matters[^why].\n\n[^why]: Because it does.")
			out, _ := export(t, dir)
			file := filepath.Join(out, "nl", tc.file)
			setEntries(t, file, map[string]string{tc.ctx: tc.str})
			before := snapshot(t, dir)
			_, err := translation.ImportPO(load(t, dir), out)
			prefix := fmt.Sprintf("%s:%d:1: %s: ", file, strLine(t, file, tc.ctx), tc.ctx)
			if err == nil || !strings.Contains(err.Error(), prefix) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("import: %v\nwant %s...%s", err, prefix, tc.want)
			}
			sameFiles(t, before, snapshot(t, dir))
		})
	}
}

// TestPOFuzzy: the entries whose English text changed since the page was
// stamped are fuzzy, with the English text that was translated (found in
// git history) as #| msgid; the others are not. Without the history, every
// translated entry of the outdated page is fuzzy.
func TestPOFuzzy(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := copySite(t)
	git(t, dir, "init", "-q")
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "stamped")
	edit(t, dir, "content/en/criteria.md", "Chats are end-to-end encrypted by default.", "Chats are end-to-end encrypted from the start.")
	edit(t, dir, "content/en/criteria.md", "The servers are open source too.", "The servers are\nopen source too.")
	git(t, dir, "commit", "-q", "-a", "-m", "changed")

	old, err := translation.NewHistory(load(t, dir)).StampedText("criteria.md", "sha256-ebce9f24bbe28fff20bb4637264269b529264166142d0e4140b96c9df16f7781")
	if err != nil || !bytes.Contains(old.Src, []byte("by default.")) {
		t.Fatalf("StampedText: %v", err)
	}

	out, res := export(t, dir)
	if len(res.NoHistory) > 0 {
		t.Errorf("no history for %v", res.NoHistory)
	}
	data, err := os.ReadFile(filepath.Join(out, "nl/criteria.po"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := po.Parse("criteria.po", data)
	if err != nil {
		t.Fatal(err)
	}
	var fuzzy []string
	for _, e := range f.Entries {
		if e.Fuzzy() {
			prev := "<none>"
			if e.PrevID != nil {
				prev = *e.PrevID
			}
			fuzzy = append(fuzzy, e.Ctx()+": "+prev+" -> "+e.ID)
		}
	}
	want := "minimum-requirements/li2: Chats are end-to-end encrypted by default. -> Chats are end-to-end encrypted from the start."
	if strings.Join(fuzzy, "\n") != want {
		t.Errorf("fuzzy entries:\n%s\nwant:\n%s", strings.Join(fuzzy, "\n"), want)
	}

	// Once the fuzzy entry is translated, the import stamps the page.
	setEntries(t, filepath.Join(out, "nl/criteria.po"), map[string]string{"minimum-requirements/li2": "Gesprekken zijn vanaf het begin end-to-end versleuteld."})
	imp, err := translation.ImportPO(load(t, dir), out)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(imp.Stamped, " ") != "content/nl/criteria.md" {
		t.Errorf("stamped %v", imp.Stamped)
	}

	// Without the history, the outdated page's entries are all fuzzy.
	dir = copySite(t)
	edit(t, dir, "content/en/criteria.md", "Chats are end-to-end encrypted by default.", "Chats are end-to-end encrypted from the start.")
	out, res = export(t, dir)
	if strings.Join(res.NoHistory, " ") != "content/nl/criteria.md" {
		t.Errorf("no history for %v", res.NoHistory)
	}
	data, _ = os.ReadFile(filepath.Join(out, "nl/criteria.po"))
	f, _ = po.Parse("criteria.po", data)
	for _, e := range f.Entries {
		if !e.Fuzzy() {
			t.Errorf("%s is not fuzzy", e.Ctx())
		}
	}
	if _, err := translation.NewHistory(load(t, dir)).StampedText("criteria.md", "sha256-x"); err == nil {
		t.Errorf("StampedText found a version outside git")
	}
}

// TestPOImportStale: an entry for a unit the source page no longer has
// is reported as skipped, as is one whose source text changed since the
// export; the rest is imported.
func TestPOImportStale(t *testing.T) {
	dir := copySite(t)
	out, _ := export(t, dir)
	setEntries(t, filepath.Join(out, "nl/partial.po"), map[string]string{"top/p3": "De derde alinea gaat over metadata.", "signal/p2": "De negende alinea noemt het telefoonnummer."})
	edit(t, dir, "content/en/partial.md", "The third paragraph talks about metadata.\n\n", "")
	edit(t, dir, "content/en/partial.md", "The ninth paragraph", "The 9th paragraph")
	res, err := translation.ImportPO(load(t, dir), out)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(res.Skipped, "\n")
	for _, want := range []string{"partial.po:47: top/p3: no longer in content/en/partial.md", "partial.po:95: signal/p2: the en text changed since the export"} {
		if !strings.Contains(got, want) {
			t.Errorf("skipped:\n%s\nwant %s", got, want)
		}
	}
}

// TestPOImportLanguage: a PO file's Language must be the locale of its
// directory (a region of it will do).
func TestPOImportLanguage(t *testing.T) {
	dir := copySite(t)
	out, _ := export(t, dir)
	file := filepath.Join(out, "nl/index.po")
	b, _ := os.ReadFile(file)
	for lang, want := range map[string]string{"nl_NL": "", "de": "the file is for language de, but stands in nl/"} {
		if err := os.WriteFile(file, bytes.Replace(b, []byte(`"Language: nl\n"`), []byte(`"Language: `+lang+`\n"`), 1), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := translation.ImportPO(load(t, dir), out)
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("Language %s: %v, want %q", lang, err, want)
		}
	}
}

// TestImportUIKeepsLocaleFile: import writes the UI strings into the
// locale's file whatever its name (here goi18n's active.nl.yaml), as merge
// does, rather than starting a second file locales/nl.yaml beside it.
func TestImportUIKeepsLocaleFile(t *testing.T) {
	dir := copySite(t)
	if err := os.Rename(filepath.Join(dir, "locales/nl.yaml"), filepath.Join(dir, "locales/active.nl.yaml")); err != nil {
		t.Fatal(err)
	}
	out, _ := export(t, dir)
	setEntries(t, filepath.Join(out, "nl/ui.po"), map[string]string{"farewell": "Tot ziens."})
	res, err := translation.ImportPO(load(t, dir), out)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(res.Written, "locales/active.nl.yaml") {
		t.Errorf("wrote %v, want locales/active.nl.yaml among them", res.Written)
	}
	if _, err := os.Stat(filepath.Join(dir, "locales/nl.yaml")); err == nil {
		t.Errorf("import started a second file of Dutch UI strings, locales/nl.yaml")
	}
}
