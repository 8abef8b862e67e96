package htmlmin

import "testing"

// TestClean: the start tags that emit copies as they are, and those
// it writes attribute by attribute; each is minified as the minifier
// does.
func TestClean(t *testing.T) {
	m := newM()
	x := New(m)
	for _, c := range []struct {
		tag   string
		clean bool
	}{
		{`<div>`, true},
		{`<div class="a b" id="c">`, true},
		{`<a href="/x/" hreflang="en" lang="en" aria-current="page">`, true},
		{`<a href="https://x/" title="a, b. c!">`, true},
		{`<div hidden data-x="1">`, true},
		{`<details open>`, true},
		{`<script src="/a.js" defer>`, true},
		{`<div title="&#34;">`, false},
		{`<div title="a&amp;b">`, false},
		{`<DIV class="a">`, false},
		{`<Div class="a">`, false},
		{`<div CLASS="a">`, false},
		{`<div  class="a">`, false},
		{"<div\nclass=\"a\">", false},
		{`<div class ="a">`, false},
		{`<div class= "a">`, false},
		{`<div class="a" >`, false},
		{`<div class='a'>`, false},
		{`<div class=a>`, false},
		{`<div class="">`, false},
		{`<div title="">`, false},
		{`<div class=" a">`, false},
		{`<div class="a ">`, false},
		{`<div class="a  b">`, false},
		{`<div title="a  b">`, false},
		{"<div title=\"a\tb\">", false},
		{"<div title=\"a\nb\">", false},
		{"<div title=\"a\x00b\">", false},
		{`<div class>`, false},
		{`<div id>`, false},
		{`<div dir>`, false},
		{`<form action>`, false},
		{`<div hidden="hidden">`, true},
		{`<details open="open">`, false},
		{`<script src="/a.js" defer="defer">`, false},
		{`<a href="HTTP://x">`, false},
		{`<a href="Https://x">`, false},
		{`<a href="/X">`, false}, // (a scheme might be in upper case)
		{`<a href="/about/X">`, true},
		{`<a type="text/html">`, false},
		{`<link rel="icon" type="image/svg+xml" href="/x">`, false},
		{`<td colspan="2">`, false},
		{`<form method="post">`, false},
		{`<style media="all">`, false},
		{`<input accept="image/png">`, false},
		{`<br/>`, false},
		{`<img src="x" />`, false},
	} {
		page := []byte(c.tag + "x")
		l := lexer{p: page}
		var tk token
		if !l.next(&tk) || tk.kind != kStart {
			t.Fatalf("%s: not a start tag", c.tag)
		}
		if !x.simple(page, &tk, tk.tag, false) {
			if c.clean {
				t.Errorf("%s: not simple, want clean", c.tag)
			}
		} else if tk.clean != c.clean {
			t.Errorf("%s: clean %v, want %v", c.tag, tk.clean, c.clean)
		}
		same(t, m, x, c.tag, page)
		same(t, m, x, c.tag, []byte("<p>a "+c.tag+" b</p>"))
	}
}
