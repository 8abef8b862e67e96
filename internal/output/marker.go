package output

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// The marker says which directories guidegen wrote, so that only those
// are ever replaced. It is not inside the output, where every deploy
// (rsync, a Pages upload, a container image) would publish it, but beside
// it, with the lock and the staging directory: ".public.guidegen" beside
// "public". It is a regular file whose first line names the format and a
// version, followed by one line per directory it vouches for, naming the
// directory by its identity on disk (device, inode and, where the file
// system records it, birth time) rather than by its name: the swap
// exchanges the names of the output and staging directories, and a user
// who removes the output and makes a directory of their own with the same
// name gets a directory the marker does not name.
//
// Directories written by releases that kept the marker inside the output
// (a file [LegacyMarker] there) stay replaceable; the next build leaves
// that file out.

// LegacyMarker is the name of the marker file that releases before the
// sidecar marker wrote into the output directory itself.
const LegacyMarker = ".guidegen"

// markerFormat starts the first line of a marker file; the number after
// it is the version of the output layout.
const markerFormat = "guidegen-output"

// markerVersion 2 is the sidecar marker; 1 was the marker inside the
// output.
const markerVersion = 2

// legacyMarkerText is the whole marker of guidegen releases before the
// marker had a format line; directories they wrote stay replaceable.
const legacyMarkerText = "This directory is written by guidegen and replaced on every build.\n"

// maxMarker bounds what is read of a marker file.
const maxMarker = 4096

// MarkerFile returns the marker file of an output directory:
// ".public.guidegen" beside "public" (beside the target of a symbolic
// link).
func MarkerFile(out string) string {
	return sibling(out, ".guidegen")
}

// dirID identifies a directory on disk whatever its name.
type dirID struct {
	dev, ino uint64
	// birth is the birth time in nanoseconds, 0 where the file system or
	// the system does not tell it.
	birth int64
}

func (id dirID) String() string {
	return fmt.Sprintf("dir %d %d %d", id.dev, id.ino, id.birth)
}

// parseDirID reads a line written by dirID.String.
func parseDirID(line string) (dirID, bool) {
	f := strings.Fields(line)
	if len(f) != 4 || f[0] != "dir" {
		return dirID{}, false
	}
	dev, err1 := strconv.ParseUint(f[1], 10, 64)
	ino, err2 := strconv.ParseUint(f[2], 10, 64)
	birth, err3 := strconv.ParseInt(f[3], 10, 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return dirID{}, false
	}
	return dirID{dev, ino, birth}, true
}

// same reports whether a directory seen now is the one recorded; a birth
// time missing on either side is not compared.
func (id dirID) same(rec dirID) bool {
	if id.dev != rec.dev || id.ino != rec.ino {
		return false
	}
	return id.birth == 0 || rec.birth == 0 || id.birth == rec.birth
}

// readMarker returns the directories the marker file name vouches for;
// none when it is missing, a link or not a marker.
func readMarker(name string) ([]dirID, error) {
	head, ok, err := readRegular(name)
	if !ok || err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(bytes.NewReader(head))
	if !sc.Scan() || sc.Text() != fmt.Sprintf("%s %d", markerFormat, markerVersion) {
		return nil, nil
	}
	var ids []dirID
	for sc.Scan() {
		if id, ok := parseDirID(sc.Text()); ok {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// readRegular reads the start of name if it is a regular file, without
// following a link or blocking on a FIFO.
func readRegular(name string) (head []byte, ok bool, err error) {
	st, err := os.Lstat(name)
	if err != nil || !st.Mode().IsRegular() {
		return nil, false, nil
	}
	f, err := os.OpenFile(name, os.O_RDONLY|oNoFollow|oNonBlock, 0)
	if err != nil {
		return nil, false, nil
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil, false, nil
	}
	head, err = io.ReadAll(io.LimitReader(f, maxMarker))
	if err != nil {
		return nil, false, err
	}
	return head, true, nil
}

// vouched reports whether the marker file marker names the directory dir.
func vouched(marker, dir string) (bool, error) {
	ids, err := readMarker(marker)
	if err != nil || len(ids) == 0 {
		return false, err
	}
	id, err := identify(dir)
	if err != nil {
		return false, err
	}
	return slices.ContainsFunc(ids, id.same), nil
}

// writeMarker records that dirs (those that exist) are guidegen's, in the
// marker file marker: written beside it and renamed over it, so a link or
// anything else at its name is replaced, never written through.
func writeMarker(marker string, dirs ...string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %d\n", markerFormat, markerVersion)
	b.WriteString("guidegen replaces the directories below, named by device, inode and birth time, on every build.\n")
	for _, d := range dirs {
		id, err := identify(d)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		b.WriteString(id.String() + "\n")
	}
	tmp := marker + ".tmp"
	_ = os.Remove(tmp)
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL|oNoFollow, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(b.String()); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, marker); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// hasLegacyMarker reports whether dir holds the marker of releases before
// the sidecar: a regular file, not a link, whose first line names the
// format and a version, or that holds the text of the first releases.
func hasLegacyMarker(dir string) (bool, error) {
	head, ok, err := readRegular(filepath.Join(dir, LegacyMarker))
	if !ok || err != nil {
		return false, err
	}
	if string(head) == legacyMarkerText {
		return true, nil
	}
	line, _, _ := bufio.NewReader(bytes.NewReader(head)).ReadLine()
	version, ok := strings.CutPrefix(string(line), markerFormat+" ")
	if !ok {
		return false, nil
	}
	n, err := strconv.Atoi(version)
	return err == nil && n > 0, nil
}
