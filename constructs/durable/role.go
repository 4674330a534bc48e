package durable

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/policies"
)

// roleNeeds says what the execution role serves, to pick its managed
// policies (policies.ExecutionRoleManagedPolicies). extra comes from
// FromSpec: the spec's SQS events are plain event source mappings, as SAM
// renders them (an event source added through AddEventSource grants its own
// statements), and its VPC is given by subnet IDs.
func roleNeeds(props *FunctionProps, extra policies.RoleNeeds) policies.RoleNeeds {
	return policies.RoleNeeds{
		LeastPrivilege: props.LeastPrivilege != nil && *props.LeastPrivilege,
		VPC:            props.Vpc != nil || extra.VPC,
		Tracing:        props.Tracing == awslambda.Tracing_ACTIVE,
		EventPolicies:  extra.EventPolicies,
	}
}

// newExecutionRole creates the role the way SAM and the CloudFormation
// output write it: the Lambda trust policy and the managed policies of
// policies.ExecutionRoleManagedPolicies, whose durable policy replaces
// AWSLambdaBasicExecutionRole.
func newExecutionRole(scope constructs.Construct, needs policies.RoleNeeds) awsiam.IRole {
	return awsiam.NewRole(scope, jsii.String("Role"), &awsiam.RoleProps{
		AssumedBy:       lambdaPrincipal(),
		ManagedPolicies: managedPolicies(needs),
	})
}

// newRole creates an execution role with the given managed and inline
// policies: FromSpec's, as the model has them.
func newRole(scope constructs.Construct, managed *[]awsiam.IManagedPolicy, inline map[string]awsiam.PolicyDocument) awsiam.IRole {
	props := &awsiam.RoleProps{AssumedBy: lambdaPrincipal(), ManagedPolicies: managed}
	if len(inline) > 0 {
		props.InlinePolicies = &inline
	}
	return awsiam.NewRole(scope, jsii.String("Role"), props)
}

func managedPolicies(needs policies.RoleNeeds) *[]awsiam.IManagedPolicy {
	var out []awsiam.IManagedPolicy
	for _, name := range policies.ExecutionRoleManagedPolicies(needs) {
		out = append(out, awsiam.ManagedPolicy_FromAwsManagedPolicyName(jsii.String(name)))
	}
	return &out
}

// lambdaPrincipal is the principal execution roles trust.
func lambdaPrincipal() awsiam.IPrincipal {
	return awsiam.NewServicePrincipal(jsii.String(facts.LambdaServicePrincipal), nil)
}

// completeRole gives the role what it still lacks once the function
// exists: the least-privilege statements (they name the function's ARN, so
// they live in a policy of their own that the function does not depend on),
// and for a role passed in, the managed policies that a role created here
// would have.
func (f *function) completeRole(props *FunctionProps, needs policies.RoleNeeds) {
	imported := props.Role != nil && !*awscdk.Resource_IsOwnedResource(props.Role)
	if props.Role != nil && !imported {
		for _, mp := range *managedPolicies(needs) {
			props.Role.AddManagedPolicy(mp)
		}
		f.managed = policies.ExecutionRoleManagedPolicies(needs)
	}
	if needs.LeastPrivilege || imported {
		f.rolePolicy("ExecutionPolicy", policies.ExecutionRole(*f.FunctionArn(), *f.logGroup.LogGroupArn()))
	}
	if imported {
		var missing []string
		for _, name := range policies.ExecutionRoleManagedPolicies(needs) {
			if name != facts.DurableManagedPolicyName {
				missing = append(missing, name)
			}
		}
		msg := "the role is imported: it gets least-privilege statements for the durable execution instead of " +
			facts.DurableManagedPolicyName
		if len(missing) > 0 {
			msg += "; attach " + strings.Join(missing, ", ") + " to it yourself"
		}
		awscdk.Annotations_Of(f).AddInfo(jsii.String(msg))
	}
}

// statements turns statements of package policies into CDK statements.
func statements(stmts []policies.Statement) *[]awsiam.PolicyStatement {
	out := make([]awsiam.PolicyStatement, len(stmts))
	for i, st := range stmts {
		out[i] = awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:       sid(st.Sid),
			Effect:    awsiam.Effect_ALLOW,
			Actions:   jsii.Strings(st.Actions...),
			Resources: jsii.Strings(st.Resources...),
		})
	}
	return &out
}

func sid(s string) *string {
	if s == "" {
		return nil
	}
	return jsii.String(s)
}

// rolePolicy attaches statements to the function's role as a policy of
// its own, id: on a role other stacks may attach to, under a name unique
// per stack (see stackpolicy.go).
func (f *function) rolePolicy(id string, stmts []policies.Statement) {
	var name *string
	if !ownedByStackOf(f, f.role) {
		name = stackPolicyName(f, id)
	}
	awsiam.NewPolicy(f, jsii.String(id), &awsiam.PolicyProps{
		PolicyName: name,
		Roles:      &[]awsiam.IRole{f.role},
		Statements: statements(stmts),
	})
}
