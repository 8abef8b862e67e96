package yamlx

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"

	"gopkg.in/yaml.v3"
)

// flatSeeds are texts parseFlat takes or must leave to yaml.v3.
var flatSeeds = []string{
	"title: Page 514 forward\ndescription: Node privacy relay.\nweight: 514\n",
	"title: x\n\n\nweight: 0\ndraft: true\n",
	"title: \"Signal: the basics\"\ndescription: 'It is # one'\n",
	"title:   spaced   out\nupdated: 2026-11-29\n",
	"title: x", "title: x\n", "title:x\n", "title:\n", "title: \n", "title: x \n",
	"title: x # comment\n", "# c\ntitle: x\n", "title: x\r\n", "title: \tx\n", "\ttitle: x\n",
	" title: x\n", "title: x\n  y\n", "title: x: y\n", "title: a:b\n", "title: [a, b]\n",
	"title: a [b] {c}, d\n", "title: yes\nno: on\n", "true: x\nnull: y\nNULL: Null\n",
	"weight: 0514\n", "weight: 09\n", "weight: 12345678901234567890\n", "weight: 1_000\n",
	"weight: 1e3\n", "weight: 0x1F\n", "title: \"a\\\"b\"\n", "title: 'it''s'\n", "title: \"\"\n",
	"title: ''\n", "title: \"x\n", "title: x\"\n", "title: It's\n", "title: café\n", "title: a\u2028b\n",
	"title: a\u0085b\n", "title: a\ufeffb\n", "title: a\x01b\n", "title: a\x7fb\n", "title: \xff\n",
	"_x: y\nx-y: z\nx1: 2\n", "-x: y\n", "---\ntitle: x\n", "title: &a x\n", "title: !!str x\n",
	"title: *a\n", "title: x\ntitle: y\n", "a: b\n\n", "\n\na: b\n", "", "\n", "a: b\n...\n",
	"title: x\n- y\n", "title: ~\n", "title: .inf\n", "title: <<\n", "title: x\n#\n",
}

// TestParseFlatLong: a long text that parseFlat does not take costs it
// nothing; the one it takes is parsed.
func TestParseFlatLong(t *testing.T) {
	comments := bytes.Repeat([]byte("#\n"), 1<<16)
	if n := testing.AllocsPerRun(10, func() { parseFlat(comments) }); n != 0 {
		t.Errorf("%v allocations for a text of comments", n)
	}
	var long []byte
	for i := range maxFlatEntries {
		long = fmt.Appendf(long, "k%d: v\n", i)
	}
	if !checkFlat(t, string(long)) {
		t.Errorf("parseFlat does not take %d lines", maxFlatEntries)
	}
}

// FuzzParseFlat checks that what parseFlat takes, it parses to the nodes
// yaml.v3 makes of it.
func FuzzParseFlat(f *testing.F) {
	for _, s := range flatSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkFlat(t, s)
	})
}

func TestParseFlat(t *testing.T) {
	taken := 0
	for _, s := range flatSeeds {
		if checkFlat(t, s) {
			taken++
		}
	}
	// The seeds have texts of both kinds; the common one is taken.
	if taken == 0 || taken == len(flatSeeds) {
		t.Errorf("parseFlat took %d of %d seeds", taken, len(flatSeeds))
	}
	if _, ok := parseFlat([]byte(flatSeeds[0])); !ok {
		t.Errorf("parseFlat does not take %q", flatSeeds[0])
	}
}

// checkFlat compares parseFlat's nodes with yaml.v3's; it reports
// whether parseFlat took s.
func checkFlat(t *testing.T, s string) bool {
	t.Helper()
	got, ok := parseFlat([]byte(s))
	if !ok {
		return false
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(s), &doc); err != nil {
		t.Fatalf("parseFlat took %q, which yaml.v3 refuses: %v", s, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		t.Fatalf("parseFlat took %q, which yaml.v3 parses to %#v", s, doc)
	}
	if want := doc.Content[0]; !reflect.DeepEqual(got, want) {
		t.Fatalf("parseFlat(%q):\n got %s\nwant %s", s, dump(got), dump(want))
	}
	return true
}

func dump(n *yaml.Node) string {
	s := ""
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		c := *n
		c.Content = nil
		s += fmt.Sprintf("\n  %+v", c)
		for _, k := range n.Content {
			walk(k)
		}
	}
	walk(n)
	return s
}

// BenchmarkParse is the parse of a page's front matter as the generated
// corpus has it, by Parse and by yaml.v3 alone.
func BenchmarkParse(b *testing.B) {
	src := []byte(flatSeeds[0])
	b.Run("Parse", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := (Source{File: "f"}).Parse(src); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("yaml.v3", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var doc yaml.Node
			if err := yaml.Unmarshal(src, &doc); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestKeyString: a key is the same text whether or not it is one of the
// front matter's, and a known key does not allocate.
func TestKeyString(t *testing.T) {
	for _, k := range []string{"title", "description", "icon", "weight", "updated", "draft", "source_hash", "cover", "titles", "Title", "", "recommendations"} {
		if got := keyString([]byte(k)); got != k {
			t.Errorf("keyString(%q) = %q", k, got)
		}
	}
	b := []byte("description")
	if n := testing.AllocsPerRun(100, func() { _ = keyString(b) }); n != 0 {
		t.Errorf("keyString(%q) allocates %v times", b, n)
	}
}
