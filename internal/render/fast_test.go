package render

import (
	"bytes"
	"html/template"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/guidegen/guidegen/internal/markdown"
)

// fastPages are foldPages and pages with what the escapers change:
// markup, quotes, NUL, invalid UTF-8, unsafe and odd URLs.
func fastPages() []*Page {
	pages := foldPages()
	edge := *pages[0]
	edge.Title = "a<b>&\"'+\x00\xff é \ufdd0"
	edge.Description = "x&amp;y <i>z</i>"
	edge.MetaTitle = ""
	edge.URL = "javascript:alert(1)"
	edge.Canonical = "https://example.org/a b/%zz/%41?q=<x>&r='y'#f"
	edge.Nav = []NavItem{
		{Title: "Één", URL: "/nl/één/?a=1&b=2", Lang: "nl"},
		{Title: "<svg>", URL: "mailto:x@example.org", Lang: "en", Current: true, Status: "deprecated"},
		{Title: "p", URL: "HTTPS://X/y z", Lang: "nl", Icon: "<svg><path d=\"M0\"/></svg>"},
	}
	edge.TOC = []*markdown.TOCEntry{{ID: "a b", Text: "A & B", Children: []*markdown.TOCEntry{{ID: "ü\"x", Text: "<ü>", Lang: "en", Children: []*markdown.TOCEntry{{ID: "deep", Text: "Deep"}}}}}}
	edge.Reader.Prev = nil
	edge.Reader.Breadcrumbs = []Link{{Title: "S&t", URL: "/nl/", Lang: "nl"}, {Title: "Mid", URL: "/nl/m/", Lang: "en"}}
	edge.Reader.EditURL = "vbscript:x"
	edge.Reader.OGAlternates = nil
	edge.Languages = nil
	edge.ContentLang = "en"
	edge.Lang.Dir = "rtl"
	edge.SourceLang.Dir = "ltr"
	corpus := *pages[0]
	corpus.Fallback, corpus.Progress, corpus.ContentLang, corpus.TitleLang, corpus.DescriptionLang = false, nil, "nl", "", ""
	corpus.MetaTitle, corpus.Robots = "", ""
	corpus.Reader.Next = nil
	return append(pages, &edge, &corpus)
}

