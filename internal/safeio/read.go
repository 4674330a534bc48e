package safeio

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// MaxBytes is the largest spec or template read, from a file or a stream:
// 5 MB. CloudFormation accepts templates of at most 1 MB (from S3), so the
// cap leaves room for specs and generated templates while bounding the
// memory one read can take.
const MaxBytes = 5 << 20

// ErrTooLarge is returned (wrapped in a *SizeError) for input over MaxBytes.
var ErrTooLarge = errors.New("over the size limit")

// ErrNotRegular is returned for a path that names something other than a
// regular file: a directory, a FIFO, a device, a socket.
var ErrNotRegular = errors.New("not a regular file")

// SizeError is input over the limit. Size is the size known when it was
// refused: the file's size, or Limit+1 for a stream.
type SizeError struct {
	Size, Limit int64
}

func (e *SizeError) Error() string {
	return fmt.Sprintf("%s, over the %s limit", Size(e.Size), Size(e.Limit))
}

func (e *SizeError) Is(target error) bool { return target == ErrTooLarge }

// Size writes a byte count the way people read it.
func Size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// ReadFile reads a regular file of at most MaxBytes. What is not a regular
// file is refused before it is opened (an error wrapping ErrNotRegular
// that names what it is); the file is opened non-blocking, so that a FIFO
// swapped in meanwhile cannot hang the read, and checked again once open.
// Symbolic links are followed. Errors are *fs.PathError for the path.
func ReadFile(path string) ([]byte, error) {
	return readFile(path, MaxBytes)
}

func readFile(path string, limit int64) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := regular(path, info); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err = f.Stat()
	if err != nil {
		return nil, err
	}
	if err := regular(path, info); err != nil {
		return nil, err
	}
	if info.Size() > limit {
		return nil, &fs.PathError{Op: "read", Path: path, Err: &SizeError{Size: info.Size(), Limit: limit}}
	}
	data, err := readAll(f, limit)
	if err != nil {
		var se *SizeError
		if errors.As(err, &se) {
			return nil, &fs.PathError{Op: "read", Path: path, Err: se}
		}
		return nil, &fs.PathError{Op: "read", Path: path, Err: err}
	}
	return data, nil
}

// regular refuses what is not a regular file, saying what it is.
func regular(path string, info fs.FileInfo) error {
	m := info.Mode()
	if m.IsRegular() {
		return nil
	}
	what := "not a regular file"
	switch {
	case m.IsDir():
		what = "a directory, not a regular file"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO), not a regular file"
	case m&fs.ModeSocket != 0:
		what = "a socket, not a regular file"
	case m&fs.ModeDevice != 0:
		what = "a device, not a regular file"
	}
	return &fs.PathError{Op: "read", Path: path, Err: &kindError{what: what}}
}

type kindError struct{ what string }

func (e *kindError) Error() string        { return e.what }
func (e *kindError) Is(target error) bool { return target == ErrNotRegular }

// ReadAll reads a stream (standard input) of at most MaxBytes: it reads at
// most MaxBytes+1 bytes, and returns a *SizeError when there are more.
func ReadAll(r io.Reader) ([]byte, error) {
	return readAll(r, MaxBytes)
}

func readAll(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &SizeError{Size: limit + 1, Limit: limit}
	}
	return data, nil
}

// CheckRegularOrDir refuses a path that exists and is not a regular file or a
// directory (a FIFO, a device, a socket), following symbolic links: what
// reads a directory's files calls it before walking.
func CheckRegularOrDir(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if info.IsDir() {
		return nil
	}
	return regular(path, info)
}
