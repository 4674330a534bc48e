package durable_test

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/durablefn/durablefn/cfngen"
	"github.com/durablefn/durablefn/constructs/durable"
	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/internal/templatecmp"
	"github.com/durablefn/durablefn/model"
)

// stackUUID is how a policy on a role the stack does not own ends its name.
var stackUUID = map[string]interface{}{"Fn::Select": []interface{}{2, map[string]interface{}{
	"Fn::Split": []interface{}{"/", map[string]interface{}{"Ref": "AWS::StackId"}}}}}

// perStackName matches such a name: a part of at most
// facts.MaxStackPolicyPartLength characters, "-", the stack's UUID.
func perStackName() assertions.Matcher {
	return obj(map[string]interface{}{"Fn::Join": []interface{}{"-", []interface{}{
		assertions.Match_StringLikeRegexp(jsii.String(fmt.Sprintf("^[A-Za-z0-9]{1,%d}$", facts.MaxStackPolicyPartLength))),
		stackUUID,
	}}})
}

// policyNamesOn returns the names of the AWS::IAM::Policy resources attached
// to role (as written in Roles), resolved for a stack of that ID.
func policyNamesOn(t *testing.T, stack awscdk.Stack, role interface{}, stackID string) []string {
	t.Helper()
	found := assertions.Template_FromStack(stack, nil).FindResources(jsii.String("AWS::IAM::Policy"), obj(map[string]interface{}{
		"Properties": obj(map[string]interface{}{"Roles": []interface{}{role}}),
	}))
	var names []string
	for _, r := range *found {
		props := (*r)["Properties"].(map[string]interface{})
		names = append(names, evalName(t, props["PolicyName"], stackID))
	}
	return names
}

// evalName resolves a policy name as CloudFormation would for a stack of
// that ID: a string, or Fn::Join, Fn::Select and Fn::Split of Ref
// AWS::StackId.
func evalName(t *testing.T, v interface{}, stackID string) string {
	t.Helper()
	switch x := v.(type) {
	case string:
		return x
	case map[string]interface{}:
		for fn, arg := range x {
			args, _ := arg.([]interface{})
			switch fn {
			case "Ref":
				if arg == "AWS::StackId" {
					return stackID
				}
			case "Fn::Join":
				var parts []string
				for _, p := range args[1].([]interface{}) {
					parts = append(parts, evalName(t, p, stackID))
				}
				return strings.Join(parts, args[0].(string))
			case "Fn::Select":
				split := args[1].(map[string]interface{})["Fn::Split"].([]interface{})
				parts := strings.Split(evalName(t, split[1], stackID), split[0].(string))
				return parts[int(args[0].(float64))]
			}
		}
	}
	t.Fatalf("cannot resolve the policy name %v", v)
	return ""
}

// TestPoliciesOnRolesTheStackDoesNotOwnAreNamedPerStack: the same code
// deployed twice (one stack name, two regions, one account) attaches
// policies to the same IAM roles, which are global; each stack's policies
// must keep names of their own.
func TestPoliciesOnRolesTheStackDoesNotOwnAreNamedPerStack(t *testing.T) {
	// GIVEN
	app := awscdk.NewApp(&awscdk.AppProps{AnalyticsReporting: jsii.Bool(false)})
	shared := awscdk.NewStack(app, jsii.String("Shared"), &awscdk.StackProps{Env: &awscdk.Environment{
		Account: jsii.String("123456789012"), Region: jsii.String("us-east-1")}})
	platformRole := awsiam.NewRole(shared, jsii.String("Platform"), &awsiam.RoleProps{RoleName: jsii.String("platform-tools"),
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil)})
	ordersStack := func(id, region string) (awscdk.Stack, durable.Function) {
		stack := awscdk.NewStack(app, jsii.String(id), &awscdk.StackProps{StackName: jsii.String("orders"),
			Env: &awscdk.Environment{Account: jsii.String("123456789012"), Region: jsii.String(region)}})
		api := awsiam.Role_FromRoleArn(stack, jsii.String("Api"), jsii.String("arn:aws:iam::123456789012:role/order-api"), nil)
		workflows := awsiam.Role_FromRoleArn(stack, jsii.String("Workflows"), jsii.String("arn:aws:iam::123456789012:role/platform/workflows"), nil)
		orders := durable.NewFunction(stack, jsii.String("Orders"), props())
		// A function under an existing role: its execution policy and its
		// durable invokes go on that role.
		worker := durable.NewFunction(stack, jsii.String("Worker"), props(func(p *durable.FunctionProps) { p.Role = workflows }))
		approver := durable.NewFunction(stack, jsii.String("Approver"), props())

		// WHEN
		orders.GrantCallbackSender(api)
		orders.GrantObserver(api)
		orders.GrantStarter(worker)
		worker.GrantDurableInvoke(orders)
		orders.GrantOperator(platformRole)
		orders.GrantObserver(approver)
		return stack, approver
	}
	dev, devApprover := ordersStack("Dev", "eu-west-1")
	prod, _ := ordersStack("Prod", "us-west-2")

	// THEN
	devID := "arn:aws:cloudformation:eu-west-1:123456789012:stack/orders/0d1e2f30-0000-4000-8000-000000000001"
	prodID := "arn:aws:cloudformation:us-west-2:123456789012:stack/orders/0d1e2f30-0000-4000-8000-000000000002"
	for _, tc := range []struct {
		role  interface{}
		count int
	}{
		{"order-api", 2},      // two grants to an imported role
		{"workflows", 3},      // a grant, the durable invokes and the execution policy
		{"platform-tools", 1}, // a role of another stack
	} {
		tpl := assertions.Template_FromStack(dev, nil)
		tpl.HasResourceProperties(jsii.String("AWS::IAM::Policy"), obj(map[string]interface{}{
			"PolicyName": perStackName(), "Roles": []interface{}{tc.role},
		}))
		devNames := policyNamesOn(t, dev, tc.role, devID)
		prodNames := policyNamesOn(t, prod, tc.role, prodID)
		if len(devNames) != tc.count || len(prodNames) != tc.count {
			t.Fatalf("role %v: %d policies in dev and %d in prod, want %d", tc.role, len(devNames), len(prodNames), tc.count)
		}
		seen := map[string]string{}
		for stack, names := range map[string][]string{"dev": devNames, "prod": prodNames} {
			for _, n := range names {
				if len(n) > facts.MaxPolicyNameLength {
					t.Errorf("role %v: the name %q of %s is longer than %d", tc.role, n, stack, facts.MaxPolicyNameLength)
				}
				if other, ok := seen[n]; ok {
					t.Errorf("role %v: %s and %s both attach a policy named %q", tc.role, other, stack, n)
				}
				seen[n] = stack
			}
		}
	}
	// A role the stack creates keeps the name aws-cdk-lib gives.
	assertions.Template_FromStack(dev, nil).HasResourceProperties(jsii.String("AWS::IAM::Policy"), obj(map[string]interface{}{
		"PolicyName": assertions.Match_StringLikeRegexp(jsii.String("^OrdersObserverApprover")),
		"Roles":      []interface{}{resolve(dev, devApprover.Role().RoleName())},
	}))
}

