package model_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/durablefn/durablefn/model"
)

func build(t *testing.T, src string) (*model.App, string) {
	t.Helper()
	app, diags, err := model.Parse("t.yaml", ".", []byte(src))
	if err != nil {
		t.Fatalf("refused:\n%v", err)
	}
	return app, diags.Error()
}

func refuse(t *testing.T, src string, want ...string) {
	t.Helper()
	_, _, err := model.Parse("t.yaml", ".", []byte(src))
	if err == nil {
		t.Fatalf("accepted; want %q", want)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error does not say %q:\n%v", w, err)
		}
	}
}

func jsonOf(v any) string { b, _ := json.Marshal(v); return string(b) }

// TestGlobalsMergeLikeSAM: mappings merged key by key (the function's keys
// win), lists concatenated with the globals' items first, scalars
// overridden; the durable block only reaches durable functions.
func TestGlobalsMergeLikeSAM(t *testing.T) {
	app, _ := build(t, `
globals:
  runtime: nodejs22.x
  memorySize: 256
  environment: {GA: global-a, GB: global-b}
  layers: [arn:aws:lambda:us-east-1:123456789012:layer:base:1]
  durable: {retentionDays: 60}
functions:
  Durable:
    handler: index.handler
    code: s3://b/d.zip
    memorySize: 1024
    environment: {GB: own-b, OC: own-c}
    layers: [arn:aws:lambda:us-east-1:123456789012:layer:own:2]
    durable: {executionTimeout: 1h}
  Plain:
    runtime: python3.13
    handler: app.handler
    code: s3://b/p.zip
`)
	d, p := app.Functions[0].Properties, app.Functions[1].Properties
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"durable runtime from globals", d["Runtime"], "nodejs22.x"},
		{"plain runtime overrides", p["Runtime"], "python3.13"},
		{"memory overridden", jsonOf(d["MemorySize"]), "1024"},
		{"memory from globals", jsonOf(p["MemorySize"]), "256"},
		{"environment merged", jsonOf(d["Environment"]), `{"Variables":{"GA":"global-a","GB":"own-b","OC":"own-c"}}`},
		{"layers concatenated, globals first", jsonOf(d["Layers"]),
			`["arn:aws:lambda:us-east-1:123456789012:layer:base:1","arn:aws:lambda:us-east-1:123456789012:layer:own:2"]`},
		{"durable retention from globals", jsonOf(d["DurableConfig"]), `{"ExecutionTimeout":3600,"RetentionPeriodInDays":60}`},
		{"plain function stays plain", p["DurableConfig"], nil},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
	if g := app.GlobalProperties(); jsonOf(g["DurableConfig"]) != `{"RetentionPeriodInDays":60}` || g["Runtime"] != "nodejs22.x" {
		t.Errorf("globals as properties: %s", jsonOf(g))
	}
}

// TestExistingRoles: a literal role ARN with a path attaches by the role's
// name; !GetAtt of a role in resources attaches by Ref; any other
// intrinsic warns, and refuses statements it could not attach.
func TestExistingRoles(t *testing.T) {
	fn := func(role, extra string) string {
		return "resources:\n  Shared: {Type: AWS::IAM::Role, Properties: {AssumeRolePolicyDocument: {}}}\n" +
			"functions:\n  F:\n    runtime: nodejs24.x\n    handler: index.handler\n    code: s3://b/k.zip\n" +
			"    durable: {executionTimeout: 1h}\n    role: " + role + "\n" + extra
	}
	app, _ := build(t, fn("arn:aws:iam::123456789012:role/platform/team/runner", ""))
	f := app.Functions[0]
	if f.Role != nil || f.RoleRef != "runner" || f.Properties["Role"] != "arn:aws:iam::123456789012:role/platform/team/runner" {
		t.Errorf("literal role: Role=%v RoleRef=%v Role property=%v", f.Role, f.RoleRef, f.Properties["Role"])
	}
	if len(app.Policies) != 1 || app.Policies[0].ID != "FExecutionPolicy" || !strings.Contains(jsonOf(app.Policies[0].PolicyName), `"FExecutionPolicy",{"Fn::Select":[2,{"Fn::Split":["/",{"Ref":"AWS::StackId"}]}]}`) {
		t.Errorf("the durable statements are not attached to the existing role: %s", jsonOf(app.Policies))
	}
	if len(app.Rules) != 1 || app.Rules[0].Account != "123456789012" {
		t.Errorf("no account rule for the existing role: %s", jsonOf(app.Rules))
	}

	app, _ = build(t, fn("!GetAtt Shared.Arn", "    policies: [{Action: s3:GetObject, Resource: arn:aws:s3:::b/*}]\n"))
	if got := jsonOf(app.Functions[0].RoleRef); got != `{"Ref":"Shared"}` {
		t.Errorf("role of resources: RoleRef %s", got)
	}
	for _, p := range app.Policies {
		if p.PolicyName != p.ID {
			t.Errorf("a role of this stack gets plain policy names: %s has %v", p.ID, p.PolicyName)
		}
	}

	_, warnings := build(t, fn("!ImportValue platform-role-arn", ""))
	if !strings.Contains(warnings, "name is not known") {
		t.Errorf("an imported role gives no warning: %s", warnings)
	}
	refuse(t, fn("!ImportValue platform-role-arn", "    policies: [{Action: s3:GetObject, Resource: arn:aws:s3:::b/*}]\n"),
		"cannot be attached")
	refuse(t, fn("arn:aws:iam::123456789012:role/runner", "    policies: [arn:aws:iam::aws:policy/ReadOnlyAccess]\n"),
		"cannot attach managed policies to an existing role")
}

// TestUnqualifiedHandOut: handing out the unqualified ARN or name of a
// durable function warns; the alias ARN does not; a plain function's ARN
// does not.
func TestUnqualifiedHandOut(t *testing.T) {
	_, warnings := build(t, `
functions:
  Worker:
    runtime: nodejs24.x
    handler: index.handler
    code: s3://b/w.zip
    durable: {executionTimeout: 1h}
  Plain:
    runtime: nodejs24.x
    handler: index.handler
    code: s3://b/p.zip
  Caller:
    runtime: nodejs24.x
    handler: index.handler
    code: s3://b/c.zip
    environment:
      GOOD: ${Worker.AliasArn}
      PLAIN: !GetAtt Plain.Arn
      BAD_ARN: !GetAtt Worker.Arn
      BAD_NAME: ${Worker.Name}
outputs:
  WorkerArn2: {value: !GetAtt Worker.Arn}
`)
	for _, want := range []string{"environment.BAD_ARN", "environment.BAD_NAME", "outputs.WorkerArn2"} {
		if !strings.Contains(warnings, want) {
			t.Errorf("no warning for %s in:\n%s", want, warnings)
		}
	}
	for _, not := range []string{"environment.GOOD", "environment.PLAIN"} {
		if strings.Contains(warnings, not) {
			t.Errorf("a warning for %s in:\n%s", not, warnings)
		}
	}
}
