package model_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/durablefn/durablefn/internal/testutil"
	"github.com/durablefn/durablefn/model"
)

// TestErrorCorpus loads every spec of testdata/errors: each must be
// rejected, and its diagnostics must read exactly as its .err golden.
func TestErrorCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(testutil.Root(), "testdata", "errors", "*.yaml"))
	if len(files) < 25 {
		t.Fatalf("the error corpus has %d cases, want at least 25", len(files))
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(strings.TrimSuffix(name, ".yaml"), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, diags, err := model.Parse(name, filepath.Dir(path), data)
			if err == nil || f != nil {
				t.Fatalf("spec was accepted; want an error")
			}
			if len(diags) == 0 {
				t.Fatalf("error without diagnostics: %v", err)
			}
			for _, d := range diags {
				if d.Pos.Line == 0 || d.Code == "" || d.Message == "" {
					t.Errorf("diagnostic without a place or code: %#v", d)
				}
			}
			testutil.AssertGolden(t, strings.TrimSuffix(path, ".yaml")+".err", []byte(err.Error()+"\n"))
		})
	}
}

// TestWarningCorpus loads every spec of testdata/warnings: each is valid
// and warns as its .warn golden says.
func TestWarningCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(testutil.Root(), "testdata", "warnings", "*.yaml"))
	if len(files) == 0 {
		t.Fatal("no warning cases")
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(strings.TrimSuffix(name, ".yaml"), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, diags, err := model.Parse(name, filepath.Dir(path), data)
			if err != nil || f == nil {
				t.Fatalf("spec rejected: %v", err)
			}
			if len(diags.Warnings()) == 0 {
				t.Fatal("no warning")
			}
			testutil.AssertGolden(t, strings.TrimSuffix(path, ".yaml")+".warn", []byte(diags.Error()+"\n"))
		})
	}
}