// TestGrantToASharedRoleIsOneSuccessfulGrant: the grant returned for a role
// the stack does not own holds the statements, and granting again returns
// it.
func TestGrantToASharedRoleIsOneSuccessfulGrant(t *testing.T) {
	// GIVEN
	stack, orders, _ := twoFunctions()
	role := awsiam.Role_FromRoleArn(stack, jsii.String("Api"), jsii.String("arn:aws:iam::123456789012:role/order-api"), nil)

	// WHEN
	first := orders.GrantObserver(role)
	second := orders.GrantObserver(role)

	// THEN
	if !*first.Success() || len(*first.PrincipalStatements()) != 2 {
		t.Errorf("grant: success %v with %d statements, want success with 2", *first.Success(), len(*first.PrincipalStatements()))
	}
	if first != second {
		t.Error("the second grant is a new one")
	}
	assertions.Template_FromStack(stack, nil).ResourceCountIs(jsii.String("AWS::IAM::Policy"), jsii.Number(1))
}

// existingRoleInvokes has what the goldens lack: a function under an
// existing role that invokes another and receives a grant.
const existingRoleInvokes = `functions:
  Orchestrator:
    runtime: python3.13
    handler: app.handler
    code: s3://bucket/orchestrator.zip
    role: arn:aws:iam::123456789012:role/platform/shared-workflows
    durable: {executionTimeout: 1h}
    invokes: [{function: Worker}]
  Worker:
    runtime: python3.13
    handler: app.handler
    code: s3://bucket/worker.zip
    durable: {executionTimeout: 1h}
    callbackSenders: [{function: Orchestrator}]
    starters: [{roleArn: "arn:aws:iam::123456789012:role/scheduler"}]
`

// TestFromSpecNamesPoliciesOnExistingRolesAsTheModel: FromSpec writes the
// model's name on every policy on a role the stack does not own, as
// cfngen does.
func TestFromSpecNamesPoliciesOnExistingRolesAsTheModel(t *testing.T) {
	load := map[string]func(t *testing.T) *model.App{
		"external-roles":        goldenModel("external-roles"),
		"platform-role":         goldenModel("platform-role"),
		"existing-role-invokes": func(t *testing.T) *model.App { return parseModel(t, existingRoleInvokes) },
	}
	for name, m := range load {
		t.Run(name, func(t *testing.T) {
			// GIVEN
			app := m(t)
			cfn, err := cfngen.Template(app)
			if err != nil {
				t.Fatal(err)
			}
			stack := newStack()

			// WHEN
			durable.FromSpec(stack, app)

			// THEN
			want := sharedPolicyNames(t, cfn)
			got := sharedPolicyNames(t, *assertions.Template_FromStack(stack, nil).ToJSON())
			if len(want) == 0 {
				t.Fatal("the CloudFormation has no policy on a role it does not create")
			}
			if !reflect.DeepEqual(want, got) {
				t.Errorf("policy names per role:\ncfn %v\ncdk %v", want, got)
			}
		})
	}
}

func goldenModel(name string) func(t *testing.T) *model.App {
	return func(t *testing.T) *model.App {
		m, _, err := model.Load(filepath.Join("..", "..", "testdata", "golden", name, "durable.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
}

func parseModel(t *testing.T, spec string) *model.App {
	m, _, err := model.Parse("durable.yaml", t.TempDir(), []byte(spec))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// sharedPolicyNames returns the names of the policies on roles the
// template does not create, per role (templatecmp.SharedPolicyNames).
func sharedPolicyNames(t *testing.T, v map[string]interface{}) map[string]interface{} {
	t.Helper()
	tpl, err := templatecmp.FromValue(v)
	if err != nil {
		t.Fatal(err)
	}
	n := templatecmp.Normalize(tpl, templatecmp.StringForms, templatecmp.SharedPolicyNames).Value()
	names, _ := n[templatecmp.SharedPolicyNamesKey].(map[string]interface{})
	return names
}
