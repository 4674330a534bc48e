package main

import (
	"os"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"

	"github.com/durablefn/durablefn/constructs/nodeenv"
	"github.com/durablefn/durablefn/internal/templatecmp"
)

func TestMain(m *testing.M) {
	nodeenv.Setup()
	code := m.Run()
	// Stop Node and let jsii remove its temporary directory.
	jsii.Close()
	os.Exit(code)
}

// synth builds one function one way and returns its template.
func synth(t *testing.T, build func(awscdk.Stack, int)) templatecmp.Template {
	t.Helper()
	// Path metadata, for templatecmp.CDKLogicalIDs.
	app := awscdk.NewApp(&awscdk.AppProps{AnalyticsReporting: jsii.Bool(false),
		Context: &map[string]interface{}{"aws:cdk:enable-path-metadata": true}})
	stack := awscdk.NewStack(app, jsii.String("Bench"), nil)
	build(stack, 0)
	tpl, err := templatecmp.FromValue(*assertions.Template_FromStack(stack, nil).ToJSON())
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}

// TestHandWiredIsTheConstructsTemplate keeps the comparison fair: byHand
// writes the template the construct writes (logical IDs aside), and
// byHandDefaults does not.
func TestHandWiredIsTheConstructsTemplate(t *testing.T) {
	// GIVEN
	opts := templatecmp.Options{Rules: templatecmp.CDKRules(templatecmp.CDKOptions{}), WantName: "construct", GotName: "hand-wired"}

	// WHEN
	construct, hand, defaults := synth(t, withConstruct), synth(t, byHand), synth(t, byHandDefaults)

	// THEN
	templatecmp.AssertEquivalent(t, construct, hand, opts)
	opts.GotName = "defaults"
	if diff := templatecmp.Diff(construct, defaults, opts); len(diff) != 3 {
		t.Errorf("want the 3 deletion policies the construct leaves out, got %d differences:\n%v", len(diff), diff)
	}
}
