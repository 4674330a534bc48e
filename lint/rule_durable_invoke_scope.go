package lint

import (
	"strings"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/facts"
)

var ruleDurableInvokeScope = &Rule{
	ID:       "DL406",
	Name:     "durable-invoke-scope",
	Severity: diag.Error,
	Fixable:  true,
	Summary:  "a durable function's role may invoke another function only through its unqualified ARN",
	Why: "a durable invoke (the SDK's invoke) must call a durable target through a qualified ARN (an " +
		"alias or version), and a grant on the unqualified ARN does not match a qualified one",
	Fix: "grant lambda:InvokeFunction on the target's ARN and on <TargetArn>:*, as policies.DurableInvoke does",
}

func init() { ruleDurableInvokeScope.check = checkDurableInvokeScope }

func checkDurableInvokeScope(t *template) {
	for _, d := range t.iam.docs {
		var grantees []string
		for _, ro := range d.roles {
			for _, u := range ro.users {
				grantees = append(grantees, u.id())
			}
		}
		if len(grantees) == 0 {
			continue
		}
		for _, st := range d.stmts {
			if st.notAction || st.notResource || !st.allows(facts.ActionInvoke, false) {
				continue
			}
			groups, ok := t.groupByFunction(st)
			if !ok {
				continue
			}
			for _, g := range groups {
				var unqualified *resourceAt
				qualified := false
				for i, ref := range g.refs {
					switch {
					case ref.qual == qualNone && ref.tail == "":
						if unqualified == nil {
							unqualified = &g.at[i]
						}
					case ref.qual == qualAll || ref.qual.isQualified():
						qualified = true
					}
				}
				if unqualified == nil || qualified {
					continue
				}
				fix := t.fixFor("add "+facts.ExecutionsOf(g.arn())+" to the Resource list", "",
					"in the CDK app, grant lambda:InvokeFunction on target.functionArn and target.functionArn + \":*\"")
				if g.fn != nil {
					t.report(ruleDurableInvokeScope, unqualified.node, unqualified.path, fix,
						"the role of durable function %s allows lambda:InvokeFunction on the unqualified ARN of durable function %s only: a durable target is invoked through a qualified ARN, so the durable invoke is denied",
						strings.Join(grantees, ", "), g.name())
					arn := facts.ExecutionsOf(g.arn())
					if e, ok := t.appendItem(val(st.node, "Resource"), unqualified.node, yamlSub(arn), jsonSub(arn)); ok {
						t.propose(e)
					}
					continue
				}
				t.reportAs(ruleDurableInvokeScope, diag.Warning, unqualified.node, unqualified.path, fix,
					"the role of durable function %s allows lambda:InvokeFunction on the unqualified ARN of %s only: if %s is durable, it is invoked through a qualified ARN and the durable invoke is denied",
					strings.Join(grantees, ", "), g.name(), g.name())
			}
		}
	}
}
