package output

import (
	"encoding/binary"
	"errors"
	"io/fs"
	"math"
	"path"
	"runtime"
	"sync"

	"golang.org/x/sys/unix"
)

// fastPath says whether files and directories are made with openat2 and
// bare descriptors (when the kernel allows openat2) rather than os.Root.
const fastPath = true

// Flags of openBeneath: a new file to write, and a directory to make
// directories in.
const (
	oCreateNew = unix.O_WRONLY | unix.O_CREAT | unix.O_EXCL
	oDirPath   = unix.O_PATH | unix.O_DIRECTORY
)

// openBeneath opens name below the directory dirfd in one openat2 call
// that resolves no symbolic link at all, not even in the directories on
// the way (RESOLVE_NO_SYMLINKS), and never leaves dirfd (RESOLVE_BENEATH).
// os.Root would open every directory on the way instead.
func openBeneath(dirfd int, name string, flags int, mode uint32) (int, error) {
	how := unix.OpenHow{
		Flags:   uint64(flags | unix.O_CLOEXEC | unix.O_NOFOLLOW),
		Mode:    uint64(mode),
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS,
	}
	for tries := 0; ; tries++ {
		fd, err := unix.Openat2(dirfd, name, &how)
		// EAGAIN: a rename elsewhere raced with the lookup.
		if err == unix.EINTR || (err == unix.EAGAIN && tries < 16) {
			continue
		}
		return fd, err
	}
}

// unsupported reports whether an error of openBeneath means that the
// kernel or a sandbox refuses openat2; the stage then uses os.Root.
func unsupported(err error) bool {
	return errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EPERM)
}

// transient reports whether an error of openBeneath means that renames
// elsewhere kept racing with the lookup; os.Root then does that one call.
func transient(err error) bool {
	return errors.Is(err, unix.EAGAIN)
}

// openExisting opens the regular file at clean below the directory dirfd
// for overwriting in place, with openBeneath and one fstat. It is the fast
// path of a rebuild, where nearly every file exists. It returns ok false,
// having changed nothing, when the file is missing or is not a regular
// file with a single name (a link, a directory, a special file, a hard
// link), and unsupported true when the kernel or a sandbox refuses
// openat2; the caller then takes the os.Root path.
//
// The file is not truncated: the new bytes overwrite the old ones and
// target.Close cuts what is left of a longer file, which saves a call
// (and freeing and reallocating the blocks) when the size stays. The
// descriptor keeps O_NONBLOCK, which writes to a regular file ignore.
func openExisting(dirfd int, clean string) (t target, ok, unsupp bool) {
	fd, err := openBeneath(dirfd, clean, unix.O_WRONLY|unix.O_NONBLOCK, 0)
	if err != nil {
		return target{}, false, unsupported(err)
	}
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Nlink != 1 {
		unix.Close(fd)
		return target{}, false, false
	}
	return target{fd: fd, old: st.Size}, true, false
}

// writeFd writes all of p to fd.
func writeFd(fd int, p []byte) (int, error) {
	n := 0
	for n < len(p) {
		m, err := unix.Write(fd, p[n:])
		switch {
		case err == unix.EINTR:
			continue
		case err == unix.EAGAIN:
			// O_NONBLOCK of openExisting, on a file system that heeds it.
			if _, err := unix.FcntlInt(uintptr(fd), unix.F_SETFL, 0); err != nil {
				return n, err
			}
			continue
		case err != nil:
			return n, err
		case m == 0:
			return n, unix.EIO
		}
		n += m
	}
	return n, nil
}

func truncateFd(fd int, size int64) error {
	for {
		err := unix.Ftruncate(fd, size)
		if err != unix.EINTR {
			return err
		}
	}
}

func closeFd(fd int) error {
	return unix.Close(fd)
}

func mkdirAt(dirfd int, name string) error {
	for {
		err := unix.Mkdirat(dirfd, name, 0o755)
		if err != unix.EINTR {
			return err
		}
	}
}

