package yamlx

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"
)

var commonTags = []string{"!!str", "!!int", "!!bool", "!!null", "!!float", "!!binary", "", "!str"}

// FuzzDecodeCommon checks that what decodeCommon decodes, it decodes as
// yaml.v3 does.
func FuzzDecodeCommon(f *testing.F) {
	for _, v := range []string{"x", "514", "0", "0514", "09", "-1", "1_000", "0x1F", "123456789012345678",
		"1234567890123456789", "true", "True", "TRUE", "yes", "false", "off", "", "~", "null", "aGk="} {
		for tag := range commonTags {
			f.Add(uint8(tag), v)
		}
	}
	f.Fuzz(func(t *testing.T, tag uint8, value string) {
		checkCommon(t, commonTags[int(tag)%len(commonTags)], value)
	})
}

func TestDecodeCommon(t *testing.T) {
	decoded := 0
	for _, tag := range commonTags {
		for _, v := range []string{"x", "514", "0", "0514", "09", "1_000", "true", "TRUE", "yes", "false", "", "aGk="} {
			decoded += checkCommon(t, tag, v)
		}
	}
	if decoded == 0 {
		t.Error("decodeCommon decoded nothing")
	}
}

// checkCommon compares decodeCommon with yaml.v3 on a scalar of a tag,
// into a string, an int and a bool; it returns how many it decoded.
func checkCommon(t *testing.T, tag, value string) int {
	t.Helper()
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value, Line: 1, Column: 1}
	decoded := 0
	for _, typ := range []reflect.Type{stringType, intType, boolType} {
		got := reflect.New(typ)
		if !decodeCommon(n, got.Elem()) {
			continue
		}
		decoded++
		want := reflect.New(typ)
		if err := n.Decode(want.Interface()); err != nil {
			t.Fatalf("decodeCommon decoded %s %q into a %s, which yaml.v3 refuses: %v", tag, value, typ, err)
		}
		if g, w := got.Elem().Interface(), want.Elem().Interface(); g != w {
			t.Fatalf("decodeCommon(%s %q) into a %s = %v, yaml.v3 gives %v", tag, value, typ, g, w)
		}
	}
	return decoded
}

type wide struct {
	A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P, Q, R, S, T string
}

// TestDuplicateKeys: a key set again is reported at each repetition with
// the line where it was first set, in a short mapping (keys compared one
// by one) as in a long one (a map).
func TestDuplicateKeys(t *testing.T) {
	src := Source{File: "f.md", LineOffset: 1}
	for _, keys := range []int{3, maxScan, maxScan + 1, 20} {
		var b strings.Builder
		b.WriteString("a: 1\n")
		for i := range keys - 1 {
			fmt.Fprintf(&b, "%c: x\n", 'b'+i)
		}
		b.WriteString("a: 2\nb: 3\na: 4\n")
		var v wide
		err := src.Unmarshal([]byte(b.String()), &v)
		line := keys + 2 // of the first repetition of a
		want := fmt.Sprintf("f.md:%d:1: duplicate key \"a\" (first set on line 2)\n"+
			"f.md:%d:1: duplicate key \"b\" (first set on line 3)\n"+
			"f.md:%d:1: duplicate key \"a\" (first set on line 2)", line, line+1, line+2)
		if err == nil || err.Error() != want {
			t.Errorf("%d keys: got\n%v\nwant\n%s", keys, err, want)
		}
		if v.A != "1" || v.B != "x" {
			t.Errorf("%d keys: the first values are not kept: %+v", keys, v)
		}
	}
}

// TestFieldsShared: decodings in parallel share field tables (run with
// -race), each table made once per type.
func TestFieldsShared(t *testing.T) {
	f := &Fields{}
	src := Source{File: "f.md", Fields: f}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			var v outer
			text := fmt.Sprintf("title: t%d\nweight: %d\nlinks: {homepage: h}\nextra:\n  x: {count: %d}\n", i, i, i)
			if err := src.Unmarshal([]byte(text), &v); err != nil || v.Title != fmt.Sprint("t", i) || v.Weight != i || v.Extra["x"].Count != i {
				t.Errorf("%d: %+v, %v", i, v, err)
			}
		})
	}
	wg.Wait()
	n := 0
	f.m.Range(func(any, any) bool { n++; return true })
	if n != 2 { // outer and inner
		t.Errorf("%d field tables, want 2", n)
	}
}
