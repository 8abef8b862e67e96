package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/guidegen/guidegen/internal/build"
	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/translation"
)

// inspectIn loads the site for the translation tools, found from the
// working directory wd (see runIn). It returns nil and an exit status when
// the site cannot be loaded; errors in pages are printed (all of them when
// report is set, else a count) and counted in errs.
func inspectIn(wd, src string, report bool, stderr io.Writer) (site *translation.Site, errs int, status int) {
	s := openSiteIn(wd, src, stderr)
	if s == nil {
		return nil, 0, 1
	}
	ts, err := build.Inspect(build.Options{Site: s})
	if err != nil {
		if ts == nil || !build.IsInputError(err) {
			fmt.Fprintln(stderr, err)
			return nil, 0, 1
		}
		errs = 1
		var le *diag.ListError
		if errors.As(err, &le) {
			errs = len(le.Problems)
		}
		if report {
			writeProblems(stderr, nil, err)
		} else {
			fmt.Fprintf(stderr, "guidegen: note: the site has %s (guidegen check lists them)\n", diag.Plural(errs, "error", "errors"))
		}
	}
	return ts, errs, 0
}

// defaultLocale returns the only locale the site translates into, for
// commands that take one.
func defaultLocale(s *translation.Site, flagged string, stderr io.Writer) (string, bool) {
	if flagged != "" {
		return flagged, true
	}
	var targets []string
	for _, l := range s.Config.Locales {
		if l.Code != s.Config.DefaultLocale {
			targets = append(targets, l.Code)
		}
	}
	if len(targets) == 1 {
		return targets[0], true
	}
	fmt.Fprintf(stderr, "guidegen: give --locale (one of %s)\n", strings.Join(targets, ", "))
	return "", false
}

func runStatus(wd string, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("i18n status", stderr)
	src := srcFlag(fs)
	locale := fs.String("locale", "", "report on this locale only (default: every locale but the source language)")
	asJSON := fs.Bool("json", false, "write the report as JSON")
	if st := parse(fs, args); st >= 0 {
		return st
	}
	site, errs, st := inspectIn(wd, *src, true, stderr)
	if site == nil {
		return st
	}
	r, err := translation.NewReport(site, *locale)
	if err != nil {
		fmt.Fprintf(stderr, "guidegen: %v\n", err)
		return 2
	}
	r.CountChanges(translation.NewHistory(site))
	if *asJSON {
		err = r.WriteJSON(stdout)
	} else {
		err = r.WriteTable(stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "guidegen: %v\n", err)
		return 1
	}
	if errs > 0 {
		fmt.Fprintln(stderr, "guidegen: the site has errors, so this report may be incomplete")
		return 1
	}
	return 0
}

func runStamp(wd string, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("i18n stamp", stderr)
	src := srcFlag(fs)
	all := fs.Bool("all", false, "in a locale file, stamp outdated strings too (after updating them by hand)")
	if st := parseFiles(fs, args, "guidegen i18n stamp: name the files to stamp (content/nl/PAGE.md, locales/nl.yaml)", stderr); st >= 0 {
		return st
	}
	site, _, st := inspectIn(wd, *src, false, stderr)
	if site == nil {
		return st
	}
	status := 0
	for _, name := range fs.Args() {
		res, err := translation.Stamp(site, resolve(wd, name), *all)
		if err != nil {
			status = fail(stderr, err)
			continue
		}
		switch {
		case res.Hash != "":
			fmt.Fprintf(stdout, "stamped %s (source_hash: %s)\n", res.File, res.Hash)
		case res.Strings == 0 && res.Skipped == 0:
			fmt.Fprintf(stdout, "%s: every string was already stamped\n", res.File)
		default:
			fmt.Fprintf(stdout, "stamped %s in %s\n", diag.Plural(res.Strings, "string", "strings"), res.File)
		}
		if res.Skipped > 0 {
			fmt.Fprintf(stdout, "  %s left as %s (update %s, then stamp with --all, or use extract and merge)\n",
				diag.Plural(res.Skipped, "outdated string", "outdated strings"), diag.Noun(res.Skipped, "it is", "they are"), diag.Noun(res.Skipped, "it", "them"))
		}
		for _, n := range res.Notes {
			fmt.Fprintf(stdout, "  note: %s\n", n)
		}
	}
	return status
}

// localeFlags are the flags of a command on one locale's UI strings.
type localeFlags struct {
	fs          *flag.FlagSet
	src, locale *string
}

func newLocaleFlags(name, localeHelp string, stderr io.Writer) *localeFlags {
	fs := newFlags(name, stderr)
	return &localeFlags{fs: fs, src: srcFlag(fs), locale: fs.String("locale", "", localeHelp+" (default: the only one besides the source language)")}
}

// open parses the flags, loads the site and picks the locale. It returns
// nil and an exit status when the command cannot go on.
func (f *localeFlags) open(wd string, args []string, stderr io.Writer) (*translation.Site, string, int) {
	if st := parse(f.fs, args); st >= 0 {
		return nil, "", st
	}
	site, _, st := inspectIn(wd, *f.src, false, stderr)
	if site == nil {
		return nil, "", st
	}
	loc, ok := defaultLocale(site, *f.locale, stderr)
	if !ok {
		return nil, "", 2
	}
	return site, loc, 0
}

// workFile returns the file of translations a command reads or writes:
// flagged (relative to wd), or the site's locales/translate.LOCALE.yaml;
// and how to name it to the user.
func workFile(wd string, site *translation.Site, loc, flagged string) (path, name string) {
	if flagged != "" {
		return resolve(wd, flagged), flagged
	}
	path = filepath.Join(site.Dir, filepath.FromSlash(translation.TranslateFile(loc)))
	return path, shown(wd, path)
}

