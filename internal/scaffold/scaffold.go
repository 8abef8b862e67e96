// Package scaffold writes a new site (guidegen new): a configuration, a home
// page in each locale and a README. The site holds only what it changes:
// the theme, its templates, assets and UI strings come from the binary.
// Files are written into a directory that must be empty (or not exist),
// through an os.Root, so nothing outside it is touched; a file that
// cannot be written leaves the directory as it was, emptied.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen/internal/translation"
)

// File is one file of a new site.
type File struct {
	// Name is its slash-separated path in the site ("content/en/index.md").
	Name string
	Data []byte
}

// Options describe a new site.
type Options struct {
	// Title is the site's title; "" gives "My guide".
	Title string
	// BaseURL is where the site will be served; "" gives
	// https://example.org/.
	BaseURL string
	// Locales are the site's locale codes, the default first; none gives
	// English alone.
	Locales []string
}

// Files returns the files of a new site: guidegen.yaml, a home page for
// each locale (each translation stamped as up to date with the default
// locale's page) and README.md.
func Files(o Options) ([]File, error) {
	if o.Title == "" {
		o.Title = "My guide"
	}
	if o.BaseURL == "" {
		o.BaseURL = "https://example.org/"
	}
	if len(o.Locales) == 0 {
		o.Locales = []string{"en"}
	}
	for i, l := range o.Locales {
		if l == "" || strings.ContainsAny(l, "/\\. ") || slices.Contains(o.Locales[:i], l) {
			return nil, fmt.Errorf("locale %q: a locale is a BCP 47 language tag (en, nl, pt-BR), each given once", l)
		}
	}
	def := o.Locales[0]
	var cfg strings.Builder
	fmt.Fprintf(&cfg, "# The site's configuration; unknown keys are errors. See the README of\n# guidegen for every setting.\ntitle: %s\nbaseURL: %s\ndefaultLocale: %s\nlocales:\n", Quote(o.Title), Quote(o.BaseURL), Quote(def))
	for _, l := range o.Locales {
		fmt.Fprintf(&cfg, "  - code: %s\n    name: %s\n", Quote(l), Quote(LocaleName(l)))
		if RTL(l) {
			cfg.WriteString("    direction: rtl\n")
		}
	}
	cfg.WriteString("# Pages of the header navigation, by path under content/<locale>/.\nnavigation: []\n")
	files := []File{{Name: "guidegen.yaml", Data: []byte(cfg.String())}}

	src := home(def, o.Title)
	for _, l := range o.Locales {
		h := home(l, o.Title)
		front := fmt.Sprintf("---\ntitle: %s\ndescription: %s\n", Quote(h.title), Quote(h.description))
		if l != def {
			front += "source_hash: " + translation.PageHash(src.title, src.description, []byte(src.body)) + "\n"
		}
		files = append(files, File{Name: "content/" + l + "/index.md", Data: []byte(front + "---\n\n" + h.body)})
	}
	files = append(files, File{Name: "README.md", Data: []byte(Readme(o.Title, def))})
	return files, nil
}

type homePage struct{ title, description, body string }

// home is the home page of a new site in a locale; a locale without text
// of its own gets the English one, to translate.
func home(locale, title string) homePage {
	switch locale {
	case "nl":
		return homePage{"Welkom", "De beginpagina van " + title + ".", "Dit is de beginpagina. Schrijf pagina's in `content/nl/`, met dezelfde paden als de Engelse.\n"}
	default:
		return homePage{"Welcome", "The home page of " + title + ".", "This is the home page. Write pages as Markdown files in `content/" + locale + "/`; link them with relative paths such as `[About](about.md)`.\n"}
	}
}

// Readme is the README.md of a new site: what it holds and how to build it.
func Readme(title, def string) string {
	return "# " + title + "\n\n" +
		"This is a site built with guidegen. Its pages are Markdown files in\n" +
		"`content/<locale>/` (the source language, `" + def + "`, first; translations use\n" +
		"the same paths), its settings are in `guidegen.yaml`. It holds only what it\n" +
		"changes: the templates, styles and UI strings come with guidegen, and a file\n" +
		"of the same name in `templates/`, `assets/` or `locales/` overrides the\n" +
		"bundled one. Styles of your own go in `assets/css/extra.css`. Build the site\n" +
		"into `public/` with `guidegen build`, or preview it with `guidegen serve`.\n"
}

// Quote writes s as a YAML scalar: plain when that reads back as the
// same string, else quoted.
func Quote(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil {
		return `""`
	}
	return strings.TrimSuffix(string(out), "\n")
}

// names are the own names of common languages, for a new site's locales.
var names = map[string]string{
	"ar": "العربية", "cs": "Čeština", "da": "Dansk", "de": "Deutsch", "el": "Ελληνικά",
	"en": "English", "es": "Español", "fa": "فارسی", "fi": "Suomi", "fr": "Français",
	"he": "עברית", "hu": "Magyar", "it": "Italiano", "ja": "日本語", "ko": "한국어",
	"nb": "Norsk bokmål", "nl": "Nederlands", "pl": "Polski", "pt": "Português",
	"ro": "Română", "ru": "Русский", "sv": "Svenska", "tr": "Türkçe", "uk": "Українська",
	"ur": "اردو", "zh": "中文",
}

// LocaleName returns a language's own name ("Nederlands"), or the code
// when it is not known.
func LocaleName(code string) string {
	base, _, _ := strings.Cut(code, "-")
	if n, ok := names[strings.ToLower(base)]; ok {
		return n
	}
	return code
}

// RTL reports whether a language is written right to left.
func RTL(code string) bool {
	base, _, _ := strings.Cut(code, "-")
	switch strings.ToLower(base) {
	case "ar", "fa", "he", "ur", "yi", "ps", "sd", "ug", "dv":
		return true
	}
	return false
}

// Write writes files into dir, which must not exist or be empty. Every
// write goes through an os.Root of dir. When a write fails, the files and
// directories written so far are removed.
func Write(dir string, files []File) (err error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty: a new site needs an empty directory", dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	var made []string
	defer func() {
		if err == nil {
			return
		}
		for i := len(made) - 1; i >= 0; i-- {
			_ = root.Remove(made[i])
		}
	}()
	seen := map[string]bool{}
	for _, f := range files {
		if !fs.ValidPath(f.Name) || seen[f.Name] {
			return fmt.Errorf("%s: not a file name of the site, or written twice", f.Name)
		}
		seen[f.Name] = true
		var dirs []string
		for d := path.Dir(f.Name); d != "."; d = path.Dir(d) {
			dirs = append(dirs, d)
		}
		for i := len(dirs) - 1; i >= 0; i-- {
			if err := root.Mkdir(dirs[i], 0o755); err == nil {
				made = append(made, dirs[i])
			} else if !errors.Is(err, fs.ErrExist) {
				return err
			}
		}
		w, err := root.OpenFile(f.Name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		made = append(made, f.Name)
		if _, err := w.Write(f.Data); err != nil {
			w.Close()
			return err
		}
		if err := w.Close(); err != nil {
			return err
		}
	}
	return nil
}
