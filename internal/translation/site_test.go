package translation_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen"
	"github.com/guidegen/guidegen/internal/build"
	"github.com/guidegen/guidegen/internal/golden"
	"github.com/guidegen/guidegen/internal/sitefs"
	"github.com/guidegen/guidegen/internal/translation"
)

const fixture = "../../testdata/sites/i18n"

// copySite copies the fixture into a temporary directory.
func copySite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dir, os.DirFS(fixture)); err != nil {
		t.Fatal(err)
	}
	return dir
}

func edit(t *testing.T, dir, file, old, new string) {
	t.Helper()
	p := filepath.Join(dir, file)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	if err := os.WriteFile(p, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

func load(t *testing.T, dir string) *translation.Site {
	t.Helper()
	s, err := sitefs.Open(dir, guidegen.Bundled())
	if err != nil {
		t.Fatal(err)
	}
	site, err := build.Inspect(build.Options{Site: s})
	if err != nil {
		t.Fatal(err)
	}
	return site
}

// status reports on the site in dir, as a report, a table and JSON.
func status(t *testing.T, dir string) (*translation.Report, string, []byte) {
	t.Helper()
	r, err := translation.NewReport(load(t, dir), "")
	if err != nil {
		t.Fatal(err)
	}
	var table, js bytes.Buffer
	if err := r.WriteTable(&table); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	return r, table.String(), js.Bytes()
}

// fromJSON decodes the JSON report, so that tests check what a consumer
// of the JSON sees.
func fromJSON(t *testing.T, js []byte) *translation.Report {
	t.Helper()
	var r translation.Report
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		t.Fatal(err)
	}
	return &r
}

func page(r *translation.Report, path string) *translation.Page {
	for _, p := range r.Locales[0].PageList {
		if p.Path == path {
			return p
		}
	}
	return nil
}

func str(r *translation.Report, id string) *translation.String {
	for _, s := range r.Locales[0].StringList {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// TestStatusGolden keeps the table and the JSON of the fixture as they
// are; the other tests check their content.
func TestStatusGolden(t *testing.T) {
	_, table, js := status(t, fixture)
	golden.Check(t, "testdata/status.txt", []byte(table))
	golden.Check(t, "testdata/status.json", js)
}

// TestStatusEveryState: a missing page, an outdated page (the English
// source edited after it was stamped), an unstamped page, a missing
// string, an outdated string (its English text changed) and a page with
// 3 of 12 segments untranslated (of 10 paragraphs, its title and its
// description), each reported in the table and in the JSON.
func TestStatusEveryState(t *testing.T) {
	dir := copySite(t)
	edit(t, dir, "content/en/criteria.md", "- The servers are open source too.", "- The server software is open source too.")
	edit(t, dir, "locales/en.yaml", "This text will change.", "This text has changed.")
	_, table, js := status(t, dir)

	for _, re := range []string{
		`pages +5: 2 translated, 1 outdated, 1 unstamped, 1 missing`,
		`strings +\d+: \d+ translated, 1 outdated, 0 unstamped, 1 missing`,
		`\n  criteria\.md +outdated +0 of 6 +aligned\n`,
		`\n  missing\.md +missing +- +-\n`,
		`\n  partial\.md +translated +3 of 12 \(25%\) +aligned\n`,
		`\n  unstamped\.md +unstamped +0 of 6 +0 of 2 aligned \(1 in en\)\n`,
		`content/nl/criteria\.md +content/en/criteria\.md changed since it was stamped`,
		`content/nl/partial\.md:11:1  paragraph  "The third paragraph talks about metadata\."`,
		`content/nl/partial\.md:17:1  paragraph  "The fifth paragraph describes post-compromise security\."`,
		`content/nl/partial\.md:27:1  paragraph  "The ninth paragraph mentions the phone number\."`,
		`content/nl/unstamped\.md:10:1  h2 "Een extra kop" has no counterpart`,
		`\n    missing +farewell +"Goodbye for now\."\n`,
		`\n    outdated +changed +locales/nl\.yaml:5:1\n`,
	} {
		if !regexp.MustCompile(re).MatchString(table) {
			t.Errorf("table lacks /%s/:\n%s", re, table)
		}
	}

	r := fromJSON(t, js)
	nl := r.Locales[0]
	if r.Source.Code != "en" || nl.Code != "nl" || len(r.Locales) != 1 {
		t.Fatalf("locales: source %v, %v", r.Source, r.Locales)
	}
	if want := (translation.PageCounts{Total: 5, Translated: 2, Outdated: 1, Unstamped: 1, Missing: 1}); nl.Pages != want {
		t.Errorf("page counts %+v, want %+v", nl.Pages, want)
	}
	if nl.Strings.Outdated != 1 || nl.Strings.Missing != 1 || nl.Strings.Unstamped != 0 || nl.Strings.Translated != nl.Strings.Total-2 {
		t.Errorf("string counts %+v", nl.Strings)
	}
	states := map[string]translation.State{}
	for _, p := range nl.PageList {
		states[p.Path] = p.State
	}
	wantStates := map[string]translation.State{
		"index.md": translation.Translated, "criteria.md": translation.Outdated, "missing.md": translation.Missing,
		"partial.md": translation.Translated, "unstamped.md": translation.Unstamped,
	}
	for p, st := range wantStates {
		if states[p] != st {
			t.Errorf("%s is %q, want %q", p, states[p], st)
		}
	}
	if c := page(r, "criteria.md"); c.StampedHash == "" || c.StampedHash == c.SourceHash {
		t.Errorf("outdated page: stamped %q, source %q", c.StampedHash, c.SourceHash)
	}
	if m := page(r, "missing.md"); m.Segments != nil || m.Headings != nil || m.File != "content/nl/missing.md" {
		t.Errorf("missing page: %+v", m)
	}
	p := page(r, "partial.md")
	if p.Segments.Total != 12 || p.Segments.Untranslated != 3 || p.Segments.Share != 0.25 || p.Segments.TranslatedPercent() != 75 {
		t.Errorf("partial page segments %+v", p.Segments)
	}
	var lines []int
	for _, s := range p.Segments.List {
		lines = append(lines, s.Line)
		if s.Kind != "paragraph" || !strings.HasPrefix(s.Text, "The ") {
			t.Errorf("untranslated segment %+v", s)
		}
	}
	if !slices.Equal(lines, []int{11, 17, 27}) {
		t.Errorf("untranslated segments on lines %v, want 11, 17, 27", lines)
	}
	if h := page(r, "unstamped.md").Headings; !h.Mismatch || h.Aligned != 0 || len(h.Unaligned) != 2 || len(h.Missing) != 1 || h.Missing[0].ID != "why-stamp" {
		t.Errorf("unstamped page headings %+v", h)
	}
	if s := str(r, "farewell"); s == nil || s.State != translation.Missing || s.Text != "Goodbye for now." {
		t.Errorf("farewell: %+v", s)
	}
	if s := str(r, "changed"); s == nil || s.State != translation.Outdated || s.Hash == s.SourceHash || s.File != "locales/nl.yaml" || s.Line != 5 {
		t.Errorf("changed: %+v", s)
	}
	if str(r, "greeting") != nil || str(r, "items") != nil {
		t.Error("translated strings are listed")
	}
}

// TestStampRoundTrip: a stamped page is up to date; once its source
// changes it is outdated; stamping it again makes it up to date, changing
// nothing in the file but its source_hash line.
func TestStampRoundTrip(t *testing.T) {
	dir := copySite(t)
	state := func() translation.State {
		r, _, _ := status(t, dir)
		return page(r, "criteria.md").State
	}
	if st := state(); st != translation.Translated {
		t.Fatalf("before: %s", st)
	}
	edit(t, dir, "content/en/criteria.md", "## Best case", "## In the best case")
	if st := state(); st != translation.Outdated {
		t.Fatalf("after the source changed: %s", st)
	}
	file := filepath.Join(dir, "content/nl/criteria.md")
	before, _ := os.ReadFile(file)
	res, err := translation.Stamp(load(t, dir), "content/nl/criteria.md", false)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(file)
	if st := state(); st != translation.Translated {
		t.Fatalf("after stamping: %s", st)
	}
	hashLine := regexp.MustCompile(`(?m)^source_hash: .*$`)
	if hashLine.ReplaceAllString(string(before), "") != hashLine.ReplaceAllString(string(after), "") || bytes.Equal(before, after) {
		t.Errorf("stamping changed more (or less) than the source_hash line:\n%s", after)
	}
	if !strings.Contains(string(after), "source_hash: "+res.Hash+"\n") {
		t.Errorf("the file lacks the new hash %s", res.Hash)
	}

	// An unstamped page gets a source_hash line.
	if _, err := translation.Stamp(load(t, dir), filepath.Join(dir, "content/nl/unstamped.md"), false); err != nil {
		t.Fatal(err)
	}
	r, _, _ := status(t, dir)
	if st := page(r, "unstamped.md").State; st != translation.Translated {
		t.Errorf("unstamped page after stamping: %s", st)
	}
}

func TestStampErrors(t *testing.T) {
	dir := copySite(t)
	if err := os.WriteFile(filepath.Join(dir, "content/en/nofront.md"), []byte("---\ntitle: T\ndescription: D\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	site := load(t, dir)
	// Written after loading: the site would not load with it.
	if err := os.WriteFile(filepath.Join(dir, "content/nl/nofront.md"), []byte("# Geen front matter\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ file, want string }{
		{"content/en/criteria.md", `content/en/criteria.md:1:1: not a translated page: "en" is not a locale the site translates into`},
		{"guidegen.yaml", "guidegen.yaml:1:1: not a translated page"},
		{"content/nl/nofront.md", "content/nl/nofront.md:1:1: front matter is missing"},
		{"content/nl/nope.md", "no such file"},
		{"../outside.md", "no such file"},
		{"locales/en.yaml", "locales/en.yaml:1:1: not a translation's locale file"},
	} {
		if _, err := translation.Stamp(site, tt.file, false); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Stamp(%s): %v, want %s", tt.file, err, tt.want)
		}
	}
	bundled := &translation.Site{Config: site.Config, Catalog: site.Catalog, Content: site.Content}
	if _, err := translation.Stamp(bundled, "content/nl/criteria.md", false); err == nil || !strings.Contains(err.Error(), "bundled guide cannot be changed") {
		t.Errorf("stamping the bundled guide: %v", err)
	}
}

// TestStampStrings: stamping a locale file gives every string without a
// hash the hash of its source text, and leaves outdated strings alone
// unless told otherwise.
func TestStampStrings(t *testing.T) {
	dir := copySite(t)
	edit(t, dir, "locales/nl.yaml", "greeting:\n  hash: sha1-4bc919e83cd814f073b8bed9e769447e14033b1f\n  other: Welkom bij de fixture.", "greeting: Welkom bij de fixture. # no hash")
	edit(t, dir, "locales/en.yaml", "This text will change.", "This text has changed.")
	r, _, _ := status(t, dir)
	if str(r, "greeting").State != translation.Unstamped || str(r, "changed").State != translation.Outdated {
		t.Fatalf("before: %+v %+v", str(r, "greeting"), str(r, "changed"))
	}
	res, err := translation.Stamp(load(t, dir), "locales/nl.yaml", false)
	if err != nil || res.Strings != 1 || res.Skipped != 1 {
		t.Fatalf("stamp: %+v, %v", res, err)
	}
	r, _, _ = status(t, dir)
	if str(r, "greeting") != nil || str(r, "changed").State != translation.Outdated {
		t.Errorf("after: %+v %+v", str(r, "greeting"), str(r, "changed"))
	}
	b, _ := os.ReadFile(filepath.Join(dir, "locales/nl.yaml"))
	if !strings.Contains(string(b), "# farewell is deliberately missing.\ngreeting:\n  hash: sha1-4bc919e83cd814f073b8bed9e769447e14033b1f\n  other: Welkom bij de fixture. # no hash\nchanged:\n") {
		t.Errorf("stamped file:\n%s", b)
	}
	if res, err := translation.Stamp(load(t, dir), "locales/nl.yaml", true); err != nil || res.Strings != 1 {
		t.Fatalf("stamp --all: %+v, %v", res, err)
	}
	r, _, _ = status(t, dir)
	if str(r, "changed") != nil {
		t.Errorf("after stamping all: %+v", str(r, "changed"))
	}
}

// TestExtractMergeGolden: extract writes the missing and outdated strings in a
// file go-i18n loads; once translated and merged, they are reported
// translated.
func TestExtractMergeGolden(t *testing.T) {
	dir := copySite(t)
	edit(t, dir, "locales/en.yaml", "This text will change.", "This text has changed.")
	edit(t, dir, "locales/en.yaml", "items:", "apples:\n  description: Counts apples.\n  one: \"{{.Count}} apple\"\n  other: \"{{.Count}} apples\"\nitems:")
	site := load(t, dir)
	res, err := translation.Extract(site, "nl", "")
	if err != nil {
		t.Fatal(err)
	}
	if res.File != "locales/translate.nl.yaml" || res.Missing != 2 || res.Outdated != 1 {
		t.Errorf("extract: %+v", res)
	}
	path := filepath.Join(dir, "locales/translate.nl.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/translate.nl.yaml", data)

	// go-i18n loads the file.
	bundle := goi18n.NewBundle(language.English)
	bundle.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	mf, err := bundle.ParseMessageFileBytes(data, path)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*goi18n.Message{}
	for _, m := range mf.Messages {
		got[m.ID] = m
	}
	if mf.Tag != language.Dutch || len(got) != 3 {
		t.Fatalf("go-i18n read %s with %d messages", mf.Tag, len(got))
	}
	want := map[string]*goi18n.Message{
		"apples":   {Description: "Counts apples.", One: "{{.Count}} apple", Other: "{{.Count}} apples"},
		"changed":  {Description: "A string whose English text the tests change.", Other: "This text has changed."},
		"farewell": {Other: "Goodbye for now."},
	}
	for id, w := range want {
		m := got[id]
		if m == nil || m.Description != w.Description || m.One != w.One || m.Other != w.Other || m.Hash != translation.MessageHash(w) {
			t.Errorf("%s: got %+v, want %+v with hash %s", id, m, w, translation.MessageHash(w))
		}
	}

	// A translator translates two of them and leaves one as it was.
	translated := strings.NewReplacer(
		"other: Goodbye for now.", "other: Tot ziens.",
		"other: This text has changed.", "other: Deze tekst is veranderd.",
	).Replace(string(data))
	if err := os.WriteFile(path, []byte(translated), 0o644); err != nil {
		t.Fatal(err)
	}
	merged, err := translation.Merge(load(t, dir), "nl", "", false)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(merged.Merged, []string{"changed", "farewell"}) || !slices.Equal(merged.Untranslated, []string{"apples"}) {
		t.Errorf("merge: %+v", merged)
	}
	r, _, _ := status(t, dir)
	if len(r.Locales[0].StringList) != 1 || str(r, "apples").State != translation.Missing {
		t.Errorf("after merge, not translated: %+v", r.Locales[0].StringList)
	}
	if c := r.Locales[0].Strings; c.Translated != c.Total-1 || c.Outdated != 0 || c.Missing != 1 {
		t.Errorf("after merge, the merged strings are not counted as translated: %+v", c)
	}
	nl, _ := os.ReadFile(filepath.Join(dir, "locales/nl.yaml"))
	for _, want := range []string{
		"changed:\n  hash: " + translation.MessageHash(want["changed"]) + "\n  other: Deze tekst is veranderd.\n",
		"farewell:\n  hash: " + translation.MessageHash(want["farewell"]) + "\n  other: Tot ziens.\n",
	} {
		if !strings.Contains(string(nl), want) {
			t.Errorf("nl.yaml lacks\n%s\nin\n%s", want, nl)
		}
	}
	// Once merged, the next extract has only what is left.
	if res, err := translation.Extract(load(t, dir), "nl", ""); err != nil || res.Missing != 1 || res.Outdated != 0 {
		t.Errorf("second extract: %+v, %v", res, err)
	}
}

// TestMergeRejects: translations that would break at run time stop the
// merge with their position, and nothing is written.
func TestMergeRejects(t *testing.T) {
	dir := copySite(t)
	site := load(t, dir)
	if _, err := translation.Extract(site, "nl", ""); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "locales/nl.yaml"))
	for _, tt := range []struct{ text, want string }{
		{"Tot {{.Name", "locales/translate.nl.yaml:5:1: farewell: other: not a valid template: unclosed action"},
		{"Tot {{.Name}}", "locales/translate.nl.yaml:5:1: farewell: other: uses .Name, which the source text does not have"},
	} {
		edit(t, dir, "locales/translate.nl.yaml", "other: Goodbye for now.", "other: \""+tt.text+"\"")
		_, err := translation.Merge(site, "nl", "", false)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("merge of %q: %v, want %s", tt.text, err, tt.want)
		}
		edit(t, dir, "locales/translate.nl.yaml", "other: \""+tt.text+"\"", "other: Goodbye for now.")
	}
	after, _ := os.ReadFile(filepath.Join(dir, "locales/nl.yaml"))
	if !bytes.Equal(before, after) {
		t.Error("a failed merge wrote nl.yaml")
	}
	// With --identical, a translation that reads the same is taken.
	merged, err := translation.Merge(site, "nl", "", true)
	if err != nil || !slices.Equal(merged.Merged, []string{"farewell"}) {
		t.Errorf("merge --identical: %+v, %v", merged, err)
	}
}

// TestBundledGuideHasNoEnglishLeft: no paragraph, list item, heading or
// table cell of a translated page of the bundled guide is still the
// English text (names, code and URLs do not count; see package segment).
func TestBundledGuideHasNoEnglishLeft(t *testing.T) {
	s := &sitefs.Site{FS: guidegen.Bundled(), Theme: guidegen.Bundled(), Bundled: true}
	site, err := build.Inspect(build.Options{Site: s})
	if err != nil {
		t.Fatal(err)
	}
	r, err := translation.NewReport(site, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, loc := range r.Locales {
		for _, p := range loc.PageList {
			if p.Segments == nil {
				continue
			}
			for _, sg := range p.Segments.List {
				t.Errorf("%s:%d:%d: %s still in %s: %q", p.File, sg.Line, sg.Col, sg.Kind, r.Source.Code, sg.Text)
			}
		}
	}
}

// TestStatusFrontTexts: a translation's title or description left in
// English counts as an untranslated segment, at its place in the front
// matter, in the table and in the JSON; a name that reads the same in
// both languages ("Criteria") does not.
func TestStatusFrontTexts(t *testing.T) {
	dir := copySite(t)
	edit(t, dir, "content/nl/partial.md", "title: Half vertaald", "title: Partly  translated")
	edit(t, dir, "content/nl/index.md", "description: Elke toestand waarin een vertaling kan zijn.", "description: Every state a translation can be in.")
	r, table, js := status(t, dir)
	for _, re := range []string{
		`\n  index\.md +translated +1 of 2 \(50%\) +aligned\n`,
		`\n  partial\.md +translated +4 of 12 \(33%\) +aligned\n`,
		`content/nl/index\.md:3:14  description  "Every state a translation can be in\."`,
		`content/nl/partial\.md:2:8  title  "Partly  translated"`,
	} {
		if !regexp.MustCompile(re).MatchString(table) {
			t.Errorf("table lacks /%s/:\n%s", re, table)
		}
	}
	if strings.Contains(table, `title  "Criteria"`) {
		t.Errorf("a name is reported as untranslated:\n%s", table)
	}
	p := page(r, "partial.md")
	if got := p.Segments.List[0]; got.Kind != "title" || got.Line != 2 || got.Col != 8 {
		t.Errorf("first untranslated segment %+v, want the title at 2:8", got)
	}
	if !strings.Contains(string(js), `"kind": "description",`) {
		t.Errorf("JSON lacks the description:\n%s", js)
	}
}

// TestUnstampedStringsWarning: the warning about UI strings without a
// hash agrees with their number.
func TestUnstampedStringsWarning(t *testing.T) {
	dir := copySite(t)
	edit(t, dir, "locales/nl.yaml", "  hash: sha1-4bc919e83cd814f073b8bed9e769447e14033b1f\n", "")
	warning := func() string {
		r, _, _ := status(t, dir)
		for _, w := range r.Warnings() {
			if strings.Contains(w.Msg, "no hash") {
				return w.Error()
			}
		}
		return ""
	}
	if got, want := warning(), "locales/nl.yaml: warning: 1 UI string has no hash, so whether it is up to date is unknown; once it is, run: guidegen i18n stamp locales/nl.yaml (greeting)"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	edit(t, dir, "locales/nl.yaml", "  hash: sha1-efc5a770ae2b64a41076ae5c081e5c12b9fb3a6c\n", "")
	if got, want := warning(), "locales/nl.yaml: warning: 2 UI strings have no hash, so whether they are up to date is unknown; once they are, run: guidegen i18n stamp locales/nl.yaml (greeting, items)"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestMergeRejectsLackingForm: a plural translation without every form
// Dutch needs would not load, so merge refuses it with its position.
func TestMergeRejectsLackingForm(t *testing.T) {
	dir := copySite(t)
	edit(t, dir, "locales/en.yaml", `other: "{{.Count}} items"`, `other: "{{.Count}} things"`)
	site := load(t, dir)
	if _, err := translation.Extract(site, "nl", ""); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "locales/translate.nl.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^  one: .*item.*\n`)
	if !re.Match(b) {
		t.Fatalf("no one form for items in\n%s", b)
	}
	b = re.ReplaceAll(b, nil)
	b = regexp.MustCompile(`(?m)^(  other: ).*things.*$`).ReplaceAll(b, []byte(`${1}"{{.Count}} dingen"`))
	if err := os.WriteFile(filepath.Join(dir, "locales/translate.nl.yaml"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = translation.Merge(site, "nl", "", false)
	if want := `: items: lacks its "one" plural form: nl needs one and other`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("merge: %v, want an error containing %s", err, want)
	}
}
