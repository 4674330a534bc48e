package lint_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/internal/safeio"
	"github.com/durablefn/durablefn/lint"
)

// hostileTemplates are built to make a YAML parser allocate without bound,
// or are not text: each is refused with a position before a parser runs.
var hostileTemplates = map[string]struct {
	data string
	pos  string // file:line:col of the one error
	msg  string
}{
	"flow nested 100,000 levels": {"Resources:\n  A: " + strings.Repeat("[", 100000) + "\n", "t.yaml:2:104:", "the template is nested more than 100 levels deep"},
	"JSON nested 100,000 levels": {`{"Resources": ` + strings.Repeat(`{"a": `, 100000), "t.yaml:1:", "nested more than 100 levels deep"},
	"NUL byte":                   {"Resources:\n  A:\n    Type: x\x00\n", "t.yaml:3:12:", "a NUL byte"},
	"invalid UTF-8":              {"Resources:\n  A:\n    Type: caf\xe9\n", "t.yaml:3:14:", "invalid UTF-8"},
}

func TestHostileTemplates(t *testing.T) {
	for name, c := range hostileTemplates {
		t.Run(name, func(t *testing.T) {
			_, err := lint.Template("t.yaml", []byte(c.data), lint.Config{MaxBytes: safeio.MaxBytes})
			if err == nil || !strings.HasPrefix(err.Error(), c.pos) || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("err = %v, want %s ... %s", err, c.pos, c.msg)
			}
		})
	}
}

// BenchmarkHostileTemplates measures the memory a hostile template costs.
// Before the pre-scan, 10,000 levels of flow (20 KB) allocated 162 MB in
// the goccy/go-yaml re-parse (its memory grows with the square of the
// depth); now each is refused after one pass over the bytes.
func BenchmarkHostileTemplates(b *testing.B) {
	for name, c := range hostileTemplates {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.data)))
			for b.Loop() {
				lint.Template("t.yaml", []byte(c.data), lint.Config{MaxBytes: safeio.MaxBytes})
			}
		})
	}
}

// TestRunRefusesSpecialFiles: a FIFO, named or found in a linted
// directory, is refused at once (exit 2) rather than read forever.
func TestRunRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "stack.template.json")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs:", err)
	}
	for _, arg := range []string{fifo, dir} {
		done := make(chan runResult, 1)
		go func() { done <- runLint(t, lint.Options{}, arg) }()
		select {
		case r := <-done:
			if r.code != 2 || !strings.Contains(r.stderr, "a named pipe (FIFO), not a regular file") {
				t.Errorf("%s: exit %d, stderr:\n%s", arg, r.code, r.stderr)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: lint blocks on a FIFO", arg)
		}
	}
}

// TestRunStdinCap: standard input is read up to the safeio cap, then
// refused by its size (exit 2).
func TestRunStdinCap(t *testing.T) {
	big := bytes.Repeat([]byte("# x\n"), safeio.MaxBytes/4+1)
	r := runLint(t, lint.Options{Stdin: bytes.NewReader(big)}, "-")
	if r.code != 2 || !strings.Contains(r.stderr, "over the 1.0 MB CloudFormation accepts") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	// Over the template limit but under the cap: read, and a template
	// CloudFormation refuses (exit 1).
	r = runLint(t, lint.Options{Stdin: bytes.NewReader(big[:2<<20])}, "-")
	if r.code != 1 || !strings.Contains(r.stderr, "-: error DL000") {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
}

// TestFormatFindingEscapesControls: a template's control characters reach
// the terminal escaped in the text format.
func TestFormatFindingEscapesControls(t *testing.T) {
	d := diag.Diagnostic{Severity: diag.Error, Code: "DL402", Pos: diag.Pos{File: "t.yaml", Line: 1, Column: 1},
		Path: "Resources.F\x1b[2J", Message: "bad \u202eaction", Fix: "write \x00x"}
	got := lint.FormatFinding(d)
	want := "t.yaml:1:1: error DL402 misspelled-action: Resources.F\\x1b[2J: bad \\u202eaction\n    fix: write \\x00x"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
