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
)

// Exit codes of `durablefn lint`.
const (
	// ExitClean: no finding at or above --fail-on.
	ExitClean = 0
	// ExitFindings: at least one finding at or above --fail-on.
	ExitFindings = 1
	// ExitUsage: a usage error, an invalid configuration, or a template
	// that could not be read.
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

	limit := cfg.MaxBytes
	if limit <= 0 {
		limit = MaxTemplateBytes
	}
	res := &Result{}
	for _, p := range paths {
		files, err := expand(p)
		if err != nil {
			res.Errors.Add(diag.Diagnostic{Severity: diag.Error, Code: CodeUnreadable, Pos: diag.Pos{File: p}, Message: err.Error()})
			continue
		}
		for _, f := range files {
			var data []byte
			if f == "-" {
				data, err = io.ReadAll(io.LimitReader(opts.Stdin, int64(limit)+1))
			} else {
				data, err = readFile(f, limit)
			}
			var rep *Report
			if err == nil {
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
		err = WriteText(stdout, res)
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
	case len(res.Errors) > 0:
		return ExitUsage
	case res.Count(failOn) > 0:
		return ExitFindings
	}
	return ExitClean
}

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

// readFile reads at most limit+1 bytes, so that an oversized file is
// reported by its size without being read whole.
func readFile(name string, limit int) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("cannot read the template: %w", unwrapPath(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("cannot read the template: %w", unwrapPath(err))
	}
	if st.Size() > int64(limit) {
		return nil, tooLarge(name, int(min(st.Size(), 1<<40)), limit)
	}
	data, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read the template: %w", unwrapPath(err))
	}
	return data, nil
}

// unwrapPath drops the path an *fs.PathError repeats: positions already
// name the file.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
