package render

import (
	"html/template"
	"testing"
)

func TestContentSplit(t *testing.T) {
	for _, tt := range []struct {
		content    string
		hasH1      bool
		head, body string
	}{
		{"<h1 id=\"t\">Title</h1>\n<p>Text</p>\n", true, "<h1 id=\"t\">Title</h1>\n", "<p>Text</p>\n"},
		{"<p>Intro</p>\n<h1>T</h1><p>x</p>", true, "<p>Intro</p>\n<h1>T</h1>", "<p>x</p>"},
		{"<p>No title</p>\n", false, "", "<p>No title</p>\n"},
		{"<p>&lt;h1 in text</p>", true, "", "<p>&lt;h1 in text</p>"},
		{"<h1>Unclosed", true, "", "<h1>Unclosed"},
	} {
		p := &Page{Content: template.HTML(tt.content), HasH1: tt.hasH1}
		if h, b := p.ContentHead(), p.ContentBody(); string(h) != tt.head || string(b) != tt.body {
			t.Errorf("%q: head %q body %q, want %q and %q", tt.content, h, b, tt.head, tt.body)
		}
		if string(p.ContentHead()+p.ContentBody()) != tt.content {
			t.Errorf("%q: head and body do not make the content", tt.content)
		}
	}
}

func TestContentDir(t *testing.T) {
	p := &Page{Lang: Lang{Code: "ar", Dir: "rtl"}}
	if d := p.ContentDir(); d != "rtl" {
		t.Errorf("translated page: dir %q", d)
	}
	p.Fallback, p.SourceLang = true, Lang{Code: "en", Dir: "ltr"}
	if d := p.ContentDir(); d != "ltr" {
		t.Errorf("English fallback in Arabic: dir %q", d)
	}
}
