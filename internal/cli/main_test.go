package cli

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/durablefn/durablefn/internal/testutil"
)

// TestMain gives the command the cdk format as durablefn has it, and
// removes the durablefn-cdk the tests may have built.
func TestMain(m *testing.M) {
	RegisterCDKHelper()
	code := m.Run()
	removeCDKHelper()
	os.Exit(code)
}

// result is what one run of the command printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

// cli runs the command line in-process.
func cli(t *testing.T, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(""), &stdout, &stderr)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// want fails the test when the exit code is not the expected one.
func (r result) want(t *testing.T, code int) result {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
	return r
}

// oneLineErrors checks that every line of stderr is a complete message.
func (r result) oneLineErrors(t *testing.T) {
	t.Helper()
	for _, l := range strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n") {
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "\t") || strings.HasPrefix(l, " ") {
			t.Errorf("stderr has a continuation or blank line %q:\n%s", l, r.stderr)
		}
	}
}

// orderSaga is the order-saga spec of the golden corpus.
func orderSaga() string {
	return filepath.Join(testutil.Root(), "testdata", "golden", "order-saga", "durable.yaml")
}

// writeSpec writes a spec into dir and returns its path.
func writeSpec(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// validSpec is a small spec that needs no local files.
const validSpec = `functions:
  Worker:
    runtime: nodejs24.x
    handler: index.handler
    code: s3://my-bucket/worker.zip
    durable:
      executionTimeout: 1h
`

// invalidSpec has two errors.
const invalidSpec = `functions:
  Worker:
    runtime: ruby3.3
    handler: index.handler
    code: s3://my-bucket/worker.zip
    durable:
      executionTimeout: 400d
`

func TestVersion(t *testing.T) {
	r := cli(t, "--version").want(t, 0)
	if r.stdout != "durablefn dev\n" {
		t.Errorf("--version printed %q", r.stdout)
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{
		{"--help"}, {"-h"}, {"help"},
		{"synth", "--help"}, {"validate", "--help"}, {"policy", "--help"}, {"schema", "--help"},
		{"help", "synth"}, {"help", "policy"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := cli(t, args...).want(t, 0)
			if !strings.Contains(r.stdout, "Usage:") {
				t.Errorf("no usage in:\n%s", r.stdout)
			}
			if r.stderr != "" {
				t.Errorf("stderr: %s", r.stderr)
			}
		})
	}
	r := cli(t, "--help")
	for _, sub := range []string{"synth", "validate", "policy", "schema"} {
		if !strings.Contains(r.stdout, "\n  "+sub+" ") {
			t.Errorf("--help does not list %s:\n%s", sub, r.stdout)
		}
	}
	synth := cli(t, "synth", "--help").stdout
	for _, f := range formatNames() {
		if !strings.Contains(synth, "\n  "+f+" ") {
			t.Errorf("synth --help does not list format %s", f)
		}
	}
	policy := cli(t, "policy", "--help").stdout
	for _, role := range policyRoles() {
		if !strings.Contains(policy, "\n  "+role+" ") {
			t.Errorf("policy --help does not describe %s", role)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"bogus"},
		{"synt"},
		{"--bogus"},
		{"synth", "--bogus", "--format", "cfn", orderSaga()},
		{"validate", "--bogus", orderSaga()},
		{"policy", "observer", "--bogus"},
		{"schema", "--bogus"},
		{"schema", "extra"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := cli(t, args...).want(t, 2)
			if r.stdout != "" {
				t.Errorf("stdout on a usage error: %s", r.stdout)
			}
			if !strings.Contains(r.stderr, "durablefn: ") || !strings.Contains(r.stderr, "--help") {
				t.Errorf("stderr does not say what is wrong and where to look:\n%s", r.stderr)
			}
		})
	}
	if r := cli(t, "synt"); !strings.Contains(r.stderr, "; did you mean ") || !strings.Contains(r.stderr, "synth?") {
		t.Errorf("no suggestion: %s", r.stderr)
	}
	if r := cli(t); !strings.Contains(r.stderr, "Available Commands") {
		t.Errorf("no usage without a command: %s", r.stderr)
	}
}

// TestExtraCommands: a command registered through extraCommands (as lint
// does) is added to the root, and its errors map to exit codes.
func TestExtraCommands(t *testing.T) {
	saved := extraCommands
	t.Cleanup(func() { extraCommands = saved })
	extraCommands = append(extraCommands, func() *cobra.Command {
		return &cobra.Command{
			Use:   "fake MODE",
			Short: "A command of another file",
			Args:  exactArgs(1, "one mode"),
			RunE: func(cmd *cobra.Command, args []string) error {
				switch args[0] {
				case "ok":
					_, err := cmd.OutOrStdout().Write([]byte("fine\n"))
					return err
				case "plain":
					return errors.New("something is wrong")
				case "usage":
					return usageErrorf("bad mode")
				case "silent":
					return errFailed
				}
				panic("boom")
			},
		}
	})
	if r := cli(t, "fake", "ok").want(t, 0); r.stdout != "fine\n" {
		t.Errorf("stdout %q", r.stdout)
	}
	if r := cli(t, "fake", "plain").want(t, 1); r.stderr != "durablefn: something is wrong\n" {
		t.Errorf("stderr %q", r.stderr)
	}
	cli(t, "fake", "usage").want(t, 2)
	cli(t, "fake").want(t, 2)
	if r := cli(t, "fake", "silent").want(t, 1); r.stderr != "" {
		t.Errorf("stderr %q", r.stderr)
	}
	if r := cli(t, "fake", "panic").want(t, 1); !strings.Contains(r.stderr, "internal error: boom") {
		t.Errorf("a panic is not reported: %q", r.stderr)
	}
	if r := cli(t, "--help"); !strings.Contains(r.stdout, "fake") {
		t.Errorf("--help does not list the extra command")
	}
}
