// Command fan-out is the Go CDK app of the fan-out example: an orchestrator
// durable function that invokes a durable worker (through its alias) and a
// plain function outside the app, through the durable SDK's invoke, over a
// map step. It builds two stacks of the same application:
//
//   - FanOut, written with the construct's props by hand;
//   - FanOutFromSpec, built from durable.yaml with durable.FromSpec: the same
//     functions and grants as `durablefn synth --format cfn`.
//
// Build the handlers first (npm run build): both stacks package
// handlers/dist. Run it with `go run ./examples/fan-out` from the
// repository root, or `npx cdk synth --app "go run ./examples/fan-out"`.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/durablefn/durablefn/constructs/durable"
	"github.com/durablefn/durablefn/constructs/durable/nag"
	"github.com/durablefn/durablefn/constructs/nodeenv"
	"github.com/durablefn/durablefn/model"
)

// plainWorkerArn is a plain function that lives outside this app.
const plainWorkerArn = "arn:aws:lambda:us-east-1:123456789012:function:plain-worker"

func main() {
	nodeenv.Setup()
	defer jsii.Close()

	dir := appDir("fan-out")
	dist := filepath.Join(dir, "handlers", "dist")
	if _, err := os.Stat(dist); err != nil {
		fmt.Fprintf(os.Stderr, "fan-out: %s is missing: build the handlers first (npm run build)\n", dist)
		os.Exit(1)
	}
	app := awscdk.NewApp(nil)
	handWritten := newFanOutStack(app, "FanOut", dist)

	specApp, warnings, err := model.Load(filepath.Join(dir, "durable.yaml"))
	if err != nil {
		fmt.Fprintf(os.Stderr, "fan-out: %v\n", err)
		os.Exit(1)
	}
	for _, w := range warnings {
		fmt.Fprintln(os.Stderr, w)
	}
	fromSpec, fns := durable.NewSpecStack(app, jsii.String("FanOutFromSpec"), specApp, nil)
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

func newFanOutStack(app awscdk.App, id, dist string) awscdk.Stack {
	stack := awscdk.NewStack(app, jsii.String(id), &awscdk.StackProps{
		Description: jsii.String("Fan-out orchestrator over durable and plain workers (Go CDK, durablefn construct)"),
	})
	code := awslambda.Code_FromAsset(jsii.String(dist), nil)

	worker := durable.NewFunction(stack, jsii.String("DurableWorker"), &durable.FunctionProps{
		Description:      jsii.String("A durable worker with its own checkpointed steps"),
		Runtime:          awslambda.Runtime_NODEJS_22_X(),
		Handler:          jsii.String("durable-worker.handler"),
		Code:             code,
		ExecutionTimeout: awscdk.Duration_Hours(jsii.Number(1)),
	})
	orchestrator := durable.NewFunction(stack, jsii.String("Orchestrator"), &durable.FunctionProps{
		Description:      jsii.String("Fans work out to durable and plain workers"),
		Runtime:          awslambda.Runtime_NODEJS_22_X(),
		Handler:          jsii.String("orchestrator.handler"),
		Code:             code,
		MemorySize:       jsii.Number(256),
		ExecutionTimeout: awscdk.Duration_Hours(jsii.Number(1)),
		Environment: &map[string]*string{
			"MAX_CONCURRENCY":     jsii.String("10"),
			"MAX_FAILURE_PERCENT": jsii.String("50"),
			// A durable target must be invoked qualified: its alias.
			"DURABLE_WORKER_FUNCTION": worker.AliasArn(),
			"PLAIN_WORKER_FUNCTION":   jsii.String(plainWorkerArn),
		},
	})

	// InvokeFunction on each target's ARN and ARN:* (every qualifier).
	orchestrator.GrantDurableInvoke(worker)
	plain := awslambda.Function_FromFunctionArn(stack, jsii.String("PlainWorker"), jsii.String(plainWorkerArn))
	orchestrator.GrantDurableInvoke(plain)
	// cdk-nag: what a durable function's design needs, with the reasons
	// (after the grants, which it names).
	nag.Suppress(worker)
	nag.Suppress(orchestrator)

	awscdk.NewCfnOutput(stack, jsii.String("OrchestratorAliasArn"), &awscdk.CfnOutputProps{
		Value:       orchestrator.AliasArn(),
		Description: jsii.String("Orchestrator alias: start executions here"),
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
