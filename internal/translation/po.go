package translation

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen/internal/content"
	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/fsutil"
	"github.com/guidegen/guidegen/internal/limits"
	"github.com/guidegen/guidegen/internal/markdown"
	"github.com/guidegen/guidegen/internal/markdown/frontmatter"
	"github.com/guidegen/guidegen/internal/markdown/segment"
	"github.com/guidegen/guidegen/internal/po"
	"github.com/guidegen/guidegen/internal/units"
)

// PO files: guidegen i18n export --format po writes, for a locale, one PO
// file per source page, <dir>/<locale>/<path without .md>.po, and one for
// the UI strings, <dir>/<locale>/ui.po; guidegen i18n import reads them
// back. In a page's file each entry is a unit of the page (see package
// units) or its title or description: msgctxt is the unit's key ("title",
// "description", "minimum-requirements/p2"), msgid its source Markdown,
// msgstr the translation's unit with the same key, "" when the
// translation lacks it or it is still the source text. When the source
// page changed since the translation was stamped, the entries whose source
// text changed are fuzzy, with the text that was translated as #| msgid
// (found in the site's git history, see History.StampedText); when that version
// cannot be found, or the translation is unstamped, every translated entry
// is fuzzy. In ui.po, msgctxt is the string's id, msgid its "other" text
// (or "one", with "other" as msgid_plural), and the entry is fuzzy when the
// translation is outdated or unstamped.

// UIFile is the name of the UI strings' PO file in a locale's directory.
const UIFile = "ui.po"

// poPages is what export and import share: the site, the locale and a
// pipeline per locale to parse pages with.
type poPages struct {
	s       *Site
	locale  string
	src, tr *markdown.Markdown
	// hist finds the source pages as they were stamped; made on first
	// use.
	hist *History
}

func newPOPages(s *Site, locale string) (*poPages, error) {
	if _, err := s.targetLocale(locale); err != nil {
		return nil, err
	}
	if _, err := gettextPluralForms(locale); err != nil {
		return nil, err
	}
	pol := s.Config.HTMLPolicy()
	def := s.Config.DefaultLocale
	return &poPages{
		s:      s,
		locale: locale,
		src:    markdown.New(markdown.Options{Locale: def, HTML: pol}),
		tr:     markdown.New(markdown.Options{Locale: locale, HTML: pol}),
	}, nil
}

// parsedPage is one page file split into units.
type parsedPage struct {
	file  string
	bom   bool
	src   []byte // without the byte order mark
	doc   *markdown.Document
	body  int
	units []*units.Unit
	byKey map[string]*units.Unit
	title string
	desc  string
	// stamp is the source_hash in its front matter.
	stamp string
}

func (pp *poPages) parse(file string, data []byte, source *parsedPage) *parsedPage {
	p := &parsedPage{file: file}
	p.src = bytes.TrimPrefix(data, []byte("\uFEFF"))
	p.bom = len(p.src) != len(data)
	md := pp.src
	in := markdown.Input{File: file, Src: p.src}
	if source != nil {
		md = pp.tr
		in.Source = markdown.SourceOf(source.doc, pp.s.Config.DefaultLocale)
	}
	p.doc = md.ParseInput(in)
	if fm := p.doc.FrontMatter; fm != nil && fm.Closed {
		p.body = fm.End
		var front struct {
			Title       string `yaml:"title"`
			Description string `yaml:"description"`
			SourceHash  string `yaml:"source_hash"`
		}
		_ = yaml.Unmarshal(fm.YAML, &front)
		p.title, p.desc, p.stamp = strings.TrimSpace(front.Title), strings.TrimSpace(front.Description), front.SourceHash
	}
	p.units = units.Split(p.doc.Root, p.src, len(p.src))
	p.byKey = map[string]*units.Unit{}
	for _, u := range p.units {
		p.byKey[u.Key] = u
	}
	return p
}

// pages reads and parses the source page of path p and its translation
// (nil when there is none, with data nil).
func (pp *poPages) pages(p string) (en, tr *parsedPage, data []byte, err error) {
	s := pp.s
	if s.FS == nil {
		return nil, nil, nil, fmt.Errorf("the site's files cannot be read")
	}
	enRel := content.Dir + "/" + s.Config.DefaultLocale + "/" + p
	trRel := content.Dir + "/" + pp.locale + "/" + p
	src, err := limits.ReadFile(s.FS, enRel, limits.PageSize)
	if err != nil {
		return nil, nil, nil, err
	}
	en = pp.parse(enRel, src, nil)
	data, err = limits.ReadFile(s.FS, trRel, limits.PageSize)
	switch {
	case err == nil:
		tr = pp.parse(trRel, data, en)
	case errors.Is(err, fs.ErrNotExist):
		data, err = nil, nil
	}
	return en, tr, data, err
}

