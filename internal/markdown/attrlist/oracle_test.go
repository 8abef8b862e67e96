package attrlist_test

import "bytes"

// strAttr is an attribute with its value as a string, as the tests
// compare them.
type strAttr struct{ Name, Value string }

// The parser as it was before it sliced its values from the input: the
// oracle FuzzParse compares the current one with.

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

func isNameByte(c byte) bool {
	return c != ' ' && c != '\t' && c != '=' && c != '}' && c != '{' && c != '\n' && c != '\r' && c != '"' && c != '\''
}

func parseOracle(b []byte) (attrs []strAttr, n int, ok bool) {
	if len(b) < 2 || b[0] != '{' {
		return nil, 0, false
	}
	i := 1
	if i < len(b) && b[i] == ':' {
		i++
	}
	var classes []string
	id := ""
	var rest []strAttr
	for {
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i >= len(b) {
			return nil, 0, false
		}
		if b[i] == '}' {
			i++
			break
		}
		start := i
		for i < len(b) && isNameByte(b[i]) {
			i++
		}
		word := string(b[start:i])
		if word == "" {
			return nil, 0, false
		}
		if i < len(b) && b[i] == '=' {
			i++
			if i >= len(b) {
				return nil, 0, false
			}
			var val string
			switch q := b[i]; q {
			case '"', '\'':
				var v []byte
				j := i + 1
				for ; j < len(b) && b[j] != q; j++ {
					if b[j] == '\\' && j+1 < len(b) && (b[j+1] == q || b[j+1] == '\\') {
						j++
					}
					v = append(v, b[j])
				}
				if j == len(b) || bytes.ContainsAny(v, "\r\n") {
					return nil, 0, false
				}
				val = string(v)
				i = j + 1
			default:
				vs := i
				for i < len(b) && isNameByte(b[i]) {
					i++
				}
				if i == vs {
					return nil, 0, false
				}
				val = string(b[vs:i])
			}
			if !validNameOracle(word) {
				return nil, 0, false
			}
			switch word {
			case "class":
				classes = append(classes, val)
			case "id":
				id = val
			default:
				rest = append(rest, strAttr{Name: word, Value: val})
			}
		} else {
			switch {
			case len(word) > 1 && word[0] == '.':
				classes = append(classes, word[1:])
			case len(word) > 1 && word[0] == '#':
				id = word[1:]
			case validNameOracle(word):
				rest = append(rest, strAttr{Name: word, Value: word})
			default:
				return nil, 0, false
			}
		}
		if i < len(b) && !isSpace(b[i]) && b[i] != '}' {
			return nil, 0, false
		}
	}
	if id != "" {
		attrs = append(attrs, strAttr{Name: "id", Value: id})
	}
	if len(classes) > 0 {
		attrs = append(attrs, strAttr{Name: "class", Value: joinSpace(classes)})
	}
	attrs = append(attrs, rest...)
	if len(attrs) == 0 {
		return nil, 0, false
	}
	return attrs, i, true
}

func joinSpace(s []string) string {
	var b bytes.Buffer
	for i, x := range s {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(x)
	}
	return b.String()
}

// validName accepts HTML attribute names: a letter or '_' or ':' first,
// then letters, digits and -_:. .
func validNameOracle(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':'
		if i == 0 && !letter || i > 0 && !letter && !(c >= '0' && c <= '9') && c != '-' && c != '.' {
			return false
		}
	}
	return true
}
