package content

import (
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/guidegen/guidegen/internal/config"
)

// TestFileListIndex: a lookup in the hashed slots finds each page of
// the list at its index, as a search of every page does, and no page
// the list lacks: pages of one locale only, the same path in both, and
// paths that differ in one byte.
func TestFileListIndex(t *testing.T) {
	cfg, err := config.Parse([]byte("title: T\nbaseURL: https://example.org/\ndefaultLocale: en\nlocales:\n  - code: en\n    name: English\n  - code: nl\n    name: Nederlands\n"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	var asked []job
	for i := range 300 {
		p := fmt.Sprintf("s%d/p%d.md", i%7, i)
		fsys["content/en/"+p] = &fstest.MapFile{Data: []byte("# x\n")}
		if i%3 != 0 {
			fsys["content/nl/"+p] = &fstest.MapFile{Data: []byte("# x\n")}
		}
		asked = append(asked, job{"en", p}, job{"nl", p}, job{"de", p}, job{"en", p + "x"}, job{"nl", "x" + p})
	}
	fl := Scan(fsys, cfg)
	if len(fl.jobs) != 500 {
		t.Fatalf("%d pages, want 500", len(fl.jobs))
	}
	for _, a := range asked {
		want, wantOK := -1, false
		for i, j := range fl.jobs {
			if j == a {
				want, wantOK = i, true
			}
		}
		got, ok := fl.index(a.locale, a.path)
		if ok != wantOK || (ok && got != want) {
			t.Errorf("index(%q, %q) = %d, %v; want %d, %v", a.locale, a.path, got, ok, want, wantOK)
		}
		if fl.Has(a.locale, a.path) != wantOK {
			t.Errorf("Has(%q, %q) = %v", a.locale, a.path, !wantOK)
		}
	}
	var empty FileList
	if empty.Has("en", "index.md") {
		t.Error("an empty list has a page")
	}
}
