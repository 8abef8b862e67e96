package i18n

import (
	"bytes"
	"encoding/json"
	"testing"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
)

// FuzzParseJSONTOML parses arbitrary text as a JSON and as a TOML locale
// file. It is refused with problems that name the file and a line in it,
// or it is read, every message with the position of its key, and then
// each message reads as go-i18n reads the file with the format's own
// decoder, wherever that decoder reads it.
func FuzzParseJSONTOML(f *testing.F) {
	for _, s := range []string{
		`{"a": "x", "b": {"one": "y", "other": "z", "hash": "sha1-1"}}`,
		`{"nav": {"menu": "Menu", "top": {"other": "Top"}}}`,
		`{"a": "\/\u00e9\ud83d\ude00", "b": 1}`, `{"a": {"other": "x", "colour": "y"}}`, `{"a": ["x"]}`, `[1]`, `{`,
		"a = \"x\"\n[b]\none = \"y\"\nother = \"z\"\n", "[nav.menu]\nother = 'Menu'\n", "a.b = \"x\"\n",
		"[[a]]\nother = \"x\"\n", "a = { other = \"x\" }\n", "a = 1979-05-27\n", "a = \"\"\"\nx\"\"\"\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, tt := range []struct {
			name      string
			unmarshal func([]byte, any) error
		}{{Dir + "/nl.json", json.Unmarshal}, {Dir + "/nl.toml", toml.Unmarshal}} {
			lines := bytes.Count(src, []byte("\n")) + 2
			file, err := ParseFile(tt.name, "nl", src)
			if err != nil {
				for _, p := range problems(t, err) {
					if p.Pos.File != tt.name || p.Pos.Line < 0 || p.Pos.Line > lines {
						t.Fatalf("%s: problem at %s, not in the file (%d lines): %v", tt.name, p.Pos, lines, p)
					}
				}
				continue
			}
			for id, m := range file.Messages {
				if m.ID != id || m.Pos.File != tt.name || m.Pos.Line < 1 || m.Pos.Line > lines {
					t.Fatalf("%s: message %q has id %q and position %s", tt.name, id, m.ID, m.Pos)
				}
			}
			want, err := goi18n.ParseMessageBytes(src, tt.unmarshal)
			if err != nil {
				continue // go-i18n refuses what guidegen reads (a number as a string)
			}
			if len(want) != len(file.Messages) {
				t.Fatalf("%s: %d messages, go-i18n reads %d", tt.name, len(file.Messages), len(want))
			}
			for _, w := range want {
				m := file.Messages[w.ID]
				if m == nil || *m.Message != *w {
					t.Fatalf("%s: message %q is %+v, go-i18n reads %+v", tt.name, w.ID, m, w)
				}
			}
		}
	})
}
