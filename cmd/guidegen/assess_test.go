package main

import (
	"strings"
	"testing"
)

// TestCheckReportsListedEntries: check reports, per alternative, the
// minimum criteria it misses, and those lines are not warnings.
func TestCheckReportsListedEntries(t *testing.T) {
	var o, e strings.Builder
	code := runIn(t.TempDir(), []string{"check"}, &o, &e)
	stdout, stderr := o.String(), e.String()
	if code != 0 {
		t.Fatalf("check of the bundled guide: %d\n%s", code, stderr)
	}
	for _, want := range []string{
		"kiwiirc is listed, not recommended: misses the minimum criteria e2ee_default_private, e2ee_all, audited",
		"sylk is listed, not recommended: misses the minimum criteria e2ee_default_private, e2ee_all, audited",
		"deltachat is listed, not recommended: meets only in part no_personal_identifiers, e2ee_all",
		"ricochet is listed, not recommended: misses the minimum criteria audited",
		"guidegen: no errors, 0 warnings",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("check's report lacks %q:\n%s", want, stdout)
		}
	}
	if n := strings.Count(stdout, "is listed, not recommended"); n != 11 {
		t.Errorf("%d listed entries reported, want 11", n)
	}
}
