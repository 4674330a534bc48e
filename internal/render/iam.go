package render

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/awslabs/goformation/v7/cloudformation/iam"
	"github.com/awslabs/goformation/v7/cloudformation/tags"

	"github.com/durablefn/durablefn/internal/cfnext"
	"github.com/durablefn/durablefn/policies"
	"github.com/durablefn/durablefn/spec"
)

var wholeRefRE = regexp.MustCompile(`^\$\{([A-Za-z0-9]+)(\.[A-Za-z0-9.]+)?\}$`)

// Value writes a policy string into a template: "${X}" as a Ref,
// "${X.Attr}" as a GetAtt, another string with placeholders as a Sub, and
// the literal otherwise.
func Value(s string) string {
	if m := wholeRefRE.FindStringSubmatch(s); m != nil {
		if m[2] == "" {
			return cloudformation.Ref(m[1])
		}
		return cloudformation.GetAtt(m[1], m[2][1:])
	}
	if strings.Contains(s, "${") {
		return cloudformation.Sub(s)
	}
	return s
}

// Document turns policy statements into a template policy document.
func Document(stmts []policies.Statement) map[string]any {
	out := make([]any, 0, len(stmts))
	for _, st := range stmts {
		m := map[string]any{"Effect": st.Effect}
		if st.Sid != "" {
			m["Sid"] = st.Sid
		}
		m["Action"] = oneOrList(st.Actions, func(s string) any { return s })
		m["Resource"] = oneOrList(st.Resources, func(s string) any { return Value(s) })
		out = append(out, m)
	}
	return map[string]any{"Version": "2012-10-17", "Statement": out}
}

func oneOrList(items []string, conv func(string) any) any {
	if len(items) == 1 {
		return conv(items[0])
	}
	l := make([]any, len(items))
	for i, s := range items {
		l[i] = conv(s)
	}
	return l
}

// RoleNeeds says what a function's execution role serves.
func RoleNeeds(fn *spec.Function) policies.RoleNeeds {
	n := policies.RoleNeeds{LeastPrivilege: fn.LeastPrivilege, VPC: fn.VPC != nil, Tracing: fn.Tracing == "Active"}
	for _, ev := range fn.Events {
		if ev.Kind == spec.EventSQS {
			n.SQSEvents = true
		}
	}
	return n
}

// ExecutionRole renders a function's role the way SAM writes the role it
// creates: the Lambda trust policy, the managed policies of
// policies.ExecutionRoleManagedPolicies, the dead-letter policy and the
// function's tags.
func ExecutionRole(fn *spec.Function) *iam.Role {
	r := &iam.Role{
		AssumeRolePolicyDocument: map[string]any{
			"Version": "2012-10-17",
			"Statement": []any{map[string]any{
				"Action":    []any{"sts:AssumeRole"},
				"Effect":    "Allow",
				"Principal": map[string]any{"Service": []any{"lambda.amazonaws.com"}},
			}},
		},
		Tags: Tags(fn),
	}
	for _, name := range policies.ExecutionRoleManagedPolicies(RoleNeeds(fn)) {
		r.ManagedPolicyArns = append(r.ManagedPolicyArns, cloudformation.Sub(policies.ManagedPolicyARN(policies.PartitionSub, name)))
	}
	if fn.DeadLetterQueue != "" {
		r.Policies = []iam.Role_Policy{{
			PolicyName:     "DeadLetterQueuePolicy",
			PolicyDocument: Document(policies.DeadLetterQueue(fn.DeadLetterQueue, IsTopic(fn.DeadLetterQueue))),
		}}
	}
	return r
}

// IsTopic reports whether an ARN is an SNS topic (else an SQS queue).
func IsTopic(arn string) bool { return strings.Contains(arn, ":sns:") }

// Tags renders the spec's tags as a CloudFormation tag list.
func Tags(fn *spec.Function) []tags.Tag {
	var out []tags.Tag
	for _, kv := range fn.Tags {
		out = append(out, tags.Tag{Key: kv.Key, Value: kv.Value})
	}
	return out
}

