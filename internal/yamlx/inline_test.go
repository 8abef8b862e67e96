package yamlx

import (
	"reflect"
	"testing"
)

type InlineInner struct {
	C int `yaml:"c"`
	D int
}

type InlineMiddle struct {
	B           int `yaml:"b"`
	InlineInner `yaml:",inline"`
	E           int `yaml:"e"`
}

type inlineOuter struct {
	A            int `yaml:"a"`
	InlineMiddle `yaml:",inline"`
	Skipped      int `yaml:"-"`
	F            int `yaml:"f"`
}

// TestInlineFields: the fields of inlined structs, at any depth, are
// decoded into their place, next to the struct's own.
func TestInlineFields(t *testing.T) {
	var got inlineOuter
	if err := (Source{File: "x.yaml"}).Unmarshal([]byte("a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\n"), &got); err != nil {
		t.Fatal(err)
	}
	want := inlineOuter{A: 1, InlineMiddle: InlineMiddle{B: 2, InlineInner: InlineInner{C: 3, D: 4}, E: 5}, F: 6}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	names := structFields(reflect.TypeFor[inlineOuter]()).names
	if !reflect.DeepEqual(names, []string{"a", "b", "c", "d", "e", "f"}) {
		t.Errorf("names %q", names)
	}
}
