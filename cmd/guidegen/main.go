// Command guidegen builds a bilingual static guide from Markdown.
//
//	guidegen build   [--src DIR] [--out DIR] [--base-url URL] [--drafts]
//	guidegen check   [--src DIR] [--drafts]
//	guidegen serve   [--src DIR] [--addr 127.0.0.1:8000] [--drafts]
//	guidegen i18n status  [--src DIR] [--locale L] [--json]
//	guidegen i18n stamp   [--src DIR] [--all] FILE...
//	guidegen i18n extract [--src DIR] [--locale L] [--out FILE] [--force]
//	guidegen i18n merge   [--src DIR] [--locale L] [--file FILE] [--identical]
//	guidegen i18n export  [--src DIR] --format po [--locale L] [--out DIR]
//	guidegen i18n import  [--src DIR] DIR
//	guidegen new     DIR [--title T] [--base-url URL] [--locales en,nl]
//	guidegen new     DIR --from-mkdocs mkdocs.yml
//	guidegen i18n diff    [--src DIR] [--locale L] [--json] [FILE...]
//	guidegen i18n new     [--src DIR] [--locale L] FILE...
//	guidegen version
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/guidegen/guidegen"
	"github.com/guidegen/guidegen/internal/build"
	"github.com/guidegen/guidegen/internal/config"
	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/limits"
	"github.com/guidegen/guidegen/internal/server"
	"github.com/guidegen/guidegen/internal/sitefs"
)

// version is set at link time (-ldflags "-X main.version=...").
var version = ""

func main() {
	tuneGC()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// gcLimit is the soft memory limit of the streaming commands. A build's
// peak RSS is the limit and some 15 MiB more (the binary's code and
// data): 115 MiB at 100 MiB, under the 128 MiB a 10,000- or 20,000-page
// build must stay within.
const gcLimit = 100 << 20

// tuneGC sets the collector as gcSettings says, for the streaming commands.
func tuneGC() {
	s := gcSettings(os.Getenv)
	if s.setLimit {
		debug.SetMemoryLimit(s.limit)
	}
	if s.setPercent {
		debug.SetGCPercent(s.percent)
	}
}

// gc is how the collector is set: the limit and GOGC, each when set.
type gc struct {
	limit      int64
	percent    int
	setLimit   bool
	setPercent bool
}

// gcSettings returns how to set the collector, given the environment:
// the heap grows up to the soft limit gcLimit, and is collected only as
// it nears it (GOGC off). A build streams its pages, so little stays
// live: with Go's default it would collect after every few pages, and
// with a GOGC of 300 it collected 44 times in a 10,002-page build (seven
// of them early, while the live heap is small) and 129 in a 20,002-page
// one, 37 and 115 times with this. GOGC and GOMEMLIMIT in the environment
// take precedence; where GOMEMLIMIT is set and GOGC is not, GOGC is 300,
// so that collecting does not depend on a limit that may be none.
func gcSettings(getenv func(string) string) gc {
	var s gc
	if getenv("GOMEMLIMIT") == "" {
		s.limit, s.setLimit = gcLimit, true
		if getenv("GOGC") == "" {
			s.percent, s.setPercent = -1, true
		}
	} else if getenv("GOGC") == "" {
		s.percent, s.setPercent = 300, true
	}
	return s
}

// command is one subcommand.
type command struct {
	name, args, help string
	run              func(args []string, stdout, stderr io.Writer) int
}

// dirCommand is a command that works relative to a working directory wd
// ("" for the process's own).
type dirCommand func(wd string, args []string, stdout, stderr io.Writer) int

// in binds a dirCommand to the working directory wd.
func in(wd string, f dirCommand) func(args []string, stdout, stderr io.Writer) int {
	return func(args []string, stdout, stderr io.Writer) int { return f(wd, args, stdout, stderr) }
}

func commands(wd string) []command {
	return []command{
		{"build", "[--src DIR] [--out DIR] [--base-url URL] [--drafts]", "build the site (the bundled guide when no site is found)", in(wd, runBuild)},
		{"check", "[--src DIR] [--drafts]", "check the site without writing it: links, anchors, data, cards and criteria; report the minimum criteria each listed (not recommended) entry misses", in(wd, runCheck)},
		{"serve", "[--src DIR] [--addr 127.0.0.1:8000] [--drafts]", "preview the site at http://127.0.0.1:8000/: built in memory (public/ is not touched), rebuilt and reloaded in the browser on every change", in(wd, runServe)},
		{"i18n", "status|stamp|extract|merge|diff|new|export|import [flags]", "the state of the translations, and the translators' tools (guidegen i18n -h)", in(wd, runI18n)},
		{"new", "DIR [--locales en,nl] | DIR --from-mkdocs mkdocs.yml", "write a new site into the empty directory DIR, or convert an MkDocs project into one", runNew},
		{"version", "", "print the version", runVersion},
	}
}

// usage prints the commands of a program ("guidegen", "guidegen i18n").
func usage(w io.Writer, prog string, cmds []command) {
	fmt.Fprintf(w, "usage: %s <command> [flags]\n\n", prog)
	for _, c := range cmds {
		fmt.Fprintf(w, "  %-8s %s\n           %s\n", c.name, c.args, c.help)
	}
	fmt.Fprintf(w, "\nRun '%s <command> -h' for a command's flags.\n", prog)
}

// dispatch runs the command args[0] names, with the rest of args.
func dispatch(prog string, cmds []command, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr, prog, cmds)
		return 2
	}
	switch args[0] {
	case "help", "-h", "--help", "-help":
		usage(stdout, prog, cmds)
		return 0
	}
	for _, c := range cmds {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "%s: unknown command %q\n\n", prog, args[0])
	usage(stderr, prog, cmds)
	return 2
}

