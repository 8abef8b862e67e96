// Package mkdocs converts an MkDocs project (mkdocs.yml and its docs
// directory) into the files of a guidegen site (guidegen new
// --from-mkdocs): site_name and site_url become the title and base URL,
// nav the navigation, the i18n plugin's languages (mkdocs-static-i18n,
// suffix or folder structure) the locales, and docs_dir the content of
// each locale; markdown_extensions are checked against what guidegen
// supports, and the site is set to compat: mkdocs. Every setting or option
// that has no equivalent is a warning at its position in mkdocs.yml.
//
// Only the MkDocs project is read (the directory of mkdocs.yml, through an
// os.Root: no "..", absolute path or symbolic link leads out of it), and
// nothing is written: the caller writes the files (package scaffold).
package mkdocs

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/limits"
	"github.com/guidegen/guidegen/internal/scaffold"
	"github.com/guidegen/guidegen/internal/yamlx"
)

// FileSize is the largest file of the docs tree that is copied.
const FileSize limits.Size = 32 << 20

// Result is a converted site.
type Result struct {
	// Files are the site's files: guidegen.yaml, README.md, the pages
	// under content/<locale>/, the other files of the docs tree under
	// assets/ (those in docs/assets/) or static/, snippet directories.
	Files []scaffold.File
	// Warnings name each setting of mkdocs.yml (or file of the project)
	// that was not carried over, at its position.
	Warnings []*diag.Problem
}

type locale struct {
	code, name string
}

type converter struct {
	ys    yamlx.Source
	fsys  fs.FS
	warns []*diag.Problem

	title, baseURL string
	docsDir        string
	locales        []locale // the default first
	structure      string   // "suffix" or "folder"
	navNode        *yaml.Node
	tocMax         int
	strict         bool
	extraCSS       []string // paths in the docs directory
	snippetDirs    []string // directories of the project with snippets
	skipped        []string // languages of the i18n plugin not built
}

// Convert reads the MkDocs configuration file at file, and the docs tree
// of its project, and returns the files of the guidegen site.
func Convert(file string) (*Result, error) {
	dir, name := filepath.Split(file)
	if dir == "" {
		dir = "."
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	return ConvertFS(root.FS(), name)
}

// ConvertFS is Convert with the project's directory as fsys and the
// configuration's name in it.
func ConvertFS(fsys fs.FS, name string) (*Result, error) {
	src, err := limits.ReadFile(fsys, name, limits.DataSize)
	if err != nil {
		return nil, err
	}
	c := &converter{ys: yamlx.Source{File: name}, fsys: fsys, docsDir: "docs", structure: "suffix", tocMax: 3}
	node, err := c.ys.Parse(src)
	if err != nil {
		return nil, err
	}
	if node == nil || node.Kind != yaml.MappingNode {
		return nil, diag.Errorf(c.ys.Pos(node), "an MkDocs configuration is a mapping (site_name: …, nav: …)")
	}
	if err := c.config(node); err != nil {
		return nil, err
	}
	// Snippets written as "includes/x.md" are read from the project's
	// includes/ (pymdownx.snippets' default base_path is the project).
	if st, err := fs.Stat(fsys, "includes"); err == nil && st.IsDir() && !slices.Contains(c.snippetDirs, "includes") {
		c.snippetDirs = append(c.snippetDirs, "includes")
	}
	pages, files, err := c.docs()
	if err != nil {
		return nil, err
	}
	nav := c.navigation(pages)
	res := &Result{}
	res.Files = append(res.Files, scaffold.File{Name: "guidegen.yaml", Data: []byte(c.siteConfig(nav))})
	res.Files = append(res.Files, scaffold.File{Name: "README.md", Data: []byte(scaffold.Readme(c.title, c.locales[0].code))})
	res.Files = append(res.Files, files...)
	slices.SortFunc(res.Files[2:], func(a, b scaffold.File) int { return strings.Compare(a.Name, b.Name) })
	diag.Sort(c.warns)
	res.Warnings = c.warns
	return res, nil
}

func (c *converter) warn(n *yaml.Node, format string, args ...any) {
	c.warns = append(c.warns, diag.Warnf(c.ys.Pos(n), format, args...))
}

// pairs returns the key and value nodes of a mapping.
func pairs(n *yaml.Node) [][2]*yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	var out [][2]*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		out = append(out, [2]*yaml.Node{n.Content[i], n.Content[i+1]})
	}
	return out
}

