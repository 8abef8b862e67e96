package permalink_test

import (
	"testing"

	"github.com/guidegen/guidegen/internal/markdown/mdtest"
)

func TestGolden(t *testing.T) {
	mdtest.Golden(t, mdtest.New())
}

func FuzzPermalink(f *testing.F) {
	mdtest.Fuzz(f, "## a\n## a\n", "## <b>x</b>\n", "## \"q\" & <\n", "## {#\"}\n", "##\n", "Setext\n---\n")
}
