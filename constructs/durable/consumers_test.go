package durable_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2integrations"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdaeventsources"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctionstasks"
	"github.com/aws/jsii-runtime-go"

	"github.com/durablefn/durablefn/constructs/durable"
	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/internal/testutil"
	"github.com/durablefn/durablefn/lint"
)

// What a user writes to hand a durable function to an aws-cdk-lib consumer
// lands on the alias: durable.Function is not an awslambda.IFunction, its
// awslambda.IFunction is Alias(), and the unqualified function is only
// reachable as UnqualifiedFunction(). Each case wires one consumer the way
// its documentation shows, then checks the resource the consumer made (it
// names the alias) and lints the whole template with the rules of
// `durablefn lint`, which find any permission, target, subscription,
// integration or mapping on the unqualified function (DL3xx).
func TestConsumersLandOnTheAlias(t *testing.T) {
	tests := []struct {
		name string
		// wire hands fn to the consumer and returns the resource type and
		// the property path (in the template) that must name the alias.
		wire func(stack awscdk.Stack, fn durable.Function) (typ string, path []string)
	}{{
		name: "EventBridge target",
		wire: func(stack awscdk.Stack, fn durable.Function) (string, []string) {
			awsevents.NewRule(stack, jsii.String("Nightly"), &awsevents.RuleProps{
				Schedule: awsevents.Schedule_Rate(awscdk.Duration_Days(jsii.Number(1))),
				Targets:  &[]awsevents.IRuleTarget{awseventstargets.NewLambdaFunction(fn.Alias(), nil)},
			})
			return "AWS::Events::Rule", []string{"Targets", "0", "Arn"}
		},
	}, {
		name: "SQS event source",
		wire: func(stack awscdk.Stack, fn durable.Function) (string, []string) {
			queue := awssqs.NewQueue(stack, jsii.String("Inbox"), nil)
			fn.AddEventSource(awslambdaeventsources.NewSqsEventSource(queue, nil))
			return "AWS::Lambda::EventSourceMapping", []string{"FunctionName"}
		},
	}, {
		name: "SQS event source on the alias",
		wire: func(stack awscdk.Stack, fn durable.Function) (string, []string) {
			queue := awssqs.NewQueue(stack, jsii.String("Inbox"), nil)
			fn.Alias().AddEventSource(awslambdaeventsources.NewSqsEventSource(queue, nil))
			return "AWS::Lambda::EventSourceMapping", []string{"FunctionName"}
		},
	}, {
		name: "SNS event source",
		wire: func(stack awscdk.Stack, fn durable.Function) (string, []string) {
			topic := awssns.NewTopic(stack, jsii.String("Inbox"), nil)
			fn.AddEventSource(awslambdaeventsources.NewSnsEventSource(topic, nil))
			return "AWS::SNS::Subscription", []string{"Endpoint"}
		},
	}, {
		name: "SNS subscription",
		wire: func(stack awscdk.Stack, fn durable.Function) (string, []string) {
			topic := awssns.NewTopic(stack, jsii.String("Inbox"), nil)
			topic.AddSubscription(awssnssubscriptions.NewLambdaSubscription(fn.Alias(), nil))
			return "AWS::SNS::Subscription", []string{"Endpoint"}
		},
	}, {
		name: "HTTP API integration",
		wire: func(stack awscdk.Stack, fn durable.Function) (string, []string) {
			api := awsapigatewayv2.NewHttpApi(stack, jsii.String("Api"), nil)
			api.AddRoutes(&awsapigatewayv2.AddRoutesOptions{
				Path:        jsii.String("/orders"),
				Methods:     &[]awsapigatewayv2.HttpMethod{awsapigatewayv2.HttpMethod_POST},
				Integration: awsapigatewayv2integrations.NewHttpLambdaIntegration(jsii.String("OrdersIntegration"), fn.Alias(), nil),
			})
			return "AWS::ApiGatewayV2::Integration", []string{"IntegrationUri"}
		},
	}, {
		name: "Step Functions LambdaInvoke",
		wire: func(stack awscdk.Stack, fn durable.Function) (string, []string) {
			invoke := awsstepfunctionstasks.NewLambdaInvoke(stack, jsii.String("Start"), &awsstepfunctionstasks.LambdaInvokeProps{
				LambdaFunction: fn.Alias(),
				// An asynchronous start: a synchronous one ends the execution
				// after 15 minutes.
				InvocationType: awsstepfunctionstasks.LambdaInvocationType_EVENT,
			})
			awsstepfunctions.NewStateMachine(stack, jsii.String("Saga"), &awsstepfunctions.StateMachineProps{
				DefinitionBody: awsstepfunctions.DefinitionBody_FromChainable(invoke),
			})
			return "AWS::IAM::Policy", []string{"PolicyDocument", "Statement", "0", "Resource"}
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// GIVEN
			stack := newStack()
			fn := durable.NewFunction(stack, jsii.String("Orders"), props(func(p *durable.FunctionProps) {
				p.ExecutionTimeout = awscdk.Duration_Minutes(jsii.Number(15))
			}))

			// WHEN
			typ, path := tt.wire(stack, fn)

			// THEN
			tmpl := templateOf(t, stack)
			alias := stack.Resolve(fn.AliasArn())
			aliasID := alias.(map[string]interface{})["Ref"].(string)
			found := false
			for id, r := range tmpl["Resources"].(map[string]interface{}) {
				res := r.(map[string]interface{})
				if res["Type"] != typ {
					continue
				}
				v := testutil.At(res["Properties"], path...)
				if typ == "AWS::IAM::Policy" && !strings.Contains(mustJSON(t, res), "lambda:InvokeFunction") {
					continue
				}
				found = true
				if !strings.Contains(mustJSON(t, v), aliasID) {
					t.Errorf("%s %s: %v names %s, want the alias %s", typ, id, strings.Join(path, "."), mustJSON(t, v), aliasID)
				}
			}
			if !found {
				t.Fatalf("no %s in the template", typ)
			}
			for _, r := range tmpl["Resources"].(map[string]interface{}) {
				res := r.(map[string]interface{})
				if res["Type"] == "AWS::Lambda::Permission" {
					if name := mustJSON(t, testutil.At(res["Properties"], "FunctionName")); !strings.Contains(name, aliasID) {
						t.Errorf("a permission on %s, want the alias %s", name, aliasID)
					}
				}
			}
			findings, err := lint.Template("template.json", []byte(mustJSON(t, tmpl)), lint.Config{})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range findings {
				if d.Severity >= diag.Warning {
					t.Errorf("durablefn lint: %s %s: %s", d.Code, d.Path, d.Message)
				}
			}
		})
	}
}

