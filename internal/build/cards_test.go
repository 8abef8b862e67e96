package build_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/golden"
)

const cardsFixture = "../../testdata/sites/cards"

// copyCards copies the cards fixture into a temporary directory, applies
// edits (file → old → new) and returns its path.
func copyCards(t *testing.T, edits ...[3]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dir, os.DirFS(cardsFixture)); err != nil {
		t.Fatal(err)
	}
	for _, e := range edits {
		p := filepath.Join(dir, e[0])
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(e[1])) {
			t.Fatalf("%s does not contain %q", e[0], e[1])
		}
		if err := os.WriteFile(p, bytes.Replace(b, []byte(e[1]), []byte(e[2]), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func buildCards(t *testing.T, dir string) (map[string][]byte, error) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := buildSite(t, dir, out); err != nil {
		return nil, err
	}
	return tree(t, out), nil
}

// TestCardsGolden renders the cards, criteria lists, matrix and threat
// chips of one set of data in English and Dutch.
func TestCardsGolden(t *testing.T) {
	files, err := buildCards(t, cardsFixture)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"messengers/index.html", "nl/messengers/index.html"} {
		golden.Check(t, filepath.Join("testdata/golden/cards", p), files[p])
	}
	nl := string(files["nl/messengers/index.html"])
	for _, want := range []string{
		`alt="Logo van Signal"`, `<summary>Downloaden</summary>`, `title="Broncode" aria-label="Broncode"`,
		`href="https://signal.org/download/linux/"`, `href="/nl/networks/#centralized" class="badge badge-network">Centraal</a>`,
		`<span class="visually-hidden">Voldoet gedeeltelijk</span>`, `De desktop-apps hebben een telefoon nodig`,
		`<strong>Beschermt tegen deze dreigingen:</strong>`, `href="/nl/#mass-surveillance" class="chip">Massasurveillance</a>`,
		`<li>Eerder verstuurde berichten blijven geheim`,
	} {
		if !strings.Contains(nl, want) {
			t.Errorf("Dutch page lacks %s", want)
		}
	}
}

// TestDutchFrontMatterHasNoURL: the translation repeats no data.
func TestDutchFrontMatterHasNoURL(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(cardsFixture, "content/nl/messengers.md"))
	if err != nil {
		t.Fatal(err)
	}
	front := strings.SplitN(string(b), "\n---\n", 2)[0]
	if regexp.MustCompile(`https?:|www\.|\.(org|com|chat)\b`).MatchString(front) {
		t.Errorf("the Dutch front matter holds a URL:\n%s", front)
	}
}

var markRE = regexp.MustCompile(`<th scope="row">(\w+)</th>((?:\s*<td class="align-center">.*?</td>)+)`)

// matrixRow returns the marks (yes, no, partial) of a messenger's row.
func matrixRow(page, name string) []string {
	for _, m := range markRE.FindAllStringSubmatch(page, -1) {
		if m[1] == name {
			var marks []string
			for _, c := range regexp.MustCompile(`mark-(\w+)`).FindAllStringSubmatch(m[2], -1) {
				marks = append(marks, c[1])
			}
			return marks
		}
	}
	return nil
}

// TestDataDrivesOutput changes one property in the data and checks that
// the matrix, the badges and the check follow, in both locales.
func TestDataDrivesOutput(t *testing.T) {
	files, err := buildCards(t, cardsFixture)
	if err != nil {
		t.Fatal(err)
	}
	before := string(files["messengers/index.html"])
	if got := strings.Join(matrixRow(before, "Signal"), " "); got != "yes yes yes yes no partial" {
		t.Fatalf("Signal row = %s", got)
	}

	// Signal becomes decentralized: its matrix cell and a badge change.
	files, err = buildCards(t, copyCards(t, [3]string{"content/en/messengers.md", "      decentralized: false", "      decentralized: true"}))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"messengers/index.html", "nl/messengers/index.html"} {
		page := string(files[p])
		if got := strings.Join(matrixRow(page, "Signal"), " "); got != "yes yes yes yes yes partial" {
			t.Errorf("%s: Signal row after the change = %s", p, got)
		}
		card := page[strings.Index(page, `id="signal"`):strings.Index(page, `id="additional-options"`)]
		if !strings.Contains(card, `badge-criterion`) {
			t.Errorf("%s: no best-case badge on Signal's card after the change", p)
		}
	}
	if strings.Contains(before[strings.Index(before, `id="signal"`):strings.Index(before, `id="additional-options"`)], "badge-criterion") {
		t.Error("Signal had a best-case badge before the change")
	}

	// Signal loses forward secrecy, a minimum criterion: the check fails.
	_, err = buildCards(t, copyCards(t, [3]string{"content/en/messengers.md", "      forward_secrecy: true", "      forward_secrecy: false"}))
	want := `content/en/messengers.md:59:1: recommendation "signal" does not meet the minimum criteria forward_secrecy`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error = %v\nwant it to contain %s", err, want)
	}
}

