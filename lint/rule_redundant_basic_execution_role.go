package lint

import (
	"path"

	"gopkg.in/yaml.v3"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/facts"
)

var ruleRedundantBasicExecutionRole = &Rule{
	ID:       "DL403",
	Name:     "redundant-basic-execution-role",
	Severity: diag.Warning,
	Fixable:  true,
	Summary:  "AWSLambdaBasicExecutionRole next to the durable managed policy",
	Why: "the durable managed policy replaces AWSLambdaBasicExecutionRole: it holds the same log " +
		"actions plus the durable ones, so the second policy only adds noise to reviews and quotas",
	Fix: "remove AWSLambdaBasicExecutionRole from the role (SAM: from Policies)",
}

func init() { ruleRedundantBasicExecutionRole.check = checkRedundantBasicExecutionRole }

func checkRedundantBasicExecutionRole(t *template) {
	roles := make([]*role, 0, len(t.iam.roles))
	for _, r := range t.order {
		if ro := t.iam.roles[r.id]; ro != nil {
			roles = append(roles, ro)
		}
		if ro := t.iam.implicit[r.id+"Role"]; ro != nil && ro.samFn == r {
			roles = append(roles, ro)
		}
	}
	basic := path.Base(facts.BasicManagedPolicyName)
	for _, ro := range roles {
		if !ro.hasManaged(t, facts.DurableManagedPolicyName) {
			continue
		}
		var list *yaml.Node
		if ro.res != nil {
			list = val(ro.res.props, "ManagedPolicyArns")
		}
		if ro.samFn != nil {
			list = val(ro.samFn.props, "Policies")
		}
		for _, mr := range ro.managed {
			if isManagedPolicy(mr, facts.BasicManagedPolicyName) {
				t.report(ruleRedundantBasicExecutionRole, mr.node, mr.path, t.fixFor("remove "+basic, "",
					"in the CDK app, drop the "+basic+" managed policy from the role"),
					"%s carries %s next to the durable managed policy, which already grants its log actions",
					ro.where(), basic)
				if e, ok := t.removeItem(list, mr.node); ok {
					t.propose(e)
				}
			}
		}
	}
}
