package translation_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guidegen/guidegen"
	"github.com/guidegen/guidegen/internal/build"
	"github.com/guidegen/guidegen/internal/sitefs"
	"github.com/guidegen/guidegen/internal/translation"
)

// TestHashIgnoresWhatReadersDoNotSee: a page stamped with the current
// hash stays up to date when its source is rewrapped, gets trailing
// blanks, other list or emphasis markers; a changed word makes it
// outdated.
func TestHashIgnoresWhatReadersDoNotSee(t *testing.T) {
	for _, tc := range []struct {
		name, old, new string
		outdated       bool
	}{
		{"rewrapped list item", "- Chats are end-to-end encrypted by default.", "- Chats are end-to-end\n  encrypted by default.", false},
		{"trailing blanks", "- The apps are open source.\n", "- The apps are open source. \t\n", false},
		{"list markers", "- The apps are open source.\n- Chats", "* The apps are open source.\n* Chats", false},
		{"emphasis markers", "## Best case", "## Best *case*", true},
		{"title spacing", "title: Criteria", "title:   Criteria  ", false},
		{"changed word", "- The servers are open source too.", "- The servers are free software too.", true},
		{"changed description", "What a messenger must offer.", "What a messenger has to offer.", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copySite(t)
			if _, err := translation.Stamp(load(t, dir), "content/nl/criteria.md", false); err != nil {
				t.Fatal(err)
			}
			r, _, _ := status(t, dir)
			if pg := page(r, "criteria.md"); pg.State != translation.Translated || !strings.HasPrefix(pg.StampedHash, translation.HashPrefix) {
				t.Fatalf("after stamping: %s, %s", pg.State, pg.StampedHash)
			}
			edit(t, dir, "content/en/criteria.md", tc.old, tc.new)
			r, _, _ = status(t, dir)
			want := translation.Translated
			if tc.outdated {
				want = translation.Outdated
			}
			if st := page(r, "criteria.md").State; st != want {
				t.Errorf("%s, want %s", st, want)
			}
		})
	}
	// Emphasis written with _ or * is the same.
	dir := copySite(t)
	edit(t, dir, "content/en/criteria.md", "## Best case", "## Best *case*")
	if _, err := translation.Stamp(load(t, dir), "content/nl/criteria.md", false); err != nil {
		t.Fatal(err)
	}
	edit(t, dir, "content/en/criteria.md", "## Best *case*", "## Best _case_")
	if r, _, _ := status(t, dir); page(r, "criteria.md").State != translation.Translated {
		t.Errorf("*case* → _case_ made the page outdated")
	}
}

// TestFirstHashVersion: a page stamped with the first version of the
// hash (of the bytes) is up to date while its source's bytes are the same,
// and stamping it again writes the current version.
func TestFirstHashVersion(t *testing.T) {
	dir := copySite(t)
	r, _, _ := status(t, dir)
	pg := page(r, "criteria.md")
	if pg.State != translation.Translated || !strings.HasPrefix(pg.StampedHash, "sha256-") || pg.StampedHash == pg.SourceHash {
		t.Fatalf("the fixture's page: %s, stamped %s, source %s", pg.State, pg.StampedHash, pg.SourceHash)
	}
	edit(t, dir, "content/en/criteria.md", "- The servers are open source too.", "- The servers are free software too.")
	if r, _, _ := status(t, dir); page(r, "criteria.md").State != translation.Outdated {
		t.Error("a first-version stamp did not see a changed word")
	}
	res, err := translation.Stamp(load(t, dir), "content/nl/criteria.md", false)
	if err != nil || !strings.HasPrefix(res.Hash, translation.HashPrefix) {
		t.Fatalf("stamp: %+v, %v", res, err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "content/nl/criteria.md"))
	if !strings.Contains(string(b), "source_hash: "+res.Hash+"\n") {
		t.Errorf("stamped file:\n%s", b)
	}
}

// TestBundledGuideUpToDate: the bundled guide's translations, stamped
// with either version of the hash, are up to date.
func TestBundledGuideUpToDate(t *testing.T) {
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
			if p.State != translation.Translated && p.State != translation.Missing {
				t.Errorf("%s is %s", p.File, p.State)
			}
		}
	}
}
