package search

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"maps"
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

// written writes an index into a map of file name to decoded JSON.
func written(t *testing.T, ix *Index) (files map[string][]byte) {
	t.Helper()
	files = map[string][]byte{}
	if err := ix.Write(func(name string, data []byte) error {
		if _, dup := files[name]; dup {
			t.Errorf("%s written twice", name)
		}
		files[name] = bytes.Clone(data) // write may not keep data
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return files
}

type shardWord struct {
	word, stem string
	postings   [][3]int // page, section, weight
}

// shardWords decodes a shard, page numbers made absolute.
func shardWords(t *testing.T, data []byte) []shardWord {
	t.Helper()
	var sh struct {
		Words [][3]json.RawMessage `json:"w"`
	}
	if err := json.Unmarshal(data, &sh); err != nil {
		t.Fatal(err)
	}
	var out []shardWord
	for _, w := range sh.Words {
		var sw shardWord
		var flat []int
		if json.Unmarshal(w[0], &sw.word) != nil || json.Unmarshal(w[1], &sw.stem) != nil || json.Unmarshal(w[2], &flat) != nil {
			t.Fatalf("bad word %s", w)
		}
		page := 0
		for i := 0; i+2 < len(flat); i += 3 {
			page += flat[i]
			sw.postings = append(sw.postings, [3]int{page, flat[i+1], flat[i+2]})
		}
		out = append(out, sw)
	}
	return out
}

var testPages = map[string]Page{
	"b.md": {Key: "b.md", Title: "Berichten", URL: "/nl/b/", Sections: []Section{{Heading: "Berichten", Text: "Versleutelde berichten."}, {Heading: "Gesprekken", Anchor: "gesprekken", Text: "Een gesprek met Briar. Briar!"}}},
	"a.md": {Key: "a.md", Title: "Apparaten", URL: "/nl/a/", Sections: []Section{{Heading: "Apparaten", Text: "Elk apparaat."}}},
}

func buildIndex(t *testing.T, order []string, frags map[string][]byte) *Index {
	ix := New("nl")
	for _, k := range order {
		e, data, err := Prepare(testPages[k])
		if err != nil {
			t.Fatal(err)
		}
		if frags != nil {
			frags[e.Frag] = data
		}
		ix.Add(e)
	}
	return ix
}

func TestIndexFiles(t *testing.T) {
	frags := map[string][]byte{}
	x := written(t, buildIndex(t, []string{"a.md", "b.md"}, frags))
	y := written(t, buildIndex(t, []string{"b.md", "a.md"}, nil))
	if !maps.EqualFunc(x, y, bytes.Equal) {
		t.Errorf("the index depends on the order pages were added")
	}
	small := buildIndex(t, []string{"b.md", "a.md"}, nil)
	small.batch = 1 // a batch per shard
	if z := written(t, small); !maps.EqualFunc(x, z, bytes.Equal) {
		t.Errorf("writing in batches changes the index")
	}
	var m meta
	if err := json.Unmarshal(x["index.json"], &m); err != nil {
		t.Fatal(err)
	}
	if m.Version != Version || m.Lang != "nl" {
		t.Errorf("header: %d %q", m.Version, m.Lang)
	}
	fa, fb := FragmentFile("/nl/a/"), FragmentFile("/nl/b/")
	if !slices.Equal(m.Pages, []string{fa, fb}) {
		t.Errorf("pages: %q", m.Pages)
	}
	var f fragment
	if err := json.Unmarshal(frags[fb], &f); err != nil {
		t.Fatal(err)
	}
	if f.Title != "Berichten" || f.URL != "/nl/b/" || len(f.Sections) != 2 || f.Sections[1] != [3]string{"Gesprekken", "gesprekken", "Een gesprek met Briar. Briar!"} {
		t.Errorf("fragment of b: %+v", f)
	}
	for _, key := range m.Shards {
		if _, ok := x[ShardFile(key)]; !ok {
			t.Errorf("shard %q listed, not written", key)
		}
	}
	if len(x) != len(m.Shards)+1 {
		t.Errorf("%d files for %d shards", len(x), len(m.Shards))
	}
	find := func(word string) shardWord {
		for _, w := range shardWords(t, x[ShardFile(ShardKey(word))]) {
			if w.word == word {
				return w
			}
		}
		t.Fatalf("no word %q in its shard", word)
		return shardWord{}
	}
	// Page 0 is a.md; sections count from 0, -1 is the title.
	for _, tt := range []struct {
		word, stem string
		postings   [][3]int
	}{
		{"apparaten", "apparat", [][3]int{{0, -1, 3}, {0, 0, 10}}},
		{"apparaat", "apparat", [][3]int{{0, 0, 1}}},
		{"briar", "", [][3]int{{1, 1, 2}}},
		{"berichten", "bericht", [][3]int{{1, -1, 3}, {1, 0, 11}}},
		{"gesprekken", "gesprek", [][3]int{{1, 1, 10}}},
		{"versleutelde", "versleuteld", [][3]int{{1, 0, 1}}},
	} {
		w := find(tt.word)
		if w.stem != tt.stem || !slices.Equal(w.postings, tt.postings) {
			t.Errorf("%s: stem %q postings %v, want %q %v", tt.word, w.stem, w.postings, tt.stem, tt.postings)
		}
	}
	for name, data := range x {
		if strings.HasPrefix(name, "w/") {
			ws := shardWords(t, data)
			if !slices.IsSortedFunc(ws, func(a, b shardWord) int { return strings.Compare(a.word, b.word) }) {
				t.Errorf("%s: words not sorted", name)
			}
			for _, w := range ws {
				if Fold(w.word) != w.word || ShardFile(ShardKey(w.word)) != name {
					t.Errorf("%s: word %q not folded or in the wrong shard", name, w.word)
				}
			}
		}
	}
}

func TestShardKey(t *testing.T) {
	for in, want := range map[string]string{"a": "a", "ab": "ab", "abc": "ab", "éé": "éé", "één": "éé", "": ""} {
		if got := ShardKey(in); got != want {
			t.Errorf("ShardKey(%q) = %q, want %q", in, got, want)
		}
	}
	if ShardFile("th") != "w/7468.json" {
		t.Errorf("ShardFile(th) = %q", ShardFile("th"))
	}
}

// TestWordsReference compares Words with its definition, folded runs of
// letters and digits as strings.FieldsFunc splits them, on text of every
// kind: ASCII, accented letters, digits of other scripts, punctuation,
// invalid UTF-8.
func TestWordsReference(t *testing.T) {
	ref := func(text string) []string {
		var out []string
		for _, w := range strings.FieldsFunc(text, notWordRune) {
			out = append(out, Fold(w))
		}
		return out
	}
	pieces := []string{"Signal", "signal", "E2EE", "end-to-end", " ", "\n", "privé", "ÉCOLE", "’s", "٣٤", "Ⅻ", "日本語", "\xff", "\xe2\x80", "�", "x", "9", "_", "İstanbul", "ß", "ǅ", ""}
	for i := range 2000 {
		var b strings.Builder
		for j := range 1 + i%7 {
			b.WriteString(pieces[(i*31+j*17+i/7)%len(pieces)])
		}
		text := b.String()
		if got, want := Words(text), ref(text); !slices.Equal(got, want) {
			t.Fatalf("Words(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestEncodeWordsReference compares the encoding of a page's words with
// the straightforward one (a map of postings by word), on pages whose
// title repeats words and whose sections share words.
func TestEncodeWordsReference(t *testing.T) {
	pages := []Page{
		{Title: "Signal Signal signal", Sections: []Section{{Heading: "Signal", Text: "signal is a messenger; Signal signal"}, {Heading: "Keys", Text: "keys keys privé Privé"}}},
		{Title: "", Sections: nil},
		{Title: "Only a title, title"},
		{Title: "Threema", Sections: []Section{{Text: strings.Repeat("word other word ", 20)}, {Heading: "word word", Text: "Threema"}, {}}},
	}
	for _, p := range pages {
		got, _ := encodeWords(p)
		if want := encodeWordsReference(p); !bytes.Equal(got, want) {
			t.Errorf("encodeWords(%q) = %q, want %q", p.Title, got, want)
		}
	}
}

// encodeWordsReference is encodeWords as it was first written.
func encodeWordsReference(p Page) []byte {
	type counts struct{ heading, text int }
	byWord := map[string][]posting{}
	var order []string
	add := func(w string, section, weight int) {
		ps, seen := byWord[w]
		if !seen {
			order = append(order, w)
		}
		if n := len(ps); n > 0 && ps[n-1].section == section {
			ps[n-1].weight += weight
		} else {
			ps = append(ps, posting{section, weight})
		}
		byWord[w] = ps
	}
	for _, w := range Words(p.Title) {
		add(w, 0, weightTitle)
	}
	for i, s := range p.Sections {
		c := map[string]*counts{}
		var words []string
		count := func(text string, heading bool) {
			for _, w := range Words(text) {
				k := c[w]
				if k == nil {
					k = &counts{}
					c[w] = k
					words = append(words, w)
				}
				if heading {
					k.heading++
				} else {
					k.text++
				}
			}
		}
		count(s.Heading, true)
		count(s.Text, false)
		for _, w := range words {
			k := c[w]
			add(w, i+1, weightHeading*k.heading+min(k.text, maxText))
		}
	}
	slices.Sort(order)
	var buf []byte
	for _, w := range order {
		buf = append(buf, w...)
		buf = append(buf, 0)
		ps := byWord[w]
		buf = binary.AppendUvarint(buf, uint64(len(ps)))
		for _, p := range ps {
			buf = binary.AppendUvarint(buf, uint64(p.section))
			buf = binary.AppendUvarint(buf, uint64(p.weight))
		}
	}
	return buf
}

// TestShardJSONReference compares the JSON of a shard with encoding/json's
// of the same words, on words that need no escaping and on strings that
// do (quotes, controls, HTML characters, U+2028, invalid UTF-8).
func TestShardJSONReference(t *testing.T) {
	words := []string{"signal", "privé", "e2ee", "日本語", `a"b`, `back\slash`, "tab\there", "<b>&", "line\u2028sep", "para\u2029", "bad\xffutf8", "del\x7f", "", "x"}
	ix := New("en")
	for i := range len(words) {
		m := map[string]*[]int32{}
		ref := map[string][]int32{}
		for j, w := range words[i:] {
			flat := []int32{int32(j), int32(j%3 - 1), int32(10 * j)}
			if j%2 == 1 {
				flat = append(flat, int32(j+4), 2, 1)
			}
			m[w], ref[w] = &flat, slices.Clone(flat)
		}
		got, err := ix.shardJSON(m)
		if err != nil {
			t.Fatal(err)
		}
		// The shard as encoding/json writes it.
		sorted := slices.Sorted(maps.Keys(ref))
		sh := shard{Words: make([][3]any, len(sorted))}
		for k, w := range sorted {
			flat := ref[w]
			prev := int32(0)
			for j := 0; j < len(flat); j += 3 {
				flat[j], prev = flat[j]-prev, flat[j]
			}
			st := ix.stem(w)
			if st == w {
				st = ""
			}
			sh.Words[k] = [3]any{w, st, flat}
		}
		want, err := marshal(sh)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("shardJSON =\n%s\nwant\n%s", got, want)
		}
	}
}

// TestShardKeyOf: the key of a word given as bytes is ShardKey's.
func TestShardKeyOf(t *testing.T) {
	for _, w := range []string{"", "a", "ab", "abc", "éa", "aéb", "日本語", "\xffab", "a\xff", "a\xffb", "ab日", "a日b", "1é"} {
		if got, want := string(shardKeyOf([]byte(w))), ShardKey(w); got != want {
			t.Errorf("shardKeyOf(%q) = %q, want %q", w, got, want)
		}
	}
}

// TestWriteAgain: writing again after a change gives the bytes a fresh
// Write gives, and encodes only the shards that hold a word of a changed
// page.
func TestWriteAgain(t *testing.T) {
	pages := func(edit func(map[string]Page)) *Index {
		ps := map[string]Page{}
		for k, p := range testPages {
			ps[k] = p
		}
		if edit != nil {
			edit(ps)
		}
		ix := New("nl")
		for _, k := range slices.Sorted(maps.Keys(ps)) {
			e, _, err := Prepare(ps[k])
			if err != nil {
				t.Fatal(err)
			}
			ix.Add(e)
		}
		return ix
	}
	for _, tt := range []struct {
		name string
		edit func(map[string]Page)
	}{
		{"nothing changed", nil},
		{"a word of one page", func(ps map[string]Page) {
			p := ps["a.md"]
			p.Sections = []Section{{Heading: "Apparaten", Text: "Elk zwaar apparaat."}}
			ps["a.md"] = p
		}},
		{"a page added", func(ps map[string]Page) {
			ps["c.md"] = Page{Key: "c.md", Title: "Chat", URL: "/nl/c/", Sections: []Section{{Heading: "Chat", Text: "Briar."}}}
		}},
		{"a page removed", func(ps map[string]Page) { delete(ps, "b.md") }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			first := pages(nil)
			prev, err := first.WriteAgain(nil, true, func(string, []byte) error { return nil })
			if err != nil || prev == nil {
				t.Fatal(err)
			}
			again := pages(tt.edit)
			got := map[string][]byte{}
			if _, err := again.WriteAgain(prev, true, func(name string, data []byte) error {
				got[name] = data
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			fresh := pages(tt.edit)
			want := written(t, fresh)
			if !maps.EqualFunc(got, want, bytes.Equal) {
				t.Errorf("written again differs from a fresh write")
			}
			switch tt.name {
			case "nothing changed":
				if again.encoded != 0 {
					t.Errorf("%d shards encoded again, want 0", again.encoded)
				}
			case "a word of one page":
				// The page's old and new words' shards only: "elk",
				// "zwaar", "apparaat(en)" and its title's.
				if again.encoded == 0 || again.encoded >= fresh.encoded {
					t.Errorf("%d shards encoded again of %d", again.encoded, fresh.encoded)
				}
			}
		})
	}
}

// TestChangedPostings: only the words whose postings differ are reported,
// with the postings they have (nil once gone from the page).
func TestChangedPostings(t *testing.T) {
	page := func(text string) []byte {
		e, _, err := Prepare(Page{Key: "a.md", Title: "T", URL: "/a/", Sections: []Section{{Heading: "T", Text: text}}})
		if err != nil {
			t.Fatal(err)
		}
		return e.words
	}
	var got []string
	record := func(w, is []byte) {
		got = append(got, fmt.Sprintf("%s %t", w, is != nil))
	}
	changedPostings(page("een twee drie"), page("een twee twee vier"), record)
	if !slices.Equal(got, []string{"drie false", "twee true", "vier true"}) {
		t.Errorf("changed: %q", got)
	}
	got = nil
	changedPostings(page("een twee"), page("een twee"), record)
	if got != nil {
		t.Errorf("unchanged page: %q", got)
	}
}

// TestWriteAgainChained: a preview's rebuilds, each given what the one
// before wrote, keep writing what a fresh Write writes.
func TestWriteAgainChained(t *testing.T) {
	texts := []string{"Een gesprek met Briar.", "Een gesprek met Briar en Signal.", "Geen gesprek.", "", "Briar Briar Briar, versleutelde berichten."}
	index := func(text string) *Index {
		ix := New("nl")
		for _, k := range []string{"a.md", "b.md"} {
			p := testPages[k]
			if k == "b.md" {
				p.Sections = []Section{p.Sections[0], {Heading: "Gesprekken", Anchor: "gesprekken", Text: text}}
			}
			e, _, err := Prepare(p)
			if err != nil {
				t.Fatal(err)
			}
			ix.Add(e)
		}
		return ix
	}
	var prev *Written
	for i, text := range texts {
		got := map[string][]byte{}
		w, err := index(text).WriteAgain(prev, true, func(name string, data []byte) error {
			got[name] = data
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if want := written(t, index(text)); !maps.EqualFunc(got, want, bytes.Equal) {
			t.Fatalf("rebuild %d (%q) differs from a fresh write", i, text)
		}
		prev = w
	}
}
