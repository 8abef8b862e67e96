package translation

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/guidegen/guidegen/internal/i18n"
	"github.com/guidegen/guidegen/internal/markdown/frontmatter"
)

// seeds adds the files matching patterns (relative to the repository) to
// a fuzz target's corpus, in three styles: as they are, with CRLF line
// breaks and with a byte order mark.
func seeds(f *testing.F, patterns ...string) {
	f.Helper()
	n := 0
	for _, p := range patterns {
		names, err := filepath.Glob(filepath.Join("../..", p))
		if err != nil {
			f.Fatal(err)
		}
		for _, name := range names {
			b, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
			f.Add(bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")))
			f.Add(append([]byte("\uFEFF"), b...))
			n++
		}
	}
	if n == 0 {
		f.Fatalf("no seed files match %q", patterns)
	}
}

// crlfOnly reports whether every line break of b is CRLF (and there is
// one).
func crlfOnly(b []byte) bool {
	return bytes.Count(b, []byte("\n")) > 0 && bytes.Count(b, []byte("\n")) == bytes.Count(b, []byte("\r\n"))
}

// FuzzStampFrontMatter stamps pages: the front matter read back has the
// new source_hash and otherwise the same data, the body is unchanged,
// stamping again changes nothing, and line breaks and byte order mark are
// kept.
func FuzzStampFrontMatter(f *testing.F) {
	seeds(f, "content/nl/*.md", "content/nl/*/*.md", "testdata/sites/*/content/nl/*.md")
	f.Add([]byte("---\ntitle: T\nsource_hash: |\n  old\n---\n"))
	f.Add([]byte("---\n{title: T}\n---\n"))
	const hash = "sha256-0123456789abcdef"
	f.Fuzz(func(t *testing.T, src []byte) {
		out, err := stampFrontMatter("nl.md", src, hash)
		if err != nil {
			return
		}
		again, err := stampFrontMatter("nl.md", out, hash)
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("stamping twice: %v\n%q\n%q", err, out, again)
		}
		if bytes.HasPrefix(src, []byte("\uFEFF")) != bytes.HasPrefix(out, []byte("\uFEFF")) {
			t.Fatalf("byte order mark not kept: %q", out)
		}
		if crlfOnly(src) && !crlfOnly(out) {
			t.Fatalf("CRLF not kept: %q", out)
		}
		body := bytes.TrimPrefix(src, []byte("\uFEFF"))
		before, after := frontmatter.Locate(body), frontmatter.Locate(bytes.TrimPrefix(out, []byte("\uFEFF")))
		if after == nil || !after.Closed {
			t.Fatalf("stamped page has no closed front matter: %q", out)
		}
		outBody := bytes.TrimPrefix(out, []byte("\uFEFF"))
		if !bytes.Equal(body[before.End:], outBody[after.End:]) {
			t.Fatalf("body changed:\n%q\n%q", body[before.End:], outBody[after.End:])
		}
		// The data read back: what it was, with the new source_hash.
		var old, got map[string]any
		var root yaml.Node
		if yaml.Unmarshal(before.YAML, &old) != nil || yaml.Unmarshal(before.YAML, &root) != nil || !blockMapping(&root) {
			return
		}
		if old == nil {
			old = map[string]any{}
		}
		old["source_hash"] = hash
		if err := yaml.Unmarshal(after.YAML, &got); err != nil || !reflect.DeepEqual(old, got) {
			t.Fatalf("front matter read back: %v\n%#v\nwant\n%#v\nfrom\n%q", err, got, old, after.YAML)
		}
	})
}

