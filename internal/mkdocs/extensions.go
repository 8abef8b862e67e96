package mkdocs

import (
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// An option's handling: ok means guidegen does the same (or the option
// does not change what pages mean); any other text is why it has no
// equivalent, for the warning.
const ok = ""

// extensions are the Python-Markdown extensions of a Material guide that
// guidegen's dialect covers, with the options it knows; an option not
// listed is a warning. The dialect's table in the README lists the
// syntax; options that need a setting are handled in extension.
var extensions = map[string]map[string]string{
	"abbr":        {},
	"admonition":  {},
	"attr_list":   {},
	"def_list":    {},
	"footnotes":   {},
	"md_in_html":  {},
	"meta":        {},
	"tables":      {},
	"fenced_code": {},
	"toc": {
		"permalink": ok, "permalink_title": ok, "title": ok, "toc_depth": ok,
		"slugify": "guidegen's heading ids are Python-Markdown's default slugs, with non-ASCII letters kept",
	},
	"pymdownx.betterem":     {"smart_enable": ok},
	"pymdownx.caret":        {"smart_insert": ok, "insert": ok, "superscript": ok},
	"pymdownx.details":      {},
	"pymdownx.emoji":        {"emoji_index": ok, "emoji_generator": ok, "options": ok},
	"pymdownx.highlight":    {"use_pygments": ok, "pygments_lang_class": ok, "anchor_linenums": "line anchors are not generated", "line_spans": "lines are not wrapped in spans", "auto_title": "code blocks get a title only from title=\"…\"", "linenums": "line numbers only from linenums=\"1\" on a block"},
	"pymdownx.inlinehilite": {},
	"pymdownx.keys":         {},
	"pymdownx.magiclink":    {"repo_url_shorthand": "@user and #123 shorthands stay as written", "social_url_shorthand": "@user shorthands stay as written", "user": ok, "repo": ok, "provider": ok, "normalize_issue_symbols": ok},
	"pymdownx.mark":         {"smart_mark": ok},
	"pymdownx.saneheaders":  {},
	"pymdownx.snippets":     {"base_path": ok, "check_paths": ok, "auto_append": "files appended to every page are configured in guidegen.yaml", "url_download": "snippets are read from the site only", "dedent_subsections": "sections are included as written"},
	"pymdownx.superfences":  {"custom_fences": ok},
	"pymdownx.tabbed":       {"alternate_style": ok, "slugify": "tabs have no ids of their own", "combine_header_slug": "tabs have no ids of their own"},
	"pymdownx.tasklist":     {"custom_checkbox": ok, "clickable_checkbox": "checkboxes are not clickable (no script)"},
	"pymdownx.tilde":        {"smart_delete": ok, "delete": ok, "subscript": ok},
}

// extension checks one entry of markdown_extensions.
func (c *converter) extension(k, opts *yaml.Node) {
	name := strings.TrimPrefix(k.Value, "markdown.extensions.")
	known, found := extensions[name]
	if !found {
		c.warn(k, "markdown extension %s: no equivalent in guidegen; its syntax stays as written", k.Value)
		return
	}
	for _, kv := range pairs(opts) {
		o, v := kv[0], kv[1]
		why, listed := known[o.Value]
		if !listed {
			c.warn(o, "%s option %s: no equivalent in guidegen; ignored", name, o.Value)
			continue
		}
		if why != ok {
			c.warn(o, "%s option %s: ignored (%s)", name, o.Value, why)
			continue
		}
		switch name + "." + o.Value {
		case "toc.toc_depth":
			c.tocDepth(v)
		case "toc.permalink":
			if s := scalar(v); s != "" && !truthy(v) && s != "¶" {
				c.warn(v, "toc permalink %q: guidegen's permalinks show ¶", s)
			}
		case "pymdownx.tabbed.alternate_style":
			if !truthy(v) {
				c.warn(v, "pymdownx.tabbed alternate_style false: tabs are written in Material's alternate style")
			}
		case "pymdownx.superfences.custom_fences":
			for _, f := range v.Content {
				for _, fv := range pairs(f) {
					if fv[0].Value == "name" && fv[1].Value != "mermaid" {
						c.warn(fv[1], "custom fence %q: no equivalent in guidegen; shown as a code block", fv[1].Value)
					}
				}
			}
		case "pymdownx.snippets.base_path":
			paths := []*yaml.Node{v}
			if v.Kind == yaml.SequenceNode {
				paths = v.Content
			}
			for _, p := range paths {
				d := path.Clean(scalar(p))
				switch {
				case d == ".":
				case !fs.ValidPath(d):
					c.warn(p, "snippets base_path %q is outside the project: not copied", scalar(p))
				case !slices.Contains(c.snippetDirs, d):
					c.snippetDirs = append(c.snippetDirs, d)
				}
			}
		}
	}
}

// tocDepth maps toc_depth (6, or a range "2-4") to the table of
// contents' deepest level.
func (c *converter) tocDepth(v *yaml.Node) {
	s := scalar(v)
	if _, hi, isRange := strings.Cut(s, "-"); isRange {
		s = hi
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 2 || n > 6 {
		c.warn(v, "toc_depth %q: the table of contents shows levels 2 to 3", scalar(v))
		return
	}
	c.tocMax = n
}