// i18nCommands are the subcommands of guidegen i18n.
func i18nCommands(wd string) []command {
	return []command{
		{"status", "[--src DIR] [--locale L] [--json]", "pages and UI strings translated, outdated, unstamped or missing; segments still in the source language; headings that do not line up", in(wd, runStatus)},
		{"stamp", "[--src DIR] [--all] FILE...", "mark a translated page (content/nl/PAGE.md) or locale file (locales/nl.yaml) as up to date with its source", in(wd, runStamp)},
		{"extract", "[--src DIR] [--locale L] [--out FILE] [--force]", "write the missing and outdated UI strings to translate into locales/translate.L.yaml (or FILE: .yaml, .json or .toml), keeping the translations an earlier extract's file holds", in(wd, runExtract)},
		{"merge", "[--src DIR] [--locale L] [--file FILE] [--identical]", "take the translated strings of locales/translate.L.yaml (or FILE) into the locale file locales/L.yaml (or .json, .toml)", in(wd, runMerge)},
		{"export", "[--src DIR] --format po [--locale L] [--out DIR]", "write a PO file per page and one for the UI strings (DIR/L/PAGE.po, DIR/L/ui.po; default DIR: po)", in(wd, runExport)},
		{"import", "[--src DIR] DIR", "write the translations of the PO files in DIR/L/ back into the pages and the locale file (locales/L.yaml, or .json, .toml)", in(wd, runImport)},
		{"diff", "[--src DIR] [--locale L] [--json] [FILE...]", "what changed in the source of a translated page (content/nl/PAGE.md; default: every outdated page) since it was stamped, segment by segment, with the translation of the old text", in(wd, runDiff)},
		{"new", "[--src DIR] [--locale L] FILE...", "start translating a source page (content/en/PAGE.md): a draft translation with the text to translate, shown in the source language until done", in(wd, runI18nNew)},
	}
}

func runI18n(wd string, args []string, stdout, stderr io.Writer) int {
	return dispatch("guidegen i18n", i18nCommands(wd), args, stdout, stderr)
}

