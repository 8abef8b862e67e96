package translation

import (
	"bytes"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/i18n"
	"github.com/guidegen/guidegen/internal/yamlx"
)

// localeFile is a locale file (go-i18n v2 YAML) being edited as a tree of
// YAML nodes, so that comments, order and quoting survive the edit.
type localeFile struct {
	name   string
	format i18n.Format
	doc    *yaml.Node
}

// entry is one message of a locale file: the value of key Content[i] of
// mapping parent.
type entry struct {
	id     string
	parent *yaml.Node
	i      int
}

func (e entry) value() *yaml.Node { return e.parent.Content[e.i+1] }

// readLocaleFile parses a locale file (YAML, JSON or TOML, as its name
// says); empty data is an empty file.
func readLocaleFile(name string, data []byte) (*localeFile, error) {
	format, err := i18n.FormatOf(name)
	if err != nil {
		return nil, err
	}
	f := &localeFile{name: name, format: format, doc: &yaml.Node{Kind: yaml.DocumentNode}}
	ys := yamlx.Source{File: name}
	node, err := i18n.ParseNode(name, data)
	if err != nil {
		return nil, err
	}
	if node == nil || node.Kind == 0 {
		f.doc.Content = []*yaml.Node{{Kind: yaml.MappingNode, Tag: "!!map"}}
		return f, nil
	}
	if format != i18n.YAML {
		if node.Kind != yaml.MappingNode {
			return nil, diag.Errorf(ys.Pos(node), "a locale file is a mapping of message ids to strings")
		}
		f.doc.Content = []*yaml.Node{node}
		return f, nil
	}
	// yaml.v3 attaches comments otherwise when lines end in CRLF; the
	// file's line breaks are put back when it is written (keepStyle).
	var doc yaml.Node
	if err := yaml.Unmarshal(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, diag.Errorf(ys.Pos(node), "a locale file is a mapping of message ids to strings")
	}
	f.doc = &doc
	return f, nil
}

func (f *localeFile) root() *yaml.Node { return f.doc.Content[0] }

// entries returns the file's messages in file order.
func (f *localeFile) entries() []entry {
	var out []entry
	var walk func(n *yaml.Node, prefix string)
	walk = func(n *yaml.Node, prefix string) {
		for i := 0; i+1 < len(n.Content); i += 2 {
			id := n.Content[i].Value
			if prefix != "" {
				id = prefix + "." + id
			}
			switch v := n.Content[i+1]; {
			case v.Kind == yaml.ScalarNode || i18n.IsMessageMap(v):
				out = append(out, entry{id: id, parent: n, i: i})
			case v.Kind == yaml.MappingNode:
				walk(v, id)
			}
		}
	}
	walk(f.root(), "")
	return out
}

// hashOf returns the hash recorded on a message.
func hashOf(v *yaml.Node) string {
	if v.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		if strings.EqualFold(v.Content[i].Value, "hash") {
			return v.Content[i+1].Value
		}
	}
	return ""
}

// setHash records hash on a message; a message written as a plain string
// becomes a map of its hash and its text.
func (e entry) setHash(hash string) {
	v := e.value()
	if v.Kind == yaml.ScalarNode {
		// The text stays text (go-i18n reads "x:" as "", "x: 1" as "1",
		// but a plural form only as a string), and keeps its comments:
		// "other: text # comment".
		switch v.ShortTag() {
		case "!!null":
			v.Tag, v.Value, v.Style = "!!str", "", yaml.DoubleQuotedStyle
		case "!!str":
		default:
			v.Tag, v.Style = "!!str", yaml.DoubleQuotedStyle
		}
		e.parent.Content[e.i+1] = &yaml.Node{
			Kind: yaml.MappingNode, Tag: "!!map",
			Content: []*yaml.Node{str("hash"), str(hash), str("other"), v},
		}
		return
	}
	at := 0
	for i := 0; i+1 < len(v.Content); i += 2 {
		switch strings.ToLower(v.Content[i].Value) {
		case "hash":
			v.Content[i+1] = str(hash)
			return
		case "id", "description":
			at = i + 2
		}
	}
	v.Content = append(v.Content[:at], append([]*yaml.Node{str("hash"), str(hash)}, v.Content[at:]...)...)
}

