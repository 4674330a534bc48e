package spec

import "github.com/durablefn/durablefn/internal/safeio"

// checkedDigest is digestPath for a code path that must be a directory or
// a regular file: a FIFO, a device or a socket is refused at once, before
// it is opened (reading a FIFO would block forever, a device never end).
func checkedDigest(root string) (string, error) {
	if err := safeio.CheckRegularOrDir(root); err != nil {
		return "", err
	}
	return digestPath(root)
}
