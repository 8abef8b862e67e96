package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// The recommendation logos (assets/img/messengers/<id>.svg) that come from
// simple-icons are listed in logos.txt beside this file and written by
// writeLogos. The other logos in that directory are drawn by hand and
// committed as they are; writeLogos never touches them.

// LogoDir is where the logos go, relative to the repository root.
const LogoDir = "assets/img/messengers"

// LogoLicense is the licence note written beside the generated logos.
const LogoLicense = "LICENSE.simple-icons.txt"

// logo is one line of logos.txt: "<id> <slug> [#fill] [#tile]".
type logo struct {
	id   string // file name without .svg: the recommendation id
	slug string // the simple-icons slug
	fill string // colour of the mark; empty: the brand colour of the data
	tile string // colour of a rounded square behind the mark; empty: none
}

var (
	logoIDRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
	colourRE = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)
	siSlugRE = regexp.MustCompile(`^[a-z0-9_]+$`)
)

// readLogos parses the logo list.
func readLogos(file string) ([]logo, error) {
	lines, err := readList(file)
	if err != nil {
		return nil, err
	}
	var out []logo
	seen := map[string]int{}
	for _, ln := range lines {
		n, line := ln.n, ln.text
		f := strings.Fields(line)
		if len(f) < 2 || len(f) > 4 {
			return nil, fmt.Errorf("%s:%d: want \"<id> <simple-icons slug> [#fill] [#tile]\", got %q", file, n, line)
		}
		l := logo{id: f[0], slug: f[1]}
		if len(f) > 2 {
			l.fill = f[2]
		}
		if len(f) > 3 {
			l.tile = f[3]
		}
		switch {
		case !logoIDRE.MatchString(l.id):
			return nil, fmt.Errorf("%s:%d: %q is not a recommendation id", file, n, l.id)
		case !siSlugRE.MatchString(l.slug):
			return nil, fmt.Errorf("%s:%d: %q is not a simple-icons slug", file, n, l.slug)
		case l.fill != "" && !colourRE.MatchString(l.fill):
			return nil, fmt.Errorf("%s:%d: fill %q is not a colour like #3B45FD", file, n, l.fill)
		case l.tile != "" && !colourRE.MatchString(l.tile):
			return nil, fmt.Errorf("%s:%d: tile %q is not a colour like #000000", file, n, l.tile)
		case seen[l.id] != 0:
			return nil, fmt.Errorf("%s:%d: %s is listed twice (first on line %d)", file, n, l.id, seen[l.id])
		}
		seen[l.id] = n
		out = append(out, l)
	}
	return out, nil
}

// siIcon is an icon's entry in simple-icons' data file.
type siIcon struct {
	Title      string `json:"title"`
	Slug       string `json:"slug"`
	Hex        string `json:"hex"`
	Source     string `json:"source"`
	Guidelines string `json:"guidelines"`
	License    *struct {
		Type string `json:"type"`
		URL  string `json:"url"`
	} `json:"license"`
}

// licence returns the icon's licence as simple-icons states it.
func (i siIcon) licence() string {
	if i.License != nil && i.License.Type != "" {
		return i.License.Type
	}
	return "CC0-1.0 (the package's licence; no licence of its own is recorded)"
}

// readSimpleIcons reads the data file of the simple-icons package in dir,
// by slug.
func readSimpleIcons(dir string) (map[string]siIcon, error) {
	b, err := os.ReadFile(filepath.Join(dir, "data", "simple-icons.json"))
	if err != nil {
		return nil, err
	}
	var list []siIcon
	if err := json.Unmarshal(b, &list); err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	bySlug := make(map[string]siIcon, len(list))
	for _, i := range list {
		if i.Slug != "" {
			bySlug[i.Slug] = i
		}
	}
	return bySlug, nil
}

// pathData returns the d attributes of the <path> elements of a
// simple-icons SVG, in order.
func pathData(src []byte) ([]string, error) {
	d := xml.NewDecoder(bytes.NewReader(src))
	d.Strict = true
	var ds []string
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "path" {
			continue
		}
		for _, a := range se.Attr {
			if a.Name.Space == "" && a.Name.Local == "d" && strings.TrimSpace(a.Value) != "" {
				ds = append(ds, a.Value)
			}
		}
	}
	if len(ds) == 0 {
		return nil, errors.New("no <path> with a d attribute")
	}
	return ds, nil
}

