package keys_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"

	"github.com/guidegen/guidegen/internal/htmlcheck"
	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/keys"
	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

func TestGolden(t *testing.T) { mdtest.Golden(t, mdtest.New()) }

// TestKeys: the expected HTML is pymdownx.keys' markup with its default
// options (separator "+", class "keys", strict off), as MkDocs Material
// uses it.
func TestKeys(t *testing.T) {
	m := mdtest.New()
	for _, tt := range []struct{ src, want string }{
		{"++ctrl+alt+del++", `<span class="keys"><kbd class="key-control">Ctrl</kbd><span>+</span><kbd class="key-alt">Alt</kbd><span>+</span><kbd class="key-delete">Del</kbd></span>`},
		{"++enter++", `<span class="keys"><kbd class="key-enter">Enter</kbd></span>`},
		{"++cmd+shift+p++", `<span class="keys"><kbd class="key-command">Cmd</kbd><span>+</span><kbd class="key-shift">Shift</kbd><span>+</span><kbd class="key-p">P</kbd></span>`},
		{"++pgup++ ++page-up++", `<span class="keys"><kbd class="key-page-up">Page Up</kbd></span> <span class="keys"><kbd class="key-page-up">Page Up</kbd></span>`},
		{"++f5++ ++num0++", `<span class="keys"><kbd class="key-f5">F5</kbd></span> <span class="keys"><kbd class="key-num0">Num 0</kbd></span>`},
		{"++ctrl+\"My Key\"++", `<span class="keys"><kbd class="key-control">Ctrl</kbd><span>+</span><kbd>My Key</kbd></span>`},
		{"++'<b>'++", `<span class="keys"><kbd>&lt;b&gt;</kbd></span>`},
		{`++"a \"q\""++`, `<span class="keys"><kbd>a &quot;q&quot;</kbd></span>`},
		{"++less+greater++", `<span class="keys"><kbd class="key-less">&lt;</kbd><span>+</span><kbd class="key-greater">&gt;</kbd></span>`},
		{"++Ctrl+hyperkey++", `<span class="keys"><kbd>Ctrl</kbd><span>+</span><kbd>hyperkey</kbd></span>`},
		{"Press ++ctrl+c++ to copy.", `Press <span class="keys"><kbd class="key-control">Ctrl</kbd><span>+</span><kbd class="key-c">C</kbd></span> to copy.`},
		// not keys
		{"a ++ b ++ c", "a ++ b ++ c"},
		{"++ctrl+alt++del", `<span class="keys"><kbd class="key-control">Ctrl</kbd><span>+</span><kbd class="key-alt">Alt</kbd></span>del`},
		{"++ctrl + alt++", "++ctrl + alt++"},
		{"++ctrl+", "++ctrl+"},
		{"++ctrl", "++ctrl"},
		{"++\"\"++", "++&quot;&quot;++"},
		{"\\++ctrl++", "++ctrl++"},
		{"`++ctrl++`", "<code>++ctrl++</code>"},
		{"C++ and C++", "C++ and C++"},
		{"++" + strings.Repeat("a+", keys.MaxKeys) + "a++", "++" + strings.Repeat("a+", keys.MaxKeys) + "a++"},
	} {
		got, _ := mdtest.Render(t, m, tt.src)
		got = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSuffix(got, "\n"), "<p>"), "</p>")
		if got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

func TestPlainHasNoKeys(t *testing.T) {
	m := mdtest.New(func(o *markdown.Options) { o.Plain = true })
	if got, _ := mdtest.Render(t, m, "++ctrl++\n"); got != "<p>++ctrl++</p>\n" {
		t.Errorf("plain: %s", got)
	}
}

func TestLookup(t *testing.T) {
	for name, want := range map[string]string{"ctrl": "control|Ctrl", "del": "delete|Del", "space": "space|Space", "return": "enter|Enter", "nope": "|"} {
		c, l, ok := keys.Lookup(name)
		if got := c + "|" + l; ok && got != want || !ok && want != "|" {
			t.Errorf("Lookup(%q) = %q %v, want %q", name, got, ok, want)
		}
	}
}

// TestWorkIsLinear: unclosed "++" with keys that hold "++" is scanned
// again from every "++" within; the bounds on keys keep that linear.
func TestWorkIsLinear(t *testing.T) {
	for name, shape := range map[string]func(n int) string{
		"quoted pluses":  func(n int) string { return "++" + strings.Repeat(`"++"+`, n) + "x\n" },
		"unclosed names": func(n int) string { return strings.Repeat("++a+b+c ", n) },
		"long name":      func(n int) string { return strings.Repeat(`++"++"+`+strings.Repeat("a", n), 3) + "\n" },
		"many keys":      func(n int) string { return "++" + strings.Repeat("a+", n) + "a++\n" },
	} {
		t.Run(name, func(t *testing.T) {
			small, large := work(t, shape(200)), work(t, shape(2000))
			if large > 10*small+100 {
				t.Errorf("200: %d bytes scanned, 2000: %d (more than linear)", small, large)
			}
		})
	}
}

func work(t *testing.T, src string) int {
	var w int
	var b bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(keys.Counting(&w))).Convert([]byte(src), &b); err != nil {
		t.Fatal(err)
	}
	if err := htmlcheck.WellFormed(b.String()); err != nil {
		t.Fatal(err)
	}
	return w
}

func FuzzKeys(f *testing.F) {
	mdtest.Fuzz(f, "++ctrl+alt+del++", `++"a"+'b'++`, "++a++b++c++", `++"\"++"++`, "++ctrl+\r\n++", "*++a++*", "[++a++](b)")
}
