package spec

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/internal/safeio"
)

// code checks a function's code. Local code that exists must be a
// directory or a regular file (cheap checks: a FIFO, a device or a socket
// is refused here, before anything opens it); its digest is left for
// whoever needs it (Code.Digest: the CloudFormation output, to name the
// version), computed once per path per load.
func (c *checker) code(fn *Function, path string) {
	switch fn.Code.Kind {
	case CodeLocal:
		full := fn.Code.Path
		if !filepath.IsAbs(full) {
			full = filepath.Join(c.f.Dir, full)
		}
		if _, err := os.Lstat(full); errors.Is(err, fs.ErrNotExist) {
			// SAM and CDK package the code themselves; only the
			// CloudFormation output needs its digest (to name the version).
			c.warnf(CodeCodeMissing, path, "build the code before `durablefn synth --format cfn` and before packaging",
				"code %s does not exist yet", fn.Code.Path)
			fn.Code.Missing = true
			return
		}
		d := c.codeDigest(full)
		if d.checkErr != nil {
			c.errorf(CodeCode, path, "build the code first, or point code at an existing directory or zip file",
				"code %s cannot be read: %v", fn.Code.Path, unwrapPathError(d.checkErr))
			return
		}
		fn.Code.digest = d
	case CodeInline:
		if strings.TrimSpace(fn.Code.Inline) == "" {
			c.errorf(CodeCode, path+".inline", "", "inline code is empty")
		}
		if len(fn.Code.Inline) > facts.MaxInlineCodeBytes {
			c.errorf(CodeCode, path+".inline", "move the code to a directory", "inline code is %d bytes, over the %d-byte limit of ZipFile", len(fn.Code.Inline), facts.MaxInlineCodeBytes)
		}
	case CodeImage:
		if !strings.Contains(fn.Code.ImageURI, ".dkr.ecr.") {
			c.errorf(CodeCode, path+".image", "write ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO:TAG", "%q is not an ECR image URI", fn.Code.ImageURI)
		}
	}
}

// codeDigest returns the one lazy digest of a code path in this load,
// however many functions share the path, with the path checked.
func (c *checker) codeDigest(full string) *codeDigest {
	if c.digests == nil {
		c.digests = map[string]*codeDigest{}
	}
	if d, ok := c.digests[full]; ok {
		return d
	}
	d := &codeDigest{full: full, checkErr: safeio.CheckRegularOrDir(full)}
	c.digests[full] = d
	return d
}

// codeDigest is the digest of one local code path, computed the first time
// it is asked for.
type codeDigest struct {
	full     string
	checkErr error
	once     sync.Once
	sum      string
	err      error
}

// Digest returns the SHA-256 of local code's content (the files `aws
// cloudformation package` zips, see digestPath). It is computed the first
// time a function of the load asks for it, once for every function that
// names the same path, so that a load that renders no CloudFormation reads
// no code. It is an error for code that is not local, does not exist
// (Missing) or was not validated, and for code the walk refuses (a symlink
// loop, a special file in the directory, over Lambda's size limit).
func (c Code) Digest() (string, error) {
	switch {
	case c.Kind != CodeLocal:
		return "", errors.New("the code is not local")
	case c.Missing:
		return "", fmt.Errorf("code %s does not exist", c.Path)
	case c.digest == nil:
		return "", errors.New("the code was not validated (load the spec with spec.Load or spec.Parse)")
	}
	d := c.digest
	d.once.Do(func() { d.sum, d.err = digestPath(d.full) })
	if d.err != nil {
		return "", unwrapPathError(d.err)
	}
	return d.sum, nil
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
