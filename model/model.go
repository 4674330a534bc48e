package model

import (
	"errors"
	"slices"

	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/spec"
)

// App is a resolved application. Build it with Build or Load; a zero App is
// not valid, and the renderers refuse it.
type App struct {
	// Spec is the validated spec the model was built from.
	Spec *spec.File
	// Description is the template description.
	Description string
	// Parameters, Mappings, Conditions and Resources are the spec's own
	// sections, in the spec's order.
	Parameters []*spec.Parameter
	Mappings   []*spec.Section
	Conditions []*spec.Section
	Resources  []*spec.Resource
	// Functions in the spec's order.
	Functions []*Function
	// Policies are the AWS::IAM::Policy resources: grants, durable invokes,
	// least-privilege and existing-role execution policies, statements on
	// existing roles. Each is its own resource, never inline in a role, so
	// that two functions granting each other form no cycle.
	Policies []*Policy
	// Outputs are the generated outputs followed by the spec's own.
	Outputs []*Output
	// Rules assert, for every existing role granted something, that the
	// stack is deployed in the role's account.
	Rules []*Rule
	// HTTPAPI is the stack's own HTTP API, nil without http events that
	// name no existing API.
	HTTPAPI *HTTPAPI
	// Notifications are what S3 events add to buckets of the spec's
	// resources, by bucket name (see ResourceBody).
	Notifications map[string]*BucketNotification

	globals map[string]any
	valid   bool
	// names is the allocator that handed out every logical ID.
	names *allocator
}

// ErrNotValidated is returned by renderers given an App that Build did not
// make.
var ErrNotValidated = errors.New("the model was not built from a validated spec (use model.Build or model.Load)")

// Check returns ErrNotValidated unless the app came from Build.
func (a *App) Check() error {
	if a == nil || !a.valid {
		return ErrNotValidated
	}
	return nil
}

// Function is one function of the application and every resource made for
// it.
type Function struct {
	// Spec is the function as the spec wrote it, globals merged and
	// defaults applied.
	Spec *spec.Function
	// ID is the function's logical ID (its name in the spec).
	ID string
	// Durable reports whether it is a durable function.
	Durable bool
	// Properties are the AWS::Lambda::Function properties in
	// CloudFormation's spelling, as plain data; local code is a LocalCode.
	Properties map[string]any
	// Role is the generated execution role; nil when the function runs
	// under an existing role.
	Role *Role
	// RoleArn is the role's ARN as template data.
	RoleArn any
	// RoleRef is how policies attach to the function's role: a Ref of the
	// generated role, the name of an existing role, or nil when the
	// existing role's name is not known.
	RoleRef any
	// LogGroupID is the explicit log group's logical ID; LogRetentionDays
	// its retention.
	LogGroupID       string
	LogRetentionDays int
	// Alias is the alias name ("" for a plain function without one);
	// AliasID its logical ID and VersionPrefix the version's logical ID
	// without its hash.
	Alias         string
	AliasID       string
	VersionPrefix string
	// DeadLetter is the kind of the dead-letter target (DeadLetterQueue or
	// DeadLetterTopic), "" without one.
	DeadLetter string
	// DependsOn are policies the function is created after: the use of its
	// customer key (Lambda may check it when the function is created, and
	// the first executions need it).
	DependsOn []string
	// Events are the function's event sources, all on the alias when there
	// is one.
	Events []*Event
	// Outputs are the logical IDs of the function's generated outputs.
	ArnOutputID, AliasArnOutputID string
}

// Kinds of dead-letter target.
const (
	DeadLetterQueue = "SQS"
	DeadLetterTopic = "SNS"
)

// LocalCode is a function's code as a local path, written for `aws
// cloudformation package` (CloudFormation) or as CodeUri (SAM).
type LocalCode struct {
	// Path is relative to the directory of the template (or absolute).
	Path string
	// Dir is where Path was resolved from when the spec was loaded: the
	// digest reads the code there.
	Dir string
}

// Role is a generated execution role.
type Role struct {
	ID string
	// AWSManagedPolicies are the names (facts.*ManagedPolicyName) of the
	// AWS managed policies the role needs, in the order SAM writes them.
	AWSManagedPolicies []string
	// SpecManagedPolicyArns are the spec's own managed policies, as the
	// spec wrote them (template data), written after the AWS ones.
	SpecManagedPolicyArns []any
	// Policies are the role's inline policies.
	Policies []InlinePolicy
	// Tags are the function's tags.
	Tags []spec.KeyValue
	// SAMCreates reports whether SAM creates this role from the function's
	// properties (the SAM output then writes no role).
	SAMCreates bool

	// managedPolicyArns is ManagedPolicyArns, built by Build.
	managedPolicyArns []any
}

// InlinePolicy is an inline policy of a generated role.
type InlinePolicy struct {
	Name     string
	Document map[string]any
	// FromSpec marks the policy of the spec's own statements (SAM:
	// Policies).
	FromSpec bool
}

// ManagedPolicyArns are the role's managed policies as template data: the
// AWS ones (a Sub of their ARN in the stack's partition), then the spec's.
// A role that Build made returns them as built once, shared by every
// output: read them, never change them.
func (r *Role) ManagedPolicyArns() []any {
	if r.managedPolicyArns != nil {
		return slices.Clip(r.managedPolicyArns)
	}
	var out []any
	for _, name := range r.AWSManagedPolicies {
		out = append(out, Sub(facts.ManagedPolicyARN(facts.PartitionSub, name)))
	}
	return append(out, r.SpecManagedPolicyArns...)
}

// Policy is an AWS::IAM::Policy resource.
type Policy struct {
	ID         string
	PolicyName any
	Document   map[string]any
	// Roles are template data: Ref of a generated role or a role name.
	Roles []any
	// Grant is set for a grant of the spec: what the CDK construct builds
	// with its grant methods.
	Grant *Grant
	// Function is the function whose role the policy is on, for the
	// execution and role policies of a function; nil otherwise.
	Function *Function
}

// Grant says which grant of the spec a Policy is.
type Grant struct {
	// Kind is a grant kind, or policies.KindInvoker for durable invokes.
	Kind string
	// On is the function granted on; Grantee the function receiving it
	// (nil for an existing role, RoleArn then).
	On, Grantee *Function
	RoleArn     string
	// Label tells apart grants to existing roles: Role1, Role2 …
	Label string
	// Targets are the targets of durable invokes (KindInvoker), in the
	// spec's order.
	Targets []InvokeTarget
}

// InvokeTarget is a function a durable invoke targets: one of the spec, or
// any function by its unqualified ARN.
type InvokeTarget struct {
	Function    *Function
	FunctionArn string
}

// Output is a template output.
type Output struct {
	ID          string
	Description string
	Value       any
	Export      any
	// Function and Attr are set for a generated output: what the CDK
	// construct writes as the function's token (Attr "Arn" or "AliasArn").
	Function *Function
	Attr     string
}

// Rule is an entry of the template's Rules section.
type Rule struct {
	ID          string
	Account     string
	Description string
}
