package splice

import "testing"

func TestApply(t *testing.T) {
	src := []byte("aa {% x %}\nbb\ncc")
	out, m := Apply(src, []Edit{
		{Start: 14, End: 14, Text: []byte("INS")},
		{Start: 3, End: 10, Text: []byte("- one\n- two")},
	})
	if got, want := string(out), "aa - one\n- two\nbb\nINScc"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	tests := []struct{ out, orig int }{
		{0, 0}, {2, 2}, // before the first edit
		{3, 3}, {8, 3}, {13, 3}, // inside the generated list: the directive
		{14, 10}, {15, 11}, // "\nbb" copied
		{18, 14}, {20, 14}, // INS
		{21, 14}, {22, 15}, // "cc"
		{23, 16}, // end of text
	}
	for _, tt := range tests {
		if got := m.Origin(tt.out); got != tt.orig {
			t.Errorf("Origin(%d) = %d, want %d", tt.out, got, tt.orig)
		}
	}
	var nilMap *Map
	if nilMap.Origin(7) != 7 {
		t.Error("nil map is not the identity")
	}
}

func TestApplyNoEdits(t *testing.T) {
	out, m := Apply([]byte("abc"), nil)
	if string(out) != "abc" || m.Origin(2) != 2 {
		t.Errorf("got %q, %d", out, m.Origin(2))
	}
}

func TestOverlapPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("overlapping edits were accepted")
		}
	}()
	Apply([]byte("abcdef"), []Edit{{Start: 0, End: 3}, {Start: 2, End: 4}})
}
