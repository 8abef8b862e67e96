package translation_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/translation"
)

// writer is a command that writes a source file of the site.
type writer struct {
	name string
	// file is the file it writes, relative to the site.
	file string
	// prep makes the site one the command changes file in.
	prep func(t *testing.T, dir string)
	run  func(s *translation.Site) error
}

var writers = []writer{
	{"stamp page", "content/nl/criteria.md",
		func(t *testing.T, dir string) {
			edit(t, dir, "content/en/criteria.md", "## Best case", "## In the best case")
		},
		func(s *translation.Site) error {
			_, err := translation.Stamp(s, "content/nl/criteria.md", false)
			return err
		}},
	{"stamp strings", "locales/nl.yaml",
		func(t *testing.T, dir string) {
			edit(t, dir, "locales/nl.yaml", "greeting:\n  hash: sha1-4bc919e83cd814f073b8bed9e769447e14033b1f\n  other: Welkom bij de fixture.", "greeting: Welkom bij de fixture. # no hash")
		},
		func(s *translation.Site) error {
			_, err := translation.Stamp(s, "locales/nl.yaml", false)
			return err
		}},
	{"merge", "locales/nl.yaml",
		func(t *testing.T, dir string) {
			if _, err := translation.Extract(load(t, dir), "nl", ""); err != nil {
				t.Fatal(err)
			}
			edit(t, dir, "locales/translate.nl.yaml", "other: Goodbye for now.", "other: Tot ziens.")
		},
		func(s *translation.Site) error {
			_, err := translation.Merge(s, "nl", "", false)
			return err
		}},
	{"extract", "locales/translate.nl.yaml",
		func(t *testing.T, dir string) {
			if _, err := translation.Extract(load(t, dir), "nl", ""); err != nil {
				t.Fatal(err)
			}
			edit(t, dir, "locales/en.yaml", "This text will change.", "This text has changed.")
		},
		func(s *translation.Site) error {
			_, err := translation.Extract(s, "nl", "")
			return err
		}},
}

