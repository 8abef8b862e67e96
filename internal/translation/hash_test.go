package translation

import (
	"testing"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
)

// TestMessageHash uses the hashes goi18n merge writes in its own tests
// (goi18n/merge_command_test.go of go-i18n v2.7.0).
func TestMessageHash(t *testing.T) {
	tests := []struct {
		m    goi18n.Message
		want string
	}{
		{goi18n.Message{Other: "Hello"}, "sha1-f7ff9e8b7bb2e09b70935a5d785e0cc5d9d0abf0"},
		{goi18n.Message{Other: "Goodbye"}, "sha1-b5b29c53e3c71cb9c6581ab053d7758fab8ca24d"},
		{goi18n.Message{
			Description: "Message that tells the user how many unread emails they have",
			One:         "{{.Count}} unread email",
			Other:       "{{.Count}} unread emails",
		}, "sha1-5afbc91dfedb9755627655c365eb47a89e541099"},
	}
	for _, tt := range tests {
		if got := MessageHash(&tt.m); got != tt.want {
			t.Errorf("MessageHash(%+v) = %s, want %s", tt.m, got, tt.want)
		}
	}
}

// TestSourceHash: what changes the hash of a source page, and what does
// not.
func TestSourceHash(t *testing.T) {
	base := sourceHash("Title", "Description", []string{"note signal.audited", "A note."}, []byte("\nBody text.\n\nMore.\n"))
	if len(base) != len("sha256-")+64 || base[:7] != "sha256-" {
		t.Fatalf("hash %q is not sha256- and 64 hex digits", base)
	}
	same := []struct {
		name string
		hash string
	}{
		{"CRLF line breaks", sourceHash("Title", "Description", []string{"note signal.audited", "A note."}, []byte("\r\nBody text.\r\n\r\nMore.\r\n"))},
		{"white space around the title and at the end", sourceHash(" Title ", "Description\n", []string{"note signal.audited", "A note."}, []byte("\n\n\nBody text.\n\nMore.\n\n\n"))},
	}
	for _, s := range same {
		if s.hash != base {
			t.Errorf("%s changed the hash", s.name)
		}
	}
	differ := []struct {
		name string
		hash string
	}{
		{"title", sourceHash("Title!", "Description", []string{"note signal.audited", "A note."}, []byte("Body text.\n\nMore.\n"))},
		{"description", sourceHash("Title", "Other", []string{"note signal.audited", "A note."}, []byte("Body text.\n\nMore.\n"))},
		{"note", sourceHash("Title", "Description", []string{"note signal.audited", "Another note."}, []byte("Body text.\n\nMore.\n"))},
		{"no note", sourceHash("Title", "Description", nil, []byte("Body text.\n\nMore.\n"))},
		{"body", sourceHash("Title", "Description", []string{"note signal.audited", "A note."}, []byte("Body text.\nMore.\n"))},
		{"a field moved to another", sourceHash("TitleDescription", "", []string{"note signal.audited", "A note."}, []byte("Body text.\n\nMore.\n"))},
	}
	for _, d := range differ {
		if d.hash == base {
			t.Errorf("a changed %s kept the hash", d.name)
		}
	}
}
