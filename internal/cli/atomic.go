package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// tempPrefix starts the name of every temporary file durablefn writes
// beside an output, so that a run killed half-way leaves a file that the
// next run recognises and removes: .durablefn-<base>-<random>.tmp.
const tempPrefix = ".durablefn-"

// staleAfter is the age after which a temporary file of the same output
// is taken as left by a killed run (a write takes milliseconds; a younger
// one may belong to a run still writing).
const staleAfter = time.Minute

// checkOutput refuses an -o path that is a symbolic link (dangling or
// not): durablefn never follows one to replace another file. It returns
// the file's permissions when it exists, 0644 otherwise.
func checkOutput(path string) (fs.FileMode, error) {
	info, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return 0o644, nil
	case err != nil:
		return 0, fmt.Errorf("writing %s: %v", path, unwrapPath(err))
	case info.Mode()&fs.ModeSymlink != 0:
		return 0, fmt.Errorf("-o %s is a symbolic link: durablefn does not follow it to replace another file; give the real path, or remove the link", path)
	case !info.Mode().IsRegular():
		return 0, fmt.Errorf("writing %s: not a regular file", path)
	}
	return info.Mode().Perm(), nil
}

// writeFileAtomic replaces path with data: it writes a temporary file in
// the same directory, syncs it and renames it over path, so that a reader
// sees the old file or the new one, never a part. On any error the
// temporary file is removed and an existing file is left as it was. An
// existing file keeps its permissions; a new one gets 0644. A symbolic
// link at path is refused, never followed (see checkOutput); temporary
// files a killed run left for the same path are removed first.
func writeFileAtomic(path string, data []byte) (err error) {
	mode, err := checkOutput(path)
	if err != nil {
		return err
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	removeStaleTemps(dir, base)
	tmp, err := os.CreateTemp(dir, tempPrefix+base+"-*.tmp")
	if err != nil {
		return fmt.Errorf("writing %s: %v", path, unwrapPath(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("writing %s: %v", path, unwrapPath(err))
	}
	if err := tmp.Chmod(mode); err != nil {
		return fmt.Errorf("writing %s: %v", path, unwrapPath(err))
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("writing %s: %v", path, unwrapPath(err))
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %v", path, unwrapPath(err))
	}
	// rename replaces a symbolic link created meanwhile, never its target.
	if err := renameFile(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %v", path, unwrapPath(err))
	}
	return nil
}

// removeStaleTemps removes the temporary files of base in dir that a
// killed run left: regular files named as writeFileAtomic names them,
// owned by this user and older than staleAfter. Failures are ignored: the
// write that follows does not depend on them.
func removeStaleTemps(dir, base string) {
	matches, _ := filepath.Glob(filepath.Join(dir, escapeGlob(tempPrefix+base)+"-*.tmp"))
	for _, m := range matches {
		info, err := os.Lstat(m)
		if err != nil || !info.Mode().IsRegular() || time.Since(info.ModTime()) < staleAfter {
			continue
		}
		if st, ok := info.Sys().(*syscall.Stat_t); ok && int(st.Uid) != os.Getuid() {
			continue
		}
		os.Remove(m)
	}
}

// escapeGlob quotes the metacharacters of filepath.Match in s.
func escapeGlob(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// renameFile is os.Rename; tests replace it to fail the last step.
var renameFile = os.Rename

// unwrapPath drops the operation and path of a *fs.PathError, which name
// temporary files the user never asked about.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
