package po

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func ptr(s string) *string { return &s }

// sample has every part Write writes: comments of each kind, a fuzzy
// entry with its previous msgid, strings with line breaks and escapes,
// and a plural message.
func sample() *File {
	return &File{
		Header:         "Project-Id-Version: test\nPO-Revision-Date: \nLast-Translator: \nLanguage-Team: Dutch\nLanguage: nl\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\nPlural-Forms: nplurals=2; plural=(n != 1);\n",
		HeaderComments: []string{"A test file.", ""},
		Entries: []*Entry{
			{
				Extracted: []string{"paragraph"}, References: []string{"content/en/a.md:3"},
				Context: ptr("top/p1"), ID: `Say "hello" \ *there*`, Str: []string{`Zeg "hallo" \ *daar*`},
			},
			{
				Comments: []string{"checked"}, References: []string{"content/en/a.md:5"}, Flags: []string{"fuzzy"},
				PrevContext: ptr("top/p2"), PrevID: ptr("Old\ntext"),
				Context: ptr("top/p2"), ID: "Two lines,  \nthe first with a hard break", Str: []string{"Twee regels\n"},
			},
			{Context: ptr("tab"), ID: "a\tb", Str: []string{""}},
			{
				Context: ptr("items"), ID: "{{.Count}} item", Plural: "{{.Count}} items",
				Str: []string{"{{.Count}} onderdeel", "{{.Count}} onderdelen"},
			},
		},
	}
}

const sampleText = `# A test file.
#
msgid ""
msgstr ""
"Project-Id-Version: test\n"
"PO-Revision-Date: \n"
"Last-Translator: \n"
"Language-Team: Dutch\n"
"Language: nl\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#. paragraph
#: content/en/a.md:3
msgctxt "top/p1"
msgid "Say \"hello\" \\ *there*"
msgstr "Zeg \"hallo\" \\ *daar*"

# checked
#: content/en/a.md:5
#, fuzzy
#| msgctxt "top/p2"
#| msgid ""
#| "Old\n"
#| "text"
msgctxt "top/p2"
msgid ""
"Two lines,  \n"
"the first with a hard break"
msgstr "Twee regels\n"

msgctxt "tab"
msgid "a\tb"
msgstr ""

msgctxt "items"
msgid "{{.Count}} item"
msgid_plural "{{.Count}} items"
msgstr[0] "{{.Count}} onderdeel"
msgstr[1] "{{.Count}} onderdelen"
`

func TestWrite(t *testing.T) {
	got := string(sample().Write())
	if got != sampleText {
		t.Errorf("Write:\n%s\nwant:\n%s", got, sampleText)
	}
}

// clearLines drops what Parse adds (line numbers) for comparison.
func clearLines(f *File) {
	for _, e := range f.Entries {
		e.Line, e.StrLine = 0, 0
	}
}

func TestParseRoundTrip(t *testing.T) {
	f, err := Parse("a.po", []byte(sampleText))
	if err != nil {
		t.Fatal(err)
	}
	if e := f.Entries[1]; e.Line != 29 || e.StrLine != 32 || !e.Fuzzy() {
		t.Errorf("entry 2: msgid line %d, msgstr line %d, fuzzy %v; want 29, 32, true", e.Line, e.StrLine, e.Fuzzy())
	}
	clearLines(f)
	if want := sample(); !reflect.DeepEqual(f, want) {
		t.Errorf("Parse(Write(f)) differs:\n got %#v\nwant %#v", f, want)
	}
	if got := f.HeaderField("language"); got != "nl" {
		t.Errorf("HeaderField(language) = %q", got)
	}
}

// TestParseFolded reads what other tools write: strings folded at a width,
// CRLF line breaks, a byte order mark, octal and hex escapes, obsolete
// entries.
func TestParseFolded(t *testing.T) {
	src := "\uFEFFmsgid \"\"\r\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\r\n\r\n" +
		"#: a.md:1 b.md:2\r\n#, fuzzy, no-c-format\r\nmsgid \"\"\r\n\"a long \"\r\n\"line\"\r\nmsgstr \"\\101\\x42\"\r\n\r\n" +
		"#~ msgid \"gone\"\r\n#~ msgstr \"weg\"\r\n"
	f, err := Parse("b.po", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Entries) != 1 || f.Obsolete != 1 {
		t.Fatalf("%d entries, %d obsolete; want 1, 1", len(f.Entries), f.Obsolete)
	}
	e := f.Entries[0]
	if e.ID != "a long line" || e.Str[0] != "AB" || !reflect.DeepEqual(e.References, []string{"a.md:1", "b.md:2"}) || !reflect.DeepEqual(e.Flags, []string{"fuzzy", "no-c-format"}) {
		t.Errorf("entry %+v", e)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"unclosed", "msgid \"a\nmsgstr \"b\"\n", "x.po:1:7: string not closed"},
		{"trailing", "msgid \"a\" x\nmsgstr \"b\"\n", "x.po:1:11: text after the closing quote"},
		{"escape", "msgid \"a\\q\"\nmsgstr \"b\"\n", `x.po:1:9: unknown escape \q`},
		{"no msgstr", "msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"\"\n", "x.po:1:1: message has no msgstr"},
		{"keyword", "msgid \"a\"\nmsgtxt \"b\"\n", `x.po:2:1: unknown keyword "msgtxt"`},
		{"duplicate", "msgid \"a\"\nmsgstr \"\"\n\nmsgid \"a\"\nmsgstr \"\"\n", "x.po:4:1: duplicate message (first at line 1)"},
		{"plural index", "msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[99] \"\"\n", "x.po:3:1: bad plural index"},
		{"plural gap", "msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[1] \"\"\n", "x.po:3:1: msgstr[0] is missing"},
		{"lone string", "\"a\"\n", "x.po:1:1: a string with no keyword before it"},
		{"charset", "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n", "x.po:1:1: charset ISO-8859-1"},
		{"not utf8", "msgid \"\xff\"\nmsgstr \"\"\n", "x.po:1:1: not UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("x.po", []byte(tc.src))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Parse: %v; want %q", err, tc.want)
			}
		})
	}
}

// TestGettext runs GNU gettext on the sample: msgfmt --check accepts it,
// and msgcat --no-wrap and msgmerge --no-wrap leave it as it is.
func TestGettext(t *testing.T) {
	RequireGettext(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "a.po")
	if err := os.WriteFile(file, []byte(sampleText), 0o644); err != nil {
		t.Fatal(err)
	}
	CheckGettext(t, file)
}

func TestCheckGettextFails(t *testing.T) {
	RequireGettext(t)
	// A file msgcat changes: folded at a width, which Write never does.
	file := filepath.Join(t.TempDir(), "b.po")
	if err := os.WriteFile(file, []byte("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgid \"a \"\n\"b\"\nmsgstr \"\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("msgcat", "--no-wrap", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	if string(out) == "" || strings.Contains(string(out), "\"a \"\n") {
		t.Errorf("msgcat kept the folded string: the round-trip check could not fail:\n%s", out)
	}
}
