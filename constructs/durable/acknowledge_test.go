package durable_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"

	"github.com/durablefn/durablefn/constructs/durable"
)

// TestSynthIsQuiet checks the construct's acknowledgements: no info from
// the L2 that turning durability on replaces a function, and no warning
// W3011 from CDK's built-in CloudFormation validation for the version kept
// without UpdateReplacePolicy.
func TestSynthIsQuiet(t *testing.T) {
	// GIVEN
	app, stack, out := lintApp(t, nil)

	// WHEN
	durable.NewFunction(stack, jsii.String("Orders"), props())
	failure := synth(app)

	// THEN
	if failure != "" {
		t.Fatalf("synth failed:\n%s", failure)
	}
	annotations := assertions.Annotations_FromStack(stack)
	annotations.HasNoInfo(jsii.String("*"), assertions.Match_AnyValue())
	annotations.HasNoWarning(jsii.String("*"), assertions.Match_AnyValue())
	if got := violations(t, out, "CloudFormation Validate"); len(got) > 0 {
		t.Errorf("CloudFormation validation reported %v", got)
	}
}
