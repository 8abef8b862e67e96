package build_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/guidegen/guidegen"
	"github.com/guidegen/guidegen/internal/build"
	"github.com/guidegen/guidegen/internal/golden"
	"github.com/guidegen/guidegen/internal/search"
	"github.com/guidegen/guidegen/internal/sitefs"
)

// testEpoch is the SOURCE_DATE_EPOCH of the tests (2001-09-09): every
// "last updated" date is clamped to it, so that golden files do not
// depend on when the fixtures were committed, or on a checkout without
// history.
const testEpoch = "1000000000"

func TestMain(m *testing.M) {
	os.Setenv("SOURCE_DATE_EPOCH", testEpoch)
	os.Exit(m.Run())
}

// headMeta returns the lines of a page's <head> that describe it to
// search engines and link previews: canonical, alternates, prev/next,
// description, OpenGraph and Twitter.
func headMeta(page []byte) []byte {
	head, _, _ := bytes.Cut(page, []byte("</head>"))
	var out bytes.Buffer
	keep := regexp.MustCompile(`^<(meta (property|name)="(og:|twitter:|description)|link rel="(canonical|alternate|prev|next)")`)
	for _, line := range strings.Split(string(head), "\n") {
		if keep.MatchString(line) {
			out.WriteString(line + "\n")
		}
	}
	return out.Bytes()
}

// TestWebEssentialsGolden checks the sitemap, robots.txt and the head meta
// of a page with a translation (guide.md), of one without (untranslated.md,
// and its Dutch fallback) and of a nested one (about/criteria.md).
func TestWebEssentialsGolden(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := buildSite(t, fixture, out); err != nil {
		t.Fatal(err)
	}
	files := tree(t, out)
	for _, f := range []string{"sitemap.xml", "robots.txt", "manifest.webmanifest", "nl/manifest.webmanifest"} {
		golden.Check(t, filepath.Join("testdata/golden/reader", f), files[f])
	}
	for _, p := range []string{"guide", "untranslated", "nl/guide", "nl/untranslated", "about/criteria"} {
		page, ok := files[p+"/index.html"]
		if !ok {
			t.Fatalf("no %s/index.html", p)
		}
		golden.Check(t, filepath.Join("testdata/golden/reader/meta", p+".txt"), headMeta(page))
	}
}

