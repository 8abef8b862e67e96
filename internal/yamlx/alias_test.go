package yamlx

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen/internal/diag"
)

// laughs is the "billion laughs" document: each level is a list of ten
// aliases of the level before, so level k stands for 10^k strings.
func laughs(levels int) string {
	var b strings.Builder
	b.WriteString("l0: &l0 [" + strings.TrimSuffix(strings.Repeat("lol, ", 10), ", ") + "]\n")
	for k := 1; k < levels; k++ {
		fmt.Fprintf(&b, "l%d: &l%d [%s]\n", k, k, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*l%d, ", k-1), 10), ", "))
	}
	return b.String()
}

type laughs5 struct {
	L0 []string         `yaml:"l0"`
	L1 [][]string       `yaml:"l1"`
	L2 [][][]string     `yaml:"l2"`
	L3 [][][][]string   `yaml:"l3"`
	L4 [][][][][]string `yaml:"l4"`
}

type laughs9 struct {
	laughs5 `yaml:",inline"`
	L5      [][][][][][]string         `yaml:"l5"`
	L6      [][][][][][][]string       `yaml:"l6"`
	L7      [][][][][][][][]string     `yaml:"l7"`
	L8      [][][][][][][][][]string   `yaml:"l8"`
	L9      [][][][][][][][][][]string `yaml:"l9"`
}

// recommendations is the front matter of issue 12: one recommendation with
// props properties and n aliases of it.
func recommendations(props, n int) string {
	var b strings.Builder
	b.WriteString("recommendations:\n  r0: &R {")
	for i := range props {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "p%d: true", i)
	}
	b.WriteString("}\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "  r%d: *R\n", i)
	}
	return b.String()
}

type recs struct {
	Recommendations map[string]map[string]bool `yaml:"recommendations"`
}

func TestAliasLimit(t *testing.T) {
	// Front matter: the YAML starts on line 2 of the page.
	src := Source{File: "content/en/x.md", LineOffset: 1}
	tests := []struct {
		name string
		yaml string
		v    any
		want string
	}{
		// 61 values written (the mapping, and a key, a list and ten
		// items per level); l2 stands for 1,111. The walk has passed
		// 1,239 values when l3 starts (page line 5); its 8th alias *l2
		// (col 45) takes it past the budget of 10,000.
		{"billion laughs, 5 levels", laughs(5), &laughs5{},
			"content/en/x.md:5:45: YAML aliases stand for too many values: with *l2, more than 10000 (10 times the 61 written, at least 10000); write fewer aliases"},
		// The same place: nothing after it is expanded.
		{"billion laughs, 9 levels", laughs(9), &laughs9{},
			"content/en/x.md:5:45: YAML aliases stand for too many values: with *l2, more than 10000 (10 times the 109 written, at least 10000); write fewer aliases"},
		// 6,005 values written (r0 stands for 2,001), budget 60,050:
		// passed at the alias of r29, on page line 32.
		{"recommendation aliased 2,000 times", recommendations(1000, 2000), &recs{},
			"content/en/x.md:32:8: YAML aliases stand for too many values: with *R, more than 60050 (10 times the 6005 written, at least 10000); write fewer aliases"},
		{"alias inside its anchor", "l0: &a [x, *a]\n", &laughs5{},
			"content/en/x.md:2:12: YAML alias *a stands for a value that contains it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := src.Unmarshal([]byte(tt.yaml), tt.v)
			var p *diag.Problem
			if !errors.As(err, &p) {
				t.Fatalf("want a *diag.Problem, got %v", err)
			}
			if !strings.HasPrefix(p.Error(), tt.want) {
				t.Errorf("got  %s\nwant %s", p, tt.want)
			}
		})
	}
}

func TestAliasesWithinBudget(t *testing.T) {
	var v outer
	err := Source{File: "f"}.Unmarshal([]byte("links: &l {homepage: h, count: 2}\nextra: {a: *l, b: *l}\ntags: &t [x, y]\n"), &v)
	if err != nil {
		t.Fatal(err)
	}
	if v.Extra["a"].Homepage != "h" || v.Extra["b"].Count != 2 {
		t.Errorf("decoded %+v", v)
	}
	// Under the floor: 3 levels stand for 1,237 values.
	var l laughs5
	if err := (Source{File: "f"}).Unmarshal([]byte(laughs(3)), &l); err != nil || len(l.L2) != 10 || l.L2[9][9][9] != "lol" {
		t.Errorf("laughs(3): %v, %v", err, l.L2)
	}
}

// TestDecodeChecksAliases: Decode checks a node it is given as Parse does.
func TestDecodeChecksAliases(t *testing.T) {
	s := Source{File: "f"}
	n, err := s.Parse([]byte("l0: [x]\n"))
	if err != nil {
		t.Fatal(err)
	}
	bad, err := s.Parse([]byte("l0: &a [x]\n"))
	if err != nil {
		t.Fatal(err)
	}
	// Make l0 contain itself, as yaml.v3 would for "&a [x, *a]".
	seq := bad.Content[1]
	seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.AliasNode, Value: "a", Alias: seq, Line: 1, Column: 12})
	var v laughs5
	if err := s.Decode(n, &v); err != nil {
		t.Fatal(err)
	}
	var le *diag.ListError
	if err := s.Decode(bad, &v); !errors.As(err, &le) || !strings.Contains(le.Error(), "f:1:12: YAML alias *a stands for a value that contains it") {
		t.Errorf("Decode = %v", err)
	}
}

// BenchmarkAliases decodes the recommendations front matter with 100,
// 1,000 and 2,000 aliases: the error comes after a bounded amount of work.
func BenchmarkAliases(b *testing.B) {
	for _, n := range []int{100, 1000, 2000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			src := []byte(recommendations(1000, n))
			for b.Loop() {
				var v recs
				_ = Source{File: "f"}.Unmarshal(src, &v)
			}
		})
	}
}
