package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdaeventsources"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/jsii-runtime-go"
)

func main() {
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String("cdk.out")})

	// A clean stack: durable function with its own log group, retained
	// current version, alias, the schedule on the alias, grants scoped to :*.
	good := awscdk.NewStack(app, jsii.String("CleanStack"), nil)
	fn := awslambda.NewFunction(good, jsii.String("Workflow"), &awslambda.FunctionProps{
		Runtime: awslambda.Runtime_NODEJS_22_X(),
		Handler: jsii.String("index.handler"),
		Code:    awslambda.Code_FromInline(jsii.String("exports.handler = async () => {}")),
		DurableConfig: &awslambda.DurableConfig{
			ExecutionTimeout: awscdk.Duration_Hours(jsii.Number(1)),
			RetentionPeriod:  awscdk.Duration_Days(jsii.Number(30)),
		},
		CurrentVersionOptions: &awslambda.VersionOptions{RemovalPolicy: awscdk.RemovalPolicy_RETAIN},
		LogGroup:              awslogs.NewLogGroup(good, jsii.String("WorkflowLogs"), &awslogs.LogGroupProps{Retention: awslogs.RetentionDays_ONE_MONTH}),
	})
	alias := awslambda.NewAlias(good, jsii.String("Live"), &awslambda.AliasProps{AliasName: jsii.String("live"), Version: fn.CurrentVersion()})
	awsevents.NewRule(good, jsii.String("Nightly"), &awsevents.RuleProps{
		Schedule: awsevents.Schedule_Rate(awscdk.Duration_Days(jsii.Number(1))),
		Targets:  &[]awsevents.IRuleTarget{awseventstargets.NewLambdaFunction(alias, nil)},
	})
	sender := awsiam.NewRole(good, jsii.String("Sender"), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil)})
	sender.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("lambda:SendDurableExecutionCallbackSuccess", "lambda:SendDurableExecutionCallbackFailure"),
		Resources: &[]*string{jsii.String(*fn.FunctionArn() + ":*")},
	}))

	// A stack with the usual mistakes: the rule targets the function, the
	// queue's event source the function, callback grants on the function and
	// on the alias, no retained version.
	bad := awscdk.NewStack(app, jsii.String("MistakesStack"), nil)
	bfn := awslambda.NewFunction(bad, jsii.String("Workflow"), &awslambda.FunctionProps{
		Runtime:      awslambda.Runtime_NODEJS_22_X(),
		Handler:      jsii.String("index.handler"),
		Code:         awslambda.Code_FromInline(jsii.String("exports.handler = async () => {}")),
		FunctionName: jsii.String("workflow"),
		DurableConfig: &awslambda.DurableConfig{
			ExecutionTimeout: awscdk.Duration_Days(jsii.Number(2)),
		},
	})
	balias := awslambda.NewAlias(bad, jsii.String("Live"), &awslambda.AliasProps{AliasName: jsii.String("live"), Version: bfn.CurrentVersion()})
	awsevents.NewRule(bad, jsii.String("Nightly"), &awsevents.RuleProps{
		Schedule: awsevents.Schedule_Rate(awscdk.Duration_Days(jsii.Number(1))),
		Targets:  &[]awsevents.IRuleTarget{awseventstargets.NewLambdaFunction(bfn, nil)},
	})
	q := awssqs.NewQueue(bad, jsii.String("Orders"), nil)
	bfn.AddEventSource(awslambdaeventsources.NewSqsEventSource(q, nil))
	bsender := awsiam.NewRole(bad, jsii.String("Sender"), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil)})
	bsender.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("lambda:SendDurableExecutionCallbackSuccess"),
		Resources: &[]*string{bfn.FunctionArn()},
	}))
	bsender.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Actions:   jsii.Strings("lambda:GetDurableExecution"),
		Resources: &[]*string{balias.FunctionArn()},
	}))

	// The shapes of issue 10: an SQS event source on the alias (CDK writes
	// the mapping's FunctionName as Fn::Join of Fn::Select 6 of Fn::Split
	// of the alias ARN, and ":live") on a 35-day execution; a hand-written
	// version with a fixed logical ID; the unqualified ARN handed to
	// callers through an output and another function's environment; no
	// explicit log group.
	alias2 := awscdk.NewStack(app, jsii.String("AliasStack"), nil)
	afn := awslambda.NewFunction(alias2, jsii.String("Workflow"), &awslambda.FunctionProps{
		Runtime: awslambda.Runtime_NODEJS_22_X(),
		Handler: jsii.String("index.handler"),
		Code:    awslambda.Code_FromInline(jsii.String("exports.handler = async () => {}")),
		DurableConfig: &awslambda.DurableConfig{
			ExecutionTimeout: awscdk.Duration_Days(jsii.Number(35)),
		},
	})
	aver := awslambda.NewVersion(alias2, jsii.String("WorkflowVersion"), &awslambda.VersionProps{
		Lambda: afn, RemovalPolicy: awscdk.RemovalPolicy_RETAIN,
	})
	aalias := awslambda.NewAlias(alias2, jsii.String("Live"), &awslambda.AliasProps{AliasName: jsii.String("live"), Version: aver})
	aq := awssqs.NewQueue(alias2, jsii.String("Orders"), nil)
	aalias.AddEventSource(awslambdaeventsources.NewSqsEventSource(aq, nil))
	awslambda.NewFunction(alias2, jsii.String("Starter"), &awslambda.FunctionProps{
		Runtime:     awslambda.Runtime_NODEJS_22_X(),
		Handler:     jsii.String("index.handler"),
		Code:        awslambda.Code_FromInline(jsii.String("exports.handler = async () => {}")),
		Environment: &map[string]*string{"WORKFLOW_ARN": afn.FunctionArn()},
	})
	awscdk.NewCfnOutput(alias2, jsii.String("WorkflowArn"), &awscdk.CfnOutputProps{Value: afn.FunctionArn()})
	app.Synth(nil)
}
