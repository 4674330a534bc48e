//go:build durablefn_cdk

package main

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

// The cdk format synthesizes the spec through the Go CDK construct
// (durable.NewSpecStack) and prints the template CDK writes, formatted as
// the other formats are. It is the one format that needs Node (jsii runs
// aws-cdk-lib in it): the project's Node 22, found by nodeenv.
//
// This file is only in the durablefn-cdk binary, built with -tags
// durablefn_cdk: linking aws-cdk-go costs every run of a command ~15 ms
// and ~14 MiB in package initialisation (jsii type registration, which Go
// runs before main and cannot defer), so durablefn is built without it and
// runs durablefn-cdk for this format (cdkexec.go).
func init() {
	registerFormat("cdk", renderer{
		summary: "the template the Go CDK construct synthesizes (needs Node 22)",
		render:  renderCDK,
	})
}

func renderCDK(m *model.App, o renderOptions) (out []byte, err error) {
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
	if o.JSON {
		format = render.JSON
	}
	return render.FormatJSONTemplate(j, format)
}
