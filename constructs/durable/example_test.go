package durable_test

import (
	"fmt"
	"sort"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"

	"github.com/durablefn/durablefn/constructs/durable"
)

// An order saga that waits up to a week for a human approval, and the
// approver that sends the callback.
func Example() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Orders"), nil)

	orders := durable.NewFunction(stack, jsii.String("OrderProcessor"), &durable.FunctionProps{
		Runtime:          awslambda.Runtime_NODEJS_24_X(),
		Handler:          jsii.String("index.handler"),
		Code:             awslambda.Code_FromInline(jsii.String("exports.handler = async () => {}")),
		ExecutionTimeout: awscdk.Duration_Days(jsii.Number(7)),
		RetentionPeriod:  awscdk.Duration_Days(jsii.Number(30)),
	})
	approver := durable.NewFunction(stack, jsii.String("Approver"), &durable.FunctionProps{
		Runtime:          awslambda.Runtime_NODEJS_24_X(),
		Handler:          jsii.String("index.handler"),
		Code:             awslambda.Code_FromInline(jsii.String("exports.handler = async () => {}")),
		ExecutionTimeout: awscdk.Duration_Minutes(jsii.Number(15)),
		LeastPrivilege:   jsii.Bool(true),
	})
	orders.GrantCallbackSender(approver)
	approver.GrantDurableInvoke(orders)

	tpl := assertions.Template_FromStack(stack, nil)
	counts := map[string]int{}
	for _, res := range (*tpl.ToJSON())["Resources"].(map[string]interface{}) {
		counts[res.(map[string]interface{})["Type"].(string)]++
	}
	var types []string
	for typ := range counts {
		types = append(types, typ)
	}
	sort.Strings(types)
	for _, typ := range types {
		fmt.Printf("%s: %d\n", typ, counts[typ])
	}
	// Output:
	// AWS::IAM::Policy: 3
	// AWS::IAM::Role: 2
	// AWS::Lambda::Alias: 2
	// AWS::Lambda::Function: 2
	// AWS::Lambda::Version: 2
	// AWS::Logs::LogGroup: 2
}
