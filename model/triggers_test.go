package model_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/durablefn/durablefn/internal/testutil"
	"github.com/durablefn/durablefn/model"
	"github.com/durablefn/durablefn/spec"
)

// invokers are, per resource type an event makes, the properties that name
// what is invoked.
var invokers = map[string][]string{
	"AWS::Lambda::EventSourceMapping": {"FunctionName"},
	"AWS::Lambda::Permission":         {"FunctionName"},
	"AWS::Events::Rule":               {"Targets.0.Arn"},
	"AWS::Scheduler::Schedule":        {"Target.Arn"},
	"AWS::IAM::Role":                  {"Policies.0.PolicyDocument.Statement.0.Resource"},
	"AWS::SNS::Subscription":          {"Endpoint"},
	"AWS::Lambda::Url":                {"TargetFunctionArn"},
	"AWS::ApiGatewayV2::Integration":  {"IntegrationUri"},
	"AWS::ApiGatewayV2::Route":        {},
}

// TestEveryTriggerInvokesTheAlias: for every kind of event on a durable
// function, what the event invokes, and every permission it makes, is the
// alias — never the unqualified function — and every permission says its
// source (SourceArn; SourceAccount for S3, whose SourceArn would make a
// circular dependency with the bucket). The triggers golden has every kind;
// http routes on durable functions are added here (the golden routes them
// to a plain starter).
func TestEveryTriggerInvokesTheAlias(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "testdata", "golden", "triggers", "durable.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	extra := `
      Direct:
        http: {method: PUT, path: "/jobs/{id}"}
      Other:
        http: {method: POST, path: /jobs, apiId: abc123defg}
`
	text := strings.Replace(string(src), "    events:\n      Nightly:", "    events:"+extra+"      Nightly:", 1)
	app, _, err := model.Parse("triggers.yaml", filepath.Join("..", "testdata", "golden", "triggers"), []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	worker := app.Functions[0]
	alias := model.Ref(worker.AliasID)
	kinds := map[spec.EventKind]bool{}
	for _, e := range worker.Events {
		kinds[e.Spec.Kind] = true
		if len(e.Resources) == 0 {
			t.Errorf("event %s makes no resource", e.Spec.Name)
		}
		for _, g := range e.Resources {
			paths, known := invokers[g.Type]
			if !known {
				t.Errorf("event %s: resource %s of type %s is not checked", e.Spec.Name, g.ID, g.Type)
			}
			for _, p := range paths {
				if got := testutil.At(g.Properties, strings.Split(p, ".")...); jsonOf(got) != jsonOf(alias) {
					t.Errorf("event %s: %s.%s is %s, want the alias %s", e.Spec.Name, g.ID, p, jsonOf(got), jsonOf(alias))
				}
			}
			if g.Type == "AWS::Lambda::Permission" && g.Properties["SourceArn"] == nil && g.Properties["SourceAccount"] == nil {
				t.Errorf("event %s: permission %s names no source", e.Spec.Name, g.ID)
			}
			if strings.Contains(jsonOf(g.Properties), `"`+worker.ID+`.Arn"`) || strings.Contains(jsonOf(g.Properties), `{"Ref":"`+worker.ID+`"}`) {
				t.Errorf("event %s: %s names the unqualified function: %s", e.Spec.Name, g.ID, jsonOf(g.Properties))
			}
		}
	}
	for k := spec.EventSQS; k <= spec.EventKinesis; k++ {
		if !kinds[k] {
			t.Errorf("no %s event in the test", k.Key())
		}
	}
	// The stack's own API integrates the alias, and the bucket notifies it.
	body := jsonOf(app.HTTPAPI.Resources()[0].Properties)
	if !strings.Contains(body, "functions/${"+worker.AliasID+"}/invocations") {
		t.Errorf("the HTTP API does not integrate the alias: %s", body)
	}
	for _, c := range app.Notifications["Uploads"].LambdaConfigurations {
		if jsonOf(c.(map[string]any)["Function"]) != jsonOf(alias) {
			t.Errorf("the bucket notifies %s, want the alias", jsonOf(c))
		}
	}
}
