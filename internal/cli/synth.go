package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/internal/safeio"
	"github.com/durablefn/durablefn/spec"
)

type synthOptions struct {
	format string
	json   bool
	output string
	check  bool
}

func newSynthCmd() *cobra.Command {
	var o synthOptions
	var list strings.Builder
	for _, n := range formatNames() {
		fmt.Fprintf(&list, "  %-5s %s\n", n, formats[n].summary)
	}
	cmd := &cobra.Command{
		Use:   "synth --format FORMAT [--json] [-o FILE [--check]] SPEC",
		Short: "Render a spec as a template (" + strings.Join(formatNames(), ", ") + ")",
		Long: `Render a spec as a template. The spec is validated first: its warnings go to
stderr and do not fail; its errors go to stderr and nothing is written.

Formats:
` + list.String() + `
SPEC "-" reads the spec from standard input; its relative code paths are
then resolved against the current directory.

The template goes to stdout, or with -o to FILE, written atomically: a
temporary file in the same directory (.durablefn-FILE-*.tmp) renamed over
FILE, so FILE is either the old template or the new one, never a part.
FILE may not be the spec itself, nor a symbolic link (durablefn does not
follow one to replace another file). Relative local code paths are written
relative to FILE's real directory (symbolic links resolved), as 'aws
cloudformation package' and 'sam build' resolve them from the template.

A template over 51,200 bytes, the most 'aws cloudformation deploy' and 'sam
deploy' pass in a request, is written with a warning: deploy it with
--s3-bucket. Over 1 MB (CloudFormation's limit) it is an error.

With --check nothing is written: the template is rendered and compared with
FILE, and the command fails when FILE is stale (use it in CI).

Exit codes: 0 success, 1 the spec has errors or FILE is stale, 2 a usage
error, a spec that cannot be read or a FILE that cannot be written.`,
		Example: `  durablefn synth --format cfn durable.yaml
  durablefn synth --format sam -o template.yaml durable.yaml
  durablefn synth --format sam -o template.yaml --check durable.yaml
  generate-spec | durablefn synth --format cfn -`,
		Args: exactArgs(1, "one spec file (or - for standard input)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return synth(cmd, o, args[0])
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.format, "format", "", "output `FORMAT`: "+strings.Join(formatNames(), ", ")+" (required)")
	fl.BoolVar(&o.json, "json", false, "write JSON instead of YAML")
	fl.StringVarP(&o.output, "output", "o", "", "write the template to `FILE` (atomically) instead of stdout")
	fl.BoolVar(&o.check, "check", false, "compare the rendered template with the -o FILE and fail when it is stale; write nothing")
	_ = cmd.MarkFlagRequired("format")
	_ = cmd.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return formatNames(), cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

func synth(cmd *cobra.Command, o synthOptions, specPath string) error {
	r, ok := formats[o.format]
	if !ok {
		return usageErrorf("unknown format %q: use one of %s", o.format, strings.Join(formatNames(), ", "))
	}
	if r.external != nil {
		return r.external(cmd, o, specPath)
	}
	if o.check && o.output == "" {
		return usageErrorf("--check needs -o FILE, the template to compare with")
	}
	if o.output != "" {
		if info, err := os.Stat(o.output); err == nil && info.IsDir() {
			return usageErrorf("-o %s is a directory: give a file name", o.output)
		}
		if err := checkNotSpec(o.output, specPath); err != nil {
			return err
		}
		if !o.check {
			if _, err := checkOutput(o.output); err != nil {
				return ioError(fmt.Errorf("%v (nothing written)", err))
			}
			if dir := filepath.Dir(o.output); !isDir(dir) {
				return ioError(fmt.Errorf("-o %s: the directory %s does not exist; create it first (nothing written)", o.output, dir))
			}
		}
	}
	f, err := loadSpec(specPath, cmd.InOrStdin(), cmd.ErrOrStderr())
	if err != nil {
		var ee *exitError
		if o.output != "" && !o.check && errors.As(err, &ee) {
			return &exitError{code: ee.code, err: fmt.Errorf("%v: nothing written to %s", err, o.output), io: ee.io}
		}
		return err
	}
	if o.output != "" {
		if err := rebaseCode(f, filepath.Dir(o.output), cmd.ErrOrStderr()); err != nil {
			return ioError(err)
		}
	}
	app, err := buildModel(f, specPath, cmd.ErrOrStderr())
	if err != nil {
		return err
	}
	out, err := r.render(app, renderOptions{JSON: o.json, Output: o.output})
	if err != nil {
		return failf("rendering %s as %s: %v", specPath, o.format, err)
	}
	if r.template {
		if err := lintOutput(app, out, specPath, cmd.ErrOrStderr()); err != nil {
			if o.output != "" && !o.check {
				return failf("%v: nothing written to %s", err, o.output)
			}
			return err
		}
		warnSize(cmd.ErrOrStderr(), len(out))
	}
	switch {
	case o.output == "":
		_, err := cmd.OutOrStdout().Write(out)
		return err
	case o.check:
		return check(cmd, o, specPath, out)
	default:
		if err := writeFileAtomic(o.output, out); err != nil {
			return ioError(fmt.Errorf("%v (nothing written)", err))
		}
		return nil
	}
}

// warnSize warns when a template is too large for `aws cloudformation
// deploy` (and `sam deploy`) to pass in the request: they then need a bucket
// to upload it to. Over facts.MaxTemplateBytes rendering has already failed.
func warnSize(w io.Writer, n int) {
	if n > facts.MaxDirectTemplateBytes {
		fmt.Fprintf(w, "durablefn: warning: the template is %d bytes, over the %d bytes CloudFormation takes in a request: deploy it with --s3-bucket BUCKET (aws cloudformation deploy, sam deploy), which uploads it first\n",
			n, facts.MaxDirectTemplateBytes)
	}
}

// check compares a rendered template with the file it should be in.
func check(cmd *cobra.Command, o synthOptions, specPath string, out []byte) error {
	regenerate := regenerateCommand(o, specPath)
	old, err := safeio.ReadFile(o.output)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(cmd.ErrOrStderr(), "durablefn: %s does not exist: generate it with: %s\n", o.output, regenerate)
		return errFailed
	case err != nil:
		return ioError(fmt.Errorf("reading %s to check it: %v", o.output, unwrapPath(err)))
	case !bytes.Equal(old, out):
		fmt.Fprintf(cmd.ErrOrStderr(), "durablefn: %s is stale: it differs from what %s renders; regenerate it with: %s\n", o.output, specPath, regenerate)
		return errFailed
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "durablefn: %s is up to date\n", o.output)
	return nil
}

// regenerateCommand is the command line that rewrites a stale file.
func regenerateCommand(o synthOptions, specPath string) string {
	parts := []string{"durablefn", "synth", "--format", shellQuote(o.format)}
	if o.json {
		parts = append(parts, "--json")
	}
	parts = append(parts, "-o", shellQuote(o.output), shellQuote(specPath))
	return strings.Join(parts, " ")
}

var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_./:@%+=,-]+$`)

func shellQuote(s string) string {
	if shellSafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// checkNotSpec refuses an -o that is the spec file itself, however either
// is written (relative, absolute, through a symbolic or a hard link).
func checkNotSpec(output, specPath string) error {
	if specPath == stdinName {
		return nil
	}
	si, err := os.Stat(specPath)
	if err != nil {
		return nil // reported when the spec is loaded
	}
	oi, err := os.Stat(output)
	if err != nil || !os.SameFile(si, oi) {
		return nil
	}
	return ioError(fmt.Errorf("-o %s is the spec %s itself: writing the template would replace the spec; give another file (nothing written)", output, specPath))
}

// rebaseCode rewrites the relative local code paths of f, written relative
// to the spec, relative to outDir: packaging tools resolve a template's
// local paths from the template's own directory. Both directories are
// taken as real paths (symbolic links resolved), so that the path names
// the code from where the template really is. When a tool reading the
// template by the path given (resolving ".." by name, as 'aws
// cloudformation package' does) would reach another directory, the code
// path is written absolute instead, and a note says so.
func rebaseCode(f *spec.File, outDir string, stderr io.Writer) error {
	specDir, err := realDir(f.Dir)
	if err != nil {
		return err
	}
	target, err := realDir(outDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // under --check: the file does not exist either, as check says
	}
	if err != nil {
		return err
	}
	lexicalTarget, err := filepath.Abs(outDir)
	if err != nil {
		return err
	}
	if specDir == target && lexicalTarget == target {
		return nil
	}
	for _, fn := range f.Functions {
		if fn.Code.Kind != spec.CodeLocal || filepath.IsAbs(fn.Code.Path) {
			continue
		}
		code := filepath.Join(specDir, fn.Code.Path)
		realCode, err := filepath.EvalSymlinks(code)
		if err != nil {
			realCode = code
		}
		rel, err := filepath.Rel(target, code)
		if err != nil {
			return fmt.Errorf("writing the code path of %s relative to %s: %w", fn.Name, outDir, err)
		}
		// The same path, resolved by name from the directory as given.
		if byName, err := filepath.EvalSymlinks(filepath.Join(lexicalTarget, rel)); err != nil || byName != realCode {
			fmt.Fprintf(stderr, "durablefn: note: %s is reached through a symbolic link, so the code of %s is written as the absolute path %s\n", outDir, fn.Name, code)
			fn.Code.Path = filepath.ToSlash(code)
			continue
		}
		rel = filepath.ToSlash(rel)
		if rel != "." && rel != ".." && !strings.HasPrefix(rel, "../") {
			rel = "./" + rel
		}
		fn.Code.Path = rel
	}
	f.Dir = outDir
	return nil
}

func isDir(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}

// realDir is the absolute path of dir with its symbolic links resolved.
func realDir(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", fmt.Errorf("resolving %s: %v", dir, unwrapPath(err))
	}
	return real, nil
}
