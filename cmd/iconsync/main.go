// Command iconsync packs the complete icon sets and Twemoji from the
// pinned npm packages into internal/markdown/icons/icons.zip, which the
// binary embeds, and copies each package's licence into assets/icons, so
// that a fresh machine builds any site without npm. It checks that the
// icons the guide uses (shortcodes in content/ and templates/, and the
// names listed in extra.txt beside this file) are in the packages. It also writes the recommendation
// logos listed in logos.txt (assets/img/messengers/<id>.svg) from
// simple-icons, coloured, with a licence note; see logos.go.
//
//	go run ./cmd/iconsync            # npm ci into a temporary directory
//	go run ./cmd/iconsync -npm DIR   # use DIR/node_modules as it is
package main

import (
	"bytes"
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

// pkg is one icon package: where its SVGs and licence are. An icon's name
// in the pack is its path under dir with "/" made "-" and without ".svg"
// (fontawesome "brands/windows.svg" is "brands-windows", the shortcode
// ":fontawesome-brands-windows:").
type pkg struct {
	prefix  string // shortcode prefix, set name in the pack, directory under assets/icons
	npm     string // npm package name
	dir     string // SVG directory in the package
	license string // licence file in the package
	// notice, when set, writes NOTICE.txt beside the licence: the
	// attribution a licence of the artwork asks for.
	notice func(version string) []byte
}

var pkgs = []pkg{
	{"octicons", "@primer/octicons", "build/svg", "LICENSE", nil},
	{"material", "@mdi/svg", "svg", "LICENSE", nil},
	{"simple", "simple-icons", "icons", "LICENSE.md", nil},
	{"fontawesome", "@fortawesome/fontawesome-free", "svgs", "LICENSE.txt", nil},
}

// twemoji is the emoji package: its files are named by codepoint
// ("1f600.svg"); the package's licence (MIT) covers its packaging, the
// graphics are Twemoji's, under CC-BY 4.0, which asks for the notice.
var twemoji = pkg{icons.Emoji, "@twemoji/svg", ".", "license", twemojiNotice}

func twemojiNotice(version string) []byte {
	return []byte("Twemoji\n=======\n\n" +
		"The emoji graphics are Twemoji, copyright 2019 Twitter, Inc and other\n" +
		"contributors, maintained at https://github.com/jdecked/twemoji, and licensed\n" +
		"under CC-BY 4.0: https://creativecommons.org/licenses/by/4.0/\n\n" +
		"guidegen takes them from the npm package @twemoji/svg@" + version + " (whose own\n" +
		"licence, MIT, is in the file \"license\" beside this one) and changes them only\n" +
		"to inline them in pages: the XML declaration, titles and sizes are removed.\n")
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
	var zipBuf bytes.Buffer
	zw := icons.NewPackWriter(&zipBuf)
	var versions []string
	var simpleDir, simpleVersion string
	total := 0
	for _, p := range append(pkgs, twemoji) {
		src := filepath.Join(modules, filepath.FromSlash(p.npm))
		version, err := packageVersion(src)
		if err != nil {
			return err
		}
		if p.prefix == "simple" {
			simpleDir, simpleVersion = src, version
		}
		versions = append(versions, fmt.Sprintf("%s %s@%s", p.prefix, p.npm, version))
		// The licences are published beside the pages that inline the icons;
		// the SVGs are in the pack only.
		dst := filepath.Join(out, p.prefix)
		if err := os.RemoveAll(dst); err != nil {
			return err
		}
		lic, err := os.ReadFile(filepath.Join(src, p.license))
		if err != nil {
			return err
		}
		if err := writeFile(filepath.Join(dst, p.license), lic); err != nil {
			return err
		}
		if err := zw.File(p.prefix+"/"+p.license, lic); err != nil {
			return err
		}
		if p.notice != nil {
			n := p.notice(version)
			if err := writeFile(filepath.Join(dst, "NOTICE.txt"), n); err != nil {
				return err
			}
			if err := zw.File(p.prefix+"/NOTICE.txt", n); err != nil {
				return err
			}
		}
		set, err := readSet(filepath.Join(src, p.dir), "gg-"+p.prefix)
		if err != nil {
			return err
		}
		if err := zw.Set(p.prefix, set); err != nil {
			return err
		}
		total += len(set)
	}
	head := "# The packages of internal/markdown/icons/icons.zip (go run ./cmd/iconsync).\n"
	v := []byte(head + strings.Join(versions, "\n") + "\n")
	if err := zw.File("VERSIONS", v); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "VERSIONS"), v, 0o644); err != nil {
		return err
	}
	pack := filepath.Join(root, filepath.FromSlash(PackFile))
	if err := os.WriteFile(pack, zipBuf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Printf("iconsync: %s and emoji packed into %s (%d bytes)\n", diag.Plural(total, "icon", "icons"), pack, zipBuf.Len())
	n, err := writeLogos(root, filepath.Join(self, "logos.txt"), simpleDir, simpleVersion)
	if err != nil {
		return err
	}
	fmt.Printf("iconsync: %s written into %s\n", diag.Plural(n, "logo", "logos"), filepath.Join(root, filepath.FromSlash(LogoDir)))
	set, err := icons.LoadPack(zipBuf.Bytes())
	if err != nil {
		return err
	}
	var missing []string
	for _, name := range names {
		if _, ok := set.Lookup(name); !ok {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("not in the pinned packages: %s", strings.Join(missing, ", "))
	}
	return nil
}

// PackFile is where the icon pack is written, from the repository root.
const PackFile = "internal/markdown/icons/icons.zip"

// readSet reads and cleans every SVG under dir: "brands/windows.svg" is
// the icon "brands-windows" of its set; ids in an icon get the prefix
// scope-name.
func readSet(dir, scope string) (map[string][]byte, error) {
	set := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".svg" {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		name := strings.ReplaceAll(strings.TrimSuffix(filepath.ToSlash(rel), ".svg"), "/", "-")
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		svg, err := icons.CleanScoped(b, scope+"-"+name)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		set[name] = svg
		return nil
	})
	return set, err
}

func writeFile(name string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, b, 0o644)
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
