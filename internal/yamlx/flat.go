package yamlx

import (
	"bytes"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Most front matter is a few lines of "key: value", which yaml.v3 takes
// about fifteen microseconds to parse, most of it setting up its parser.
// parseFlat parses such text itself, and only such text: anything it is
// not sure of is left to yaml.v3. It makes the nodes yaml.v3 makes of the
// same text (FuzzParseFlat compares them), so that what is decoded, and
// every message, is the same.

// maxFlatKey is the longest key parseFlat takes (yaml.v3 refuses keys
// longer than 1024 characters; front matter keys are short).
const maxFlatKey = 64

// maxFlatEntries is the most lines parseFlat takes: it makes the nodes
// of every line before it reads them, so a long text it does not take
// (a comment on each of a million lines) would cost it hundreds of
// bytes a line; front matter has a few.
const maxFlatEntries = 128

// parseFlat parses src when it is a block mapping whose lines are each
// blank or "key: value": the key a word at the start of the line
// (letters, digits, "_" and "-", starting with a letter or "_"), the value
// on the same line a plain scalar (a word starting with a letter, or a
// decimal whole number) or a quoted text without escapes, and nothing
// else: no comments, tabs, carriage returns, nesting, anchors or tags. It
// returns the mapping node and true, or false for any other text.
func parseFlat(src []byte) (*yaml.Node, bool) {
	entries := 0
	for off := 0; off < len(src); {
		if src[off] != '\n' {
			if entries++; entries > maxFlatEntries {
				return nil, false
			}
		}
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
	}
	if entries == 0 {
		return nil, false
	}
	nodes := make([]yaml.Node, 1+2*entries)
	content := make([]*yaml.Node, 0, 2*entries)
	line := 0
	for off := 0; off < len(src); {
		line++
		end := len(src)
		if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
			end = off + i
		}
		text := src[off:end]
		off = end + 1
		if len(text) == 0 {
			continue
		}
		k := len(content)
		key, val := &nodes[1+k], &nodes[2+k]
		if !flatEntry(text, line, key, val) {
			return nil, false
		}
		content = append(content, key, val)
	}
	m := &nodes[0]
	*m = yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: content, Line: content[0].Line, Column: 1}
	return m, true
}

// flatEntry parses one line "key: value" of parseFlat into key and val.
func flatEntry(text []byte, line int, key, val *yaml.Node) bool {
	i := 0
	for i < len(text) && isKeyByte(text[i]) {
		i++
	}
	if i == 0 || i > maxFlatKey || !isKeyStart(text[0]) || i+1 >= len(text) || text[i] != ':' || text[i+1] != ' ' {
		return false
	}
	k := keyString(text[:i])
	*key = yaml.Node{Kind: yaml.ScalarNode, Tag: plainTag(k), Value: k, Line: line, Column: 1}
	j := i + 1
	for j < len(text) && text[j] == ' ' {
		j++
	}
	if j == len(text) {
		return false // a null, or a value on the lines below
	}
	v := text[j:]
	*val = yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Line: line, Column: j + 1}
	switch c := v[0]; {
	case c == '"' || c == '\'':
		if len(v) < 2 || v[len(v)-1] != c {
			return false
		}
		inner := v[1 : len(v)-1]
		for _, b := range inner {
			if b == c || b == '\\' {
				return false
			}
		}
		if !printable(inner) {
			return false
		}
		val.Style = yaml.DoubleQuotedStyle
		if c == '\'' {
			val.Style = yaml.SingleQuotedStyle
		}
		val.Value = string(inner)
	case isLetter(c):
		for _, b := range v {
			if b == ':' || b == '#' {
				return false
			}
		}
		if v[len(v)-1] == ' ' || !printable(v) {
			return false
		}
		val.Value = string(v)
		val.Tag = plainTag(val.Value)
	case '0' <= c && c <= '9':
		if len(v) > 18 || (c == '0' && len(v) > 1) {
			return false
		}
		for _, b := range v {
			if b < '0' || b > '9' {
				return false
			}
		}
		val.Value = string(v)
		val.Tag = "!!int"
	default:
		return false
	}
	return true
}

// plainTag is the tag yaml.v3 resolves a plain scalar starting with a
// letter to.
func plainTag(s string) string {
	switch s {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool"
	case "null", "Null", "NULL":
		return "!!null"
	}
	return "!!str"
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isKeyStart(c byte) bool { return isLetter(c) || c == '_' }

func isKeyByte(c byte) bool {
	return isLetter(c) || '0' <= c && c <= '9' || c == '_' || c == '-'
}

// printable reports whether b is valid UTF-8 of characters that YAML
// allows in a scalar on one line: no control characters (tabs neither),
// no line or paragraph separators, no byte order mark.
func printable(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7F {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size == 1,
			r < 0xA0, // C1 controls, NEL among them
			r == 0x2028, r == 0x2029,
			0xD800 <= r && r < 0xE000,
			r == 0xFEFF, r == 0xFFFE, r == 0xFFFF:
			return false
		}
		i += size
	}
	return true
}

// keyString returns key as a string, without a copy of its bytes for the
// keys of a page's front matter: every page has some of them, and its
// front matter is parsed twice (the pre-pass's and the page's own).
func keyString(key []byte) string {
	switch string(key) {
	case "title":
		return "title"
	case "description":
		return "description"
	case "icon":
		return "icon"
	case "weight":
		return "weight"
	case "updated":
		return "updated"
	case "draft":
		return "draft"
	case "source_hash":
		return "source_hash"
	case "cover":
		return "cover"
	}
	return string(key)
}
