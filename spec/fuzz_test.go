package spec_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/internal/testutil"
	"github.com/durablefn/durablefn/spec"
)

// FuzzParse loads and validates arbitrary specs: Parse must never panic;
// an error is a diag.List of errors, each with a code, a message and a
// line in the named file; a valid spec comes with a File. Seeds: every
// spec of testdata (errors, warnings, goldens), and a spec with local code.
// Crashers found are kept in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"errors/*.yaml", "warnings/*.yaml", "golden/*/durable.yaml"} {
		m, err := filepath.Glob(filepath.Join("..", "testdata", pattern))
		if err != nil {
			f.Fatal(err)
		}
		for _, p := range m {
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add([]byte("functions:\n  F:\n    runtime: nodejs24.x\n    handler: index.handler\n    code: ./src\n    durable: {executionTimeout: 1h}\n"))
	// Local code resolves in a directory of its own, with one small tree.
	dir := f.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "src", ".hidden"), 0o755); err != nil {
		f.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "src", "index.mjs"), []byte("export const handler = 1;"), 0o644); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if testutil.ReachesOut(data) {
			return
		}
		file, ds, err := spec.Parse("fuzz.yaml", dir, data)
		if err == nil {
			if file == nil {
				t.Fatal("no error and no file")
			}
			checkPlaced(t, ds, false)
			return
		}
		if file != nil {
			t.Fatal("a file with an error")
		}
		var l diag.List
		if !errors.As(err, &l) || len(l) == 0 || !l.HasErrors() {
			t.Fatalf("error is not a diag.List of errors: %#v", err)
		}
		checkPlaced(t, l, true)
	})
}

// checkPlaced: every diagnostic has a code, a message and a line of the
// file.
func checkPlaced(t *testing.T, ds diag.List, wantErrors bool) {
	t.Helper()
	for _, d := range ds {
		if d.Code == "" || d.Message == "" || d.Pos.File != "fuzz.yaml" || d.Pos.Line < 1 {
			t.Fatalf("diagnostic without code, message or position: %#v", d)
		}
		if !wantErrors && d.Severity == diag.Error {
			t.Fatalf("an error without an error returned: %v", d)
		}
	}
}
