// Package htmlcheck checks that generated HTML is well formed: every
// element that is opened is closed, in order; no end tag is left over; no
// element repeats an attribute. It tokenizes with golang.org/x/net/html,
// which (unlike html.Parse) reports what the markup really says instead of
// repairing it. Tests and fuzz targets use it on renderer output.
package htmlcheck

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// attrRE finds the attribute names of a raw start tag.
var attrRE = regexp.MustCompile(`\s([^\s"'>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?`)

// void elements have no end tag.
var void = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

// WellFormed returns nil when s is a well-formed fragment or document.
func WellFormed(s string) error {
	z := html.NewTokenizer(strings.NewReader(s))
	var stack []string
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if errors.Is(z.Err(), io.EOF) {
				if len(stack) > 0 {
					return fmt.Errorf("unclosed elements at end: %s", strings.Join(stack, " > "))
				}
				return nil
			}
			return z.Err()
		case html.StartTagToken, html.SelfClosingTagToken:
			raw := string(z.Raw())
			tok := z.Token()
			// The tokenizer drops repeated attributes, as browsers do; look
			// at the raw tag to find them.
			seen := map[string]bool{}
			for _, m := range attrRE.FindAllStringSubmatch(raw, -1) {
				key := strings.ToLower(m[1])
				if seen[key] {
					return fmt.Errorf("<%s> repeats attribute %q", tok.Data, key)
				}
				seen[key] = true
			}
			if tt == html.StartTagToken && !void[tok.Data] {
				stack = append(stack, tok.Data)
			}
		case html.EndTagToken:
			tok := z.Token()
			if void[tok.Data] {
				return fmt.Errorf("end tag for void element </%s>", tok.Data)
			}
			if len(stack) == 0 {
				return fmt.Errorf("stray end tag </%s>", tok.Data)
			}
			if top := stack[len(stack)-1]; top != tok.Data {
				return fmt.Errorf("</%s> closes <%s> (open: %s)", tok.Data, top, strings.Join(stack, " > "))
			}
			stack = stack[:len(stack)-1]
		}
	}
}
