package translation_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen"
	"github.com/guidegen/guidegen/internal/build"
	"github.com/guidegen/guidegen/internal/sitefs"
	"github.com/guidegen/guidegen/internal/translation"
)

func readFile(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestExtractKeepsUnmergedWork: extract merges into the file it writes:
// translations whose source text is unchanged stay, translations that no
// longer apply stop it (naming them) unless forced, and untranslated
// entries that no longer apply are replaced.
func TestExtractKeepsUnmergedWork(t *testing.T) {
	dir := copySite(t)
	const file = "locales/translate.nl.yaml"
	if _, err := translation.Extract(load(t, dir), "nl", ""); err != nil {
		t.Fatal(err)
	}
	// Translated, with a comment, not merged yet.
	edit(t, dir, file, "  other: Goodbye for now.", "  # informal\n  other: Tot ziens.")
	res, err := translation.Extract(load(t, dir), "nl", "")
	if err != nil || res.Kept != 1 || res.Missing != 1 {
		t.Fatalf("second extract: %+v, %v", res, err)
	}
	if got := readFile(t, dir, file); !strings.Contains(got, "  # informal\n  other: Tot ziens.\n") {
		t.Errorf("the translation (and its comment) was not kept:\n%s", got)
	}

	// An untranslated entry whose source changes is replaced silently.
	edit(t, dir, "locales/nl.yaml", "changed:\n  hash: sha1-ae5378ac4c8c8e817f49e605c77dbc9a713f3d15\n  other: Deze tekst gaat veranderen.\n", "")
	if _, err := translation.Extract(load(t, dir), "nl", ""); err != nil {
		t.Fatal(err)
	}
	edit(t, dir, "locales/en.yaml", "This text will change.", "This text changed once.")
	if res, err := translation.Extract(load(t, dir), "nl", ""); err != nil || res.Kept != 1 || res.Missing != 2 {
		t.Fatalf("extract after an untranslated entry's source changed: %+v, %v", res, err)
	}
	if got := readFile(t, dir, file); !strings.Contains(got, "other: This text changed once.") || strings.Contains(got, "This text will change.") {
		t.Errorf("the untranslated entry was not replaced:\n%s", got)
	}

	// A translated entry whose source changes stops extract, with its
	// position, and the file is left as it was.
	edit(t, dir, file, "other: This text changed once.", "other: Deze tekst veranderde eens.")
	edit(t, dir, "locales/en.yaml", "This text changed once.", "This text changed twice.")
	edit(t, dir, "locales/en.yaml", "farewell: Goodbye for now.", "")
	before := readFile(t, dir, file)
	_, err = translation.Extract(load(t, dir), "nl", "")
	for _, want := range []string{
		"locales/translate.nl.yaml:5:1: changed is translated, but its en text changed since it was extracted: extract would drop the translation (run extract --force to drop it)",
		"locales/translate.nl.yaml:9:1: farewell is translated, but en has no such UI string any more",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("extract over stale translations: %v\nwant %s", err, want)
		}
	}
	if after := readFile(t, dir, file); after != before {
		t.Errorf("a refused extract changed the file:\n%s", after)
	}
	res, err = translation.ExtractWith(load(t, dir), translation.ExtractOptions{Locale: "nl", Force: true})
	if err != nil || !slices.Equal(res.Dropped, []string{"changed", "farewell"}) || res.Missing != 1 {
		t.Errorf("extract --force: %+v, %v", res, err)
	}
	if got := readFile(t, dir, file); strings.Contains(got, "Deze tekst") || strings.Contains(got, "Tot ziens") || !strings.Contains(got, "other: This text changed twice.") {
		t.Errorf("after extract --force:\n%s", got)
	}
}

// TestExtractNotIntoLocaleFile: extract never writes a locale file.
func TestExtractNotIntoLocaleFile(t *testing.T) {
	dir := copySite(t)
	before := readFile(t, dir, "locales/nl.yaml")
	for _, out := range []string{"locales/nl.yaml", "locales/en.yaml", "locales/active.nl.json"} {
		if _, err := translation.Extract(load(t, dir), "nl", out); err == nil || !strings.Contains(err.Error(), out+": is a locale file") {
			t.Errorf("extract --out %s: %v", out, err)
		}
	}
	if after := readFile(t, dir, "locales/nl.yaml"); after != before {
		t.Error("extract changed locales/nl.yaml")
	}
}

