package content_test

import (
	"io/fs"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/guidegen/guidegen/internal/config"
	"github.com/guidegen/guidegen/internal/content"
	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

// parses counts, per file, the parses of the file and of the fragments
// generated from its data.
type parses struct {
	mu               sync.Mutex
	files, fragments map[string]int
}

func (c *parses) hook(file string, fragment bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if fragment {
		c.fragments[file]++
	} else {
		c.files[file]++
	}
}

// load loads the cards fixture, with edits (file → old → new) applied,
// counting parses; an edit without old text leaves the file out.
func load(t *testing.T, edits ...[3]string) (*content.Site, *parses, *diag.List) {
	t.Helper()
	fsys := fstest.MapFS{}
	root := os.DirFS("../../testdata/sites/cards")
	err := fs.WalkDir(root, ".", func(f string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(root, f)
		if err != nil {
			return err
		}
		for _, e := range edits {
			if e[0] == f && e[1] == "" {
				return nil // left out
			}
			if e[0] == f {
				if !strings.Contains(string(b), e[1]) {
					t.Fatalf("%s does not contain %q", f, e[1])
				}
				b = []byte(strings.Replace(string(b), e[1], e[2], 1))
			}
		}
		fsys[f] = &fstest.MapFile{Data: b}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	c := &parses{files: map[string]int{}, fragments: map[string]int{}}
	mds := map[string]*markdown.Markdown{}
	for _, l := range cfg.Locales {
		mds[l.Code] = mdtest.New(func(o *markdown.Options) { o.Locale = l.Code; o.OnParse = c.hook })
	}
	var problems diag.List
	site := content.Load(fsys, cfg, mds, content.Options{}, &problems)
	return site, c, &problems
}

// TestPageWithDataParsedOnce: a page whose cards and directives are
// placed from data is parsed once; what its data generates is parsed as
// fragments grafted into its tree, not by parsing the page again.
func TestPageWithDataParsedOnce(t *testing.T) {
	site, c, problems := load(t)
	if errs, _ := problems.Count(); errs > 0 {
		t.Fatalf("problems: %v", problems.Err())
	}
	for _, f := range []string{"content/en/messengers.md", "content/nl/messengers.md"} {
		if c.files[f] != 1 {
			t.Errorf("%s parsed %d times, want once", f, c.files[f])
		}
		// 2 cards (head and tail each), criteria twice, the matrix and
		// the threat chips.
		if c.fragments[f] != 8 {
			t.Errorf("%s: %d fragments parsed, want 8", f, c.fragments[f])
		}
	}
	p := site.Page("en", "messengers.md")
	if p == nil || len(p.Cards) != 2 {
		t.Fatalf("page %v, cards %v", p, p.Cards)
	}
	for _, card := range p.Cards {
		if card.Node == nil || card.Node.Parent() == nil {
			t.Errorf("card %s is not in the page's tree", card.ID)
		}
	}
}

// TestProblemsRecordedOnce: a problem in a page with data, in its written
// text or in a card's body, is recorded once (not once per parse and then
// de-duplicated), at its place in the file.
func TestProblemsRecordedOnce(t *testing.T) {
	_, _, problems := load(t, [3]string{"content/en/messengers.md",
		"    It asks for a phone number to register.", "    It asks for a phone number to register.\n\n    !!! nosuchtype"})
	var got []string
	for _, p := range problems.Problems() {
		got = append(got, p.Error())
	}
	errs, warns := problems.Count()
	if errs+warns != 1 || len(got) != 1 || !strings.HasPrefix(got[0], "content/en/messengers.md:64:9: ") {
		t.Errorf("%d errors, %d warnings: %q; want one, at content/en/messengers.md:64:9", errs, warns, got)
	}
}

// TestGeneratedProblemsAtTheirLine: a problem in what a card or a
// directive generates (here: links to pages the fixture lacks) is
// reported at the card's or directive's line in the file, nested or not.
func TestGeneratedProblemsAtTheirLine(t *testing.T) {
	_, _, problems := load(t, [3]string{"content/en/messengers.md",
		"!!! recommendation signal\n    **Signal**", "!!! note\n    !!! recommendation signal\n        **Signal**"},
		[3]string{"content/en/index.md"}, [3]string{"content/en/networks.md"})
	var got []string
	for _, p := range problems.Problems() {
		if p.Pos.File == "content/en/messengers.md" {
			got = append(got, p.Error())
		}
	}
	for _, want := range []string{
		`content/en/messengers.md:53:1: link to missing page "index.md#mass-surveillance"`,
		`content/en/messengers.md:60:5: link to missing page "networks.md#centralized"`,
		`content/en/messengers.md:72:1: link to missing page "networks.md#anonymous-routing"`,
	} {
		if !slices.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, strings.Join(got, "\n"))
		}
	}
}

// TestTranslationInheritsData: a translation without data of its own has
// its source page's (and places its cards); one whose source page has
// none either has none.
func TestTranslationInheritsData(t *testing.T) {
	site, _, problems := load(t, [3]string{"content/nl/messengers.md",
		"recommendations:\n  signal:\n    properties:\n      all_platforms:\n        note: De desktop-apps hebben een telefoon nodig om te registreren.\n", ""})
	if errs, _ := problems.Count(); errs > 0 {
		t.Fatalf("problems: %v", problems.Err())
	}
	src, tr := site.Page("en", "messengers.md"), site.Page("nl", "messengers.md")
	if tr.Front.Recommendations != nil {
		t.Fatal("the translation has recommendations of its own: the test checks nothing")
	}
	if got, want := tr.Data.IDs(), src.Data.IDs(); len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("translation's recommendations %q, want the source page's %q", got, want)
	}
	if len(tr.Cards) != len(src.Cards) || len(tr.Cards) == 0 {
		t.Errorf("translation has %d cards, the source page %d", len(tr.Cards), len(src.Cards))
	}
	if d := site.Page("nl", "index.md").Data; d == nil || !d.Empty() || !site.Page("en", "index.md").Data.Empty() {
		t.Errorf("index.md: data %+v", d)
	}
}
