package translation

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen/internal/content"
	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/fsutil"
	"github.com/guidegen/guidegen/internal/markdown/frontmatter"
)

// Started tells what NewPage wrote.
type Started struct {
	// File is the translation written, Source the page it translates,
	// both relative to the site directory.
	File, Source string
}

// NewPage starts the translation of a source page (name, relative to the
// working directory or to the site) into locale: it writes
// content/<locale>/<path> with the front matter to translate (title,
// description, the notes of the page's recommendations), draft: true,
// and the source page's body as it is. The site shows the source page in
// that locale until the draft flag is removed, and i18n status reports
// the page as in progress. An existing file is never overwritten.
func NewPage(s *Site, name, locale string) (*Started, error) {
	rel, err := s.relative(name)
	if err != nil {
		return nil, err
	}
	def := s.Config.DefaultLocale
	top := diag.Pos{File: rel, Line: 1, Col: 1}
	prefix := content.Dir + "/" + def + "/"
	if !strings.HasPrefix(rel, prefix) || !strings.HasSuffix(rel, ".md") {
		return nil, diag.Errorf(top, "not a source page: i18n new takes a page under %s", prefix)
	}
	if _, ok := s.Config.Locale(locale); !ok || locale == def {
		return nil, fmt.Errorf("%s is not a locale the site translates into (%s)", locale, codes(s.Config))
	}
	path := strings.TrimPrefix(rel, prefix)
	out := content.Dir + "/" + locale + "/" + path
	target, err := fsutil.Resolve(s.Dir, out)
	if err != nil {
		return nil, err
	}
	if _, err := os.Lstat(target); err == nil {
		return nil, fmt.Errorf("%s already exists; not overwritten (guidegen i18n diff %s shows what changed in %s since it was stamped)", out, out, rel)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	src, err := fsutil.ReadFile(s.Dir, rel)
	if err != nil {
		return nil, err
	}
	page, err := s.ReadText(def, path, src)
	if err != nil {
		return nil, err
	}
	data, err := draft(page.Page, src)
	if err != nil {
		return nil, diag.Errorf(top, "%v", err)
	}
	if err := fsutil.WriteFile(s.Dir, out, data); err != nil {
		return nil, err
	}
	return &Started{File: out, Source: rel}, nil
}

// draftFront is the front matter of a new translation, in this order.
type draftFront struct {
	Title           string                     `yaml:"title,omitempty"`
	Description     string                     `yaml:"description,omitempty"`
	Recommendations map[string]draftProperties `yaml:"recommendations,omitempty"`
	Draft           bool                       `yaml:"draft"`
}

type draftProperties struct {
	Properties map[string]draftNote `yaml:"properties"`
}

type draftNote struct {
	Note string `yaml:"note"`
}

// draft returns a new translation of source page p, whose file is src.
func draft(p *content.Page, src []byte) ([]byte, error) {
	f := draftFront{Title: p.Front.Title, Description: p.Front.Description, Draft: true}
	for _, rid := range slices.Sorted(maps.Keys(p.Front.Recommendations)) {
		r := p.Front.Recommendations[rid]
		if r == nil {
			continue
		}
		for _, cid := range slices.Sorted(maps.Keys(r.Properties)) {
			if n := r.Properties[cid].Note; strings.TrimSpace(n) != "" {
				if f.Recommendations == nil {
					f.Recommendations = map[string]draftProperties{}
				}
				if f.Recommendations[rid].Properties == nil {
					f.Recommendations[rid] = draftProperties{Properties: map[string]draftNote{}}
				}
				f.Recommendations[rid].Properties[cid] = draftNote{Note: n}
			}
		}
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	body := bytes.TrimPrefix(src, []byte("\uFEFF"))
	if fm := frontmatter.Locate(body); fm != nil && fm.Closed {
		body = body[fm.End:]
	}
	front := "---\n" + b.String() + "---\n"
	if i := bytes.IndexByte(src, '\n'); i > 0 && src[i-1] == '\r' {
		front = strings.ReplaceAll(front, "\n", "\r\n") // the file's line breaks
	}
	return append([]byte(front), body...), nil
}
