package i18n

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/yamlx"
)

// Format is the format of a file of UI strings: go-i18n v2 reads the same
// messages from YAML, JSON and TOML.
type Format string

// The formats of files of UI strings.
const (
	YAML Format = "yaml"
	JSON Format = "json"
	TOML Format = "toml"
)

// Formats are the formats, in the order locale files are looked for.
var Formats = []Format{YAML, JSON, TOML}

// FormatOf returns the format a file's name says (.yaml or .yml, .json,
// .toml); any other name is an error.
func FormatOf(name string) (Format, error) {
	switch strings.ToLower(path.Ext(name)) {
	case ".yaml", ".yml":
		return YAML, nil
	case ".json":
		return JSON, nil
	case ".toml":
		return TOML, nil
	}
	return "", fmt.Errorf("%s: unknown format: name a file of UI strings .yaml, .json or .toml", name)
}

// LocaleFileNames are the names a locale's file may have in Dir:
// <locale>.yaml, .json or .toml, or goi18n's active.<locale>.yaml, .json or
// .toml.
func LocaleFileNames(locale string) []string {
	var out []string
	for _, prefix := range []string{"", "active."} {
		for _, f := range Formats {
			out = append(out, Dir+"/"+prefix+locale+"."+string(f))
		}
	}
	return out
}

// LocaleOf returns the locale of a locale file's name (locales/nl.json,
// locales/active.nl.toml), or "".
func LocaleOf(name string) string {
	dir, file := path.Split(name)
	if dir != Dir+"/" {
		return ""
	}
	if _, err := FormatOf(file); err != nil || strings.HasSuffix(file, ".yml") {
		return ""
	}
	base := strings.TrimSuffix(file, path.Ext(file))
	base = strings.TrimPrefix(base, "active.")
	if base == "" || strings.Contains(base, ".") {
		return ""
	}
	return base
}

// FindLocaleFile returns the name of a locale's file in fsys (one of
// LocaleFileNames): an fs.ErrNotExist when it has none, an error naming
// both when it has two.
func FindLocaleFile(fsys fs.FS, locale string) (string, error) {
	var found []string
	for _, name := range LocaleFileNames(locale) {
		st, err := fs.Stat(fsys, name)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return "", err
		case !st.IsDir():
			found = append(found, name)
		}
	}
	switch len(found) {
	case 0:
		return "", fs.ErrNotExist
	case 1:
		return found[0], nil
	}
	return "", diag.Errorf(diag.Pos{File: found[1]}, "locale %q has two files of UI strings, %s and %s: keep one", locale, found[0], found[1])
}

// ParseNode parses a file of UI strings in the format its name says into
// a tree of YAML nodes with the positions of the file (TOML and JSON too),
// so that it is checked and edited as YAML is. An empty file gives nil.
func ParseNode(name string, src []byte) (*yaml.Node, error) {
	if !utf8.Valid(src) {
		// Every reader of locale files (this one, go-i18n, the
		// translation tools) must agree; YAML readers differ on where
		// they notice, so the file is refused here, at the first bad byte.
		off := 0
		for off < len(src) {
			r, size := utf8.DecodeRune(src[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		return nil, diag.Errorf(diag.NewLines(src).Pos(name, off), "not valid UTF-8: a file of UI strings must be UTF-8")
	}
	f, err := FormatOf(name)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: name}, "unknown format: name a file of UI strings .yaml, .json or .toml")
	}
	switch f {
	case JSON:
		return parseJSON(name, src)
	case TOML:
		return parseTOML(name, src)
	}
	return yamlx.Source{File: name}.Parse(src)
}

// messageSource returns YAML text that go-i18n reads as it reads the file:
// the file itself when it is YAML, else node written as YAML.
func messageSource(name string, src []byte, node *yaml.Node) ([]byte, error) {
	if f, _ := FormatOf(name); f == YAML {
		return src, nil
	}
	return yaml.Marshal(node)
}

// parseJSON reads JSON into YAML nodes. encoding/json checks the syntax
// (YAML reads most JSON, but not all: "\/"), the nodes get the positions
// of the tokens.
func parseJSON(name string, src []byte) (*yaml.Node, error) {
	lines := diag.NewLines(src)
	body := bytes.TrimPrefix(src, []byte("\uFEFF"))
	skip := len(src) - len(body)
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	// start returns the position of the next token.
	start := func() diag.Pos {
		off := int(dec.InputOffset())
		for off < len(body) && strings.IndexByte(" \t\r\n:,", body[off]) >= 0 {
			off++
		}
		return lines.Pos(name, skip+off)
	}
	fail := func(err error) error {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return diag.Errorf(lines.Pos(name, skip+int(se.Offset)), "malformed JSON: %s", strings.TrimPrefix(se.Error(), "json: "))
		}
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return diag.Errorf(lines.Pos(name, len(src)), "malformed JSON: unexpected end of file")
		}
		return diag.Errorf(start(), "malformed JSON: %v", err)
	}
	var value func(depth int) (*yaml.Node, error)
	value = func(depth int) (*yaml.Node, error) {
		if depth > 100 {
			return nil, diag.Errorf(start(), "JSON nested too deeply")
		}
		at := start()
		tok, err := dec.Token()
		if err != nil {
			return nil, fail(err)
		}
		n := &yaml.Node{Line: at.Line, Column: at.Col}
		switch v := tok.(type) {
		case json.Delim:
			if v == '[' {
				n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
				for dec.More() {
					c, err := value(depth + 1)
					if err != nil {
						return nil, err
					}
					n.Content = append(n.Content, c)
				}
			} else {
				n.Kind, n.Tag = yaml.MappingNode, "!!map"
				for dec.More() {
					k, err := value(depth + 1)
					if err != nil {
						return nil, err
					}
					c, err := value(depth + 1)
					if err != nil {
						return nil, err
					}
					n.Content = append(n.Content, k, c)
				}
			}
			if _, err := dec.Token(); err != nil {
				return nil, fail(err)
			}
		case string:
			n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!str", v
		case json.Number:
			n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!float", v.String()
			if _, err := v.Int64(); err == nil {
				n.Tag = "!!int"
			}
		case bool:
			n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!bool", fmt.Sprint(v)
		case nil:
			n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!null", "null"
		}
		return n, nil
	}
	root, err := value(0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, diag.Errorf(start(), "malformed JSON: more after the end of the value")
	}
	return root, nil
}

