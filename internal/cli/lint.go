package cli

import (
	"github.com/spf13/cobra"

	"github.com/durablefn/durablefn/lint"
)

func init() { extraCommands = append(extraCommands, newLintCmd) }

// newLintCmd is `durablefn lint`: flags and exit codes only; reading the
// templates, the rules and the output formats live in package lint
// (lint.Run).
func newLintCmd() *cobra.Command {
	opts := lint.Options{}
	cmd := &cobra.Command{
		Use:   "lint [--format text|json|sarif] [--fail-on error|warning|info] [--config FILE] [--fix [--dry-run]] TEMPLATE...",
		Short: "Check CloudFormation, SAM and CDK templates for durable-function mistakes",
		Long: `Check existing templates for the mistakes that break Lambda durable functions:
event sources and permissions on the unqualified function or $LATEST, no
published version or alias, a role without the durable managed policy,
misspelled durable actions, grants on the wrong ARN, and DurableConfig values
CloudFormation rejects. Every rule is documented in docs/lint-rules.md.

TEMPLATE is a CloudFormation or SAM template (YAML or JSON), "-" for standard
input, or a directory, read as a CDK cloud assembly (its *.template.json).

Findings are suppressed, always with a reason, in a resource's Metadata
(durablefn: {ignore: [{id: DL104, reason: ...}]}) or in .durablefn-lint.yaml
(ignore: [{id, reason, resources}]), read from the working directory unless
--config names another file.

--fix rewrites each template in place (atomically; comments, key order and
untouched lines kept) for the mechanical mistakes: versions retained, sources,
permissions and targets pointed at the one alias, execution grants scoped to
ARN:*, durable invoke grants given ARN:*, misspelled actions corrected, the
basic execution role replaced by the durable managed policy, AutoPublishAlias
added where SAM events exist. Then it reports what is left. --dry-run prints
the unified diff instead of writing.

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it
or a file that is not a template, 2 a usage error, an invalid configuration
or a file that cannot be read (missing, not a regular file, over 5 MB).`,
		Example: `  durablefn lint template.yaml
  durablefn lint --fail-on warning .aws-sam/build/template.yaml
  durablefn lint --format sarif cdk.out > durablefn.sarif
  durablefn lint --fix --dry-run template.yaml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Stdin = cmd.InOrStdin()
			opts.WriteFile = writeFileAtomic
			switch lint.Run(opts, args, cmd.OutOrStdout(), cmd.ErrOrStderr()) {
			case lint.ExitClean:
				return nil
			case lint.ExitFindings:
				return errFailed // the findings are printed
			}
			return &exitError{code: exitUsage} // the problem is printed
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Format, "format", lint.FormatText, "output format: text, json or sarif")
	f.StringVar(&opts.FailOn, "fail-on", "error", "lowest severity that fails the run (exit code 1): error, warning or info")
	f.StringVar(&opts.Config, "config", "", "lint configuration file (default ./"+lint.ConfigFileName+" when present)")
	f.BoolVar(&opts.Fix, "fix", false, "rewrite each template in place with the fixes of the mechanical mistakes, then report what is left")
	f.BoolVar(&opts.DryRun, "dry-run", false, "with --fix: print the unified diff instead of writing")
	return cmd
}
