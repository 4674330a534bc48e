package policies_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/policies"
)

const fnArn = "arn:aws:lambda:us-east-1:123456789012:function:orders"

func TestNoWildcardAndExecutionScope(t *testing.T) {
	target := policies.Target{FunctionArn: fnArn, AliasArn: fnArn + ":live"}
	for _, k := range policies.Kinds() {
		stmts, ok := policies.For(k, target)
		if !ok || len(stmts) == 0 {
			t.Fatalf("%s: no statements", k)
		}
		for _, st := range stmts {
			for _, r := range st.Resources {
				if r == "*" {
					t.Errorf("%s: Resource *", k)
				}
			}
			for _, a := range st.Actions {
				scope, durable := facts.ActionScope(a)
				if !durable {
					continue
				}
				want := facts.ExecutionsOf(fnArn)
				if scope == facts.ScopeFunction {
					want = fnArn
				}
				if !slices.Equal(st.Resources, []string{want}) {
					t.Errorf("%s: %s on %v, want %s", k, a, st.Resources, want)
				}
			}
		}
	}
}

func TestStarterOnAlias(t *testing.T) {
	st := policies.Starter(policies.Target{FunctionArn: fnArn, AliasArn: fnArn + ":live"})
	if !slices.Equal(st[0].Resources, []string{fnArn + ":live"}) || !slices.Equal(st[0].Actions, []string{facts.ActionInvoke}) {
		t.Errorf("starter: %+v", st)
	}
}

func TestDurableInvokeCoversQualifiers(t *testing.T) {
	st := policies.DurableInvoke(fnArn)
	if !slices.Equal(st[0].Resources, []string{fnArn, fnArn + ":*"}) {
		t.Errorf("durable invoke resources %v", st[0].Resources)
	}
}

func TestNoMisspelledActions(t *testing.T) {
	for _, a := range facts.DurableActions() {
		if _, bad := facts.Misspellings()[a]; bad {
			t.Errorf("%s is listed as a misspelling", a)
		}
	}
	if len(facts.DurableActions()) != 9 {
		t.Errorf("want the nine durable actions")
	}
}

func TestManagedPolicies(t *testing.T) {
	got := policies.ExecutionRoleManagedPolicies(policies.RoleNeeds{})
	if !slices.Equal(got, []string{facts.DurableManagedPolicyName}) {
		t.Errorf("got %v", got)
	}
	if got := policies.ExecutionRoleManagedPolicies(policies.RoleNeeds{LeastPrivilege: true}); len(got) != 0 {
		t.Errorf("least privilege still has %v", got)
	}
	for _, n := range policies.ExecutionRoleManagedPolicies(policies.RoleNeeds{EventPolicies: []string{facts.SQSManagedPolicyName}, VPC: true, Tracing: true}) {
		if n == facts.BasicManagedPolicyName {
			t.Error("the durable policy replaces AWSLambdaBasicExecutionRole")
		}
	}
}

func TestParseARNs(t *testing.T) {
	r, err := facts.ParseRoleARN("arn:aws:iam::123456789012:role/service-role/approvals")
	if err != nil || r.Name != "approvals" || r.Account != "123456789012" {
		t.Errorf("role: %+v %v", r, err)
	}
	for _, bad := range []string{"approvals", "arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123:role/x"} {
		if _, err := facts.ParseRoleARN(bad); err == nil {
			t.Errorf("%s accepted as a role ARN", bad)
		}
	}
	f, err := facts.ParseFunctionARN(fnArn + ":live")
	if err != nil || f.Qualifier != "live" || f.Unqualified() != fnArn {
		t.Errorf("function: %+v %v", f, err)
	}
	if _, err := facts.ParseFunctionARN("arn:aws:lambda:us-east-1:123456789012:worker"); err == nil || !strings.Contains(err.Error(), "not a Lambda function ARN") {
		t.Errorf("bad function ARN: %v", err)
	}
}
