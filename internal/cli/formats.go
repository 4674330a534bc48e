package cli

import (
	"fmt"
	"sort"

	"github.com/spf13/cobra"

	"github.com/durablefn/durablefn/cfngen"
	"github.com/durablefn/durablefn/model"
	"github.com/durablefn/durablefn/samgen"
)

// renderer is one output format of synth.
type renderer struct {
	// summary is one line for synth --help.
	summary string
	// render renders a validated spec. It must not change f, and must not
	// write files: synth writes the bytes it returns.
	render func(app *model.App, opts renderOptions) ([]byte, error)
	// external, when set instead of render, runs the whole synth command
	// for this format (in another process: see cdkexec.go); the spec is
	// neither read nor validated here.
	external func(cmd *cobra.Command, o synthOptions, specPath string) error
	// template reports whether the output is a CloudFormation template,
	// which synth checks against the size `aws cloudformation deploy`
	// passes without a bucket.
	template bool
}

// renderOptions are synth's flags as a renderer sees them.
type renderOptions struct {
	// JSON asks for JSON instead of YAML (--json).
	JSON bool
	// Output is the file the result goes to (-o), "" for stdout. Relative
	// local code paths in f are already relative to its directory.
	Output string
}

// formats holds synth's output formats by their --format name. cfn and sam
// are here; another file of this package registers its own from an init
// function:
//
//	// cdk.go
//	func init() {
//		registerFormat("cdk", renderer{summary: "...", render: renderCDK})
//	}
var formats = map[string]renderer{
	"cfn": {
		summary: "a plain CloudFormation template",
		render: func(app *model.App, o renderOptions) ([]byte, error) {
			return cfngen.Render(app, templateFormat(o))
		},
		template: true,
	},
	"sam": {
		summary: "a SAM template (Transform: AWS::Serverless-2016-10-31)",
		render: func(app *model.App, o renderOptions) ([]byte, error) {
			return samgen.Render(app, templateFormat(o))
		},
		template: true,
	},
}

func templateFormat(o renderOptions) cfngen.Format {
	if o.JSON {
		return cfngen.JSON
	}
	return cfngen.YAML
}

// registerFormat adds a synth output format; it panics when the name is
// taken, as two registrations are a programming error.
func registerFormat(name string, r renderer) {
	if _, taken := formats[name]; taken {
		panic(fmt.Sprintf("durablefn: format %q registered twice", name))
	}
	if (r.render == nil) == (r.external == nil) {
		panic(fmt.Sprintf("durablefn: format %q needs one of a render function and an external command", name))
	}
	formats[name] = r
}

// formatNames lists the registered formats in order.
func formatNames() []string {
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
