package segment_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
	"github.com/guidegen/guidegen/internal/markdown/segment"
)

func pipeline(locale string) *markdown.Markdown {
	return markdown.New(markdown.Options{Locale: locale, Strings: mdtest.Strings, Icons: mdtest.Icons()})
}

// TestProseRule: which blocks count as translatable prose.
func TestProseRule(t *testing.T) {
	tests := []struct {
		md   string
		want bool
	}{
		{"Signal encrypts every message.", true},
		{"Signal", false},
		{"## SimpleX Chat", false},
		{"- [F-Droid](https://f-droid.org/)", false},
		{"- [the criteria](criteria.md)", true},
		{"iOS, macOS", false},
		{"2024", false},
		{"`go install`", false},
		{"<https://signal.org/download/>", false},
		{"signal.org", false},
		{"support@signal.org", false},
		{"content/nl/index.md", false},
		{":simple-signal: Signal", false},
		{"yes", true},
		{"E2EE", false},
		{"Forward secrecy", true},
		{"Één op één", true},
		{"| Messenger | Forward secrecy |\n| --- | --- |\n| Signal | yes |", true},
	}
	m := pipeline("en")
	for _, tt := range tests {
		d := m.Parse("x.md", "", []byte(tt.md+"\n"))
		got := len(segment.Collect(d.Root, d.Source, nil)) > 0
		if got != tt.want {
			t.Errorf("%q: prose = %v, want %v", tt.md, got, tt.want)
		}
	}
}

const english = `---
title: T
description: D
---

Every app here encrypts your messages.

## Minimum requirements

- Open-source apps.
- No phone number needed.
    - Nested item in English.

| Messenger | Forward secrecy |
| --------- | --------------- |
| Signal    | yes             |

!!! note
    Keys change often.
`

