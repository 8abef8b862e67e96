package markdown

import (
	"bufio"
	"io"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// walkRenderer is goldmark's renderer (goldmark.DefaultRenderer, given
// the same options, choosing the same node renderers the same way) with
// a walk of its own: goldmark's calls, for every node it enters and
// leaves, a closure (ast.Walk's walker) that looks the node's renderer
// up and calls it; this walk calls the node renderer itself, looked up
// once per node. Nodes are rendered in the same order with the same
// statuses, so the output is goldmark's.
type walkRenderer struct {
	config  *renderer.Config
	tmp     map[ast.NodeKind]renderer.NodeRendererFunc
	maxKind int
	funcs   []renderer.NodeRendererFunc
	init    sync.Once
}

// newWalkRenderer returns what goldmark.DefaultRenderer returns, with
// walkRenderer's walk.
func newWalkRenderer() *walkRenderer {
	r := &walkRenderer{config: renderer.NewConfig(), tmp: map[ast.NodeKind]renderer.NodeRendererFunc{}}
	r.AddOptions(renderer.WithNodeRenderers(util.Prioritized(html.NewRenderer(), 1000)))
	return r
}

// AddOptions implements renderer.Renderer.
func (r *walkRenderer) AddOptions(opts ...renderer.Option) {
	for _, opt := range opts {
		opt.SetConfig(r.config)
	}
}

// Register implements renderer.NodeRendererFuncRegisterer.
func (r *walkRenderer) Register(kind ast.NodeKind, f renderer.NodeRendererFunc) {
	r.tmp[kind] = f
	if int(kind) > r.maxKind {
		r.maxKind = int(kind)
	}
}

// setUp is goldmark's renderer's set-up at its first Render: the node
// renderers in order of priority, the highest registered last (so that
// its functions win), each given the options first.
func (r *walkRenderer) setUp() {
	options := r.config.Options
	r.config.NodeRenderers.Sort()
	for i := len(r.config.NodeRenderers) - 1; i >= 0; i-- {
		v := r.config.NodeRenderers[i]
		nr, _ := v.Value.(renderer.NodeRenderer)
		if se, ok := v.Value.(renderer.SetOptioner); ok {
			for name, value := range options {
				se.SetOption(name, value)
			}
		}
		nr.RegisterFuncs(r)
	}
	r.funcs = make([]renderer.NodeRendererFunc, r.maxKind+1)
	for kind, f := range r.tmp {
		r.funcs[kind] = f
	}
	r.config, r.tmp = nil, nil
}

// Render implements renderer.Renderer.
func (r *walkRenderer) Render(w io.Writer, source []byte, n ast.Node) error {
	r.init.Do(r.setUp)
	writer, ok := w.(util.BufWriter)
	if !ok {
		writer = bufio.NewWriter(w)
	}
	if _, err := r.walk(writer, source, n); err != nil {
		return err
	}
	return writer.Flush()
}

// walk is ast.Walk with goldmark's renderer's walker: a node without a
// renderer is entered and left with ast.WalkContinue.
func (r *walkRenderer) walk(w util.BufWriter, source []byte, n ast.Node) (ast.WalkStatus, error) {
	f := r.funcs[n.Kind()]
	status := ast.WalkContinue
	if f != nil {
		var err error
		if status, err = f(w, source, n, true); err != nil || status == ast.WalkStop {
			return status, err
		}
	}
	if status != ast.WalkSkipChildren {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if st, err := r.walk(w, source, c); err != nil || st == ast.WalkStop {
				return ast.WalkStop, err
			}
		}
	}
	if f != nil {
		if status, err := f(w, source, n, false); err != nil || status == ast.WalkStop {
			return ast.WalkStop, err
		}
	}
	return ast.WalkContinue, nil
}
