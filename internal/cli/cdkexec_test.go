package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// cdkHelper is a durablefn-cdk built once for the tests that synthesize
// with the cdk format (TestMain removes it).
var cdkHelper struct {
	once sync.Once
	dir  string
	path string
	err  error
	out  []byte
}

// useCDKHelper builds durablefn-cdk (cmd/durablefn-cdk) once
// and points $DURABLEFN_CDK at it for the test.
func useCDKHelper(t *testing.T) {
	t.Helper()
	h := &cdkHelper
	h.once.Do(func() {
		if h.dir, h.err = os.MkdirTemp("", "durablefn-cdk-test-"); h.err != nil {
			return
		}
		h.path = filepath.Join(h.dir, cdkHelperName)
		h.out, h.err = exec.Command("go", "build", "-o", h.path, "github.com/durablefn/durablefn/cmd/durablefn-cdk").CombinedOutput()
	})
	if h.err != nil {
		t.Fatalf("building %s: %v\n%s", cdkHelperName, h.err, h.out)
	}
	t.Setenv(cdkHelperEnv, h.path)
}

func removeCDKHelper() {
	if cdkHelper.dir != "" {
		os.RemoveAll(cdkHelper.dir)
	}
}

// TestNoCDKLinked: durablefn does not link aws-cdk-go nor jsii, whose
// package initialisation costs every command (docs/performance.md).
func TestNoCDKLinked(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/durablefn/durablefn/cmd/durablefn").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, p := range strings.Fields(string(out)) {
		if strings.HasPrefix(p, "github.com/aws/aws-cdk-go/") || strings.HasPrefix(p, "github.com/aws/jsii-runtime-go") {
			t.Errorf("durablefn links %s; the CDK belongs in durablefn-cdk (cmd/durablefn-cdk)", p)
		}
	}
}

// TestCDKHelperRun: the cdk format runs the helper with synth's flags, its
// standard input and output, and exits with its exit code.
func TestCDKHelperRun(t *testing.T) {
	fake := filepath.Join(t.TempDir(), "fake-cdk")
	script := "#!/bin/sh\necho \"args: $*\"\necho \"env: $" + inCDKHelperEnv + "\"\necho \"stdin: $(cat)\"\necho oops >&2\nexit 3\n"
	if err := os.WriteFile(fake, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv(cdkHelperEnv, fake)
	r := cliIn(t, "functions: {}", "synth", "--format", "cdk", "--json", "-o", "out.yaml", "--check", "-").want(t, 3)
	want := "args: synth --format cdk --json -o out.yaml --check -- -\nenv: 1\nstdin: functions: {}\n"
	if r.stdout != want || r.stderr != "oops\n" {
		t.Errorf("stdout %q, want %q; stderr %q, want %q", r.stdout, want, r.stderr, "oops\n")
	}
}

// TestCDKHelperMissing: without durablefn-cdk, the cdk format says how to
// install it; a durablefn-cdk that is in fact durablefn does not run itself.
func TestCDKHelperMissing(t *testing.T) {
	t.Setenv(cdkHelperEnv, "")
	t.Setenv("PATH", t.TempDir())
	r := cli(t, "synth", "--format", "cdk", orderSaga()).want(t, 1)
	if !strings.Contains(r.stderr, "go install github.com/durablefn/durablefn/cmd/durablefn-cdk@VERSION") ||
		!strings.Contains(r.stderr, "go build -o DIR/durablefn-cdk ./cmd/durablefn-cdk") {
		t.Errorf("stderr %q", r.stderr)
	}
	t.Setenv(inCDKHelperEnv, "1")
	r = cli(t, "synth", "--format", "cdk", orderSaga()).want(t, 1)
	if !strings.Contains(r.stderr, "build it from ./cmd/durablefn-cdk") {
		t.Errorf("stderr %q", r.stderr)
	}
}

// TestCDKFormatLeavesNoTemporaryFiles: synth --format cdk closes the jsii
// runtime (jsii.Close in cdkformat.Render), which stops Node and removes
// the jsii-runtime.* directory jsii unpacks into the temporary directory;
// before, every run left one of 2-3 MB behind.
func TestCDKFormatLeavesNoTemporaryFiles(t *testing.T) {
	useCDKHelper(t)
	spec := writeSpec(t, t.TempDir(), "durable.yaml", validSpec)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	cli(t, "synth", "--format", "cdk", spec).want(t, 0)
	entries, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("synth --format cdk left %s in the temporary directory", e.Name())
	}
}
