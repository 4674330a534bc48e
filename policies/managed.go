package policies

import "github.com/durablefn/durablefn/facts"

// RoleNeeds describes what an execution role serves, to pick its managed
// policies.
type RoleNeeds struct {
	// LeastPrivilege replaces the durable managed policy by inline
	// statements (see ExecutionRole).
	LeastPrivilege bool
	// Plain is a function without durable executions: it gets
	// AWSLambdaBasicExecutionRole instead of the durable policy.
	Plain   bool
	VPC     bool
	Tracing bool
	// EventPolicies are the managed policies the event source mappings
	// need (facts.SQSManagedPolicyName …), in the order SAM adds them.
	EventPolicies []string
}

// ExecutionRoleManagedPolicies returns the managed policy names (see
// facts.ManagedPolicyARN) of a durable function's execution role, in the order
// SAM writes them. The durable policy replaces AWSLambdaBasicExecutionRole,
// which is never returned. In least-privilege mode the durable policy is
// left out too (its statements are inline); the others stay, since their
// resources are not known in advance.
func ExecutionRoleManagedPolicies(n RoleNeeds) []string {
	var out []string
	switch {
	case n.Plain:
		out = append(out, facts.BasicManagedPolicyName)
	case !n.LeastPrivilege:
		out = append(out, facts.DurableManagedPolicyName)
	}
	if n.Tracing {
		out = append(out, facts.XRayManagedPolicyName)
	}
	if n.VPC {
		out = append(out, facts.VPCManagedPolicyName)
	}
	return append(out, n.EventPolicies...)
}
