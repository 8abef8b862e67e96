package highlight_test

import (
	"os"
	"os/exec"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/highlight"
	"github.com/guidegen/guidegen/internal/markdown/htmlpolicy"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

func TestGolden(t *testing.T) {
	mdtest.Golden(t, mdtest.New())
}

// TestCRLF: a page with CRLF line breaks renders as the same page with LF.
func TestCRLF(t *testing.T) {
	m := mdtest.New()
	src := "``` py title=\"a.py\" linenums=\"1\" hl_lines=\"2\"\nx = 1\ny = 2\n```\n\n```mermaid\ngraph LR\n  A --> B\n```\n"
	lf, _ := mdtest.Render(t, m, src)
	crlf, _ := mdtest.Render(t, m, strings.ReplaceAll(src, "\n", "\r\n"))
	if strings.ReplaceAll(crlf, "\r", "") != lf {
		t.Errorf("CRLF:\n%s\nLF:\n%s", crlf, lf)
	}
	if !strings.Contains(lf, `<span class="hll"><span class="linenos" data-linenos="2 "></span><span class="n">y</span>`) {
		t.Errorf("line 2 is not highlighted: %s", lf)
	}
}

// TestPolicyKeeps: the markup of code blocks passes the site's HTML
// policy (a page may write Material's output as raw HTML), but for the
// tabindex="0" that makes a scrolling block reachable from the keyboard,
// which the renderer adds and authors may not.
func TestPolicyKeeps(t *testing.T) {
	src, err := os.ReadFile("testdata/blocks.md")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := mdtest.Render(t, mdtest.New(), string(src))
	if !strings.Contains(got, `<pre tabindex="0">`) {
		t.Fatal(`no <pre tabindex="0">`)
	}
	want := strings.ReplaceAll(got, ` tabindex="0"`, "")
	clean, removed := htmlpolicy.Default().Sanitize([]byte(want))
	if len(removed) > 0 || string(clean) != want {
		t.Errorf("the policy changed the output: %v\n%s", removed, clean)
	}
}

func TestParseInfo(t *testing.T) {
	tests := []struct {
		in   string
		want highlight.Info
	}{
		{"", highlight.Info{}},
		{"python", highlight.Info{Lang: "python"}},
		{"  py   ", highlight.Info{Lang: "py"}},
		{`py title="a b.py" linenums="1" hl_lines="2 3"`, highlight.Info{Lang: "py", Title: "a b.py", LineStart: 1, Highlight: []int{2, 3}}},
		{`{ .go title="main.go" linenums="9 2" hl_lines="1-3 5" }`, highlight.Info{Lang: "go", Title: "main.go", LineStart: 9, Highlight: []int{1, 2, 3, 5}}},
		{`{ .py .extra #ex }`, highlight.Info{Lang: "py", ID: []byte("ex"), Classes: [][]byte{[]byte("extra")}}},
		{`py {title="x"}`, highlight.Info{Lang: "py", Title: "x"}},
		{`py title='single'`, highlight.Info{Lang: "py", Title: "single"}},
		{`py title="unclosed`, highlight.Info{Lang: "py"}},
		{`py linenums="0" hl_lines="0 x 3-1 -2 4"`, highlight.Info{Lang: "py", Highlight: []int{4}}},
		{`py linenums="-3"`, highlight.Info{Lang: "py"}},
		{`py linenums="99999999999"`, highlight.Info{Lang: "py"}},
		{`py unknown=1 foo`, highlight.Info{Lang: "py"}},
		{`{ title="no language" }`, highlight.Info{Title: "no language"}},
		{`{ .py } trailing`, highlight.Info{}},
	}
	for _, tt := range tests {
		got := highlight.ParseInfo([]byte(tt.in))
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseInfo(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
	if got := highlight.ParseInfo([]byte(`py hl_lines="1-99999999"`)); len(got.Highlight) != 1000 {
		t.Errorf("a huge range gave %d lines, want the limit, 1000", len(got.Highlight))
	}
}

// TestLargeBlockPlain: a block over MaxBytes is shown plain.
func TestLargeBlockPlain(t *testing.T) {
	code := strings.Repeat("x = 1\n", highlight.MaxBytes/6+1)
	got, _ := mdtest.Render(t, mdtest.New(), "```python\n"+code+"```\n")
	if strings.Contains(got, `<span class="n">`) || !strings.Contains(got, `<div class="language-python highlight">`) {
		t.Errorf("a large block was highlighted, or lost its frame: %.200s", got)
	}
}

// TestPlainLeavesBlocks: without the dialect, fenced code is goldmark's.
func TestPlainLeavesBlocks(t *testing.T) {
	got, _ := mdtest.Render(t, mdtest.New(func(o *markdown.Options) { o.Plain = true }), "```py\nx\n```\n`#!py x`\n")
	if got != "<pre><code class=\"language-py\">x\n</code></pre>\n<p><code>#!py x</code></p>\n" {
		t.Errorf("got %q", got)
	}
}

// TestConcurrent renders with one pipeline from many goroutines (run
// with -race): the lexer cache is shared.
func TestConcurrent(t *testing.T) {
	m := mdtest.New()
	src := "```python\nx = 1\n```\n\n```go\nfunc f() {}\n```\n\n`#!rust let x = 1;`\n"
	want, _ := mdtest.Render(t, m, src)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			d := m.Parse("c.md", "", []byte(src))
			var b markdown.Buffer
			if err := m.Render(&b, d); err != nil || b.String() != want {
				t.Errorf("concurrent render differs: %v", err)
			}
		})
	}
	wg.Wait()
}

// TestProgramSkipsStyles: the program does not import chroma's styles,
// whose package init parses every embedded style (4 ms at each start);
// the stylesheet is made by package sitecss, which only go generate and
// tests import.
func TestProgramSkipsStyles(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command(gobin, "list", "-deps", "github.com/guidegen/guidegen/cmd/guidegen").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		if p == "github.com/alecthomas/chroma/v2/styles" || p == "github.com/guidegen/guidegen/internal/markdown/highlight/sitecss" {
			t.Errorf("cmd/guidegen imports %s", p)
		}
	}
}
