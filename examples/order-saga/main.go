// Command order-saga is the Go CDK app of the order-saga example, run by
// `npx cdk synth` through cdk.json at the repository root. It builds two
// stacks of the same application:
//
//   - OrderSaga, written with the construct's props by hand: the way a Go
//     CDK user writes a durable application;
//   - OrderSagaFromSpec, built from durable.yaml with durable.FromSpec: the
//     same functions and grants as `durablefn synth --format cfn`.
//
// Build the handlers first (npm run build): both stacks package
// handlers/dist.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2authorizers"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2integrations"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
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

	dir := appDir()
	dist := filepath.Join(dir, "handlers", "dist")
	if _, err := os.Stat(dist); err != nil {
		fmt.Fprintf(os.Stderr, "order-saga: %s is missing: build the handlers first (npm run build)\n", dist)
		os.Exit(1)
	}

	app := awscdk.NewApp(nil)
	handWritten := newOrderSagaStack(app, "OrderSaga", dist)

	specApp, warnings, err := model.Load(filepath.Join(dir, "durable.yaml"))
	if err != nil {
		fmt.Fprintf(os.Stderr, "order-saga: %v\n", err)
		os.Exit(1)
	}
	for _, w := range warnings {
		fmt.Fprintln(os.Stderr, w)
	}
	fromSpec, fns := durable.NewSpecStack(app, jsii.String("OrderSagaFromSpec"), specApp, nil)
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

