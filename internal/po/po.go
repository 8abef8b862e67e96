// Package po reads and writes GNU gettext PO files.
//
// Write produces the layout `msgcat --no-wrap` produces, byte for byte:
// comments in the order translator (#), extracted (#.), references (#:),
// flags (#,), previous (#|); strings are not folded at a width, but a
// string holding a line break before its end is written as "" followed by
// one line per piece, each ending after its \n. So `msgcat --no-wrap` and
// `msgmerge --no-wrap` leave a written file unchanged, and Parse reads any
// PO file (folded at any width) back.
//
// Parse reports each problem as file:line:col. Obsolete entries (#~) are
// kept apart and not written back.
package po

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/guidegen/guidegen/internal/diag"
)

// File is a PO file: its header entry (msgid "") and its messages.
type File struct {
	// Header is the header entry's msgstr, "Name: value\n" lines; its
	// comments are HeaderComments.
	Header         string
	HeaderComments []string
	Entries        []*Entry
	// Obsolete counts the obsolete (#~) entries Parse skipped.
	Obsolete int
}

// Entry is one message.
type Entry struct {
	// Comments are the translator comments, without "# ".
	Comments []string
	// Extracted are the extracted comments (#.), without "#. ".
	Extracted []string
	// References are the #: references ("content/en/page.md:12").
	References []string
	// Flags are the #, flags ("fuzzy", "no-c-format").
	Flags []string
	// PrevContext and PrevID are the #| msgctxt and #| msgid: the source
	// text a fuzzy translation was made for.
	PrevContext, PrevID *string
	// Context is msgctxt; nil when the entry has none.
	Context *string
	ID      string
	// Plural is msgid_plural; "" for a message without plural forms.
	Plural string
	// Str is msgstr, or msgstr[0], msgstr[1], ... of a plural message.
	Str []string

	// Line is the line of the entry's msgid; StrLine that of its first
	// msgstr (set by Parse).
	Line, StrLine int
}

// Fuzzy reports whether the entry has the fuzzy flag.
func (e *Entry) Fuzzy() bool {
	for _, f := range e.Flags {
		if f == "fuzzy" {
			return true
		}
	}
	return false
}

// Ctx returns msgctxt, "" when there is none.
func (e *Entry) Ctx() string {
	if e.Context == nil {
		return ""
	}
	return *e.Context
}

// HeaderField returns the value of a header field ("Language").
func (f *File) HeaderField(name string) string {
	for _, line := range strings.Split(f.Header, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(k), name) {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// Write returns the file as PO text.
func (f *File) Write() []byte {
	var b bytes.Buffer
	head := &Entry{Comments: f.HeaderComments, Str: []string{f.Header}}
	writeEntry(&b, head)
	for _, e := range f.Entries {
		b.WriteByte('\n')
		writeEntry(&b, e)
	}
	return b.Bytes()
}

func writeEntry(b *bytes.Buffer, e *Entry) {
	for _, c := range e.Comments {
		if c == "" {
			b.WriteString("#\n")
		} else {
			b.WriteString("# " + c + "\n")
		}
	}
	for _, c := range e.Extracted {
		b.WriteString("#. " + c + "\n")
	}
	for _, r := range e.References {
		b.WriteString("#: " + r + "\n")
	}
	if len(e.Flags) > 0 {
		b.WriteString("#, " + strings.Join(e.Flags, ", ") + "\n")
	}
	if e.PrevContext != nil {
		writeString(b, "#| ", "msgctxt", *e.PrevContext)
	}
	if e.PrevID != nil {
		writeString(b, "#| ", "msgid", *e.PrevID)
	}
	if e.Context != nil {
		writeString(b, "", "msgctxt", *e.Context)
	}
	writeString(b, "", "msgid", e.ID)
	if e.Plural != "" {
		writeString(b, "", "msgid_plural", e.Plural)
		for i, s := range e.Str {
			writeString(b, "", fmt.Sprintf("msgstr[%d]", i), s)
		}
		return
	}
	s := ""
	if len(e.Str) > 0 {
		s = e.Str[0]
	}
	writeString(b, "", "msgstr", s)
}

// writeString writes keyword and s quoted; a string with a line break
// before its end as "" and one line per piece, as gettext does.
func writeString(b *bytes.Buffer, prefix, keyword, s string) {
	i := strings.IndexByte(s, '\n')
	if i < 0 || i == len(s)-1 {
		b.WriteString(prefix + keyword + " \"" + Escape(s) + "\"\n")
		return
	}
	b.WriteString(prefix + keyword + " \"\"\n")
	for s != "" {
		piece := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			piece = s[:i+1]
		}
		s = s[len(piece):]
		b.WriteString(prefix + "\"" + Escape(piece) + "\"\n")
	}
}

// Escape escapes s for a PO string, as gettext does.
func Escape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		case '\a':
			b.WriteString(`\a`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\v':
			b.WriteString(`\v`)
		default:
			if c < 0x20 || c == 0x7f {
				fmt.Fprintf(&b, `\%03o`, c)
			} else {
				b.WriteByte(c)
			}
		}
	}
	return b.String()
}