// TestExtractUnreadableFile: a file extract cannot read is not replaced
// (it may hold translations), unless forced.
func TestExtractUnreadableFile(t *testing.T) {
	dir := copySite(t)
	const file = "locales/translate.nl.yaml"
	if err := os.WriteFile(filepath.Join(dir, file), []byte("farewell:\n  other: \"Tot\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := translation.Extract(load(t, dir), "nl", ""); err == nil || !strings.Contains(err.Error(), "locales/translate.nl.yaml:2:") {
		t.Errorf("extract over a malformed file: %v", err)
	}
	if _, err := translation.ExtractWith(load(t, dir), translation.ExtractOptions{Locale: "nl", Force: true}); err != nil {
		t.Errorf("extract --force over a malformed file: %v", err)
	}
}

// TestIdenticalOnPurpose: a translation that is the source text, marked
// in its description, is merged (and then reported translated); one not
// marked is skipped as untranslated.
func TestIdenticalOnPurpose(t *testing.T) {
	dir := copySite(t)
	edit(t, dir, "locales/en.yaml", "farewell: Goodbye for now.", "farewell: Goodbye for now.\nwebsite: Website")
	if _, err := translation.Extract(load(t, dir), "nl", ""); err != nil {
		t.Fatal(err)
	}
	const file = "locales/translate.nl.yaml"
	if m, err := translation.Merge(load(t, dir), "nl", "", false); err != nil || !slices.Equal(m.Untranslated, []string{"farewell", "website"}) {
		t.Fatalf("merge before marking: %+v, %v", m, err)
	}
	edit(t, dir, file, "website:\n", "website:\n  description: Dutch says Website too (identical)\n")
	m, err := translation.Merge(load(t, dir), "nl", "", false)
	if err != nil || !slices.Equal(m.Merged, []string{"website"}) || !slices.Equal(m.Identical, []string{"website"}) || !slices.Equal(m.Untranslated, []string{"farewell"}) {
		t.Fatalf("merge after marking: %+v, %v", m, err)
	}
	if nl := readFile(t, dir, "locales/nl.yaml"); !strings.Contains(nl, "website:\n  description: (identical)\n  hash: ") {
		t.Errorf("the marker is not in locales/nl.yaml:\n%s", nl)
	}
	r, _, _ := status(t, dir)
	if s := str(r, "website"); s != nil {
		t.Errorf("website is still reported: %+v", s)
	}
	// A translation that reads as the source text without the marker is
	// reported.
	edit(t, dir, "locales/nl.yaml", "other: Welkom bij de fixture.", "other: Welcome to the fixture.")
	r, table, _ := status(t, dir)
	if s := str(r, "greeting"); s == nil || s.State != translation.Identical || r.Locales[0].Strings.Identical != 1 ||
		!strings.Contains(table, "; 1 still identical to en (add (identical) to the description of those that are on purpose)") {
		t.Errorf("an unmarked identical translation: %+v\n%s", s, table)
	}
	edit(t, dir, "locales/nl.yaml", "other: Welcome to the fixture.", "other: Welkom bij de fixture.")
	// The marked entry is done: the next extract leaves it out.
	res, err := translation.Extract(load(t, dir), "nl", "")
	if err != nil || res.Missing != 1 || res.Kept != 0 || strings.Contains(readFile(t, dir, file), "website") {
		t.Errorf("extract after merge: %+v, %v\n%s", res, err, readFile(t, dir, file))
	}
}

// TestLocaleFileFormats: a locale's file may be YAML, JSON or TOML, or
// goi18n's active.<locale>.*; stamp and merge write it in its format; two
// files for one locale are an error naming both.
func TestLocaleFileFormats(t *testing.T) {
	const nlJSON = `{
  "greeting": {"hash": "sha1-4bc919e83cd814f073b8bed9e769447e14033b1f", "other": "Welkom bij de fixture."},
  "changed": {"hash": "sha1-ae5378ac4c8c8e817f49e605c77dbc9a713f3d15", "other": "Deze tekst gaat veranderen."},
  "items": {"one": "{{.Count}} onderdeel", "other": "{{.Count}} onderdelen"}
}
`
	const nlTOML = `# Dutch
greeting = "Welkom bij de fixture."

[changed]
hash = "sha1-ae5378ac4c8c8e817f49e605c77dbc9a713f3d15"
other = "Deze tekst gaat veranderen."

[items]
one = "{{.Count}} onderdeel"
other = "{{.Count}} onderdelen"
`
	for _, tt := range []struct{ name, data string }{
		{"locales/nl.json", nlJSON},
		{"locales/nl.toml", nlTOML},
		{"locales/active.nl.yaml", "greeting: Welkom bij de fixture.\nchanged: Deze tekst gaat veranderen.\nitems:\n  one: \"{{.Count}} onderdeel\"\n  other: \"{{.Count}} onderdelen\"\n"},
		{"locales/active.nl.toml", nlTOML},
	} {
		dir := copySite(t)
		if err := os.Remove(filepath.Join(dir, "locales/nl.yaml")); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, tt.name), []byte(tt.data), 0o644); err != nil {
			t.Fatal(err)
		}
		r, _, _ := status(t, dir)
		if c := r.Locales[0].Strings; c.Missing != 1 || c.Translated+c.Unstamped != c.Total-1 || c.Unstamped == 0 && tt.name != "locales/nl.json" {
			t.Errorf("%s: status: %+v", tt.name, c)
		}
		st, err := translation.Stamp(load(t, dir), filepath.Join(dir, tt.name), false)
		if err != nil || st.File != tt.name {
			t.Errorf("%s: stamp: %+v, %v", tt.name, st, err)
		}
		if _, err := translation.Extract(load(t, dir), "nl", ""); err != nil {
			t.Fatal(err)
		}
		edit(t, dir, "locales/translate.nl.yaml", "other: Goodbye for now.", "other: Tot ziens.")
		m, err := translation.Merge(load(t, dir), "nl", "", false)
		if err != nil || m.File != tt.name {
			t.Fatalf("%s: merge: %+v, %v", tt.name, m, err)
		}
		r, _, _ = status(t, dir)
		if c := r.Locales[0].Strings; c.Translated != c.Total {
			t.Errorf("%s: after stamp and merge: %+v\n%s", tt.name, c, readFile(t, dir, tt.name))
		}
		got := readFile(t, dir, tt.name)
		switch filepath.Ext(tt.name) {
		case ".json":
			if !strings.Contains(got, `"farewell": {`) || !strings.Contains(got, `"other": "Tot ziens."`) {
				t.Errorf("%s is not JSON:\n%s", tt.name, got)
			}
		case ".toml":
			if !strings.Contains(got, "[farewell]\n") || !strings.Contains(got, `other = "Tot ziens."`) {
				t.Errorf("%s is not TOML:\n%s", tt.name, got)
			}
		}
	}

	dir := copySite(t)
	if err := os.WriteFile(filepath.Join(dir, "locales/nl.json"), []byte(nlJSON), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := loadErr(dir)
	if want := `locales/nl.json: locale "nl" has two files of UI strings, locales/nl.yaml and locales/nl.json: keep one`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("two files: %v\nwant %s", err, want)
	}
}

