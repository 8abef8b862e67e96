package themeimg_test

import (
	"testing"

	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

func TestGolden(t *testing.T) {
	mdtest.Golden(t, mdtest.New())
}

func FuzzThemeImg(f *testing.F) {
	mdtest.Fuzz(f, "![a](b#only-dark)\n", "![a](#only-light){ .c }\n", "[![a](b#only-dark)](c)\n")
}
