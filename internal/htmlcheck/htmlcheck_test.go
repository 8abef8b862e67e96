package htmlcheck

import "testing"

func TestWellFormed(t *testing.T) {
	good := []string{
		``, `<p>a<br>b</p>`, `<div class="x"><img src="a" alt="b"><p>t</p></div>`,
		`<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>`,
		`<p>a &amp; b</p><!-- comment -->`,
	}
	bad := []string{
		`<p>a`, `</p>`, `<div><p></div></p>`, `<a href="x" href="y">t</a>`, `<br></br>`,
	}
	for _, s := range good {
		if err := WellFormed(s); err != nil {
			t.Errorf("WellFormed(%q) = %v", s, err)
		}
	}
	for _, s := range bad {
		if WellFormed(s) == nil {
			t.Errorf("WellFormed(%q) = nil, want an error", s)
		}
	}
}
