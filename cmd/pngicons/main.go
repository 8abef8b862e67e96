// Command pngicons draws the PNG icons of the bundled theme
// (assets/img/icon-192.png, icon-512.png, apple-touch-icon.png) from the
// shapes of assets/img/favicon.svg, with the standard library only, so
// that no SVG renderer is needed: run it (`make pngicons`) after changing
// the favicon, and commit the PNGs. The build only copies them.
package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
)

var (
	blue  = color.NRGBA{0x1a, 0x5f, 0xb4, 0xff}
	white = color.NRGBA{0xff, 0xff, 0xff, 0xff}
)

// bubble and lock reproduce favicon.svg's two paths on its 32×32 grid.
func bubble(x, y float64) bool {
	if inRoundRect(x, y, 2, 5, 30, 23, 2) {
		return true
	}
	// The tail: (13,23) → (6,29) → (6,23).
	return y >= 23 && y <= 29 && x >= 6 && x <= 13-(y-23)*7/6
}

func lock(x, y float64) bool {
	if x >= 11 && x <= 21 && y >= 13 && y <= 20 {
		return true
	}
	if y <= 11 {
		d := math.Hypot(x-16, y-11)
		return d >= 2 && d <= 4
	}
	return y <= 13 && (x >= 12 && x <= 14 || x >= 18 && x <= 20)
}

func inRoundRect(x, y, x0, y0, x1, y1, r float64) bool {
	if x < x0 || x > x1 || y < y0 || y > y1 {
		return false
	}
	cx := math.Max(x0+r, math.Min(x, x1-r))
	cy := math.Max(y0+r, math.Min(y, y1-r))
	return math.Hypot(x-cx, y-cy) <= r
}

// draw renders the icon at size px, the 32-unit drawing scaled to
// inner px and centred, over bg (transparent when bg.A is 0).
func draw(size, inner int, bg color.NRGBA) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	const ss = 4 // samples per axis
	off := float64(size-inner) / 2
	scale := 32 / float64(inner)
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var r, g, b, a float64
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/ss - off) * scale
					y := (float64(py) + (float64(sy)+0.5)/ss - off) * scale
					c := bg
					if bubble(x, y) {
						c = blue
						if lock(x, y) {
							c = white
						}
					}
					ca := float64(c.A) / 255
					r += float64(c.R) * ca
					g += float64(c.G) * ca
					b += float64(c.B) * ca
					a += ca
				}
			}
			if a == 0 {
				continue
			}
			img.SetNRGBA(px, py, color.NRGBA{uint8(r/a + 0.5), uint8(g/a + 0.5), uint8(b/a + 0.5), uint8(a/(ss*ss)*255 + 0.5)})
		}
	}
	return img
}

func main() {
	dir := filepath.Join("assets", "img")
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	for _, icon := range []struct {
		name        string
		size, inner int
		bg          color.NRGBA
	}{
		{"icon-192.png", 192, 192, color.NRGBA{}},
		{"icon-512.png", 512, 512, color.NRGBA{}},
		// iOS puts no background behind the icon: an opaque one, with margin.
		{"apple-touch-icon.png", 180, 150, white},
	} {
		var buf bytes.Buffer
		enc := png.Encoder{CompressionLevel: png.BestCompression}
		if err := enc.Encode(&buf, draw(icon.size, icon.inner, icon.bg)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if err := os.WriteFile(filepath.Join(dir, icon.name), buf.Bytes(), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