// prune removes what the previous generation left that this build did not
// write: files first, then directories that became empty. It reads each
// directory once with getdents and works relative to its descriptor: a
// directory is opened with O_NOFOLLOW|O_DIRECTORY by its single name in
// its parent, so links are removed, never followed. (os.Root would stat
// every entry and make a poller-registered file of every directory.)
func (s *Stage) prune() error {
	p := pruner{s: s, buf: make([]byte, 32<<10), par: newWalkers()}
	if s.settled {
		p.only = s.pending
	}
	return p.run()
}

// settle prunes, while the build goes on, what the previous generation
// left in the stage (see Settle).
func (s *Stage) settle(later func(dir string) bool) error {
	p := pruner{s: s, buf: make([]byte, 32<<10), settling: true, later: later, pending: map[string]bool{}, par: newWalkers()}
	if err := p.run(); err != nil {
		return err
	}
	s.mu.Lock()
	s.settled, s.pending = true, p.pending
	s.mu.Unlock()
	return nil
}

func (p *pruner) run() error {
	fd, err := unix.Openat(p.s.fd, ".", unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return &fs.PathError{Op: "openat", Path: ".", Err: err}
	}
	defer unix.Close(fd)
	var st unix.Statfs_t
	if unix.Fstatfs(fd, &st) == nil {
		p.endMarked = endMarks(st.Type)
	}
	_, _, err = p.dir(fd, "")
	return err
}

// endMarks reports whether the file system of type t (statfs's f_type)
// is one whose directory positions the kernel itself gives, and gives
// dirEnd to no entry but the last: ext4, btrfs, tmpfs. On others (FUSE,
// 9p, NFS from another server) a daemon chooses them, and a directory
// is read until a read returns nothing.
func endMarks(t int64) bool {
	switch t {
	case unix.EXT4_SUPER_MAGIC, unix.BTRFS_SUPER_MAGIC, unix.TMPFS_MAGIC:
		return true
	}
	return false
}

// pruner prunes the stage, with one buffer for every directory.
type pruner struct {
	s   *Stage
	buf []byte
	// settling is set while the build still writes (Settle): whether
	// an entry is the build's is decided and the entry removed under the
	// stage's lock, so that a write either claimed it first, and it
	// stays, or claims it afterwards and makes it again. The files that
	// later says the build may still write in a directory, it leaves to
	// Commit, noting their directories and those above in pending.
	settling bool
	later    func(dir string) bool
	pending  map[string]bool
	// only, when not nil, names the directories that Settle left files
	// in: Commit reads no other.
	only map[string]bool
	// par, when not nil, lets other goroutines walk some of the
	// subdirectories, each with a buffer of its own.
	par *walkers
	// endMarked is set when the stage's file system marks the end of a
	// directory (endMarks): a read that ends it needs no second one.
	endMarked bool
}

// walkers are the goroutines a pruner may walk subdirectories in, besides
// its own: a directory read waits for the disk when the previous
// generation's directory blocks are no longer cached (a few hundred of
// 10,000 in a steady state), and Settle runs at the end of a build,
// where the cores may have nothing else to do. Each walker has its own
// buffer; pending is shared under mu.
type walkers struct {
	bufs chan []byte
	mu   sync.Mutex
}

// walkChunk is how many subdirectories of a directory one walker takes
// at a time: a page's directory takes a few microseconds to read.
const walkChunk = 16

func newWalkers() *walkers {
	n := runtime.GOMAXPROCS(0)
	w := &walkers{bufs: make(chan []byte, n)}
	for range n {
		w.bufs <- nil // made when taken first
	}
	return w
}

// take returns a free walker's buffer, if there is one.
func (w *walkers) take() ([]byte, bool) {
	if w == nil {
		return nil, false
	}
	select {
	case b := <-w.bufs:
		if b == nil {
			b = make([]byte, 32<<10)
		}
		return b, true
	default:
		return nil, false
	}
}

func (w *walkers) give(b []byte) { w.bufs <- b }

// addPending notes that Settle leaves files to Commit in directory rel.
func (p *pruner) addPending(rel string) {
	if p.par != nil {
		p.par.mu.Lock()
		defer p.par.mu.Unlock()
	}
	p.pending[rel] = true
}

