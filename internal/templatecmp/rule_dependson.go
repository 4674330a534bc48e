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
// Known gap: deploy order is not compared, and cfn-lint does not check it
// either (W3005 flags a redundant DependsOn, E3005 a broken one, never a
// missing one). Lambda checks some role permissions when a function or an
// event source mapping is created (dead-letter target, VPC, SQS); our
// outputs keep those in the role itself (managed policies and inline
// Policies), never in a separate policy, so the function's implicit
// dependency on its role orders them. A renderer that moved them into an
// AWS::IAM::Policy without a DependsOn would still compare equal here: keep
// them in the role.
var DependsOnIgnored = Rule{name: "DependsOnIgnored", apply: func(root map[string]any) {
	for _, r := range resources(root) {
		if rm, ok := r.(map[string]any); ok {
			delete(rm, "DependsOn")
		}
	}
}}
