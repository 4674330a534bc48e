package spec

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/durablefn/durablefn/facts"
)

// code checks a function's code and, for local code, records the digest of
// its content.
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
		digest, err := c.digest(full)
		if err != nil {
			c.errorf(CodeCode, path, "build the code first, or point code at an existing directory or zip file",
				"code %s cannot be read: %v", fn.Code.Path, unwrapPathError(err))
			return
		}
		fn.Code.Digest = digest
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

// digest hashes a code path once per load, however many functions share
// it.
func (c *checker) digest(full string) (string, error) {
	if c.digests == nil {
		c.digests = map[string]digestResult{}
	}
	if r, ok := c.digests[full]; ok {
		return r.digest, r.err
	}
	d, err := checkedDigest(full)
	c.digests[full] = digestResult{d, err}
	return d, err
}

type digestResult struct {
	digest string
	err    error
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