// texts returns the page's texts by key, title and description included.
func (p *parsedPage) texts() map[string]string {
	m := map[string]string{}
	if p == nil {
		return m
	}
	m["title"], m["description"] = p.title, p.desc
	for _, u := range p.units {
		m[u.Key] = u.Text
	}
	return m
}

// gettextPluralForms returns the gettext Plural-Forms header of a locale
// (its msgstr indexes are the CLDR forms in CLDR order, i18n.PluralForms).
// Only languages with at most two forms ("one" and "other") are known.
func gettextPluralForms(locale string) (string, error) {
	base, _, _ := strings.Cut(strings.ToLower(locale), "-")
	switch base {
	case "ja", "zh", "ko", "vi", "th", "id", "ms", "lo", "my", "km":
		return "nplurals=1; plural=0;", nil
	case "fr", "pt_br", "hy", "kab":
		return "nplurals=2; plural=(n > 1);", nil
	case "nl", "en", "de", "es", "it", "sv", "da", "nb", "nn", "no", "fi", "et", "el", "hu", "pt", "ca", "eo", "fy", "af", "bg", "eu", "gl", "tr":
		return "nplurals=2; plural=(n != 1);", nil
	}
	return "", fmt.Errorf("PO files for %s: its gettext plural rule is not known to guidegen", locale)
}

func (pp *poPages) header(source, hash string) string {
	pf, _ := gettextPluralForms(pp.locale)
	name, _ := pp.s.Config.Locale(pp.locale)
	h := "Project-Id-Version: " + pp.s.Config.Title + "\n" +
		"PO-Revision-Date: \n" +
		"Last-Translator: \n" +
		"Language-Team: " + name.Name + "\n" +
		"Language: " + pp.locale + "\n" +
		"MIME-Version: 1.0\n" +
		"Content-Type: text/plain; charset=UTF-8\n" +
		"Content-Transfer-Encoding: 8bit\n" +
		"Plural-Forms: " + pf + "\n" +
		"X-Generator: guidegen\n" +
		"X-Guidegen-Source: " + source + "\n"
	if hash != "" {
		h += "X-Guidegen-Source-Hash: " + hash + "\n"
	}
	return h
}

// Exported tells what ExportPO wrote.
type Exported struct {
	Dir   string
	Files []string
	// Entries, Untranslated and Fuzzy count the entries of every file.
	Entries, Untranslated, Fuzzy int
	// NoHistory names the outdated pages whose stamped source version was
	// not found, so that all their translated entries are fuzzy.
	NoHistory []string
}

