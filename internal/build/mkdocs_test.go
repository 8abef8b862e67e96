package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// mkdocsSite is a site whose pages use the front matter of MkDocs
// Material: no front matter at all, no title, hide, status, icon,
// meta_title, robots, and keys guidegen has no use for.
var mkdocsSite = map[string]string{
	"content/en/index.md": "# Welcome *home*\n\nThe home page, without front matter.\n\n## Section\n",
	"content/en/hidden.md": `---
title: Hidden parts
hide:
  - toc
  - navigation
  - footer
social:
  cards: false
template: custom.html
tags: [privacy]
meta_title: A title for search engines
robots: noindex, nofollow
---

## One

## Two
`,
	"content/en/privacy-basics.md": `---
tags:
  - basics
search:
  exclude: true
status: new
icon: material/check
---

No heading here: the title comes from the file's name.

## Details
`,
	"content/en/old.md": "---\nstatus: deprecated\nicon: material/no-such-icon\ndescription: Old.\n---\n\n# The old page { #top }\n",
}

const mkdocsConfig = "title: MkDocs site\nbaseURL: https://example.org/\ndefaultLocale: en\nlocales:\n  - {code: en, name: English}\nnavigation: [privacy-basics.md, hidden.md, old.md]\n"

// TestMkDocsFrontMatter: with compat: mkdocs, front matter written for
// MkDocs builds: titles come from the first # heading or the file name,
// hide/status/icon/meta_title/robots act on the page, and every other key
// is ignored with one warning per key name; without it, those keys are
// errors as before.
func TestMkDocsFrontMatter(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"guidegen.yaml": mkdocsConfig + "compat: mkdocs\n"}
	for k, v := range mkdocsSite {
		files[k] = v
	}
	writeFiles(t, dir, files)
	out := filepath.Join(t.TempDir(), "public")
	sum, err := buildSite(t, dir, out)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`content/en/hidden.md:7:1: warning: front matter key "social" ignored: an MkDocs setting that has no meaning here (1 page; reported once)`,
		`content/en/hidden.md:9:1: warning: front matter key "template" ignored: an MkDocs setting that has no meaning here (1 page; reported once)`,
		`content/en/hidden.md:10:1: warning: front matter key "tags" ignored: an MkDocs setting that has no meaning here (2 pages; reported once)`,
		`content/en/old.md:3:7: warning: unknown icon "material/no-such-icon": not shown in the navigation`,
		`content/en/privacy-basics.md:4:1: warning: front matter key "search" ignored: an MkDocs setting that has no meaning here (1 page; reported once)`,
	}
	var got []string
	for _, w := range sum.Warnings {
		got = append(got, w.Error())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	home := read("index.html")
	for _, s := range []string{
		"<title>MkDocs site</title>",
		`<h1 id="welcome-home">Welcome <em>home</em>`,
		`<span class="nav-icon" aria-hidden="true"><svg`,
		`Privacy basics <span class="nav-status nav-status--new">New</span></a>`,
		`The old page <span class="nav-status nav-status--deprecated">Deprecated</span></a>`,
	} {
		if !strings.Contains(home, s) {
			t.Errorf("index.html lacks %s", s)
		}
	}
	if strings.Count(home, `class="nav-icon"`) != 1 {
		t.Errorf("want one navigation icon (the unknown one is left out)")
	}
	hidden := read("hidden/index.html")
	for _, s := range []string{"<title>A title for search engines</title>", `<meta name="robots" content="noindex, nofollow">`, `<h1>Hidden parts</h1>`} {
		if !strings.Contains(hidden, s) {
			t.Errorf("hidden/index.html lacks %s", s)
		}
	}
	for _, s := range []string{`class="toc"`, `class="site-nav"`, `class="pager"`, `rel="prev"`} {
		if strings.Contains(hidden, s) {
			t.Errorf("hidden/index.html has %s, which its front matter hides", s)
		}
	}
	basics := read("privacy-basics/index.html")
	for _, s := range []string{"<title>Privacy basics · MkDocs site</title>", `<h1>Privacy basics</h1>`, `class="toc"`, `class="site-nav"`, `class="pager"`} {
		if !strings.Contains(basics, s) {
			t.Errorf("privacy-basics/index.html lacks %s", s)
		}
	}
	if strings.Contains(basics, `name="robots"`) {
		t.Error("robots meta without robots:")
	}
}

// TestMkDocsFrontMatterStrictWithoutCompat: the same pages without
// compat: mkdocs fail as before.
func TestMkDocsFrontMatterStrictWithoutCompat(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"guidegen.yaml": mkdocsConfig}
	for k, v := range mkdocsSite {
		files[k] = v
	}
	writeFiles(t, dir, files)
	_, err := buildSite(t, dir, filepath.Join(t.TempDir(), "public"))
	if err == nil {
		t.Fatal("build succeeded")
	}
	for _, want := range []string{
		"content/en/index.md:1:1: front matter is missing",
		`content/en/hidden.md:3:1: unknown key "hide"`,
		`content/en/privacy-basics.md:2:1: unknown key "tags"`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %s:\n%v", want, err)
		}
	}
}

// TestMkDocsHideValues: hide: tags is accepted silently (tags are not
// shown), another value is a warning at its position.
func TestMkDocsHideValues(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"guidegen.yaml":       "title: X\nbaseURL: https://example.org/\ndefaultLocale: en\nlocales:\n  - {code: en, name: English}\ncompat: mkdocs\n",
		"content/en/index.md": "---\nhide: [tags, toc, sidebar]\nstatus: beta\n---\n\n# Home\n\n## Part\n",
	})
	sum, err := buildSite(t, dir, filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`content/en/index.md:2:19: warning: hide: "sidebar" has no meaning here (only navigation, toc, footer); ignored`,
		`content/en/index.md:3:9: warning: status "beta" has no badge (only new, deprecated); ignored`,
	}
	var got []string
	for _, w := range sum.Warnings {
		got = append(got, w.Error())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
