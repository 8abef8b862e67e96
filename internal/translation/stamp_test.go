package translation

import (
	"strings"
	"testing"
)

func TestStampFrontMatter(t *testing.T) {
	const h = "sha256-new"
	tests := []struct {
		name, src, want, err string
	}{
		{"insert before the closing line",
			"---\ntitle: T\ndescription: D\n---\n\nBody\n",
			"---\ntitle: T\ndescription: D\nsource_hash: sha256-new\n---\n\nBody\n", ""},
		{"replace an existing line, keep the rest",
			"---\ntitle: T\nsource_hash: sha256-old   # comment\ndescription: D\n---\nBody",
			"---\ntitle: T\nsource_hash: sha256-new\ndescription: D\n---\nBody", ""},
		{"CRLF stays CRLF",
			"---\r\ntitle: T\r\n---\r\n\r\nBody\r\n",
			"---\r\ntitle: T\r\nsource_hash: sha256-new\r\n---\r\n\r\nBody\r\n", ""},
		{"CRLF replace",
			"---\r\nsource_hash: x\r\n---\r\n",
			"---\r\nsource_hash: sha256-new\r\n---\r\n", ""},
		{"replace a value on several lines, keep the blank line after it",
			"---\nsource_hash: |\n  old\n\n  older\n\ntitle: T\n---\n",
			"---\nsource_hash: sha256-new\n\ntitle: T\n---\n", ""},
		{"a key that only starts with source_hash is another key",
			"---\nsource_hash:: x\n---\n",
			"---\nsource_hash:: x\nsource_hash: sha256-new\n---\n", ""},
		{"a quoted key is the key",
			"---\n'source_hash': x\n---\n",
			"---\nsource_hash: sha256-new\n---\n", ""},
		{"flow mapping", "---\n{title: T}\n---\n", "", "nl.md:2:1: stamp adds source_hash to front matter written as keys at the start of their lines"},
		{"byte order mark kept",
			"\uFEFF---\ntitle: T\n---\n",
			"\uFEFF---\ntitle: T\nsource_hash: sha256-new\n---\n", ""},
		{"a nested key of that name is not the page's",
			"---\nrecommendations:\n  x:\n    source_hash: 1\n---\n",
			"---\nrecommendations:\n  x:\n    source_hash: 1\nsource_hash: sha256-new\n---\n", ""},
		{"closing line without a line break",
			"---\ntitle: T\n---",
			"---\ntitle: T\nsource_hash: sha256-new\n---", ""},
		{"closed by a longer line of dashes, as the parser closes it",
			"---\ntitle: T\n----\nBody\n\n---\n",
			"---\ntitle: T\nsource_hash: sha256-new\n----\nBody\n\n---\n", ""},
		{"a lone CR, a line break for YAML", "---\ntitle: T\rsource_hash: x\n---\n", "", "nl.md:2:9: front matter has a line break other than LF or CRLF"},
		{"no front matter", "# Title\n\nBody\n", "", "nl.md:1:1: front matter is missing"},
		{"blank first line", "\n---\ntitle: T\n---\n", "", "nl.md:1:1: front matter is missing"},
		{"empty file", "", "", "nl.md:1:1: front matter is missing"},
		{"not closed", "---\ntitle: T\n\nBody\n", "", "nl.md:1:1: front matter is not closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := stampFrontMatter("nl.md", []byte(tt.src), h)
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("error %v, want %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// TestWithFrontMatter: a page without front matter, which compat: mkdocs
// allows, gets a block to stamp, in its own line breaks; a page with one
// is left as it is.
func TestWithFrontMatter(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"# Title\n\nBody\n", "---\nsource_hash: h\n---\n\n# Title\n\nBody\n"},
		{"# Title\r\n\r\nBody\r\n", "---\r\nsource_hash: h\r\n---\r\n\r\n# Title\r\n\r\nBody\r\n"},
		{"\uFEFF# Title\n", "\uFEFF---\nsource_hash: h\n---\n\n# Title\n"},
		{"---\ntitle: T\n---\n\nBody\n", "---\ntitle: T\nsource_hash: h\n---\n\nBody\n"},
	} {
		got, err := stampFrontMatter("nl.md", withFrontMatter([]byte(tt.src)), "h")
		if err != nil || string(got) != tt.want {
			t.Errorf("%q: got %q, %v; want %q", tt.src, got, err, tt.want)
		}
	}
}
