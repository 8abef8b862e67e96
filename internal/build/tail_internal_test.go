package build

import (
	"testing"

	"github.com/guidegen/guidegen/internal/config"
)

// TestWrittenLast: the directories a stage leaves to Commit are the ones
// the build writes after its pages (the root and each locale's root for
// the sitemap, robots.txt and manifests; each locale's search directory
// for its index and shards), and no page's, nor the search fragments'.
func TestWrittenLast(t *testing.T) {
	b := &builder{cfg: &config.Config{DefaultLocale: "en", Locales: []config.Locale{{Code: "en"}, {Code: "nl"}}}}
	tests := []struct {
		dir  string
		want bool
	}{
		{".", true},
		{"nl", true},
		{"search", true},
		{"search/w", true},
		{"nl/search", true},
		{"nl/search/w", true},
		{"search/p", false},
		{"nl/search/p", false},
		{"section-0", false},
		{"section-0/page-1", false},
		{"nl/section-0/page-1", false},
		{"assets/css", false},
		{"nlx", false},
		{"searching", false},
		{"nl/searching", false},
		{"de/search", false},
	}
	for _, tt := range tests {
		if got := b.writtenLast(tt.dir); got != tt.want {
			t.Errorf("writtenLast(%q) = %v, want %v", tt.dir, got, tt.want)
		}
	}
}
