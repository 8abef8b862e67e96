package po

import (
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"testing"
)

// RequireGettext skips a test when GNU gettext (msgfmt, msgcat,
// msgmerge) is not installed, except with CI=true, where it fails: .ci/run
// installs Debian's gettext package.
func RequireGettext(t testing.TB) {
	t.Helper()
	for _, tool := range []string{"msgfmt", "msgcat", "msgmerge"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("CI=true but %s is missing: .ci/run installs the gettext package", tool)
			}
			t.Skipf("%s not found (install GNU gettext, Debian's gettext package): PO toolchain tests skipped", tool)
		}
	}
}

// CheckGettext runs GNU gettext on a PO file written by Write: msgfmt
// --check must accept it without a warning, and msgcat --no-wrap and
// msgmerge --no-wrap --previous (the file merged with itself as template) must give
// it back byte for byte. Call RequireGettext first.
func CheckGettext(t testing.TB, file string) {
	t.Helper()
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command("msgfmt", "--check", "-o", os.DevNull, file)
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Errorf("msgfmt --check %s: %v\n%s", file, err, stderr.String())
	}
	for _, args := range [][]string{
		{"msgcat", "--no-wrap", file},
		{"msgmerge", "--no-wrap", "--previous", "--quiet", file, file},
	} {
		stderr.Reset()
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Stderr = &stderr
		got, err := cmd.Output()
		if err != nil {
			t.Errorf("%v: %v\n%s", args, err, stderr.String())
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%v changed %s:\n%s", args, file, firstDiff(string(want), string(got)))
		}
	}
}

func firstDiff(a, b string) string {
	al, bl := bytes.Split([]byte(a), []byte("\n")), bytes.Split([]byte(b), []byte("\n"))
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y []byte
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if !bytes.Equal(x, y) {
			return "line " + strconv.Itoa(i+1) + ":\n- " + string(x) + "\n+ " + string(y)
		}
	}
	return ""
}