// makeLogo turns a single-colour simple-icons SVG into a coloured logo:
// the mark in fill, alone or inset on a rounded square of colour tile.
// The result is a self-contained SVG (no scripts, styles or references)
// with a comment that says where it comes from.
func makeLogo(src []byte, title, fill, tile, origin string) ([]byte, error) {
	ds, err := pathData(src)
	if err != nil {
		return nil, err
	}
	// fill may come from the package's data; tile was checked in readLogos.
	if !colourRE.MatchString(fill) {
		return nil, fmt.Errorf("fill %q is not a colour", fill)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<!-- %s -->\n", strings.ReplaceAll(origin, "--", "- -"))
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">`)
	fmt.Fprintf(&b, "<title>%s</title>", html.EscapeString(title))
	mark := ""
	if tile != "" {
		// The mark at 70% of the tile, centred: (24 - 16.8) / 2 = 3.6.
		fmt.Fprintf(&b, `<rect width="24" height="24" rx="5.5" fill="%s"/>`, strings.ToUpper(tile))
		mark = ` transform="matrix(.7 0 0 .7 3.6 3.6)"`
	}
	fmt.Fprintf(&b, `<g fill="%s"%s>`, strings.ToUpper(fill), mark)
	for _, d := range ds {
		fmt.Fprintf(&b, `<path d="%s"/>`, html.EscapeString(d))
	}
	b.WriteString("</g></svg>\n")
	return []byte(b.String()), nil
}

// writeLogos writes the logos of the list from the simple-icons package in
// siDir into root/LogoDir, with a licence note. It writes only the listed
// files: the hand-drawn logos beside them stay as they are.
func writeLogos(root, list, siDir, version string) (int, error) {
	logos, err := readLogos(list)
	if err != nil {
		return 0, err
	}
	data, err := readSimpleIcons(siDir)
	if err != nil {
		return 0, err
	}
	out := filepath.Join(root, filepath.FromSlash(LogoDir))
	if err := os.MkdirAll(out, 0o755); err != nil {
		return 0, err
	}
	var note strings.Builder
	fmt.Fprintf(&note, "Logos from Simple Icons\n"+
		"=======================\n\n"+
		"The logos listed below were made by `go run ./cmd/iconsync` (`make icons`)\n"+
		"from the icons of the npm package simple-icons@%s\n"+
		"(https://simpleicons.org), coloured as cmd/iconsync/logos.txt says. Do not\n"+
		"edit them by hand: change the list and run `make icons` again.\n\n"+
		"placeholder.svg, the other SVG file in this directory, is a neutral mark\n"+
		"drawn for this guide and committed by hand. Cards show it, with an empty\n"+
		"alternative text, for projects whose logo no pinned package provides\n"+
		"(content/data/vocabulary.yaml, placeholder_logo). It is no project's logo.\n\n"+
		"The logos are trademarks of their owners and are shown only to identify the\n"+
		"apps the guide describes; no endorsement is implied. Simple Icons asks its\n"+
		"users to follow each brand's guidelines, linked below where the package\n"+
		"records them.\n", version)
	for _, l := range logos {
		icon, ok := data[l.slug]
		if !ok {
			return 0, fmt.Errorf("%s: simple-icons@%s has no icon %q", list, version, l.slug)
		}
		src, err := os.ReadFile(filepath.Join(siDir, "icons", l.slug+".svg"))
		if err != nil {
			return 0, err
		}
		fill := l.fill
		if fill == "" {
			fill = "#" + icon.Hex
		}
		origin := fmt.Sprintf("%s logo from simple-icons@%s (icons/%s.svg), coloured by cmd/iconsync from %s; do not edit, run make icons.",
			icon.Title, version, l.slug, filepath.Base(list))
		svg, err := makeLogo(src, icon.Title, fill, l.tile, origin)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", l.slug, err)
		}
		if err := os.WriteFile(filepath.Join(out, l.id+".svg"), svg, 0o644); err != nil {
			return 0, err
		}
		fmt.Fprintf(&note, "\n%s.svg\n  icon:       %s (icons/%s.svg)\n  licence:    %s\n  source:     %s\n", l.id, icon.Title, l.slug, icon.licence(), icon.Source)
		if icon.Guidelines != "" {
			fmt.Fprintf(&note, "  guidelines: %s\n", icon.Guidelines)
		}
	}
	note.WriteString("\nThe licence of Simple Icons (CC0 1.0) is in assets/icons/simple/LICENSE.md,\n" +
		"copied from the same package.\n")
	if err := os.WriteFile(filepath.Join(out, LogoLicense), []byte(note.String()), 0o644); err != nil {
		return 0, err
	}
	return len(logos), nil
}
