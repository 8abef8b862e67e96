package icons

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark-emoji/definition"
)

// emojiIcon is an emoji found in the pack, with the name screen readers
// announce.
type emojiIcon struct {
	icon
	label string
}

// emoji returns the Twemoji SVG of an emoji shortcode name ("gear",
// "polar_bear", "+1": GitHub's names, as goldmark-emoji lists them) and
// the emoji's name for screen readers.
func (s *Set) emoji(name []byte) (emojiIcon, bool) {
	if s == nil {
		return emojiIcon{}, false
	}
	s.mu.RLock()
	v, ok := s.emojis[string(name)]
	s.mu.RUnlock()
	if ok {
		return v, true
	}
	e, ok := definition.Github().Get(string(name))
	if !ok || !e.IsUnicode() {
		return emojiIcon{}, false
	}
	p, err := s.pack.get()
	if err != nil {
		return emojiIcon{}, false
	}
	for _, file := range twemojiFiles(e.Unicode) {
		if svg, ok, err := p.lookup(Emoji, file); ok && err == nil {
			v = emojiIcon{icon{string(name), svg}, e.Name}
			s.mu.Lock()
			s.emojis[v.name] = v
			s.mu.Unlock()
			return v, true
		}
	}
	return emojiIcon{}, false
}

// twemojiFiles returns the names Twemoji may give the file of an emoji:
// its codepoints in hex joined by "-", without U+FE0F (variation
// selector 16) unless the sequence has a zero width joiner, as Twemoji
// names them; then the sequence as it is.
func twemojiFiles(cps []rune) []string {
	var all, short []string
	zwj := false
	for _, c := range cps {
		h := strconv.FormatInt(int64(c), 16)
		all = append(all, h)
		if c != 0xfe0f {
			short = append(short, h)
		}
		zwj = zwj || c == 0x200d
	}
	if zwj || len(short) == len(all) {
		return []string{strings.Join(all, "-")}
	}
	return []string{strings.Join(short, "-"), strings.Join(all, "-")}
}
