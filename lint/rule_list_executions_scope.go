package lint

import (
	"strings"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/facts"
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
	t.eachScopedGroup(facts.ScopeFunction, func(written []string, g *refGroup) {
		matched := false
		for _, ref := range g.refs {
			if ref.matchesUnqualified() || ref.qual == qualOther {
				matched = true
			}
		}
		if matched {
			return
		}
		at := g.at[0]
		t.report(ruleListExecutionsScope, at.node, at.path, t.fixFor("grant it on "+g.arn(), "",
			"in the CDK app, grant it on fn.functionArn itself"),
			"%s granted only on %s, which does not match the function %s it is authorized against",
			strings.Join(written, ", "), at.e.String(), g.name())
	})
}
