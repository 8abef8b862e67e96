package translation

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/guidegen/guidegen/internal/fsutil"
	"github.com/guidegen/guidegen/internal/units"
)

// inline parses a unit's text alone, to compare its structure with
// another's: CommonMark with GFM (the unit's own dialect adds nothing a
// translation could unbalance that these do not see).
var inline = goldmark.New(goldmark.WithExtensions(extension.GFM))

// shape is what a unit's inline structure consists of.
type shape struct {
	blocks                         []string
	links, images, codes, autolink int
	html                           int
	stray                          int // '*' and '`' left as text: emphasis or code that opens or closes nothing
	footnotes                      []string
}

var footnoteRef = regexp.MustCompile(`\[\^([^\]\s]+)\]`)

func shapeOf(s string) shape {
	src := []byte(s)
	doc := inline.Parser().Parse(text.NewReader(src))
	var sh shape
	var plain strings.Builder
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		sh.blocks = append(sh.blocks, c.Kind().String())
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			sh.links++
		case *ast.Image:
			sh.images++
		case *ast.CodeSpan:
			sh.codes++
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			sh.autolink++
		case *ast.RawHTML:
			sh.html++
		case *ast.Text:
			plain.Write(n.Segment.Value(src))
		}
		return ast.WalkContinue, nil
	})
	// What is left as text: delimiters that opened or closed nothing, and
	// footnote references (parsed alone, without their definitions, they
	// are text).
	rest := plain.String()
	sh.stray = strings.Count(rest, "*") + strings.Count(rest, "`")
	for _, m := range footnoteRef.FindAllStringSubmatch(rest, -1) {
		sh.footnotes = append(sh.footnotes, m[1])
	}
	slices.Sort(sh.footnotes)
	return sh
}

// checkUnit reports how a translation str of a unit of kind with source
// text msgid breaks the unit: a line break where the unit is one line, a
// different block structure, or a different number of links, images,
// code spans or raw HTML tags, emphasis that opens or closes nothing, or
// other footnote references.
func checkUnit(kind units.Kind, msgid, str string) error {
	switch kind {
	case "title", "description", units.Heading, units.TableCell, units.AdmonitionTitle:
		if strings.ContainsAny(str, "\r\n") {
			return fmt.Errorf("a %s is one line; the translation has a line break", kind)
		}
	}
	if kind == units.TableCell && strings.Count(strings.ReplaceAll(str, `\|`, ""), "|") > strings.Count(strings.ReplaceAll(msgid, `\|`, ""), "|") {
		return fmt.Errorf("a | in a table cell ends the cell: write it as \\|")
	}
	if kind == units.AdmonitionTitle && strings.Contains(str, `"`) && !strings.Contains(msgid, `"`) {
		return fmt.Errorf(`an admonition title cannot hold a " (it is written between quotes)`)
	}
	if kind == "title" || kind == "description" {
		return nil
	}
	want, got := shapeOf(msgid), shapeOf(str)
	count := func(what string, w, g int) error {
		if w != g {
			return fmt.Errorf("the translation has %s, the %s text %d (keep the Markdown of msgid)", countOf(g, what, what+"s"), "source", w)
		}
		return nil
	}
	switch {
	case !slices.Equal(want.blocks, got.blocks):
		return fmt.Errorf("the translation does not read as one %s: a line starts a new block (a list, a heading, a quote?)", kind)
	case got.stray > want.stray:
		return fmt.Errorf("unbalanced emphasis or code: a * or ` that opens or closes nothing")
	}
	for _, c := range []struct {
		what string
		w, g int
	}{
		{"link", want.links, got.links},
		{"image", want.images, got.images},
		{"code span", want.codes, got.codes},
		{"bare link", want.autolink, got.autolink},
		{"HTML tag", want.html, got.html},
	} {
		if err := count(c.what, c.w, c.g); err != nil {
			return err
		}
	}
	for _, l := range want.footnotes {
		if !slices.Contains(got.footnotes, l) {
			return fmt.Errorf("the footnote reference [^%s] is missing", l)
		}
	}
	for _, l := range got.footnotes {
		if !slices.Contains(want.footnotes, l) {
			return fmt.Errorf("the footnote reference [^%s] is not in the source text", l)
		}
	}
	return nil
}

// The PO directory is the user's, named on the command line: its paths
// are relative to the working directory.

func readDirFile(dir, name string) ([]byte, error) {
	return os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
}

// writeDirFile writes as the commands write a file the user named
// (fsutil.WritePath): through a temporary file, keeping its permission
// bits, creating its directory.
func writeDirFile(dir, name string, data []byte) error {
	file := filepath.Join(dir, filepath.FromSlash(name))
	return fsutil.WritePath(file, file, data)
}

// poFiles returns the PO files under dir/locale, as slash paths relative
// to it, sorted.
func poFiles(dir, locale string) ([]string, error) {
	root := filepath.Join(dir, locale)
	if _, err := os.Stat(root); err != nil {
		return nil, nil
	}
	var out []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && strings.HasSuffix(p, ".po") {
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(out)
	return out, err
}
