package search

import "strings"

// dutchStem is the Snowball Dutch stemmer ("dutch", the original Porter
// algorithm of snowballstem.org, not Kraaij-Pohlmann), which
// github.com/kljensen/snowball does not have. It takes a lower-case word.
func dutchStem(word string) string {
	w := []rune(word)
	// Remove the accents the algorithm names.
	for i, r := range w {
		switch r {
		case 'ä', 'á':
			w[i] = 'a'
		case 'ë', 'é':
			w[i] = 'e'
		case 'ï', 'í':
			w[i] = 'i'
		case 'ö', 'ó':
			w[i] = 'o'
		case 'ü', 'ú':
			w[i] = 'u'
		}
	}
	// Initial y, y after a vowel, and i between vowels are consonants:
	// Y and I until the end.
	for i, r := range w {
		switch {
		case r == 'y' && (i == 0 || nlVowel(w[i-1])):
			w[i] = 'Y'
		case r == 'i' && i > 0 && i+1 < len(w) && nlVowel(w[i-1]) && nlVowel(w[i+1]):
			w[i] = 'I'
		}
	}
	r1, r2 := nlRegions(w)
	if r1 < 3 {
		r1 = 3
	}
	s := &nlWord{w: w, r1: r1, r2: r2}

	// Step 1.
	switch {
	case s.has("heden"):
		if s.inR1(5) {
			s.replace(5, "heid")
		}
	case s.has("ene"):
		s.enEnding(3)
	case s.has("en"):
		s.enEnding(2)
	case s.has("se"):
		if s.inR1(2) && s.validS(2) {
			s.cut(2)
		}
	case s.has("s"):
		if s.inR1(1) && s.validS(1) {
			s.cut(1)
		}
	}
	// Step 2.
	eRemoved := s.step2()
	// Step 3a.
	if s.has("heid") && s.inR2(4) && !s.before(4, "c") {
		s.cut(4)
		if s.has("en") {
			s.enEnding(2)
		}
	}
	// Step 3b.
	switch {
	case s.has("end") || s.has("ing"):
		if s.inR2(3) {
			s.cut(3)
			if s.has("ig") && s.inR2(2) && !s.before(2, "e") {
				s.cut(2)
			} else {
				s.undouble()
			}
		}
	case s.has("ig"):
		if s.inR2(2) && !s.before(2, "e") {
			s.cut(2)
		}
	case s.has("lijk"):
		if s.inR2(4) {
			s.cut(4)
			s.step2()
		}
	case s.has("baar"):
		if s.inR2(4) {
			s.cut(4)
		}
	case s.has("bar"):
		if s.inR2(3) && eRemoved {
			s.cut(3)
		}
	}
	// Step 4: undouble a vowel in a final CVVD.
	if n := len(s.w); n >= 4 {
		c, v1, v2, d := s.w[n-4], s.w[n-3], s.w[n-2], s.w[n-1]
		if !nlVowel(c) && v1 == v2 && strings.ContainsRune("aeou", v1) && !nlVowel(d) && d != 'I' {
			s.w = append(s.w[:n-2], d)
		}
	}
	return strings.NewReplacer("I", "i", "Y", "y").Replace(string(s.w))
}

func nlVowel(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'y', 'è':
		return true
	}
	return false
}

// nlRegions returns the starts of R1 and R2: after the first non-vowel
// following a vowel, and the same again after R1.
func nlRegions(w []rune) (int, int) {
	next := func(from int) int {
		for i := from + 1; i < len(w); i++ {
			if !nlVowel(w[i]) && nlVowel(w[i-1]) {
				return i + 1
			}
		}
		return len(w)
	}
	r1 := next(0)
	if len(w) > 0 && r1 == len(w) {
		return r1, r1
	}
	return r1, next(r1)
}

type nlWord struct {
	w      []rune
	r1, r2 int
}

func (s *nlWord) has(suffix string) bool {
	return strings.HasSuffix(string(s.w), suffix)
}

func (s *nlWord) inR1(n int) bool { return len(s.w)-n >= s.r1 }
func (s *nlWord) inR2(n int) bool { return len(s.w)-n >= s.r2 }

func (s *nlWord) cut(n int) { s.w = s.w[:len(s.w)-n] }

func (s *nlWord) replace(n int, with string) {
	s.w = append(s.w[:len(s.w)-n], []rune(with)...)
}

// before reports whether the n-rune suffix is preceded by p.
func (s *nlWord) before(n int, p string) bool {
	return strings.HasSuffix(string(s.w[:len(s.w)-n]), p)
}

// validS: a non-vowel other than j precedes the n-rune suffix.
func (s *nlWord) validS(n int) bool {
	i := len(s.w) - n - 1
	return i >= 0 && !nlVowel(s.w[i]) && s.w[i] != 'j'
}

// enEnding deletes en or ene when in R1 and preceded by a non-vowel that
// does not end "gem", then undoubles.
func (s *nlWord) enEnding(n int) {
	i := len(s.w) - n - 1
	if !s.inR1(n) || i < 0 || nlVowel(s.w[i]) || s.before(n, "gem") {
		return
	}
	s.cut(n)
	s.undouble()
}

func (s *nlWord) undouble() {
	if s.has("kk") || s.has("dd") || s.has("tt") {
		s.cut(1)
	}
}

// step2 deletes a final e in R1 after a non-vowel, then undoubles; it
// reports whether it did.
func (s *nlWord) step2() bool {
	n := len(s.w)
	if s.has("e") && s.inR1(1) && n >= 2 && !nlVowel(s.w[n-2]) {
		s.cut(1)
		s.undouble()
		return true
	}
	return false
}
