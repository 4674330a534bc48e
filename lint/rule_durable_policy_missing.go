package lint

import (
	"path"
	"strings"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/facts"
)

var ruleDurablePolicyMissing = &Rule{
	ID:       "DL401",
	Name:     "durable-policy-missing",
	Severity: diag.Error,
	Fixable:  true,
	Summary:  "the role of a durable function has neither the durable managed policy nor its two durable actions on the function's executions",
	Why: "the function checkpoints every step and reads its state back through " +
		"lambda:CheckpointDurableExecution and lambda:GetDurableExecutionState; without them every " +
		"execution fails at its first step (SAM and CDK attach the policy only to roles they create)",
	Fix: "attach " + facts.ManagedPolicyARN(facts.PartitionSub, facts.DurableManagedPolicyName) +
		", or allow both actions on " + facts.ExecutionsOf("${Fn.Arn}"),
}

func init() { ruleDurablePolicyMissing.check = checkDurablePolicyMissing }

func checkDurablePolicyMissing(t *template) {
	durableARN := facts.ManagedPolicyARN(facts.PartitionSub, facts.DurableManagedPolicyName)
	for _, fn := range t.fnOrder {
		ro := t.iam.fnRole[fn.id()]
		if ro == nil || ro.unknown || ro.hasManaged(t, facts.DurableManagedPolicyName) {
			continue
		}
		if !ro.managedKnown() {
			continue // a policy whose statements the template does not show
		}
		var missing []string
		for _, a := range facts.CheckpointActions() {
			if !t.roleGrantsOnExecutions(ro, fn, a) {
				missing = append(missing, a)
			}
		}
		if len(missing) == 0 {
			continue
		}
		executions := facts.ExecutionsOf("${" + fn.id() + ".Arn}")
		fix := "add " + durableARN + " to the role's ManagedPolicyArns, or allow " +
			strings.Join(facts.CheckpointActions(), " and ") + " on " + executions
		if ro.hasManaged(t, facts.BasicManagedPolicyName) {
			fix = "replace " + path.Base(facts.BasicManagedPolicyName) + " by " + durableARN +
				", which holds the same log actions plus the durable ones"
		}
		fix = t.fixFor(fix, "", "in the CDK app, role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName(\""+
			facts.DurableManagedPolicyName+"\")) on the role you pass in (CDK attaches it only to a role it creates)")
		k, v := fn.res.prop("Role")
		t.report(ruleDurablePolicyMissing, nodeOr(v, nodeOr(k, fn.res.key)), fn.res.propPath("Role"), fix,
			"%s of durable function %s has neither the durable managed policy nor %s on %s: every execution fails at its first checkpoint",
			ro.where(), fn.id(), strings.Join(missing, " and "), executions)
		for _, mr := range ro.managed {
			if isManagedPolicy(mr, facts.BasicManagedPolicyName) && !mr.bare {
				if e, ok := t.replaceIn(mr.node, path.Base(facts.BasicManagedPolicyName), path.Base(facts.DurableManagedPolicyName)); ok {
					t.propose(e)
				}
				break
			}
		}
	}
}

// withoutDurableActions are the AWS managed policies an execution role
// commonly carries that certainly grant no durable action.
var withoutDurableActions = []string{
	facts.BasicManagedPolicyName, facts.VPCManagedPolicyName,
	facts.SQSManagedPolicyName, facts.XRayManagedPolicyName,
}

// managedKnown reports whether every managed policy of a role is either a
// customer managed policy of the template (whose statements are read) or
// an AWS managed policy known to grant no durable action. Any other policy
// (AdministratorAccess, a customer policy outside the template, an ARN
// known only at deploy time) may grant them, and the role is not judged.
func (ro *role) managedKnown() bool {
	for _, mr := range ro.managed {
		if mr.doc != nil {
			continue
		}
		known := false
		for _, name := range withoutDurableActions {
			known = known || isManagedPolicy(mr, name)
		}
		if !known {
			return false
		}
	}
	return true
}

// roleGrantsOnExecutions reports whether anything attached to a role
// allows an action on a function's durable executions. What cannot be read
// counts as granted: the rule reports only what is certainly missing.
func (t *template) roleGrantsOnExecutions(ro *role, fn *function, action string) bool {
	for _, d := range ro.docs {
		for _, st := range d.stmts {
			if !st.allows(action, true) {
				continue
			}
			if st.notResource || st.opaqueResource {
				return true
			}
			for _, r := range st.resources {
				if t.coversExecutionsOf(r.e, fn) {
					return true
				}
			}
		}
	}
	return false
}

// coversExecutionsOf reports whether a Resource entry may match a
// function's execution ARNs: "*", the function followed by a wildcard, or
// a wildcard ARN that names no function of the template.
func (t *template) coversExecutionsOf(e expr, fn *function) bool {
	s := e.String()
	if s == "*" {
		return true
	}
	refs := t.targets(e)
	for _, r := range refs {
		if r.lambda == fn.res && r.coversExecutions() {
			return true
		}
	}
	if len(refs) > 0 {
		return false
	}
	if e.opaque() {
		return true
	}
	hasParam := false
	for _, p := range e {
		if p.kind == refPart && !pseudoParameters[p.name] && t.resources[p.name] == nil {
			hasParam = true
		}
	}
	return strings.Contains(s, "*") && (strings.Contains(s, ":lambda:") || strings.HasPrefix(s, "arn:*") || hasParam)
}
