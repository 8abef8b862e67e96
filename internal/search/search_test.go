package search

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestStemmers(t *testing.T) {
	en, nl := Stemmer("en"), Stemmer("nl")
	for _, tt := range []struct {
		stem       func(string) string
		words      []string
		want       string
		locale     string
		mustDiffer string
	}{
		{en, []string{"message", "messages", "messaging"}, "messag", "en", ""},
		{en, []string{"encrypted", "encryption", "encrypt"}, "encrypt", "en", ""},
		{nl, []string{"bericht", "berichten"}, "bericht", "nl", ""},
		{nl, []string{"gesprek", "gesprekken"}, "gesprek", "nl", ""},
		{nl, []string{"versleuteld", "versleutelde"}, "versleuteld", "nl", ""},
		{nl, []string{"lichamelijk", "lichamelijke", "lichamelijkheden", "lichamen"}, "licham", "nl", ""},
		{nl, []string{"maan"}, "man", "nl", ""},
		{nl, []string{"apparaat", "apparaten"}, "apparat", "nl", ""},
	} {
		for _, w := range tt.words {
			if got := tt.stem(w); got != tt.want {
				t.Errorf("%s stem(%q) = %q, want %q", tt.locale, w, got, tt.want)
			}
		}
	}
	if got := Stemmer("fr")("messages"); got != "messages" {
		t.Errorf("a language without a stemmer changed %q", got)
	}
	if got := Stemmer("en-GB")("messages"); got != "messag" {
		t.Errorf("en-GB is not stemmed as English: %q", got)
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{"Privé": "prive", "ÇA": "ca", "Straße": "straße", "İ": "i", "Ünïcode": "unicode"} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Words("Signal’s end-to-end E2EE, privé!"); !slices.Equal(got, []string{"signal", "s", "end", "to", "end", "e2ee", "prive"}) {
		t.Errorf("Words = %q", got)
	}
}

const article = `<h1 id="title">Real-time communication</h1>
<p>Intro <strong>text</strong><sup id="fnref:1"><a href="#fn:1">1</a></sup>.</p>
<h2 id="encrypted-messengers">Encrypted messengers <a class="headerlink" href="#encrypted-messengers"><span class="visually-hidden">Link to this section</span><span aria-hidden="true">¶</span></a></h2>
<p>Pick one.</p>
<h3 id="briar">Briar<svg viewBox="0 0 1 1"><title>logo</title><path d=""/></svg></h3>
<p>Briar sends messages over Tor.<span class="visually-hidden">meets it</span></p>
<table><tr><td>a</td><td>b</td></tr></table>
<h2>No id</h2><p>Still Briar's section.</p>
<script>var x = "<h2 id=bad>";</script>`

func TestExtract(t *testing.T) {
	got := Extract("Page title", []byte(article))
	want := []Section{
		{Heading: "Real-time communication", Anchor: "title", Text: "Intro text 1 ."},
		{Heading: "Encrypted messengers", Anchor: "encrypted-messengers", Text: "Pick one."},
		{Heading: "Briar", Anchor: "briar", Text: "Briar sends messages over Tor. a b No id Still Briar's section."},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Extract:\n got %q\nwant %q", got, want)
	}
	// Text before the first heading belongs to the page, without anchor.
	got = Extract("Home", []byte("<p>Welcome.</p><h2 id=\"a\">A</h2><p>x</p>"))
	if len(got) != 2 || got[0] != (Section{Heading: "Home", Text: "Welcome."}) || got[1].Anchor != "a" {
		t.Errorf("Extract without h1: %q", got)
	}
}

func decode(t *testing.T, ix *Index) file {
	t.Helper()
	data, err := ix.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Version  int         `json:"v"`
		Lang     string      `json:"lang"`
		Pages    [][2]string `json:"pages"`
		Sections [][4]any    `json:"sections"`
		Stems    []string    `json:"stems"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	return file(f)
}

func TestIndexJSON(t *testing.T) {
	build := func(order []string) *Index {
		ix := New("nl")
		pages := map[string]Page{
			"b.md": {Key: "b.md", Title: "Berichten", URL: "/nl/b/", Sections: []Section{{Heading: "Berichten", Text: "Versleutelde berichten."}, {Heading: "Gesprekken", Anchor: "gesprekken", Text: "Een gesprek met Briar."}}},
			"a.md": {Key: "a.md", Title: "Apparaten", URL: "/nl/a/", Sections: []Section{{Heading: "Apparaten", Text: "Elk apparaat."}}},
		}
		for _, k := range order {
			ix.Add(pages[k])
		}
		return ix
	}
	x, _ := build([]string{"a.md", "b.md"}).JSON()
	y, _ := build([]string{"b.md", "a.md"}).JSON()
	if string(x) != string(y) {
		t.Errorf("the index depends on the order pages were added:\n%s\n%s", x, y)
	}
	f := decode(t, build([]string{"b.md", "a.md"}))
	if f.Version != Version || f.Lang != "nl" {
		t.Errorf("header: %d %q", f.Version, f.Lang)
	}
	if !slices.Equal(f.Pages, [][2]string{{"Apparaten", "/nl/a/"}, {"Berichten", "/nl/b/"}}) {
		t.Errorf("pages: %q", f.Pages)
	}
	if len(f.Sections) != 3 || f.Sections[2][0] != float64(1) || f.Sections[2][2] != "gesprekken" || f.Sections[2][1] != "Gesprekken" {
		t.Errorf("sections: %v", f.Sections)
	}
	for _, want := range []string{"apparat apparaat apparaten", "bericht berichten", "gesprek gesprek gesprekken", "briar", "versleuteld versleutelde"} {
		if !slices.Contains(f.Stems, want) {
			t.Errorf("stems lack %q: %q", want, f.Stems)
		}
	}
	if !slices.IsSorted(f.Stems) {
		t.Errorf("stems not sorted")
	}
	for _, s := range f.Stems {
		if strings.ContainsAny(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
			t.Errorf("stem entry not folded: %q", s)
		}
	}
}
