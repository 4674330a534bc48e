package cli

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/durablefn/durablefn/diag"
)

// validateFormats are the output formats of validate.
var validateFormats = []string{"text", "json"}

func newValidateCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "validate [--format text|json] SPEC...",
		Short: "Check spec files and report every problem",
		Long: `Load and validate spec files, reporting every problem of every file at once.

Text (the default) prints one diagnostic a line on stderr,
  file:line:col: path: message (fix)
and "FILE: valid" on stdout for each valid file. --format json prints one
JSON array of every diagnostic on stdout instead, each with severity, code,
pos {file, line, column}, path, message and fix; an unreadable file is
reported on stderr.

SPEC "-" reads the spec from standard input; its relative code paths are
resolved against the current directory.

Warnings do not fail. Exit codes: 0 every file is valid, 1 a file has
errors, 2 a file cannot be read (missing, not a regular file, over 5 MB)
or a usage error.`,
		Example: `  durablefn validate durable.yaml
  durablefn validate --format json services/*/durable.yaml
  generate-spec | durablefn validate -`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErrorf("validate takes at least one spec file")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return validate(cmd, format, args)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output `FORMAT`: "+strings.Join(validateFormats, " or "))
	_ = cmd.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return validateFormats, cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

func validate(cmd *cobra.Command, format string, paths []string) error {
	if format != "text" && format != "json" {
		return usageErrorf("unknown format %q: use text or json", format)
	}
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	all := diag.List{}
	failed, unread := false, false
	for _, p := range paths {
		f, diags, err := readSpec(p, cmd.InOrStdin())
		if err == nil {
			// The model's own checks (references, collisions, limits) and
			// the linter's on the template it would write.
			_, diags, err = resolve(f, diags)
		}
		if err != nil && diags == nil {
			// Not a spec problem: the file cannot be read.
			fmt.Fprintf(stderr, "durablefn: %v\n", readError(p, err))
			unread = true
			continue
		}
		if err != nil {
			failed = true
		}
		all = append(all, diags...)
		if format == "text" {
			printDiagnostics(stderr, diags)
			if err == nil {
				fmt.Fprintf(stdout, "%s: valid%s\n", p, warningCount(diags))
			}
		}
	}
	if format == "json" {
		b, err := json.MarshalIndent(all, "", "  ")
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s\n", b)
	}
	switch {
	case unread:
		return &exitError{code: exitUsage} // printed above
	case failed:
		return errFailed
	}
	return nil
}

func warningCount(diags diag.List) string {
	n := len(diags.Warnings())
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" (%d warning%s)", n, plural(n))
}
