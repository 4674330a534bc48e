// Package cli is the durablefn command line (cmd/durablefn and
// cmd/durablefn-cdk are its two binaries): synth, validate, policy, lint and
// schema, with their flags, files and exit codes.
//
// Exit codes, the same in every command: 0 success; 1 the spec or the
// template has problems (a spec with errors, lint findings, a file that is
// not a template, a stale --check, a malformed ARN); 2 a usage error (an
// unknown command, flag, format or role, a missing argument), or input
// that cannot be read or an output that cannot be written (a missing
// file, a FIFO, a file over the 5 MB cap, -o naming the spec or a
// symbolic link). No Go stack trace reaches the user: a panic is reported
// as one line, exit 1. See docs/security.md.
//
// The command holds no rules of its own: spec validates, model resolves,
// cfngen and samgen render, policies writes the IAM statements.
package cli

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// version is the release when set at build time:
//
//	go build -ldflags "-X github.com/durablefn/durablefn/internal/cli.version=1.2.3" ./cmd/durablefn
//
// Unset, --version reads the build information (see versionFrom).
var version = ""

// versionString is --version's: the -ldflags version, else the one the
// build information holds.
func versionString() string {
	if version != "" {
		return version
	}
	bi, _ := debug.ReadBuildInfo()
	return versionFrom(bi)
}

// versionFrom is the module version of a binary built by `go install
// module@version`; else, for a build from a checkout, "dev-" and the first
// 12 hex digits of the VCS revision, with "-dirty" when the tree had
// changes; else "dev".
func versionFrom(bi *debug.BuildInfo) string {
	if bi == nil {
		return "dev"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	v := "dev-" + rev[:min(12, len(rev))]
	if dirty {
		v += "-dirty"
	}
	return v
}

// extraCommands are subcommands defined in other files of this package,
// each registering its constructor from an init function:
//
//	func init() { extraCommands = append(extraCommands, newLintCmd) }
//
// A constructor is called once per run, so flags never leak between runs.
// Its RunE reports failure by returning an error: a plain error prints on
// one line and exits 1; usageErrorf exits 2; errFailed exits 1 without a
// message, for a command that has already printed its diagnostics.
var extraCommands []func() *cobra.Command

// Exit codes.
const (
	exitOK    = 0
	exitFail  = 1 // invalid input, or a stale --check
	exitUsage = 2 // a command line that cannot be run
)

// Run runs a command line (without the program name) and returns the exit
// code. Output goes to stdout, messages and diagnostics to stderr.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return run(args, stdin, stdout, stderr)
}

// run runs the command line args (without the program name) and returns
// the exit code. Output goes to stdout, messages and diagnostics to stderr.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "durablefn: internal error: %v (please report it)\n", r)
			code = exitFail
		}
	}()
	root := newRootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	if len(args) == 0 {
		// Without a command: the usage on stderr, and a usage error.
		root.SetOut(stderr)
		_ = root.Usage()
		fmt.Fprintln(stderr, "durablefn: a command is required (see durablefn --help)")
		return exitUsage
	}
	cmd, err := root.ExecuteC()
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if !errors.As(err, &ee) {
		// Cobra's own errors (an unknown command or flag, a wrong number
		// of arguments, a missing required flag) are usage errors: our
		// commands' errors are all exitErrors (see wrapRunE).
		ee = &exitError{code: exitUsage, err: err}
	}
	if ee.err != nil {
		msg := oneLine(err.Error())
		if ee.code == exitUsage && !ee.io && cmd != nil {
			msg += fmt.Sprintf(" (see %s --help)", cmd.CommandPath())
		}
		fmt.Fprintf(stderr, "durablefn: %s\n", msg)
	}
	return ee.code
}

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "durablefn",
		Short: "Deploy AWS Lambda durable functions from one spec file",
		Long: `durablefn renders a spec of Lambda durable functions (durable.yaml) as
CloudFormation or SAM, with the published version, the alias, the durable
configuration and the IAM grants scoped to durable executions.

Exit codes: 0 success, 1 the spec or template has problems (or a stale
--check), 2 a usage error, or a file that cannot be read or written.`,
		Version:       versionString(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetVersionTemplate("durablefn {{.Version}}\n")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return &exitError{code: exitUsage, err: err}
	})
	root.AddCommand(newSynthCmd(), newValidateCmd(), newPolicyCmd(), newSchemaCmd())
	for _, c := range extraCommands {
		root.AddCommand(c())
	}
	for _, c := range root.Commands() {
		c.DisableFlagsInUseLine = true
	}
	wrapRunE(root)
	return root
}

// wrapRunE makes every error a command returns an exitError (exit 1 unless
// the command chose otherwise), so that the errors left unwrapped when
// ExecuteC returns are cobra's usage errors.
func wrapRunE(c *cobra.Command) {
	if inner := c.RunE; inner != nil {
		c.RunE = func(cmd *cobra.Command, args []string) error {
			err := inner(cmd, args)
			var ee *exitError
			if err != nil && !errors.As(err, &ee) {
				return &exitError{code: exitFail, err: err}
			}
			return err
		}
	}
	for _, sub := range c.Commands() {
		wrapRunE(sub)
	}
}

// exitError ends a run with an exit code and, when err is not nil, one
// line on stderr.
type exitError struct {
	code int
	err  error
	// io marks exit 2 for input that cannot be read or an output that
	// cannot be written: no pointer to --help.
	io bool
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageErrorf is a command line that cannot be run: exit 2.
func usageErrorf(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// ioError is input that cannot be read or an output that cannot be
// written: exit 2.
func ioError(err error) error {
	return &exitError{code: exitUsage, err: err, io: true}
}

// failf is invalid input: exit 1.
func failf(format string, args ...any) error {
	return &exitError{code: exitFail, err: fmt.Errorf(format, args...)}
}

// errFailed exits 1 without a message: the command has already printed
// what is wrong (diagnostics, a stale file).
var errFailed = &exitError{code: exitFail}

// oneLine folds a message onto one line (cobra's suggestions span several).
func oneLine(s string) string {
	const didYouMean = "\n\nDid you mean this?\n"
	if i := strings.Index(s, didYouMean); i >= 0 {
		s = s[:i] + "; did you mean " + strings.Join(strings.Fields(s[i+len(didYouMean):]), " or ") + "?"
	}
	return strings.Join(strings.Fields(s), " ")
}

// exactArgs is cobra.ExactArgs with a message in the user's terms.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usageErrorf("%s takes %s, got %d argument%s", cmd.Name(), what, len(args), plural(len(args)))
		}
		return nil
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
