package translation

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// encodeJSON writes a locale file's tree as JSON indented by two spaces,
// keys in the tree's order, every scalar a string (go-i18n reads JSON
// strings only).
func encodeJSON(root *yaml.Node) []byte {
	var b bytes.Buffer
	var value func(n *yaml.Node, indent string)
	value = func(n *yaml.Node, indent string) {
		n = resolved(n)
		switch n.Kind {
		case yaml.MappingNode:
			if len(n.Content) == 0 {
				b.WriteString("{}")
				return
			}
			b.WriteString("{\n")
			for i := 0; i+1 < len(n.Content); i += 2 {
				b.WriteString(indent + "  ")
				b.Write(jsonString(n.Content[i].Value))
				b.WriteString(": ")
				value(n.Content[i+1], indent+"  ")
				if i+2 < len(n.Content) {
					b.WriteByte(',')
				}
				b.WriteByte('\n')
			}
			b.WriteString(indent + "}")
		case yaml.SequenceNode:
			b.WriteString("[")
			for i, c := range n.Content {
				if i > 0 {
					b.WriteString(", ")
				}
				value(c, indent)
			}
			b.WriteString("]")
		default:
			b.Write(jsonString(scalar(n)))
		}
	}
	value(root, "")
	b.WriteByte('\n')
	return b.Bytes()
}

func jsonString(s string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// encodeTOML writes a locale file's tree as TOML: a message written as a
// string is a key of its group's table, a message with plural forms or a
// hash a table of its own ([nav.menu] other = "Menu"); comment, the file's
// head comment, comes first.
func encodeTOML(comment string, root *yaml.Node) []byte {
	var b bytes.Buffer
	if comment != "" {
		for _, line := range strings.Split(comment, "\n") {
			line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "#"))
			b.WriteString(strings.TrimRight("# "+line, " ") + "\n")
		}
		b.WriteByte('\n')
	}
	var table func(n *yaml.Node, path []string)
	table = func(n *yaml.Node, path []string) {
		var subs []int
		if len(path) > 0 {
			if b.Len() > 0 && !bytes.HasSuffix(b.Bytes(), []byte("\n\n")) {
				b.WriteByte('\n')
			}
			b.WriteString("[" + tomlKey(path) + "]\n")
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			v := resolved(n.Content[i+1])
			if v.Kind == yaml.MappingNode {
				subs = append(subs, i)
				continue
			}
			b.WriteString(tomlKey([]string{n.Content[i].Value}) + " = " + tomlValue(v) + "\n")
		}
		for _, i := range subs {
			table(resolved(n.Content[i+1]), append(append([]string{}, path...), n.Content[i].Value))
		}
	}
	table(root, nil)
	return b.Bytes()
}

var bareKey = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

func tomlKey(path []string) string {
	parts := make([]string, len(path))
	for i, k := range path {
		if bareKey.MatchString(k) {
			parts[i] = k
		} else {
			parts[i] = tomlString(k)
		}
	}
	return strings.Join(parts, ".")
}

func tomlValue(n *yaml.Node) string {
	n = resolved(n)
	if n.Kind == yaml.SequenceNode {
		var parts []string
		for _, c := range n.Content {
			parts = append(parts, tomlValue(c))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return tomlString(scalar(n))
}

// resolved returns the node an alias stands for.
func resolved(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// scalar returns the text of a scalar as go-i18n reads it: a null is "".
func scalar(n *yaml.Node) string {
	if n.ShortTag() == "!!null" {
		return ""
	}
	return n.Value
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
