package diag

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestLinesPos(t *testing.T) {
	src := []byte("ab\ncdé f\n\nlast")
	l := NewLines(src)
	tests := []struct {
		off  int
		want string
	}{
		{0, "f:1:1"}, {2, "f:1:3"}, {3, "f:2:1"}, {7, "f:2:4"}, {8, "f:2:5"}, // é is two bytes, one column
		{10, "f:3:1"}, {11, "f:4:1"}, {14, "f:4:4"}, {99, "f:4:5"}, {-1, "f:1:1"},
	}
	for _, tt := range tests {
		if got := l.Pos("f", tt.off).String(); got != tt.want {
			t.Errorf("Pos(%d) = %s, want %s", tt.off, got, tt.want)
		}
	}
}

func TestListSortsAndSplits(t *testing.T) {
	var l List
	l.Add(
		Errorf(Pos{File: "b.md", Line: 2, Col: 1}, "second"),
		Warnf(Pos{File: "a.md", Line: 9}, "a warning"),
		Errorf(Pos{File: "a.md", Line: 10, Col: 3}, "first"),
		fmt.Errorf("plain"),
		errors.Join(Errorf(Pos{File: "c.md"}, "joined")),
		nil,
	)
	l.Add(&ListError{Problems: []*Problem{Errorf(Pos{File: "a.md", Line: 1, Col: 1}, "from a list")}})
	errs, warns := l.Count()
	if errs != 5 || warns != 1 {
		t.Fatalf("Count = %d, %d", errs, warns)
	}
	got := l.Err().Error()
	want := strings.Join([]string{
		"plain", // no empty position before it
		"a.md:1:1: from a list",
		"a.md:10:3: first",
		"b.md:2:1: second",
		"c.md: joined",
	}, "\n")
	if got != want {
		t.Errorf("Err:\n%s\nwant:\n%s", got, want)
	}
	if w := l.Warnings(); len(w) != 1 || w[0].Error() != "a.md:9: warning: a warning" {
		t.Errorf("Warnings = %v", w)
	}
	var empty List
	if empty.Err() != nil {
		t.Error("empty list has an error")
	}
}

func TestRecover(t *testing.T) {
	f := func() (err error) {
		defer Recover("content/en/x.md", &err)
		var s []int
		_ = s[len(s)] // panics: index out of range
		return nil
	}
	err := f()
	if err == nil || !strings.HasPrefix(err.Error(), "content/en/x.md: internal error (please report it): runtime error: index out of range") {
		t.Errorf("got %v", err)
	}
}