// write copies the fixture, prepares it for w, lets style change w's file,
// loads the site, lets after change the site, runs w and returns the
// site's directory and w's error.
func write(t *testing.T, w writer, style func([]byte) []byte, after func(t *testing.T, dir string)) (string, error) {
	t.Helper()
	dir := copySite(t)
	w.prep(t, dir)
	file := filepath.Join(dir, w.file)
	if style != nil {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, style(b), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	site := load(t, dir)
	if after != nil {
		after(t, dir)
	}
	return dir, w.run(site)
}

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func crlf(b []byte) []byte {
	return bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
}

func bom(b []byte) []byte { return append([]byte("\uFEFF"), b...) }

// TestWritersKeepStyle: each command that writes a source file keeps its
// line breaks and byte order mark: what it writes is what it writes into
// a file with LF and no BOM, in the file's style.
func TestWritersKeepStyle(t *testing.T) {
	styles := []struct {
		name  string
		style func([]byte) []byte
	}{
		{"CRLF", crlf},
		{"BOM", bom},
		{"CRLF and BOM", func(b []byte) []byte { return bom(crlf(b)) }},
	}
	for _, w := range writers {
		dir, err := write(t, w, nil, nil)
		if err != nil {
			t.Fatalf("%s: %v", w.name, err)
		}
		plain := read(t, filepath.Join(dir, w.file))
		if bytes.Contains(plain, []byte("\r")) || bytes.HasPrefix(plain, []byte("\uFEFF")) {
			t.Fatalf("%s wrote CR or a BOM into a file without:\n%q", w.name, plain)
		}
		for _, st := range styles {
			t.Run(w.name+"/"+st.name, func(t *testing.T) {
				dir, err := write(t, w, st.style, nil)
				if err != nil {
					t.Fatal(err)
				}
				got, want := read(t, filepath.Join(dir, w.file)), st.style(plain)
				if !bytes.Equal(got, want) {
					t.Errorf("got\n%q\nwant\n%q", got, want)
				}
			})
		}
	}
}

// TestWritersFiles: each command that writes a source file replaces it
// with a new file, keeps its permission bits, leaves a read-only file as
// it is, writes through a symbolic link to another file of the site and
// refuses one that leaves the site.
func TestWritersFiles(t *testing.T) {
	// outside is a file beyond the site that a link may point to.
	outside := filepath.Join(t.TempDir(), "outside.yaml")
	const secret = "secret: do not touch\n"
	tests := []struct {
		name  string
		after func(t *testing.T, dir, file string)
		// check looks at the site after the command; err is what its
		// error says ("" for none), with FILE for the file's name.
		check func(t *testing.T, dir, file string)
		err   string
	}{
		{"replaced, no temporary file left",
			func(t *testing.T, dir, file string) {},
			func(t *testing.T, dir, file string) {
				entries, err := os.ReadDir(filepath.Dir(file))
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range entries {
					if strings.HasPrefix(e.Name(), ".") {
						t.Errorf("left behind: %s", e.Name())
					}
				}
			}, ""},
		{"permission bits kept",
			func(t *testing.T, dir, file string) { chmod(t, file, 0o640) },
			func(t *testing.T, dir, file string) {
				if m := mode(t, file); m != 0o640 {
					t.Errorf("mode %o, want 640", m)
				}
			}, ""},
		{"read-only file not changed",
			func(t *testing.T, dir, file string) { chmod(t, file, 0o444) },
			func(t *testing.T, dir, file string) {
				if m := mode(t, file); m != 0o444 {
					t.Errorf("mode %o, want 444", m)
				}
			}, "FILE: file is read-only; not changed"},
		{"owner's write bit missing",
			func(t *testing.T, dir, file string) { chmod(t, file, 0o466) },
			func(t *testing.T, dir, file string) {}, "FILE: file is read-only; not changed"},
		{"symbolic link inside the site written through",
			func(t *testing.T, dir, file string) {
				target := filepath.Join(dir, "shared", filepath.Base(file))
				if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.Rename(file, target); err != nil {
					t.Fatal(err)
				}
				rel, _ := filepath.Rel(filepath.Dir(file), target)
				if err := os.Symlink(rel, file); err != nil {
					t.Fatal(err)
				}
			},
			func(t *testing.T, dir, file string) {
				fi, err := os.Lstat(file)
				if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
					t.Fatalf("%s is no longer a link: %v %v", file, fi.Mode(), err)
				}
			}, ""},
		{"symbolic link out of the site refused",
			func(t *testing.T, dir, file string) {
				if err := os.WriteFile(outside, []byte(secret), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Remove(file); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(outside, file); err != nil {
					t.Fatal(err)
				}
			},
			func(t *testing.T, dir, file string) {
				if b := read(t, outside); string(b) != secret {
					t.Errorf("the file outside the site was changed:\n%s", b)
				}
			}, "FILE: is a symbolic link to " + outside + ", outside the site; not changed"},
	}
	for _, w := range writers {
		for _, tt := range tests {
			t.Run(w.name+"/"+tt.name, func(t *testing.T) {
				var before []byte
				var file string
				dir, err := write(t, w, nil, func(t *testing.T, dir string) {
					file = filepath.Join(dir, w.file)
					tt.after(t, dir, file)
					before = read(t, file)
				})
				want := strings.ReplaceAll(tt.err, "FILE", w.file)
				switch {
				case want == "" && err != nil:
					t.Fatal(err)
				case want != "" && (err == nil || err.Error() != want):
					t.Fatalf("error %v, want %s", err, want)
				}
				after := read(t, file)
				if changed := !bytes.Equal(before, after); changed != (want == "") {
					t.Errorf("changed: %v, want %v", changed, want == "")
				}
				tt.check(t, dir, file)
			})
		}
	}
}

func chmod(t *testing.T, name string, m fs.FileMode) {
	t.Helper()
	if err := os.Chmod(name, m); err != nil {
		t.Fatal(err)
	}
}

func mode(t *testing.T, name string) fs.FileMode {
	t.Helper()
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

// TestMergeKeyInTheWay: a locale file whose key stands where a merged
// message goes (a group of messages with the message's id, or a message
// with the id of its group) makes merge fail at that key, and the file is
// left as it was; before, merge wrote a second key of that name, and the
// file no longer loaded.
func TestMergeKeyInTheWay(t *testing.T) {
	for _, tt := range []struct{ in, id, want string }{
		{"farewell:\n  old: x\n", "farewell", `locales/nl.yaml:12:1: "farewell" is a group of messages, not a message: remove it to merge farewell`},
		{"card: x\n", "card.title", `locales/nl.yaml:12:1: "card" is a message, not a group of messages: remove it to merge card.title`},
	} {
		t.Run(tt.id, func(t *testing.T) {
			dir := copySite(t)
			if tt.id != "farewell" {
				edit(t, dir, "locales/en.yaml", "farewell:", "card:\n  title: Card\nfarewell:")
			}
			edit(t, dir, "locales/nl.yaml", "  other: \"{{.Count}} onderdelen\"\n", "  other: \"{{.Count}} onderdelen\"\n"+tt.in)
			if _, err := translation.Extract(load(t, dir), "nl", ""); err != nil {
				t.Fatal(err)
			}
			edit(t, dir, "locales/translate.nl.yaml", "other: Goodbye for now.", "other: Tot ziens.")
			if tt.id != "farewell" {
				edit(t, dir, "locales/translate.nl.yaml", "other: Card", "other: Kaart")
			}
			before := read(t, filepath.Join(dir, "locales/nl.yaml"))
			_, err := translation.Merge(load(t, dir), "nl", "", false)
			if err == nil || err.Error() != tt.want {
				t.Errorf("error %v, want %s", err, tt.want)
			}
			if after := read(t, filepath.Join(dir, "locales/nl.yaml")); !bytes.Equal(before, after) {
				t.Errorf("written:\n%s", after)
			}
		})
	}
}
