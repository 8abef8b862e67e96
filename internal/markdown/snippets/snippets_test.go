package snippets

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/guidegen/guidegen/internal/diag"
)

func site(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, s := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(s)}
	}
	return fsys
}

var fixtures = map[string]string{
	"includes/members.md":  "- Alice\n- Bob\n",
	"includes/lines.md":    "one\ntwo\nthree\nfour\nfive\n",
	"includes/sections.md": "intro\n<!-- --8<-- [start:signal] -->\nSignal part\n--8<-- [end:signal]\n--8<-- [start:other]\nOther part\n;--8<-- [start:shown]\n--8<-- [end:other]\n",
	"includes/nested.md":   "before\n--8<-- \"members.md\"\nafter\n",
	"includes/noeol.md":    "no line break",
	"includes/crlf.md":     "a\r\nb\r\n",
	"includes/cycle-a.md":  "--8<-- \"cycle-b.md\"\n",
	"includes/cycle-b.md":  "x\n--8<-- \"cycle-a.md\"\n",
	"includes/abbr.md":     "*[E2EE]: End-to-end encryption\n",
	"includes/sub/deep.md": "deep\n",
	"secret.txt":           "not a snippet\n",
	"content/en/page.md":   "page\n",
}

func TestExpand(t *testing.T) {
	o := &Options{FS: site(fixtures)}
	for _, tt := range []struct{ name, in, want string }{
		{"line", "A\n--8<-- \"members.md\"\nB\n", "A\n- Alice\n- Bob\nB\n"},
		{"named from the root", "--8<-- \"includes/members.md\"\n", "- Alice\n- Bob\n"},
		{"single quotes, longer marker", "---8<--- 'members.md'\n", "- Alice\n- Bob\n"},
		{"subdirectory", "--8<-- \"sub/deep.md\"\n", "deep\n"},
		{"indented", "!!! note\n    --8<-- \"members.md\"\n", "!!! note\n    - Alice\n    - Bob\n"},
		{"range", "--8<-- \"lines.md:2:3\"\n", "two\nthree\n"},
		{"from", "--8<-- \"lines.md:4\"\n", "four\nfive\n"},
		{"to", "--8<-- \"lines.md::2\"\n", "one\ntwo\n"},
		{"ranges", "--8<-- \"lines.md:1:1,5:5\"\n", "one\nfive\n"},
		{"section", "--8<-- \"sections.md:signal\"\n", "Signal part\n"},
		{"section with an escaped marker", "--8<-- \"sections.md:other\"\n", "Other part\n--8<-- [start:shown]\n"},
		{"whole file drops section markers", "--8<-- \"sections.md\"\n", "intro\nSignal part\nOther part\n--8<-- [start:shown]\n"},
		{"nested", "--8<-- \"nested.md\"\n", "before\n- Alice\n- Bob\nafter\n"},
		{"block", "--8<--\nmembers.md\n\n; a comment\nsub/deep.md\n--8<--\nend\n", "- Alice\n- Bob\ndeep\nend\n"},
		{"escaped", ";--8<-- \"members.md\"\n", "--8<-- \"members.md\"\n"},
		{"escaped block", ";--8<--\n", "--8<--\n"},
		{"no line break at the end", "--8<-- \"noeol.md\"\nnext\n", "no line break\nnext\n"},
		{"CRLF", "x\r\n--8<-- \"crlf.md\"\r\ny\r\n", "x\r\na\r\nb\r\ny\r\n"},
		{"not a marker", "a --8<-- \"members.md\"\n--8<-- members.md\n--8<--\"x\"\n", "a --8<-- \"members.md\"\n--8<-- members.md\n--8<--\"x\"\n"},
		{"front matter left alone", "---\nx: --8<-- \"members.md\"\n---\n--8<-- \"members.md\"\n", "---\nx: --8<-- \"members.md\"\n---\n- Alice\n- Bob\n"},
		{"section markers stay in the page", "--8<-- [start:x]\n", "--8<-- [start:x]\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, _, probs := o.Expand("content/en/p.md", []byte(tt.in))
			if string(got) != tt.want || len(probs) > 0 {
				t.Errorf("Expand(%q) =\n%q, %v\nwant\n%q", tt.in, got, probs, tt.want)
			}
		})
	}
}

func TestNoMarkerNoCopy(t *testing.T) {
	o := &Options{FS: site(fixtures)}
	in := []byte("plain page\n")
	out, m, probs := o.Expand("p.md", in)
	if &out[0] != &in[0] || m != nil || probs != nil {
		t.Errorf("a page without snippets was copied or mapped")
	}
}

func problems(ps []*diag.Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Error())
	}
	return out
}

