package render

import (
	"fmt"
	"html/template"
	"strings"
)

// The escapers of the fast executor (exec.go): html/template's own, for
// the values they receive from the bundled layouts (strings, and
// template.HTML in text), written again here because html/template does
// not export them. Each is checked against html/template's on probe
// strings when the templates are loaded (escapersAgree), and the fast
// executor is not used if one of them disagrees; tests compare them on
// many more.

// escaper escapes the string value of a piped action. html is true when
// the value is a template.HTML; an escaper returns ok false for a value
// it does not take (the page is then rendered by html/template).
type escaper func(s string, html bool) (out string, ok bool)

var fastEscapers = map[string]escaper{
	"_html_template_htmlescaper": func(s string, html bool) (string, bool) {
		if html {
			return s, true
		}
		return htmlReplace(s), true
	},
	"_html_template_attrescaper": func(s string, html bool) (string, bool) {
		if html {
			return "", false // html/template strips the tags first
		}
		return htmlReplace(s), true
	},
	"_html_template_rcdataescaper": func(s string, html bool) (string, bool) {
		if html {
			return htmlNormReplacer.replace(s), true
		}
		return htmlReplace(s), true
	},
	"_html_template_urlfilter": func(s string, html bool) (string, bool) {
		if html {
			return "", false
		}
		if !isSafeURL(s) {
			return "#ZgotmplZ", true
		}
		return s, true
	},
	"_html_template_urlnormalizer": func(s string, html bool) (string, bool) {
		if html {
			return "", false
		}
		return processURL(s, true), true
	},
	"_html_template_urlescaper": func(s string, html bool) (string, bool) {
		if html {
			return "", false
		}
		return processURL(s, false), true
	},
}

// escapeWriter is an escaper that writes what it makes into w (the last
// escaper of an action); ok is false when it does not take s.
type escapeWriter func(w fastWriter, s string, html bool) (ok bool, err error)

// escapeWriters write what fastEscapers of the same names make, without
// making it first.
var escapeWriters = map[string]escapeWriter{
	"_html_template_htmlescaper": func(w fastWriter, s string, html bool) (bool, error) {
		if html {
			_, err := w.WriteString(s)
			return true, err
		}
		return true, htmlReplacer.write(w, s)
	},
	"_html_template_attrescaper": func(w fastWriter, s string, html bool) (bool, error) {
		if html {
			return false, nil
		}
		return true, htmlReplacer.write(w, s)
	},
	"_html_template_rcdataescaper": func(w fastWriter, s string, html bool) (bool, error) {
		if html {
			return true, htmlNormReplacer.write(w, s)
		}
		return true, htmlReplacer.write(w, s)
	},
}

// writeWith makes an escapeWriter of an escaper.
func writeWith(f escaper) escapeWriter {
	return func(w fastWriter, s string, html bool) (bool, error) {
		out, ok := f(s, html)
		if !ok {
			return false, nil
		}
		_, err := w.WriteString(out)
		return true, err
	}
}

// urlAttrEscapers are what html/template applies to a URL in an
// attribute value (href="{{.URL}}").
var urlAttrEscapers = [...]string{"_html_template_urlfilter", "_html_template_urlnormalizer", "_html_template_attrescaper"}

// urlAttrKeep are the bytes that urlAttrEscapers leave as they are: those
// the normalizer keeps but '&' and '+', which the attribute escaper
// replaces. The normalizer escapes every other byte the attribute
// escaper replaces, and what it writes ("%" and hex digits) is kept.
var urlAttrKeep = func() (t [256]bool) {
	for c := range t {
		t[c] = urlKeep[c]&urlKeepNorm != 0 && c != '&' && c != '+'
	}
	return t
}()

