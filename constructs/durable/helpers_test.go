package durable_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"

	"github.com/durablefn/durablefn/constructs/durable"
)

// newStack returns a stack in a fresh app, env-agnostic like `cdk synth`
// without --profile.
func newStack() awscdk.Stack {
	app := awscdk.NewApp(&awscdk.AppProps{AnalyticsReporting: jsii.Bool(false)})
	return awscdk.NewStack(app, jsii.String("Test"), nil)
}

// props returns the smallest valid props, changed by the given functions.
func props(changes ...func(*durable.FunctionProps)) *durable.FunctionProps {
	p := &durable.FunctionProps{
		Runtime:          awslambda.Runtime_NODEJS_24_X(),
		Handler:          jsii.String("index.handler"),
		Code:             awslambda.Code_FromInline(jsii.String("exports.handler = async () => {}")),
		ExecutionTimeout: awscdk.Duration_Hours(jsii.Number(1)),
	}
	for _, c := range changes {
		c(p)
	}
	return p
}

// resolve returns how a token (an ARN, a name) is written in the template.
func resolve(stack awscdk.Stack, v *string) interface{} {
	return stack.Resolve(v)
}

func obj(m map[string]interface{}) assertions.Matcher { return assertions.Match_ObjectLike(&m) }

func arrayWith(items ...interface{}) assertions.Matcher { return assertions.Match_ArrayWith(&items) }

// hasStatement asserts that some AWS::IAM::Policy attached to roles
// (resolved) holds a statement with exactly these actions and resource.
func hasStatement(t *testing.T, stack awscdk.Stack, roles interface{}, actions []string, resource interface{}) {
	t.Helper()
	var action interface{} = actions
	if len(actions) == 1 {
		action = actions[0]
	}
	assertions.Template_FromStack(stack, nil).HasResourceProperties(jsii.String("AWS::IAM::Policy"), obj(map[string]interface{}{
		"PolicyDocument": obj(map[string]interface{}{
			"Statement": arrayWith(obj(map[string]interface{}{"Action": action, "Effect": "Allow", "Resource": resource})),
		}),
		"Roles": roles,
	}))
}