// TestCardErrors breaks the data or the page one way at a time.
func TestCardErrors(t *testing.T) {
	en, nl, vocab := "content/en/messengers.md", "content/nl/messengers.md", "content/data/vocabulary.yaml"
	tests := []struct {
		name string
		edit [3]string
		want string
	}{
		{"unknown criterion in a list", [3]string{en, "best: [decentralized, all_platforms]", "best: [decentralised, all_platforms]"},
			`content/en/messengers.md:49:10: unknown criterion "decentralised" (did you mean "decentralized"?)`},
		{"unknown criterion in properties", [3]string{en, "      audited: true\n      forward_secrecy: true", "      audit: true\n      forward_secrecy: true"},
			`content/en/messengers.md:25:14: unknown criterion "audit" (did you mean "audited"?)`},
		{"unknown platform", [3]string{en, "      linux: https", "      linuks: https"},
			`content/en/messengers.md:20:15: unknown platform "linuks" (did you mean "linux"?)`},
		{"unknown network", [3]string{en, "network: centralized", "network: centralised"},
			`content/en/messengers.md:21:14: unknown network type "centralised" (did you mean "centralized"?)`},
		{"unknown threat", [3]string{en, "threats: [mass_surveillance, service_providers]", "threats: [mass_surveillance, service_provider]"},
			`content/en/messengers.md:50:30: unknown threat "service_provider" (did you mean "service_providers"?)`},
		{"bad property value", [3]string{en, "      audited: true\n      forward_secrecy: true", "      audited: yes\n      forward_secrecy: true"},
			`content/en/messengers.md:25:16: recommendations.signal.properties.audited: expected true, false, partial or n/a, got "yes"`},
		{"link that is not a URL", [3]string{en, "homepage: https://signal.org/", "homepage: signal.org"},
			`content/en/messengers.md:9:17: "signal.org" is not an absolute http(s) URL`},
		{"missing name", [3]string{en, "    name: Session\n", ""},
			`content/en/messengers.md:32:5: recommendation "session": name is required`},
		{"unknown card id", [3]string{en, "!!! recommendation session", "!!! recommendation sesion"},
			`content/en/messengers.md:71:20: unknown recommendation "sesion" (did you mean "session"?)`},
		{"translation adds a recommendation", [3]string{nl, "  signal:\n", "  molly:\n    name: Molly\n  signal:\n"},
			`content/nl/messengers.md:6:5: recommendation "molly" is not in the source page`},
		{"unknown directive", [3]string{en, "{% matrix %}", "{% matrx %}"},
			`content/en/messengers.md:86:1: unknown directive "matrx" (did you mean "matrix"?)`},
		{"malformed directive", [3]string{en, "{% matrix %}", "{% matrix"},
			`content/en/messengers.md:86:1: malformed directive`},
		{"bad directive argument", [3]string{en, "{% criteria best %}", "{% criteria good %}"},
			`content/en/messengers.md:82:1: criteria: write {% criteria minimum %} or {% criteria best %}`},
		{"fails a minimum criterion outside additional options", [3]string{en, "## Additional options { .additional }", "## Additional options"},
			`content/en/messengers.md:71:1: recommendation "session" does not meet the minimum criteria forward_secrecy`},
		{"additional options without a warning", [3]string{en, "!!! warning\n    The messenger below has no forward secrecy.\n", ""},
			`content/en/messengers.md:69:1: recommendation "session" does not meet the minimum criteria forward_secrecy`},
		{"vocabulary id without a label", [3]string{vocab, "    - {id: web, icon: octicons-globe-16}", "    - {id: web, icon: octicons-globe-16}\n    - {id: pager}"},
			`content/data/vocabulary.yaml:31:7: platform "pager" has no label: add "platform.pager" to the locale files`},
		{"vocabulary id twice", [3]string{vocab, "    - {id: web, icon: octicons-globe-16}", "    - {id: web, icon: octicons-globe-16}\n    - {id: web}"},
			`content/data/vocabulary.yaml:31:7: platforms: "web" is defined twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := buildCards(t, copyCards(t, tt.edit))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v\nwant it to contain %s", err, tt.want)
			}
		})
	}
}

// TestBundledCardsFromData: every card of the bundled real-time
// communication page is placed from data, in both locales.
func TestBundledCardsFromData(t *testing.T) {
	for _, l := range []string{"en", "nl"} {
		b, err := os.ReadFile(filepath.Join("../../content", l, "real-time-communication.md"))
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			f := strings.Fields(line)
			if len(f) > 0 && (f[0] == "!!!" || strings.HasPrefix(f[0], "???")) && len(f) > 1 && f[1] == "recommendation" && len(f) != 3 {
				t.Errorf("content/%s/real-time-communication.md:%d: a card not placed from data: %s", l, i+1, line)
			}
		}
	}
	files, err := buildCards(t, "../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"real-time-communication/index.html", "nl/real-time-communication/index.html"} {
		page := string(files[p])
		for _, want := range []string{`<table class="matrix">`, `<th scope="row">`, "<caption>", `class="chip"`, "badge-network"} {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %s", p, want)
			}
		}
	}
}

// TestNestedCardsAreChecked: a card wrapped in <div markdown>, an
// admonition or a list item is held to the minimum criteria like one at
// the top level, and the error points at its own line.
func TestNestedCardsAreChecked(t *testing.T) {
	en := "content/en/messengers.md"
	top := "!!! recommendation signal\n    **Signal** encrypts every chat and call end to end.\n\n    It asks for a phone number to register.\n"
	body := "**Signal** encrypts every chat and call end to end.\n\nIt asks for a phone number to register.\n"
	indent := func(s, p string) string {
		var b strings.Builder
		for _, l := range strings.SplitAfter(s, "\n") {
			if strings.TrimSpace(l) != "" {
				b.WriteString(p)
			}
			b.WriteString(l)
		}
		return b.String()
	}
	card := "!!! recommendation signal\n" + indent(body, "    ")
	if card != top {
		t.Fatalf("the fixture's Signal card changed:\n%s", card)
	}
	tests := []struct {
		name, wrapped string
		line, col     int
	}{
		{"div markdown", "<div markdown>\n\n" + card + "\n</div>\n", 61, 1},
		{"admonition", "!!! note\n" + indent(card, "    "), 60, 5},
		{"list item", "- Signal:\n\n" + indent(card, "    "), 61, 5},
		{"admonition in a div", "<div markdown>\n\n!!! note\n" + indent(card, "    ") + "\n</div>\n", 62, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := buildCards(t, copyCards(t,
				[3]string{en, top, tt.wrapped},
				[3]string{en, "      forward_secrecy: true", "      forward_secrecy: false"}))
			want := fmt.Sprintf(`content/en/messengers.md:%d:%d: recommendation "signal" does not meet the minimum criteria forward_secrecy`, tt.line, tt.col)
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("error = %v\nwant it to contain %s", err, want)
			}
		})
	}
	// Wrapped but meeting every criterion, the card passes.
	if _, err := buildCards(t, copyCards(t, [3]string{en, top, "<div markdown>\n\n" + card + "\n</div>\n"})); err != nil {
		t.Errorf("a wrapped card that meets the criteria: %v", err)
	}
}

// TestMatrixNotesNumberedWithThePage: the matrix's notes, generated from
// data, are numbered with the page's own footnotes in the order of their
// references and listed with them, as if written in the page.
func TestMatrixNotesNumberedWithThePage(t *testing.T) {
	en := "content/en/messengers.md"
	files, err := buildCards(t, copyCards(t,
		[3]string{en, "    It asks for a phone number to register.", "    It asks for a phone number[^phone] to register."},
		[3]string{en, "{% matrix %}", "{% matrix %}\n\nSee the notes.[^after]\n\n[^phone]: Before the matrix.\n[^after]: After the matrix."}))
	if err != nil {
		t.Fatal(err)
	}
	page := string(files["messengers/index.html"])
	refs := regexp.MustCompile(`id="fnref:(\d+)"`).FindAllStringSubmatch(page, -1)
	notes := regexp.MustCompile(`(?s)<li id="fn:(\d+)">(.*?)</li>`).FindAllStringSubmatch(page, -1)
	var gotRefs, gotNotes []string
	for _, r := range refs {
		gotRefs = append(gotRefs, r[1])
	}
	for _, n := range notes {
		gotNotes = append(gotNotes, n[1])
	}
	if strings.Join(gotRefs, " ") != "1 2 3" || strings.Join(gotNotes, " ") != "1 2 3" {
		t.Fatalf("references %v, notes %v; want 1 2 3 both", gotRefs, gotNotes)
	}
	for i, want := range []string{"Before the matrix.", "The desktop apps need a phone", "After the matrix."} {
		if !strings.Contains(notes[i][2], want) {
			t.Errorf("note %d = %s, want it to hold %q", i+1, notes[i][2], want)
		}
	}
	if c := strings.Count(page, `class="footnotes"`); c != 1 {
		t.Errorf("%d lists of notes, want one", c)
	}
}
