// Package yamlx decodes YAML strictly into typed Go values and reports every
// problem with file:line:col: syntax errors, unknown keys (with a "did you
// mean" hint), duplicate keys and values of the wrong type.
//
// Decoding is done with gopkg.in/yaml.v3. yaml.v3 reports syntax errors by
// line only (and sometimes not at all), so when it rejects a document the
// error is located with github.com/goccy/go-yaml, which knows the column.
package yamlx

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"

	goccy "github.com/goccy/go-yaml"
	goccyparser "github.com/goccy/go-yaml/parser"
	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen/internal/diag"
)

// Source is a YAML text and where it sits in a file: the YAML of a Markdown
// front matter starts on line 2 of the page, so its LineOffset is 1.
type Source struct {
	File       string
	LineOffset int
	ColOffset  int
	// Fields, when set, keeps the field tables of the struct types
	// decoded, for every Source that shares it; else each Decode makes
	// its own.
	Fields *Fields
}

// Fields keeps the field tables of struct types (which key is which
// field) for the decodings that share it, so that each is made once. It
// is safe for concurrent use; the zero value is ready to use.
type Fields struct {
	m sync.Map // reflect.Type → *fieldTable
}

func (f *Fields) table(t reflect.Type) *fieldTable {
	if ft, ok := f.m.Load(t); ok {
		return ft.(*fieldTable)
	}
	ft := structFields(t)
	got, _ := f.m.LoadOrStore(t, ft)
	return got.(*fieldTable)
}

// Pos returns the file position of a node.
func (s Source) Pos(n *yaml.Node) diag.Pos {
	if n == nil || n.Line == 0 {
		return diag.Pos{File: s.File, Line: s.LineOffset + 1, Col: 1}
	}
	return diag.Pos{File: s.File, Line: n.Line + s.LineOffset, Col: n.Column + s.ColOffset}
}

var v3LineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Parse parses src into a document node. An empty document gives a nil
// node and no error. A document whose aliases stand for too many values
// (see AliasFactor) or for a value that contains them is an error at the
// alias.
func (s Source) Parse(src []byte) (*yaml.Node, error) {
	if n, ok := parseFlat(src); ok {
		return n, nil // no aliases to check
	}
	var doc yaml.Node
	err := yaml.Unmarshal(src, &doc)
	if err == nil {
		if doc.Kind == 0 || len(doc.Content) == 0 {
			return nil, nil
		}
		if p := s.checkAliases(doc.Content[0]); p != nil {
			return nil, p
		}
		return doc.Content[0], nil
	}
	// Locate the problem precisely with goccy/go-yaml when it agrees
	// that the text is malformed.
	if _, gerr := goccyparser.ParseBytes(src, 0); gerr != nil {
		var se *goccy.SyntaxError
		if errors.As(gerr, &se) && se.Token != nil && se.Token.Position != nil {
			return nil, diag.Errorf(diag.Pos{
				File: s.File,
				Line: se.Token.Position.Line + s.LineOffset,
				Col:  se.Token.Position.Column + s.ColOffset,
			}, "malformed YAML: %s", se.Message)
		}
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	pos := diag.Pos{File: s.File, Line: s.LineOffset + 1}
	if m := v3LineRE.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		pos.Line = line + s.LineOffset
		msg = m[2]
	}
	return nil, diag.Errorf(pos, "malformed YAML: %s", msg)
}

// Decode decodes node strictly into v, which must be a non-nil pointer. All
// problems found are returned together as a *diag.ListError. Aliases are
// checked as in Parse before anything is decoded.
func (s Source) Decode(node *yaml.Node, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("yamlx: Decode needs a non-nil pointer, got %T", v)
	}
	if node == nil {
		return nil
	}
	if p := s.checkAliases(node); p != nil {
		return &diag.ListError{Problems: []*diag.Problem{p}}
	}
	d := &decoder{src: s}
	d.decode(node, rv.Elem(), "")
	if len(d.problems) > 0 {
		return &diag.ListError{Problems: d.problems}
	}
	return nil
}

// Unmarshal parses and decodes in one step.
func (s Source) Unmarshal(src []byte, v any) error {
	n, err := s.Parse(src)
	if err != nil {
		return err
	}
	return s.Decode(n, v)
}

type decoder struct {
	src      Source
	problems []*diag.Problem
	// tables are the field tables of the struct types decoded.
	tables []*fieldTable
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.problems = append(d.problems, diag.Errorf(d.src.Pos(n), format, args...))
}

var (
	nodeType        = reflect.TypeFor[yaml.Node]()
	unmarshalerType = reflect.TypeFor[yaml.Unmarshaler]()
)