// blockMapping reports whether a YAML document is empty or one mapping in
// block style whose keys start their lines: a front matter stamp can add
// a key to.
func blockMapping(doc *yaml.Node) bool {
	if len(doc.Content) == 0 {
		return doc.HeadComment == "" && doc.FootComment == ""
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode || m.Style&yaml.FlowStyle != 0 {
		return false
	}
	for i := 0; i < len(m.Content); i += 2 {
		if m.Content[i].Column != 1 {
			return false
		}
	}
	return true
}

// FuzzStampStrings stamps every message of a locale file with a hash of
// its own: the file read back has the same messages, with the same texts
// (as go-i18n reads them), each with its new hash; stamping again gives
// the same bytes, and line breaks and byte order mark are kept.
func FuzzStampStrings(f *testing.F) {
	seeds(f, "locales/*.yaml", "testdata/sites/*/locales/*.yaml", "internal/translation/testdata/*.yaml")
	f.Add([]byte("a: x # comment\nb:\n  c: {one: y, other: z}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		before, err := i18n.ParseFile("nl.yaml", "nl", data)
		if err != nil {
			return
		}
		lf, err := readLocaleFile("nl.yaml", data)
		if err != nil {
			t.Fatalf("i18n reads the file, stamp does not: %v", err)
		}
		stamp := func(lf *localeFile) []byte {
			for i, e := range lf.entries() {
				e.setHash(fmt.Sprintf("h%d", i))
			}
			out, err := lf.bytes()
			if err != nil {
				t.Fatal(err)
			}
			return keepStyle(data, out)
		}
		out := stamp(lf)
		if bytes.HasPrefix(data, []byte("\uFEFF")) != bytes.HasPrefix(out, []byte("\uFEFF")) {
			t.Fatalf("byte order mark not kept: %q", out)
		}
		if crlfOnly(data) && !crlfOnly(out) {
			t.Fatalf("CRLF not kept: %q", out)
		}
		after, err := i18n.ParseFile("nl.yaml", "nl", out)
		if err != nil {
			t.Fatalf("stamped file does not load: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(before.IDs(), after.IDs()) {
			t.Fatalf("ids %q, then %q", before.IDs(), after.IDs())
		}
		lf2, err := readLocaleFile("nl.yaml", out)
		if err != nil {
			t.Fatal(err)
		}
		hashes := map[string]string{}
		for i, e := range lf.entries() {
			hashes[e.id] = fmt.Sprintf("h%d", i)
		}
		for _, id := range before.IDs() {
			b, a := *before.Messages[id].Message, *after.Messages[id].Message
			if a.Hash != hashes[id] {
				t.Fatalf("%s: hash %q, want %q", id, a.Hash, hashes[id])
			}
			b.Hash = a.Hash
			if b != a {
				t.Fatalf("%s: %+v, then %+v", id, b, a)
			}
		}
		if again := stamp(lf2); !bytes.Equal(again, out) {
			t.Fatalf("stamping twice:\n%q\n%q", out, again)
		}
	})
}

// FuzzMergeSet merges one translated message into a locale file, as
// merge does: the file read back has the message with its hash and
// forms, every other message as it was, and merging the same again gives
// the same bytes; line breaks and byte order mark are kept.
func FuzzMergeSet(f *testing.F) {
	for _, name := range []string{"../../locales/nl.yaml", "../../testdata/sites/i18n/locales/nl.yaml"} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "farewell", "", "Tot ziens.")
		f.Add(bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")), "card.new", "één", "{{.Count}} stuks")
		f.Add(append([]byte("\uFEFF"), b...), "toc_title", "", "Inhoud")
	}
	f.Fuzz(func(t *testing.T, data []byte, id, one, other string) {
		// Texts come from a parsed YAML file: UTF-8.
		if !utf8.ValidString(one) || !utf8.ValidString(other) {
			return
		}
		if id == "" || strings.Trim(id, "abcdefghijklmnopqrstuvwxyz0123456789_.") != "" ||
			strings.Contains(id, "..") || id[0] == '.' || id[len(id)-1] == '.' {
			return
		}
		for _, part := range strings.Split(id, ".") {
			if reservedKey(part) {
				return
			}
		}
		before, err := i18n.ParseFile("nl.yaml", "nl", data)
		if err != nil {
			return
		}
		forms := []form{{"other", other}}
		if one != "" {
			forms = []form{{"one", one}, {"other", other}}
		}
		merge := func(data []byte) []byte {
			lf, err := readLocaleFile("nl.yaml", data)
			if err != nil {
				t.Fatalf("i18n reads the file, merge does not: %v", err)
			}
			if err := lf.set(id, "sha1-x", forms); err != nil {
				return nil
			}
			out, err := lf.bytes()
			if err != nil {
				t.Fatal(err)
			}
			return keepStyle(data, out)
		}
		out := merge(data)
		if out == nil {
			// A key in the way: the same ids as a message and as a
			// group, and the file unchanged.
			prefix := false
			for _, other := range before.IDs() {
				prefix = prefix || strings.HasPrefix(other, id+".") || strings.HasPrefix(id, other+".")
			}
			if !prefix {
				t.Fatalf("merge of %q refused, though no id is its prefix or has it as one: %q", id, before.IDs())
			}
			return
		}
		if bytes.HasPrefix(data, []byte("\uFEFF")) != bytes.HasPrefix(out, []byte("\uFEFF")) || crlfOnly(data) && !crlfOnly(out) {
			t.Fatalf("style not kept: %q", out)
		}
		after, err := i18n.ParseFile("nl.yaml", "nl", out)
		if err != nil {
			t.Fatalf("merged file does not load: %v\n%s", err, out)
		}
		m := after.Messages[id]
		if m == nil || m.Hash != "sha1-x" || m.One != one || m.Other != other {
			t.Fatalf("merged %q: %+v\n%s", id, m, out)
		}
		for _, other := range before.IDs() {
			if other == id {
				continue
			}
			if b, a := before.Messages[other], after.Messages[other]; a == nil || *b.Message != *a.Message {
				t.Fatalf("%s changed: %+v, then %+v\n%s", other, b, a, out)
			}
		}
		if again := merge(out); !bytes.Equal(again, out) {
			t.Fatalf("merging twice:\n%q\n%q", out, again)
		}
	})
}

func reservedKey(s string) bool {
	switch strings.ToLower(s) {
	case "id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other", "translation":
		return true
	}
	return false
}
