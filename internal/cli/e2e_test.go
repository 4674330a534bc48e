package cli

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBinary builds the command once and checks what a shell sees: exit
// codes, the version set by -ldflags, and where output goes.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "durablefn")
	build := exec.Command(goBin, "build", "-o", bin, "-ldflags", "-X github.com/durablefn/durablefn/internal/cli.version=1.2.3-test", "github.com/durablefn/durablefn/cmd/durablefn")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	specPath := writeSpec(t, dir, "durable.yaml", validSpec)
	badPath := writeSpec(t, dir, "bad.yaml", invalidSpec)
	out := filepath.Join(dir, "template.yaml")

	for _, c := range []struct {
		args     []string
		code     int
		stdout   string // a substring; "" for none expected
		stderr   string
		noStdout bool
		noStderr bool
	}{
		{args: []string{"--version"}, stdout: "durablefn 1.2.3-test\n", noStderr: true},
		{args: []string{"synth", "--format", "sam", specPath}, stdout: "Transform: AWS::Serverless-2016-10-31", noStderr: true},
		{args: []string{"synth", "--format", "cfn", "-o", out, specPath}, noStdout: true, noStderr: true},
		{args: []string{"synth", "--format", "cfn", "-o", out, "--check", specPath}, noStdout: true, stderr: "is up to date"},
		{args: []string{"synth", "--format", "sam", "-o", out, "--check", specPath}, code: 1, noStdout: true, stderr: "is stale"},
		{args: []string{"synth", "--format", "cfn", badPath}, code: 1, noStdout: true, stderr: "bad.yaml:3:14: functions.Worker.runtime"},
		{args: []string{"synth", "--format", "yaml", specPath}, code: 2, noStdout: true, stderr: "unknown format"},
		{args: []string{"validate", specPath}, stdout: "valid", noStderr: true},
		{args: []string{"validate", badPath}, code: 1, noStdout: true, stderr: "400d is over the 366-day maximum"},
		{args: []string{"validate"}, code: 2, noStdout: true},
		{args: []string{"policy", "observer", "--function-arn", fnArn}, stdout: `"lambda:ListDurableExecutionsByFunction"`, noStderr: true},
		{args: []string{"policy", "observer", "--function-arn", fnArn + ":live"}, code: 1, noStdout: true, stderr: "is qualified"},
		{args: []string{"policy", "root"}, code: 2, noStdout: true},
		{args: []string{"schema"}, stdout: `"$schema"`, noStderr: true},
		{args: []string{"frobnicate"}, code: 2, noStdout: true, stderr: "unknown command"},
		{args: []string{}, code: 2, noStdout: true, stderr: "a command is required"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			cmd := exec.Command(bin, c.args...)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			code := 0
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				code = exit.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != c.code {
				t.Errorf("exit %d, want %d\nstderr: %s", code, c.code, stderr.String())
			}
			if !strings.Contains(stdout.String(), c.stdout) || (c.noStdout && stdout.Len() > 0) {
				t.Errorf("stdout %q, want %q", stdout.String(), c.stdout)
			}
			if !strings.Contains(stderr.String(), c.stderr) || (c.noStderr && stderr.Len() > 0) {
				t.Errorf("stderr %q, want %q", stderr.String(), c.stderr)
			}
		})
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("the template was not written: %v", err)
	}
}
