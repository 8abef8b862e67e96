package tasklist

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

func TestMayBeCheckBox(t *testing.T) {
	for _, tt := range []struct {
		line string
		want bool
	}{
		{"[ ] todo", true}, {"[x] done", true}, {"[X]", true}, {"[\t]", true},
		{"[:simple-linux: Linux](https://x.org/)", false}, {"[]", false}, {"[y] no", false},
		{"[  ] two spaces", false}, {"x [ ]", false}, {"[", false},
	} {
		if got := mayBeCheckBox([]byte(tt.line)); got != tt.want {
			t.Errorf("mayBeCheckBox(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// pair renders src with goldmark's task list extension and with this one.
func pair(t testing.TB, src string) (want, got string) {
	var a, b bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.TaskList)).Convert([]byte(src), &a); err != nil {
		t.Fatal(err)
	}
	if err := goldmark.New(goldmark.WithExtensions(Extension)).Convert([]byte(src), &b); err != nil {
		t.Fatal(err)
	}
	return a.String(), b.String()
}

var seeds = []string{
	"- [ ] todo\n- [x] done\n- [X] Done\n", "- [\t] tab\n", "* [ ]\n", "1. [x] one\n",
	"- [:simple-linux: Linux](https://example.org/get)\n", "- [ ]not spaced\n", "- a\n  [ ] later\n",
	"> - [x] quoted\n", "[ ] not a list\n", "- [  ] two\n", "- [y] no\n", "- \\[ ] escaped\n",
}

func TestSameHTML(t *testing.T) {
	for _, s := range seeds {
		if want, got := pair(t, s); got != want {
			t.Errorf("%q:\n got %q\nwant %q", s, got, want)
		}
	}
	// The seeds must hold checkboxes, or the comparison proves little.
	if want, _ := pair(t, seeds[0]); bytes.Count([]byte(want), []byte(`type="checkbox"`)) != 3 {
		t.Errorf("no checkboxes: %s", want)
	}
}

// FuzzSameHTML checks that the test in front of goldmark's parser never
// changes what goldmark makes of a document.
func FuzzSameHTML(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if want, got := pair(t, s); got != want {
			t.Fatalf("%q:\n got %q\nwant %q", s, got, want)
		}
	})
}
