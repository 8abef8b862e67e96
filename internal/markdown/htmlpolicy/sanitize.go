package htmlpolicy

import (
	"bytes"
	"fmt"
	"io"

	"golang.org/x/net/html"
)

// Removal is one element or attribute the sanitizer removed.
type Removal struct {
	// Offset is the byte offset in the sanitized text of the element's
	// "<" or of the attribute's name.
	Offset int
	Msg    string
}

// skipContent are the elements whose content goes with them, as
// bluemonday removes it.
var skipContent = map[string]bool{
	"frameset": true, "iframe": true, "noembed": true, "noframes": true, "noscript": true,
	"nostyle": true, "object": true, "script": true, "style": true, "title": true,
}

// Sanitize returns b, a fragment of raw HTML (one tag of inline HTML or an
// HTML block), with what the policy does not allow removed, and what was
// removed. When nothing is removed and b is complete (no tag or comment
// cut off at its end, which would swallow what follows), b itself is
// returned, byte for byte; otherwise the output is bluemonday's. Comments
// are kept.
func (p *Policy) Sanitize(b []byte) ([]byte, []Removal) {
	removed, silent, complete := p.inspect(b)
	return p.sanitize(b, removed, silent, complete)
}

// sanitize is Sanitize once b is inspected.
func (p *Policy) sanitize(b []byte, removed []Removal, silent, complete bool) ([]byte, []Removal) {
	clean := p.bm.SanitizeBytes(b)
	if len(removed) == 0 && complete && (bytes.Equal(b, clean) || sameTokens(b, clean, false)) {
		return b, nil
	}
	if len(removed) == 0 && !silent && !sameTokens(b, clean, true) {
		// A change the tables above did not predict: say so rather than
		// hide it.
		removed = append(removed, Removal{Msg: "raw HTML changed by the sanitizer"})
	}
	return clean, removed
}

// FilterAttrs returns the attributes of attrs (of a tag whose text is
// raw) that p allows on elem, and a Removal, offset within raw, for each
// other one. attrs is filtered in place.
func (p *Policy) FilterAttrs(elem string, attrs []html.Attribute, raw []byte) ([]html.Attribute, []Removal) {
	var removed []Removal
	out := attrs[:0]
	from := 1 + len(elem)
	for _, a := range attrs {
		at := attrOffset(raw, []byte(a.Key), &from)
		if ok, why := p.CheckAttr(elem, a.Key, []byte(a.Val)); !ok {
			removed = append(removed, Removal{Offset: at, Msg: fmt.Sprintf("attribute %s removed from <%s>: it %s", a.Key, elem, why)})
			continue
		}
		out = append(out, a)
	}
	return out, removed
}

// Check returns what Sanitize would remove from b.
func (p *Policy) Check(b []byte) []Removal {
	removed, silent, complete := p.inspect(b)
	if len(removed) > 0 {
		return removed
	}
	_, r := p.sanitize(b, removed, silent, complete)
	return r
}

// inspect walks the tokens of b and lists what the policy removes.
// silent tells whether it also removes what needs no warning of its own
// (the end tag of a removed element, given alone as inline HTML is).
// complete is false when the tokens do not cover b (a tag cut off at the
// end) or a comment is left open: both would swallow what follows.
func (p *Policy) inspect(b []byte) (removed []Removal, silent, complete bool) {
	z := html.NewTokenizer(bytes.NewReader(b))
	off := 0
	skipping, skipTag := 0, ""
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if off < len(b) {
				removed = append(removed, Removal{Offset: off, Msg: "unfinished tag removed: a tag must end with > before a blank line"})
				return removed, silent, false
			}
			return removed, silent, z.Err() == io.EOF
		}
		raw := z.Raw()
		switch tt {
		case html.CommentToken:
			if !bytes.HasSuffix(raw, []byte("-->")) {
				return removed, silent, false
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			if skipping > 0 {
				if tag == skipTag && tt == html.StartTagToken {
					skipping++
				}
				break
			}
			if !p.elems[tag] {
				msg := fmt.Sprintf("<%s> removed", tag)
				if skipContent[tag] && tt == html.StartTagToken {
					skipping, skipTag = 1, tag
					msg = fmt.Sprintf("<%s> removed with its content", tag)
				}
				removed = append(removed, Removal{Offset: off, Msg: msg + elementHint(tag)})
				break
			}
			from := 1 + len(name)
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				at := attrOffset(raw, k, &from)
				if string(k) == "markdown" {
					silent = true // dropped without a word: see CheckAttr
				}
				if ok, why := p.CheckAttr(tag, string(k), v); !ok {
					removed = append(removed, Removal{Offset: off + at, Msg: fmt.Sprintf("attribute %s removed from <%s>: it %s", k, tag, why)})
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if skipping > 0 && string(name) == skipTag {
				skipping--
			}
			if !p.elems[string(name)] {
				silent = true
			}
		case html.DoctypeToken:
			if skipping == 0 {
				removed = append(removed, Removal{Offset: off, Msg: "<!DOCTYPE> removed"})
			}
		}
		off += len(raw)
	}
}

// elementHint says what to write instead of an element a translator may
// have meant well.
func elementHint(tag string) string {
	switch tag {
	case "style":
		return " (" + StyleHint + ")"
	case "meta", "base", "link", "script", "iframe", "object", "embed", "form":
		return " (pages may not load, run or redirect to other content)"
	}
	return " (not in the site's HTML allowlist: html.allow in guidegen.yaml)"
}

// attrOffset finds attribute name k (lower case) in the raw tag, searching
// from *from on, and moves *from past it. It returns 0, the tag's "<",
// when it cannot find it.
func attrOffset(raw, k []byte, from *int) int {
	for i := *from; i+len(k) <= len(raw); i++ {
		if !bytes.EqualFold(raw[i:i+len(k)], k) {
			continue
		}
		before := raw[i-1]
		if !isSep(before) && before != '"' && before != '\'' {
			continue
		}
		if j := i + len(k); j < len(raw) && !isSep(raw[j]) && raw[j] != '=' && raw[j] != '>' {
			continue
		}
		*from = i + len(k)
		return i
	}
	return 0
}

func isSep(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/'
}

// sameTokens reports whether a and b tokenize alike. With shape, only
// the kinds, tag names and attribute names count, and comments and text
// are ignored: what a removal changes, not what a normalization does.
func sameTokens(a, b []byte, shape bool) bool {
	za := html.NewTokenizer(bytes.NewReader(a))
	zb := html.NewTokenizer(bytes.NewReader(b))
	next := func(z *html.Tokenizer) html.Token {
		for {
			tt := z.Next()
			if shape && (tt == html.CommentToken || tt == html.TextToken) {
				continue
			}
			return z.Token()
		}
	}
	for {
		ta, tb := next(za), next(zb)
		if ta.Type != tb.Type || len(ta.Attr) != len(tb.Attr) {
			return false
		}
		if ta.Type == html.ErrorToken {
			return true
		}
		if ta.Data != tb.Data {
			return false
		}
		for i := range ta.Attr {
			if ta.Attr[i].Key != tb.Attr[i].Key || !shape && ta.Attr[i].Val != tb.Attr[i].Val {
				return false
			}
		}
	}
}
