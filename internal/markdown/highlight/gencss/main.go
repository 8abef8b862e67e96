// Command gencss writes the syntax colours of package highlight (chroma's
// github and github-dark styles) into a stylesheet, between its markers:
//
//	go generate ./internal/markdown/highlight
package main

import (
	"fmt"
	"os"

	"github.com/guidegen/guidegen/internal/markdown/highlight/sitecss"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gencss STYLESHEET")
		os.Exit(2)
	}
	name := os.Args[1]
	css, err := os.ReadFile(name)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencss:", err)
		os.Exit(1)
	}
	out := sitecss.Splice(string(css), sitecss.SiteCSS())
	if err := os.WriteFile(name, []byte(out), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gencss:", err)
		os.Exit(1)
	}
}
