package diag

import "testing"

func TestPlural(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{
		{0, "0 UI strings"},
		{1, "1 UI string"},
		{2, "2 UI strings"},
		{-1, "-1 UI strings"},
	} {
		if got := Plural(tt.n, "UI string", "UI strings"); got != tt.want {
			t.Errorf("Plural(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
	if got := Noun(1, "is", "are"); got != "is" {
		t.Errorf("Noun(1) = %q", got)
	}
}
