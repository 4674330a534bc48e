package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"github.com/durablefn/durablefn/spec"
)

type synthOptions struct {
	format string
	json   bool
	output string
	check  bool
}

func newSynthCmd() *cobra.Command {
	var o synthOptions
	var list strings.Builder
	for _, n := range formatNames() {
		fmt.Fprintf(&list, "  %-5s %s\n", n, formats[n].summary)
	}
	cmd := &cobra.Command{
		Use:   "synth --format FORMAT [--json] [-o FILE [--check]] SPEC",
		Short: "Render a spec as a template (" + strings.Join(formatNames(), ", ") + ")",
		Long: `Render a spec as a template. The spec is validated first: its warnings go to
stderr and do not fail; its errors go to stderr and nothing is written.

Formats:
` + list.String() + `
The template goes to stdout, or with -o to FILE, written atomically: a
temporary file in the same directory renamed over FILE, so FILE is either
the old template or the new one, never a part. Relative local code paths
are written relative to FILE's directory, as 'aws cloudformation package'
and 'sam build' resolve them from the template.

With --check nothing is written: the template is rendered and compared with
FILE, and the command fails when FILE is stale (use it in CI).`,
		Example: `  durablefn synth --format cfn durable.yaml
  durablefn synth --format sam -o template.yaml durable.yaml
  durablefn synth --format sam -o template.yaml --check durable.yaml`,
		Args: exactArgs(1, "one spec file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return synth(cmd, o, args[0])
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.format, "format", "", "output `FORMAT`: "+strings.Join(formatNames(), ", ")+" (required)")
	fl.BoolVar(&o.json, "json", false, "write JSON instead of YAML")
	fl.StringVarP(&o.output, "output", "o", "", "write the template to `FILE` (atomically) instead of stdout")
	fl.BoolVar(&o.check, "check", false, "compare the rendered template with the -o FILE and fail when it is stale; write nothing")
	_ = cmd.MarkFlagRequired("format")
	_ = cmd.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return formatNames(), cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

func synth(cmd *cobra.Command, o synthOptions, specPath string) error {
	r, ok := formats[o.format]
	if !ok {
		return usageErrorf("unknown format %q: use one of %s", o.format, strings.Join(formatNames(), ", "))
	}
	if o.check && o.output == "" {
		return usageErrorf("--check needs -o FILE, the template to compare with")
	}
	if o.output != "" {
		if info, err := os.Stat(o.output); err == nil && info.IsDir() {
			return usageErrorf("-o %s is a directory: give a file name", o.output)
		}
	}
	f, err := loadSpec(specPath, cmd.ErrOrStderr())
	if err != nil {
		if o.output != "" && !o.check {
			return failf("%v: nothing written to %s", err, o.output)
		}
		return err
	}
	if o.output != "" {
		if err := rebaseCode(f, filepath.Dir(o.output)); err != nil {
			return failf("%v", err)
		}
	}
	app, err := buildModel(f, specPath, cmd.ErrOrStderr())
	if err != nil {
		return err
	}
	out, err := r.render(app, renderOptions{JSON: o.json, Output: o.output})
	if err != nil {
		return failf("rendering %s as %s: %v", specPath, o.format, err)
	}
	switch {
	case o.output == "":
		_, err := cmd.OutOrStdout().Write(out)
		return err
	case o.check:
		return check(cmd, o, specPath, out)
	default:
		if err := writeFileAtomic(o.output, out); err != nil {
			return failf("%v (nothing written)", err)
		}
		return nil
	}
}

// check compares a rendered template with the file it should be in.
func check(cmd *cobra.Command, o synthOptions, specPath string, out []byte) error {
	regenerate := regenerateCommand(o, specPath)
	old, err := os.ReadFile(o.output)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(cmd.ErrOrStderr(), "durablefn: %s does not exist: generate it with: %s\n", o.output, regenerate)
		return errFailed
	case err != nil:
		return failf("reading %s to check it: %v", o.output, unwrapPath(err))
	case !bytes.Equal(old, out):
		fmt.Fprintf(cmd.ErrOrStderr(), "durablefn: %s is stale: it differs from what %s renders; regenerate it with: %s\n", o.output, specPath, regenerate)
		return errFailed
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "durablefn: %s is up to date\n", o.output)
	return nil
}

// regenerateCommand is the command line that rewrites a stale file.
func regenerateCommand(o synthOptions, specPath string) string {
	parts := []string{"durablefn", "synth", "--format", shellQuote(o.format)}
	if o.json {
		parts = append(parts, "--json")
	}
	parts = append(parts, "-o", shellQuote(o.output), shellQuote(specPath))
	return strings.Join(parts, " ")
}

var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_./:@%+=,-]+$`)

func shellQuote(s string) string {
	if shellSafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// rebaseCode rewrites the relative local code paths of f, written relative
// to the spec, relative to outDir: packaging tools resolve a template's
// local paths from the template's own directory.
func rebaseCode(f *spec.File, outDir string) error {
	specDir, err := filepath.Abs(f.Dir)
	if err != nil {
		return err
	}
	target, err := filepath.Abs(outDir)
	if err != nil {
		return err
	}
	if specDir == target {
		return nil
	}
	for _, fn := range f.Functions {
		if fn.Code.Kind != spec.CodeLocal || filepath.IsAbs(fn.Code.Path) {
			continue
		}
		rel, err := filepath.Rel(target, filepath.Join(specDir, fn.Code.Path))
		if err != nil {
			return fmt.Errorf("writing the code path of %s relative to %s: %w", fn.Name, outDir, err)
		}
		rel = filepath.ToSlash(rel)
		if rel != "." && rel != ".." && !strings.HasPrefix(rel, "../") {
			rel = "./" + rel
		}
		fn.Code.Path = rel
	}
	f.Dir = outDir
	return nil
}
