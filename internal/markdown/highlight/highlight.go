// Package highlight renders fenced code blocks as MkDocs Material does
// with pymdownx.highlight and pymdownx.superfences: syntax highlighting by
// chroma with CSS classes (Pygments' short names, so Material's
// stylesheets apply; no style attributes, which the site's CSP forbids),
// a file name header (title="a.py"), line numbers (linenums="1"),
// highlighted lines (hl_lines="2 3"), and ```mermaid blocks kept as
// <pre class="mermaid"> for a diagram renderer. Inline code that starts
// with "#!lang " is highlighted too (pymdownx.inlinehilite).
//
// Only blocks with a known language are tokenized, each once, when it is
// rendered; a block larger than MaxBytes, an unknown language, or a
// lexer that fails is shown as plain, escaped code. Indented code blocks
// stay goldmark's <pre><code>.
package highlight

import (
	"bytes"
	"strconv"
	"sync"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// MaxBytes is the largest code block that is highlighted; a larger one is
// shown as plain code. Lexers are regular expressions that backtrack:
// the limit bounds what a hostile page can cost.
const MaxBytes = 64 << 10

//go:generate go run ./gencss ../../../assets/css/main.css

// maxLexers bounds the cache of lexers by language name, which pages
// fill with the names they write.
const maxLexers = 512

// Extension renders fenced code blocks and "#!lang" inline code.
type Extension struct{}

// Extend implements goldmark.Extender. Each call makes its own lexer
// cache, so a pipeline built once and shared shares it.
func (Extension) Extend(m goldmark.Markdown) {
	h := &highlighter{}
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(inlineParser{}, 90)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(h, 90)))
}

type highlighter struct {
	mu     sync.RWMutex
	lexers map[string]chroma.Lexer // nil value: no lexer for the name
}

// RegisterFuncs implements renderer.NodeRenderer.
func (h *highlighter) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindFencedCodeBlock, h.renderBlock)
	r.Register(KindInlineCode, h.renderInline)
}

// lexer returns the lexer of a language name, nil when chroma has none.
func (h *highlighter) lexer(lang string) chroma.Lexer {
	if lang == "" {
		return nil
	}
	h.mu.RLock()
	l, ok := h.lexers[lang]
	h.mu.RUnlock()
	if ok {
		return l
	}
	l = lexers.Get(lang)
	if l != nil {
		l = chroma.Coalesce(l)
	}
	h.mu.Lock()
	if h.lexers == nil {
		h.lexers = map[string]chroma.Lexer{}
	}
	if len(h.lexers) < maxLexers {
		h.lexers[lang] = l
	}
	h.mu.Unlock()
	return l
}

// tokens returns the code's tokens split into lines; nil when it cannot
// be highlighted.
func (h *highlighter) tokens(lang string, code []byte) [][]chroma.Token {
	if len(code) > MaxBytes {
		return nil
	}
	l := h.lexer(lang)
	if l == nil {
		return nil
	}
	it, err := l.Tokenise(nil, string(code))
	if err != nil {
		return nil
	}
	toks := it.Tokens()
	var src int
	for _, t := range toks {
		src += len(t.Value)
	}
	if src != len(code) && src != len(code)+1 { // a lexer may add a final newline
		return nil
	}
	return chroma.SplitTokensIntoLines(toks)
}

var (
	divOpen = []byte(`<div class="`)
	// tabindex: a block whose lines scroll sideways must be reachable
	// from the keyboard (WCAG 2.1.1; axe's scrollable-region-focusable).
	preOpen   = []byte(`<pre tabindex="0"><span></span><code>`)
	preClose  = []byte("</code></pre></div>\n")
	mermaid   = []byte(`<pre class="mermaid" tabindex="0"><code>`)
	codeClose = []byte("</code></pre>\n")
)

