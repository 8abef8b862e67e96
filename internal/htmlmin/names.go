package htmlmin

import "encoding/binary"

// traits are the minifier's traits of a tag or an attribute (table.go).
type traits uint16

// tag is what the package knows of a tag name.
type tag struct {
	name   string
	traits traits
	// split: a page can be cut before this tag (see Minifier.Minify):
	// a block-level tag, not an object, whose handling by the minifier
	// sets its state whatever came before.
	split bool
	// simple: emit writes this tag as the minifier does.
	simple bool
}

// attrName is what the package knows of an attribute name.
type attrName struct {
	name   string
	traits traits
	// keepVal: the minifier writes a clean value of it (see
	// cleanValue) as it is (but for the scheme of a URL); keepBare: it
	// writes it as it is without a value.
	keepVal, keepBare bool
	// role tells apart the names that fastStart looks at.
	role attrRole
}

// attrRole is what fastStart looks at an attribute for.
type attrRole uint8

const (
	roleNone attrRole = iota
	roleStyle
	roleValue
	roleName
	roleContent
	roleHTTPEquiv
	roleCharset
)

var attrRoles = map[string]attrRole{
	"style": roleStyle, "value": roleValue, "name": roleName, "content": roleContent,
	"http-equiv": roleHTTPEquiv, "charset": roleCharset,
}

// Attributes whose clean value the minifier may change or drop, and
// those it drops without a value (see Minifier.attr).
var (
	valChanged = map[string]bool{
		"enctype": true, "formenctype": true, "accept": true, "type": true, "method": true,
		"colspan": true, "rowspan": true, "shape": true, "span": true, "media": true,
	}
	bareDropped = map[string]bool{"class": true, "dir": true, "id": true, "name": true, "action": true}
)

// maxName is the length of the longest name in the tables.
const maxName = 32

// notSimple are the tags whose handling by the minifier emit does not
// follow: their content is raw or preformatted, or the minifier drops
// them or the text after them.
var notSimple = map[string]bool{
	"pre": true, "template": true, "colgroup": true, "select": true, "optgroup": true, "option": true,
	"style": true, "textarea": true, "iframe": true, "xmp": true, "plaintext": true, "math": true, "svg": true,
}

// tags are the tag names that the minifier or its lexer tell apart.
var tags = func() *table[tag] {
	t := &table[tag]{}
	t.add("xml", &tag{name: "xml"})
	for n, tr := range tagTraits {
		t.add(n, &tag{
			name:   n,
			traits: tr,
			split:  tr&blockTag != 0 && tr&(objectTag|rawTag) == 0 && !notSimple[n],
			simple: !notSimple[n],
		})
	}
	return t
}()

// attrNames are the attribute names that the minifier tells apart.
var attrNames = func() *table[attrName] {
	m := map[string]*attrName{}
	for _, n := range []string{
		// named in its code
		"content", "http-equiv", "charset", "name", "src", "type", "value", "id", "class", "dir",
		"action", "enctype", "formenctype", "accept", "method", "colspan", "rowspan", "shape",
		"span", "media", "style", "vocab", "typeof", "property", "resource", "prefix", "about",
		"rev", "datatype", "inlist", "amp-boilerplate",
	} {
		m[n] = &attrName{name: n}
	}
	for n, tr := range attrTraits {
		m[n] = &attrName{name: n, traits: tr}
	}
	t := &table[attrName]{}
	for n, a := range m {
		a.keepVal = a.traits&booleanAttr == 0 && !valChanged[n]
		a.keepBare = !bareDropped[n]
		a.role = attrRoles[n]
		t.add(n, a)
	}
	return t
}()

// lowerAttr returns what the tables know of an attribute name, in any
// case, nil for a name they do not know.
func lowerAttr(name []byte) *attrName { return attrNames.get(name) }

// table is a set of names, looked up in any case without allocating:
// open addressing on a hash of the name in lower case (hashLower), in a
// few kilobytes (it is read for every tag and attribute).
type table[T any] struct {
	slots [tableSize]slot[T]
}

type slot[T any] struct {
	key string
	// packed is a key of up to eight bytes as packLow packs it.
	packed uint64
	val    *T
}

const tableSize = 512 // a power of two, over three times the names

// hashLower hashes a name in lower case: its bytes with the bit 0x20
// set (the names of the tables are letters, digits and '-', which have
// it once in lower case), eight at a time.
func hashLower(name []byte) uint32 {
	const lower = 0x2020202020202020
	var v uint64
	if n := len(name); n <= 8 {
		v = packLow(name) | lower
	} else {
		v = (binary.LittleEndian.Uint64(name)|lower)*0x9e3779b97f4a7c15 ^ (binary.LittleEndian.Uint64(name[n-8:]) | lower)
	}
	return hashMix(v, len(name))
}

func hashMix(v uint64, n int) uint32 {
	v ^= uint64(n)
	return uint32((v * 0xc2b2ae3d27d4eb4f) >> 32)
}

// packLow packs up to eight bytes into a word, the first in its low
// byte.
func packLow(b []byte) uint64 {
	var v uint64
	for i, c := range b {
		v |= uint64(c) << (8 * i)
	}
	return v
}

func (t *table[T]) add(name string, v *T) {
	for i := hashLower([]byte(name)); ; i++ {
		if s := &t.slots[i&(tableSize-1)]; s.key == "" || s.key == name {
			s.key, s.val = name, v
			if len(name) <= 8 {
				s.packed = packLow([]byte(name))
			}
			return
		}
	}
}

func (t *table[T]) get(name []byte) *T {
	n := len(name)
	if n == 0 || n > maxName {
		return nil
	}
	if n <= 8 {
		// The name in one word, compared with the keys' in one go: its
		// letters in lower case are its bytes with the bit 0x20 set,
		// which the keys' bytes (letters, digits, '-') have; the only
		// other bytes that match a key's byte so are under 0x20, left
		// to the loop below.
		const ones = 0x0101010101010101
		var v uint64
		if cap(name) >= 8 {
			// (a tag's or attribute's name is followed by more of
			// the page)
			v = binary.LittleEndian.Uint64(name[:8]) & (^uint64(0) >> (64 - 8*n))
		} else {
			v = packLow(name)
		}
		in := uint64(ones) >> (64 - 8*n) // the low bit of each of the n bytes
		if (v-0x20*in)&^v&(0x80*in) == 0 {
			lv := v | 0x20*in
			for i := hashMix(v|0x2020202020202020, n); ; i++ {
				s := &t.slots[i&(tableSize-1)]
				if s.key == "" {
					return nil
				}
				if s.packed == lv && len(s.key) == n {
					return s.val
				}
			}
		}
	}
	return t.lookup(name)
}

// lookup is get one byte at a time.
func (t *table[T]) lookup(name []byte) *T {
	for i := hashLower(name); ; i++ {
		s := &t.slots[i&(tableSize-1)]
		if s.key == "" {
			return nil
		}
		if equalLower(name, s.key) {
			return s.val
		}
	}
}

// equalLower reports whether b in lower case is s (in lower case).
func equalLower(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}