// overrideSite is the bundled templates with files of fs put over them.
func overrideSite(t *testing.T, files map[string]string) fs.FS {
	t.Helper()
	bundled := os.DirFS("../../templates")
	site := fstest.MapFS{}
	for name, text := range files {
		site[name] = &fstest.MapFile{Data: []byte(text)}
	}
	if err := fs.WalkDir(bundled, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if _, ok := site[p]; !ok {
			data, err := fs.ReadFile(bundled, p)
			site[p] = &fstest.MapFile{Data: data}
			return err
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return site
}

// exoticBase uses what the fast executor covers, in ways the bundled
// templates do not, and some of what makes it give a page up (an int
// given to an escaper, a nil pointer, HTML in an attribute).
const exoticBase = `<!doctype html><html lang="{{.Lang.Code}}" dir="{{.ContentDir}}">
{{- $k := .Kind}}{{$t := or .MetaTitle .Title}}<title>{{$t}} {{$k}}</title>
{{- if and .Fallback (not .HasH1)}}<p>fb {{.SourceLang.Name}}</p>{{else if eq .Kind "home"}}<p>home</p>{{else if ne .Kind "page"}}<p>other {{$k}}</p>{{end}}
{{- with .Robots}}<meta name="robots" content="{{.}}">{{else}}<meta name="robots" content="all">{{end}}
{{- range .Nav}}<a href="{{.URL}}" title="{{$.Title}}" data-k="{{$k}}"{{if .Current}} aria-current="page"{{end}}>{{.Title}}{{with .Icon}}{{.}}{{end}}{{with .Status}}<s>{{T (print "status." .)}}</s>{{end}}</a>{{else}}<p>no nav</p>{{end}}
{{- range .Reader.Breadcrumbs}}{{template "crumb" .}}{{end}}
{{- range .Languages}}<a hreflang="{{.Code}}" href="{{.URL}}">{{.Name}}{{if .Translated}}✓{{end}}</a>{{else}}<p>one language</p>{{end}}
<script src="{{.Asset "js/x.js"}}"></script>{{range .Site.CSS}}<link rel="stylesheet" href="{{$.Asset .}}">{{end}}
<p>{{print "a" .Kind "b"}} {{print}}</p><a href="/search?q={{.Title}}&amp;k={{$k}}">s</a><a href="{{.Reader.EditURL}}">e</a>
<p title="{{T "menu"}} {{Tlang "menu"}}">{{T "fallback_notice" "Language" .Lang.Name "Source" .SourceLang.Name}}</p>
{{- with .Reader}}{{with .Prev}}<a rel="prev" href="{{.URL}}">{{.Title}}</a>{{end}}{{if .Next}}<a rel="next" href="{{.Next.URL}}">{{.Next.Title}}</a>{{end}}{{end}}
{{- if .TOC}}{{template "toc-list" .TOC}}{{end}}
{{- if eq .Title "Pagina <1>"}}{{with .Progress}}<p>{{.Percent}}</p>{{end}}{{if .HasH1}}<div title="{{.ContentHead}}"></div>{{end}}{{end}}
<main>{{block "main" .}}{{end}}</main>{{template "partials/footer.html" .}}
{{- define "crumb"}}<a href="{{.URL}}"{{if $.Lang}} lang="{{$.Lang}}"{{end}}>{{.Title}}</a>{{end}}`

// TestFastSameOutput renders every page in every locale with the fast
// executor and with plain html/template: the bytes (or the error) are the
// same, with the bundled templates, with overrides of them and with
// templates that make the fast executor give some pages up.
func TestFastSameOutput(t *testing.T) {
	cat := foldCatalog(t)
	for _, tt := range []struct {
		name  string
		fsys  fs.FS
		every bool // the fast executor renders every page itself
	}{
		{"bundled", os.DirFS("../../templates"), true},
		{"override", overrideSite(t, map[string]string{
			"partials/footer.html": `<footer>{{with Tlang "menu"}}<b lang="{{.}}">{{.}}</b>{{else}}own{{end}}{{$.Lang.Name}}</footer>`,
			"partials/toc.html":    `<nav>{{template "toc-list" .TOC}}</nav>{{define "toc-list"}}<ul>{{range .}}<li><a href="#{{.ID}}">{{.Text}}</a>{{with .Children}}{{template "toc-list" .}}{{end}}</li>{{end}}</ul>{{end}}`,
		}), true},
		{"exotic", overrideSite(t, map[string]string{"base.html": exoticBase}), false},
		{"nil pointer", overrideSite(t, map[string]string{"partials/footer.html": `<p>{{.Reader.Prev.Title}}</p>`}), false},
		{"T error", overrideSite(t, map[string]string{"partials/footer.html": `<p>{{T (print "status." .Kind)}}</p>`}), false},
		{"not covered", overrideSite(t, map[string]string{"partials/footer.html": `<p>{{printf "%q" .Title}}</p><script>var t = {{.Title}};</script>`}), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			plain, err := load(tt.fsys, cat, []string{"en", "nl"}, false, false)
			if err != nil {
				t.Fatal(err)
			}
			for _, folded := range []bool{false, true} {
				fast, err := load(tt.fsys, cat, []string{"en", "nl"}, folded, true)
				if err != nil {
					t.Fatal(err)
				}
				for _, loc := range []string{"en", "nl"} {
					for i, p := range fastPages() {
						var a, b bytes.Buffer
						errA := fast.Execute(&a, p.Kind, loc, p)
						errB := plain.Execute(&b, p.Kind, loc, p)
						if errString(errA) != errString(errB) {
							t.Errorf("folded %v, %s page %d: error %v, html/template: %v", folded, loc, i, errA, errB)
						}
						if errA == nil && a.String() != b.String() {
							t.Errorf("folded %v, %s page %d: fast output differs:\n%s\nhtml/template:\n%s", folded, loc, i, a.String(), b.String())
						}
						if tt.every {
							prog := fast.progs[p.Kind][loc]
							if prog == nil {
								t.Fatalf("%s %s: not compiled", p.Kind, loc)
							}
							var c bytes.Buffer
							if err := prog.run(&c, p); err != nil {
								t.Errorf("folded %v, %s page %d: the fast executor gave it up", folded, loc, i)
							}
						}
					}
				}
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestFastCoverage: what the fast executor compiles and what it leaves
// to html/template, and which pages it gives up.
func TestFastCoverage(t *testing.T) {
	cat := foldCatalog(t)
	page := fastPages()[1] // plain: no Progress, no Reader.Prev
	for _, tt := range []struct {
		footer             string
		compiled, finishes bool
	}{
		{`<p>{{.Title}}</p>`, true, true},
		{`{{$x := .Title}}{{with $x}}<p title="{{.}}">{{$x}}</p>{{end}}`, true, true},
		{`{{range .Nav}}{{.Title}}{{else}}none{{end}}`, true, true},
		{`<a href="?q={{.Title}}">{{T "menu"}}</a>`, true, true},
		{`{{.Reader.Prev.Title}}`, true, false},                 // nil pointer: html/template's error
		{`{{.Progress}}`, true, false},                          // a pointer given to an escaper
		{`<p title="{{.Content}}"></p>`, true, false},           // HTML in an attribute
		{`{{T .Kind}}`, true, false},                            // T fails
		{`{{printf "%s" .Title}}`, false, false},                // printf
		{`{{range $i, $e := .Nav}}{{$i}}{{end}}`, false, false}, // range variables
		{`<script>var x = {{.Title}};</script>`, false, false},  // JS escaper
		{`{{range .Nav}}{{break}}{{end}}`, false, false},
		{`{{$x := 1}}{{$x = 2}}`, false, false},
	} {
		tmpl, err := load(overrideSite(t, map[string]string{"partials/footer.html": tt.footer}), cat, []string{"en"}, true, true)
		if err != nil {
			t.Fatal(err)
		}
		prog := tmpl.progs["page"]["en"]
		if (prog != nil) != tt.compiled {
			t.Errorf("%s: compiled %v", tt.footer, prog != nil)
			continue
		}
		if prog == nil {
			continue
		}
		var b bytes.Buffer
		if err := prog.run(&b, page); (err == nil) != tt.finishes {
			t.Errorf("%s: fast executor: %v", tt.footer, err)
		}
	}
}

// TestFastGivesUpCleanly: when the fast executor gives a page up, what it
// wrote is dropped, in a buffer that already held text and in a writer
// that cannot drop anything.
func TestFastGivesUpCleanly(t *testing.T) {
	cat := foldCatalog(t)
	site := overrideSite(t, map[string]string{"partials/footer.html": `<p>{{with .Progress}}{{.Percent}}{{end}}</p>`})
	fast, err := load(site, cat, []string{"en", "nl"}, true, true)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := load(site, cat, []string{"en", "nl"}, true, false)
	if err != nil {
		t.Fatal(err)
	}
	p := foldPages()[0] // has Progress
	if prog := fast.progs["page"]["nl"]; prog == nil || prog.run(new(bytes.Buffer), p) != errBail {
		t.Fatal("the fast executor does not give the page up")
	}
	var want bytes.Buffer
	want.WriteString("before|")
	if err := plain.Execute(&want, "page", "nl", p); err != nil {
		t.Fatal(err)
	}
	buf := bytes.NewBufferString("before|")
	if err := fast.Execute(buf, "page", "nl", p); err != nil {
		t.Fatal(err)
	}
	var w strings.Builder
	w.WriteString("before|")
	if err := fast.Execute(onlyWriter{&w}, "page", "nl", p); err != nil {
		t.Fatal(err)
	}
	for _, got := range []string{buf.String(), w.String()} {
		if got != want.String() {
			t.Errorf("got:\n%s\nwant:\n%s", got, want.String())
		}
	}
}

type onlyWriter struct{ w io.Writer }

func (o onlyWriter) Write(p []byte) (int, error) { return o.w.Write(p) }

// TestFastConcurrent renders pages from several goroutines (for the race
// detector: the executor caches field lookups).
func TestFastConcurrent(t *testing.T) {
	cat := foldCatalog(t)
	tmpl, err := load(os.DirFS("../../templates"), cat, []string{"en", "nl"}, true, true)
	if err != nil {
		t.Fatal(err)
	}
	pages := fastPages()
	want := make([]string, len(pages))
	for i, p := range pages {
		var b bytes.Buffer
		if err := tmpl.Execute(&b, p.Kind, "nl", p); err != nil {
			t.Fatal(err)
		}
		want[i] = b.String()
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for j := range 20 {
				i := (g + j) % len(pages)
				var b bytes.Buffer
				if err := tmpl.Execute(&b, pages[i].Kind, "nl", pages[i]); err != nil || b.String() != want[i] {
					t.Errorf("page %d: %v", i, err)
				}
			}
		})
	}
	wg.Wait()
}

// TestEscapersAgree compares the fast escapers with html/template's on
// random strings of the bytes that escapers care about.
func TestEscapersAgree(t *testing.T) {
	const alphabet = "aZ09 -._~!#$&*+,/:;=?@[]%'\"<>\x00\t\n\\()éü\ufdd0\ufffe\xff\xc3"
	runes := []rune(alphabet)
	runes = append(runes, 0xfdd0, 0xffff)
	r := rand.New(rand.NewPCG(1, 2))
	probes := []string{"javascript:x", "JavaScript:x", "http:x", "mailto:", "a/b:c", "%4", "%4g", "%41", "\xff"}
	for range 3000 {
		var b strings.Builder
		for range r.IntN(12) {
			if r.IntN(9) == 0 {
				b.WriteByte(alphabet[r.IntN(len(alphabet))]) // perhaps half a rune
			} else {
				b.WriteRune(runes[r.IntN(len(runes))])
			}
		}
		probes = append(probes, b.String())
	}
	if msg := escapersAgreeOn(probes); msg != "" {
		t.Error(msg)
	}
	if !escapersAgree() {
		t.Error("escapersAgree is false")
	}
}

// FuzzEscapers compares the fast escapers with html/template's.
func FuzzEscapers(f *testing.F) {
	for _, s := range escaperProbes {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if msg := escapersAgreeOn([]string{s}); msg != "" {
			t.Error(msg)
		}
	})
}

// methodData is data of another type than Page, with methods of value
// and pointer receivers, with arguments and errors.
type methodData struct {
	Name  string
	Inner methodInner
	Ptr   *methodInner
	Items []methodInner
	Fail  bool
}

type methodInner struct{ N string }

func (m methodInner) Upper() string            { return strings.ToUpper(m.N) }
func (m *methodInner) Wrap(a, b string) string { return a + m.N + b }
func (d *methodData) Greet(who string) string  { return "hello " + who + " from " + d.Name }
func (d *methodData) Check() (string, error) {
	if d.Fail {
		return "", io.ErrUnexpectedEOF
	}
	return "ok<", nil
}

// TestFastMethods: methods called through reflection (not Page's) give
// what html/template gives, or make the executor give the page up.
func TestFastMethods(t *testing.T) {
	cat := foldCatalog(t)
	site := fstest.MapFS{
		"base.html": {Data: []byte(`<p title="{{.Greet .Name}}">{{.Inner.Upper}} {{.Inner.Wrap "[" "]"}} {{.Check}}</p>` +
			`{{range .Items}}<i>{{.Upper}}{{.Wrap "(" ")"}}</i>{{end}}{{with .Ptr}}{{.Wrap "<" ">"}}{{.Upper}}{{end}}`)},
		"page.html": {Data: []byte(`{{define "main"}}{{end}}`)},
		"home.html": {Data: []byte(`{{define "main"}}{{end}}`)},
		"404.html":  {Data: []byte(`{{define "main"}}{{end}}`)},
	}
	fast, err := load(site, cat, []string{"en"}, true, true)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := load(site, cat, []string{"en"}, true, false)
	if err != nil {
		t.Fatal(err)
	}
	if fast.progs["page"]["en"] == nil {
		t.Fatal("not compiled")
	}
	for i, d := range []*methodData{
		{Name: "a&b", Inner: methodInner{"x'y"}, Items: []methodInner{{"i"}, {"j"}}, Ptr: &methodInner{"p"}},
		{Name: "n", Fail: true},
	} {
		var a, b bytes.Buffer
		errA := fast.Execute(&a, "page", "en", d)
		errB := plain.Execute(&b, "page", "en", d)
		if errString(errA) != errString(errB) || a.String() != b.String() {
			t.Errorf("data %d: %q, %v; html/template: %q, %v", i, a.String(), errA, b.String(), errB)
		}
		if i == 0 {
			var c bytes.Buffer
			if err := fast.progs["page"]["en"].run(&c, d); err != nil {
				t.Errorf("data %d: given up", i)
			}
		}
	}
}

// FuzzFastSameOutput renders a page whose texts and URLs are the fuzzer's
// with the bundled templates, fast and through html/template.
func FuzzFastSameOutput(f *testing.F) {
	cat := foldCatalog(f)
	fast, err := load(os.DirFS("../../templates"), cat, []string{"en", "nl"}, true, true)
	if err != nil {
		f.Fatal(err)
	}
	plain, err := load(os.DirFS("../../templates"), cat, []string{"en", "nl"}, false, false)
	if err != nil {
		f.Fatal(err)
	}
	f.Add("Pagina <1>", "/nl/a/", "x&y", "nl", "https://example.org/edit?x=1&y=2", true)
	f.Add("\x00\xff'\"+", "javascript:x", "%zz é", "", "mailto:a", false)
	f.Fuzz(func(t *testing.T, title, url, text, lang, edit string, h1 bool) {
		for _, base := range fastPages() {
			p := *base
			p.Title, p.URL, p.Description, p.TitleLang, p.HasH1 = title, url, text, lang, h1
			p.Nav = append(slices.Clone(p.Nav), NavItem{Title: text, URL: url, Lang: lang, Status: "new"})
			p.TOC = append(slices.Clone(p.TOC), &markdown.TOCEntry{ID: text, Text: title, Lang: lang})
			p.Reader.EditURL, p.Reader.Breadcrumbs = edit, append(slices.Clone(p.Reader.Breadcrumbs), Link{Title: title, URL: edit, Lang: lang})
			p.Content = template.HTML(text)
			for _, loc := range []string{"en", "nl"} {
				var a, b bytes.Buffer
				errA := fast.Execute(&a, p.Kind, loc, &p)
				errB := plain.Execute(&b, p.Kind, loc, &p)
				if errString(errA) != errString(errB) || errA == nil && a.String() != b.String() {
					t.Fatalf("%s %s: fast %v:\n%s\nhtml/template %v:\n%s", loc, p.Kind, errA, a.String(), errB, b.String())
				}
			}
		}
	})
}

// TestFastNumberConstants: text/template makes a float64 of 1.0 or 1e3
// and a complex128 of 0i, which eq does not compare with an int: the
// fast executor must not take them for ints.
func TestFastNumberConstants(t *testing.T) {
	cat := foldCatalog(t)
	page := fastPages()[1]
	for _, footer := range []string{
		`{{if eq 1.0 1}}yes{{end}}`,
		`{{if eq 1e3 1000}}yes{{end}}`,
		`{{if eq 0i 0}}yes{{end}}`,
		`{{if eq 0x10 16}}yes{{end}}`,
		`{{if eq '.' 46}}yes{{end}}`,
		`{{if ne -0xE 0}}yes{{end}}`,
	} {
		site := overrideSite(t, map[string]string{"partials/footer.html": footer})
		fast, err := load(site, cat, []string{"en"}, true, true)
		if err != nil {
			t.Fatal(err)
		}
		plain, err := load(site, cat, []string{"en"}, false, false)
		if err != nil {
			t.Fatal(err)
		}
		var a, b bytes.Buffer
		errA := fast.Execute(&a, page.Kind, "en", page)
		errB := plain.Execute(&b, page.Kind, "en", page)
		if errString(errA) != errString(errB) || errA == nil && a.String() != b.String() {
			t.Errorf("%s: fast %v, html/template %v", footer, errA, errB)
		}
	}
}

// twoTypes gives the template "x" values of two types, in which X is a
// field at another index, or a method, and V a method of a value or of
// a pointer receiver.
type twoTypes struct {
	A xFirst
	B *xSecond
	C xThird
}

type xFirst struct{ X, Y string }

func (x xFirst) V() string { return "v1" + x.Y }

type xSecond struct {
	Y string
	X string
}

func (x *xSecond) V() string { return "v2" + x.Y }

type xThird struct{ Y string }

func (x xThird) X() string { return "m" + x.Y }
func (x xThird) V() string { return "v3" }

// TestFastTypesAtOneStep: a field chain meets values of several types
// (the executor caches the last one's lookup), from several goroutines.
func TestFastTypesAtOneStep(t *testing.T) {
	cat := foldCatalog(t)
	site := fstest.MapFS{
		"base.html": {Data: []byte(`<p>{{template "x" .A}}|{{template "x" .B}}|{{template "x" .C}}|{{template "x" .A}}</p>` +
			`{{define "x"}}{{.X}}-{{.V}}{{end}}`)},
		"page.html": {Data: []byte(`{{define "main"}}{{end}}`)},
		"home.html": {Data: []byte(`{{define "main"}}{{end}}`)},
		"404.html":  {Data: []byte(`{{define "main"}}{{end}}`)},
	}
	fast, err := load(site, cat, []string{"en"}, true, true)
	if err != nil {
		t.Fatal(err)
	}
	if fast.progs["page"]["en"] == nil {
		t.Fatal("not compiled")
	}
	d := &twoTypes{A: xFirst{X: "a<", Y: "y"}, B: &xSecond{Y: "z", X: "b&"}, C: xThird{Y: "c"}}
	const want = `<p>a&lt;-v1y|b&amp;-v2z|mc-v3|a&lt;-v1y</p>`
	plain, err := load(site, cat, []string{"en"}, false, false)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := plain.Execute(&b, "page", "en", d); err != nil || b.String() != want {
		t.Fatalf("html/template: %q, %v; want %q", b.String(), err, want)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 50 {
				var b bytes.Buffer
				if err := fast.progs["page"]["en"].run(&b, d); err != nil || b.String() != want {
					t.Errorf("%q, %v; want %q", b.String(), err, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestFastTMemo: a call of T with arguments gives, for each page, what
// html/template gives, when the same arguments come back (its result is
// then remembered) and when they change, one at a time.
func TestFastTMemo(t *testing.T) {
	cat := foldCatalog(t)
	fsys := overrideSite(t, map[string]string{"partials/footer.html": `<p>{{T "fallback_notice" "Language" .Lang.Name "Source" .SourceLang.Name}}</p>` +
		`{{with .Progress}}<p>{{T "translation_progress" .Untranslated "Percent" .Percent}}</p>{{end}}`})
	plain, err := load(fsys, cat, []string{"en", "nl"}, false, false)
	if err != nil {
		t.Fatal(err)
	}
	fast, err := load(fsys, cat, []string{"en", "nl"}, true, true)
	if err != nil {
		t.Fatal(err)
	}
	base := *foldPages()[0]
	var pages []*Page
	for _, v := range []struct {
		lang, source string
		untr, pct    int
	}{
		{"Nederlands", "English", 2, 50}, {"Nederlands", "English", 2, 50},
		{"Nederlands", "English", 1, 50}, {"Nederlands", "English", 2, 51},
		{"Nederlands", "Deutsch", 2, 50}, {"Frysk", "English", 2, 50},
		{"English", "Nederlands", 2, 50}, {"Nederlands", "English", 2, 50},
		{"", "", 0, 0}, {"", "", 0, 0},
	} {
		p := base
		p.Lang.Name, p.SourceLang.Name = v.lang, v.source
		p.Progress = &Progress{Untranslated: v.untr, Percent: v.pct}
		pages = append(pages, &p)
	}
	for _, loc := range []string{"en", "nl"} {
		for i, p := range pages {
			var a, b bytes.Buffer
			errA := fast.Execute(&a, p.Kind, loc, p)
			errB := plain.Execute(&b, p.Kind, loc, p)
			if errString(errA) != errString(errB) || a.String() != b.String() {
				t.Errorf("%s page %d: fast %v\n%s\nhtml/template %v\n%s", loc, i, errA, a.String(), errB, b.String())
			}
		}
	}
}

// TestMemoKey: the keys of T's results tell apart what T does, and
// there is none for an argument of another type than string and int.
func TestMemoKey(t *testing.T) {
	type count int
	key := func(vals ...any) string {
		k := appendMemoKey(make([]byte, 0, 8), reflect.ValueOf("id"))
		for _, v := range vals {
			k = appendMemoKey(k, reflect.ValueOf(v))
		}
		if k == nil {
			return "none"
		}
		return string(k)
	}
	for _, tt := range []struct {
		a, b []any
		same bool
	}{
		{[]any{"a", "b"}, []any{"a", "b"}, true},
		{[]any{1, "P", 2}, []any{1, "P", 2}, true},
		{[]any{"ab", "c"}, []any{"a", "bc"}, false},
		{[]any{"1"}, []any{1}, false},
		{[]any{1, 2}, []any{12}, false},
		{[]any{count(1)}, []any{"none"}, false},
		{[]any{int64(1)}, []any{1}, false},
	} {
		if got := key(tt.a...) == key(tt.b...); got != tt.same {
			t.Errorf("%v and %v: same key %v (%q, %q)", tt.a, tt.b, got, key(tt.a...), key(tt.b...))
		}
	}
	for _, v := range []any{count(1), int64(1), 1.5, map[string]any{}, nil} {
		if k := key(v); k != "none" {
			t.Errorf("%T: key %q", v, k)
		}
	}
}
