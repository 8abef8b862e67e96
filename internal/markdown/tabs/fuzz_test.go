package tabs_test

import (
	"testing"

	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

func FuzzTabs(f *testing.F) {
	mdtest.Fuzz(f,
		"=== \"a\"\n    x\n", "===+! \"\"\n", "=== \"a\"\n=== \"b\"\n===! \"c\"\n", "=== \"*a\"\n    **b*\n",
		"- === \"a\"\n      x\n", "> === \"a\"\n>     x\n", "=== \"a\"\n    === \"b\"\n        !!! note\n            x\ny",
		"=== \"[^1]\"\n    [^1]\n\n[^1]: n\n", "=== \"a\"\r\n    x\r\n", "=== \"a\"\n\n\n\n    x", "=== \"a\"\n    x\n{ .c }\n")
}
