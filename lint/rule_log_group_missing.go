package lint

import (
	"strings"

	"github.com/durablefn/durablefn/diag"
)

var ruleLogGroupMissing = &Rule{
	ID:       "DL601",
	Name:     "log-group-missing",
	Severity: diag.Info,
	Summary:  "a durable function without an explicit log group",
	Why: "without one, Lambda creates /aws/lambda/<name> on the first write: outside the stack, kept " +
		"forever, and left behind when the stack is deleted; a durable execution logs every replay of " +
		"every step for up to a year",
	Fix: "declare an AWS::Logs::LogGroup with RetentionInDays and point LoggingConfig.LogGroup at it",
}

func init() { ruleLogGroupMissing.check = checkLogGroupMissing }

func checkLogGroupMissing(t *template) {
	var named []expr // LogGroupName of every log group of the template
	for _, r := range t.resourcesOf("AWS::Logs::LogGroup") {
		if _, n := r.prop("LogGroupName"); n != nil {
			named = append(named, eval(n))
		}
	}
	for _, fn := range t.fnOrder {
		if hasLogGroup(t, fn, named) {
			continue
		}
		t.report(ruleLogGroupMissing, fn.res.key, fn.res.path, t.fixFor(
			"add an AWS::Logs::LogGroup with RetentionInDays, and LoggingConfig: {LogGroup: !Ref <it>} on "+fn.id(),
			"add an AWS::Logs::LogGroup with RetentionInDays, and LoggingConfig: {LogGroup: !Ref <it>} on "+fn.id()+" (or in Globals.Function)",
			"in the CDK app, pass logGroup: new logs.LogGroup(…, {retention: …}) in the function's props",
		),
			"durable function %s has no explicit log group: Lambda creates one on first write, outside the stack and kept forever", fn.id())
	}
}

// hasLogGroup reports whether a function's logs go to a group the template
// declares or names: LoggingConfig.LogGroup (its own, or SAM's
// Globals.Function), or a log group named /aws/lambda/<function name>.
func hasLogGroup(t *template, fn *function, named []expr) bool {
	if k, _ := get(val(fn.res.props, "LoggingConfig"), "LogGroup"); k != nil {
		return true
	}
	if fn.sam && t.globalsFn != nil {
		if k, _ := get(val(t.globalsFn, "LoggingConfig"), "LogGroup"); k != nil {
			return true
		}
	}
	for _, e := range named {
		if e.opaque() {
			return true // known only at deploy time: may be this one
		}
		s := e.String()
		if !strings.HasPrefix(s, "/aws/lambda/") {
			continue
		}
		rest := strings.TrimPrefix(s, "/aws/lambda/")
		if rest == "${"+fn.id()+"}" || (fn.name != "" && rest == fn.name) {
			return true
		}
	}
	return false
}
