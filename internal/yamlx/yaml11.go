package yamlx

import (
	"regexp"

	"gopkg.in/yaml.v3"
)

// yaml11 matches the plain scalars that a YAML 1.1 reader (PyYAML, Ruby's
// Psych, older go-yaml, many CI tools) resolves to something else than a
// string, though YAML 1.2 (yaml.v3) reads them as strings and writes them
// unquoted: booleans (yes, no, on, off, y, n in any case), sexagesimal
// numbers (1:20), integers with underscores or in base 2, 8 or 16
// (1_000, 0b101, 012, 0o12), floats (.5, 1e3, .inf, .nan), nulls (~, null),
// dates and times (2001-12-14, 2001-12-14t21:59:43.10-05:00), and the
// merge and value keys (<<, =). It errs on the side of quoting: a string
// quoted that need not be reads the same everywhere.
var yaml11 = regexp.MustCompile(`^(?:` +
	`(?i:y|n|yes|no|true|false|on|off)` +
	`|~|(?i:null)` +
	`|[-+]?0b[01_]+` +
	`|[-+]?0o?[0-7_]+` +
	`|[-+]?(?:0|[1-9][0-9_]*)` +
	`|[-+]?0x[0-9a-fA-F_]+` +
	`|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?` +
	`|[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?` +
	`|[-+]?[0-9][0-9_]*(?:[eE][-+]?[0-9]+)` +
	`|[-+]?\.(?i:inf)|\.(?i:nan)` +
	`|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt \t].*)?` +
	`|<<|=` +
	`)$`)

// AmbiguousInYAML11 reports whether the text s, written as a plain
// scalar, would not read as the string s in YAML 1.1.
func AmbiguousInYAML11(s string) bool {
	return yaml11.MatchString(s)
}

// QuoteForYAML11 gives double quotes to every string scalar of the tree n
// (keys too) that is written plain and would read as something else than
// a string in YAML 1.1 (see AmbiguousInYAML11), so that a file written
// for YAML 1.2 reads the same in YAML 1.1 tools.
func QuoteForYAML11(n *yaml.Node) {
	if n == nil {
		return
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str" &&
		n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0 &&
		AmbiguousInYAML11(n.Value) {
		n.Style = yaml.DoubleQuotedStyle
	}
	for _, c := range n.Content {
		QuoteForYAML11(c)
	}
}
