package markdown

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func headingIDs(d *Document) []string {
	var out []string
	for _, h := range d.Headings {
		out = append(out, h.ID)
	}
	return out
}

// TestTranslationTakesSourceIDs: a translation's headings take the ids of
// the source page's headings at the same place, so that anchors survive
// translation; ids set by hand win, and duplicates stay unique.
func TestTranslationTakesSourceIDs(t *testing.T) {
	en := newTest().Parse("en.md", "", []byte(
		"## Minimum requirements\n\n## Best case\n\n## Best case\n\n### Signal { #signal-app }\n"))
	if got := headingIDs(en); !slices.Equal(got, []string{"minimum-requirements", "best-case", "best-case_1", "signal-app"}) {
		t.Fatalf("source ids: %v", got)
	}
	src := SourceOf(en, "en")
	nl := New(Options{Locale: "nl", Strings: testStrings})
	tests := []struct {
		name    string
		md      string
		ids     []string
		aligned int
		// conflicts are the headings that could not take their id.
		conflicts []int
	}{
		{"same structure", "## Minimale eisen\n\n## Het beste geval\n\n## Privé-berichten\n\n### Signal\n",
			[]string{"minimum-requirements", "best-case", "best-case_1", "signal-app"}, 4, nil},
		{"id set by hand wins", "## Minimale eisen { #minimum }\n\n## Het beste geval\n\n## Nog eens\n\n### Signal\n",
			[]string{"minimum", "best-case", "best-case_1", "signal-app"}, 4, nil},
		{"an id set by hand elsewhere is not taken twice", "## Minimale eisen { #best-case }\n\n## Het beste geval\n\n## Nog eens\n\n### Signal\n",
			[]string{"best-case", "het-beste-geval", "best-case_1", "signal-app"}, 3, []int{1}},
		{"own slugs do not collide with adopted ids", "## Minimale eisen\n\n## Het beste geval\n\n## Nog eens\n\n### Signal\n\n#### Minimum requirements\n",
			// "Signal" ties the pages; the three h2 before it pair up,
			// the h4 after it has no counterpart and its own slug is taken.
			[]string{"minimum-requirements", "best-case", "best-case_1", "signal-app", "minimum-requirements_1"}, 4, nil},
		{"different structure keeps own slugs where nothing ties", "## Inleiding\n\n## Minimale eisen\n\n### Signal\n",
			// "Signal" ties; two h2 before it cannot pair with three.
			[]string{"inleiding", "minimale-eisen", "signal-app"}, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := nl.ParseInput(Input{File: "nl.md", Src: []byte(tt.md), Source: src})
			if got := headingIDs(d); !slices.Equal(got, tt.ids) {
				t.Errorf("ids %v, want %v", got, tt.ids)
			}
			if d.Alignment == nil || d.Alignment.Aligned() != tt.aligned || !slices.Equal(d.Alignment.Conflicts, tt.conflicts) {
				t.Errorf("alignment %+v, want %d aligned, conflicts %v", d.Alignment, tt.aligned, tt.conflicts)
			}
			html := render(t, nl, d)
			for _, id := range tt.ids {
				if !d.HasAnchor(id) || !strings.Contains(html, fmt.Sprintf(`id="%s"`, id)) {
					t.Errorf("anchor #%s missing from the document or its HTML", id)
				}
			}
		})
	}
}

// TestTOCMarksUntranslatedHeadings: a heading left in the source language
// is marked in the table of contents as well.
func TestTOCMarksUntranslatedHeadings(t *testing.T) {
	en := newTest().Parse("en.md", "", []byte("## Minimum requirements\n\n## Best case\n"))
	nl := New(Options{Locale: "nl", Strings: testStrings})
	md := []byte("## Minimale eisen\n\n## Best case\n")
	d := nl.ParseInput(Input{File: "nl.md", Src: md, Source: SourceOf(en, "en")})
	toc := TOC(d.Headings, 2, 3)
	if len(toc) != 2 || toc[0].Lang != "" || toc[1].Lang != "en" {
		t.Errorf("TOC = %+v %+v", toc[0], toc[1])
	}
}
