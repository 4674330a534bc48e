package cli

import (
	"github.com/spf13/cobra"

	"github.com/durablefn/durablefn/spec"
)

func newSchemaCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the spec file, for editors",
		Long: `Print the JSON Schema (draft 2020-12) of the spec file on stdout. Point your
editor's YAML language server at it for completion, descriptions and checks
as you type; durablefn validate remains the judge (the schema cannot see
references between functions, local code paths or ARN shapes).`,
		Example: `  durablefn schema > durable.schema.json
  # then, first line of durable.yaml:
  # yaml-language-server: $schema=./durable.schema.json`,
		Args: exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := cmd.OutOrStdout().Write(spec.Schema())
			return err
		},
	}
}
