// Command synth is the CDK app that produced orders.template.json (aws-cdk-go
// v2.276.0, Node 20, asset path rewritten to /src/orders). It lives under
// testdata, so the go tool ignores it; copy it into a scratch module to rerun.
package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"
)

func main() {
	defer jsii.Close()
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String("cdk.out"), Context: &map[string]interface{}{"aws:cdk:disable-asset-staging": true, "aws:cdk:enable-path-metadata": true, "aws:cdk:enable-asset-metadata": true, "aws:cdk:version-reporting": true}})
	stack := awscdk.NewStack(app, jsii.String("Orders"), &awscdk.StackProps{})
	lg := awslogs.NewLogGroup(stack, jsii.String("OrdersLogGroup"), &awslogs.LogGroupProps{Retention: awslogs.RetentionDays_ONE_MONTH})
	fn := awslambda.NewFunction(stack, jsii.String("Orders"), &awslambda.FunctionProps{
		Runtime:               awslambda.Runtime_NODEJS_22_X(),
		Handler:               jsii.String("index.handler"),
		Code:                  awslambda.Code_FromAsset(jsii.String("handlers/order"), nil),
		DurableConfig:         &awslambda.DurableConfig{ExecutionTimeout: awscdk.Duration_Hours(jsii.Number(1)), RetentionPeriod: awscdk.Duration_Days(jsii.Number(14))},
		LogGroup:              lg,
		LoggingFormat:         awslambda.LoggingFormat_JSON,
		CurrentVersionOptions: &awslambda.VersionOptions{RemovalPolicy: awscdk.RemovalPolicy_RETAIN},
	})
	fn.AddAlias(jsii.String("live"), nil)
	fn.AddToRolePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("lambda:SendDurableExecutionCallbackSuccess"),
		Resources: jsii.Strings(*fn.FunctionArn() + ":*"),
	}))
	app.Synth(nil)
}