func runExtract(wd string, args []string, stdout, stderr io.Writer) int {
	f := newLocaleFlags("i18n extract", "the locale to translate into", stderr)
	out := f.fs.String("out", "", "file to write, relative to the current directory: .yaml, .json or .toml (default: the site's locales/translate.LOCALE.yaml)")
	force := f.fs.Bool("force", false, "drop the translations the file holds that no longer apply (their source text changed or is gone) instead of refusing")
	site, loc, st := f.open(wd, args, stderr)
	if site == nil {
		return st
	}
	path, name := workFile(wd, site, loc, *out)
	res, err := translation.ExtractWith(site, translation.ExtractOptions{Locale: loc, Out: path, OutName: name, Force: *force})
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "wrote %s: %s to translate (%d missing, %d outdated)\n", res.File, diag.Plural(res.Missing+res.Outdated, "UI string", "UI strings"), res.Missing, res.Outdated)
	if res.Kept > 0 {
		fmt.Fprintf(stdout, "  kept %s of the file as %s (merge takes %s)\n", diag.Plural(res.Kept, "translated entry", "translated entries"), diag.Noun(res.Kept, "it was", "they were"), diag.Noun(res.Kept, "it", "them"))
	}
	if len(res.Dropped) > 0 {
		fmt.Fprintf(stdout, "  dropped %s that no longer %s (--force): %s\n", diag.Plural(len(res.Dropped), "translation", "translations"), diag.Noun(len(res.Dropped), "applies", "apply"), strings.Join(res.Dropped, ", "))
	}
	return 0
}

func runMerge(wd string, args []string, stdout, stderr io.Writer) int {
	f := newLocaleFlags("i18n merge", "the locale of the translations", stderr)
	file := f.fs.String("file", "", "translated file, relative to the current directory: .yaml, .json or .toml (default: the site's locales/translate.LOCALE.yaml)")
	identical := f.fs.Bool("identical", false, "also take every string whose translation is the same text as the source (to take only some, add "+translation.IdenticalMarker+" to their description)")
	site, loc, st := f.open(wd, args, stderr)
	if site == nil {
		return st
	}
	path, name := workFile(wd, site, loc, *file)
	res, err := translation.MergeWith(site, translation.MergeOptions{Locale: loc, In: path, InName: name, Identical: *identical})
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "merged %s into %s\n", diag.Plural(len(res.Merged), "UI string", "UI strings"), shown(wd, filepath.Join(site.Dir, filepath.FromSlash(res.File))))
	if len(res.Identical) > 0 {
		fmt.Fprintf(stdout, "  %d of them the same text as the source on purpose: %s\n", len(res.Identical), strings.Join(res.Identical, ", "))
	}
	for _, skip := range []struct {
		ids []string
		why string
	}{
		{res.Untranslated, "still the source text (if that is the translation, add " + translation.IdenticalMarker + " to the description, or use --identical for all)"},
		{res.Outdated, "translated from a source text that has changed since; run extract again"},
		{res.Unhashed, "without a hash, so what they translate is unknown"},
		{res.Unknown, "not UI strings of the source language"},
	} {
		if len(skip.ids) > 0 {
			fmt.Fprintf(stdout, "  skipped %d %s: %s\n", len(skip.ids), skip.why, strings.Join(skip.ids, ", "))
		}
	}
	return 0
}

// fail prints an error and returns exit status 1. Problems of the input
// are printed as they are, file:line:col first.
func fail(stderr io.Writer, err error) int {
	if build.IsInputError(err) {
		writeProblems(stderr, nil, err)
	} else {
		fmt.Fprintf(stderr, "guidegen: %v\n", err)
	}
	return 1
}

func runExport(wd string, args []string, stdout, stderr io.Writer) int {
	f := newLocaleFlags("i18n export", "the locale to export", stderr)
	format := f.fs.String("format", "po", "the file format (po: GNU gettext PO files)")
	out := f.fs.String("out", "po", "directory to write into, relative to the current directory")
	site, loc, st := f.open(wd, args, stderr)
	if site == nil {
		return st
	}
	if *format != "po" {
		fmt.Fprintf(stderr, "guidegen i18n export: --format %s: the only format is po\n", *format)
		return 2
	}
	res, err := translation.ExportPO(site, loc, resolve(wd, *out))
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "wrote %d PO files into %s: %d entries, %d untranslated, %d fuzzy\n",
		len(res.Files), filepath.Join(res.Dir, loc), res.Entries, res.Untranslated, res.Fuzzy)
	for _, p := range res.NoHistory {
		fmt.Fprintf(stdout, "  note: %s is outdated, and the source it was stamped against is not in the site's git history: all its entries are fuzzy\n", p)
	}
	return 0
}

func runImport(wd string, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("i18n import", stderr)
	src := srcFlag(fs)
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "guidegen i18n import: name the directory of the PO files (as export wrote it: DIR/nl/PAGE.po)")
		return 2
	}
	site, _, st := inspectIn(wd, *src, false, stderr)
	if site == nil {
		return st
	}
	res, err := translation.ImportPO(site, resolve(wd, fs.Arg(0)))
	if err != nil {
		return fail(stderr, err)
	}
	for _, w := range res.Written {
		fmt.Fprintf(stdout, "wrote %s\n", w)
	}
	for _, s := range res.Stamped {
		fmt.Fprintf(stdout, "stamped %s: every segment is translated\n", s)
	}
	if len(res.Written) == 0 {
		fmt.Fprintln(stdout, "no translation changed")
	}
	for _, s := range res.Skipped {
		fmt.Fprintf(stdout, "  skipped %s\n", s)
	}
	return 0
}
