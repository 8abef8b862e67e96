// Package render turns pages into HTML documents with html/template
// layouts. Templates are parsed once, cloned once per locale (so that T
// speaks that locale), and then executed concurrently. Tlang "id" gives the
// language of a UI string that fell back to the default locale ("" when
// it did not), for the lang attribute of the element that holds it. Every
// T and Tlang call with a constant id is checked when the templates are
// loaded (strings.go). Once a locale's set is escaped, the actions that
// depend only on the locale (its UI strings) are folded into text
// (fold.go), and the set is compiled for a fast executor (exec.go) that
// writes what html/template would, without its reflection, and leaves to
// html/template the sets and the pages it does not cover.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/i18n"
)

// Dir is the directory of the templates in a site.
const Dir = "templates"

// Required layouts: every site has them (the bundled ones at least).
var requiredLayouts = []string{"base", "page", "home", "404"}

// Templates are the parsed layouts of a site.
type Templates struct {
	// sets[layout][locale]
	sets map[string]map[string]*template.Template
	// progs[layout][locale] are the sets compiled for the fast executor
	// (exec.go); nil for a set that it does not cover.
	progs map[string]map[string]*program
	// scratch holds the output of the fast executor for a writer that
	// cannot drop what it wrote when the executor gives a page up.
	scratch sync.Pool
}

// Load parses base.html, partials/**.html and every other top-level
// *.html file (a layout) from fsys, once per layout, then clones each set
// per locale with that locale's T function.
func Load(fsys fs.FS, cat *i18n.Catalog, locales []string) (*Templates, error) {
	return load(fsys, cat, locales, true, true)
}

// load is Load, with the folding of the locale's UI strings (fold.go)
// when folded is true, and the fast executor (exec.go) when fast is.
func load(fsys fs.FS, cat *i18n.Catalog, locales []string, folded, fast bool) (*Templates, error) {
	var layouts, partials []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".html") {
			return nil
		}
		switch {
		case strings.HasPrefix(p, "partials/"):
			partials = append(partials, p)
		case !strings.Contains(p, "/") && p != "base.html":
			layouts = append(layouts, strings.TrimSuffix(p, ".html"))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, l := range requiredLayouts {
		if _, err := fs.Stat(fsys, l+".html"); err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				return nil, err
			}
			return nil, diag.Errorf(diag.Pos{File: Dir + "/" + l + ".html"}, "required template is missing")
		}
	}
	base := template.New("base.html").Funcs(placeholderFuncs)
	if err := parseFiles(base, fsys, append([]string{"base.html"}, partials...)); err != nil {
		return nil, err
	}
	var undefined diag.List
	checkStrings(base, cat, nil, &undefined)
	t := &Templates{sets: map[string]map[string]*template.Template{}, progs: map[string]map[string]*program{}}
	var esc map[string]func(string) (string, bool)
	if folded {
		esc = escapers()
	}
	fast = fast && escapersAgree()
	for _, layout := range layouts {
		set, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if err := parseFiles(set, fsys, []string{layout + ".html"}); err != nil {
			return nil, err
		}
		checkStrings(set, cat, []string{layout + ".html"}, &undefined)
		t.sets[layout] = map[string]*template.Template{}
		t.progs[layout] = map[string]*program{}
		for _, loc := range locales {
			c, err := set.Clone()
			if err != nil {
				return nil, err
			}
			tr := cat.Translator(loc)
			c.Funcs(template.FuncMap{"T": tr.T, "Tlang": tr.Lang})
			if folded {
				fold(c, tr, esc)
			}
			t.sets[layout][loc] = c
			if fast && escape(c) {
				t.progs[layout][loc] = compile(c, tr)
			}
		}
	}
	if err := undefined.Err(); err != nil {
		return nil, err
	}
	return t, nil
}

// placeholderFuncs declare the functions at parse time; Load replaces them
// per locale.
var placeholderFuncs = template.FuncMap{
	"T": func(string, ...any) (string, error) {
		return "", fmt.Errorf("the T function was called before a locale was set")
	},
	"Tlang": func(string) string { return "" },
}

func parseFiles(t *template.Template, fsys fs.FS, names []string) error {
	for _, name := range names {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		var tt *template.Template
		if name == t.Name() {
			tt = t
		} else {
			tt = t.New(name)
		}
		if _, err := tt.Parse(string(src)); err != nil {
			return fmt.Errorf("%s/%s", Dir, trimTemplatePrefix(err.Error()))
		}
	}
	return nil
}

// Has reports whether a layout exists.
func (t *Templates) Has(layout string) bool {
	_, ok := t.sets[layout]
	return ok
}

// Execute renders data with a layout in a locale.
func (t *Templates) Execute(w io.Writer, layout, locale string, data any) error {
	set := t.sets[layout][locale]
	if set == nil {
		return fmt.Errorf("no layout %q for locale %q", layout, locale)
	}
	if p := t.progs[layout][locale]; p != nil {
		if done, err := t.runFast(w, p, data); done {
			if err != nil {
				return fmt.Errorf("%s/%s", Dir, err)
			}
			return nil
		}
	}
	if err := set.ExecuteTemplate(w, "base.html", data); err != nil {
		return fmt.Errorf("%s/%s", Dir, trimTemplatePrefix(err.Error()))
	}
	return nil
}

// truncater is a writer that can drop what was written last
// (bytes.Buffer).
type truncater interface {
	fastWriter
	Len() int
	Truncate(n int)
}

// runFast renders data with the fast executor into w, and reports
// whether it did (err is then w's error, if any): when it gives the page
// up, w is as it was.
func (t *Templates) runFast(w io.Writer, p *program, data any) (done bool, err error) {
	if tw, ok := w.(truncater); ok {
		n := tw.Len()
		if err := p.run(tw, data); err != nil {
			tw.Truncate(n)
			return false, nil
		}
		return true, nil
	}
	buf, _ := t.scratch.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer func() {
		buf.Reset()
		t.scratch.Put(buf)
	}()
	if err := p.run(buf, data); err != nil {
		return false, nil
	}
	_, err = w.Write(buf.Bytes())
	return true, err
}

// escape makes html/template escape set, as executing base.html does,
// and reports whether it could.
func escape(set *template.Template) bool {
	return set.ExecuteTemplate(stopWriter{}, "base.html", nil) == errStop
}

// Layouts returns the names of the layouts, sorted.
func (t *Templates) Layouts() []string {
	var out []string
	for l := range t.sets {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

// trimTemplatePrefix removes the package prefix of a template error,
// "template: " (text/template) or "html/template:" (html/template's
// escaper), leaving "partials/footer.html:1:11: ...".
func trimTemplatePrefix(msg string) string {
	if rest, ok := strings.CutPrefix(msg, "html/template:"); ok {
		return rest
	}
	return strings.TrimPrefix(msg, "template: ")
}
