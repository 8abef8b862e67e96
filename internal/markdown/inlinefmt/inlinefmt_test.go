package inlinefmt_test

import (
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

func TestGolden(t *testing.T) { mdtest.Golden(t, mdtest.New()) }

// render returns the HTML of one paragraph, without <p> and the newline.
func render(t *testing.T, m *markdown.Markdown, src string) string {
	t.Helper()
	got, _ := mdtest.Render(t, m, src)
	got = strings.TrimSuffix(got, "\n")
	if s, ok := strings.CutPrefix(got, "<p>"); ok {
		got = strings.TrimSuffix(s, "</p>")
	}
	return got
}

// TestFormats: the expected HTML is what pymdownx.mark, caret and tilde
// make of each line (their documentation and Material's "Formatting"
// page), with goldmark's CommonMark for the rest.
func TestFormats(t *testing.T) {
	m := mdtest.New()
	for _, tt := range []struct{ src, want string }{
		// mark
		{"==marked==", "<mark>marked</mark>"},
		{"==two words==", "<mark>two words</mark>"},
		{"a == b == c", "a == b == c"},
		{"a ==b", "a ==b"},
		{"in==word==s", "in==word==s"},
		{"(==mark==)", "(<mark>mark</mark>)"},
		{"===three===", "===three==="},
		{"====", "===="},
		{"==*em* in mark==", "<mark><em>em</em> in mark</mark>"},
		{"*==mark== in em*", "<em><mark>mark</mark> in em</em>"},
		{"**==both==**", "<strong><mark>both</mark></strong>"},
		{"==unclosed", "==unclosed"},
		{"`==code==`", "<code>==code==</code>"},
		{"\\==escaped==", "==escaped=="},
		// caret
		{"^^inserted^^", "<ins>inserted</ins>"},
		{"^^two words^^", "<ins>two words</ins>"},
		{"2^10^", "2<sup>10</sup>"},
		{"E=mc^2^ holds", "E=mc<sup>2</sup> holds"},
		{"^not sup^", "^not sup^"},
		{"a ^ b ^ c", "a ^ b ^ c"},
		{"^^ins with ^sup^^^", "<ins>ins with <sup>sup</sup></ins>"},
		{"x^^y^^z", "x^^y^^z"},
		{"^^*em*^^", "<ins><em>em</em></ins>"},
		// tilde
		{"~~deleted~~", "<del>deleted</del>"},
		{"~~two words~~", "<del>two words</del>"},
		{"H~2~O", "H<sub>2</sub>O"},
		{"CH~3~CH~2~OH", "CH<sub>3</sub>CH<sub>2</sub>OH"},
		{"~not sub~", "~not sub~"},
		{"a ~ b", "a ~ b"},
		{"~~del with ~sub~~~", "<del>del with <sub>sub</sub></del>"},
		{"~~H~2~O~~", "<del>H<sub>2</sub>O</del>"},
		{"a ~~~~four~~~~", "a ~~~~four~~~~"},
		{"~sub\\~x~", "<sub>sub~x</sub>"},
		{"**~~strong del~~**", "<strong><del>strong del</del></strong>"},
		// together
		{"==H~2~O== and ^^x^2^^^", "<mark>H<sub>2</sub>O</mark> and <ins>x<sup>2</sup></ins>"},
		{"[==link==](https://example.org/)", `<a href="https://example.org/"><mark>link</mark></a>`},
	} {
		if got := render(t, m, tt.src); got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

// TestPlainIsGFM: the plain pipeline (CommonMark + GFM) has none of the
// formats, and "~" is GFM's strikethrough there.
func TestPlainIsGFM(t *testing.T) {
	m := mdtest.New(func(o *markdown.Options) { o.Plain = true })
	for _, tt := range []struct{ src, want string }{
		{"==marked==", "==marked=="},
		{"^^ins^^ 2^10^", "^^ins^^ 2^10^"},
		{"~~del~~", "<del>del</del>"},
	} {
		if got := render(t, m, tt.src); got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

func FuzzFormats(f *testing.F) {
	mdtest.Fuzz(f, "==a== ^^b^^ ^c^ ~d~ ~~e~~", "H~2~O", "==*a*==", "~~~a~~~", "^^^a^^^", "a\r\n==b\r\nc==\r\n",
		"==a ~b~ ^^c ^d^^^ e==", "[==a](b==)", "`==`==", "\\^a^", "~a\\~~")
}
