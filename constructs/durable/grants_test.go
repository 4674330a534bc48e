package durable_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"

	"github.com/durablefn/durablefn/constructs/durable"
	"github.com/durablefn/durablefn/facts"
)

// twoFunctions returns a stack with the functions Orders and Approver.
func twoFunctions() (awscdk.Stack, durable.Function, durable.Function) {
	stack := newStack()
	return stack, durable.NewFunction(stack, jsii.String("Orders"), props()), durable.NewFunction(stack, jsii.String("Approver"), props())
}

func executionsOf(stack awscdk.Stack, fn durable.Function) interface{} {
	return resolve(stack, jsii.String(facts.ExecutionsOf(*fn.FunctionArn())))
}

func TestGrants(t *testing.T) {
	tests := []struct {
		name  string
		grant func(orders durable.Function, grantee awsiam.IGrantable) awsiam.Grant
		// want lists the statements the grantee must get, as (actions, resource).
		want func(stack awscdk.Stack, orders durable.Function) []statement
	}{
		{
			name:  "callback sender",
			grant: func(o durable.Function, g awsiam.IGrantable) awsiam.Grant { return o.GrantCallbackSender(g) },
			want: func(stack awscdk.Stack, o durable.Function) []statement {
				return []statement{{facts.CallbackActions(), executionsOf(stack, o)}}
			},
		},
		{
			name:  "starter",
			grant: func(o durable.Function, g awsiam.IGrantable) awsiam.Grant { return o.GrantStarter(g) },
			want: func(stack awscdk.Stack, o durable.Function) []statement {
				return []statement{{[]string{"lambda:InvokeFunction"}, resolve(stack, o.AliasArn())}}
			},
		},
		{
			name:  "observer",
			grant: func(o durable.Function, g awsiam.IGrantable) awsiam.Grant { return o.GrantObserver(g) },
			want: func(stack awscdk.Stack, o durable.Function) []statement {
				return []statement{
					{facts.ObserverExecutionActions(), executionsOf(stack, o)},
					{facts.ObserverFunctionActions(), resolve(stack, o.FunctionArn())},
				}
			},
		},
		{
			name:  "operator",
			grant: func(o durable.Function, g awsiam.IGrantable) awsiam.Grant { return o.GrantOperator(g) },
			want: func(stack awscdk.Stack, o durable.Function) []statement {
				return []statement{
					{facts.OperatorExecutionActions(), executionsOf(stack, o)},
					{facts.ObserverFunctionActions(), resolve(stack, o.FunctionArn())},
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name+" to a durable function", func(t *testing.T) {
			// GIVEN
			stack, orders, approver := twoFunctions()

			// WHEN
			g := tc.grant(orders, approver)

			// THEN
			if !*g.Success() {
				t.Fatal("grant not successful")
			}
			for _, st := range tc.want(stack, orders) {
				hasStatement(t, stack, []interface{}{resolve(stack, approver.Role().RoleName())}, st.actions, st.resource)
			}
			// In a policy of its own, not in the role's DefaultPolicy: the
			// grantee's function depends on that one.
			tpl := assertions.Template_FromStack(stack, nil)
			tpl.ResourceCountIs(jsii.String("AWS::IAM::Policy"), jsii.Number(1))
			tpl.HasResource(jsii.String("AWS::Lambda::Function"), obj(map[string]interface{}{
				"DependsOn": []interface{}{*stack.GetLogicalId(approver.Role().Node().DefaultChild().(awscdk.CfnElement))},
			}))
		})
		t.Run(tc.name+" to an existing role", func(t *testing.T) {
			// GIVEN
			stack, orders, _ := twoFunctions()
			role := awsiam.Role_FromRoleArn(stack, jsii.String("Api"), jsii.String("arn:aws:iam::123456789012:role/order-api"), nil)

			// WHEN
			tc.grant(orders, role)

			// THEN
			for _, st := range tc.want(stack, orders) {
				hasStatement(t, stack, []interface{}{"order-api"}, st.actions, st.resource)
			}
		})
		t.Run(tc.name+" to a user", func(t *testing.T) {
			// GIVEN
			stack, orders, _ := twoFunctions()
			user := awsiam.NewUser(stack, jsii.String("Operator"), nil)

			// WHEN
			tc.grant(orders, user)

			// THEN
			for _, st := range tc.want(stack, orders) {
				assertions.Template_FromStack(stack, nil).HasResourceProperties(jsii.String("AWS::IAM::Policy"), obj(map[string]interface{}{
					"PolicyDocument": obj(map[string]interface{}{"Statement": arrayWith(obj(map[string]interface{}{
						"Action": actionValue(st.actions), "Resource": st.resource}))}),
					"Users": []interface{}{resolve(stack, user.UserName())},
				}))
			}
		})
		t.Run(tc.name+" twice is one grant", func(t *testing.T) {
			// GIVEN
			stack, orders, approver := twoFunctions()

			// WHEN
			first := tc.grant(orders, approver)
			second := tc.grant(orders, approver)

			// THEN
			if first != second {
				t.Error("the second grant is a new one")
			}
			assertions.Template_FromStack(stack, nil).ResourceCountIs(jsii.String("AWS::IAM::Policy"), jsii.Number(1))
		})
	}
}

type statement struct {
	actions  []string
	resource interface{}
}

func actionValue(actions []string) interface{} {
	if len(actions) == 1 {
		return actions[0]
	}
	return actions
}

func TestGrantDurableInvoke(t *testing.T) {
	t.Run("a durable function", func(t *testing.T) {
		// GIVEN
		stack, orchestrator, worker := twoFunctions()

		// WHEN
		orchestrator.GrantDurableInvoke(worker)

		// THEN
		hasStatement(t, stack, []interface{}{resolve(stack, orchestrator.Role().RoleName())}, []string{"lambda:InvokeFunction"},
			[]interface{}{resolve(stack, worker.FunctionArn()), executionsOf(stack, worker)})
	})
	t.Run("a plain function", func(t *testing.T) {
		// GIVEN
		stack, orchestrator, _ := twoFunctions()
		plain := awslambda.Function_FromFunctionArn(stack, jsii.String("Pricing"), jsii.String("arn:aws:lambda:us-east-1:123456789012:function:pricing"))

		// WHEN
		orchestrator.GrantDurableInvoke(plain)

		// THEN
		hasStatement(t, stack, []interface{}{resolve(stack, orchestrator.Role().RoleName())}, []string{"lambda:InvokeFunction"},
			[]interface{}{"arn:aws:lambda:us-east-1:123456789012:function:pricing", "arn:aws:lambda:us-east-1:123456789012:function:pricing:*"})
	})
	t.Run("two targets share one policy", func(t *testing.T) {
		// GIVEN
		stack, orchestrator, worker := twoFunctions()
		plain := awslambda.Function_FromFunctionArn(stack, jsii.String("Pricing"), jsii.String("arn:aws:lambda:us-east-1:123456789012:function:pricing"))

		// WHEN
		orchestrator.GrantDurableInvoke(worker)
		orchestrator.GrantDurableInvoke(plain)
		orchestrator.GrantDurableInvoke(plain)

		// THEN
		assertions.Template_FromStack(stack, nil).ResourceCountIs(jsii.String("AWS::IAM::Policy"), jsii.Number(1))
	})
}

// TestMutualGrantsHaveNoCycle: each function's role gets grants on the
// other function; neither function may depend on a policy that names the
// other.
func TestMutualGrantsHaveNoCycle(t *testing.T) {
	// GIVEN
	stack, ping, pong := twoFunctions()

	// WHEN
	ping.GrantCallbackSender(pong)
	pong.GrantCallbackSender(ping)
	ping.GrantDurableInvoke(pong)
	pong.GrantDurableInvoke(ping)

	// THEN
	tpl := assertions.Template_FromStack(stack, nil)
	tpl.ResourceCountIs(jsii.String("AWS::IAM::Policy"), jsii.Number(4))
	for _, fn := range []durable.Function{ping, pong} {
		tpl.HasResource(jsii.String("AWS::Lambda::Function"), obj(map[string]interface{}{
			"Properties": obj(map[string]interface{}{"Role": resolve(stack, fn.Role().RoleArn())}),
			"DependsOn":  []interface{}{*stack.GetLogicalId(fn.Role().Node().DefaultChild().(awscdk.CfnElement))},
		}))
	}
}

func TestGrantToARoleOfAnotherAccountIsAnError(t *testing.T) {
	// GIVEN
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("Test"), &awscdk.StackProps{Env: &awscdk.Environment{
		Account: jsii.String("111111111111"), Region: jsii.String("us-east-1")}})
	orders := durable.NewFunction(stack, jsii.String("Orders"), props())
	role := awsiam.Role_FromRoleArn(stack, jsii.String("Audit"), jsii.String("arn:aws:iam::222222222222:role/audit"), nil)

	// WHEN
	g := orders.GrantObserver(role)

	// THEN
	if *g.Success() {
		t.Error("grant reported success")
	}
	assertions.Annotations_FromStack(stack).HasError(jsii.String("/Test/Orders"),
		assertions.Match_StringLikeRegexp(jsii.String("a policy can only be attached to a role of the stack's own account")))
}

// With a customer managed key, the function's role and the grantees that
// read or write payloads get the key's use (facts.KeyActions); a starter
// gets none. The key here is the stack's own, with aws-cdk-lib's default key
// policy (which lets IAM policies grant its use).
func TestKeyGrants(t *testing.T) {
	// GIVEN
	stack := newStack()
	key := awskms.NewKey(stack, jsii.String("Payloads"), nil)
	fn := durable.NewFunction(stack, jsii.String("Orders"), props(func(p *durable.FunctionProps) { p.KmsKey = key }))
	roles := map[string]awsiam.Role{}
	for _, name := range []string{"Approver", "Dashboard", "Oncall", "Api"} {
		roles[name] = awsiam.NewRole(stack, jsii.String(name), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	}

	// WHEN
	fn.GrantCallbackSender(roles["Approver"])
	fn.GrantObserver(roles["Dashboard"])
	fn.GrantOperator(roles["Oncall"])
	fn.GrantStarter(roles["Api"])

	// THEN
	keyArn := resolve(stack, key.KeyArn())
	ref := func(r awsiam.IRole) interface{} { return []interface{}{resolve(stack, r.RoleName())} }
	hasStatement(t, stack, ref(fn.Role()), []string{"kms:Decrypt", "kms:GenerateDataKey"}, keyArn)
	hasStatement(t, stack, ref(roles["Approver"]), []string{"kms:GenerateDataKey"}, keyArn)
	hasStatement(t, stack, ref(roles["Dashboard"]), []string{"kms:Decrypt"}, keyArn)
	hasStatement(t, stack, ref(roles["Oncall"]), []string{"kms:Decrypt", "kms:GenerateDataKey"}, keyArn)
	tpl := assertions.Template_FromStack(stack, nil)
	tpl.HasResourceProperties(jsii.String("AWS::IAM::Policy"), obj(map[string]interface{}{
		"PolicyDocument": obj(map[string]interface{}{
			"Statement": assertions.Match_Not(arrayWith(obj(map[string]interface{}{"Action": assertions.Match_StringLikeRegexp(jsii.String("kms:.*"))}))),
		}),
		"Roles": ref(roles["Api"]),
	}))
}

// On a role the stack does not own, the key's use for the execution role
// is a policy named per stack, as the execution policy is (see
// stackpolicy.go).
func TestKeyPolicyOnImportedRole(t *testing.T) {
	// GIVEN
	stack := newStack()
	role := awsiam.Role_FromRoleArn(stack, jsii.String("Shared"), jsii.String("arn:aws:iam::123456789012:role/shared"), nil)
	key := awskms.Key_FromKeyArn(stack, jsii.String("Key"), jsii.String("arn:aws:kms:us-east-1:123456789012:key/abc"))

	// WHEN
	durable.NewFunction(stack, jsii.String("Orders"), props(func(p *durable.FunctionProps) {
		p.Role = role
		p.KmsKey = key
	}))

	// THEN
	hasStatement(t, stack, []interface{}{"shared"}, []string{"kms:Decrypt", "kms:GenerateDataKey"}, "arn:aws:kms:us-east-1:123456789012:key/abc")
	assertions.Template_FromStack(stack, nil).HasResourceProperties(jsii.String("AWS::IAM::Policy"), obj(map[string]interface{}{
		"PolicyName": obj(map[string]interface{}{"Fn::Join": arrayWith("-")}),
		"PolicyDocument": obj(map[string]interface{}{
			"Statement": arrayWith(obj(map[string]interface{}{"Action": []interface{}{"kms:Decrypt", "kms:GenerateDataKey"}})),
		}),
	}))
}
