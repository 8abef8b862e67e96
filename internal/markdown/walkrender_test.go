package markdown

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// TestWalkRendererMatchesGoldmark renders the bundled guide's pages and
// the render test files with the pipeline's renderer (walkRenderer) and
// with goldmark's default renderer, given the same extensions: the
// output must be the same.
func TestWalkRendererMatchesGoldmark(t *testing.T) {
	var files []string
	for _, root := range []string{"../../content", "."} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
				files = append(files, p)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(files) < 50 {
		t.Fatalf("only %d files", len(files))
	}
	for _, plain := range []bool{false, true} {
		opts := Options{Locale: "en", Plain: plain}
		walk, gm := newWith(opts, newWalkRenderer()), newWith(opts, goldmark.DefaultRenderer())
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var a, b Buffer
			errA := walk.Render(&a, walk.Parse(f, "", src))
			errB := gm.Render(&b, gm.Parse(f, "", src))
			if errA != nil || errB != nil {
				t.Fatalf("%s: %v, %v", f, errA, errB)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Errorf("%s (plain %v): walkRenderer differs from goldmark's renderer", f, plain)
			}
		}
	}
}

// statusRenderer returns, for some kinds of nodes, the statuses and
// errors that change a walk.
type statusRenderer struct{}

var errStatus = errors.New("status renderer error")

func (statusRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindEmphasis, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		_, _ = w.WriteString("[em]")
		if entering && n.(*ast.Emphasis).Level == 2 {
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	reg.Register(ast.KindCodeSpan, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			return ast.WalkContinue, nil
		}
		return ast.WalkStop, nil
	})
	reg.Register(ast.KindLink, func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	reg.Register(ast.KindImage, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkContinue, errStatus
	})
}

// TestWalkRendererStatuses: node renderers that skip children, stop the
// walk entering or leaving a node, or fail, make walkRenderer write what
// goldmark's renderer writes and return the same error.
func TestWalkRendererStatuses(t *testing.T) {
	opt := goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(statusRenderer{}, 100)))
	walk := goldmark.New(goldmark.WithRenderer(newWalkRenderer()), opt)
	gm := goldmark.New(opt)
	for _, src := range []string{
		"a *b* **c *d*** e\n\nf",
		"x `code` y\n\nnever",
		"- a\n  - [link *x*](u) after\n- b",
		"p ![img](i.png) q",
		"# H\n\n> quote **strong** *em*\n\n1. one\n2. two",
	} {
		var a, b bytes.Buffer
		errA := walk.Convert([]byte(src), &a)
		errB := gm.Convert([]byte(src), &b)
		if a.String() != b.String() || !errors.Is(errA, errB) && errA != errB {
			t.Errorf("%q: %q, %v; goldmark: %q, %v", src, a.String(), errA, b.String(), errB)
		}
	}
}

// FuzzWalkRendererMatchesGoldmark: for any page, raw HTML included
// (which the policy sanitizes), walkRenderer writes what goldmark's own
// renderer writes, with the dialect and without.
func FuzzWalkRendererMatchesGoldmark(f *testing.F) {
	addSeeds(f)
	for _, s := range []string{
		"<div onclick=\"x\">a</div>\n\n<script>alert(1)</script>\n",
		"a <b onmouseover=x>b</b> <a href=\"javascript:x\">c</a>\n",
		"| <i>a</i> | b |\n|:-:|--|\n| <img src=x onerror=y> | [l](javascript:x) |\n",
		"<!-- c --> <?php ?> <![CDATA[x]]>\n",
		"<details markdown=\"1\">\n\n*x*\n\n</details>\n",
		"<p style=\"x\" ID=\"a\" Class=\"b\">t</p>\n",
	} {
		f.Add(s)
	}
	var pairs [][2]*Markdown
	for _, plain := range []bool{false, true} {
		opts := Options{Locale: "en", Strings: testStrings, Plain: plain}
		pairs = append(pairs, [2]*Markdown{newWith(opts, newWalkRenderer()), newWith(opts, goldmark.DefaultRenderer())})
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, p := range pairs {
			var a, b Buffer
			errA := p[0].Render(&a, p[0].Parse("f.md", "", []byte(src)))
			errB := p[1].Render(&b, p[1].Parse("f.md", "", []byte(src)))
			if (errA == nil) != (errB == nil) || !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Fatalf("%q:\nwalk %q %v\ngoldmark %q %v", src, a.Bytes(), errA, b.Bytes(), errB)
			}
		}
	})
}
