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
	tests := []struct {
		out, orig int
		generated bool
	}{
		{0, 0, false}, {2, 2, false}, // before the first edit
		{3, 3, true}, {8, 3, true}, {13, 3, true}, // inside the generated list: the directive
		{14, 10, false}, {15, 11, false}, // "\nbb" copied
		{18, 14, true}, {20, 14, true}, // INS
		{21, 14, false}, {22, 15, false}, // "cc"
		{23, 16, false}, // end of text
	}
	for _, tt := range tests {
		if got := m.Origin(tt.out); got != tt.orig {
			t.Errorf("Origin(%d) = %d, want %d", tt.out, got, tt.orig)
		}
		if got := m.Generated(tt.out); got != tt.generated {
			t.Errorf("Generated(%d) = %v, want %v", tt.out, got, tt.generated)
		}
	}
	var nilMap *Map
	if nilMap.Origin(7) != 7 || nilMap.Generated(7) {
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