// TestCollect lists a page's segments with kinds and positions.
func TestCollect(t *testing.T) {
	d := pipeline("en").Parse("en.md", "", []byte(english))
	var got []string
	for _, s := range segment.Collect(d.Root, d.Source, nil) {
		got = append(got, fmt.Sprintf("%s %s %q", d.Pos(s.Offset), s.Kind, s.Text))
	}
	want := []string{
		`en.md:6:1 paragraph "Every app here encrypts your messages."`,
		`en.md:8:1 heading "Minimum requirements"`,
		`en.md:10:3 list item "Open-source apps."`,
		`en.md:11:3 list item "No phone number needed."`,
		`en.md:12:7 list item "Nested item in English."`,
		`en.md:14:14 table cell "Forward secrecy"`,
		`en.md:16:14 table cell "yes"`,
		`en.md:19:5 paragraph "Keys change often."`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("segments:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The set hashes what Collect spells out, and nothing else.
	set := segment.NewSet(d.Root, d.Source, nil)
	for _, s := range segment.Collect(d.Root, d.Source, nil) {
		if !set.Has(s.Text) {
			t.Errorf("the set lacks %q", s.Text)
		}
	}
	if set.Len() != len(want) || set.Has("Every app here encrypts your messages") || set.Has("Signal") {
		t.Errorf("the set has %d texts, want %d", set.Len(), len(want))
	}
}

// TestWhiteSpaceDoesNotCount: segments that differ only in white space,
// line breaks and emphasis are identical.
func TestWhiteSpaceDoesNotCount(t *testing.T) {
	d := pipeline("en").Parse("en.md", "", []byte("Keys  change\n*often*,   even\ttoday.\n"))
	set := segment.NewSet(d.Root, d.Source, nil)
	for _, text := range []string{"Keys change often, even today.", " Keys change  often, even\ntoday. "} {
		if !set.Has(text) {
			t.Errorf("%q is not in the set", text)
		}
	}
	if set.Has("Keys change often, even today") {
		t.Error("a text without its full stop is in the set")
	}
}

// TestMarkIdentical parses a translation against its source: the
// segments left in English get lang="en", nested blocks of a marked list
// item get the translation's language back, and a hand-set lang wins.
func TestMarkIdentical(t *testing.T) {
	en := pipeline("en").Parse("en.md", "", []byte(english))
	nl := pipeline("nl")
	dutch := strings.NewReplacer(
		"Every app here encrypts your messages.", "Elke app hier versleutelt je berichten.",
		"## Minimum requirements", "## Minimale eisen",
		"Nested item in English.", "Genest item in het Nederlands.",
		"| yes ", "| ja  ",
		"Keys change often.", "Keys change often.\n    { lang=en }",
	).Replace(english)
	d := nl.ParseInput(markdown.Input{File: "nl.md", Src: []byte(dutch), Source: markdown.SourceOf(en, "en")})
	var got []string
	for _, s := range d.Segments {
		if s.Identical {
			got = append(got, fmt.Sprintf("%s %s", d.Pos(s.Offset), s.Kind))
		}
	}
	want := []string{"nl.md:10:3 list item", "nl.md:11:3 list item", "nl.md:14:14 table cell"}
	if !slices.Equal(got, want) {
		t.Errorf("identical segments: %v, want %v", got, want)
	}
	if n := len(d.Segments); n != 7 {
		t.Errorf("%d segments, want 7 (the paragraph with a hand-set lang is not one)", n)
	}
	var b markdown.Buffer
	if err := nl.Render(&b, d); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	for _, want := range []string{
		`<p>Elke app hier versleutelt je berichten.</p>`,
		`<li lang="en">Open-source apps.</li>`,
		`<li lang="en">No phone number needed.` + "\n" + `<ul lang="nl">` + "\n" + `<li>Genest item in het Nederlands.</li>`,
		`<th lang="en">Forward secrecy</th>`,
		`<td>ja</td>`,
		`<p lang="en">Keys change often.</p>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %s:\n%s", want, html)
		}
	}
	if strings.Count(html, `lang="en"`) != 4 {
		t.Errorf("lang=\"en\" %d times, want 4:\n%s", strings.Count(html, `lang="en"`), html)
	}
	// The source page itself is parsed without a source: nothing marked.
	var src markdown.Buffer
	if err := pipeline("en").Render(&src, en); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(src.String(), "lang=") || en.Segments != nil {
		t.Error("a source page was marked")
	}
}

// TestAdmonitionTitles: a written admonition title is a segment (a
// segment.Block); left in English it gets lang="en" on its title element,
// in a box or a collapsible block; a name is not prose, and a default
// title is not written text.
func TestAdmonitionTitles(t *testing.T) {
	const src = "!!! tip \"Check the safety number\"\n    Some text.\n\n" +
		"??? info \"Read this first\"\n    Some text.\n\n" +
		"!!! note \"Signal\"\n    Some text.\n\n" +
		"!!! warning\n    Some text.\n\n" +
		"!!! danger \"Keys are never shared\"\n    Some text.\n"
	en := pipeline("en").Parse("en.md", "", []byte(src))
	dutch := strings.NewReplacer("Keys are never shared", "Sleutels worden nooit gedeeld", "Some text.", "Wat tekst.").Replace(src)
	nl := pipeline("nl")
	d := nl.ParseInput(markdown.Input{File: "nl.md", Src: []byte(dutch), Source: markdown.SourceOf(en, "en")})
	var got []string
	for _, s := range d.Segments {
		got = append(got, fmt.Sprintf("%s %s %v", d.Pos(s.Offset), s.Kind, s.Identical))
	}
	want := []string{
		"nl.md:1:10 admonition title true", "nl.md:2:5 paragraph false",
		"nl.md:4:11 admonition title true", "nl.md:5:5 paragraph false",
		"nl.md:8:5 paragraph false",
		"nl.md:11:5 paragraph false",
		"nl.md:13:13 admonition title false", "nl.md:14:5 paragraph false",
	}
	if !slices.Equal(got, want) {
		t.Errorf("segments:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var b markdown.Buffer
	if err := nl.Render(&b, d); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	for _, want := range []string{
		`<p class="admonition-title" lang="en">Check the safety number</p>`,
		`<summary lang="en">Read this first</summary>`,
		`<p class="admonition-title">Signal</p>`,
		`<p class="admonition-title">Sleutels worden nooit gedeeld</p>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %s:\n%s", want, html)
		}
	}
	if n := strings.Count(html, "lang="); n != 2 {
		t.Errorf("%d lang attributes, want 2:\n%s", n, html)
	}
}

// TestPrefixes: a segment of a translation that begins as one of the
// source page's (beyond the prefix the set looks up first) but ends
// otherwise is not identical; short texts, whole in the prefix, and long
// ones written otherwise (white space, emphasis) are.
func TestPrefixes(t *testing.T) {
	source := "Keys change often in every messenger app.\n\nShort text.\n\nA long paragraph that stays in English here.\n\n- Item one in a list.\n"
	en := pipeline("en").Parse("en.md", "", []byte(source))
	for _, tc := range []struct {
		text      string
		identical bool
	}{
		{"Keys change often in every messenger app.", true},
		{"Keys change often in every messenger app!", false},
		{"Keys change often in elke messenger-app.", false},
		{"Keys change often", false},
		{"Short text.", true},
		{"Short text, longer.", false},
		{"Short text", false},
		{"A  long *paragraph* that\nstays in English here.", true},
		{"- Item one in a list.", true},
		{"- Item one in a list, but longer.", false},
	} {
		d := pipeline("nl").ParseInput(markdown.Input{File: "nl.md", Src: []byte(tc.text), Source: markdown.SourceOf(en, "en")})
		if len(d.Segments) != 1 {
			t.Fatalf("%q: %d segments", tc.text, len(d.Segments))
		}
		if got := d.Segments[0].Identical; got != tc.identical {
			t.Errorf("%q: identical %v, want %v", tc.text, got, tc.identical)
		}
	}
}