// entries returns the entries of a list of names or one-key mappings
// (plugins, markdown_extensions), or of a mapping, as name and options.
func entries(n *yaml.Node) [][2]*yaml.Node {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.MappingNode {
		return pairs(n)
	}
	if n.Kind != yaml.SequenceNode {
		return nil
	}
	var out [][2]*yaml.Node
	for _, e := range n.Content {
		switch e.Kind {
		case yaml.ScalarNode:
			out = append(out, [2]*yaml.Node{e, nil})
		case yaml.MappingNode:
			out = append(out, pairs(e)...)
		}
	}
	return out
}

func scalar(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

func truthy(n *yaml.Node) bool {
	b, err := strconv.ParseBool(scalar(n))
	return err == nil && b
}

// config reads the top-level settings.
func (c *converter) config(node *yaml.Node) error {
	var i18n *yaml.Node
	var themeLang string
	for _, kv := range pairs(node) {
		k, v := kv[0], kv[1]
		switch k.Value {
		case "site_name":
			c.title = strings.TrimSpace(scalar(v))
		case "site_url":
			u, err := url.Parse(scalar(v))
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				c.warn(v, "site_url %q is not an absolute http(s) URL: baseURL set to https://example.org/", scalar(v))
				continue
			}
			u.RawQuery, u.Fragment = "", ""
			if !strings.HasSuffix(u.Path, "/") {
				u.Path += "/"
			}
			c.baseURL = u.String()
		case "docs_dir":
			d := path.Clean(filepath.ToSlash(scalar(v)))
			if !fs.ValidPath(d) || d == "." {
				return diag.Errorf(c.ys.Pos(v), "docs_dir %q must be a directory inside the MkDocs project", scalar(v))
			}
			c.docsDir = d
		case "nav":
			c.navNode = v
		case "plugins":
			for _, e := range entries(v) {
				i18n = c.plugin(e[0], e[1], i18n)
			}
		case "markdown_extensions":
			for _, e := range entries(v) {
				c.extension(e[0], e[1])
			}
		case "theme":
			var other []string
			for _, tv := range pairs(v) {
				switch tv[0].Value {
				case "name", "custom_dir":
					if tv[0].Value == "custom_dir" {
						c.warn(tv[0], "theme.custom_dir: template overrides of MkDocs do not apply; guidegen's templates/ override its own layout")
					}
				case "language":
					themeLang = scalar(tv[1])
				default:
					other = append(other, tv[0].Value)
				}
			}
			if len(other) > 0 {
				c.warn(k, "theme: guidegen builds with its own theme (light and dark, following the reader); %s not carried over", strings.Join(other, ", "))
			}
		case "extra_css":
			for _, e := range v.Content {
				p := path.Clean(scalar(e))
				if strings.HasSuffix(p, ".css") && fs.ValidPath(p) {
					c.extraCSS = append(c.extraCSS, p)
				} else {
					c.warn(e, "extra_css %q: only stylesheets of the docs directory are carried over", scalar(e))
				}
			}
		case "extra_javascript":
			c.warn(k, "extra_javascript: not carried over (pages work without scripts; the theme's own scripts are the site's)")
		case "strict":
			c.strict = truthy(v)
		case "validation":
			c.warn(k, "validation: not carried over; links: {missing: error | warning} in guidegen.yaml sets how broken links are reported")
		case "repo_url", "edit_uri":
			c.warn(k, "%s: not carried over; set editURL in guidegen.yaml (https://…/edit/main/content/{locale}/{path})", k.Value)
		case "dev_addr", "site_dir", "watch", "remote_branch", "remote_name", "use_directory_urls", "repo_name":
			if k.Value == "use_directory_urls" && !truthy(v) {
				c.warn(k, "use_directory_urls: false is not supported: every page is served at a directory URL (/page/)")
			}
		default:
			c.warn(k, "%s: no equivalent in guidegen; not carried over", k.Value)
		}
	}
	if c.title == "" {
		c.title = "My guide"
		c.warn(node, "site_name is missing: the title is %q", c.title)
	}
	if c.baseURL == "" {
		c.baseURL = "https://example.org/"
	}
	if i18n != nil {
		if err := c.languages(i18n); err != nil {
			return err
		}
	}
	if len(c.locales) == 0 {
		code := "en"
		if themeLang != "" && validCode(themeLang) {
			code = themeLang
		}
		c.locales = []locale{{code, scaffold.LocaleName(code)}}
	}
	return nil
}