func (h *highlighter) renderBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	var in Info
	if n, ok := node.(*ast.FencedCodeBlock); ok && n.Info != nil {
		in = ParseInfo(n.Info.Segment.Value(src))
	}
	var code []byte
	segs := node.Lines()
	for i := 0; i < segs.Len(); i++ {
		seg := segs.At(i)
		line := seg.Value(src)
		if k := len(line); k > 1 && line[k-2] == '\r' && line[k-1] == '\n' {
			line = line[:k-2] // CRLF as LF, which lexers expect
			code = append(append(code, line...), '\n')
			continue
		}
		code = append(code, line...)
	}
	if in.Lang == "mermaid" {
		_, _ = w.Write(mermaid)
		_, _ = w.Write(util.EscapeHTML(code))
		_, _ = w.Write(codeClose)
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.Write(divOpen)
	if in.Lang != "" {
		_, _ = w.WriteString("language-")
		_, _ = w.Write(util.EscapeHTML([]byte(in.Lang)))
		_ = w.WriteByte(' ')
	}
	for _, c := range in.Classes {
		_, _ = w.Write(util.EscapeHTML(c))
		_ = w.WriteByte(' ')
	}
	_, _ = w.WriteString(`highlight"`)
	if len(in.ID) > 0 {
		_, _ = w.WriteString(` id="`)
		_, _ = w.Write(util.EscapeHTML(in.ID))
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	if in.Title != "" {
		_, _ = w.WriteString(`<span class="filename">`)
		_, _ = w.Write(util.EscapeHTML([]byte(in.Title)))
		_, _ = w.WriteString(`</span>`)
	}
	_, _ = w.Write(preOpen)
	var toks [][]chroma.Token
	if in.Lang != "" {
		toks = h.tokens(in.Lang, code)
	}
	if toks == nil {
		toks = plainLines(code)
	}
	writeLines(w, toks, in)
	_, _ = w.Write(preClose)
	return ast.WalkSkipChildren, nil
}

// plainLines splits code into lines of one plain token each.
func plainLines(code []byte) [][]chroma.Token {
	var out [][]chroma.Token
	for len(code) > 0 {
		i := bytes.IndexByte(code, '\n') + 1
		if i == 0 {
			i = len(code)
		}
		out = append(out, []chroma.Token{{Type: chroma.Text, Value: string(code[:i])}})
		code = code[i:]
	}
	return out
}

// writeLines writes the lines of a block: each token in a span of its
// Pygments class, highlighted lines (their number and newline included)
// in <span class="hll">, and, when lines are numbered, a
// <span class="linenos" data-linenos="N "> at the start of each
// (pymdownx's "pymdownx-inline" style: the stylesheet shows the number,
// so copying the code does not copy it).
func writeLines(w util.BufWriter, lines [][]chroma.Token, in Info) {
	var hl []bool
	for _, l := range in.Highlight {
		if l <= len(lines) {
			if hl == nil {
				hl = make([]bool, len(lines)+1)
			}
			hl[l] = true
		}
	}
	width := len(strconv.Itoa(in.LineStart + len(lines) - 1))
	var num []byte
	for i, line := range lines {
		marked := hl != nil && hl[i+1]
		if marked {
			_, _ = w.WriteString(`<span class="hll">`)
		}
		if in.LineStart > 0 {
			num = strconv.AppendInt(num[:0], int64(in.LineStart+i), 10)
			_, _ = w.WriteString(`<span class="linenos" data-linenos="`)
			for range width - len(num) {
				_ = w.WriteByte(' ')
			}
			_, _ = w.Write(num)
			_, _ = w.WriteString(` "></span>`)
		}
		writeTokens(w, line)
		if marked {
			_, _ = w.WriteString(`</span>`)
		}
	}
}

// writeTokens writes tokens, each in a span of its class (plain text,
// whose class is empty, as it is).
func writeTokens(w util.BufWriter, toks []chroma.Token) {
	for _, t := range toks {
		if t.Value == "" {
			continue
		}
		class := tokenClass(t.Type)
		if class != "" {
			_, _ = w.WriteString(`<span class="`)
			_, _ = w.WriteString(class)
			_, _ = w.WriteString(`">`)
		}
		_, _ = w.Write(util.EscapeHTML([]byte(t.Value)))
		if class != "" {
			_, _ = w.WriteString(`</span>`)
		}
	}
}

// tokenClass returns the Pygments class of a token type: its own, else
// its sub-category's or category's.
func tokenClass(t chroma.TokenType) string {
	for _, tt := range []chroma.TokenType{t, t.SubCategory(), t.Category()} {
		if c, ok := chroma.StandardTypes[tt]; ok {
			return c
		}
	}
	return ""
}

// KindInlineCode is the node kind of highlighted inline code.
var KindInlineCode = ast.NewNodeKind("HighlightedCode")

// InlineCode is inline code written "`#!python print()`": Lang and the
// code after the language.
type InlineCode struct {
	ast.BaseInline
	Lang string
	Code []byte
}

// Kind implements ast.Node.
func (n *InlineCode) Kind() ast.NodeKind { return KindInlineCode }

// Dump implements ast.Node.
func (n *InlineCode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Lang": n.Lang, "Code": string(n.Code)}, nil)
}

// inlineParser finds "`#!lang code`" on one line, before goldmark's code
// span parser; anything else is left to it.
type inlineParser struct{}

func (inlineParser) Trigger() []byte { return []byte{'`'} }

func (inlineParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, _ := block.PeekLine()
	ticks := 0
	for ticks < len(line) && line[ticks] == '`' {
		ticks++
	}
	rest := line[ticks:]
	if !bytes.HasPrefix(rest, []byte("#!")) {
		return nil
	}
	// The closing run: exactly as many backticks.
	end := -1
	for i := 0; i < len(rest); {
		if rest[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(rest) && rest[j] == '`' {
			j++
		}
		if j-i == ticks {
			end = i
			break
		}
		i = j
	}
	if end < 0 {
		return nil
	}
	body := rest[2:end]
	sp := bytes.IndexByte(body, ' ')
	if sp <= 0 {
		return nil
	}
	lang := body[:sp]
	for _, c := range lang {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '_' || c == '.' || c == '#') {
			return nil
		}
	}
	code := bytes.TrimRight(body[sp+1:], " ")
	block.Advance(ticks + end + ticks)
	return &InlineCode{Lang: string(lang), Code: code}
}

func (h *highlighter) renderInline(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*InlineCode)
	_, _ = w.WriteString(`<code class="highlight">`)
	var toks [][]chroma.Token
	if l := h.lexer(n.Lang); l != nil && len(n.Code) <= MaxBytes {
		if it, err := l.Tokenise(nil, string(n.Code)); err == nil {
			toks = [][]chroma.Token{it.Tokens()}
		}
	}
	if toks == nil {
		toks = plainLines(n.Code)
	}
	for _, line := range toks {
		// A lexer may end the code with a newline it added.
		if k := len(line); k > 0 && line[k-1].Value == "\n" {
			line = line[:k-1]
		} else if k > 0 {
			line = append(line[:k-1:k-1], chroma.Token{Type: line[k-1].Type, Value: trimNL(line[k-1].Value)})
		}
		writeTokens(w, line)
	}
	_, _ = w.WriteString(`</code>`)
	return ast.WalkSkipChildren, nil
}

func trimNL(s string) string {
	if len(s) > 0 && s[len(s)-1] == '\n' {
		return s[:len(s)-1]
	}
	return s
}
