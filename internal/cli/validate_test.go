package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/durablefn/durablefn/internal/testutil"
)

func TestValidateGoldenSpecs(t *testing.T) {
	var args []string
	for _, c := range testutil.GoldenCases(t) {
		args = append(args, c.Spec())
	}
	r := cli(t, append([]string{"validate"}, args...)...).want(t, 0)
	for _, a := range args {
		if !strings.Contains(r.stdout, a+": valid") {
			t.Errorf("stdout does not say %s is valid:\n%s", a, r.stdout)
		}
	}
	// Goldens may warn (fan-out hands out ${Worker.Name} on purpose), never
	// fail.
	for _, line := range strings.Split(strings.TrimSpace(r.stderr), "\n") {
		if line != "" && !strings.Contains(line, ": warning: ") {
			t.Errorf("stderr: %s", line)
		}
	}
}

// TestValidateErrorCorpus: every spec of testdata/errors fails with exactly
// the diagnostics of its .err golden, one a line on stderr.
func TestValidateErrorCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(testutil.Root(), "testdata", "errors", "*.yaml"))
	if len(files) == 0 {
		t.Fatal("no error corpus")
	}
	for _, path := range files {
		base := filepath.Base(path)
		t.Run(strings.TrimSuffix(base, ".yaml"), func(t *testing.T) {
			r := cli(t, "validate", path).want(t, 1)
			var want []string
			for _, l := range strings.Split(strings.TrimSuffix(readFile(t, strings.TrimSuffix(path, ".yaml")+".err"), "\n"), "\n") {
				want = append(want, path+strings.TrimPrefix(l, base))
			}
			if got := strings.TrimSuffix(r.stderr, "\n"); got != strings.Join(want, "\n") {
				t.Errorf("stderr:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
			}
			if r.stdout != "" {
				t.Errorf("stdout: %s", r.stdout)
			}
		})
	}
}

func TestValidateWarnings(t *testing.T) {
	path := filepath.Join(testutil.Root(), "testdata", "warnings", "explicit-name.yaml")
	r := cli(t, "validate", path).want(t, 0)
	if !strings.Contains(r.stderr, path+":3:19: warning: functions.F.functionName:") {
		t.Errorf("stderr: %s", r.stderr)
	}
	if r.stdout != path+": valid (1 warning)\n" {
		t.Errorf("stdout: %q", r.stdout)
	}
}

// TestValidateManyFiles: every file is checked, and one bad file fails
// the run.
func TestValidateManyFiles(t *testing.T) {
	dir := t.TempDir()
	good := writeSpec(t, dir, "good.yaml", validSpec)
	bad := writeSpec(t, dir, "bad.yaml", invalidSpec)
	missing := filepath.Join(dir, "missing.yaml")
	r := cli(t, "validate", good, bad, missing).want(t, 2) // an unreadable file wins over errors
	r.oneLineErrors(t)
	if r.stdout != good+": valid\n" {
		t.Errorf("stdout: %q", r.stdout)
	}
	for _, want := range []string{bad + ":3:14: ", bad + ":7:25: ", "durablefn: cannot read spec " + missing + ": no such file or directory"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	cli(t, "validate", good, good).want(t, 0)
}

func TestValidateJSON(t *testing.T) {
	dir := t.TempDir()
	good := writeSpec(t, dir, "good.yaml", validSpec)
	bad := writeSpec(t, dir, "bad.yaml", invalidSpec)

	r := cli(t, "validate", "--format", "json", good).want(t, 0)
	if strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("a valid spec: %s", r.stdout)
	}

	r = cli(t, "validate", "--format", "json", good, bad).want(t, 1)
	if r.stderr != "" {
		t.Errorf("stderr in JSON mode: %s", r.stderr)
	}
	var diags []struct {
		Severity string
		Code     string
		Pos      struct {
			File         string
			Line, Column int
		}
		Path, Message, Fix string
	}
	if err := json.Unmarshal([]byte(r.stdout), &diags); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	if len(diags) != 2 {
		t.Fatalf("got %d diagnostics, want 2: %s", len(diags), r.stdout)
	}
	d := diags[0]
	if d.Severity != "error" || d.Code != "DF102" || d.Pos.File != bad || d.Pos.Line != 3 || d.Pos.Column != 14 || d.Path != "functions.Worker.runtime" || d.Message == "" {
		t.Errorf("first diagnostic: %+v", d)
	}
	if diags[1].Code != "DF103" || diags[1].Path != "functions.Worker.durable.executionTimeout" {
		t.Errorf("second diagnostic: %+v", diags[1])
	}
}

func TestValidateUsage(t *testing.T) {
	cli(t, "validate").want(t, 2).oneLineErrors(t)
	r := cli(t, "validate", "--format", "xml", orderSaga()).want(t, 2)
	if !strings.Contains(r.stderr, `unknown format "xml": use text or json`) {
		t.Errorf("stderr: %s", r.stderr)
	}
}

// TestValidateControlCharacters: a spec's control characters reach the
// terminal escaped in text, and exact in JSON (data for a program).
func TestValidateControlCharacters(t *testing.T) {
	dir := t.TempDir()
	spec := writeSpec(t, dir, "ctl.yaml", validSpec+
		"    environment: {\"\\e[2JKEY\": x}\n    tags: {\"rtl\\u202Ekey\": x}\n")
	r := cli(t, "validate", spec).want(t, 1)
	for _, raw := range []string{"\x1b", "\u202e"} {
		if strings.Contains(r.stderr, raw) {
			t.Errorf("stderr carries %q raw:\n%s", raw, r.stderr)
		}
	}
	for _, want := range []string{`environment.\x1b[2JKEY: `, `tags.rtl\u202ekey: `} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr does not show %s:\n%s", want, r.stderr)
		}
	}
	r = cli(t, "validate", "--format", "json", spec).want(t, 1)
	var diags []struct{ Path string }
	if err := json.Unmarshal([]byte(r.stdout), &diags); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	var paths []string
	for _, d := range diags {
		paths = append(paths, d.Path)
	}
	if got := strings.Join(paths, "|"); !strings.Contains(got, "environment.\x1b[2JKEY") || !strings.Contains(got, "tags.rtl\u202ekey") {
		t.Errorf("JSON paths are not the exact keys: %q", got)
	}
}
