package lint

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/internal/safeio"
)

// Exit codes of `durablefn lint`.
const (
	// ExitClean: no finding at or above --fail-on.
	ExitClean = 0
	// ExitFindings: at least one finding at or above --fail-on, or a
	// template that was read but is not one (DL000: not YAML or JSON,
	// empty, too deep, anchors, duplicate keys).
	ExitFindings = 1
	// ExitUsage: a usage error, an invalid configuration, or a file that
	// could not be read at all (missing, not a regular file, over the
	// safeio.MaxBytes cap).
	ExitUsage = 2
)

// Options are the flags of `durablefn lint`.
type Options struct {
	// Format is text, json or sarif. Default: text.
	Format string
	// FailOn is the lowest severity that fails the run: error, warning or
	// info. Default: error.
	FailOn string
	// Config is the configuration file. Default: ConfigFileName in the
	// working directory, when it exists.
	Config string
	// Stdin is read for the template "-". Default: os.Stdin.
	Stdin io.Reader
	// Fix rewrites each template in place with the fixes of the
	// mechanical mistakes (docs/lint-rules.md, "--fix"), then reports
	// what is left.
	Fix bool
	// DryRun, with Fix, writes nothing: the unified diff of every
	// template goes to stdout.
	DryRun bool
	// WriteFile replaces a file atomically: the CLI passes its safe
	// writer (temporary file, sync, rename; symbolic links refused).
	// Required with Fix unless DryRun.
	WriteFile func(path string, data []byte) error
}

// Run is `durablefn lint`: it lints every template (a file, "-" for
// standard input, or a directory, whose *.template.json files are read as
// a CDK cloud assembly), writes the findings to stdout in the chosen
// format, a summary to stderr (text format), and returns the exit code.
func Run(opts Options, paths []string, stdout, stderr io.Writer) int {
	usage := func(format string, args ...any) int {
		fmt.Fprintf(stderr, "durablefn lint: "+format+"\n", args...)
		return ExitUsage
	}
	if opts.Format == "" {
		opts.Format = FormatText
	}
	if !slices.Contains(Formats(), opts.Format) {
		return usage("unknown --format %q: use %s", opts.Format, strings.Join(Formats(), ", "))
	}
	if opts.FailOn == "" {
		opts.FailOn = "error"
	}
	failOn, err := diag.ParseSeverity(opts.FailOn)
	if err != nil {
		return usage("--fail-on: %v", err)
	}
	if len(paths) == 0 {
		return usage("no template given: durablefn lint [--format text|json|sarif] [--fail-on error|warning|info] [--config FILE] TEMPLATE...")
	}
	cfg, err := loadRunConfig(opts.Config)
	if err != nil {
		var l diag.List
		if errors.As(err, &l) {
			for _, d := range l {
				fmt.Fprintln(stderr, FormatFinding(d))
			}
			return ExitUsage
		}
		return usage("%v", err)
	}
	if opts.Stdin == nil {
		opts.Stdin = os.Stdin
	}
	if opts.DryRun && !opts.Fix {
		return usage("--dry-run goes with --fix")
	}
	if opts.DryRun && opts.Format != FormatText {
		return usage("--dry-run prints a diff on standard output: it goes with --format text, not %s", opts.Format)
	}
	if opts.Fix && !opts.DryRun && opts.WriteFile == nil {
		return usage("--fix cannot write here: no file writer")
	}
	if opts.Fix && slices.Contains(paths, "-") {
		return usage("--fix rewrites files in place: name the template instead of standard input")
	}

	limit := cfg.MaxBytes
	if limit <= 0 {
		limit = MaxTemplateBytes
	}
	res := &Result{}
	unread := 0 // files not read at all: exit 2
	for _, p := range paths {
		files, err := expand(p)
		if err != nil {
			res.Errors.Add(diag.Diagnostic{Severity: diag.Error, Code: CodeUnreadable, Pos: diag.Pos{File: p}, Message: err.Error()})
			unread++
			continue
		}
		for _, f := range files {
			var data []byte
			if f == "-" {
				data, err = readStdin(opts.Stdin, limit)
			} else {
				data, err = readFile(f, limit)
			}
			if err != nil && !errors.Is(err, errOverLimit) {
				unread++
			}
			var rep *Report
			switch {
			case err == nil && opts.Fix:
				var we *writeError
				rep, err = fixFile(opts, f, data, cfg, stdout, stderr)
				if errors.As(err, &we) {
					fmt.Fprintln(stderr, "durablefn lint: "+we.Error())
					unread++
					continue
				}
			case err == nil:
				rep, err = Check(f, data, cfg)
			}
			if err != nil {
				var l diag.List
				if errors.As(err, &l) {
					res.Errors = append(res.Errors, l...)
				} else {
					res.Errors.Add(diag.Diagnostic{Severity: diag.Error, Code: CodeUnreadable, Pos: diag.Pos{File: f}, Message: err.Error()})
				}
				continue
			}
			res.Reports = append(res.Reports, rep)
		}
	}

	switch opts.Format {
	case FormatJSON:
		err = WriteJSON(stdout, res)
	case FormatSARIF:
		err = WriteSARIF(stdout, res)
	default:
		if !opts.DryRun { // the diff is the output
			err = WriteText(stdout, res)
		}
		if err == nil {
			for _, d := range res.Errors {
				fmt.Fprintln(stderr, FormatFinding(d))
			}
			fmt.Fprintln(stderr, "durablefn lint: "+Summary(res))
		}
	}
	if err != nil {
		return usage("writing the result: %v", err)
	}
	switch {
	case unread > 0:
		return ExitUsage
	case len(res.Errors) > 0, res.Count(failOn) > 0:
		return ExitFindings
	}
	return ExitClean
}