// writeURLAttr writes what urlAttrEscapers make of s, in one pass.
func writeURLAttr(w fastWriter, s string, html bool) (bool, error) {
	if html {
		return false, nil // the URL filter does not take HTML
	}
	if !isSafeURL(s) {
		_, err := w.WriteString("#ZgotmplZ")
		return true, err
	}
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if urlAttrKeep[c] || c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			continue
		}
		if _, err := w.WriteString(s[written:i]); err != nil {
			return true, err
		}
		var err error
		switch c {
		case '&':
			_, err = w.WriteString("&amp;")
		case '+':
			_, err = w.WriteString("&#43;")
		default:
			_, err = w.WriteString(percentHex[c])
		}
		if err != nil {
			return true, err
		}
		written = i + 1
	}
	_, err := w.WriteString(s[written:])
	return true, err
}

// htmlReplacements are the runes that html/template replaces in text and
// in quoted attribute values.
var htmlReplacements = [...]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// htmlNormReplacements are htmlReplacements without '&', for HTML
// content in RCDATA (entities are kept).
var htmlNormReplacements = [len(htmlReplacements)]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// htmlReplace is html/template's htmlReplacer(s, htmlReplacementTable,
// true): runes past the table are copied as they are, invalid UTF-8
// included.
func htmlReplace(s string) string {
	return htmlReplacer.replace(s)
}

// runeReplacer is a replacement table with, for each byte, whether it is
// replaced: the scans test one byte with one load.
type runeReplacer struct {
	table *[len(htmlReplacements)]string
	hit   [256]bool
}

func newRuneReplacer(table *[len(htmlReplacements)]string) *runeReplacer {
	r := &runeReplacer{table: table}
	for c, s := range table {
		r.hit[c] = s != ""
	}
	return r
}

var (
	htmlReplacer     = newRuneReplacer(&htmlReplacements)
	htmlNormReplacer = newRuneReplacer(&htmlNormReplacements)
)

// replace is html/template's htmlReplacer(s, table, true). Every
// replaced rune is ASCII, and no byte of a multi-byte UTF-8 sequence (or
// of an invalid one, which decodes as one byte) is below 0x80,
// so the scan goes byte by byte.
func (r *runeReplacer) replace(s string) string {
	i := 0
	for i < len(s) && !r.hit[s[i]] {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	written := 0
	for ; i < len(s); i++ {
		if c := s[i]; r.hit[c] {
			b.WriteString(s[written:i])
			b.WriteString(r.table[c])
			written = i + 1
		}
	}
	b.WriteString(s[written:])
	return b.String()
}

// write writes replace(s) into w.
func (r *runeReplacer) write(w fastWriter, s string) error {
	written := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; r.hit[c] {
			if _, err := w.WriteString(s[written:i]); err != nil {
				return err
			}
			if _, err := w.WriteString(r.table[c]); err != nil {
				return err
			}
			written = i + 1
		}
	}
	_, err := w.WriteString(s[written:])
	return err
}

// isSafeURL is html/template's: a relative URL, or one whose protocol
// is http, https or mailto.
func isSafeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		if !strings.EqualFold(protocol, "http") && !strings.EqualFold(protocol, "https") && !strings.EqualFold(protocol, "mailto") {
			return false
		}
	}
	return true
}

// URL bytes that processURL keeps as they are: urlKeepEscape when it
// escapes, urlKeepNorm when it normalizes ('%' is kept there only
// before two hex digits, which the loop checks).
const (
	urlKeepEscape = 1 << iota
	urlKeepNorm
)

var urlKeep = func() (t [256]uint8) {
	for c := range t {
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			t[c] = urlKeepEscape | urlKeepNorm
		}
	}
	for _, c := range "-._~" {
		t[c] = urlKeepEscape | urlKeepNorm
	}
	for _, c := range "!#$&*+,/:;=?@[]" {
		t[c] = urlKeepNorm
	}
	return t
}()