// decode fills v from n. path names the value in messages ("links.homepage").
func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if v.Type() == nodeType {
		v.Set(reflect.ValueOf(*n))
		return
	}
	if v.Kind() == reflect.Pointer {
		if isNull(n) {
			v.SetZero()
			return
		}
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.decode(n, v.Elem(), path)
		return
	}
	if v.CanAddr() && v.Addr().Type().Implements(unmarshalerType) {
		if err := n.Decode(v.Addr().Interface()); err != nil {
			d.errorf(n, "%s%s", at(path), cleanTypeError(err))
		}
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	case reflect.Map:
		d.decodeMap(n, v, path)
	case reflect.Slice:
		d.decodeSlice(n, v, path)
	case reflect.Interface:
		var x any
		if err := n.Decode(&x); err != nil {
			d.errorf(n, "%s%s", at(path), cleanTypeError(err))
			return
		}
		if x != nil {
			v.Set(reflect.ValueOf(x))
		}
	default:
		d.decodeScalar(n, v, path)
	}
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

func at(path string) string {
	if path == "" {
		return ""
	}
	return path + ": "
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// fieldTable is the fields of a struct reachable by a YAML key (through
// inline structs), in the order of the struct.
type fieldTable struct {
	typ   reflect.Type
	names []string
	index [][]int
}

// lookup returns the index of the field of a key. A key of two fields
// (one of them inlined) is the last one's.
func (ft *fieldTable) lookup(key string) ([]int, bool) {
	for i := len(ft.names) - 1; i >= 0; i-- {
		if ft.names[i] == key {
			return ft.index[i], true
		}
	}
	return nil, false
}

func structFields(t reflect.Type) *fieldTable {
	// Sized for t's own fields; inlined structs add to them.
	ft := &fieldTable{typ: t, names: make([]string, 0, t.NumField()), index: make([][]int, 0, t.NumField())}
	// The indices of t's own fields, one slice for all of them.
	own := make([]int, t.NumField())
	var walk func(t reflect.Type, prefix []int)
	walk = func(t reflect.Type, prefix []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			tag := f.Tag.Get("yaml")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			var idx []int
			if prefix == nil {
				own[i] = i
				idx = own[i : i+1 : i+1]
			} else {
				idx = append(append([]int(nil), prefix...), i)
			}
			if strings.Contains(opts, "inline") && f.Type.Kind() == reflect.Struct {
				walk(f.Type, idx)
				continue
			}
			if name == "" {
				name = strings.ToLower(f.Name)
			}
			ft.names = append(ft.names, name)
			ft.index = append(ft.index, idx)
		}
	}
	walk(t, nil)
	return ft
}

// fields returns the field table of a struct type, made once per Decode
// or, with Source.Fields, once for all.
func (d *decoder) fields(t reflect.Type) *fieldTable {
	if d.src.Fields != nil {
		return d.src.Fields.table(t)
	}
	for _, ft := range d.tables {
		if ft.typ == t {
			return ft
		}
	}
	ft := structFields(t)
	d.tables = append(d.tables, ft)
	return ft
}

// maxScan is the number of keys of a mapping up to which a key is looked
// for among the earlier ones by comparing it with each, not in a map.
const maxScan = 16

// firstKey returns the first scalar key before the i-th node of a
// mapping's content with the value of that key, or nil.
func firstKey(content []*yaml.Node, i int) *yaml.Node {
	k := content[i]
	for j := 0; j < i; j += 2 {
		if c := content[j]; c.Kind == yaml.ScalarNode && c.Value == k.Value {
			return c
		}
	}
	return nil
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%sexpected a mapping of keys, got %s", at(path), describe(n))
		return
	}
	fields := d.fields(v.Type())
	var seen map[string]*yaml.Node
	if len(n.Content) > 2*maxScan {
		seen = make(map[string]*yaml.Node, len(n.Content)/2)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "%skeys must be plain words, got %s", at(path), describe(k))
			continue
		}
		var prev *yaml.Node
		if seen != nil {
			prev = seen[k.Value]
		} else {
			prev = firstKey(n.Content, i)
		}
		if prev != nil {
			d.errorf(k, "duplicate key %q (first set on line %d)", join(path, k.Value), prev.Line+d.src.LineOffset)
			continue
		}
		if seen != nil {
			seen[k.Value] = k
		}
		index, ok := fields.lookup(k.Value)
		if !ok {
			names := fields.names
			msg := fmt.Sprintf("unknown key %q", join(path, k.Value))
			if s := Suggest(k.Value, names); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			} else if len(names) > 0 {
				msg += " (known keys: " + strings.Join(names, ", ") + ")"
			}
			d.errorf(k, "%s", msg)
			continue
		}
		d.decode(val, fieldByIndex(v, index), join(path, k.Value))
	}
}

func fieldByIndex(v reflect.Value, index []int) reflect.Value {
	for _, i := range index {
		v = v.Field(i)
	}
	return v
}