// fixFile is --fix on one file: the fixes written (or, with --dry-run,
// their diff printed), and the report of the fixed template.
func fixFile(opts Options, f string, data []byte, cfg Config, stdout, stderr io.Writer) (*Report, error) {
	fr, err := Fix(f, data, cfg)
	if err != nil {
		return nil, err
	}
	if len(fr.Applied) == 0 {
		return fr.Report, nil
	}
	if opts.DryRun {
		fmt.Fprint(stdout, unifiedDiff(f, data, fr.Fixed))
		fmt.Fprintf(stderr, "durablefn lint: %s: would fix %s\n", f, plural(len(fr.Applied), "finding"))
		return fr.Report, nil
	}
	if st, err := os.Lstat(f); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		return nil, &writeError{fmt.Errorf("--fix does not follow the symbolic link %s to replace another file: name the real file", f)}
	}
	if err := opts.WriteFile(f, fr.Fixed); err != nil {
		return nil, &writeError{fmt.Errorf("writing the fixes of %s: %w", f, err)}
	}
	fmt.Fprintf(stderr, "durablefn lint: %s: fixed %s\n", f, plural(len(fr.Applied), "finding"))
	return fr.Report, nil
}

// writeError is a template whose fixes could not be written: exit code 2,
// as for a file that cannot be read.
type writeError struct{ error }

func (e *writeError) Unwrap() error { return e.error }

// loadRunConfig reads the --config file, or ConfigFileName from the
// working directory when it exists.
func loadRunConfig(path string) (Config, error) {
	if path != "" {
		return LoadConfig(path)
	}
	if _, err := os.Stat(ConfigFileName); err == nil {
		return LoadConfig(ConfigFileName)
	}
	return Config{}, nil
}

// expand turns an argument into the files to lint: "-" and files as they
// are, a directory into its *.template.json files (a CDK cloud assembly,
// nested stage assemblies included).
func expand(p string) ([]string, error) {
	if p == "-" {
		return []string{p}, nil
	}
	st, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("cannot read the template: %w", unwrapPath(err))
	}
	if !st.IsDir() {
		return []string{p}, nil
	}
	var out []string
	err = filepath.WalkDir(p, func(f string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".template.json") {
			out = append(out, f)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the directory: %w", unwrapPath(err))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("the directory holds no *.template.json (a CDK cloud assembly): name the template files instead")
	}
	sort.Strings(out)
	return out, nil
}

// errOverLimit marks a template over the --config limit (MaxBytes) but
// under the safeio.MaxBytes cap: read, and a template CloudFormation
// refuses (exit 1), not a file that could not be read (exit 2).
var errOverLimit = errors.New("over the template limit")

// readFile reads a regular file through safeio (a FIFO or a device is
// refused before it is opened; at most safeio.MaxBytes), reporting a file
// over limit by its size.
func readFile(name string, limit int) ([]byte, error) {
	data, err := safeio.ReadFile(name)
	var se *safeio.SizeError
	switch {
	case errors.As(err, &se):
		return nil, tooLarge(name, int(min(se.Size, 1<<40)), min(limit, safeio.MaxBytes))
	case err != nil:
		return nil, fmt.Errorf("cannot read the template: %w", unwrapPath(err))
	case len(data) > limit:
		return nil, overLimit{tooLarge(name, len(data), limit)}
	}
	return data, nil
}

// readStdin reads standard input through safeio.ReadAll.
func readStdin(r io.Reader, limit int) ([]byte, error) {
	data, err := safeio.ReadAll(r)
	var se *safeio.SizeError
	switch {
	case errors.As(err, &se):
		return nil, tooLarge("-", int(se.Size), min(limit, safeio.MaxBytes))
	case err != nil:
		return nil, fmt.Errorf("cannot read standard input: %w", err)
	case len(data) > limit:
		return nil, overLimit{tooLarge("-", len(data), limit)}
	}
	return data, nil
}

// overLimit is the diagnostic of a template over the --config limit.
type overLimit struct{ error }

func (o overLimit) Unwrap() []error { return []error{o.error, errOverLimit} }

// unwrapPath drops the path an *fs.PathError repeats: positions already
// name the file.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
