package content

import (
	"reflect"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/frontmatter"
	"github.com/guidegen/guidegen/internal/yamlx"
)

func TestMkDocsTitle(t *testing.T) {
	tests := []struct{ body, path, want string }{
		{"# Title\n", "a.md", "Title"},
		{"Intro.\n\n# The *real* `title` { #t .c }\n\n# Second\n", "a.md", "The real title"},
		{"  # Indented ##\n", "a.md", "Indented"},
		{"```\n# not a heading\n```\n# After code\n", "a.md", "After code"},
		{"~~~~md\n# no\n~~~\n# still code\n~~~~\n#Not a heading\n", "x/privacy-basics.md", "Privacy basics"},
		{"    # code block\n", "my_page.md", "My page"},
		{"## Level two\n", "about/index.md", "About"},
		{"", "index.md", "Home"},
		{"\r\n# CRLF title\r\n", "a.md", "CRLF title"},
	}
	for _, tt := range tests {
		if got := mkdocsTitle([]byte(tt.body), tt.path); got != tt.want {
			t.Errorf("mkdocsTitle(%q, %q) = %q, want %q", tt.body, tt.path, got, tt.want)
		}
	}
}

// FuzzMkDocsFrontMatter: front matter written for MkDocs decodes or fails
// with problems at lines of the file, never a panic; a page decoded
// without errors has a title; what decodes strictly decodes the same way
// under compat: mkdocs, which only accepts more.
func FuzzMkDocsFrontMatter(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: T\ndescription: D\n---\n\nText.\n",
		"---\nhide: [toc, navigation, footer, tags]\nstatus: new\nicon: material/check\n---\n\n# Heading *x* { #h }\n",
		"---\nsocial: {cards: false}\ntemplate: x.html\nmeta_title: M\nrobots: noindex\nstatus: old\n---\n```\n# no\n```\n",
		"# No front matter\n",
		"---\nhide: toc\n---\n",
		"---\n- a\n---\n",
		"---\ntitle: [x]\nstatus: {a: b}\n---\n",
	} {
		f.Add([]byte(s))
	}
	front := frontOptions{mkdocs: true, fields: &yamlx.Fields{}} // shared, as a Loader's
	f.Fuzz(func(t *testing.T, src []byte) {
		const file = "content/en/p.md"
		p := &Page{Path: "p.md", File: file, parsed: &parsed{src: src}, Doc: &markdown.Document{FrontMatter: frontmatter.Locate(src)}}
		err := decodeFrontMatter(file, p, front)
		checkPositions(t, err, file, src)
		for _, w := range p.warnings {
			checkPositions(t, w, file, src)
		}
		if err == nil && strings.TrimSpace(p.Front.Title) == "" {
			t.Fatalf("decoded without a title: %+v", p.Front)
		}
		strict, serr := decodePage(file, src)
		if serr == nil {
			if err != nil {
				t.Fatalf("decodes strictly but not under compat: %v", err)
			}
			if !reflect.DeepEqual(strict.Front, p.Front) {
				t.Fatalf("compat decodes otherwise:\n%+v\n%+v", strict.Front, p.Front)
			}
		}
	})
}
