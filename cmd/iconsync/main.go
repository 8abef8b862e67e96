// Command iconsync copies the icons the guide uses from the pinned npm
// packages into assets/icons, with each package's licence, so that a
// fresh machine builds the site without npm. It scans content/ and
// templates/ for shortcodes (":octicons-home-16:") and adds the names
// listed in extra.txt beside this file. It also writes the recommendation
// logos listed in logos.txt (assets/img/messengers/<id>.svg) from
// simple-icons, coloured, with a licence note; see logos.go.
//
//	go run ./cmd/iconsync            # npm ci into a temporary directory
//	go run ./cmd/iconsync -npm DIR   # use DIR/node_modules as it is
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/guidegen/guidegen/internal/diag"
	"github.com/guidegen/guidegen/internal/markdown/icons"
)

// pkg is one icon package: where its SVGs and licence are, and how a
// shortcode name maps to a file.
type pkg struct {
	prefix  string // shortcode prefix and directory under assets/icons
	npm     string // npm package name
	dir     string // SVG directory in the package
	license string // licence file in the package
}

var pkgs = []pkg{
	{"octicons", "@primer/octicons", "build/svg", "LICENSE"},
	{"material", "@mdi/svg", "svg", "LICENSE"},
	{"simple", "simple-icons", "icons", "LICENSE.md"},
	{"fontawesome", "@fortawesome/fontawesome-free", "svgs", "LICENSE.txt"},
}

// file returns the SVG path of name inside its package, relative to the
// package's SVG directory, and the path under assets/icons/<prefix>.
func (p pkg) file(name string) (string, bool) {
	rest, ok := strings.CutPrefix(name, p.prefix+"-")
	if !ok {
		return "", false
	}
	if p.prefix == "fontawesome" {
		style, icon, ok := strings.Cut(rest, "-")
		if !ok || !slices.Contains([]string{"brands", "regular", "solid"}, style) {
			return "", false
		}
		return style + "/" + icon + ".svg", true
	}
	return rest + ".svg", true
}

var shortcodeRE = regexp.MustCompile(`:((?:octicons|material|simple|fontawesome)-[a-z0-9]+(?:-[a-z0-9]+)*):`)

// used returns the icon names written in the files under dirs of root,
// and those listed in the extra file.
func used(root string, dirs []string, extra string) ([]string, error) {
	seen := map[string]bool{}
	for _, d := range dirs {
		err := filepath.WalkDir(filepath.Join(root, d), func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, m := range shortcodeRE.FindAllSubmatch(b, -1) {
				seen[string(m[1])] = true
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	lines, err := readList(extra)
	if err != nil {
		return nil, err
	}
	for _, l := range lines {
		if !shortcodeRE.MatchString(":" + l.text + ":") {
			return nil, fmt.Errorf("%s:%d: %q is not an icon name", extra, l.n, l.text)
		}
		seen[l.text] = true
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	slices.Sort(names)
	return names, nil
}

// listLine is a line of a list file (extra.txt, logos.txt), trimmed, with
// its line number.
type listLine struct {
	n    int
	text string
}

// readList returns the lines of a list file that are neither blank nor
// comments ("#").
func readList(file string) ([]listLine, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var lines []listLine
	for i, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			lines = append(lines, listLine{i + 1, l})
		}
	}
	return lines, nil
}

func main() {
	root := flag.String("root", ".", "the repository root")
	npmDir := flag.String("npm", "", "a directory whose node_modules already holds the pinned packages")
	flag.Parse()
	if err := run(*root, *npmDir); err != nil {
		fmt.Fprintln(os.Stderr, "iconsync:", err)
		os.Exit(1)
	}
}

func run(root, npmDir string) error {
	self := filepath.Join(root, "cmd", "iconsync")
	names, err := used(root, []string{"content", "templates"}, filepath.Join(self, "extra.txt"))
	if err != nil {
		return err
	}
	if npmDir == "" {
		tmp, err := os.MkdirTemp("", "iconsync")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		for _, f := range []string{"package.json", "package-lock.json"} {
			b, err := os.ReadFile(filepath.Join(self, f))
			if err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(tmp, f), b, 0o644); err != nil {
				return err
			}
		}
		cmd := exec.Command("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
		cmd.Dir, cmd.Stdout, cmd.Stderr = tmp, os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("npm ci: %w", err)
		}
		npmDir = tmp
	}
	modules := filepath.Join(npmDir, "node_modules")
	out := filepath.Join(root, "assets", icons.Dir)
	var versions, missing []string
	var simpleDir, simpleVersion string
	copied := 0
	for _, p := range pkgs {
		src := filepath.Join(modules, filepath.FromSlash(p.npm))
		version, err := packageVersion(src)
		if err != nil {
			return err
		}
		if p.prefix == "simple" {
			simpleDir, simpleVersion = src, version
		}
		versions = append(versions, fmt.Sprintf("%s %s@%s", p.prefix, p.npm, version))
		dst := filepath.Join(out, p.prefix)
		if err := os.RemoveAll(dst); err != nil {
			return err
		}
		if err := copyFile(filepath.Join(src, p.license), filepath.Join(dst, p.license)); err != nil {
			return err
		}
		for _, name := range names {
			rel, ok := p.file(name)
			if !ok {
				continue
			}
			from := filepath.Join(src, p.dir, filepath.FromSlash(rel))
			b, err := os.ReadFile(from)
			if err != nil {
				missing = append(missing, name)
				continue
			}
			if _, err := icons.Clean(b); err != nil {
				return fmt.Errorf("%s: %w", from, err)
			}
			if err := copyFile(from, filepath.Join(dst, filepath.FromSlash(rel))); err != nil {
				return err
			}
			copied++
		}
	}
	head := "# The icon packages assets/icons was copied from (go run ./cmd/iconsync).\n"
	if err := os.WriteFile(filepath.Join(out, "VERSIONS"), []byte(head+strings.Join(versions, "\n")+"\n"), 0o644); err != nil {
		return err
	}
	fmt.Printf("iconsync: %s copied into %s\n", diag.Plural(copied, "icon", "icons"), out)
	n, err := writeLogos(root, filepath.Join(self, "logos.txt"), simpleDir, simpleVersion)
	if err != nil {
		return err
	}
	fmt.Printf("iconsync: %s written into %s\n", diag.Plural(n, "logo", "logos"), filepath.Join(root, filepath.FromSlash(LogoDir)))
	if len(missing) > 0 {
		return fmt.Errorf("not in the pinned packages: %s", strings.Join(missing, ", "))
	}
	return nil
}

func packageVersion(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return "", err
	}
	var v struct{ Version string }
	if err := json.Unmarshal(b, &v); err != nil {
		return "", fmt.Errorf("%s: %w", dir, err)
	}
	return v.Version, nil
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}
