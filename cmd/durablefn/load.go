package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/model"
	"github.com/durablefn/durablefn/spec"
)

// loadSpec loads and validates a spec, printing its warnings to stderr.
// On invalid input it prints every diagnostic and returns an error that
// exits 1; an unreadable file is one line.
func loadSpec(path string, stderr io.Writer) (*spec.File, error) {
	f, diags, err := spec.Load(path)
	printDiagnostics(stderr, diags)
	if err != nil {
		var list diag.List
		if errors.As(err, &list) {
			n := list.Count(diag.Error)
			return nil, failf("%s has %d error%s", path, n, plural(n))
		}
		return nil, &exitError{code: exitFail, err: readError(path, err)}
	}
	return f, nil
}

// buildModel builds the model of a loaded spec, printing its diagnostics
// (collisions, references, limits) to stderr.
func buildModel(f *spec.File, path string, stderr io.Writer) (*model.App, error) {
	app, diags, err := model.Build(f, nil)
	printDiagnostics(stderr, diags)
	if err != nil {
		var list diag.List
		if errors.As(err, &list) {
			n := list.Count(diag.Error)
			return nil, failf("%s has %d error%s", path, n, plural(n))
		}
		return nil, err
	}
	return app, nil
}

// readError says that a spec cannot be read, naming it once.
func readError(path string, err error) error {
	return fmt.Errorf("cannot read spec %s: %v", path, unwrapPath(err))
}

// printDiagnostics writes one diagnostic a line:
// "file:line:col: path: message (fix)".
func printDiagnostics(w io.Writer, diags diag.List) {
	for _, d := range diags {
		fmt.Fprintln(w, d.Error())
	}
}