// set gives message id the hash and plural forms (in order), replacing
// what the file had for it (but its description) or adding it: nested
// under the maps its id's dotted prefixes name, created when missing. A
// key in the way (a message where the id needs a group of messages, or a
// group where it needs a message) is an error at that key, and then the
// file is not changed.
func (f *localeFile) set(id, hash string, forms []form) error {
	value := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, e := range f.entries() {
		if e.id != id {
			continue
		}
		if old := e.value(); old.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(old.Content); i += 2 {
				if strings.EqualFold(old.Content[i].Value, "description") {
					value.Content = append(value.Content, old.Content[i], old.Content[i+1])
				}
			}
		}
		value.Content = append(value.Content, messageContent(hash, forms)...)
		e.parent.Content[e.i+1] = value
		return nil
	}
	value.Content = messageContent(hash, forms)
	n := f.root()
	parts := strings.Split(id, ".")
	type add struct{ parent, key, value *yaml.Node }
	var adds []add
	for ; len(parts) > 1; parts = parts[1:] {
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k, v := n.Content[i], n.Content[i+1]; k.Value == parts[0] {
				if v.Kind != yaml.MappingNode || i18n.IsMessageMap(v) {
					return diag.Errorf(f.pos(k), "%q is a message, not a group of messages: remove it to merge %s", k.Value, id)
				}
				next = v
			}
		}
		if next == nil {
			next = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
			adds = append(adds, add{n, str(parts[0]), next})
		}
		n = next
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Value == parts[0] {
			return diag.Errorf(f.pos(k), "%q is a group of messages, not a message: remove it to merge %s", k.Value, id)
		}
	}
	for _, a := range adds {
		a.parent.Content = append(a.parent.Content, a.key, a.value)
	}
	n.Content = append(n.Content, str(parts[0]), value)
	return nil
}

// markIdentical adds IdenticalMarker to the description of message id,
// a map (as set writes it), unless it has it.
func (f *localeFile) markIdentical(id string) {
	for _, e := range f.entries() {
		v := e.value()
		if e.id != id || v.Kind != yaml.MappingNode {
			continue
		}
		for i := 0; i+1 < len(v.Content); i += 2 {
			if strings.EqualFold(v.Content[i].Value, "description") {
				if d := v.Content[i+1]; !strings.Contains(strings.ToLower(d.Value), IdenticalMarker) {
					v.Content[i+1] = str(strings.TrimSpace(d.Value + " " + IdenticalMarker))
				}
				return
			}
		}
		v.Content = append([]*yaml.Node{str("description"), str(IdenticalMarker)}, v.Content...)
		return
	}
}

// pos returns the position of a node of the file.
func (f *localeFile) pos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: f.name, Line: n.Line, Col: n.Column}
}

func messageContent(hash string, forms []form) []*yaml.Node {
	out := []*yaml.Node{str("hash"), str(hash)}
	for _, fm := range forms {
		out = append(out, str(fm.name), str(fm.text))
	}
	return out
}

func str(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

// quoteLeadingBreaks double-quotes the texts that start with a blank
// line: yaml.v3 writes them as literal blocks that read back without
// their leading line breaks ("\n" as "").
func quoteLeadingBreaks(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode {
		if first, _, multi := strings.Cut(n.Value, "\n"); multi && strings.TrimSpace(first) == "" {
			n.Style = yaml.DoubleQuotedStyle
		}
	}
	for _, c := range n.Content {
		quoteLeadingBreaks(c)
	}
}

// bytes encodes the file in its format: YAML indented by two spaces
// (which reads the same in YAML 1.1), JSON or TOML.
func (f *localeFile) bytes() ([]byte, error) {
	switch f.format {
	case i18n.JSON:
		return encodeJSON(f.root()), nil
	case i18n.TOML:
		return encodeTOML(f.doc.HeadComment, f.root()), nil
	}
	quoteLeadingBreaks(f.doc)
	yamlx.QuoteForYAML11(f.doc)
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(f.doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// keepStyle gives out, a file encoded with LF line breaks and no byte
// order mark, the style of old, the file it replaces: its UTF-8 BOM if it
// had one, and CRLF line breaks if its first line ended with one. A new
// file (old empty) keeps out's style.
func keepStyle(old, out []byte) []byte {
	const bom = "\uFEFF"
	body := bytes.TrimPrefix(out, []byte(bom))
	if line, _, ok := bytes.Cut(old, []byte("\n")); ok && bytes.HasSuffix(line, []byte("\r")) {
		body = bytes.ReplaceAll(bytes.ReplaceAll(body, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
	}
	if bytes.HasPrefix(old, []byte(bom)) {
		return append([]byte(bom), body...)
	}
	return body
}
