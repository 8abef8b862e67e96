package translation

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/guidegen/guidegen/internal/i18n"
)

// FuzzStampJSONTOML stamps every message of a JSON or TOML locale file,
// as stamp does: the file written back in its format has the same
// messages, with the same texts (as go-i18n reads them), each with its
// new hash, and stamping again gives the same bytes.
func FuzzStampJSONTOML(f *testing.F) {
	for _, s := range []string{
		`{"a": "x", "b": {"one": "y", "other": "z"}, "nav": {"menu": "Menu"}}`,
		`{"q": "\"quoted\" \\ back\nslash\ttab \u0001 é 😀", "k.dotted": {"other": "x"}, "sp ace": "y"}`,
		`{"n": null, "i": 1, "f": 1.5, "t": true, "e": {}}`,
		"a = \"x\"\n[b]\none = \"y\"\nother = \"z\"\n[nav]\nmenu = 'Menu'\n",
		"\"k.dotted\" = \"x\"\n'sp ace' = \"\"\"\nmulti\nline\"\"\"\n[g.\"h i\"]\nother = \"\\u0007\"\n",
		"i = 1\nb = true\n[e]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, name := range []string{i18n.Dir + "/nl.json", i18n.Dir + "/nl.toml"} {
			before, err := i18n.ParseFile(name, "nl", data)
			if err != nil {
				continue
			}
			lf, err := readLocaleFile(name, data)
			if err != nil {
				t.Fatalf("%s: i18n reads the file, stamp does not: %v", name, err)
			}
			stamp := func(lf *localeFile) []byte {
				for i, e := range lf.entries() {
					e.setHash(fmt.Sprintf("h%d", i))
				}
				out, err := lf.bytes()
				if err != nil {
					t.Fatal(err)
				}
				return out
			}
			hashes := map[string]string{}
			for i, e := range lf.entries() {
				hashes[e.id] = fmt.Sprintf("h%d", i)
			}
			out := stamp(lf)
			after, err := i18n.ParseFile(name, "nl", out)
			if err != nil {
				t.Fatalf("%s: stamped file does not load: %v\n%s", name, err, out)
			}
			if fmt.Sprint(before.IDs()) != fmt.Sprint(after.IDs()) {
				t.Fatalf("%s: ids %q, then %q\n%s", name, before.IDs(), after.IDs(), out)
			}
			for _, id := range before.IDs() {
				b, a := *before.Messages[id].Message, *after.Messages[id].Message
				if a.Hash != hashes[id] {
					t.Fatalf("%s: %s: hash %q, want %q\n%s", name, id, a.Hash, hashes[id], out)
				}
				b.Hash = a.Hash
				if b != a {
					t.Fatalf("%s: %s: %+v, then %+v\n%s", name, id, b, a, out)
				}
			}
			lf2, err := readLocaleFile(name, out)
			if err != nil {
				t.Fatal(err)
			}
			if again := stamp(lf2); !bytes.Equal(again, out) {
				t.Fatalf("%s: stamping twice:\n%s\n%s", name, out, again)
			}
		}
	})
}