func TestErrors(t *testing.T) {
	o := &Options{FS: site(fixtures)}
	for _, tt := range []struct{ in, want string }{
		{"x\n  --8<-- \"missing.md\"\n", `p.md:2:3: snippet "missing.md" not found in includes`},
		{"--8<-- \"../secret.txt\"\n", `p.md:1:1: snippet "../secret.txt" not found in includes`},
		{"--8<-- \"includes/../secret.txt\"\n", `p.md:1:1: snippet "includes/../secret.txt" not found in includes`},
		{"--8<-- \"/etc/passwd\"\n", `p.md:1:1: snippet "/etc/passwd": not a relative path inside the site`},
		{"--8<-- \"https://example.org/x.md\"\n", `p.md:1:1: snippet "https://example.org/x.md": URLs are not included (a site reads nothing from other hosts)`},
		{"--8<-- \"cycle-a.md\"\n", `includes/cycle-b.md:2:1: snippet cycle: p.md → includes/cycle-a.md → includes/cycle-b.md → includes/cycle-a.md`},
		{"--8<-- \"sections.md:nope\"\n", `p.md:1:1: snippet "sections.md:nope": no section "nope" (a line --8<-- [start:nope])`},
		{"--8<-- \"lines.md:3:2\"\n", `p.md:1:1: snippet "lines.md:3:2": line range "3:2" ends before it starts`},
		{"--8<-- \"lines.md:x:2\"\n", `p.md:1:1: snippet "lines.md:x:2": no section "x:2" (a line --8<-- [start:x:2])`},
		{"--8<--\nmembers.md\n", `p.md:1:1: --8<-- block not closed: end the list of files with a line --8<--`},
		{"--8<--\nmembers.md\nmissing.md\n--8<--\n", `p.md:3:1: snippet "missing.md" not found in includes`},
	} {
		_, _, probs := o.Expand("p.md", []byte(tt.in))
		if got := strings.Join(problems(probs), "\n"); got != tt.want {
			t.Errorf("Expand(%q):\n%s\nwant\n%s", tt.in, got, tt.want)
		}
	}
}

// TestPositions checks that every byte of an expanded page maps back to
// the file and line it was written at.
func TestPositions(t *testing.T) {
	o := &Options{FS: site(fixtures)}
	in := "# Page\n\n    --8<-- \"nested.md\"\n\nend\n"
	out, m, probs := o.Expand("p.md", []byte(in))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	for _, tt := range []struct {
		text string
		want string
	}{
		{"# Page", "p.md:1:1"},
		{"before", "includes/nested.md:1:1"},
		{"Bob", "includes/members.md:2:3"},
		{"after", "includes/nested.md:3:1"},
		{"end", "p.md:5:1"},
	} {
		off := strings.Index(string(out), tt.text)
		if got := m.Pos(off).String(); got != tt.want {
			t.Errorf("%q at %s, want %s", tt.text, got, tt.want)
		}
	}
	if got := fmt.Sprint(m.Files()); got != "[includes/members.md includes/nested.md]" {
		t.Errorf("Files() = %s", got)
	}
}

func TestAppend(t *testing.T) {
	o := &Options{FS: site(fixtures), Append: []string{"abbr.md"}}
	got, m, probs := o.Expand("p.md", []byte("E2EE page"))
	if want := "E2EE page\n\n*[E2EE]: End-to-end encryption\n"; string(got) != want || len(probs) > 0 {
		t.Errorf("got %q, %v; want %q", got, probs, want)
	}
	if p := m.Pos(strings.Index(string(got), "End")).String(); p != "includes/abbr.md:1:10" {
		t.Errorf("appended text at %s", p)
	}
}

func TestCheck(t *testing.T) {
	for _, tt := range []struct {
		o    Options
		want string
	}{
		{Options{}, ""},
		{Options{Base: []string{"includes", "snippets"}, Append: []string{"abbr.md"}}, ""},
		{Options{Base: []string{"../x"}}, `snippets.base: "../x" is not a directory of the site (a relative path without ..)`},
		{Options{Base: []string{"content/en/inc"}}, `snippets.base: "content/en/inc" is inside content/, whose files are pages; use a directory of its own such as includes`},
		{Options{Append: []string{"nope.md"}}, `snippets.append: snippet "nope.md" not found in includes`},
	} {
		tt.o.FS = site(fixtures)
		err := tt.o.Check()
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("Check(%v) = %q, want %q", tt.o.Base, got, tt.want)
		}
	}
}

// TestWorkBounded checks that files including each other many times over
// meet a limit instead of multiplying the work: ten files, each including
// the next ten times, would be 10^10 includes.
func TestWorkBounded(t *testing.T) {
	files := map[string]string{}
	for i := range 10 {
		files[fmt.Sprintf("includes/f%d.md", i)] = strings.Repeat(fmt.Sprintf("--8<-- \"f%d.md\"\n", i+1), 10)
	}
	files["includes/f10.md"] = ""
	o := &Options{FS: site(files)}
	_, _, probs, steps := o.expand("p.md", []byte("--8<-- \"f0.md\"\n"))
	if len(probs) != 1 || !strings.Contains(probs[0].Msg, "more than") {
		t.Errorf("problems %v", problems(probs))
	}
	if steps > MaxLines+2 {
		t.Errorf("%d lines processed, past the limit %d", steps, MaxLines)
	}
}

func TestDepthLimit(t *testing.T) {
	files := map[string]string{}
	for i := range MaxDepth + 5 {
		files[fmt.Sprintf("includes/d%d.md", i)] = fmt.Sprintf("--8<-- \"d%d.md\"\n", i+1)
	}
	o := &Options{FS: site(files)}
	_, _, probs := o.Expand("p.md", []byte("--8<-- \"d0.md\"\n"))
	if len(probs) != 1 || !strings.Contains(probs[0].Error(), "snippets nested deeper than 32 levels") {
		t.Errorf("problems %v", problems(probs))
	}
}

func TestSizeLimit(t *testing.T) {
	big := strings.Repeat("x", 1<<20) + "\n"
	o := &Options{FS: site(map[string]string{"includes/big.md": big})}
	_, _, probs := o.Expand("p.md", []byte(strings.Repeat("--8<-- \"big.md\"\n", 5)))
	if len(probs) != 1 || !strings.Contains(probs[0].Msg, "larger than 4 MiB") {
		t.Errorf("problems %v", problems(probs))
	}
}
