package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/guidegen/guidegen/internal/mkdocs"
	"github.com/guidegen/guidegen/internal/scaffold"
)

// runNew writes a new site: guidegen new DIR [--title T] [--base-url URL]
// [--locales en,nl], or guidegen new DIR --from-mkdocs mkdocs.yml. Flags
// may come before or after DIR.
func runNew(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new", stderr)
	title := fs.String("title", "", "the site's title (default: My guide)")
	baseURL := fs.String("base-url", "", "the URL the site will be served from (default: https://example.org/)")
	locales := fs.String("locales", "en", "the site's locales, the default first (en,nl)")
	from := fs.String("from-mkdocs", "", "convert this MkDocs configuration (mkdocs.yml) and its docs directory instead")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: guidegen new DIR [--title T] [--base-url URL] [--locales en,nl]\n       guidegen new DIR --from-mkdocs mkdocs.yml")
		fs.PrintDefaults()
	}
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(rest) != 1 {
		fs.Usage()
		return 2
	}
	dir := rest[0]
	var files []scaffold.File
	if *from != "" {
		res, err := mkdocs.Convert(*from)
		if err != nil {
			fmt.Fprintf(stderr, "guidegen: %v\n", err)
			return 1
		}
		for _, w := range res.Warnings {
			fmt.Fprintln(stderr, w.Error())
		}
		files = res.Files
	} else {
		var err error
		files, err = scaffold.Files(scaffold.Options{Title: *title, BaseURL: *baseURL, Locales: strings.Split(*locales, ",")})
		if err != nil {
			fmt.Fprintf(stderr, "guidegen: --locales: %v\n", err)
			return 2
		}
	}
	if err := scaffold.Write(dir, files); err != nil {
		fmt.Fprintf(stderr, "guidegen: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Wrote a new site of %d files into %s. Build it with: guidegen build --src %s\n", len(files), dir, dir)
	return 0
}
