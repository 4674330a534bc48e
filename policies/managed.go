package policies

// The AWS managed policies an execution role gets.
const (
	// DurableManagedPolicyName is the durable execution role policy. It
	// replaces AWSLambdaBasicExecutionRole: it holds the same log actions
	// plus CheckpointDurableExecution and GetDurableExecutionState.
	DurableManagedPolicyName = "service-role/AWSLambdaBasicDurableExecutionRolePolicy"
	// BasicManagedPolicyName is the plain Lambda execution role policy; a
	// durable function's role must not carry it next to the durable one.
	BasicManagedPolicyName = "service-role/AWSLambdaBasicExecutionRole"
	// SQSManagedPolicyName is what an SQS event source needs (SAM attaches
	// it for SQS events, so every output does).
	SQSManagedPolicyName = "service-role/AWSLambdaSQSQueueExecutionRole"
	// VPCManagedPolicyName is what a function in a VPC needs for its network
	// interfaces (SAM attaches it when VpcConfig is set).
	VPCManagedPolicyName = "service-role/AWSLambdaVPCAccessExecutionRole"
	// XRayManagedPolicyName is what active tracing needs (SAM attaches it
	// when Tracing is Active).
	XRayManagedPolicyName = "AWSXrayWriteOnlyAccess"
)

// ManagedPolicyARN returns the ARN of an AWS managed policy in a partition
// (a literal such as "aws", or PartitionSub for templates).
func ManagedPolicyARN(partition, name string) string {
	return "arn:" + partition + ":iam::aws:policy/" + name
}

// RoleNeeds describes what an execution role serves, to pick its managed
// policies.
type RoleNeeds struct {
	// LeastPrivilege replaces the durable managed policy by inline
	// statements (see ExecutionRole).
	LeastPrivilege bool
	// Plain is a function without durable executions: it gets
	// AWSLambdaBasicExecutionRole instead of the durable policy.
	Plain     bool
	SQSEvents bool
	VPC       bool
	Tracing   bool
}

// ExecutionRoleManagedPolicies returns the managed policy names (see
// ManagedPolicyARN) of a durable function's execution role, in the order
// SAM writes them. The durable policy replaces AWSLambdaBasicExecutionRole,
// which is never returned. In least-privilege mode the durable policy is
// left out too (its statements are inline); the others stay, since their
// resources are not known in advance.
func ExecutionRoleManagedPolicies(n RoleNeeds) []string {
	var out []string
	switch {
	case n.Plain:
		out = append(out, BasicManagedPolicyName)
	case !n.LeastPrivilege:
		out = append(out, DurableManagedPolicyName)
	}
	if n.Tracing {
		out = append(out, XRayManagedPolicyName)
	}
	if n.VPC {
		out = append(out, VPCManagedPolicyName)
	}
	if n.SQSEvents {
		out = append(out, SQSManagedPolicyName)
	}
	return out
}
