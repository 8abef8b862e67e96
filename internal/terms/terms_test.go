package terms

import (
	"strings"
	"testing"
)

const list = `terms:
  - preferred: thuisserver
    rejected: [homeserver, home server]
  - preferred: realtimecommunicatie
    rejected: [realtime communicatie]
`

func TestCheckFindsRejectedVariants(t *testing.T) {
	l, err := Parse("locales/terms.nl.yaml", []byte(list))
	if err != nil {
		t.Fatal(err)
	}
	src := "---\ntitle: Test\n---\n\nJe Homeserver ziet alles.\nOver realtime\ncommunicatie.\n" +
		"Een [link](https://example.org/homeserver) en `homeserver` in code.\n" +
		"```\nhomeserver\n```\nDe thuisserver en superhomeserver zijn goed.\n"
	var got []string
	for _, p := range l.Check("content/nl/x.md", []byte(src)) {
		got = append(got, p.Error())
	}
	want := []string{
		`content/nl/x.md:5:4: warning: "Homeserver": this guide writes "thuisserver" (locales/terms.nl.yaml)`,
		`content/nl/x.md:6:6: warning: "realtime\ncommunicatie": this guide writes "realtimecommunicatie" (locales/terms.nl.yaml)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestParseRejectsBadLists(t *testing.T) {
	for _, src := range []string{
		"terms:\n  - preferred: x\n",
		"terms:\n  - preferred: x\n    rejected: [X]\n",
		"terms:\n  - preferred: x\n    rejected: [y]\n    typo: z\n",
	} {
		if _, err := Parse("t.yaml", []byte(src)); err == nil {
			t.Errorf("%q: no error", src)
		}
	}
}