func validCode(s string) bool {
	if s == "" || len(s) > 35 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// plugin handles one plugin; it returns the i18n plugin's options.
func (c *converter) plugin(k, v, i18n *yaml.Node) *yaml.Node {
	switch k.Value {
	case "i18n":
		if v == nil {
			v = &yaml.Node{Kind: yaml.MappingNode, Line: k.Line, Column: k.Column}
		}
		return v
	case "search", "offline", "privacy", "minify", "git-revision-date-localized", "git-revision-date":
		// What guidegen does anyway: search, no request to another
		// host, minified output, the date of the last commit.
	default:
		c.warn(k, "plugin %s: no equivalent in guidegen; not carried over", k.Value)
	}
	return i18n
}

// languages reads the options of mkdocs-static-i18n: languages as a list
// ([{locale: en, default: true, name: English}, …]) or, in its older
// versions, a mapping by code with default_language; docs_structure.
func (c *converter) languages(opts *yaml.Node) error {
	var def string
	var list []locale
	for _, kv := range pairs(opts) {
		k, v := kv[0], kv[1]
		switch k.Value {
		case "docs_structure":
			switch s := scalar(v); s {
			case "suffix", "folder":
				c.structure = s
			default:
				return diag.Errorf(c.ys.Pos(v), "i18n docs_structure %q: suffix or folder", s)
			}
		case "default_language":
			def = scalar(v)
		case "languages":
			if v.Kind == yaml.SequenceNode {
				for _, e := range v.Content {
					var l locale
					isDef, skip := false, false
					for _, f := range pairs(e) {
						switch f[0].Value {
						case "locale":
							l.code = scalar(f[1])
						case "name":
							l.name = scalar(f[1])
						case "default":
							isDef = truthy(f[1])
						case "build":
							skip = scalar(f[1]) != "" && !truthy(f[1])
						}
					}
					if skip && !isDef {
						c.warn(e, "i18n language %q is not built (build: false): left out", l.code)
						c.skipped = append(c.skipped, strings.ReplaceAll(l.code, "_", "-"))
						continue
					}
					if err := c.addLocale(&list, l, e); err != nil {
						return err
					}
					if isDef {
						def = list[len(list)-1].code
					}
				}
			} else {
				for _, f := range pairs(v) {
					l := locale{code: f[0].Value, name: scalar(f[1])}
					for _, g := range pairs(f[1]) {
						switch g[0].Value {
						case "name":
							l.name = scalar(g[1])
						case "default":
							if truthy(g[1]) {
								def = f[0].Value
							}
						}
					}
					if err := c.addLocale(&list, l, f[0]); err != nil {
						return err
					}
				}
			}
		case "reconfigure_material", "reconfigure_search", "fallback_to_default", "build", "build_only_locale":
			// The language switcher, per-locale search and the
			// fallback to the source page are guidegen's own.
		default:
			c.warn(k, "i18n %s: no equivalent in guidegen; not carried over", k.Value)
		}
	}
	if len(list) == 0 {
		return diag.Errorf(c.ys.Pos(opts), "the i18n plugin lists no languages")
	}
	def = strings.ReplaceAll(def, "_", "-")
	if i := slices.IndexFunc(list, func(l locale) bool { return l.code == def }); i > 0 {
		d := list[i]
		list = append([]locale{d}, slices.Delete(list, i, i+1)...)
	}
	c.locales = list
	return nil
}

func (c *converter) addLocale(list *[]locale, l locale, at *yaml.Node) error {
	l.code = strings.ReplaceAll(l.code, "_", "-")
	if !validCode(l.code) || slices.ContainsFunc(*list, func(o locale) bool { return o.code == l.code }) {
		return diag.Errorf(c.ys.Pos(at), "i18n language %q: a language tag (en, nl, pt-BR), each listed once", l.code)
	}
	if l.name == "" || l.name == l.code {
		l.name = scaffold.LocaleName(l.code)
	}
	*list = append(*list, l)
	return nil
}

// siteConfig writes guidegen.yaml.
func (c *converter) siteConfig(nav []string) string {
	q := scaffold.Quote
	var b strings.Builder
	b.WriteString("# Converted from an MkDocs configuration by guidegen new --from-mkdocs.\n# Unknown keys are errors; see the README of guidegen for every setting.\n")
	fmt.Fprintf(&b, "title: %s\nbaseURL: %s\ndefaultLocale: %s\nlocales:\n", q(c.title), q(c.baseURL), q(c.locales[0].code))
	for _, l := range c.locales {
		fmt.Fprintf(&b, "  - code: %s\n    name: %s\n", q(l.code), q(l.name))
		if scaffold.RTL(l.code) {
			b.WriteString("    direction: rtl\n")
		}
	}
	b.WriteString("# The header navigation: pages by path under content/<locale>/.\nnavigation:")
	if len(nav) == 0 {
		b.WriteString(" []\n")
	} else {
		b.WriteString("\n")
		for _, p := range nav {
			fmt.Fprintf(&b, "  - %s\n", q(p))
		}
	}
	fmt.Fprintf(&b, "toc:\n  minLevel: 2\n  maxLevel: %d\n", c.tocMax)
	if c.strict {
		b.WriteString("# strict: true in mkdocs.yml: a broken link fails the build.\nlinks:\n  missing: error\n")
	} else {
		b.WriteString("# As MkDocs without strict: a broken link is a warning.\nlinks:\n  missing: warning\n")
	}
	b.WriteString("# Pages keep MkDocs' front matter (hide, status, icon, meta_title, robots;\n# other keys are ignored) and may leave out the title.\ncompat: mkdocs\n")
	if len(c.extraCSS) > 0 {
		b.WriteString("css:\n")
		for _, p := range c.extraCSS {
			fmt.Fprintf(&b, "  - %s\n", q("assets/css/"+path.Base(p)))
		}
	}
	return b.String()
}

// navigation turns nav into guidegen's navigation, a flat list of the
// default locale's pages: sections are flattened (one warning names
// them), links to other sites and missing pages are left out.
func (c *converter) navigation(pages map[string]bool) []string {
	if c.navNode == nil {
		return nil
	}
	var out, sections []string
	listed := map[string]bool{}
	var walk func(n *yaml.Node, depth int)
	add := func(at *yaml.Node, dest string) {
		if u, err := url.Parse(dest); err == nil && (u.Scheme != "" || strings.HasPrefix(dest, "/")) {
			c.warn(at, "nav: the link to %s is left out (guidegen's navigation lists pages of the site)", dest)
			return
		}
		p := path.Clean(strings.TrimPrefix(dest, "./"))
		if c.structure == "folder" {
			p = strings.TrimPrefix(p, c.locales[0].code+"/")
		}
		if !pages[p] {
			c.warn(at, "nav: %q is not a page of %s; left out", dest, c.docsDir)
			return
		}
		if !listed[p] {
			listed[p] = true
			out = append(out, p)
		}
	}
	walk = func(n *yaml.Node, depth int) {
		for _, e := range n.Content {
			switch e.Kind {
			case yaml.ScalarNode:
				add(e, e.Value)
			case yaml.MappingNode:
				for _, kv := range pairs(e) {
					switch kv[1].Kind {
					case yaml.ScalarNode:
						add(kv[1], kv[1].Value)
					case yaml.SequenceNode:
						sections = append(sections, kv[0].Value)
						walk(kv[1], depth+1)
					}
				}
			}
		}
	}
	if c.navNode.Kind == yaml.SequenceNode {
		walk(c.navNode, 0)
	}
	if len(sections) > 0 {
		c.warn(c.navNode, "nav: guidegen's navigation is one list of pages; the pages of the sections %s are listed in their order, without the sections' titles", quoteList(sections))
	}
	return out
}

// quoteList quotes the first ten strings of s, and counts the rest.
func quoteList(s []string) string {
	var q []string
	for _, v := range s[:min(len(s), 10)] {
		q = append(q, strconv.Quote(v))
	}
	if len(s) > 10 {
		q = append(q, fmt.Sprintf("and %d more", len(s)-10))
	}
	return strings.Join(q, ", ")
}

// docs reads the docs tree: Markdown pages go to content/<locale>/ (by
// the i18n plugin's structure), files under assets/ to the site's
// assets/, the others to static/; extra_css to assets/css/; snippet
// directories as they are. It returns the default locale's pages.
func (c *converter) docs() (map[string]bool, []scaffold.File, error) {
	var files []scaffold.File
	pages := map[string]map[string]bool{}
	for _, l := range c.locales {
		pages[l.code] = map[string]bool{}
	}
	def := c.locales[0].code
	type translationFile struct{ file, locale, page string }
	var translations []translationFile
	var snippets []string
	for _, d := range c.snippetDirs {
		if d == c.docsDir || strings.HasPrefix(d, c.docsDir+"/") {
			snippets = append(snippets, strings.TrimPrefix(strings.TrimPrefix(d, c.docsDir), "/"))
		}
	}
	var elsewhere int
	err := fs.WalkDir(c.fsys, c.docsDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == c.docsDir && errors.Is(err, fs.ErrNotExist) {
				return diag.Errorf(diag.Pos{File: c.docsDir}, "the docs directory does not exist")
			}
			return err
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p, c.docsDir), "/")
		if rel != "" && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			for _, s := range snippets {
				if rel == s && s != "" {
					return fs.SkipDir // copied with the snippets
				}
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 || !d.Type().IsRegular() {
			c.warns = append(c.warns, diag.Warnf(diag.Pos{File: p}, "not a regular file (a symbolic link?): not copied"))
			return nil
		}
		data, err := limits.ReadFile(c.fsys, p, FileSize)
		if err != nil {
			return err
		}
		if !strings.HasSuffix(rel, ".md") {
			switch {
			case slices.Contains(c.extraCSS, rel):
				files = append(files, scaffold.File{Name: "assets/css/" + path.Base(rel), Data: data})
			case strings.HasPrefix(rel, "assets/"):
				files = append(files, scaffold.File{Name: rel, Data: data})
			default:
				files = append(files, scaffold.File{Name: "static/" + rel, Data: data})
				elsewhere++
			}
			return nil
		}
		loc, page := c.pageOf(rel)
		if loc == "" {
			c.warns = append(c.warns, diag.Warnf(diag.Pos{File: p}, "not a page of a language of the i18n plugin: not copied"))
			return nil
		}
		name := "content/" + loc + "/" + page
		if pages[loc][page] {
			c.warns = append(c.warns, diag.Warnf(diag.Pos{File: p}, "a second file for %s: not copied", name))
			return nil
		}
		pages[loc][page] = true
		if loc != def {
			translations = append(translations, translationFile{p, loc, page})
		}
		files = append(files, scaffold.File{Name: name, Data: data})
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	// A translation needs its source page.
	for _, t := range translations {
		if !pages[def][t.page] {
			c.warns = append(c.warns, diag.Warnf(diag.Pos{File: t.file}, "a translation without a page in %s: not copied", def))
			files = slices.DeleteFunc(files, func(f scaffold.File) bool { return f.Name == "content/"+t.locale+"/"+t.page })
		}
	}
	for _, css := range c.extraCSS {
		if !slices.ContainsFunc(files, func(f scaffold.File) bool { return f.Name == "assets/css/"+path.Base(css) }) {
			c.warns = append(c.warns, diag.Warnf(diag.Pos{File: c.ys.File}, "extra_css %s is not a file of %s: left out", css, c.docsDir))
			c.extraCSS = slices.DeleteFunc(c.extraCSS, func(s string) bool { return s == css })
		}
	}
	if elsewhere > 0 {
		files := "files"
		if elsewhere == 1 {
			files = "file"
		}
		c.warns = append(c.warns, diag.Warnf(diag.Pos{File: c.docsDir}, "%d %s outside %s/assets/ copied to static/ (served at the same URLs); links to them are reported as missing files until they move under assets/", elsewhere, files, c.docsDir))
	}
	// Snippet directories: copied as they are, beside content/.
	for _, d := range c.snippetDirs {
		site := d
		if d == c.docsDir || strings.HasPrefix(d, c.docsDir+"/") {
			site = strings.TrimPrefix(strings.TrimPrefix(d, c.docsDir), "/")
			if site == "" {
				continue
			}
		}
		_ = fs.WalkDir(c.fsys, d, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") {
				return nil
			}
			data, err := limits.ReadFile(c.fsys, p, limits.PageSize)
			if err != nil {
				c.warns = append(c.warns, diag.Warnf(diag.Pos{File: p}, "%v: not copied", err))
				return nil
			}
			files = append(files, scaffold.File{Name: site + strings.TrimPrefix(p, d), Data: data})
			return nil
		})
	}
	return pages[def], files, nil
}

// pageOf returns the locale and page path of a Markdown file of the docs
// tree (its path in the docs directory): "about.nl.md" → nl, about.md with
// the suffix structure; "nl/about.md" → nl, about.md with the folder one.
func (c *converter) pageOf(rel string) (loc, page string) {
	def := c.locales[0].code
	if c.structure == "folder" {
		first, rest, ok := strings.Cut(rel, "/")
		if ok {
			for _, l := range c.locales {
				if l.code == first {
					return l.code, rest
				}
			}
			if slices.Contains(c.skipped, first) {
				return "", ""
			}
		}
		if len(c.locales) == 1 {
			return def, rel
		}
		return "", ""
	}
	stem := strings.TrimSuffix(rel, ".md")
	if i := strings.LastIndexByte(stem, '.'); i > 0 && !strings.Contains(stem[i:], "/") {
		suffix := strings.ReplaceAll(stem[i+1:], "_", "-")
		for _, l := range c.locales {
			if l.code == suffix {
				return l.code, stem[:i] + ".md"
			}
		}
		if slices.Contains(c.skipped, suffix) {
			return "", ""
		}
	}
	return def, rel
}