// run is main without the exit: it returns the exit status (0 success,
// 1 failure, 2 bad usage).
func run(args []string, stdout, stderr io.Writer) int {
	return runIn("", args, stdout, stderr)
}

// runIn is run as if started in the directory wd ("" for the process's
// own): relative paths in flags and arguments are relative to wd, and the
// site is looked for from wd. (The bundled guide's default output
// directory stays relative to the process's directory.)
func runIn(wd string, args []string, stdout, stderr io.Writer) int {
	return dispatch("guidegen", commands(wd), args, stdout, stderr)
}

// resolve returns the path p, given relative to the working directory wd,
// as the process opens it.
func resolve(wd, p string) string {
	if p == "" || wd == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(wd, p)
}

// shown returns how to name the file at p (as resolve returns it) to a
// user in wd: relative to wd when it is below wd, else absolute.
func shown(wd, p string) string {
	base := wd
	if base == "" {
		base = "."
	}
	ab, err1 := filepath.Abs(base)
	ap, err2 := filepath.Abs(p)
	if err1 != nil || err2 != nil {
		return p
	}
	if rel, err := filepath.Rel(ab, ap); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return rel
	}
	return ap
}

// openSiteIn opens the site of --src, or else the site wd is in: the
// nearest directory at or above wd with a guidegen.yaml (as git finds its
// repository), named on stderr when it is not wd itself. Where there is
// none, it is the bundled guide, said so on stderr, unless wd has a
// content/ or locales/ directory (a site without its guidegen.yaml, or a
// part of one): that is an error. nil, with the reason printed, when the
// site cannot be opened.
func openSiteIn(wd, src string, stderr io.Writer) *sitefs.Site {
	dir := resolve(wd, src)
	if src == "" {
		here := wd
		if here == "" {
			here = "."
		}
		found, err := sitefs.Find(here)
		if err != nil {
			fmt.Fprintf(stderr, "guidegen: looking for %s: %v\n", config.FileName, err)
			return nil
		}
		abs, _ := filepath.Abs(here)
		switch {
		case found == "" && sitefs.LooksLikeSite(here):
			fmt.Fprintf(stderr, "guidegen: no %s in %s or any directory above it, but it has a content/ or locales/ directory: give --src DIR (the bundled guide is used only outside a site)\n", config.FileName, abs)
			return nil
		case found == "":
			fmt.Fprintf(stderr, "guidegen: no %s in %s or any directory above it: using the bundled guide\n", config.FileName, abs)
			return sitefs.OpenBundled(guidegen.Bundled())
		case found == abs:
			dir = here
		default:
			fmt.Fprintf(stderr, "guidegen: using the site in %s\n", found)
			dir = found
		}
	}
	site, err := sitefs.Open(dir, guidegen.Bundled())
	if err != nil {
		fmt.Fprintf(stderr, "guidegen: %v\n", err)
		return nil
	}
	return site
}

// srcFlag adds --src.
func srcFlag(fs *flag.FlagSet) *string {
	return fs.String("src", "", "site directory (default: the nearest directory with a guidegen.yaml, from the current directory up; else the bundled guide)")
}

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("guidegen "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parse parses flags; it returns -1 to go on, or an exit status.
func parse(fs *flag.FlagSet, args []string) int {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "%s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return 2
	}
	return -1
}

func runBuild(wd string, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", stderr)
	src := srcFlag(fs)
	out := fs.String("out", "", "output directory (default: the site's configured output, public/)")
	baseURL := fs.String("base-url", "", "override the configured baseURL")
	drafts := fs.Bool("drafts", false, "include draft pages")
	noMinify := fs.Bool("no-minify", false, "write the HTML, CSS and JavaScript as they are, not minified")
	if st := parse(fs, args); st >= 0 {
		return st
	}
	site := openSiteIn(wd, *src, stderr)
	if site == nil {
		return 1
	}
	defer site.Close()
	sum, err := build.Run(build.Options{Site: site, Out: resolve(wd, *out), BaseURL: *baseURL, Drafts: *drafts, Minify: !*noMinify})
	printProblems(stderr, sum, err)
	if err != nil {
		fmt.Fprintln(stderr, "guidegen: build failed; the output directory was left as it was")
		return 1
	}
	sum.Format(stdout)
	return 0
}

