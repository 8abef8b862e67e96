package htmlmin

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/tdewolff/parse/v2"
	phtml "github.com/tdewolff/parse/v2/html"
)

// lexed is a token as both lexers see it: its kind and where it ends.
type lexed struct {
	kind kind
	end  int
	name string // lower-case name of a start or end tag
}

func (t lexed) String() string { return fmt.Sprintf("%d@%d<%s>", t.kind, t.end, t.name) }

// theirs lexes page with the minifier's lexer; stuck is set when it
// stopped before the end (an error, or the end inside a tag).
func theirs(page []byte) (toks []lexed, stuck bool) {
	z := parse.NewInputBytes(bytes.Clone(page))
	l := phtml.NewLexer(z)
	for {
		tt, _ := l.Next()
		switch tt {
		case phtml.ErrorToken:
			return toks, l.Err() != io.EOF
		case phtml.StartTagToken:
			name := string(l.Text())
			for {
				tt, _ := l.Next()
				if tt == phtml.ErrorToken {
					return toks, true
				}
				if tt == phtml.StartTagCloseToken || tt == phtml.StartTagVoidToken {
					break
				}
			}
			toks = append(toks, lexed{kStart, z.Offset(), name})
		case phtml.EndTagToken:
			toks = append(toks, lexed{kEnd, z.Offset(), string(l.Text())})
		case phtml.TextToken:
			toks = append(toks, lexed{kText, z.Offset(), ""})
		case phtml.CommentToken:
			toks = append(toks, lexed{kComment, z.Offset(), ""})
		case phtml.DoctypeToken:
			toks = append(toks, lexed{kDoctype, z.Offset(), ""})
		case phtml.SVGToken:
			toks = append(toks, lexed{kSVG, z.Offset(), ""})
		case phtml.MathToken, phtml.XMLToken:
			toks = append(toks, lexed{kXML, z.Offset(), ""})
		default:
			panic(tt.String())
		}
	}
}

func ours(page []byte) (toks []lexed, stuck bool) {
	l := lexer{p: page}
	var t token
	for l.next(&t) {
		k := t.kind
		if k == kCDATA {
			k = kText // a text token for the minifier
		}
		name := ""
		if k == kStart || k == kEnd {
			name = string(appendLower(nil, t.name(page))) // ASCII only, as parse.ToLower
		}
		if k == kSVG || k == kXML {
			name = ""
		}
		toks = append(toks, lexed{k, int(t.end), name})
	}
	return toks, l.stuck
}

// sameTokens fails t unless both lexers cut page alike, up to where
// ours is stuck (the rest of the page is then one piece).
func sameTokens(t *testing.T, page []byte) {
	t.Helper()
	want, wstuck := theirs(page)
	got, gstuck := ours(page)
	if gstuck {
		if len(got) > len(want) {
			t.Fatalf("%q: stuck after %v, theirs %v", page, got, want)
		}
		want = want[:len(got)]
	} else if wstuck {
		t.Fatalf("%q: theirs stopped, ours did not:\n%v\n%v", page, got, want)
	}
	if len(got) != len(want) {
		t.Fatalf("%q:\nours   %v\ntheirs %v", page, got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%q: token %d: ours %v, theirs %v", page, i, got[i], want[i])
		}
	}
}

func TestLexer(t *testing.T) {
	for _, p := range hostile {
		sameTokens(t, []byte(p))
	}
}

func FuzzLexer(f *testing.F) {
	for _, p := range hostile {
		f.Add([]byte(p))
	}
	f.Fuzz(func(t *testing.T, page []byte) {
		sameTokens(t, page)
	})
}
