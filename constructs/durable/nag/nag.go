// Package nag holds the cdk-nag suppressions that a durable function
// (package durable) needs, with their reasons. It is a package of its own
// so that importing the construct does not bring cdk-nag.
package nag

import (
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/durablefn/durablefn/constructs/durable"
	"github.com/durablefn/durablefn/facts"
)

// Suppressions returns the cdk-nag AwsSolutions suppressions that a
// durable function needs, each with its reason and limited to the findings
// it explains:
//
//   - AwsSolutions-IAM4 for the AWS managed policies the construct attached
//     to the role (none with LeastPrivilege and no tracing, VPC or SQS
//     events): AWSLambdaBasicDurableExecutionRolePolicy is the policy AWS
//     provides for durable functions;
//   - AwsSolutions-IAM5 for "${FunctionArn}:*" (this function's, and each
//     durable invoke target's): a durable execution ARN is the function ARN
//     with a version and an execution ID, so no narrower resource matches.
//
// Call it once the grants are made: the list names the invoke targets
// granted so far. Add it to a principal that received a grant outside the
// function (a user's default policy) with
// cdknag.NagSuppressions_AddResourceSuppressions.
func Suppressions(fn durable.Function) *[]*cdknag.NagPackSuppression {
	var out []*cdknag.NagPackSuppression
	if managed := fn.ManagedPolicyNames(); len(managed) > 0 {
		applies := make([]interface{}, len(managed))
		for i, name := range managed {
			applies[i] = "Policy::" + facts.ManagedPolicyARN("<AWS::Partition>", name)
		}
		out = append(out, &cdknag.NagPackSuppression{
			Id: jsii.String("AwsSolutions-IAM4"),
			Reason: jsii.String("AWS managed policies a Lambda function needs: " + strings.Join(managed, ", ") +
				"; AWSLambdaBasicDurableExecutionRolePolicy is the one AWS provides for durable functions (set LeastPrivilege to do without it)"),
			AppliesTo: &applies,
		})
	}
	stack := awscdk.Stack_Of(fn)
	applies := []interface{}{"Resource::" + nagResource(stack.Resolve(jsii.String(facts.ExecutionsOf(*fn.FunctionArn()))))}
	for _, arn := range fn.DurableInvokeTargets() {
		applies = append(applies, "Resource::"+nagResource(stack.Resolve(jsii.String(facts.ExecutionsOf(*arn)))))
	}
	out = append(out, &cdknag.NagPackSuppression{
		Id: jsii.String("AwsSolutions-IAM5"),
		Reason: jsii.String("durable execution ARNs are the function ARN followed by a version and an execution ID: " +
			"${FunctionArn}:* is the narrowest resource that matches them (lambda durable-execution grants and durable invokes)"),
		AppliesTo: &applies,
	})
	return &out
}

// Suppress adds Suppressions(fn) to fn and everything below it (its
// role, log group, version, alias, and the policies of its grants). Call it
// once the grants are made.
func Suppress(fn durable.Function) {
	cdknag.NagSuppressions_AddResourceSuppressions(fn, Suppressions(fn), jsii.Bool(true))
}

// nagResource writes a resolved resource as cdk-nag names it in findings:
// a Ref as <X>, a GetAtt as <X.Attr>, a Join as the concatenation.
func nagResource(v interface{}) string {
	switch x := v.(type) {
	case string:
		return x
	case *string:
		return *x
	case map[string]interface{}:
		if ref, ok := x["Ref"]; ok {
			return "<" + nagResource(ref) + ">"
		}
		if ga, ok := x["Fn::GetAtt"].([]interface{}); ok && len(ga) == 2 {
			return "<" + nagResource(ga[0]) + "." + nagResource(ga[1]) + ">"
		}
		if j, ok := x["Fn::Join"].([]interface{}); ok && len(j) == 2 {
			parts, _ := j[1].([]interface{})
			s := make([]string, len(parts))
			for i, p := range parts {
				s[i] = nagResource(p)
			}
			return strings.Join(s, nagResource(j[0]))
		}
	}
	return fmt.Sprint(v)
}
