package spec

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/durablefn/durablefn/facts"
)

// digestPath hashes what `aws cloudformation package` and `sam package`
// put in the zip of a code directory, so that the published version changes
// whenever the package does: every regular file under the directory, dot
// files and dot-directories included, symlinks followed (to files and to
// directories, as their os.walk(followlinks=True) does), each with its
// slash-separated relative path, its executable bit and its content, in
// lexical order. A symlink that points inside the tree also adds where it
// points, relative to the tree. Empty directories are not packaged, so not
// hashed. Only the executable bit of the mode is hashed: the other bits
// follow the umask of whoever checked the code out (git itself keeps only
// that bit), and would make the digest differ between machines.
//
// A zip file (or any regular file) is hashed as its content.
//
// The walk is bounded: facts.MaxCodeBytes of content, facts.MaxCodeFiles entries; a
// symlink loop, a dangling symlink, a named pipe, a socket or a device is
// an error, and such a file is never opened.
func digestPath(root string) (string, error) {
	return digestWithin(root, facts.MaxCodeBytes, facts.MaxCodeFiles)
}

// digestWithin is digestPath with its bounds given, for tests.
func digestWithin(root string, maxBytes int64, maxEntries int) (string, error) {
	info, err := os.Stat(root)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	w := &codeWalk{h: h, maxBytes: maxBytes, maxEntries: maxEntries}
	switch {
	case info.Mode().IsRegular():
		if err := w.content(root, filepath.Base(root), info); err != nil {
			return "", err
		}
	case info.IsDir():
		if w.realRoot, err = filepath.EvalSymlinks(root); err != nil {
			return "", err
		}
		if err := w.dir(root, "", []os.FileInfo{info}); err != nil {
			return "", err
		}
	default:
		return "", notPackageable(filepath.Base(root), info.Mode())
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// codeWalk is the state of one digest walk.
type codeWalk struct {
	h          hash.Hash
	realRoot   string // the root with symlinks resolved, to tell links inside the tree
	bytes      int64
	entries    int
	maxBytes   int64
	maxEntries int
}

// dir hashes the entries of the directory p (rel from the root); ancestors
// are the directories from the root down to p, to refuse a symlink loop.
func (w *codeWalk) dir(p, rel string, ancestors []os.FileInfo) error {
	entries, err := os.ReadDir(p) // sorted by name
	if err != nil {
		return err
	}
	for _, e := range entries {
		if w.entries++; w.entries > w.maxEntries {
			return fmt.Errorf("the code directory holds more than %d files and directories (the limit of the walk that hashes it): point code at the built package only", w.maxEntries)
		}
		child, childRel := filepath.Join(p, e.Name()), joinRel(rel, e.Name())
		mode := e.Type()
		var info os.FileInfo
		if mode&fs.ModeSymlink != 0 {
			if info, err = os.Stat(child); err != nil {
				return fmt.Errorf("%s is a symlink that cannot be followed: %v", childRel, unwrapPathError(err))
			}
			if err := w.link(child, childRel); err != nil {
				return err
			}
		} else if info, err = e.Info(); err != nil {
			return err
		}
		switch {
		case info.IsDir():
			for _, a := range ancestors {
				if os.SameFile(a, info) {
					return fmt.Errorf("%s is a symlink loop: it leads back to a directory that contains it", childRel)
				}
			}
			if err := w.dir(child, childRel, append(ancestors[:len(ancestors):len(ancestors)], info)); err != nil {
				return err
			}
		case info.Mode().IsRegular():
			if err := w.content(child, childRel, info); err != nil {
				return err
			}
		default:
			return notPackageable(childRel, info.Mode())
		}
	}
	return nil
}

// link hashes where a symlink inside the tree points, relative to the
// tree; a link out of the tree adds nothing but its target's content (its
// absolute target differs between machines).
func (w *codeWalk) link(p, rel string) error {
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		return fmt.Errorf("%s is a symlink that cannot be followed: %v", rel, unwrapPathError(err))
	}
	in, err := filepath.Rel(w.realRoot, target)
	if err != nil || in == ".." || strings.HasPrefix(in, ".."+string(filepath.Separator)) {
		return nil
	}
	io.WriteString(w.h, "link\x00"+rel+"\x00"+filepath.ToSlash(in)+"\x00")
	return nil
}

// content hashes one regular file: its path, executable bit, size and
// bytes, framed so that no two trees hash alike.
func (w *codeWalk) content(p, rel string, info os.FileInfo) error {
	size := info.Size()
	if w.bytes += size; w.bytes > w.maxBytes {
		return fmt.Errorf("the code is over %d bytes (%s), Lambda's limit on unzipped code, at %s: point code at the built package only, or use a container image", w.maxBytes, megabytes(w.maxBytes), rel)
	}
	exec := "-"
	if info.Mode().Perm()&0o111 != 0 {
		exec = "x"
	}
	io.WriteString(w.h, "file\x00"+rel+"\x00"+exec+"\x00"+strconv.FormatInt(size, 10)+"\x00")
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	if n, err := io.CopyN(w.h, f, size); err != nil {
		return fmt.Errorf("%s changed while it was read (%d of %d bytes): %v", rel, n, size, err)
	}
	return nil
}

// notPackageable is the error for a file that is neither a regular file, a
// directory nor a symlink to one.
func notPackageable(rel string, mode fs.FileMode) error {
	kind := "a special file"
	switch {
	case mode&fs.ModeNamedPipe != 0:
		kind = "a named pipe"
	case mode&fs.ModeSocket != 0:
		kind = "a socket"
	case mode&fs.ModeDevice != 0:
		kind = "a device"
	}
	return fmt.Errorf("%s is %s, not a regular file: a Lambda package holds regular files only, remove it from the code directory", rel, kind)
}

func joinRel(rel, name string) string {
	if rel == "" {
		return name
	}
	return rel + "/" + name
}

func megabytes(n int64) string {
	return strconv.FormatFloat(float64(n)/(1<<20), 'f', -1, 64) + " MB"
}