// dirent is an entry of a directory, its type a DT_ constant.
type dirent struct {
	name string
	typ  uint8
}

// dir prunes the directory fd, at slash path prefix in the stage ("" for
// the stage itself, else ending in a slash), and its subdirectories; it
// reports whether the directory is empty now and, when settling, whether
// it leaves files to Commit.
func (p *pruner) dir(fd int, prefix string) (empty, pending bool, err error) {
	entries, err := p.read(fd, prefix)
	if p.settling && errors.Is(err, unix.ENOENT) {
		return false, false, nil // removed by the build meanwhile (Stage.open)
	}
	if err != nil {
		return false, false, err
	}
	self := "."
	if prefix != "" {
		self = prefix[:len(prefix)-1]
	}
	leave := p.settling && p.later(self)
	kept := 0
	var subs []dirent // the subdirectories to walk
	for _, e := range entries {
		rel := prefix + e.name
		if e.typ == unix.DT_UNKNOWN { // a file system without d_type
			var st unix.Stat_t
			if err := unix.Fstatat(fd, e.name, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
				return false, false, &fs.PathError{Op: "fstatat", Path: rel, Err: err}
			}
			if st.Mode&unix.S_IFMT == unix.S_IFDIR {
				e.typ = unix.DT_DIR
			}
		}
		if e.typ == unix.DT_DIR { // a real directory: a link is not followed
			if p.only != nil && !p.only[rel] {
				kept++ // settled: holds only what the build wrote
				continue
			}
			if p.settling && p.claimed(rel, false) {
				kept++ // the build puts a file here, removing the directory itself
				continue
			}
			subs = append(subs, e)
			continue
		}
		if p.settling {
			if p.claimed(rel, true) {
				kept++
				continue
			}
			if leave {
				kept++
				pending = true
				continue
			}
		} else if _, ok := p.s.written[rel]; ok {
			kept++
			continue
		}
		if removed, err := p.remove(fd, e.name, rel, 0); err != nil {
			return false, false, err
		} else if !removed {
			kept++
		}
	}
	// The subdirectories, in chunks; another walker takes a chunk when
	// one is free (never the last chunk, which this one walks meanwhile).
	chunks := make([]walked, (len(subs)+walkChunk-1)/walkChunk)
	var wg sync.WaitGroup
	for i := range chunks {
		part := subs[i*walkChunk : min((i+1)*walkChunk, len(subs))]
		if i < len(chunks)-1 {
			if buf, ok := p.par.take(); ok {
				q := *p
				q.buf = buf
				wg.Go(func() {
					defer p.par.give(buf)
					chunks[i] = q.subdirs(fd, prefix, part)
				})
				continue
			}
		}
		chunks[i] = p.subdirs(fd, prefix, part)
	}
	wg.Wait()
	for _, c := range chunks {
		if c.err != nil {
			return false, false, c.err
		}
		kept += c.kept
		pending = pending || c.pending
	}
	return kept == 0, pending, nil
}

// walked is what a walker found in some subdirectories of a directory:
// how many it keeps, whether it leaves files to Commit in them, and its
// error.
type walked struct {
	kept    int
	pending bool
	err     error
}

