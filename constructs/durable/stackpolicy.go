package durable

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/durablefn/durablefn/facts"
)

// A policy on a role that this stack does not create (an imported role, a
// role of another stack) shares that role with whatever else attaches to it:
// IAM keeps a role's inline policies by name, so two stacks writing the same
// name on one role overwrite each other's statements, and deleting one
// stack deletes the other's policy. aws-cdk-lib names a policy after its
// logical ID, which is the same in every stack built by the same code (dev
// and prod of one app, one stack name in two regions). Such a policy is
// named here as the generators name it (docs/security.md, "Policy names"):
//
//	<part>-<UUID of the stack>
//
// the UUID being the last part of AWS::StackId. FromSpec gives the model's
// name (<LogicalID>-<UUID>); the construct's own grants make the part from
// the policy's construct path (awscdk.Names_UniqueResourceName, at most
// facts.MaxStackPolicyPartLength characters), so that the name fits IAM's
// 128 and differs between two policies of one stack.

// stackPolicy is an AWS::IAM::Policy of this stack on one role, with a name
// unique per stack, that holds what is granted through it. It is the
// principal handed to awsiam.Grant_AddToPrincipal: an awsiam.IPrincipal
// whose AddToPrincipalPolicy adds the statement to the policy's document
// and returns the policy as what the grant depends on, so that the grant
// is a successful one (Success, PrincipalStatements, ApplyBefore), made
// through public API only. The role itself is not modified.
type stackPolicy struct {
	role     awsiam.IRole
	document awsiam.PolicyDocument
	policy   awsiam.CfnPolicy
}

// newStackPolicy creates the policy at <id>/Policy/Resource below f (the
// path, so the logical ID, that a grant through a role view has), attached
// to the role by roleName (FromSpec's name for it) or else by the role's
// own name, and named policyName or else by stackPolicyName.
func newStackPolicy(f *function, id string, role awsiam.IRole, roleName, policyName *string) *stackPolicy {
	scope := constructs.NewConstruct(f, jsii.String(id))
	holder := constructs.NewConstruct(scope, jsii.String("Policy"))
	if policyName == nil {
		policyName = stackPolicyName(scope, "Policy")
	}
	if roleName == nil {
		roleName = role.RoleName()
	}
	doc := awsiam.NewPolicyDocument(nil)
	policy := awsiam.NewCfnPolicy(holder, jsii.String("Resource"), &awsiam.CfnPolicyProps{
		PolicyName:     policyName,
		PolicyDocument: doc,
		Roles:          &[]*string{roleName},
	})
	return &stackPolicy{role: role, document: doc, policy: policy}
}

func (p *stackPolicy) GrantPrincipal() awsiam.IPrincipal { return p }

// AddToPrincipalPolicy adds statement to the policy.
func (p *stackPolicy) AddToPrincipalPolicy(statement awsiam.PolicyStatement) *awsiam.AddToPrincipalPolicyResult {
	p.document.AddStatements(statement)
	return &awsiam.AddToPrincipalPolicyResult{StatementAdded: jsii.Bool(true), PolicyDependable: p.policy}
}

func (p *stackPolicy) AssumeRoleAction() *string { return p.role.AssumeRoleAction() }

func (p *stackPolicy) PolicyFragment() awsiam.PrincipalPolicyFragment { return p.role.PolicyFragment() }

func (p *stackPolicy) PrincipalAccount() *string { return p.role.PrincipalAccount() }

// stackPolicyName names a policy of this stack on a role it does not own:
// the unique resource name of scope (its construct path, with a hash),
// followed by suffix, at most facts.MaxStackPolicyPartLength characters in
// all, then "-" and the stack's UUID:
//
//	Fn::Join ["-", [<part>, Fn::Select [2, Fn::Split ["/", Ref AWS::StackId]]]]
func stackPolicyName(scope constructs.IConstruct, suffix string) *string {
	part := *awscdk.Names_UniqueResourceName(scope, &awscdk.UniqueResourceNameOptions{
		MaxLength: jsii.Number(facts.MaxStackPolicyPartLength - len(suffix)),
	}) + suffix
	uuid := awscdk.Fn_Select(jsii.Number(2), awscdk.Fn_Split(jsii.String("/"), awscdk.Aws_STACK_ID(), nil))
	return awscdk.Fn_Join(jsii.String("-"), &[]*string{jsii.String(part), uuid})
}

// ownedByStackOf reports whether role is created by the stack f is in: the
// one case where the names aws-cdk-lib gives the policies on it cannot meet
// those of another stack.
func ownedByStackOf(f *function, role awsiam.IRole) bool {
	if !*awscdk.Resource_IsOwnedResource(role) {
		return false
	}
	return *awscdk.Stack_Of(role).Node().Path() == *awscdk.Stack_Of(f).Node().Path()
}
