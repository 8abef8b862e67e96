package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFallbackDirection: in a right-to-left locale, a page shown in its
// left-to-right source language gets dir="ltr" beside lang="en", on the
// article and on the entries of the table of contents; the chrome around
// them stays right-to-left.
func TestFallbackDirection(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dir, os.DirFS(fixture)); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "guidegen.yaml")
	b, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	b = []byte(strings.Replace(string(b), "navigation:", "  - code: ar\n    name: العربية\n    direction: rtl\nnavigation:", 1))
	if err := os.WriteFile(cfg, b, 0o644); err != nil {
		t.Fatal(err)
	}
	// An Arabic UI strings file with one string: the others fall back.
	if err := os.WriteFile(filepath.Join(dir, "locales", "ar.yaml"), []byte("toc_title: في هذه الصفحة\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := buildSite(t, dir, out); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(out, "ar", "guide", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<html lang="ar" dir="rtl">`,
		`<article lang="en" dir="ltr">`,
		`<details class="toc" lang="ar" dir="rtl">`,
		`<div lang="en" dir="ltr">`,
		// The navigation's titles in English: their direction from the text.
		`<a href="/docs/ar/guide/" lang="en" dir="auto" aria-current="page">`,
	} {
		if !strings.Contains(string(page), want) {
			t.Errorf("ar/guide/ lacks %s", want)
		}
	}
	// A page in its own language repeats neither.
	page, err = os.ReadFile(filepath.Join(out, "guide", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), `<article lang="en">`) || strings.Contains(string(page), `<details class="toc" lang=`) {
		t.Error("guide/ (English in English) has lang or dir it does not need")
	}
}