// TestLocaleFileErrors: malformed JSON and TOML, and misplaced keys in
// them, are errors with file:line:col.
func TestLocaleFileErrors(t *testing.T) {
	for _, tt := range []struct{ name, data, want string }{
		{"locales/nl.json", "{\n  \"greeting\": \"Hoi\",\n  \"farewell\": \n}\n", "locales/nl.json:4:1: malformed JSON"},
		{"locales/nl.json", "{\n  \"greeting\": {\"other\": \"Hoi\", \"colour\": \"x\"}\n}\n", `locales/nl.json:2:32: message "greeting": unknown key "colour"`},
		{"locales/nl.json", "{\n  \"greeting\": \"Hoi\",\n  \"greeting\": \"Hallo\"\n}\n", `locales/nl.json:3:3: message "greeting" is defined twice`},
		{"locales/nl.toml", "greeting = \"Hoi\"\nfarewell = \n", "locales/nl.toml:2:"},
		{"locales/nl.toml", "[greeting]\nother = \"Hoi\"\ncolour = \"x\"\n", `locales/nl.toml:3:1: message "greeting": unknown key "colour"`},
		{"locales/nl.toml", "# Dutch\n\ngreeting = [\"Hoi\"]\n", `locales/nl.toml:3:1: message "greeting" must be a string or a map of plural forms`},
	} {
		dir := copySite(t)
		if err := os.Remove(filepath.Join(dir, "locales/nl.yaml")); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, tt.name), []byte(tt.data), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := loadErr(dir); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: %v\nwant %s", tt.data, err, tt.want)
		}
	}
}

