// Command long-running-job is the Go CDK app of the long-running-job
// example: a durable function that processes a batch every 12 hours for up
// to a week and records each finished batch in a DynamoDB table. Roles that already exist elsewhere start it, watch it and stop
// it; the grants are written here, and README.md shows the `durablefn
// policy` documents for roles managed outside CloudFormation. It builds two
// stacks of the same application:
//
//   - LongRunningJob, written with the construct's props by hand;
//   - LongRunningJobFromSpec, built from durable.yaml with durable.FromSpec.
//
// Build the handlers first (npm run build). Run it with
// `go run ./examples/long-running-job` from the repository root.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/durablefn/durablefn/constructs/durable"
	"github.com/durablefn/durablefn/constructs/durable/nag"
	"github.com/durablefn/durablefn/constructs/nodeenv"
	"github.com/durablefn/durablefn/model"
)

func main() {
	nodeenv.Setup()
	defer jsii.Close()

	dir := appDir("long-running-job")
	dist := filepath.Join(dir, "handlers", "dist")
	if _, err := os.Stat(dist); err != nil {
		fmt.Fprintf(os.Stderr, "long-running-job: %s is missing: build the handlers first (npm run build)\n", dist)
		os.Exit(1)
	}
	app := awscdk.NewApp(nil)
	handWritten := newJobStack(app, "LongRunningJob", dist)

	specApp, warnings, err := model.Load(filepath.Join(dir, "durable.yaml"))
	if err != nil {
		fmt.Fprintf(os.Stderr, "long-running-job: %v\n", err)
		os.Exit(1)
	}
	for _, w := range warnings {
		fmt.Fprintln(os.Stderr, w)
	}
	fromSpec, fns := durable.NewSpecStack(app, jsii.String("LongRunningJobFromSpec"), specApp, nil)
	for _, fn := range fns {
		nag.Suppress(fn)
	}
	for _, stack := range []awscdk.Stack{handWritten, fromSpec} {
		cdknag.NagSuppressions_AddStackSuppressions(stack, runtimeSuppression, nil)
	}

	// cdk-nag's AwsSolutions checks on every stack: each finding that is not
	// suppressed, with its reason, beside what it concerns is an error of
	// the synthesis (examples_test checks there is none).
	awscdk.Aspects_Of(app).Add(cdknag.NewAwsSolutionsChecks(&cdknag.NagPackProps{Verbose: jsii.Bool(true)}), nil)
	app.Synth(nil)
}

// runtimeSuppression is the one cdk-nag finding the example keeps on
// purpose, suppressed on each stack with its reason.
var runtimeSuppression = &[]*cdknag.NagPackSuppression{{
	Id: jsii.String("AwsSolutions-L1"),
	Reason: jsii.String("nodejs22.x is the runtime the handlers are built and tested for (package.json, node 22); " +
		"the durable execution SDK runs on nodejs22.x and nodejs24.x alike"),
}}

func newJobStack(app awscdk.App, id, dist string) awscdk.Stack {
	stack := awscdk.NewStack(app, jsii.String(id), &awscdk.StackProps{
		Description: jsii.String("A batch job that runs for days (Go CDK, durablefn construct)"),
		Env:         &awscdk.Environment{Account: jsii.String("123456789012"), Region: jsii.String("us-east-1")},
	})
	// Progress only: the table goes with the stack, as the spec's does.
	progress := awsdynamodb.NewTable(stack, jsii.String("ProgressTable"), &awsdynamodb.TableProps{
		PartitionKey:  &awsdynamodb.Attribute{Name: jsii.String("jobId"), Type: awsdynamodb.AttributeType_STRING},
		BillingMode:   awsdynamodb.BillingMode_PAY_PER_REQUEST,
		RemovalPolicy: awscdk.RemovalPolicy_DESTROY,
	})
	job := durable.NewFunction(stack, jsii.String("BatchJob"), &durable.FunctionProps{
		Description:       jsii.String("Processes a batch every 12 hours for up to a week"),
		Runtime:           awslambda.Runtime_NODEJS_22_X(),
		Handler:           jsii.String("batch-job.handler"),
		Code:              awslambda.Code_FromAsset(jsii.String(dist), nil),
		MemorySize:        jsii.Number(1024),
		Timeout:           awscdk.Duration_Minutes(jsii.Number(5)),
		ExecutionTimeout:  awscdk.Duration_Days(jsii.Number(7)),
		RetentionPeriod:   awscdk.Duration_Days(jsii.Number(14)),
		LogGroupRetention: awslogs.RetentionDays_THREE_MONTHS,
		Environment: &map[string]*string{
			"BATCH_INTERVAL_HOURS": jsii.String("12"),
			"MAX_BATCHES":          jsii.String("14"),
			"PROGRESS_TABLE":       progress.TableName(),
		},
		DeadLetterQueue: awssqs.Queue_FromQueueArn(stack, jsii.String("Failures"),
			jsii.String("arn:aws:sqs:us-east-1:123456789012:batch-job-failures")),
	})

	// The handler only updates its job's item (handlers/src/progress.ts).
	progress.Grant(job, jsii.String("dynamodb:UpdateItem"))

	role := func(name string) awsiam.IRole {
		return awsiam.Role_FromRoleArn(stack, jsii.String(name),
			jsii.String("arn:aws:iam::123456789012:role/"+name), nil)
	}
	job.GrantStarter(role("job-scheduler"))  // InvokeFunction on the alias
	job.GrantObserver(role("job-dashboard")) // Get/GetHistory on ARN:*, List on ARN
	job.GrantOperator(role("job-oncall"))    // Stop too
	// cdk-nag: what a durable function's design needs, with the reasons
	// (after the grants, which it names); the table's backups.
	nag.Suppress(job)
	cdknag.NagSuppressions_AddResourceSuppressions(progress, &[]*cdknag.NagPackSuppression{{
		Id:     jsii.String("AwsSolutions-DDB3"),
		Reason: jsii.String("the table only records which batches of a running job are done; the job's own checkpoints are what a restore needs"),
	}}, jsii.Bool(true))

	awscdk.NewCfnOutput(stack, jsii.String("BatchJobAliasArn"), &awscdk.CfnOutputProps{
		Value:       job.AliasArn(),
		Description: jsii.String("BatchJob alias: start executions here (asynchronously: they run for days)"),
	})
	awscdk.NewCfnOutput(stack, jsii.String("BatchJobArn"), &awscdk.CfnOutputProps{
		Value:       job.FunctionArn(),
		Description: jsii.String("BatchJob function ARN: durable execution grants are scoped to it followed by :*"),
	})
	awscdk.NewCfnOutput(stack, jsii.String("ProgressTableName"), &awscdk.CfnOutputProps{
		Value:       progress.TableName(),
		Description: jsii.String("the table where BatchJob records each finished batch (one item per jobId)"),
	})
	return stack
}

// appDir is the example's directory: from the repository root, or the
// example itself.
func appDir(name string) string {
	for _, d := range []string{filepath.Join("examples", name), "."} {
		if _, err := os.Stat(filepath.Join(d, "durable.yaml")); err == nil {
			return d
		}
	}
	return "."
}
