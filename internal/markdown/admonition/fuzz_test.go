package admonition_test

import (
	"testing"

	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

func FuzzAdmonition(f *testing.F) {
	mdtest.Fuzz(f,
		"!!! note\n    x\n", "??? a \"\"\n", "???+ b c d \"t\"\n\t\t- x\n", "!!! x \"\n", "!!!\n",
		"- !!! note\n      x\n", "> !!! note\n>     x\n", "!!! note\n    !!! note\n        !!! note\n            x\ny",
		"!!! note \"*a*\"\n    [^1]\n\n[^1]: n\n", "!!! note\r\n    x\r\n", "!!! note\n\n\n\n    x")
}
