package build_test

import (
	"fmt"
	"strings"
	"testing"
)

// laughs is a "billion laughs" YAML text: level k stands for 10^k strings.
func laughs(levels int) string {
	var b strings.Builder
	b.WriteString("l0: &l0 [" + strings.TrimSuffix(strings.Repeat("lol, ", 10), ", ") + "]\n")
	for k := 1; k < levels; k++ {
		fmt.Fprintf(&b, "l%d: &l%d [%s]\n", k, k, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*l%d, ", k-1), 10), ", "))
	}
	return b.String()
}

// TestYAMLAliasLimit puts a billion laughs into every kind of YAML file a
// build reads: each is an error at the alias that passes the limit (the
// 8th alias of the list l3, line 4 of the YAML, column 45), not a hang.
func TestYAMLAliasLimit(t *testing.T) {
	const msg = ": YAML aliases stand for too many values: with *l2"
	y := laughs(9)
	for _, tt := range []struct {
		edit [3]string // file, old, new
		want string
	}{
		{[3]string{"content/en/messengers.md", "---\n", "---\n" + y}, "content/en/messengers.md:5:45"},
		{[3]string{"content/nl/messengers.md", "---\n", "---\n" + y}, "content/nl/messengers.md:5:45"},
		{[3]string{"content/data/vocabulary.yaml", "# The language-neutral", y + "# The language-neutral"}, "content/data/vocabulary.yaml:4:45"},
		{[3]string{"locales/nl.yaml", "", y}, "locales/nl.yaml:4:45"},
		{[3]string{"guidegen.yaml", "title:", y + "title:"}, "guidegen.yaml:4:45"},
	} {
		t.Run(tt.edit[0], func(t *testing.T) {
			dir := copyCards(t, tt.edit)
			_, err := buildCards(t, dir)
			if err == nil || !strings.Contains(err.Error(), tt.want+msg) {
				t.Errorf("build error:\n%v\nwant one starting %s%s", err, tt.want, msg)
			}
		})
	}
}
