package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/durablefn/durablefn/model"
)

// RegisterCDKHelper gives the command the cdk format as durablefn has it:
// durablefn is built without aws-cdk-go, whose package initialisation (jsii
// type registration, which Go runs before main and cannot defer) costs
// every command ~15 ms and ~14 MiB, 40–55% of a synth or validate of a
// small spec (docs/performance.md). The cdk format runs in durablefn-cdk
// (cmd/durablefn-cdk: this command with the CDK):
//
//	go install github.com/durablefn/durablefn/cmd/durablefn-cdk@latest
//	go build -o bin/durablefn-cdk ./cmd/durablefn-cdk
//
// `durablefn synth --format cdk ...` runs `durablefn-cdk synth --format cdk
// ...` with the same flags, standard input and output, and exits with its
// exit code: everything (reading, validating, warnings, -o, --check) is
// done once, there.
func RegisterCDKHelper() {
	registerFormat("cdk", renderer{
		summary:  "the template the Go CDK construct synthesizes (needs Node 22; runs durablefn-cdk)",
		external: runCDKHelper,
	})
}

// RenderCDK renders a model as the template the Go CDK construct
// synthesizes, as YAML or JSON.
type RenderCDK func(app *model.App, json bool) ([]byte, error)

// RegisterCDK gives the command the cdk format rendered in this process
// (durablefn-cdk).
func RegisterCDK(render RenderCDK) {
	registerFormat("cdk", renderer{
		summary: "the template the Go CDK construct synthesizes (needs Node 22)",
		render: func(app *model.App, o renderOptions) ([]byte, error) {
			return render(app, o.JSON)
		},
	})
}

// cdkHelperEnv names the durablefn-cdk binary; without it, durablefn-cdk
// is looked for beside the running executable, then on PATH.
const cdkHelperEnv = "DURABLEFN_CDK"

// inCDKHelperEnv is set for the helper, so that a durablefn-cdk that is
// in fact durablefn fails instead of running itself again.
const inCDKHelperEnv = "DURABLEFN_IN_CDK_HELPER"

const cdkHelperName = "durablefn-cdk"

func runCDKHelper(cmd *cobra.Command, o synthOptions, specPath string) error {
	if os.Getenv(inCDKHelperEnv) != "" {
		return failf("the cdk format: %s runs durablefn again instead of the CDK: build it from ./cmd/durablefn-cdk (go install github.com/durablefn/durablefn/cmd/durablefn-cdk)", cdkHelperName)
	}
	helper, err := findCDKHelper()
	if err != nil {
		return failf("the cdk format: %v", err)
	}
	args := []string{"synth", "--format", "cdk"}
	if o.json {
		args = append(args, "--json")
	}
	if o.output != "" {
		args = append(args, "-o", o.output)
	}
	if o.check {
		args = append(args, "--check")
	}
	args = append(args, "--", specPath)
	c := exec.Command(helper, args...)
	c.Stdin, c.Stdout, c.Stderr = cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr()
	c.Env = append(os.Environ(), inCDKHelperEnv+"=1")
	err = c.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &exit) && exit.ExitCode() > 0:
		// The helper has printed what went wrong.
		return &exitError{code: exit.ExitCode()}
	default:
		return failf("the cdk format: running %s: %v", helper, err)
	}
}

// findCDKHelper returns $DURABLEFN_CDK, else durablefn-cdk beside the
// running executable (as given, then with symbolic links resolved), else on
// PATH.
func findCDKHelper() (string, error) {
	if p := os.Getenv(cdkHelperEnv); p != "" {
		return p, nil
	}
	var beside []string
	if exe, err := os.Executable(); err == nil {
		beside = append(beside, filepath.Join(filepath.Dir(exe), cdkHelperName))
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			beside = append(beside, filepath.Join(filepath.Dir(real), cdkHelperName))
		}
	}
	for _, p := range beside {
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			return p, nil
		}
	}
	if p, err := exec.LookPath(cdkHelperName); err == nil {
		return p, nil
	}
	where := "on PATH"
	if len(beside) > 0 {
		where = fmt.Sprintf("beside %s nor on PATH", beside[0][:len(beside[0])-len(cdkHelperName)-1])
	}
	return "", fmt.Errorf("it runs in %s, found neither in $%s, %s: install it beside durablefn with go install github.com/durablefn/durablefn/cmd/durablefn-cdk@VERSION, or build it from a checkout with go build -o DIR/%s ./cmd/durablefn-cdk (README.md, Go CDK)",
		cdkHelperName, cdkHelperEnv, where, cdkHelperName)
}