// Limits of what Parse reads.
const (
	// MaxSize is the largest PO file Parse reads, in bytes.
	MaxSize = 16 << 20
	// MaxPlurals is the most msgstr[n] forms an entry may have.
	MaxPlurals = 16
)

// parser state
type parser struct {
	file  string
	lines [][]byte
	n     int // index of the next line
	errs  diag.List
}

func (p *parser) errorf(line, col int, format string, args ...any) {
	p.errs.Add(diag.Errorf(diag.Pos{File: p.file, Line: line, Col: col}, format, args...))
}

// Parse reads a PO file; file names it in messages. The text must be
// UTF-8 (the only charset Parse accepts in the header).
func Parse(file string, data []byte) (*File, error) {
	if len(data) > MaxSize {
		return nil, diag.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "PO file larger than %d bytes", MaxSize)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	p := &parser{file: file}
	for _, line := range bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n")) {
		p.lines = append(p.lines, bytes.TrimSuffix(line, []byte("\r")))
	}
	f := &File{}
	var (
		cur      *Entry
		started  bool // a keyword of cur was read
		field    *string
		fieldKey string
		strs     map[int]*string
	)
	finish := func() {
		if cur == nil {
			return
		}
		if !started {
			p.errorf(p.n, 1, "comments without a message")
			cur = nil
			return
		}
		if len(cur.Str) == 0 && len(strs) == 0 {
			p.errorf(cur.Line, 1, "message has no msgstr")
		}
		if len(strs) > 0 {
			cur.Str = make([]string, len(strs))
			for i := range cur.Str {
				s, ok := strs[i]
				if !ok {
					p.errorf(cur.StrLine, 1, "msgstr[%d] is missing", i)
					continue
				}
				cur.Str[i] = *s
			}
			if cur.Plural == "" {
				p.errorf(cur.StrLine, 1, "msgstr[n] without msgid_plural")
			}
		} else if cur.Plural != "" && len(cur.Str) > 0 {
			p.errorf(cur.StrLine, 1, "a message with msgid_plural has msgstr[0], msgstr[1], ..., not msgstr")
		}
		if cur.ID == "" && cur.Context == nil && cur.Line > 0 && cur.Plural == "" {
			if len(f.Entries) > 0 || f.Header != "" {
				p.errorf(cur.Line, 1, "a second header entry (msgid \"\")")
			}
			f.Header = strings.Join(cur.Str, "")
			f.HeaderComments = cur.Comments
		} else {
			f.Entries = append(f.Entries, cur)
		}
		cur, started, field, strs = nil, false, nil, nil
	}
	seen := map[string]int{}
	for p.n < len(p.lines) {
		line := p.lines[p.n]
		p.n++
		ln := p.n
		if !utf8.Valid(line) {
			p.errorf(ln, 1, "not UTF-8")
			continue
		}
		t := bytes.TrimSpace(line)
		switch {
		case len(t) == 0:
			continue
		case bytes.HasPrefix(t, []byte("#~")):
			if cur != nil && started {
				finish()
			}
			if bytes.HasPrefix(bytes.TrimSpace(t[2:]), []byte("msgid ")) {
				f.Obsolete++
			}
			continue
		case t[0] == '#':
			if cur != nil && started {
				finish()
			}
			if cur == nil {
				cur = &Entry{}
			}
			p.comment(cur, t, ln)
			field = nil
			continue
		case t[0] == '"':
			if field == nil {
				p.errorf(ln, 1, "a string with no keyword before it")
				continue
			}
			s, ok := p.quoted(t, ln, len(line)-len(bytes.TrimLeft(line, " \t"))+1)
			if ok {
				*field += s
			}
			continue
		}
		kw, rest, _ := bytes.Cut(t, []byte(" "))
		rest = bytes.TrimSpace(rest)
		col := len(line) - len(bytes.TrimLeft(line, " \t")) + len(kw) + 2
		key := string(kw)
		if started && (key == "msgctxt" || key == "msgid" && fieldKey != "msgctxt") {
			finish()
		}
		if cur == nil {
			cur = &Entry{}
		}
		// A string in error is read as "" (the error is reported), so
		// that the rest of the entry reads on.
		s, _ := p.quoted(rest, ln, col)
		switch {
		case key == "msgctxt":
			cur.Context = &s
			field = cur.Context
		case key == "msgid":
			cur.ID = s
			cur.Line = ln
			field = &cur.ID
		case key == "msgid_plural":
			if !started || fieldKey != "msgid" {
				p.errorf(ln, 1, "msgid_plural must follow msgid")
			}
			cur.Plural = s
			field = &cur.Plural
		case key == "msgstr":
			if !started || (fieldKey != "msgid" && fieldKey != "msgid_plural") {
				p.errorf(ln, 1, "msgstr must follow msgid")
			}
			if len(cur.Str) > 0 {
				p.errorf(ln, 1, "a second msgstr")
			}
			cur.Str = append(cur.Str, s)
			cur.StrLine = ln
			field = &cur.Str[len(cur.Str)-1]
		case strings.HasPrefix(key, "msgstr[") && strings.HasSuffix(key, "]"):
			var i int
			if _, err := fmt.Sscanf(key, "msgstr[%d]", &i); err != nil || i < 0 || i >= MaxPlurals || fmt.Sprintf("msgstr[%d]", i) != key {
				p.errorf(ln, 1, "bad plural index in %s", key)
				field = nil
				continue
			}
			if strs == nil {
				strs = map[int]*string{}
				cur.StrLine = ln
			}
			if _, dup := strs[i]; dup {
				p.errorf(ln, 1, "a second %s", key)
			}
			v := s
			strs[i] = &v
			field = strs[i]
			key = "msgstr"
		default:
			p.errorf(ln, 1, "unknown keyword %q", key)
			field = nil
			continue
		}
		started = true
		fieldKey = key
		if key == "msgid" {
			k := cur.Ctx() + "\x04" + s
			if cur.Context == nil {
				k = s
			}
			if s != "" || cur.Context != nil {
				if prev, dup := seen[k]; dup {
					p.errorf(ln, 1, "duplicate message (first at line %d)", prev)
				}
				seen[k] = ln
			}
		}
	}
	finish()
	if err := p.errs.Err(); err != nil {
		return nil, err
	}
	if cs := charset(f.HeaderField("Content-Type")); cs != "" && !strings.EqualFold(cs, "UTF-8") && !strings.EqualFold(cs, "CHARSET") {
		return nil, diag.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "charset %s: only UTF-8 PO files are read", cs)
	}
	return f, nil
}

