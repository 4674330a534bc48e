package templatecmp

// DependsOnIgnored removes DependsOn from every resource.
//
// Sound for what this package compares, the infrastructure a template
// describes once deployed: DependsOn only orders the create, update and
// delete operations of one stack and is not part of any resource's state.
// The renderers legitimately differ here: the SAM translator adds none for a
// durable function, CDK makes a function depend on its role and the role's
// DefaultPolicy (a policy resource that IAMPermissions folds away anyway), and
// implicit dependencies (Ref, Fn::GetAtt, Fn::Sub) already order what must be.
// Whether a template deploys in a working order is for cfn-lint (W3005, E3005)
// and deployment tests, not for a comparison of meaning.
var DependsOnIgnored = Rule{name: "DependsOnIgnored", apply: func(root map[string]any) {
	for _, r := range resources(root) {
		if rm, ok := r.(map[string]any); ok {
			delete(rm, "DependsOn")
		}
	}
}}
