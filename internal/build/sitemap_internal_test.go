package build

import (
	"bytes"
	"encoding/xml"
	"math/rand/v2"
	"testing"

	"github.com/guidegen/guidegen/internal/config"
	"github.com/guidegen/guidegen/internal/content"
)

// TestWriteXMLTextOracle: writeXMLText writes what xml.EscapeText writes,
// for every byte alone and in text, and random strings of the bytes it
// treats apart.
func TestWriteXMLTextOracle(t *testing.T) {
	var ins []string
	for c := range 256 {
		ins = append(ins, string([]byte{byte(c)}), "ab"+string([]byte{byte(c)})+"cd")
	}
	const alphabet = "aZ09 -./:_~%#?=\"'&<>\t\n\r\x00\x1f\x7fé\xff\xc3\ufffe"
	r := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		b := make([]byte, r.IntN(16))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		ins = append(ins, string(b))
	}
	ins = append(ins, "", "https://example.org/guide/nl/a%20b/", "https://x.org/?a=1&b=2")
	for _, in := range ins {
		var got, want bytes.Buffer
		writeXMLText(&got, []byte(in))
		if err := xml.EscapeText(&want, []byte(in)); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%q: %q, xml.EscapeText %q", in, got.String(), want.String())
		}
	}
}

// TestAppendAbsURL: appendAbsURL appends content.AbsPageURL, for each
// locale and base URL, after what dst holds.
func TestAppendAbsURL(t *testing.T) {
	for _, base := range []string{"", "https://example.org/", "https://example.org/guide/"} {
		cfg := &config.Config{BaseURL: base, DefaultLocale: "en", Locales: []config.Locale{{Code: "en"}, {Code: "nl"}, {Code: "pt-BR"}}}
		b := &builder{cfg: cfg}
		for _, p := range []string{"index.md", "about/index.md", "about/criteria.md", "a b/über.md"} {
			for _, l := range cfg.Locales {
				got := string(b.appendAbsURL([]byte("x"), l.Code, p))
				if want := "x" + content.AbsPageURL(cfg, l.Code, p); got != want {
					t.Errorf("%q %s %s: %q, want %q", base, l.Code, p, got, want)
				}
			}
		}
	}
}