// TestReproducible builds the same site twice into two directories: every
// file must be byte for byte the same, dates included.
func TestReproducible(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, out := range []string{a, b} {
		if _, err := buildSite(t, fixture, out); err != nil {
			t.Fatal(err)
		}
	}
	ta, tb := tree(t, a), tree(t, b)
	if len(ta) != len(tb) {
		t.Fatalf("%d files, then %d", len(ta), len(tb))
	}
	for name, data := range ta {
		if !bytes.Equal(data, tb[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
	if !bytes.Contains(ta["guide/index.html"], []byte(`<time datetime="2001-09-09">`)) {
		t.Errorf("guide/index.html does not show SOURCE_DATE_EPOCH as its date")
	}
}

// TestGitDates builds a copy of the fixture that is a git checkout with
// two commits: each page's "last updated" is its own last commit, two
// builds are identical, and SOURCE_DATE_EPOCH, when earlier, wins.
func TestGitDates(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dir, os.DirFS(fixture)); err != nil {
		t.Fatal(err)
	}
	git := func(date string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org",
			"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date, "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("", "init", "-q")
	git("2024-03-01T12:00:00Z", "add", ".")
	git("2024-03-01T12:00:00Z", "commit", "-q", "-m", "first")
	if err := os.WriteFile(filepath.Join(dir, "content/en/guide.md"), append(mustRead(t, filepath.Join(dir, "content/en/guide.md")), "\nMore.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	git("2025-06-15T08:00:00Z", "commit", "-q", "-am", "second")

	t.Setenv("SOURCE_DATE_EPOCH", "1893456000") // 2030-01-01: no clamping
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, out := range []string{a, b} {
		if _, err := buildSite(t, dir, out); err != nil {
			t.Fatal(err)
		}
	}
	ta, tb := tree(t, a), tree(t, b)
	for name, data := range ta {
		if !bytes.Equal(data, tb[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
	for page, want := range map[string]string{
		"guide/index.html":          "2025-06-15",
		"about/criteria/index.html": "2024-03-01",
		"nl/guide/index.html":       "2024-03-01",
	} {
		if !bytes.Contains(ta[page], []byte(`<time datetime="`+want+`">`)) {
			t.Errorf("%s: want last updated %s", page, want)
		}
	}
	if !bytes.Contains(ta["sitemap.xml"], []byte("<lastmod>2025-06-15</lastmod>")) {
		t.Errorf("sitemap.xml lacks guide.md's lastmod:\n%s", ta["sitemap.xml"])
	}

	t.Setenv("SOURCE_DATE_EPOCH", "1704067200") // 2024-01-01: every date clamped
	c := filepath.Join(t.TempDir(), "c")
	if _, err := buildSite(t, dir, c); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, c)["guide/index.html"]; !bytes.Contains(got, []byte(`<time datetime="2024-01-01">`)) {
		t.Errorf("SOURCE_DATE_EPOCH earlier than the commit does not clamp the date")
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestBundledSearchIndex: each locale's index finds Briar on the real-time
// communication page, in its own section, and Dutch words by their stem;
// every shard and fragment the index names is published.
func TestBundledSearchIndex(t *testing.T) {
	files, _ := buildBundled(t)
	for _, tt := range []struct {
		prefix, lang, page string
		stems              map[string]string // word -> stem
	}{
		{"", "en", "/real-time-communication/", map[string]string{"messages": "messag", "encrypted": "encrypt"}},
		{"nl/", "nl", "/nl/real-time-communication/", map[string]string{"berichten": "bericht"}},
	} {
		var m struct {
			Version int      `json:"v"`
			Lang    string   `json:"lang"`
			Pages   []string `json:"pages"`
			Shards  []string `json:"shards"`
		}
		dir := tt.prefix + search.Dir
		if err := json.Unmarshal(files[dir+"index.json"], &m); err != nil {
			t.Fatalf("%sindex.json: %v", dir, err)
		}
		if m.Lang != tt.lang || m.Version != search.Version {
			t.Errorf("%s: lang %q version %d", dir, m.Lang, m.Version)
		}
		for _, k := range m.Shards {
			if _, ok := files[dir+search.ShardFile(k)]; !ok {
				t.Errorf("%s: shard %q not published", dir, k)
			}
		}
		// The fragment of the page has the section Briar (#briar).
		page := slices.Index(m.Pages, search.FragmentFile(tt.page))
		if page < 0 {
			t.Fatalf("%s: no fragment of %s among %q", dir, tt.page, m.Pages)
		}
		var frag struct {
			Sections [][3]string `json:"s"`
		}
		if err := json.Unmarshal(files[dir+m.Pages[page]], &frag); err != nil {
			t.Fatal(err)
		}
		briar := slices.IndexFunc(frag.Sections, func(s [3]string) bool {
			return s[0] == "Briar" && s[1] == "briar" && strings.Contains(s[2], "Briar")
		})
		if briar < 0 {
			t.Fatalf("%s: no section Briar (#briar) on %s", dir, tt.page)
		}
		// The word "briar" is posted for that section.
		shards := func(word string) [][3]json.RawMessage {
			var sh struct {
				Words [][3]json.RawMessage `json:"w"`
			}
			if err := json.Unmarshal(files[dir+search.ShardFile(search.ShardKey(word))], &sh); err != nil {
				t.Fatalf("shard of %q: %v", word, err)
			}
			return sh.Words
		}
		posted := false
		for _, w := range shards("briar") {
			if string(w[0]) != `"briar"` {
				continue
			}
			var flat []int
			json.Unmarshal(w[2], &flat)
			p := 0
			for i := 0; i+2 < len(flat); i += 3 {
				p += flat[i]
				posted = posted || (p == page && flat[i+1] == briar)
			}
		}
		if !posted {
			t.Errorf("%s: briar is not posted for section %d of page %d", dir, briar, page)
		}
		for word, stem := range tt.stems {
			found := false
			for _, w := range shards(word) {
				found = found || string(w[0]) == `"`+word+`"` && string(w[1]) == `"`+stem+`"`
			}
			if !found {
				t.Errorf("%s: no word %q with stem %q", dir, word, stem)
			}
		}
	}
}

// TestMinifiedBundled builds the bundled guide as `guidegen build` does,
// minified, twice: the builds are identical, every page parses and reads
// the same words as the unminified page, and no page draws one icon twice.
func TestMinifiedBundled(t *testing.T) {
	site := &sitefs.Site{FS: guidegen.Bundled(), Theme: guidegen.Bundled(), Bundled: true}
	var trees []map[string][]byte
	for range 2 {
		out := t.TempDir()
		if _, err := build.Run(build.Options{Site: site, Out: out, Minify: true}); err != nil {
			t.Fatal(err)
		}
		trees = append(trees, tree(t, out))
	}
	plain, _ := buildBundled(t)
	for name, data := range trees[0] {
		if !bytes.Equal(data, trees[1][name]) {
			t.Errorf("%s differs between two minified builds", name)
		}
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		if _, err := html.Parse(bytes.NewReader(data)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if got, want := words(t, data), words(t, plain[name]); got != want {
			t.Errorf("%s: the minified page reads differently:\n%s", name, golden.Diff(want, got))
		}
		if len(data) >= len(plain[name]) {
			t.Errorf("%s: minified %d bytes, unminified %d", name, len(data), len(plain[name]))
		}
		seen := map[string]bool{}
		for _, m := range regexp.MustCompile(`(?s)<svg[^>]*>(.*?)</svg>`).FindAllSubmatch(data, -1) {
			inner := string(m[1])
			if strings.HasPrefix(inner, "<use") || strings.HasPrefix(inner, "<symbol") {
				continue
			}
			if seen[inner] {
				t.Errorf("%s draws an icon twice: %.80s", name, inner)
			}
			seen[inner] = true
		}
	}
}

// words returns the text of a page's body, white space removed.
func words(t *testing.T, page []byte) string {
	t.Helper()
	z := html.NewTokenizer(bytes.NewReader(page))
	var b strings.Builder
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			for _, f := range strings.Fields(string(z.Text())) {
				b.WriteString(f)
			}
		}
	}
}

// TestFrontMatterUpdated: outside a git checkout, "last updated" is the
// front matter's updated: date, else SOURCE_DATE_EPOCH; a malformed date
// is an error at its place.
func TestFrontMatterUpdated(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dir, os.DirFS(fixture)); err != nil {
		t.Fatal(err)
	}
	guide := filepath.Join(dir, "content/en/guide.md")
	src := mustRead(t, guide)
	if err := os.WriteFile(guide, bytes.Replace(src, []byte("title:"), []byte("updated: 2025-02-03\ntitle:"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1893456000") // 2030-01-01
	out := filepath.Join(t.TempDir(), "public")
	if _, err := buildSite(t, dir, out); err != nil {
		t.Fatal(err)
	}
	files := tree(t, out)
	for page, want := range map[string]string{"guide/index.html": "2025-02-03", "about/criteria/index.html": "2030-01-01"} {
		if !bytes.Contains(files[page], []byte(`<time datetime="`+want+`">`)) {
			t.Errorf("%s: want last updated %s", page, want)
		}
	}
	if err := os.WriteFile(guide, bytes.Replace(src, []byte("title:"), []byte("updated: soon\ntitle:"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := buildSite(t, dir, filepath.Join(t.TempDir(), "public"))
	if err == nil || !strings.Contains(err.Error(), `content/en/guide.md:2:10: updated must be a date like 2026-11-29, got "soon"`) {
		t.Errorf("error = %v", err)
	}
}
