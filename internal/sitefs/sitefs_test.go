package sitefs

import (
	"io/fs"
	"slices"
	"testing"
	"testing/fstest"
)

func TestLayered(t *testing.T) {
	site := fstest.MapFS{
		"templates/page.html":           {Data: []byte("site page")},
		"templates/partials/extra.html": {Data: []byte("site extra")},
	}
	theme := fstest.MapFS{
		"templates/page.html":            {Data: []byte("theme page")},
		"templates/base.html":            {Data: []byte("theme base")},
		"templates/partials/footer.html": {Data: []byte("theme footer")},
	}
	s := &Site{FS: site, Theme: theme}
	l := s.Sub("templates")
	for name, want := range map[string]string{
		"page.html": "site page", "base.html": "theme base", "partials/footer.html": "theme footer", "partials/extra.html": "site extra",
	} {
		b, err := fs.ReadFile(l, name)
		if err != nil || string(b) != want {
			t.Errorf("%s = %q, %v; want %q", name, b, err, want)
		}
	}
	var names []string
	err := fs.WalkDir(l, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"base.html", "page.html", "partials/extra.html", "partials/footer.html"}
	if !slices.Equal(names, want) {
		t.Errorf("walk = %v, want %v", names, want)
	}
	if _, err := l.Open("missing.html"); err == nil {
		t.Error("missing file opened")
	}
	if err := fstest.TestFS(l, want...); err != nil {
		t.Error(err)
	}
}

func TestBundledHasOneLayer(t *testing.T) {
	b := fstest.MapFS{"assets/a.css": {Data: []byte("x")}}
	s := &Site{FS: b, Theme: b, Bundled: true}
	if l := s.Sub("assets").(Layered); len(l) != 1 {
		t.Errorf("bundled site has %d layers", len(l))
	}
}

func TestMount(t *testing.T) {
	m := Mount("assets", fstest.MapFS{"img/a.svg": {Data: []byte("<svg/>")}})
	if _, err := fs.Stat(m, "assets/img/a.svg"); err != nil {
		t.Error(err)
	}
	for _, name := range []string{"img/a.svg", "assetsimg/a.svg", "assets/../img/a.svg", "content/x.md"} {
		if _, err := fs.Stat(m, name); err == nil {
			t.Errorf("%s exists", name)
		}
	}
}
