package headingid

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// reference is Unique as Python-Markdown (and guidegen before) computes
// it: try the next suffix with a regular expression until one is free.
type reference map[string]bool

func (r reference) unique(id string) string {
	re := regexp.MustCompile(`^(.*)_([0-9]+)$`)
	for id == "" || r[id] {
		if m := re.FindStringSubmatch(id); m != nil {
			n, _ := strconv.Atoi(m[2])
			id = m[1] + "_" + strconv.Itoa(n+1)
		} else {
			id += "_1"
		}
	}
	r[id] = true
	return id
}

func TestUniqueSameAsReference(t *testing.T) {
	// Clashes with ids set by hand (Put) and with ids that already end
	// in _N, in many orders.
	words := []string{"a", "a_1", "a_2", "a_3", "a_10", "a_1_1", "", "_1", "b", "b_0", "b_01", "x_9", "x_9223372036854775807", "x_99999999999999999999"}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 500 {
		ids, ref := NewIDs(), reference{}
		for i := range 40 {
			w := words[rng.IntN(len(words))]
			if rng.IntN(4) == 0 {
				ids.Put([]byte(w))
				ref[w] = true
				continue
			}
			if got, want := ids.Unique(w), ref.unique(w); got != want {
				t.Fatalf("round %d, step %d: Unique(%q) = %q, want %q", round, i, w, got, want)
			}
		}
	}
}

func TestUniqueHandWrittenClash(t *testing.T) {
	ids := NewIDs()
	ids.Put([]byte("a"))   // { #a }
	ids.Put([]byte("a_1")) // { #a_1 }
	for _, want := range []string{"a_2", "a_3"} {
		if got := ids.Unique("a"); got != want {
			t.Errorf("Unique(a) = %q, want %q", got, want)
		}
	}
	ids.Put([]byte("a_5"))
	for _, want := range []string{"a_4", "a_6"} {
		if got := ids.Unique("a"); got != want {
			t.Errorf("Unique(a) = %q, want %q", got, want)
		}
	}
}

// TestUniqueLinear gives 10,000 equal headings the ids x, x_1 ... x_9999
// with a few look-ups each (each used to try every suffix before it: 50
// million look-ups).
func TestUniqueLinear(t *testing.T) {
	const n = 10000
	ids := NewIDs()
	for i := range n {
		want := "x"
		if i > 0 {
			want = fmt.Sprintf("x_%d", i)
		}
		if got := ids.Unique("x"); got != want {
			t.Fatalf("heading %d: id %q, want %q", i, got, want)
		}
	}
	if ids.checks > 4*n {
		t.Errorf("%d ids looked up for %d headings, want at most %d", ids.checks, n, 4*n)
	}
}

func BenchmarkUnique(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				ids := NewIDs()
				for range n {
					ids.Unique("x")
				}
			}
		})
	}
}

// FuzzUnique compares Unique with the reference on a sequence of ids, one a
// line; a line starting with "!" is an id set by hand (Put).
func FuzzUnique(f *testing.F) {
	f.Add("a\na\n!a_2\na\na_1\na")
	f.Add("\n\n_1\n!_3\n")
	f.Add("x_9\nx_9\n!x_11\nx_9\nx_10\nx_9223372036854775807\nx_9223372036854775807")
	f.Fuzz(func(t *testing.T, s string) {
		ids, ref := NewIDs(), reference{}
		for i, w := range strings.Split(s, "\n") {
			if i >= 200 {
				break
			}
			if put, ok := strings.CutPrefix(w, "!"); ok {
				ids.Put([]byte(put))
				ref[put] = true
				continue
			}
			if got, want := ids.Unique(w), ref.unique(w); got != want {
				t.Fatalf("step %d: Unique(%q) = %q, want %q", i, w, got, want)
			}
		}
	})
}
