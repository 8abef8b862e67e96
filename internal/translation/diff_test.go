package translation_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/translation"
)

// gitRepo makes the site in dir a git repository with one commit.
func gitRepo(t *testing.T, dir string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed: the diff of a page's history cannot be tested")
	}
	git(t, dir, "init", "-q")
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "the site")
}

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func diff(t *testing.T, dir, file string) (*translation.PageDiff, string) {
	t.Helper()
	site := load(t, dir)
	d, err := translation.Diff(site, translation.NewHistory(site), filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := d.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	return d, b.String()
}

// TestDiffAcceptance: stamp, commit, change one English paragraph and
// rewrap another, commit: the diff names exactly the changed paragraph,
// with its old and new text, and the Dutch paragraph that translated it.
func TestDiffAcceptance(t *testing.T) {
	dir := copySite(t)
	gitRepo(t, dir)
	if _, err := translation.Stamp(load(t, dir), "content/nl/partial.md", false); err != nil {
		t.Fatal(err)
	}
	git(t, dir, "commit", "-q", "-a", "-m", "stamp")
	edit(t, dir, "content/en/partial.md", "The second paragraph says why encryption matters.", "The second paragraph says why end-to-end encryption matters.")
	edit(t, dir, "content/en/partial.md", "The fourth paragraph describes forward secrecy.", "The fourth paragraph\ndescribes forward secrecy.")
	git(t, dir, "commit", "-q", "-a", "-m", "English: one paragraph changed, one rewrapped")

	d, text := diff(t, dir, "content/nl/partial.md")
	if d.State != translation.Outdated || d.ByStructure || d.Commit == "" || len(d.Changes) != 1 {
		t.Fatalf("diff: %s, by structure %v, commit %q, %d changes:\n%s", d.State, d.ByStructure, d.Commit, len(d.Changes), text)
	}
	c := d.Changes[0]
	if c.Op != translation.Changed || c.Old.Markdown != "The second paragraph says why encryption matters." ||
		c.New.Markdown != "The second paragraph says why end-to-end encryption matters." || c.New.Line != 8 || c.Old.Line != 8 {
		t.Errorf("change: %+v old %+v new %+v", c, c.Old, c.New)
	}
	if c.Translation == nil || c.Translation.Line != 9 || !strings.HasPrefix(c.Translation.Markdown, "De tweede alinea") {
		t.Errorf("the Dutch paragraph: %+v", c.Translation)
	}
	for _, want := range []string{
		"content/nl/partial.md: content/en/partial.md changed since the page was stamped.\n",
		"Stamped against commit " + d.Commit[:7] + " (",
		"; since then, 1 segment differs: 1 changed.\n",
		"content/en/partial.md:8: changed paragraph (line 8 in the stamped version)\n",
		"  old:  The second paragraph says why encryption matters.\n",
		"  new:  The second paragraph says why end-to-end encryption matters.\n",
		"  diff: The second paragraph says why {+end-to-end+} encryption matters.\n",
		"  translated at content/nl/partial.md:9\n",
		"  nl:   De tweede alinea",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "fourth") {
		t.Errorf("the rewrapped paragraph is shown:\n%s", text)
	}

	// status counts the changed segment, in the table and the JSON.
	site := load(t, dir)
	r, err := translation.NewReport(site, "")
	if err != nil {
		t.Fatal(err)
	}
	r.CountChanges(translation.NewHistory(site))
	var table, js bytes.Buffer
	if err := r.WriteTable(&table); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	if want := "content/en/partial.md changed since it was stamped; 1 segment differs: 1 changed; see guidegen i18n diff content/nl/partial.md"; !strings.Contains(table.String(), want) {
		t.Errorf("the table lacks %q:\n%s", want, table.String())
	}
	pg := page(fromJSON(t, js.Bytes()), "partial.md")
	if pg.Changes == nil || *pg.Changes != (translation.Counts{Changed: 1}) || pg.ChangesUnknown != "" {
		t.Errorf("JSON changes: %+v, %q", pg.Changes, pg.ChangesUnknown)
	}
}

// TestDiffKinds: added, removed and changed segments of several kinds
// (heading, list item, table cell, admonition title, card body, title),
// the staged version, and a page that is up to date.
func TestDiffKinds(t *testing.T) {
	dir := copySite(t)
	en := "---\ntitle: Kinds\ndescription: Every kind of segment.\n---\n\n## First heading\n\n- one item\n- two items\n\n| Name | Use |\n| ---- | --- |\n| Alpha | for chatting |\n\n!!! note \"A title to translate\"\n    The note's body.\n\nA paragraph that goes away.\n"
	nl := "---\ntitle: Soorten\ndescription: Elke soort segment.\n---\n\n## Eerste kop\n\n- een item\n- twee items\n\n| Naam | Gebruik |\n| ---- | --- |\n| Alpha | om te chatten |\n\n!!! note \"Een titel om te vertalen\"\n    De tekst van de notitie.\n\nEen alinea die verdwijnt.\n"
	for file, text := range map[string]string{"content/en/kinds.md": en, "content/nl/kinds.md": nl} {
		if err := os.WriteFile(filepath.Join(dir, file), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gitRepo(t, dir)
	if _, err := translation.Stamp(load(t, dir), "content/nl/kinds.md", false); err != nil {
		t.Fatal(err)
	}
	if d, text := diff(t, dir, "content/nl/kinds.md"); d.State != translation.Translated || !strings.Contains(text, "is up to date") {
		t.Errorf("just stamped: %s\n%s", d.State, text)
	}
	git(t, dir, "commit", "-q", "-a", "-m", "stamp")
	edit(t, dir, "content/en/kinds.md", "title: Kinds", "title: Segment kinds")
	edit(t, dir, "content/en/kinds.md", "## First heading", "## The first heading")
	edit(t, dir, "content/en/kinds.md", "- two items\n", "- two items\n- three items\n")
	edit(t, dir, "content/en/kinds.md", "for chatting", "for chatting and calls")
	edit(t, dir, "content/en/kinds.md", "A title to translate", "Another title")
	edit(t, dir, "content/en/kinds.md", "\nA paragraph that goes away.\n", "")
	git(t, dir, "add", "content/en/kinds.md") // staged, not committed

	d, text := diff(t, dir, "content/nl/kinds.md")
	if d.Stamped == "" || d.ByStructure {
		t.Fatalf("stamped version not found:\n%s", text)
	}
	var got []string
	for _, c := range d.Changes {
		s := string(c.Op) + " "
		switch {
		case c.New != nil:
			s += c.New.Kind + " " + c.New.Markdown
		default:
			s += c.Old.Kind + " " + c.Old.Markdown
		}
		switch {
		case c.Translation != nil:
			s += " | " + c.Translation.Markdown
		case c.After != nil:
			s += " | after " + c.After.Markdown
		}
		got = append(got, s)
	}
	want := []string{
		"changed title Segment kinds | Soorten",
		"changed heading The first heading | Eerste kop",
		"added list item three items | after twee items",
		"changed table cell for chatting and calls | om te chatten",
		"changed admonition title Another title | Een titel om te vertalen",
		"removed paragraph A paragraph that goes away. | Een alinea die verdwijnt.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes:\n%s\nwant:\n%s\n\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), text)
	}
	if d.Counts != (translation.Counts{Changed: 4, Added: 1, Removed: 1}) || !strings.Contains(text, "; since then, 6 segments differ: 4 changed, 1 added, 1 removed.\n") {
		t.Errorf("counts %+v:\n%s", d.Counts, text)
	}
}

// TestDiffWithoutHistory: outside a git checkout, the diff says that the
// stamped text cannot be recovered and lists what does not line up by
// structure; status says why the changes are not counted.
func TestDiffWithoutHistory(t *testing.T) {
	dir := copySite(t)
	if out, err := exec.Command("git", "-C", dir, "rev-parse", "--is-inside-work-tree").Output(); err == nil && strings.TrimSpace(string(out)) == "true" {
		t.Skip("the temporary directory is inside a git checkout")
	}
	if _, err := translation.Stamp(load(t, dir), "content/nl/criteria.md", false); err != nil {
		t.Fatal(err)
	}
	edit(t, dir, "content/en/criteria.md", "- The servers are open source too.\n", "- The servers are open source too.\n- Their code is audited.\n")
	d, text := diff(t, dir, "content/nl/criteria.md")
	if d.State != translation.Outdated || !d.ByStructure || d.Counts != (translation.Counts{Added: 1}) {
		t.Errorf("diff: %s, by structure %v, %+v", d.State, d.ByStructure, d.Counts)
	}
	for _, want := range []string{
		"Not a git checkout: the version of the source page it was stamped against cannot be recovered.\n",
		"By the pages' structure alone: 1 segment of content/en/criteria.md has no counterpart in content/nl/criteria.md; 0 segments of content/nl/criteria.md have none in content/en/criteria.md.\n",
		"content/en/criteria.md:14: list item without a counterpart in content/nl/criteria.md\n  text: Their code is audited.\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the text lacks %q:\n%s", want, text)
		}
	}
	site := load(t, dir)
	r, _ := translation.NewReport(site, "")
	r.CountChanges(translation.NewHistory(site))
	if pg := page(r, "criteria.md"); pg.Changes != nil || !strings.HasPrefix(pg.ChangesUnknown, "not a git checkout") {
		t.Errorf("status: %+v %q", pg.Changes, pg.ChangesUnknown)
	}
}

func TestWordDiff(t *testing.T) {
	for _, tt := range []struct{ a, b, want string }{
		{"a b c", "a b c", "a b c"},
		{"a b c", "a x c", "a [-b-] {+x+} c"},
		{"", "new words", "{+new words+}"},
		{"old words", "", "[-old words-]"},
		{"one two three four", "one three four five", "one [-two-] three four {+five+}"},
	} {
		if got := translation.FormatWords(translation.WordDiff(tt.a, tt.b)); got != tt.want {
			t.Errorf("WordDiff(%q, %q) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestDiffFirstHashVersion: a page stamped with the first version of the
// hash finds its stamped version in the history too.
func TestDiffFirstHashVersion(t *testing.T) {
	dir := copySite(t)
	gitRepo(t, dir)
	edit(t, dir, "content/en/criteria.md", "- The servers are open source too.", "- The servers are free software too.")
	git(t, dir, "commit", "-q", "-a", "-m", "English changed")
	d, text := diff(t, dir, "content/nl/criteria.md")
	if !strings.HasPrefix(d.StampedHash, "sha256-") || d.ByStructure || d.Counts != (translation.Counts{Changed: 1}) ||
		d.Changes[0].Translation == nil || d.Changes[0].Translation.Markdown != "Ook de servers zijn opensource." {
		t.Errorf("diff of a first-version stamp:\n%s", text)
	}
}

// TestAlign: segments pair by place; a segment left as it was anchors
// the pairing, so a paragraph the translation lacks pairs with nothing.
func TestAlign(t *testing.T) {
	seg := func(kind, text string) *translation.TextSegment {
		return &translation.TextSegment{Kind: kind, Markdown: text, Place: kind, Canon: kind + "\x00" + text, Prose: kind != "code block"}
	}
	en := []*translation.TextSegment{
		seg("heading", "Start"), seg("paragraph", "Alpha text."), seg("paragraph", "Beta text."),
		seg("paragraph", "Gamma stays."), seg("code block", "echo"), seg("heading", "End"),
	}
	nl := []*translation.TextSegment{
		seg("heading", "Begin"), seg("paragraph", "Alfa tekst."), seg("paragraph", "Gamma stays."),
		seg("code block", "echo hallo"), seg("heading", "Einde"),
	}
	got := translation.Align(en, nl)
	if want := []int{0, 1, -1, 2, -1, 4}; !slices.Equal(got, want) {
		t.Errorf("Align = %v, want %v", got, want)
	}
}
