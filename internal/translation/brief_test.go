package translation_test

import (
	"os"
	"reflect"
	"testing"

	"github.com/guidegen/guidegen/internal/config"
	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"

	"github.com/guidegen/guidegen/internal/content"
	"github.com/guidegen/guidegen/internal/translation"
)

// TestBriefStates: on every page of the fixture (translated, outdated,
// unstamped, with untranslated segments and unaligned headings),
// BriefStates is States and then Brief.
func TestBriefStates(t *testing.T) {
	dir := copySite(t)
	edit(t, dir, "content/en/criteria.md", "- The servers are open source too.", "- The server software is open source too.")
	fsys := os.DirFS(dir)
	cfg, err := config.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	mds := mdtest.ForLocales(cfg)
	var problems diag.List
	site := content.Load(fsys, cfg, mds, content.Options{}, &problems)
	if errs, _ := problems.Count(); errs > 0 {
		t.Fatal(problems.Err())
	}
	def := cfg.DefaultLocale
	listed, headings := 0, 0
	for _, p := range site.Paths() {
		src := site.Page(def, p)
		var trs []*content.Page
		for _, l := range cfg.Locales {
			if tr := site.Page(l.Code, p); tr != nil && l.Code != def {
				if tr.Released() {
					t.Fatalf("%s: released", tr.File)
				}
				trs = append(trs, tr)
			}
		}
		want := translation.States(src, trs...)
		for _, st := range want.States {
			listed += len(st.Segments.List)
			if st.Headings != nil {
				headings++
			}
		}
		brief(want)
		if got := translation.BriefStates(src, trs...); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: BriefStates %+v, want %+v", p, got, want)
		}
	}
	if listed == 0 || headings == 0 {
		t.Fatalf("%d untranslated segments, %d headings: the test checks little", listed, headings)
	}
}

// brief drops from ps what BriefStates does not make: the list of each
// translation's untranslated segments (keeping their number) and its
// headings.
func brief(ps *translation.PageStates) {
	for _, st := range ps.States {
		if st.Segments != nil {
			st.Segments.List = nil
		}
		st.Headings = nil
	}
}