func charset(ct string) string {
	_, cs, ok := strings.Cut(ct, "charset=")
	if !ok {
		return ""
	}
	return strings.TrimSpace(cs)
}

// comment reads one comment line into e.
func (p *parser) comment(e *Entry, t []byte, ln int) {
	text := func(prefix int) string {
		s := string(t[prefix:])
		return strings.TrimPrefix(s, " ")
	}
	if len(t) == 1 {
		e.Comments = append(e.Comments, "")
		return
	}
	switch t[1] {
	case '.':
		e.Extracted = append(e.Extracted, text(2))
	case ':':
		e.References = append(e.References, strings.Fields(text(2))...)
	case ',':
		for _, f := range strings.Split(text(2), ",") {
			if f = strings.TrimSpace(f); f != "" {
				e.Flags = append(e.Flags, f)
			}
		}
	case '|':
		rest := bytes.TrimSpace(t[2:])
		kw, q, _ := bytes.Cut(rest, []byte(" "))
		if len(kw) > 0 && kw[0] == '"' {
			// continues the previous #| string
			s, ok := p.quoted(rest, ln, 4)
			if !ok {
				return
			}
			switch {
			case e.PrevID != nil:
				*e.PrevID += s
			case e.PrevContext != nil:
				*e.PrevContext += s
			}
			return
		}
		s, ok := p.quoted(bytes.TrimSpace(q), ln, 4+len(kw))
		if !ok {
			return
		}
		switch string(kw) {
		case "msgctxt":
			e.PrevContext = &s
		case "msgid":
			e.PrevID = &s
		case "msgid_plural":
		default:
			p.errorf(ln, 1, "unknown previous keyword %q", kw)
		}
	default:
		e.Comments = append(e.Comments, text(1))
	}
}

