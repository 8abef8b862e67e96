package content

import "testing"

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
