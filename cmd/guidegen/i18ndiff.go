package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/guidegen/guidegen/internal/translation"
)

func runDiff(wd string, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("i18n diff", stderr)
	src := srcFlag(fs)
	locale := fs.String("locale", "", "without files: the outdated pages of this locale only")
	asJSON := fs.Bool("json", false, "write the differences as JSON (one object per page)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	site, _, st := inspectIn(wd, *src, false, stderr)
	if site == nil {
		return st
	}
	var files []string
	for _, name := range fs.Args() {
		files = append(files, resolve(wd, name))
	}
	if len(files) == 0 {
		// Every outdated page.
		r, err := translation.NewReport(site, *locale)
		if err != nil {
			fmt.Fprintf(stderr, "guidegen: %v\n", err)
			return 2
		}
		for _, loc := range r.Locales {
			for _, pg := range loc.PageList {
				if pg.State == translation.Outdated {
					files = append(files, pg.File)
				}
			}
		}
		if len(files) == 0 {
			if !*asJSON {
				fmt.Fprintln(stdout, "No translated page is outdated.")
			}
			return 0
		}
	}
	hist := translation.NewHistory(site)
	status := 0
	for i, name := range files {
		d, err := translation.Diff(site, hist, name)
		if err != nil {
			status = fail(stderr, err)
			continue
		}
		if *asJSON {
			err = d.WriteJSON(stdout)
		} else {
			if i > 0 {
				fmt.Fprintln(stdout)
			}
			err = d.WriteText(stdout)
		}
		if err != nil {
			return fail(stderr, err)
		}
	}
	return status
}

func runI18nNew(wd string, args []string, stdout, stderr io.Writer) int {
	f := newLocaleFlags("i18n new", "the locale to translate into", stderr)
	if st := parseFiles(f.fs, args, "guidegen i18n new: name the source pages to translate (content/en/PAGE.md)", stderr); st >= 0 {
		return st
	}
	site, _, st := inspectIn(wd, *f.src, false, stderr)
	if site == nil {
		return st
	}
	loc, ok := defaultLocale(site, *f.locale, stderr)
	if !ok {
		return 2
	}
	status := 0
	for _, name := range f.fs.Args() {
		res, err := translation.NewPage(site, resolve(wd, name), loc)
		if err != nil {
			status = fail(stderr, err)
			continue
		}
		fmt.Fprintf(stdout, "wrote %s: a draft translation of %s, shown in English until done\n", res.File, res.Source)
		fmt.Fprintf(stdout, "  translate its title, description and text, remove the line draft: true, then run: guidegen i18n stamp %s\n", res.File)
	}
	return status
}

// parseFiles parses the flags of a command that takes files; it returns
// -1 to go on, or an exit status.
func parseFiles(fs *flag.FlagSet, args []string, none string, stderr io.Writer) int {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, none)
		return 2
	}
	return -1
}