// subdirs prunes the subdirectories subs of the directory fd, at slash
// path prefix in the stage, and removes the ones left empty; it stops at
// the first error.
func (p *pruner) subdirs(fd int, prefix string, subs []dirent) (w walked) {
	for _, e := range subs {
		rel := prefix + e.name
		sub, err := unix.Openat(fd, e.name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
		if p.settling && (err == unix.ENOENT || err == unix.ENOTDIR) {
			w.kept++ // replaced by a file of the build meanwhile (Stage.open)
			continue
		}
		if err != nil {
			w.err = &fs.PathError{Op: "openat", Path: rel, Err: err}
			return w
		}
		subEmpty, subPending, err := p.dir(sub, rel+"/")
		unix.Close(sub)
		if err != nil {
			w.err = err
			return w
		}
		if subPending {
			p.addPending(rel)
			w.pending = true
		}
		if !subEmpty {
			w.kept++
			continue
		}
		if removed, err := p.remove(fd, e.name, rel, unix.AT_REMOVEDIR); err != nil {
			w.err = err
			return w
		} else if !removed {
			w.kept++
		}
	}
	return w
}

// claimed reports, when settling, whether the build wrote or claimed a
// file at rel (or, for a file, needs a directory there, which the write
// puts in its place).
func (p *pruner) claimed(rel string, file bool) bool {
	p.s.mu.Lock()
	defer p.s.mu.Unlock()
	if _, ok := p.s.written[rel]; ok {
		return true
	}
	_, ok := p.s.dirs[rel]
	return ok && file
}

// remove removes the entry name of the directory fd, at rel in the stage
// (a directory when flags is AT_REMOVEDIR). When settling, an entry that
// the build claimed meanwhile stays (removed is false): the check and the
// removal hold the stage's lock, which a claim takes too.
func (p *pruner) remove(fd int, name, rel string, flags int) (removed bool, err error) {
	if p.settling {
		p.s.mu.Lock()
		defer p.s.mu.Unlock()
		_, file := p.s.written[rel]
		_, dir := p.s.dirs[rel]
		if file || dir {
			return false, nil
		}
	}
	err = unix.Unlinkat(fd, name, flags)
	if p.settling && err == unix.ENOENT {
		return true, nil // removed by the build meanwhile
	}
	if err != nil {
		return false, &fs.PathError{Op: "unlinkat", Path: rel, Err: err}
	}
	return true, nil
}

// read returns the entries of the directory fd but "." and "..".
//
// A read that returns no entry ends the directory; so does, on a file
// system that marks the end (p.endMarked), one that left room for another
// entry and whose last entry says the next read starts at the largest
// position there is (dirEnd), which spares a directory of a page, read
// whole at once, the second read.
func (p *pruner) read(fd int, prefix string) ([]dirent, error) {
	var entries []dirent
	for {
		n, err := unix.Getdents(fd, p.buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "getdents", Path: path.Clean("./" + prefix), Err: err}
		}
		if n <= 0 {
			return entries, nil
		}
		entries = parseDirents(p.buf[:n], entries)
		if p.endMarked && n <= len(p.buf)-maxDirent && endsDir(p.buf[:n]) {
			return entries, nil
		}
	}
}

// maxDirent is the size of the largest linux_dirent64 record: its 19
// bytes of header, a name of 255 bytes and its NUL, rounded up to 8.
const maxDirent = 280

// dirEnd is the position that ext4 (for a directory read in hash order,
// as every directory of one block is) and btrfs give the last entry of a
// read that reached the end of the directory: the largest one, after
// which no entry can be.
const dirEnd = math.MaxInt64

// endsDir reports whether the last of the linux_dirent64 records in b
// has the position dirEnd (d_off: the position of the next entry).
func endsDir(b []byte) bool {
	const nameOff = 19
	off := int64(-1)
	for len(b) >= nameOff {
		reclen := int(binary.NativeEndian.Uint16(b[16:18]))
		if reclen < nameOff || reclen > len(b) {
			return false
		}
		off = int64(binary.NativeEndian.Uint64(b[8:16]))
		b = b[reclen:]
	}
	return off == dirEnd
}

// parseDirents appends the entries of the linux_dirent64 records in b.
func parseDirents(b []byte, entries []dirent) []dirent {
	const nameOff = 19 // d_ino 8, d_off 8, d_reclen 2, d_type 1
	for len(b) >= nameOff {
		reclen := int(binary.NativeEndian.Uint16(b[16:18]))
		if reclen < nameOff || reclen > len(b) {
			break
		}
		name := b[nameOff:reclen]
		for i, c := range name {
			if c == 0 {
				name = name[:i]
				break
			}
		}
		if s := string(name); s != "." && s != ".." {
			entries = append(entries, dirent{name: s, typ: b[18]})
		}
		b = b[reclen:]
	}
	return entries
}