// parseTOML reads TOML into YAML nodes: go-toml checks it (it reports
// where), its parser gives every key's position.
func parseTOML(name string, src []byte) (*yaml.Node, error) {
	var check map[string]any
	if err := toml.Unmarshal(src, &check); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, col := de.Position()
			return nil, diag.Errorf(diag.Pos{File: name, Line: line, Col: col}, "malformed TOML: %s", strings.TrimPrefix(de.Error(), "toml: "))
		}
		return nil, diag.Errorf(diag.Pos{File: name}, "malformed TOML: %v", err)
	}
	p := unstable.Parser{}
	p.Reset(src)
	root := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1}
	table := root
	pos := func(n *unstable.Node) (int, int) {
		if n == nil || n.Raw.Length == 0 && n.Raw.Offset == 0 {
			return 0, 0
		}
		s := p.Shape(n.Raw)
		return s.Start.Line, s.Start.Column
	}
	// descend finds or adds the table of a dotted key's part under n.
	descend := func(n *yaml.Node, key *unstable.Node) (*yaml.Node, error) {
		k := string(key.Data)
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				if c := n.Content[i+1]; c.Kind == yaml.MappingNode {
					return c, nil
				}
				l, c := pos(key)
				return nil, diag.Errorf(diag.Pos{File: name, Line: l, Col: c}, "%q is a value, not a table", k)
			}
		}
		l, c := pos(key)
		kn := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: l, Column: c}
		t := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: l, Column: c}
		n.Content = append(n.Content, kn, t)
		return t, nil
	}
	var keyval func(in *yaml.Node, kv *unstable.Node) error
	value := func(v *unstable.Node) (*yaml.Node, error) {
		l, c := pos(v)
		n := &yaml.Node{Kind: yaml.ScalarNode, Line: l, Column: c, Value: string(v.Data)}
		switch v.Kind {
		case unstable.String:
			n.Tag = "!!str"
		case unstable.Integer:
			n.Tag = "!!int"
		case unstable.Float:
			n.Tag = "!!float"
		case unstable.Bool:
			n.Tag = "!!bool"
		case unstable.InlineTable:
			n.Kind, n.Tag, n.Value = yaml.MappingNode, "!!map", ""
			it := v.Children()
			for it.Next() {
				if err := keyval(n, it.Node()); err != nil {
					return nil, err
				}
			}
		case unstable.Array:
			n.Kind, n.Tag, n.Value = yaml.SequenceNode, "!!seq", ""
		default: // dates and times
			n.Tag = "!!timestamp"
		}
		return n, nil
	}
	keyval = func(in *yaml.Node, kv *unstable.Node) error {
		it := kv.Key()
		var parts []*unstable.Node
		for it.Next() {
			parts = append(parts, it.Node())
		}
		t := in
		for _, k := range parts[:len(parts)-1] {
			var err error
			if t, err = descend(t, k); err != nil {
				return err
			}
		}
		last := parts[len(parts)-1]
		l, c := pos(last)
		v, err := value(kv.Value())
		if err != nil {
			return err
		}
		if v.Line == 0 { // a value without a range (an array)
			v.Line, v.Column = l, c
		}
		t.Content = append(t.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: string(last.Data), Line: l, Column: c}, v)
		return nil
	}
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table:
			table = root
			it := e.Key()
			for it.Next() {
				var err error
				if table, err = descend(table, it.Node()); err != nil {
					return nil, err
				}
			}
		case unstable.ArrayTable:
			it := e.Key()
			it.Next()
			l, c := pos(it.Node())
			return nil, diag.Errorf(diag.Pos{File: name, Line: l, Col: c}, "an array of tables ([[...]]) is not a message: write [id] tables")
		case unstable.KeyValue:
			if err := keyval(table, e); err != nil {
				return nil, err
			}
		}
	}
	if err := p.Error(); err != nil {
		return nil, diag.Errorf(diag.Pos{File: name}, "malformed TOML: %v", err)
	}
	if len(root.Content) == 0 {
		return nil, nil
	}
	return root, nil
}

// FileName returns the name of the file of a locale's UI strings that was
// read last (the site's, over the theme's), or locales/<locale>.yaml when
// none was.
func (c *Catalog) FileName(locale string) string {
	if files := c.files[locale]; len(files) > 0 {
		return files[len(files)-1].Path
	}
	return Dir + "/" + locale + ".yaml"
}