// quoted reads a quoted PO string: a whole line part "..." and nothing
// after it but white space.
func (p *parser) quoted(t []byte, ln, col int) (string, bool) {
	if len(t) < 2 || t[0] != '"' {
		p.errorf(ln, col, "expected a quoted string")
		return "", false
	}
	var b strings.Builder
	for i := 1; i < len(t); i++ {
		c := t[i]
		switch c {
		case '"':
			if rest := bytes.TrimLeft(t[i+1:], " \t"); len(rest) > 0 {
				p.errorf(ln, col+len(t)-len(rest), "text after the closing quote")
				return "", false
			}
			return b.String(), true
		case '\\':
			i++
			if i >= len(t) {
				p.errorf(ln, col+i-1, "backslash at the end of the line")
				return "", false
			}
			switch e := t[i]; e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'a':
				b.WriteByte('\a')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'v':
				b.WriteByte('\v')
			case '\\', '"', '\'', '?':
				b.WriteByte(e)
			case '0', '1', '2', '3', '4', '5', '6', '7':
				v, n := 0, 0
				for n < 3 && i < len(t) && t[i] >= '0' && t[i] <= '7' {
					v = v*8 + int(t[i]-'0')
					i++
					n++
				}
				i--
				if v > 0xff {
					p.errorf(ln, col+i, "octal escape out of range")
					return "", false
				}
				b.WriteByte(byte(v))
			case 'x':
				v, n := 0, 0
				for i+1 < len(t) && n < 2 && isHex(t[i+1]) {
					i++
					v = v*16 + hexVal(t[i])
					n++
				}
				if n == 0 {
					p.errorf(ln, col+i, `\x without hexadecimal digits`)
					return "", false
				}
				b.WriteByte(byte(v))
			default:
				p.errorf(ln, col+i-1, "unknown escape \\%c", e)
				return "", false
			}
		default:
			b.WriteByte(c)
		}
	}
	p.errorf(ln, col, "string not closed")
	return "", false
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func hexVal(c byte) int {
	switch {
	case c <= '9':
		return int(c - '0')
	case c >= 'a':
		return int(c-'a') + 10
	}
	return int(c-'A') + 10
}
