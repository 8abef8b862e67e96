package yamlx

import (
	"errors"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/diag"
)

type inner struct {
	Homepage string `yaml:"homepage"`
	Count    int    `yaml:"count"`
}

type outer struct {
	Title   string           `yaml:"title"`
	Draft   bool             `yaml:"draft"`
	Weight  int              `yaml:"weight"`
	Tags    []string         `yaml:"tags"`
	Links   inner            `yaml:"links"`
	Extra   map[string]inner `yaml:"extra"`
	Ignored string           `yaml:"-"`
}

func TestDecodeErrors(t *testing.T) {
	// LineOffset 1: the YAML starts on line 2 of the file, as in front matter.
	src := Source{File: "content/en/x.md", LineOffset: 1}
	tests := []struct {
		name string
		yaml string
		want []string // each a full problem line
	}{
		{"unknown key with suggestion", "titel: x\n",
			[]string{`content/en/x.md:2:1: unknown key "titel" (did you mean "title"?)`}},
		{"unknown key without suggestion", "title: x\nzzzzzzzz: 1\n",
			[]string{`content/en/x.md:3:1: unknown key "zzzzzzzz" (known keys: title, draft, weight, tags, links, extra)`}},
		{"nested unknown key", "links:\n  homepgae: https://x\n",
			[]string{`content/en/x.md:3:3: unknown key "links.homepgae" (did you mean "homepage"?)`}},
		{"wrong scalar type", "weight: heavy\n",
			[]string{`content/en/x.md:2:9: weight: expected a whole number, got "heavy"`}},
		{"bool must be true or false", "draft: yes\n",
			[]string{`content/en/x.md:2:8: draft: expected a boolean (true or false), got "yes"`}},
		{"list where string expected", "title: [a, b]\n",
			[]string{`content/en/x.md:2:8: title: expected a string, got a list`}},
		{"mapping where list expected", "tags: {a: b}\n",
			[]string{`content/en/x.md:2:7: tags: expected a list, got a mapping`}},
		{"error inside list", "extra:\n  a: {count: many}\n",
			[]string{`content/en/x.md:3:14: extra.a.count: expected a whole number, got "many"`}},
		{"duplicate key", "title: a\ntitle: b\n",
			[]string{`content/en/x.md:3:1: duplicate key "title" (first set on line 2)`}},
		{"several problems at once", "titel: a\nweight: x\n",
			[]string{
				`content/en/x.md:2:1: unknown key "titel" (did you mean "title"?)`,
				`content/en/x.md:3:9: weight: expected a whole number, got "x"`,
			}},
		{"ignored field is unknown", "ignored: x\n",
			[]string{`content/en/x.md:2:1: unknown key "ignored"`}},
	}
	// Each with field tables of its own, and with tables shared by all.
	shared := src
	shared.Fields = &Fields{}
	for _, tt := range tests {
		for _, src := range []Source{src, shared} {
			t.Run(tt.name, func(t *testing.T) {
				var v outer
				err := src.Unmarshal([]byte(tt.yaml), &v)
				var le *diag.ListError
				if !errors.As(err, &le) {
					t.Fatalf("want a *diag.ListError, got %v", err)
				}
				var got []string
				for _, p := range le.Problems {
					got = append(got, p.Error())
				}
				if len(got) != len(tt.want) {
					t.Fatalf("got %d problems:\n%s\nwant:\n%s", len(got), strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
				}
				for i := range got {
					if !strings.HasPrefix(got[i], tt.want[i]) {
						t.Errorf("problem %d:\n got %s\nwant %s", i, got[i], tt.want[i])
					}
				}
			})
		}
	}
}

func TestDecodeOK(t *testing.T) {
	var v outer
	err := Source{File: "f"}.Unmarshal([]byte("title: T\ndraft: false\nweight: 3\ntags: [a, b]\nlinks: {homepage: h, count: 2}\nextra:\n  x: {count: 1}\n"), &v)
	if err != nil {
		t.Fatal(err)
	}
	if v.Title != "T" || v.Weight != 3 || len(v.Tags) != 2 || v.Links.Homepage != "h" || v.Links.Count != 2 || v.Extra["x"].Count != 1 {
		t.Errorf("decoded %+v", v)
	}
}

func TestParseSyntaxErrorsHaveLineAndColumn(t *testing.T) {
	src := Source{File: "content/nl/x.md", LineOffset: 1}
	tests := []struct {
		yaml string
		want string
	}{
		{"title: \"unclosed\ndescription: x\n", "content/nl/x.md:2:8: malformed YAML"},
		{"title: a\n- b\n", "content/nl/x.md:3:1: malformed YAML"},
		{"title: @foo\n", "content/nl/x.md:2:8: malformed YAML"},
		{"title: a\ndescription:\tb\n\tweight: 3\n", "content/nl/x.md:4:1: malformed YAML"},
	}
	for _, tt := range tests {
		_, err := src.Parse([]byte(tt.yaml))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v, want prefix %q", tt.yaml, err, tt.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	names := []string{"title", "description", "threats", "weight"}
	for word, want := range map[string]string{
		"titel": "title", "descripton": "description", "Threads": "threats", "zzz": "", "wieght": "weight",
	} {
		if got := Suggest(word, names); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", word, got, want)
		}
	}
}

func TestFind(t *testing.T) {
	n, err := Source{File: "f"}.Parse([]byte("locales:\n  - code: en\n  - code: nl\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := Find(n, "locales", "1", "code"); got == nil || got.Value != "nl" || got.Line != 3 {
		t.Errorf("Find = %+v", got)
	}
	if Find(n, "locales", "2") != nil || Find(n, "nope") != nil {
		t.Error("Find of a missing path should be nil")
	}
}
