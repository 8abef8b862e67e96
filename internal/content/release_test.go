package content_test

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	guidegen "github.com/guidegen/guidegen"
	"github.com/guidegen/guidegen/internal/build"
	"github.com/guidegen/guidegen/internal/content"
	"github.com/guidegen/guidegen/internal/sitefs"
	"github.com/guidegen/guidegen/internal/sitegen"
	"github.com/guidegen/guidegen/internal/translation"
)

// memSink keeps a build's files.
type memSink struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memSink) WriteFile(rel, _ string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files = map[string][]byte{}
	}
	m.files[rel] = bytes.Clone(data)
	return nil
}

func (m *memSink) CopyFile(fsys fs.FS, name, rel, source string) error {
	f, err := fsys.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return err
	}
	return m.WriteFile(rel, source, data)
}

// diff returns the first differences between two builds' files.
func diff(a, b map[string][]byte) []string {
	var out []string
	for _, rel := range slices.Sorted(maps.Keys(a)) {
		if want, ok := b[rel]; !ok || !bytes.Equal(a[rel], want) {
			out = append(out, rel)
		}
	}
	for rel := range b {
		if _, ok := a[rel]; !ok {
			out = append(out, rel+" (only in the second)")
		}
	}
	slices.Sort(out)
	return out[:min(len(out), 10)]
}

// TestReleasedBuffersUnused: a page's file is read into a buffer that is
// used again once the page is released, so nothing may use a page's bytes
// after its release. Builds whose released buffers are overwritten
// (poisoned) write the same files, summaries and warnings as builds
// whose buffers are left alone: the bundled guide and a generated corpus
// with translations, built once and by an Engine, which keeps released
// units, again after a page changed, checked, and their translations'
// status.
func TestReleasedBuffersUnused(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := sitegen.Generate(dir, sitegen.Options{Pages: 60, Translated: 0.8, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	disk, err := sitefs.Open(dir, guidegen.Bundled())
	if err != nil {
		t.Fatal(err)
	}
	defer disk.Close()
	bundled := sitefs.OpenBundled(guidegen.Bundled())
	var changed string
	err = fs.WalkDir(disk.FS, "content/en", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && changed == "" && filepath.Ext(p) == ".md" && p != "content/en/index.md" {
			changed = p
		}
		return err
	})
	if err != nil || changed == "" {
		t.Fatal("no page to change", err)
	}
	defer content.PoisonReleased(content.PoisonReleased(false))
	builds := func(site *sitefs.Site) []string {
		var out []string
		sink := &memSink{}
		sum, err := build.Render(build.Options{Site: site}, sink)
		out = append(out, fmt.Sprint(err, sum.Warnings, sum.Locales))
		e := build.NewEngine(build.Options{Site: site})
		esink := &memSink{}
		_, _, err1 := e.Build(esink, nil)
		again := &memSink{}
		_, _, err2 := e.Build(again, []string{changed})
		out = append(out, fmt.Sprint(err1, err2))
		// guidegen check and i18n status.
		sum, err = build.Check(build.Options{Site: site})
		out = append(out, fmt.Sprint(err, sum.Warnings, sum.Locales))
		ts, err := build.Inspect(build.Options{Site: site})
		if err != nil {
			t.Fatal(err)
		}
		r, err := translation.NewReport(ts, "")
		if err != nil {
			t.Fatal(err)
		}
		var status bytes.Buffer
		if err := r.WriteJSON(&status); err != nil {
			t.Fatal(err)
		}
		out = append(out, status.String())
		for _, s := range []*memSink{sink, esink, again} {
			var b bytes.Buffer
			for _, rel := range slices.Sorted(maps.Keys(s.files)) {
				fmt.Fprintf(&b, "%s\x00%s\x00", rel, s.files[rel])
			}
			out = append(out, b.String())
		}
		if len(sink.files) < 10 {
			t.Fatalf("%d files built", len(sink.files))
		}
		if d := diff(sink.files, again.files); len(d) > 0 {
			t.Errorf("the Engine's rebuild differs from the build: %v", d)
		}
		return out
	}
	for _, site := range []*sitefs.Site{bundled, disk} {
		content.PoisonReleased(false)
		want := builds(site)
		content.PoisonReleased(true)
		got := builds(site)
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("site %q, build %d: poisoned released buffers change the output (%d bytes, %d without)", site.Dir, i, len(got[i]), len(want[i]))
			}
		}
	}
}
