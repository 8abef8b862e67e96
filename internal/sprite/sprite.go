// Package sprite rewrites an HTML page so that each inline SVG icon that
// appears more than once is in it once: the drawing moves into a hidden
// sprite of <symbol>s at the start of <body>, and every occurrence becomes
// an <svg> with the same attributes that shows it with <use href="#…">.
// Screen readers hear the same (the sprite is hidden; each <svg> keeps
// its attributes and its place), the icons keep their colour
// (currentColor is inherited through <use>), and a page with the ✓ icon
// 25 times carries its path once.
package sprite

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
)

// IDPrefix starts the id of every symbol; headings cannot produce it
// (their ids never start with "gg-").
const IDPrefix = "gg-i-"

var (
	svgOpen  = []byte("<svg")
	svgClose = []byte("</svg>")
	bodyOpen = regexp.MustCompile(`<body[^>]*>`)
	viewBox  = regexp.MustCompile(`\sviewBox="[^"]*"`)
)

type occurrence struct {
	start, end int // the whole element
	open       []byte
	inner      []byte
}

// Rewrite returns page with repeated inline SVGs moved into a sprite;
// page itself when there are none or it has no <body>.
func Rewrite(page []byte) []byte {
	var occ []occurrence
	count := map[string]int{}
	for i := 0; ; {
		j := bytes.Index(page[i:], svgOpen)
		if j < 0 {
			break
		}
		start := i + j
		o, ok := parse(page, start)
		if !ok {
			i = start + len(svgOpen)
			continue
		}
		occ = append(occ, o)
		count[drawing(o)]++
		i = o.end
	}
	body := bodyOpen.FindIndex(page)
	if body == nil {
		return page
	}
	var sprite bytes.Buffer
	ids := map[string]string{}
	var out bytes.Buffer
	out.Grow(len(page))
	last := 0
	for _, o := range occ {
		key := drawing(o)
		if count[key] < 2 || o.start < body[1] {
			continue
		}
		id, ok := ids[key]
		if !ok {
			sum := sha256.Sum256([]byte(key))
			id = IDPrefix + hex.EncodeToString(sum[:5])
			ids[key] = id
			sprite.WriteString(`<symbol id="` + id + `"`)
			sprite.Write(viewBox.Find(o.open))
			sprite.WriteByte('>')
			sprite.Write(o.inner)
			sprite.WriteString("</symbol>")
		}
		out.Write(page[last:o.start])
		out.Write(o.open)
		out.WriteString(`<use href="#` + id + `"></use></svg>`)
		last = o.end
	}
	if sprite.Len() == 0 {
		return page
	}
	out.Write(page[last:])
	res := out.Bytes()
	// The sprite goes right after <body>, which comes before every
	// occurrence rewritten.
	var final bytes.Buffer
	final.Grow(len(res) + sprite.Len() + 80)
	final.Write(res[:body[1]])
	final.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" hidden aria-hidden="true" focusable="false">`)
	final.Write(sprite.Bytes())
	final.WriteString("</svg>")
	final.Write(res[body[1]:])
	return final.Bytes()
}

// drawing identifies what an SVG shows: its viewBox and content.
func drawing(o occurrence) string {
	return string(viewBox.Find(o.open)) + string(o.inner)
}

// parse reads the <svg …>…</svg> element at start: the opening tag
// (quotes respected) and what is inside; an element with an SVG nested in
// it, an id, or no end is left alone.
func parse(page []byte, start int) (occurrence, bool) {
	i := start + len(svgOpen)
	if i >= len(page) || (page[i] != ' ' && page[i] != '>' && page[i] != '\n' && page[i] != '\t') {
		return occurrence{}, false
	}
	var quote byte
	for ; i < len(page); i++ {
		c := page[i]
		if quote != 0 {
			if c == quote {
				quote = 0
			}
			continue
		}
		if c == '"' || c == '\'' {
			quote = c
		} else if c == '>' {
			break
		}
	}
	if i >= len(page) || page[i-1] == '/' {
		return occurrence{}, false
	}
	open := page[start : i+1]
	end := bytes.Index(page[i+1:], svgClose)
	if end < 0 {
		return occurrence{}, false
	}
	inner := page[i+1 : i+1+end]
	if bytes.Contains(inner, svgOpen) || bytes.Contains(open, []byte(" id=")) {
		return occurrence{}, false
	}
	return occurrence{start: start, end: i + 1 + end + len(svgClose), open: open, inner: inner}, true
}
