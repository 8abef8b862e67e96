package po

import (
	"reflect"
	"testing"
)

// FuzzParse: Parse never panics, and a file it reads is written and read
// back to the same entries.
func FuzzParse(f *testing.F) {
	f.Add([]byte(sampleText))
	f.Add([]byte("msgid \"\"\nmsgstr \"\"\n\"Language: nl\\n\"\n\n#| msgid \"a\"\n#| \"b\"\nmsgid \"x\"\nmsgstr[0] \"\\x41\\101\"\n"))
	f.Add([]byte("#~ msgid \"a\"\n#, fuzzy\nmsgctxt \"\"\nmsgid \"\"\nmsgstr \"\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		pf, err := Parse("f.po", data)
		if err != nil {
			return
		}
		out := pf.Write()
		back, err := Parse("f.po", out)
		if err != nil {
			t.Fatalf("Parse(Write(f)): %v\n%s", err, out)
		}
		clearLines(pf)
		clearLines(back)
		pf.Obsolete = 0
		if !reflect.DeepEqual(pf, back) {
			t.Fatalf("Parse(Write(f)) differs:\n got %#v\nwant %#v\n%s", back, pf, out)
		}
	})
}