// ExecutionPolicy is the least-privilege replacement of the durable managed
// policy. It is a resource of its own, not inline in the role: it names the
// function's ARN, and the function depends on the role.
func ExecutionPolicy(fn *spec.Function) *iam.Policy {
	ids := NamesOf(fn)
	return &iam.Policy{
		PolicyName:     ids.ExecutionPolicy,
		PolicyDocument: Document(policies.ExecutionRole(FunctionArn(fn), "${"+ids.LogGroup+".Arn}")),
		Roles:          []string{cloudformation.Ref(ids.Role)},
	}
}

// grantPolicyName names the inline policy a grant writes on a role. A role
// the stack does not own may receive the same grant from two stacks of one
// spec (dev and prod in one account): the stack name keeps their policies
// apart, so that neither overwrites nor deletes the other's. (Inline policy
// names are at most 128 characters: stack names up to ~90 characters fit.)
func grantPolicyName(p spec.Principal, id string) string {
	if p.RoleArn != "" {
		return cloudformation.Sub("${AWS::StackName}-" + id)
	}
	return id
}

// principalRole is the role a grant is attached to: a function's role of the
// spec by reference, an existing role by name.
func principalRole(p spec.Principal) string {
	if p.Function != "" {
		return cloudformation.Ref(p.Function + "Role")
	}
	r, _ := policies.ParseRoleARN(p.RoleArn) // validated by spec
	return r.Name
}

// Grants renders every grant of the spec as an AWS::IAM::Policy attached to
// the grantee's role. Grants are resources of their own, never inline in a
// role: two functions granting each other would otherwise form a cycle.
func Grants(f *spec.File) map[string]cloudformation.Resource {
	out := map[string]cloudformation.Resource{}
	for _, fn := range f.Functions {
		for _, g := range fn.Grants() {
			roles := 0
			for _, p := range g.Principals {
				stmts, _ := policies.For(g.Kind, Target(fn))
				id := GrantID(fn, g.Kind, p, roles)
				if p.RoleArn != "" {
					roles++
				}
				out[id] = &iam.Policy{
					PolicyName:     grantPolicyName(p, id),
					PolicyDocument: Document(stmts),
					Roles:          []string{principalRole(p)},
				}
			}
		}
		if len(fn.Invokes) > 0 {
			var arns []string
			for _, t := range fn.Invokes {
				if t.Function != "" {
					arns = append(arns, FunctionArn(f.Function(t.Function)))
				} else {
					a, _ := policies.ParseFunctionARN(t.FunctionArn) // validated by spec
					arns = append(arns, a.Unqualified())
				}
			}
			id := NamesOf(fn).InvokePolicy
			out[id] = &iam.Policy{
				PolicyName:     id,
				PolicyDocument: Document(policies.DurableInvoke(arns...)),
				Roles:          []string{cloudformation.Ref(NamesOf(fn).Role)},
			}
		}
	}
	return out
}

// AccountRules asserts, for every existing role granted something, that the
// stack is deployed in that role's account: a policy can only attach to a
// role of its own account, and a deploy elsewhere would fail late or attach
// to a same-named role of the wrong account.
func AccountRules(f *spec.File) map[string]cfnext.Rule {
	roles := map[string][]string{}
	for _, fn := range f.Functions {
		for _, g := range fn.Grants() {
			for _, p := range g.Principals {
				if p.RoleArn == "" {
					continue
				}
				r, _ := policies.ParseRoleARN(p.RoleArn)
				roles[r.Account] = appendUnique(roles[r.Account], p.RoleArn)
			}
		}
	}
	if len(roles) == 0 {
		return nil
	}
	out := map[string]cfnext.Rule{}
	accounts := make([]string, 0, len(roles))
	for a := range roles {
		accounts = append(accounts, a)
	}
	sort.Strings(accounts)
	for _, a := range accounts {
		out["GrantedRolesInAccount"+a] = cfnext.Rule{Assertions: []cfnext.Assertion{{
			Assert: map[string]any{"Fn::Equals": []any{map[string]any{"Ref": "AWS::AccountId"}, a}},
			AssertDescription: fmt.Sprintf("this stack grants permissions to %s, which can only be attached from account %s: deploy the stack in account %s",
				strings.Join(roles[a], ", "), a, a),
		}}}
	}
	return out
}

func appendUnique(l []string, s string) []string {
	for _, x := range l {
		if x == s {
			return l
		}
	}
	return append(l, s)
}