// processURL is html/template's urlProcessor for a plain string:
// it normalizes (norm) or escapes s.
func processURL(s string, norm bool) string {
	keep := uint8(urlKeepEscape)
	if norm {
		keep = urlKeepNorm
	}
	var b strings.Builder
	written := 0
	for i, n := 0, len(s); i < n; i++ {
		c := s[i]
		if urlKeep[c]&keep != 0 {
			continue
		}
		if c == '%' && norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			continue
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		// fmt.Fprintf(b, "%%%02x", c), which would make b escape.
		b.WriteByte('%')
		b.WriteByte(lowerHex[c>>4])
		b.WriteByte(lowerHex[c&0xf])
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

const lowerHex = "0123456789abcdef"

// percentHex[c] is c escaped in a URL ("%3c").
var percentHex = func() (t [256]string) {
	for c := range t {
		t[c] = string([]byte{'%', lowerHex[c>>4], lowerHex[c&0xf]})
	}
	return t
}()

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// escaperProbes are strings on which each fast escaper must give what
// html/template's gives before the fast executor is used.
var escaperProbes = []string{
	"", "plain", `<a href="x">&amp; 'q' +1</a>`, "\x00nul", "caf\u00e9 \ufdd0 \ufffe \xff\xfe bad",
	"https://example.org/a b?q=1&r=<2>#frag", "javascript:alert(1)", "HTTP://X", "mailto:a@b", "/rel:ative",
	"%41%zz%4", "a%2fb", "~-._!$*'()", "\t\n\r ", "nl/über/ñ",
}

// escaperContexts are templates that apply one escaper each (and only
// it) to their data, between a prefix and a suffix of fixed text.
var escaperContexts = map[string][3]string{
	"_html_template_htmlescaper":   {"{{.}}", "", ""},
	"_html_template_rcdataescaper": {"<title>{{.}}</title>", "<title>", "</title>"},
	"_html_template_attrescaper":   {`<a title="{{.}}">`, `<a title="`, `">`},
	"_html_template_urlescaper":    {`<a href="/?q={{.}}">`, `<a href="/?q=`, `">`},
	"_html_template_urlnormalizer": {`<link href="{{.}}" rel="x">`, `<link href="`, `" rel="x">`},
}

// escapersAgree reports whether the fast escapers give what
// html/template's give on escaperProbes. The urlnormalizer is checked
// through a template that applies the url filter, the normalizer and the
// attribute escaper in turn, as an href does.
func escapersAgree() bool {
	return escapersAgreeOn(escaperProbes) == ""
}

// escapersAgreeOn returns a description of the first of probes on which
// a fast escaper differs from html/template's, or "" when there is none.
func escapersAgreeOn(probes []string) string {
	for name, c := range escaperContexts {
		t, err := template.New("probe").Parse(c[0])
		if err != nil {
			return name + ": " + err.Error()
		}
		for _, in := range probes {
			for _, v := range []any{in, template.HTML(in)} {
				var b strings.Builder
				if err := t.Execute(&b, v); err != nil {
					return name + ": " + err.Error()
				}
				want, ok := strings.CutPrefix(b.String(), c[1])
				if ok {
					want, ok = strings.CutSuffix(want, c[2])
				}
				if !ok {
					return fmt.Sprintf("%s: %q: html/template wrote %q", name, v, b.String())
				}
				got, ok := applyEscapers(t, v)
				if !ok {
					if _, isHTML := v.(template.HTML); isHTML && name != "_html_template_htmlescaper" && name != "_html_template_rcdataescaper" {
						continue // not taken: html/template renders it
					}
					return fmt.Sprintf("%s: %#v not taken", name, v)
				}
				if got != want {
					return fmt.Sprintf("%s: %#v: %q, html/template %q", name, v, got, want)
				}
			}
		}
	}
	return ""
}

// applyEscapers applies to v the escapers of the only action of an
// escaped probe template, with the fast escapers.
func applyEscapers(t *template.Template, v any) (string, bool) {
	var act *actionEscapers
	for _, n := range t.Tree.Root.Nodes {
		if a, ok := compileProbeAction(n); ok {
			act = a
		}
	}
	if act == nil {
		return "", false
	}
	s, html := "", false
	switch v := v.(type) {
	case string:
		s = v
	case template.HTML:
		s, html = string(v), true
	}
	var b strings.Builder
	if ok, _ := act.write(&b, s, html); !ok {
		return "", false
	}
	return b.String(), true
}
