package content

import (
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/guidedata"
	"github.com/guidegen/guidegen/internal/markdown/frontmatter"
	"github.com/guidegen/guidegen/internal/yamlx"
)

// FrontMatter is the YAML block at the top of a page. Unknown keys are
// errors, so that a typo never passes silently.
type FrontMatter struct {
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	// Icon is an icon shortcode name shown beside the title
	// ("material/chat-processing").
	Icon string `yaml:"icon"`
	// Cover is an image for link previews, relative to the site root.
	Cover string `yaml:"cover"`
	// Threats lists the threat ids the page's recommendations protect
	// against.
	Threats []string `yaml:"threats"`
	// Recommendations are the cards' data, by recommendation id; a
	// translation inherits them and may override single fields.
	Recommendations map[string]*guidedata.Recommendation `yaml:"recommendations"`
	// Criteria are the ids of the page's minimum and best-case criteria.
	Criteria *guidedata.Criteria `yaml:"criteria"`
	// Weight orders pages where no navigation order is given.
	Weight int `yaml:"weight"`
	// Updated is the date the page was last changed ("2026-11-29"), shown
	// as "last updated" when the site is not a git checkout.
	Updated string `yaml:"updated"`
	// Draft pages are built only with --drafts.
	Draft bool `yaml:"draft"`
	// SourceHash is, on a translated page, the hash of the source page
	// it translates.
	SourceHash string `yaml:"source_hash"`
}

// frontOptions are how a page's front matter is decoded.
type frontOptions struct {
	// mkdocs accepts front matter written for MkDocs (compat: mkdocs).
	mkdocs bool
	// fields, when set, keeps the field tables of the front matter's
	// types for every page decoded with it (a Loader's).
	fields *yamlx.Fields
	// prior, when set, is the page's front matter as the data pre-pass
	// decoded it.
	prior *priorFront
}

// priorFront is a page's front matter as the data pre-pass decoded it
// without a problem: loading the page takes it instead of decoding the
// same YAML again. The pre-pass keeps it only for front matter without
// data (whose maps the pre-pass's findings share) and not for MkDocs
// front matter (whose title may come from the page's body).
type priorFront struct {
	// yaml is the front matter's YAML, which the page's must be.
	yaml  string
	front FrontMatter
}

// prior returns what the pre-pass keeps of front matter fm of page p,
// decoded into p without a problem (nil if nothing).
func prior(fm *frontmatter.Block, p *Page, front frontOptions) *priorFront {
	f := &p.Front
	if front.mkdocs || fm == nil || !fm.Closed || f.Recommendations != nil || f.Criteria != nil || f.Threats != nil {
		return nil
	}
	return &priorFront{yaml: string(fm.YAML), front: *f}
}

// decodeFrontMatter decodes and checks the front matter of a document;
// mkdocs accepts front matter written for MkDocs (compat.go).
func decodeFrontMatter(file string, p *Page, front frontOptions) error {
	fm := p.Doc.FrontMatter
	if pr := front.prior; pr != nil && !front.mkdocs && fm != nil && fm.Closed && string(fm.YAML) == pr.yaml {
		// What decodeFront makes of the same YAML; the positions of its
		// values are found when asked for, which is rare (a problem in
		// them).
		p.warnings = nil
		p.Front = pr.front
		l := &lazyAt{ys: yamlx.Source{File: file, LineOffset: fm.Line, Fields: front.fields}, yaml: pr.yaml}
		p.at = l.at
		return nil
	}
	_, err := decodeFront(file, fm, p, front)
	return err
}

// lazyAt finds the positions of front matter values in its YAML, which
// it parses when first asked.
type lazyAt struct {
	ys yamlx.Source
	// yaml is the front matter's (not the page's buffer, which its
	// Page.At outlives).
	yaml string
	once sync.Once
	node *yaml.Node
}

func (l *lazyAt) at(path ...string) diag.Pos {
	l.once.Do(func() { l.node, _ = l.ys.Parse([]byte(l.yaml)) })
	return at(l.ys, l.node, path)
}

// at returns the position of a front matter value by its path, or of the
// closest enclosing value that exists, in the YAML document node of ys.
func at(ys yamlx.Source, node *yaml.Node, path []string) diag.Pos {
	for n := len(path); n > 0; n-- {
		if v := yamlx.Find(node, path[:n]...); v != nil {
			return ys.Pos(v)
		}
	}
	if node != nil {
		return ys.Pos(node)
	}
	return diag.Pos{File: ys.File, Line: 1, Col: 1}
}

// decodeFront decodes and checks a page's front matter, fm, into p.Front
// and p.at; it returns the YAML document's node. Warnings go to
// p.warnings. With mkdocs, the front matter of MkDocs is accepted: keys
// that are not guidegen's are mapped or ignored (p.MkDocs, p.ignored),
// the title defaults to the first level-1 heading of p.src, and neither
// the front matter nor the description is required.
func decodeFront(file string, fm *frontmatter.Block, p *Page, front frontOptions) (*yaml.Node, error) {
	mkdocs := front.mkdocs
	top := diag.Pos{File: file, Line: 1, Col: 1}
	p.warnings = nil
	if fm == nil && mkdocs {
		fm = &frontmatter.Block{Line: 1, Closed: true}
	}
	if fm == nil {
		return nil, diag.Errorf(top, "front matter is missing: a page starts with a --- line, title: and description:, and a closing --- line")
	}
	if !fm.Closed {
		return nil, diag.Errorf(top, "front matter is not closed: add a --- line after it")
	}
	ys := yamlx.Source{File: file, LineOffset: fm.Line, Fields: front.fields}
	node, err := ys.Parse(fm.YAML)
	if err != nil {
		return nil, err
	}
	var errs diag.List
	own := node
	if mkdocs {
		own = splitMkDocs(ys, node, p, &errs)
		p.warnings = errs.Warnings()
		if err := errs.Err(); err != nil {
			return node, err
		}
	}
	p.at = func(path ...string) diag.Pos { return at(ys, node, path) }
	if own != nil && own.Kind != 0 {
		if err := ys.Decode(own, &p.Front); err != nil {
			return node, err
		}
	}
	at := top
	if node != nil {
		at = ys.Pos(node)
	}
	if mkdocs && strings.TrimSpace(p.Front.Title) == "" {
		body := p.src
		if fm.End > 0 && fm.End <= len(body) {
			body = body[fm.End:]
		}
		p.Front.Title = mkdocsTitle(body, p.Path)
	}
	if strings.TrimSpace(p.Front.Title) == "" {
		errs.Add(diag.Errorf(posOf(ys, node, "title", at), "title is required"))
	}
	if !mkdocs && strings.TrimSpace(p.Front.Description) == "" {
		errs.Add(diag.Errorf(posOf(ys, node, "description", at), "description is required"))
	}
	if u := p.Front.Updated; u != "" {
		if _, err := time.Parse(time.DateOnly, u); err != nil {
			errs.Add(diag.Errorf(posOf(ys, node, "updated", at), "updated must be a date like 2026-11-29, got %q", u))
		}
	}
	return node, errs.Err()
}

// posOf returns the position of a key's value, or fallback when the key is
// absent.
func posOf(ys yamlx.Source, node *yaml.Node, key string, fallback diag.Pos) diag.Pos {
	if v := yamlx.Find(node, key); v != nil {
		return ys.Pos(v)
	}
	return fallback
}

// data returns the page's own data as declared in its front matter.
func (f *FrontMatter) data() *guidedata.Data {
	return &guidedata.Data{Recommendations: f.Recommendations, Criteria: f.Criteria, Threats: f.Threats}
}
