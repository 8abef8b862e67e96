package content

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/limits"
)

func TestToValidUTF8(t *testing.T) {
	tests := []struct {
		name, src, want string
		warns           []string
	}{
		{"valid", "héllo\n", "héllo\n", nil},
		{"one byte", "ab\xffc\n", "ab\uFFFDc\n", []string{"x.md:1:3: warning: invalid UTF-8 (byte 0xff), published as U+FFFD"}},
		{"column in characters", "---\ntitle: é\xfe\n", "---\ntitle: é\uFFFD\n", []string{"x.md:2:9: warning: invalid UTF-8 (byte 0xfe), published as U+FFFD"}},
		{"one warning a line", "\xff\xfe x \xfd\n\n12\xc0", "\uFFFD\uFFFD x \uFFFD\n\n12\uFFFD", []string{
			"x.md:1:1: warning: invalid UTF-8 (byte 0xff), published as U+FFFD",
			"x.md:3:3: warning: invalid UTF-8 (byte 0xc0), published as U+FFFD",
		}},
		{"truncated sequence", "a\xe2\x82", "a\uFFFD\uFFFD", []string{"x.md:1:2: warning: invalid UTF-8 (byte 0xe2), published as U+FFFD"}},
		{"a valid U+FFFD stays", "a\uFFFD", "a\uFFFD", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warns := toValidUTF8("x.md", []byte(tt.src))
			if string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			var msgs []string
			for _, w := range warns {
				msgs = append(msgs, w.Error())
			}
			if strings.Join(msgs, "\n") != strings.Join(tt.warns, "\n") {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(tt.warns, "\n"))
			}
			// Every character keeps its line and column.
			if len(got) > 0 {
				in, out := diag.NewLines([]byte(tt.src)), diag.NewLines(got)
				if a, b := in.Pos("x.md", len(tt.src)), out.Pos("x.md", len(got)); a != b {
					t.Errorf("end of file at %v, was %v", b, a)
				}
			}
		})
	}
}

func TestToValidUTF8Capped(t *testing.T) {
	var b strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&b, "line %d \xff\xff\n", i)
	}
	got, warns := toValidUTF8("x.md", []byte(b.String()))
	if !utf8.Valid(got) {
		t.Error("output is not valid UTF-8")
	}
	if len(warns) != limits.InvalidUTF8Lines+1 {
		t.Fatalf("%d warnings, want %d", len(warns), limits.InvalidUTF8Lines+1)
	}
	last := warns[len(warns)-1].Error()
	want := fmt.Sprintf("x.md:%d:%d: warning: invalid UTF-8 on %d more lines, published as U+FFFD",
		limits.InvalidUTF8Lines+1, len("line 10 ")+1, 1000-limits.InvalidUTF8Lines)
	if last != want {
		t.Errorf("last warning %q, want %q", last, want)
	}
}

func BenchmarkToValidUTF8(b *testing.B) {
	valid := []byte(strings.Repeat("Een versleutelde messenger, één app.\n", 1000))
	invalid := []byte(strings.Repeat("Een versleutelde messenger, \xe9\xe9n app.\n", 1000))
	b.Run("valid", func(b *testing.B) {
		b.SetBytes(int64(len(valid)))
		for b.Loop() {
			toValidUTF8("x.md", valid)
		}
	})
	b.Run("invalid", func(b *testing.B) {
		b.SetBytes(int64(len(invalid)))
		for b.Loop() {
			toValidUTF8("x.md", invalid)
		}
	})
}
