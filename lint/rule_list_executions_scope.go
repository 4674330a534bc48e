package lint

import (
	"strings"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/policies"
)

var ruleListExecutionsScope = &Rule{
	ID:       "DL405",
	Name:     "list-executions-scope",
	Severity: diag.Warning,
	Summary:  "lambda:ListDurableExecutionsByFunction granted only on <FunctionArn>:* or an alias",
	Why: "unlike the other durable actions, ListDurableExecutionsByFunction is authorized against the " +
		"function itself, and <FunctionArn>:* does not match the unqualified ARN",
	Fix: "grant it on the function ARN (${Fn.Arn}), as the observer grant of package policies does",
}

func init() { ruleListExecutionsScope.check = checkListExecutionsScope }

func checkListExecutionsScope(t *template) {
	for _, d := range t.iam.docs {
		for _, st := range d.stmts {
			if st.notResource {
				continue
			}
			actions, written := namedActions(st, policies.ScopeFunction)
			if len(actions) == 0 {
				continue
			}
			groups, ok := t.groupByFunction(st)
			if !ok {
				continue
			}
			for _, g := range groups {
				matched := false
				for _, ref := range g.refs {
					if ref.matchesUnqualified() || ref.qual == qualOther {
						matched = true
					}
				}
				if matched {
					continue
				}
				at := g.at[0]
				t.report(ruleListExecutionsScope, at.node, at.path, "grant it on "+g.arn(),
					"%s granted only on %s, which does not match the function %s it is authorized against",
					strings.Join(written, ", "), at.e.String(), g.name())
			}
		}
	}
}
