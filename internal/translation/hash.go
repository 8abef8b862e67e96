package translation

import (
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
	"maps"
	"slices"
	"strings"
	"sync"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/guidegen/guidegen/internal/content"
	"github.com/guidegen/guidegen/internal/markdown/mdunits"
)

// The versions of source_hash. A page stamped with an older version is
// up to date while its source page still has that version's hash.
const (
	// HashPrefix starts the current version: the hash of the text a
	// reader sees.
	HashPrefix = "v2-sha256-"
	// hashPrefixV1 started the first version, the hash of the bytes.
	hashPrefixV1 = "sha256-"
)

// SourceHash returns the source_hash of a source page: HashPrefix and the
// hexadecimal SHA-256 of its translatable content. That content is a list
// of fields, each written as its name, a NUL byte, its value and a NUL
// byte, in this order:
//
//	guidegen-source  "2" (the version of this definition)
//	title            the title, runs of white space as one space and
//	                 none at either end
//	description      the description, likewise
//	note <rec>.<crit> each note of the page's recommendation data, by
//	                 recommendation id, then criterion id (sorted), likewise
//	body             the page's mdunits.Digest, as written (before its
//	                 cards and directives are resolved)
//
// so that what a reader does not see (line wrapping, trailing blanks,
// list and emphasis marker style) does not make a translation outdated.
// Language-neutral data (links, downloads, property values, logos,
// criteria and threat lists) is not part of it: a changed download URL does
// not make a translation outdated, since translations inherit the data.
//
// p must be a source page (content.Page.TextDigest), not released (a
// released page keeps no description).
func SourceHash(p *content.Page) string {
	d, ok := p.TextDigest()
	if !ok && p.Doc != nil {
		// Not loaded as a source page: its tree as it is.
		d = mdunits.Digest(p.Doc.Root, p.Doc.Source, p.Doc.Generated)
	}
	buf := hashBufs.Get().(*[]byte)
	defer hashBufs.Put(buf)
	b := appendField((*buf)[:0], "guidegen-source", "2")
	b = appendField(b, "title", mdunits.Collapse(p.Front.Title))
	b = appendField(b, "description", mdunits.Collapse(p.Front.Description))
	notes := pageNotes(p)
	for i := 0; i+1 < len(notes); i += 2 {
		b = appendField(b, notes[i], mdunits.Collapse(notes[i+1]))
	}
	b = appendField(b, "body", d[:])
	*buf = b
	return sha256Sum(HashPrefix, b)
}

// HashMatches reports whether a source_hash, of any version, is the hash of
// source page p; current is p's SourceHash. p's body is needed (not
// released) when the source_hash is of the first version.
func HashMatches(p *content.Page, current, stamped string) bool {
	switch {
	case stamped == current:
		return true
	case strings.HasPrefix(stamped, hashPrefixV1) && !p.Released():
		return stamped == sourceHashV1(p)
	}
	return false
}

// pageNotes returns the notes of a page's recommendation data as name,
// text pairs (see SourceHash).
func pageNotes(p *content.Page) []string {
	var notes []string
	for _, rid := range slices.Sorted(maps.Keys(p.Front.Recommendations)) {
		r := p.Front.Recommendations[rid]
		if r == nil {
			continue
		}
		for _, cid := range slices.Sorted(maps.Keys(r.Properties)) {
			if n := strings.TrimSpace(r.Properties[cid].Note); n != "" {
				notes = append(notes, "note "+rid+"."+cid, n)
			}
		}
	}
	return notes
}

// hashBufs are the buffers the fields of a hash are written into, to be
// hashed at once.
var hashBufs = sync.Pool{New: func() any { return new([]byte) }}

// appendField appends a field of a hash: its name, a NUL byte, its value
// and a NUL byte.
func appendField[T string | []byte](b []byte, name string, value T) []byte {
	b = append(b, name...)
	b = append(b, 0)
	b = append(b, value...)
	return append(b, 0)
}

// sourceHashV1 is the first version of SourceHash: "sha256-" and the
// SHA-256 of the fields of SourceHash, version "1", with the title and
// description trimmed, the notes trimmed, and as body the Markdown after
// the front matter with CRLF and CR line breaks made LF, leading blank
// lines and trailing white space removed.
func sourceHashV1(p *content.Page) string {
	return sourceHash(p.Front.Title, p.Front.Description, pageNotes(p), p.Body())
}

func sourceHash(title, description string, notes []string, body []byte) string {
	buf := hashBufs.Get().(*[]byte)
	defer hashBufs.Put(buf)
	b := appendField((*buf)[:0], "guidegen-source", "1")
	b = appendField(b, "title", strings.TrimSpace(title))
	b = appendField(b, "description", strings.TrimSpace(description))
	for i := 0; i+1 < len(notes); i += 2 {
		b = appendField(b, notes[i], notes[i+1])
	}
	b = appendField(b, "body", normalizeBody(body))
	*buf = b
	return sha256Sum(hashPrefixV1, b)
}

// normalizeBody makes line breaks LF and drops leading blank lines and
// trailing white space; it copies b only when it has a CR.
func normalizeBody(b []byte) []byte {
	if bytes.IndexByte(b, '\r') >= 0 {
		b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
		b = bytes.ReplaceAll(b, []byte("\r"), []byte("\n"))
	}
	b = bytes.TrimLeft(b, "\n")
	return bytes.TrimRight(b, " \t\n")
}

func sum(prefix string, h hash.Hash) string {
	return prefix + hex.EncodeToString(h.Sum(nil))
}

// sha256Sum returns prefix and the hexadecimal SHA-256 of b, in one
// string.
func sha256Sum(prefix string, b []byte) string {
	d := sha256.Sum256(b)
	var arr [80]byte
	out := hex.AppendEncode(append(arr[:0], prefix...), d[:])
	return string(out)
}

// MessageHash returns the hash of a source UI string exactly as goi18n
// merge computes it: "sha1-" and the hexadecimal SHA-1 of the message's
// description followed by its "other" form. A translation records it as
// its hash: when the source text (or its description) changes, the
// translation is outdated.
func MessageHash(m *goi18n.Message) string {
	h := sha1.New()
	_, _ = io.WriteString(h, m.Description)
	_, _ = io.WriteString(h, m.Other)
	return sum("sha1-", h)
}

// stampMatches reports whether stamped, a source_hash of any version, is
// the hash of the source page p as it is now. A first-version stamp is
// checked against the page read again, as a streaming build has released
// the page's text.
func (s *Site) stampMatches(p, stamped string) bool {
	hash := s.sourceHash(p)
	if stamped == hash {
		return true
	}
	if !strings.HasPrefix(stamped, hashPrefixV1) || s.Markdown == nil {
		return false
	}
	cur, err := s.readCurrent(s.Config.DefaultLocale, p)
	return err == nil && HashMatches(cur.Page, hash, stamped)
}
