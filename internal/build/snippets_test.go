package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guidegen/guidegen/internal/build"
)

// snippetSite is the basic fixture with a page that includes files of
// includes/ and a glossary of abbreviations appended to every page.
func snippetSite(t *testing.T, extra map[string]string) string {
	t.Helper()
	files := map[string]string{
		"content/en/members.md": "---\ntitle: Members\ndescription: Who is in.\n---\n\n## Members\n\n--8<-- \"members.md\"\n\n!!! note\n    --8<-- \"faq.md:short\"\n\nRead the [guide](guide.md).\n",
		"includes/members.md":   "- Alice uses E2EE\n- Bob\n",
		"includes/faq.md":       "Long part.\n<!-- --8<-- [start:short] -->\nShort *answer*.\n<!-- --8<-- [end:short] -->\n",
		"includes/abbr.md":      "*[E2EE]: End-to-end encryption\n",
	}
	for k, v := range extra {
		files[k] = v
	}
	dir := siteWith(t, files)
	cfg := filepath.Join(dir, "guidegen.yaml")
	b, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, append(b, "snippets:\n  append: [abbr.md]\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestSnippets(t *testing.T) {
	dir := snippetSite(t, nil)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := buildSite(t, dir, out); err != nil {
		t.Fatal(err)
	}
	files := tree(t, out)
	page := string(files["members/index.html"])
	for _, want := range []string{
		`<li>Alice uses <abbr title="End-to-end encryption">E2EE</abbr></li>`,
		`<p>Short <em>answer</em>.</p>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("members/index.html lacks %s", want)
		}
	}
	for _, not := range []string{"--8<--", "Long part", "*[E2EE]"} {
		if strings.Contains(page, not) {
			t.Errorf("members/index.html holds %q", not)
		}
	}
	for name := range files {
		if strings.HasPrefix(name, "includes") {
			t.Errorf("%s is published", name)
		}
	}
}

// TestSnippetErrors checks that a problem in an included file names that
// file, and a missing snippet the line that names it.
func TestSnippetErrors(t *testing.T) {
	for _, tt := range []struct {
		name  string
		extra map[string]string
		want  string
	}{
		{"broken link in an include", map[string]string{"includes/members.md": "- Alice\n- see [nowhere](nowhere.md)\n"},
			"includes/members.md:2:7: "},
		{"missing snippet", map[string]string{"content/en/guide2.md": "---\ntitle: G\ndescription: D.\n---\n\n  --8<-- \"nope.md\"\n"},
			`content/en/guide2.md:6:3: snippet "nope.md" not found in includes`},
		{"empty appended file", map[string]string{"includes/abbr.md": ""},
			""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := snippetSite(t, tt.extra)
			_, err := buildSite(t, dir, filepath.Join(t.TempDir(), "public"))
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %s", err, tt.want)
			}
		})
	}
	dir := snippetSite(t, nil)
	if err := os.Remove(filepath.Join(dir, "includes", "abbr.md")); err != nil {
		t.Fatal(err)
	}
	_, err := buildSite(t, dir, filepath.Join(t.TempDir(), "public"))
	if want := `guidegen.yaml:16:12: snippets.append: snippet "abbr.md" not found in includes`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want %s", err, want)
	}
}

// TestEngineSnippetChange: a page's HTML depends on the files it
// includes; a change to one rebuilds, and equals a fresh build.
func TestEngineSnippetChange(t *testing.T) {
	dir := snippetSite(t, nil)
	e, site := builtEngine(t, dir)
	if err := os.WriteFile(filepath.Join(dir, "includes", "members.md"), []byte("- Carol\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	inc := newMemSink()
	if _, _, err := e.Build(inc, []string{"includes/members.md"}); err != nil {
		t.Fatal(err)
	}
	full := newMemSink()
	if _, err := build.Render(build.Options{Site: site}, full); err != nil {
		t.Fatal(err)
	}
	if d := diffSinks(inc, full); len(d) > 0 {
		t.Fatalf("the incremental build differs from a full one:\n%s", strings.Join(d, "\n"))
	}
	if !strings.Contains(string(inc.files["members/index.html"]), "Carol") {
		t.Error("the change to the included file is not in the page")
	}
}
