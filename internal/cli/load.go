package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/internal/safeio"
	"github.com/durablefn/durablefn/model"
	"github.com/durablefn/durablefn/spec"
)

// stdinName is the spec argument that reads standard input.
const stdinName = "-"

// loadSpec loads and validates a spec ("-" reads standard input), printing
// its warnings to stderr. On invalid input it prints every diagnostic and
// returns an error that exits 1; a spec that cannot be read is one line
// and exits 2.
func loadSpec(path string, stdin io.Reader, stderr io.Writer) (*spec.File, error) {
	f, diags, err := readSpec(path, stdin)
	if err != nil {
		return nil, ioError(readError(path, err))
	}
	if diags.HasErrors() {
		// The model's checks too (names, references), as far as the spec
		// decoded: one run reports every problem.
		_, diags, err = model.Check(f, diags)
		printDiagnostics(stderr, diags)
		return nil, specErrors(path, err)
	}
	printDiagnostics(stderr, diags)
	return f, nil
}

// specErrors is the error of a spec with problems (exit 1), or nil when
// err is not a list of diagnostics.
func specErrors(path string, err error) error {
	var list diag.List
	if !errors.As(err, &list) {
		return nil
	}
	n := list.Count(diag.Error)
	return failf("%s has %d error%s", path, n, plural(n))
}

// buildModel builds the model of a loaded spec, printing its diagnostics
// (collisions, references, limits) to stderr. synth lints the template it
// renders afterwards (lintOutput).
func buildModel(f *spec.File, path string, stderr io.Writer) (*model.App, error) {
	app, diags, err := model.Check(f, nil)
	return reported(app, diags, err, path, stderr)
}

// lintOutput runs durablefn's own linter on the template synth is about to
// write: a template the linter refuses is not written.
func lintOutput(app *model.App, out []byte, path string, stderr io.Writer) error {
	_, diags, err := withOwnLint(app, nil, out)
	_, err = reported(app, diags, err, path, stderr)
	return err
}

// reported prints diagnostics and turns their errors into the exit error.
func reported(app *model.App, diags diag.List, err error, path string, stderr io.Writer) (*model.App, error) {
	printDiagnostics(stderr, diags)
	if err != nil {
		if invalid := specErrors(path, err); invalid != nil {
			return nil, invalid
		}
		return nil, err
	}
	return app, nil
}

// readSpec reads a spec file, or for "-" standard input (through safeio:
// at most safeio.MaxBytes), whose relative code paths resolve against the
// working directory, and decodes it (spec.Decode). The error is for input
// that cannot be read; a spec's problems are in the diagnostics, with the
// File as far as it decoded.
func readSpec(path string, stdin io.Reader) (*spec.File, diag.List, error) {
	if path != stdinName {
		return spec.Read(path)
	}
	data, err := safeio.ReadAll(stdin)
	if err != nil {
		return nil, nil, err
	}
	f, diags := spec.Decode(path, ".", data)
	return f, diags, nil
}

// readError says that a spec cannot be read, naming it once.
func readError(path string, err error) error {
	if path == stdinName {
		return fmt.Errorf("cannot read the spec from standard input: %v", unwrapPath(err))
	}
	return fmt.Errorf("cannot read spec %s: %v", path, unwrapPath(err))
}

// printDiagnostics writes one diagnostic a line:
// "file:line:col: path: message (fix)".
func printDiagnostics(w io.Writer, diags diag.List) {
	for _, d := range diags {
		fmt.Fprintln(w, d.Error())
	}
}
