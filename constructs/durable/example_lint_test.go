package durable_test

import (
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"

	"github.com/durablefn/durablefn/constructs/durable/lintplugin"
)

// The lint rules at synth time (package lintplugin), on a durable function wired by hand whose
// SNS permission points at the unqualified function: synthesis fails with
// the rule, the resource and the fix.
func Example_lintPlugin() {
	app := awscdk.NewApp(&awscdk.AppProps{
		// The error carries the whole report (else it names the report file).
		Context: &map[string]interface{}{"@aws-cdk/core:appMode": "inmemory"},
	})
	lintplugin.Add(app, &lintplugin.Options{Warnings: jsii.Bool(false)})

	stack := awscdk.NewStack(app, jsii.String("Legacy"), nil)
	fn := awslambda.NewFunction(stack, jsii.String("Orders"), &awslambda.FunctionProps{
		Runtime:       awslambda.Runtime_NODEJS_24_X(),
		Handler:       jsii.String("index.handler"),
		Code:          awslambda.Code_FromInline(jsii.String("exports.handler = async () => {}")),
		DurableConfig: &awslambda.DurableConfig{ExecutionTimeout: awscdk.Duration_Hours(jsii.Number(1))},
	})
	awslambda.NewCfnPermission(stack, jsii.String("SnsInvoke"), &awslambda.CfnPermissionProps{
		Action:       jsii.String("lambda:InvokeFunction"),
		FunctionName: fn.FunctionArn(),
		Principal:    jsii.String("sns.amazonaws.com"),
	})

	defer func() {
		for _, line := range strings.Split(fmt.Sprint(recover()), "\n") {
			line = strings.TrimSpace(line)
			for _, prefix := range []string{"ValidationFailed: ERROR", "Suggested fix", "Acknowledge"} {
				if strings.HasPrefix(line, prefix) {
					fmt.Println(line)
				}
			}
		}
	}()
	app.Synth(nil)
	// Output:
	// ValidationFailed: ERROR DL301 permission-unqualified: permission SnsInvoke points at durable function OrdersA9B65338 unqualified: Lambda refuses to invoke a durable function through its unqualified ARN (durablefn-lint)
	// Suggested fix: in the CDK app, create a lambda.Alias on fn.currentVersion (retained) and hand the alias to the source instead of the function
	// Acknowledge with 'durablefn-lint::DL301'
}
