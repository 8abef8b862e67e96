package markdown_test

import (
	"slices"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	gtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/headingid"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

func ids(d *markdown.Document) []string {
	var out []string
	for _, h := range d.Headings {
		out = append(out, h.ID)
	}
	return out
}

// TestHeadingIDs: ids as MkDocs Material makes them, in both slug styles:
// footnote marks and icon or emoji shortcodes are not part of them.
func TestHeadingIDs(t *testing.T) {
	src := "## Café Über\n\n## X[^1]\n\n## :octicons-gear-16: Setup\n\n## :gear: Emoji\n\n## Privé ==berichten==\n\n## Ctrl ++ctrl+c++\n\n" +
		"## Fourth { #own-id }\n\n## 中文\n\n[^1]: A note.\n"
	for _, tt := range []struct {
		style headingid.Style
		want  []string
	}{
		{headingid.Unicode, []string{"café-über", "x", "setup", "emoji", "privé-berichten", "ctrl-ctrlc", "own-id", "中文"}},
		{headingid.ASCII, []string{"cafe-uber", "x", "setup", "emoji", "prive-berichten", "ctrl-ctrlc", "own-id", "_1"}},
	} {
		m := mdtest.New(func(o *markdown.Options) {
			o.HeadingSlug = tt.style
			o.Extensions = []goldmark.Extender{emojiStub{}}
		})
		d := m.Parse("t.md", "", []byte(src))
		if got := ids(d); !slices.Equal(got, tt.want) {
			t.Errorf("style %v: ids %q, want %q", tt.style, got, tt.want)
		}
	}
}

// TestTranslationLendsIDsASCII: in the ASCII style too, a translation's
// headings take the ids of the source page's.
func TestTranslationLendsIDsASCII(t *testing.T) {
	ascii := func(o *markdown.Options) { o.HeadingSlug = headingid.ASCII }
	en := mdtest.New(ascii).Parse("en.md", "", []byte("## Private messages\n\n## Café\n"))
	nl := mdtest.New(ascii, func(o *markdown.Options) { o.Locale = "nl" })
	d := nl.ParseInput(markdown.Input{File: "nl.md", Src: []byte("## Privéberichten\n\n## Koffiehuis\n"), Source: markdown.SourceOf(en, "en")})
	if got, want := ids(d), []string{"private-messages", "cafe"}; !slices.Equal(got, want) {
		t.Errorf("ids %q, want %q", got, want)
	}
}

// emojiStub stands for an emoji extension: ":gear:" becomes a node that
// has no plain text, as icons have.
type emojiStub struct{}

type emojiNode struct{ ast.BaseInline }

var kindEmoji = ast.NewNodeKind("EmojiStub")

func (n *emojiNode) Kind() ast.NodeKind               { return kindEmoji }
func (n *emojiNode) Dump(src []byte, level int)       { ast.DumpHelper(n, src, level, nil, nil) }
func (n *emojiNode) Textless()                        {}
func (emojiStub) Trigger() []byte                     { return []byte{':'} }
func (emojiStub) CloseBlock(ast.Node, parser.Context) {}
func (emojiStub) Parse(_ ast.Node, block gtext.Reader, _ parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) < 6 || string(line[:6]) != ":gear:" {
		return nil
	}
	block.Advance(6)
	return &emojiNode{}
}
func (e emojiStub) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(e, 700)))
}