func runCheck(wd string, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", stderr)
	src := srcFlag(fs)
	drafts := fs.Bool("drafts", false, "include draft pages")
	if st := parse(fs, args); st >= 0 {
		return st
	}
	site := openSiteIn(wd, *src, stderr)
	if site == nil {
		return 1
	}
	defer site.Close()
	sum, err := build.Check(build.Options{Site: site, Drafts: *drafts})
	printProblems(stderr, sum, err)
	if err != nil {
		fmt.Fprintln(stderr, "guidegen: check failed")
		return 1
	}
	for _, a := range sum.Assessments {
		fmt.Fprintln(stdout, a)
	}
	fmt.Fprintf(stdout, "guidegen: no errors, %s\n", diag.Plural(len(sum.Warnings), "warning", "warnings"))
	return 0
}

func runServe(wd string, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", stderr)
	src := srcFlag(fs)
	addr := fs.String("addr", server.DefaultAddr, "address to listen on (the loopback interface unless told otherwise)")
	drafts := fs.Bool("drafts", false, "include draft pages")
	if st := parse(fs, args); st >= 0 {
		return st
	}
	site := openSiteIn(wd, *src, stderr)
	if site == nil {
		return 1
	}
	defer site.Close()
	// The preview keeps every page's bytes (a 10,000-page site holds some
	// 250 MB live): under tuneGC's soft limit the collector would
	// run without pause. The limit is for the streaming commands.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(math.MaxInt64)
		if os.Getenv("GOGC") == "" {
			debug.SetGCPercent(300) // tuneGC turned it off
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := server.Run(ctx, server.Options{Site: site, Addr: *addr, Drafts: *drafts, Log: stdout}); err != nil {
		fmt.Fprintf(stderr, "guidegen: %v\n", err)
		return 1
	}
	return 0
}

// printProblems prints the warnings of a build or check and its error:
// at most limits.Problems problems, errors first, then a count of the rest.
func printProblems(w io.Writer, sum *build.Summary, err error) {
	var warnings []*diag.Problem
	if sum != nil {
		warnings = sum.Warnings
	}
	writeProblems(w, warnings, err)
}

// writeProblems prints warnings, then err: one problem a line, at most
// limits.Problems of them (errors first), then "… and N more problems".
func writeProblems(w io.Writer, warnings []*diag.Problem, err error) {
	var errs []*diag.Problem
	le, isList := err.(*diag.ListError)
	if isList {
		errs = le.Problems
	}
	max := limits.Problems
	if err != nil && !isList {
		max-- // err is one problem
	}
	warnings, errs, hidden := diag.Truncate(warnings, errs, max)
	for _, p := range warnings {
		fmt.Fprintln(w, p.Error())
	}
	for _, p := range errs {
		fmt.Fprintln(w, p.Error())
	}
	if err != nil && !isList {
		fmt.Fprintln(w, err)
	}
	if hidden > 0 {
		fmt.Fprintf(w, "… and %s\n", diag.Plural(hidden, "more problem", "more problems"))
	}
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("version", stderr)
	if st := parse(fs, args); st >= 0 {
		return st
	}
	fmt.Fprintf(stdout, "guidegen %s\n", versionString())
	return 0
}

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		v := bi.Main.Version
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " (" + s.Value[:12] + ")"
			}
		}
		if v != "" {
			return v + " " + bi.GoVersion
		}
	}
	return "(devel)"
}
