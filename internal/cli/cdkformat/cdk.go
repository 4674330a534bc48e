// Package cdkformat is the cdk format of durablefn-cdk: the spec's model
// synthesized through the Go CDK construct (durable.NewSpecStack), printed
// as the other formats are. It is the one format that needs Node (jsii runs
// aws-cdk-lib in it): the project's Node 22, found by nodeenv. Linking it
// costs every command of a binary ~15 ms and ~14 MiB of package
// initialisation, so only cmd/durablefn-cdk imports it.
package cdkformat

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/durablefn/durablefn/constructs/durable"
	"github.com/durablefn/durablefn/constructs/nodeenv"
	"github.com/durablefn/durablefn/internal/render"
	"github.com/durablefn/durablefn/model"
)

// Render synthesizes a model through the Go CDK construct and formats the
// template as YAML, or JSON when asked.
func Render(m *model.App, asJSON bool) (out []byte, err error) {
	nodeenv.Setup(m.Spec.Dir)
	// Stop Node and let jsii remove what it wrote to the temporary
	// directory (without it every run leaves a jsii-runtime.* directory).
	// Deferred first, so it runs after the recovery below.
	defer jsii.Close()
	defer func() {
		// jsii reports a failure (no Node, a CDK error) by panicking.
		if r := recover(); r != nil {
			err = fmt.Errorf("synthesizing with the CDK (is Node 22 set up? run scripts/setup-node.sh): %v", r)
		}
	}()
	outdir, err := os.MkdirTemp("", "durablefn-cdk-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(outdir)
	app := awscdk.NewApp(&awscdk.AppProps{
		Outdir:             jsii.String(outdir),
		AnalyticsReporting: jsii.Bool(false),
		// aws-cdk-lib's built-in CloudFormation validation (AppProps,
		// "Default: true") starts a validation engine inside synth: ~70% of
		// the time and ~300 MiB of Node at 50 functions. durablefn's
		// templates are checked by cfn-lint in its tests, and a user's own
		// `cdk synth` of the construct still validates.
		BuiltinCloudFormationValidation: jsii.Bool(false),
		// Assets are referenced, not copied into the temporary assembly.
		Context: &map[string]interface{}{"aws:cdk:disable-asset-staging": true},
	})
	stack, _ := durable.NewSpecStack(app, jsii.String("DurableFunctions"), m, nil)
	tmpl := app.Synth(nil).GetStackArtifact(stack.ArtifactId()).Template()
	j, err := json.Marshal(tmpl)
	if err != nil {
		return nil, fmt.Errorf("encoding the CDK template: %w", err)
	}
	format := render.YAML
	if asJSON {
		format = render.JSON
	}
	return render.FormatJSONTemplate(j, format)
}