// risky are texts that YAML 1.1 reads as something else than a string
// when they are written plain.
var risky = []string{
	"no", "No", "NO", "yes", "Yes", "on", "On", "off", "OFF", "y", "Y", "n", "N",
	"true", "False", "~", "null", "Null", "1:20", "190:20:30", "0o12", "012", "0x1F", "0b101",
	"1_000", "1e3", ".5", "1.5", ".inf", "-.Inf", ".NaN", "2001-12-14", "2001-12-14 21:59:43.10 -5",
	"<<", "=",
}

// TestYAML11Quoting: the YAML guidegen writes reads the same in YAML 1.1:
// every value YAML 1.1 would take for a boolean, number, null or date is
// quoted.
func TestYAML11Quoting(t *testing.T) {
	dir := copySite(t)
	var en, tr strings.Builder
	en.WriteString("greeting: Welcome to the fixture.\nfarewell: Goodbye for now.\nchanged: This text will change.\nitems:\n  one: \"{{.Count}} item\"\n  other: \"{{.Count}} items\"\n")
	for i, v := range risky {
		en.WriteString(strings.Repeat("x", i+1) + ": \"source " + v + "\"\n")
	}
	if err := os.WriteFile(filepath.Join(dir, "locales/en.yaml"), []byte(en.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := translation.Extract(load(t, dir), "nl", ""); err != nil {
		t.Fatal(err)
	}
	data := readFile(t, dir, "locales/translate.nl.yaml")
	for _, v := range risky {
		data = strings.Replace(data, "other: source "+v+"\n", "other: '"+strings.ReplaceAll(v, "'", "''")+"'\n", 1)
	}
	tr.WriteString(data)
	if err := os.WriteFile(filepath.Join(dir, "locales/translate.nl.yaml"), []byte(tr.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := translation.Merge(load(t, dir), "nl", "", false); err != nil {
		t.Fatal(err)
	}
	out := readFile(t, dir, "locales/nl.yaml")
	var got map[string]any
	if err := yaml.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	for i, v := range risky {
		id := strings.Repeat("x", i+1)
		m, _ := got[id].(map[string]any)
		if m == nil || m["other"] != v {
			t.Errorf("%s: read back %#v, want %q", id, got[id], v)
		}
		if !strings.Contains(out, "  other: \""+v+"\"\n") {
			t.Errorf("%q is not double-quoted in locales/nl.yaml", v)
		}
	}
	// A YAML 1.1 reader, when there is one.
	if err := exec.Command("python3", "-c", "import yaml").Run(); err != nil {
		t.Log("python3 with PyYAML not found: the YAML 1.1 reader was not run")
		return
	}
	cmd := exec.Command("python3", "-c", `
import sys, yaml
d = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
for k in sorted(d, key=len):
    v = d[k]
    v = v["other"] if isinstance(v, dict) else v
    print(k, type(v).__name__, v, sep="\t")
`, filepath.Join(dir, "locales/nl.yaml"))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("PyYAML: %v\n%s", err, stderr.String())
	}
	read := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(stdout.String()), "\n") {
		f := strings.SplitN(line, "\t", 3)
		if len(f) == 3 && f[1] == "str" {
			read[f[0]] = f[2]
		}
	}
	for i, v := range risky {
		if id := strings.Repeat("x", i+1); read[id] != v {
			t.Errorf("PyYAML read %s as something else than the string %q:\n%s", id, v, stdout.String())
		}
	}
}

// loadErr loads the site in dir, returning the error of a site that does
// not load.
func loadErr(dir string) (*translation.Site, error) {
	s, err := sitefs.Open(dir, guidegen.Bundled())
	if err != nil {
		return nil, err
	}
	return build.Inspect(build.Options{Site: s})
}