// ExportPO writes the PO files of locale under dir (a directory on disk,
// relative to the working directory): dir/<locale>/<page>.po and
// dir/<locale>/ui.po. Files are only written when their content changed.
func ExportPO(s *Site, locale, dir string) (*Exported, error) {
	pp, err := newPOPages(s, locale)
	if err != nil {
		return nil, err
	}
	res := &Exported{Dir: dir}
	files := map[string][]byte{}
	for _, p := range s.Content.Paths() {
		if p == strings.TrimSuffix(UIFile, ".po")+".md" {
			return nil, fmt.Errorf("%s/%s/%s: its PO file would be the UI strings' %s; rename the page", content.Dir, s.Config.DefaultLocale, p, UIFile)
		}
		f, noHistory, err := pp.exportPage(p)
		if err != nil {
			return nil, err
		}
		if noHistory {
			res.NoHistory = append(res.NoHistory, content.Dir+"/"+locale+"/"+p)
		}
		res.count(f)
		files[locale+"/"+strings.TrimSuffix(p, ".md")+".po"] = f.Write()
	}
	ui := pp.exportUI()
	res.count(ui)
	files[locale+"/"+UIFile] = ui.Write()
	for _, name := range sortedKeys(files) {
		res.Files = append(res.Files, path.Join(dir, name))
		if err := writeIfChanged(dir, name, files[name]); err != nil {
			return nil, err
		}
	}
	return res, nil
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

func writeIfChanged(dir, name string, data []byte) error {
	old, err := readDirFile(dir, name)
	if err == nil && bytes.Equal(old, data) {
		return nil
	}
	return writeDirFile(dir, name, data)
}

func (r *Exported) count(f *po.File) {
	for _, e := range f.Entries {
		r.Entries++
		switch {
		case e.Fuzzy():
			r.Fuzzy++
		case strings.Join(e.Str, "") == "":
			r.Untranslated++
		}
	}
}

func (pp *poPages) exportPage(p string) (*po.File, bool, error) {
	s := pp.s
	en, tr, _, err := pp.pages(p)
	if err != nil {
		return nil, false, err
	}
	hash := s.sourceHash(p)
	f := &po.File{Header: pp.header(en.file, hash)}
	f.HeaderComments = []string{
		fmt.Sprintf("Translation of %s into %s, written by guidegen i18n export.", en.file, pp.locale),
		"msgctxt is where the text stands in the page (heading id/kind and number);",
		"keep the Markdown of msgid (links, emphasis, `code`, footnote references).",
		"Then run: guidegen i18n import DIR",
	}
	// What the translation translated: nil when it is up to date.
	var old map[string]string
	allFuzzy, noHistory := false, false
	switch {
	case tr == nil:
	case tr.stamp == "":
		allFuzzy = true
	case !s.stampMatches(p, tr.stamp):
		if pp.hist == nil {
			pp.hist = NewHistory(s)
		}
		prev, err := pp.hist.StampedText(p, tr.stamp)
		if err != nil {
			allFuzzy, noHistory = true, true
			break
		}
		old = pp.parse(en.file, prev.Src, nil).texts()
	}
	trTexts := tr.texts()
	lines := diag.NewLines(en.src)
	add := func(key string, kind units.Kind, off int, msgid string, prose bool) {
		if msgid == "" {
			return
		}
		e := &po.Entry{Context: &key, ID: msgid, Extracted: []string{string(kind)}}
		e.References = []string{fmt.Sprintf("%s:%d", en.file, lines.Pos(en.file, off).Line)}
		str := trTexts[key]
		if prose && units.Same(str, msgid) {
			str = "" // still the source text: not translated
		}
		e.Str = []string{str}
		if str != "" {
			switch {
			case allFuzzy:
				e.Flags = []string{"fuzzy"}
			case old != nil:
				if prev, had := old[key]; !had || prev != msgid {
					e.Flags = []string{"fuzzy"}
					if had && prev != "" {
						e.PrevContext = &key
						e.PrevID = &prev
					}
				}
			}
		}
		f.Entries = append(f.Entries, e)
	}
	titleOff, descOff := 0, 0
	if fm := en.doc.FrontMatter; fm != nil {
		titleOff, descOff = frontOffset(en.src, fm, "title"), frontOffset(en.src, fm, "description")
	}
	add("title", "title", titleOff, en.title, segment.IsProse(en.title))
	add("description", "description", descOff, en.desc, segment.IsProse(en.desc))
	for _, u := range en.units {
		add(u.Key, u.Kind, u.Start, u.Text, u.Prose)
	}
	return f, noHistory, nil
}

// frontOffset returns the offset of a top-level key of the front matter.
func frontOffset(src []byte, fm *frontmatter.Block, key string) int {
	off := 0
	for i, line := range bytes.SplitAfter(src, []byte("\n")) {
		if i >= fm.Line && bytes.HasPrefix(line, []byte(key+":")) {
			return off
		}
		off += len(line)
		if off >= fm.Close {
			break
		}
	}
	return 0
}

// Imported tells what ImportPO did.
type Imported struct {
	// Written are the files changed; Stamped the pages stamped.
	Written, Stamped []string
	// Skipped are the entries not taken, with why ("file:line: why").
	Skipped []string
}

// ImportPO reads the PO files of dir (on disk, relative to the working
// directory) that ExportPO wrote and writes their translations into the
// site: each page's file of every locale directory of dir, and its ui.po
// into locales/<locale>.yaml. Nothing is written when an entry is in
// error. See importPage for what is taken.
func ImportPO(s *Site, dir string) (*Imported, error) {
	if s.Dir == "" {
		return nil, fmt.Errorf("the bundled guide cannot be changed; run this in a site directory, or give --src")
	}
	res := &Imported{}
	var errs diag.List
	type write struct {
		name string
		data []byte
	}
	var writes []write
	found := false
	for _, l := range s.Config.Locales {
		if l.Code == s.Config.DefaultLocale {
			continue
		}
		names, err := poFiles(dir, l.Code)
		if err != nil {
			return nil, err
		}
		if len(names) == 0 {
			continue
		}
		found = true
		pp, err := newPOPages(s, l.Code)
		if err != nil {
			return nil, err
		}
		for _, name := range names {
			file := path.Join(dir, l.Code, name)
			data, err := readDirFile(dir, l.Code+"/"+name)
			if err != nil {
				return nil, err
			}
			f, err := po.Parse(file, data)
			if err != nil {
				errs.Add(err)
				continue
			}
			if lang := f.HeaderField("Language"); lang != "" && !sameLanguage(lang, l.Code) {
				errs.Add(diag.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "the file is for language %s, but stands in %s/", lang, l.Code))
				continue
			}
			var out []byte
			var target string
			if name == UIFile {
				target, out, err = pp.importUI(file, f, res)
			} else {
				target, out, err = pp.importPage(file, strings.TrimSuffix(name, ".po")+".md", f, res)
			}
			if err != nil {
				errs.Add(err)
				continue
			}
			if out != nil {
				writes = append(writes, write{target, out})
			}
		}
	}
	if !found {
		return nil, fmt.Errorf("%s: no PO files of a locale of the site (expected %s/<locale>/*.po)", dir, dir)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	for _, w := range writes {
		if err := fsutil.WriteFile(s.Dir, w.name, w.data); err != nil {
			return nil, err
		}
		res.Written = append(res.Written, w.name)
	}
	return res, nil
}

// importPage returns the new text of the translation of page p from the
// PO file f, or nil when it does not change.
//
// The page's structure comes from the source page: when the translation
// has the same structure (units.Skeleton), only the units whose text
// changes are replaced in it, so that everything else stays byte for
// byte; otherwise (or when there is no translation yet) the page is
// rebuilt from the source page, each unit's text taken from the PO file,
// else from the translation's unit with the same key, else the source
// text. An entry is taken when its msgstr is not empty, it is not fuzzy
// and its msgid is the source unit's current text (else the source
// changed since the export: it is reported as skipped). A msgstr whose
// inline structure differs from its msgid's is an error at its line. The
// page is stamped when every unit is translated and none is fuzzy.
func (pp *poPages) importPage(file, p string, f *po.File, res *Imported) (string, []byte, error) {
	s := pp.s
	def := s.Config.DefaultLocale
	enRel := content.Dir + "/" + def + "/" + p
	trRel := content.Dir + "/" + pp.locale + "/" + p
	top := diag.Pos{File: file, Line: 1, Col: 1}
	if !slices.Contains(s.Content.Paths(), p) {
		return "", nil, diag.Errorf(top, "no source page %s for this file", enRel)
	}
	en, tr, old, err := pp.pages(p)
	if err != nil {
		return "", nil, err
	}
	byKey := map[string]*po.Entry{}
	for _, e := range f.Entries {
		byKey[e.Ctx()] = e
	}
	var errs diag.List
	current := tr.texts()
	take := map[string]string{} // key: the text for the page
	complete := true
	consider := func(key string, kind units.Kind, msgid string, prose bool) {
		if msgid == "" {
			return
		}
		e := byKey[key]
		switch {
		case e == nil || len(e.Str) == 0 || e.Str[0] == "":
			complete = false
			return
		case e.Fuzzy():
			complete = false
			return
		case e.ID != msgid:
			res.Skipped = append(res.Skipped, fmt.Sprintf("%s:%d: %s: the %s text changed since the export; export again", file, e.Line, key, def))
			complete = false
			return
		}
		str := e.Str[0]
		if err := checkUnit(kind, msgid, str); err != nil {
			errs.Add(diag.Errorf(diag.Pos{File: file, Line: e.StrLine, Col: 1}, "%s: %v", key, err))
			return
		}
		if prose && units.Same(str, msgid) {
			complete = false
		}
		if cur, has := current[key]; tr == nil || !has || !units.Same(cur, str) {
			take[key] = str
		}
	}
	known := en.texts()
	for _, e := range f.Entries {
		if _, ok := known[e.Ctx()]; !ok && len(e.Str) > 0 && e.Str[0] != "" {
			res.Skipped = append(res.Skipped, fmt.Sprintf("%s:%d: %s: no longer in %s", file, e.Line, e.Ctx(), enRel))
		}
	}
	consider("title", "title", en.title, segment.IsProse(en.title))
	consider("description", "description", en.desc, segment.IsProse(en.desc))
	for _, u := range en.units {
		consider(u.Key, u.Kind, u.Text, u.Prose)
	}
	if err := errs.Err(); err != nil {
		return "", nil, err
	}
	hash := s.sourceHash(p)
	stamp := complete && (tr == nil || !s.stampMatches(p, tr.stamp))
	if len(take) == 0 && !stamp {
		return trRel, nil, nil
	}
	var out []byte
	if tr != nil && units.Skeleton(tr.src[tr.body:], shift(tr.units, tr.body)) == units.Skeleton(en.src[en.body:], shift(en.units, en.body)) {
		// The same structure: the units pair by their order.
		byTr := map[string]string{}
		for i, u := range tr.units {
			if i >= len(en.units) {
				break
			}
			if t, ok := take[en.units[i].Key]; ok {
				byTr[u.Key] = t
			}
		}
		out = units.Replace(tr.src, tr.units, byTr)
		out, err = pp.setFront(trRel, out, take, tr)
	} else {
		texts := map[string]string{}
		for _, u := range en.units {
			texts[u.Key] = u.Text
			if t, ok := current[u.Key]; ok {
				texts[u.Key] = t
			}
			if t, ok := take[u.Key]; ok {
				texts[u.Key] = t
			}
		}
		body := units.Replace(en.src, en.units, texts)[en.body:]
		var front []byte
		if tr != nil && tr.body > 0 {
			front = tr.src[:tr.body]
		} else {
			front = []byte("---\ntitle: x\ndescription: x\n---\n")
			for _, k := range []string{"title", "description"} {
				if _, ok := take[k]; !ok {
					take[k] = current[k]
					if take[k] == "" {
						take[k] = en.texts()[k]
					}
				}
			}
		}
		out = append(slices.Clip(front), body...)
		out, err = pp.setFront(trRel, out, take, tr)
	}
	if err != nil {
		return "", nil, err
	}
	if stamp {
		if out, err = stampFrontMatter(trRel, out, hash); err != nil {
			return "", nil, err
		}
		res.Stamped = append(res.Stamped, trRel)
	}
	if tr != nil && tr.bom {
		out = append([]byte("\uFEFF"), out...)
	}
	if bytes.Equal(out, old) {
		return trRel, nil, nil
	}
	return trRel, out, nil
}

// shift returns units with offsets relative to off.
func shift(us []*units.Unit, off int) []*units.Unit {
	out := make([]*units.Unit, 0, len(us))
	for _, u := range us {
		c := *u
		c.Start -= off
		c.End -= off
		out = append(out, &c)
	}
	return out
}

// setFront sets the title and description of take in a page's front
// matter, leaving the rest alone.
func (pp *poPages) setFront(file string, src []byte, take map[string]string, tr *parsedPage) ([]byte, error) {
	for _, k := range []string{"title", "description"} {
		v, ok := take[k]
		if !ok {
			continue
		}
		if tr != nil && k == "title" && v == tr.title || tr != nil && k == "description" && v == tr.desc {
			continue
		}
		var err error
		if src, err = setFrontMatter(file, src, k, yamlScalar(v)); err != nil {
			return nil, err
		}
	}
	return src, nil
}

// yamlScalar writes s as a YAML value on one line.
func yamlScalar(s string) string {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	out, err := yaml.Marshal(n)
	if err != nil || bytes.Count(bytes.TrimRight(out, "\n"), []byte("\n")) > 0 || bytes.HasPrefix(out, []byte("|")) || bytes.HasPrefix(out, []byte(">")) {
		n.Style = yaml.DoubleQuotedStyle
		out, _ = yaml.Marshal(n)
	}
	return string(bytes.TrimRight(out, "\n"))
}

// sameLanguage reports whether a PO file's Language (nl, nl_NL) is the
// site's locale code (nl, nl-NL) or a region of it.
func sameLanguage(lang, code string) bool {
	lang = strings.ToLower(strings.ReplaceAll(lang, "_", "-"))
	code = strings.ToLower(code)
	return lang == code || strings.HasPrefix(lang, code+"-")
}