// The unqualified function can still be reached, by a name that says so;
// this case shows what lint then reports, so that the test above cannot
// pass whatever the consumer points at.
func TestConsumerOnTheUnqualifiedFunctionIsFound(t *testing.T) {
	// GIVEN
	stack := newStack()
	fn := durable.NewFunction(stack, jsii.String("Orders"), props())

	// WHEN
	awsevents.NewRule(stack, jsii.String("Nightly"), &awsevents.RuleProps{
		Schedule: awsevents.Schedule_Rate(awscdk.Duration_Days(jsii.Number(1))),
		Targets:  &[]awsevents.IRuleTarget{awseventstargets.NewLambdaFunction(fn.UnqualifiedFunction(), nil)},
	})

	// THEN
	findings, err := lint.Template("template.json", []byte(mustJSON(t, templateOf(t, stack))), lint.Config{})
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{}
	for _, d := range findings {
		codes[d.Code] = true
	}
	if !codes["DL301"] || !codes["DL302"] {
		t.Errorf("findings %v, want DL301 and DL302", codes)
	}
}

func templateOf(t *testing.T, stack awscdk.Stack) map[string]interface{} {
	t.Helper()
	tmpl, ok := (*assertions.Template_FromStack(stack, nil).ToJSON())["Resources"]
	if !ok {
		t.Fatal("no Resources")
	}
	return map[string]interface{}{"Resources": tmpl}
}

func mustJSON(t *testing.T, v interface{}) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