func (d *decoder) decodeMap(n *yaml.Node, v reflect.Value, path string) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%sexpected a mapping, got %s", at(path), describe(n))
		return
	}
	if v.IsNil() {
		v.Set(reflect.MakeMapWithSize(v.Type(), len(n.Content)/2))
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if prev, dup := seen[k.Value]; dup && k.Kind == yaml.ScalarNode {
			d.errorf(k, "duplicate key %q (first set on line %d)", join(path, k.Value), prev.Line+d.src.LineOffset)
			continue
		}
		seen[k.Value] = k
		kv := reflect.New(v.Type().Key()).Elem()
		d.decode(k, kv, path)
		ev := reflect.New(v.Type().Elem()).Elem()
		d.decode(val, ev, join(path, k.Value))
		v.SetMapIndex(kv, ev)
	}
}

func (d *decoder) decodeSlice(n *yaml.Node, v reflect.Value, path string) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%sexpected a list, got %s", at(path), describe(n))
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, c := range n.Content {
		d.decode(c, s.Index(i), fmt.Sprintf("%s[%d]", path, i))
	}
	v.Set(s)
}

func (d *decoder) decodeScalar(n *yaml.Node, v reflect.Value, path string) {
	want := kindName(v.Kind())
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "%sexpected %s, got %s", at(path), want, describe(n))
		return
	}
	if v.Kind() == reflect.Bool && n.ShortTag() != "!!bool" {
		// yaml.v3 would accept "yes"/"on" only in YAML 1.1 mode; say so.
		d.errorf(n, "%sexpected %s (true or false), got %q", at(path), want, n.Value)
		return
	}
	if decodeCommon(n, v) {
		return
	}
	if err := n.Decode(v.Addr().Interface()); err != nil {
		d.errorf(n, "%sexpected %s, got %q", at(path), want, n.Value)
	}
}

var (
	stringType = reflect.TypeFor[string]()
	intType    = reflect.TypeFor[int]()
	boolType   = reflect.TypeFor[bool]()
)

// decodeCommon decodes the commonest scalars into v as n.Decode does,
// without setting up a yaml.v3 decoder: a string into a string, a
// decimal whole number into an int, true or false into a bool. It
// reports false, having done nothing, for anything else.
func decodeCommon(n *yaml.Node, v reflect.Value) bool {
	switch v.Type() {
	case stringType:
		if n.Tag != "!!str" {
			return false
		}
		v.SetString(n.Value)
	case intType:
		if n.Tag != "!!int" || len(n.Value) == 0 || len(n.Value) > 18 || (n.Value[0] == '0' && len(n.Value) > 1) {
			return false
		}
		x := 0
		for _, c := range []byte(n.Value) {
			if c < '0' || c > '9' {
				return false
			}
			x = x*10 + int(c-'0')
		}
		v.SetInt(int64(x))
	case boolType:
		switch {
		case n.Tag != "!!bool":
			return false
		case n.Value == "true" || n.Value == "True" || n.Value == "TRUE":
			v.SetBool(true)
		case n.Value == "false" || n.Value == "False" || n.Value == "FALSE":
			v.SetBool(false)
		default:
			return false
		}
	default:
		return false
	}
	return true
}

func kindName(k reflect.Kind) string {
	switch k {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	default:
		return "a " + k.String()
	}
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if isNull(n) {
			return "nothing"
		}
		return strconv.Quote(n.Value)
	default:
		return "an alias"
	}
}

var typeErrLineRE = regexp.MustCompile(`line \d+: `)

func cleanTypeError(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: unmarshal errors:\n  ")
	return typeErrLineRE.ReplaceAllString(msg, "")
}

// Suggest returns the candidate closest to word when it is close enough to
// be a likely typo, and "" otherwise.
func Suggest(word string, candidates []string) string {
	best, bestDist := "", len(word)/2+1
	for _, c := range candidates {
		if d := levenshtein(strings.ToLower(word), strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// IsBlank reports whether a YAML text holds nothing but blanks and comments.
func IsBlank(src []byte) bool {
	for line := range bytes.Lines(src) {
		t := bytes.TrimSpace(line)
		if len(t) > 0 && t[0] != '#' {
			return false
		}
	}
	return true
}

// Find walks from n through mapping keys and sequence indexes ("locales",
// "1", "code") and returns the node found there, or nil.
func Find(n *yaml.Node, path ...string) *yaml.Node {
	for _, p := range path {
		if n == nil {
			return nil
		}
		for n.Kind == yaml.AliasNode || n.Kind == yaml.DocumentNode {
			if n.Kind == yaml.AliasNode {
				n = n.Alias
			} else if len(n.Content) > 0 {
				n = n.Content[0]
			}
		}
		switch n.Kind {
		case yaml.MappingNode:
			var next *yaml.Node
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == p {
					next = n.Content[i+1]
					break
				}
			}
			n = next
		case yaml.SequenceNode:
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(n.Content) {
				return nil
			}
			n = n.Content[i]
		default:
			return nil
		}
	}
	return n
}