// newOrderSagaStack writes durable.yaml's application with the construct.
func newOrderSagaStack(app awscdk.App, id, dist string) awscdk.Stack {
	stack := awscdk.NewStack(app, jsii.String(id), &awscdk.StackProps{
		Description: jsii.String("Order saga with compensation and a human approval (Go CDK, durablefn construct)"),
	})
	code := awslambda.Code_FromAsset(jsii.String(dist), nil)

	// The approver is a plain function: it makes one AWS call and keeps no
	// state, so it needs no durable execution. It is created first because the
	// order processor names it in its environment.
	approver := awslambda.NewFunction(stack, jsii.String("Approver"), &awslambda.FunctionProps{
		Description:  jsii.String("Sends the approval decision back to the waiting saga"),
		Runtime:      awslambda.Runtime_NODEJS_22_X(),
		Handler:      jsii.String("approver.handler"),
		Code:         code,
		Architecture: awslambda.Architecture_ARM_64(),
	})
	orders := durable.NewFunction(stack, jsii.String("OrderProcessor"), &durable.FunctionProps{
		Description:      jsii.String("Order saga with compensation and a human approval"),
		Runtime:          awslambda.Runtime_NODEJS_22_X(),
		Handler:          jsii.String("order-processor.handler"),
		Code:             code,
		MemorySize:       jsii.Number(512),
		Timeout:          awscdk.Duration_Seconds(jsii.Number(60)),
		Architecture:     awslambda.Architecture_ARM_64(),
		ExecutionTimeout: awscdk.Duration_Days(jsii.Number(7)),
		RetentionPeriod:  awscdk.Duration_Days(jsii.Number(30)),
		Environment: &map[string]*string{
			"APPROVAL_THRESHOLD_CENTS": jsii.String("100000"),
			"APPROVAL_TIMEOUT_HOURS":   jsii.String("24"),
			"APPROVER_FUNCTION_NAME":   approver.FunctionName(),
		},
		DeadLetterQueue: awssqs.Queue_FromQueueArn(stack, jsii.String("Failures"),
			jsii.String("arn:aws:sqs:us-east-1:123456789012:order-saga-failures")),
	})

	// The HTTP entry point: a plain starter behind POST /orders (API Gateway
	// waits 30 seconds at most; the saga runs for days), which starts the
	// saga asynchronously on its alias.
	orderAPI := awslambda.NewFunction(stack, jsii.String("OrderApi"), &awslambda.FunctionProps{
		Description:  jsii.String("Starts an order saga from POST /orders and answers 202"),
		Runtime:      awslambda.Runtime_NODEJS_22_X(),
		Handler:      jsii.String("order-api.handler"),
		Code:         code,
		Architecture: awslambda.Architecture_ARM_64(),
		Timeout:      awscdk.Duration_Seconds(jsii.Number(10)),
		Environment:  &map[string]*string{"ORDER_PROCESSOR_ARN": orders.AliasArn()},
	})
	api := awsapigatewayv2.NewHttpApi(stack, jsii.String("OrdersApi"), &awsapigatewayv2.HttpApiProps{
		Description: jsii.String("Order saga entry point"),
	})
	// Callers sign their requests (IAM), as durable.yaml's auth: iam says.
	api.AddRoutes(&awsapigatewayv2.AddRoutesOptions{
		Path:        jsii.String("/orders"),
		Methods:     &[]awsapigatewayv2.HttpMethod{awsapigatewayv2.HttpMethod_POST},
		Integration: awsapigatewayv2integrations.NewHttpLambdaIntegration(jsii.String("OrderApiIntegration"), orderAPI, nil),
		Authorizer:  awsapigatewayv2authorizers.NewHttpIamAuthorizer(),
	})
	// Access logs of the API, in a log group of its own.
	accessLogs := awslogs.NewLogGroup(stack, jsii.String("OrdersApiAccessLogs"), &awslogs.LogGroupProps{
		Retention:     awslogs.RetentionDays_ONE_MONTH,
		RemovalPolicy: awscdk.RemovalPolicy_DESTROY,
	})
	stage := api.DefaultStage().Node().DefaultChild().(awsapigatewayv2.CfnStage)
	stage.SetAccessLogSettings(&awsapigatewayv2.CfnStage_AccessLogSettingsProperty{
		DestinationArn: accessLogs.LogGroupArn(),
		Format:         jsii.String(`{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","routeKey":"$context.routeKey","status":"$context.status","latency":"$context.integrationLatency"}`),
	})
	// Checkout events start sagas directly: an EventBridge rule invokes
	// asynchronously. Its target is the alias — what aws-cdk-lib takes as an
	// IFunction — never the unqualified function.
	awsevents.NewRule(stack, jsii.String("Checkout"), &awsevents.RuleProps{
		EventPattern: &awsevents.EventPattern{
			Source:     jsii.Strings("shop.checkout"),
			DetailType: jsii.Strings("CheckoutCompleted"),
		},
		Targets: &[]awsevents.IRuleTarget{awseventstargets.NewLambdaFunction(orders.Alias(), &awseventstargets.LambdaFunctionProps{
			Event: awsevents.RuleTargetInput_FromEventPath(jsii.String("$.detail")),
		})},
	})

	// A plain function's role is a grantee like any other.
	orders.GrantStarter(orderAPI)
	orders.GrantCallbackSender(approver)
	orders.GrantStarter(awsiam.Role_FromRoleArn(stack, jsii.String("ExternalOrderApi"),
		jsii.String("arn:aws:iam::123456789012:role/order-api"), nil))
	// cdk-nag: what a durable function's design needs, with the reasons
	// (after the grants, which it names); the approver's one managed policy.
	nag.Suppress(orders)
	for _, plain := range []awslambda.Function{approver, orderAPI} {
		cdknag.NagSuppressions_AddResourceSuppressions(plain, &[]*cdknag.NagPackSuppression{{
			Id:        jsii.String("AwsSolutions-IAM4"),
			Reason:    jsii.String("AWSLambdaBasicExecutionRole is the logging policy every Lambda function needs, on its own log groups"),
			AppliesTo: &[]interface{}{"Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"},
		}}, jsii.Bool(true))
	}

	awscdk.NewCfnOutput(stack, jsii.String("OrderProcessorAliasArn"), &awscdk.CfnOutputProps{
		Value:       orders.AliasArn(),
		Description: jsii.String("OrderProcessor alias: invoke and start executions here"),
	})
	awscdk.NewCfnOutput(stack, jsii.String("HttpApiUrl"), &awscdk.CfnOutputProps{
		Value:       api.Url(),
		Description: jsii.String("The URL of the HTTP API: POST /orders starts a saga"),
	})
	awscdk.NewCfnOutput(stack, jsii.String("ApproverArn"), &awscdk.CfnOutputProps{
		Value:       approver.FunctionArn(),
		Description: jsii.String("Approver function ARN: invoke it with the decision"),
	})
	return stack
}

// appDir is the example's directory: cdk.json runs the app from the
// repository root, `go run .` from the example itself.
func appDir() string {
	for _, d := range []string{filepath.Join("examples", "order-saga"), "."} {
		if _, err := os.Stat(filepath.Join(d, "durable.yaml")); err == nil {
			return d
		}
	}
	return "."
}
