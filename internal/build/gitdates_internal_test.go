package build

import (
	"testing"
	"time"
)

// TestRebuildSharesGitDates: a rebuild that keeps what load made (an
// Engine's one-page rebuild) uses the dates the loading build read, and
// runs no `git log` of its own.
func TestRebuildSharesGitDates(t *testing.T) {
	b := &builder{gitDates: &gitDatesOnce{}}
	want := map[string]time.Time{"content/en/index.md": time.Unix(1, 0)}
	b.gitDates.once.Do(func() { b.gitDates.dates = want })
	nb := b.again()
	// The directory is not a git checkout: a read would find no dates.
	got := nb.gitDates.get(t.TempDir(), "content")
	if len(got) != 1 || !got["content/en/index.md"].Equal(want["content/en/index.md"]) {
		t.Fatalf("rebuild's dates = %v, want the loading build's %v", got, want)
	}
}
