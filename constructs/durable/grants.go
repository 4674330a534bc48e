package durable

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"

	"github.com/durablefn/durablefn/policies"
)

// grantState remembers the grants made, so that granting the same kind to
// the same principal twice returns the first grant (grants are idempotent
// per principal, as in aws-cdk-lib).
type grantState struct {
	byKey map[string]awsiam.Grant
	// invoker is what holds the function's durable invoke statements
	// (construct ID "DurableInvoke"): a view of its own role, or a policy
	// of this stack's (stackPolicy) on a role the stack does not own.
	invoker awsiam.IGrantable
	// invokeTargets are the ARNs granted by GrantDurableInvoke.
	invokeTargets []string
}

func (f *function) target() policies.Target {
	alias := f.AliasArn()
	if alias == nil {
		// A plain function without an alias: invoked unqualified.
		alias = f.FunctionArn()
	}
	return policies.Target{FunctionArn: *f.FunctionArn(), AliasArn: *alias}
}

func (f *function) GrantCallbackSender(grantee awsiam.IGrantable) awsiam.Grant {
	return f.grant(policies.KindCallbackSender, grantee, "", nil)
}

func (f *function) GrantStarter(grantee awsiam.IGrantable) awsiam.Grant {
	return f.grant(policies.KindStarter, grantee, "", nil)
}

func (f *function) GrantObserver(grantee awsiam.IGrantable) awsiam.Grant {
	return f.grant(policies.KindObserver, grantee, "", nil)
}

func (f *function) GrantOperator(grantee awsiam.IGrantable) awsiam.Grant {
	return f.grant(policies.KindOperator, grantee, "", nil)
}

func (f *function) GrantDurableInvoke(target InvokeTarget) awsiam.Grant {
	return f.grantDurableInvoke(target, nil)
}

// grantDurableInvoke is GrantDurableInvoke with the policy's name, which
// FromSpec gives (the model's); nil names it as grant does.
func (f *function) grantDurableInvoke(target InvokeTarget, policyName *string) awsiam.Grant {
	arn := *target.FunctionArn()
	key := "invoke|" + arn
	if g, ok := f.grants.byKey[key]; ok {
		return g
	}
	if f.grants.invoker == nil {
		if policyName != nil || !ownedByStackOf(f, f.role) {
			f.grants.invoker = newStackPolicy(f, "DurableInvoke", f.role, f.roleName, policyName)
		} else {
			f.grants.invoker = roleView(f, "DurableInvoke", f.role)
		}
	}
	g := addToPrincipal(f, f.grants.invoker, policies.DurableInvoke(arn))
	f.remember(key, g)
	f.grants.invokeTargets = append(f.grants.invokeTargets, arn)
	return g
}

// grant grants kind on this function to grantee. A role receives the
// statements in a policy of its own, a child of this function named
// <Kind><label>: label is the grantee's construct ID for a durable Function,
// else the role's construct path below its stack (FromSpec passes the names
// the generators use). On a role this stack does not create, the policy's
// name is unique per stack (stackPolicy): policyName, which FromSpec gives
// (the model's, for every grant), else one made of the policy's construct
// path and the stack's UUID. Any other principal (a user, a group, an
// account) gets the statements the way aws-cdk-lib grants, in its default
// policy.
func (f *function) grant(kind policies.Kind, grantee awsiam.IGrantable, label string, policyName *string) awsiam.Grant {
	stmts, _ := policies.For(kind, f.target())
	stmts = f.withKey(kind, stmts)
	principal := grantee.GrantPrincipal()
	role, isRole := principal.(awsiam.IRole)
	if !isRole {
		return addToPrincipal(f, grantee, stmts)
	}
	key := string(kind) + "|" + *role.Node().Path()
	if g, ok := f.grants.byKey[key]; ok {
		return g
	}
	if label == "" {
		label = granteeLabel(grantee, role)
	}
	id := kindID(kind) + label
	for i := 2; f.node.TryFindChild(jsii.String(id)) != nil; i++ {
		id = fmt.Sprintf("%s%s%d", kindID(kind), label, i)
	}
	if awscdk.Token_CompareStrings(role.Env().Account, awscdk.Stack_Of(f).Account()) == awscdk.TokenComparison_DIFFERENT() {
		// CDK would drop the statements silently (an immutable role).
		awscdk.Annotations_Of(f).AddError(jsii.String(fmt.Sprintf(
			"cannot grant %s to role %s: a policy can only be attached to a role of the stack's own account (%s)",
			kind, *role.RoleArn(), *awscdk.Stack_Of(f).Account())))
		g := awsiam.Grant_Drop(grantee, jsii.String(string(kind)))
		f.remember(key, g)
		return g
	}
	var name *string
	if fn, ok := grantee.(*function); ok {
		name = fn.roleName
	}
	var holder awsiam.IGrantable
	if policyName != nil || !ownedByStackOf(f, role) {
		holder = newStackPolicy(f, id, role, name, policyName)
	} else {
		holder = roleView(f, id, role)
	}
	g := addToPrincipal(f, holder, stmts)
	f.remember(key, g)
	return g
}

func (f *function) remember(key string, g awsiam.Grant) {
	if f.grants.byKey == nil {
		f.grants.byKey = map[string]awsiam.Grant{}
	}
	f.grants.byKey[key] = g
}

// roleView imports a role this stack creates again below the function, by
// name (a Ref), so that what is granted to it lands in a policy of its own
// (<id>/Policy), not in the role's DefaultPolicy, which the role's function
// depends on. A role the stack does not create gets a stackPolicy instead.
func roleView(f *function, id string, role awsiam.IRole) awsiam.IRole {
	return awsiam.Role_FromRoleName(f, jsii.String(id), role.RoleName(), &awsiam.FromRoleNameOptions{Mutable: jsii.Bool(true)})
}

// addToPrincipal grants each statement with awsiam.Grant_AddToPrincipal and
// combines the grants.
func addToPrincipal(f *function, grantee awsiam.IGrantable, stmts []policies.Statement) awsiam.Grant {
	var out awsiam.Grant
	for _, st := range stmts {
		g := awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{
			Grantee:      grantee,
			Actions:      jsii.Strings(st.Actions...),
			ResourceArns: jsii.Strings(st.Resources...),
		})
		if out == nil {
			out = g
		} else {
			out = out.Combine(g)
		}
	}
	return out
}

var nonAlnum = regexp.MustCompile(`[^A-Za-z0-9]`)

// granteeLabel names a grantee in construct IDs: a durable Function by its
// ID, a role by its path below the stack.
func granteeLabel(grantee awsiam.IGrantable, role awsiam.IRole) string {
	if fn, ok := grantee.(Function); ok {
		return nonAlnum.ReplaceAllString(*fn.Node().Id(), "")
	}
	path := *role.Node().Path()
	stackPath := *awscdk.Stack_Of(role).Node().Path()
	path = strings.TrimPrefix(path, stackPath+"/")
	return nonAlnum.ReplaceAllString(path, "")
}

// kindID writes a grant kind into a construct ID: "callback-sender" →
// "CallbackSender", as the generators name their policies.
func kindID(k policies.Kind) string {
	var b strings.Builder
	for _, part := range strings.Split(string(k), "-") {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}
