package diag

import "strconv"

// Plural returns a count with its noun in the singular or the plural, as
// English needs it: "1 page", "0 pages", "2 pages". Messages about counts
// use it, so that none says "1 pages".
func Plural(n int, one, other string) string {
	return strconv.Itoa(n) + " " + Noun(n, one, other)
}

// Noun returns one when n is 1, else other: for messages that print the
// count themselves ("%4d %s").
func Noun(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}
