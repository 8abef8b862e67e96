package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"

	"github.com/guidegen/guidegen/internal/htmlmin"
	"github.com/guidegen/guidegen/internal/markdown/icons"
	"github.com/guidegen/guidegen/internal/sprite"
)

// Fingerprinted asset directories: their .css and .js files are published
// only under a name with a hash of their (minified) content,
// "css/main.3f9c2a1b.css", so that they can be cached forever; templates
// name them by their plain name through .Asset, which gives the
// fingerprinted URL. Images keep their names: pages link to them by path.
var fingerprinted = []string{"css/", "js/"}

// weight holds the processed assets of a build.
type weight struct {
	once  sync.Once
	names map[string]string // "css/main.css" → "css/main.3f9c2a1b.css"
	files map[string][]byte // output path → content
	src   map[string]string // output path → source, for messages
	err   error
	m     *minify.M
	html  *htmlmin.Minifier // pages, as m's HTML minifier would
	ids   sprite.IDs        // of the icons in the pages' sprites
	// scratch holds *[]byte for lighten's pages with their sprites.
	scratch sync.Pool
}

func (b *builder) minifier() *minify.M {
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("text/javascript", js.Minify)
	// No SVG minifier: the inline icons are the same few drawings on
	// every page, and shortening their paths again and again cost more
	// than the rest of the minification (2/3 of it) for a few bytes.
	m.Add("text/html", htmlmin.Options())
	return m
}

// fingerprint reports whether an asset (path under assets/) is published
// by writeAssets under a fingerprinted name rather than copied.
func fingerprint(p string) bool {
	ext := path.Ext(p)
	if ext != ".css" && ext != ".js" {
		return false
	}
	for _, dir := range fingerprinted {
		if strings.HasPrefix(p, dir) {
			return true
		}
	}
	return false
}

// assetNames minifies and fingerprints the stylesheets and scripts once
// per build and returns their published names.
func (b *builder) assetNames() map[string]string {
	w := &b.weight
	w.once.Do(func() {
		w.names, w.files, w.src = map[string]string{}, map[string][]byte{}, map[string]string{}
		w.m = b.minifier()
		w.html = htmlmin.New(w.m)
		w.err = fs.WalkDir(b.assets, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") || !fingerprint(p) {
				return err
			}
			data, err := fs.ReadFile(b.assets, p)
			if err != nil {
				return err
			}
			if b.opts.Minify {
				mt := "text/css"
				if path.Ext(p) == ".js" {
					mt = "text/javascript"
				}
				if min, err := w.m.Bytes(mt, data); err == nil {
					data = min
				} else {
					return err
				}
			}
			sum := sha256.Sum256(data)
			ext := path.Ext(p)
			name := strings.TrimSuffix(p, ext) + "." + hex.EncodeToString(sum[:4]) + ext
			w.names[p] = name
			w.files["assets/"+name] = data
			w.src["assets/"+name] = "assets/" + p
			return nil
		})
	})
	return w.names
}

// writeAssets writes the fingerprinted assets.
func (b *builder) writeAssets(stage Sink) error {
	b.assetNames()
	if b.weight.err != nil {
		return b.weight.err
	}
	keys := make([]string, 0, len(b.weight.files))
	for k := range b.weight.files {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, rel := range keys {
		if err := b.emit(stage, rel, b.weight.src[rel], b.weight.files[rel]); err != nil {
			return err
		}
	}
	return nil
}

// lighten is applied to every HTML page before it is written: each
// repeated inline SVG icon once per page (a sprite), then, when the build
// minifies, the HTML minified (by htmlmin, which gives what m's HTML
// minifier gives, in a fraction of its time). A minified page is
// written in dst's array, if not nil, else in a new one; the page with its
// sprite, which only the minifier reads, is built in scratch space.
func (b *builder) lighten(dst *bytes.Buffer, rel string, data []byte) []byte {
	if !strings.HasSuffix(rel, ".html") {
		return data
	}
	if !b.opts.Minify {
		return b.weight.ids.Rewrite(data)
	}
	b.assetNames()
	scratch, _ := b.weight.scratch.Get().(*[]byte)
	if scratch == nil {
		scratch = new([]byte)
	}
	page := b.weight.ids.RewriteIn(*scratch, data)
	defer func() {
		if cap(page) <= maxScratch && len(page) > 0 && &page[:1][0] != &data[:1][0] {
			*scratch = page[:0]
		}
		b.weight.scratch.Put(scratch)
	}()
	if dst == nil {
		dst = new(bytes.Buffer)
	}
	dst.Reset()
	dst.Grow(len(page))
	// In dst's array (not copied into dst: what is returned is used).
	lit, err := b.weight.html.Append(dst.AvailableBuffer(), page)
	if err != nil {
		return bytes.Clone(page) // the page as it is rather than none
	}
	return lit
}

// maxScratch bounds the scratch space lighten keeps for the next page.
const maxScratch = 4 << 20

// unpublished reports whether an asset is for the project only: the
// record of the icon packages' versions. The icons' licence files stay
// published, next to the icons drawn in the pages they cover.
func unpublished(p string) bool {
	return p == icons.Dir+"/VERSIONS"
}
