package lint

import (
	"strings"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/facts"
)

var ruleExecutionGrantScope = &Rule{
	ID:       "DL404",
	Name:     "execution-grant-scope",
	Severity: diag.Error,
	Fixable:  true,
	Summary:  "callback, observer or operator actions granted on the unqualified function ARN or on an alias ARN",
	Why: "these actions are authorized against durable execution ARNs " +
		"(<FunctionArn>:<version>/durable-execution/<name>/<id>), whose qualifier is a version or " +
		"$LATEST, never an alias: the unqualified ARN and the alias ARN never match, and the call is denied at run time",
	Fix: "grant them on " + facts.ExecutionsOf("${Fn.Arn}"),
}

func init() { ruleExecutionGrantScope.check = checkExecutionGrantScope }

func checkExecutionGrantScope(t *template) {
	t.eachScopedGroup(facts.ScopeExecution, func(written []string, g *refGroup) {
		covered := false
		for _, ref := range g.refs {
			if ref.coversExecutions() {
				covered = true
			}
		}
		if covered {
			return
		}
		ref, at := g.refs[0], g.at[0]
		what := "the unqualified ARN of " + g.name()
		switch {
		case ref.viaAlias:
			what = "an alias ARN of " + g.name() + " (execution ARNs carry a version, never an alias)"
		case ref.qual == qualLatest || ref.qual == qualVersion:
			what = "a version ARN of " + g.name() + " without the executions below it"
		}
		them := "them"
		if len(written) == 1 {
			them = "it"
		}
		t.report(ruleExecutionGrantScope, at.node, at.path, t.fixFor("grant "+them+" on "+facts.ExecutionsOf(g.arn()), "",
			"in the CDK app, grant "+them+" on fn.functionArn + \":*\" (not on the function or an alias)"),
			"%s granted on %s: it never matches a durable execution, so the call is denied",
			strings.Join(written, ", "), what)
		if g.fn != nil && len(g.refs) == 1 && len(at.e) == 1 && at.e[0].kind == refPart {
			arn := facts.ExecutionsOf(g.arn())
			if e, ok := t.replaceNode(at.node, yamlSub(arn), jsonSub(arn)); ok {
				t.propose(e)
			}
		}
	})
}
