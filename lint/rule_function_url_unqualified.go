package lint

import "github.com/durablefn/durablefn/diag"

var ruleFunctionURLUnqualified = &Rule{
	ID:       "DL308",
	Name:     "function-url-unqualified",
	Severity: diag.Error,
	Summary:  "an AWS::Lambda::Url on the unqualified durable function or $LATEST, without an alias Qualifier",
	Why: "the URL invokes the function it is attached to; without a Qualifier that is the unqualified " +
		"function, through which Lambda refuses to invoke a durable function",
	Fix: "set Qualifier to the alias name (live), or TargetFunctionArn to the alias",
}

func init() { ruleFunctionURLUnqualified.check = checkFunctionURLUnqualified }

func checkFunctionURLUnqualified(t *template) {
	for _, r := range t.resourcesOf("AWS::Lambda::Url") {
		qk, q := r.prop("Qualifier")
		if qs, ok := str(q); qk != nil && !isNoValue(q) && (!ok || (qs != "" && qs != "$LATEST")) {
			continue // an alias name, or one known at deploy time
		}
		_, v := r.prop("TargetFunctionArn")
		for _, ref := range t.targets(eval(v)) {
			if ref.fn == nil || (ref.qual != qualNone && ref.qual != qualLatest) {
				continue
			}
			t.report(ruleFunctionURLUnqualified, v, r.propPath("TargetFunctionArn"), t.fixFor(
				"add Qualifier: "+aliasName(ref.fn)+" (or set TargetFunctionArn: !Ref <alias>)",
				"set FunctionUrlConfig on the function with AutoPublishAlias: SAM attaches the URL to the alias",
				"in the CDK app, call alias.addFunctionUrl(…) instead of fn.addFunctionUrl(…)",
			),
				"function URL %s invokes durable function %s unqualified: Lambda refuses to invoke a durable function through its unqualified ARN",
				r.id, ref.fn.id())
		}
	}
}

// aliasName is the name of a function's alias when there is one to read
// ("live" otherwise, the convention).
func aliasName(fn *function) string {
	if fn.autoAlias != "" && fn.autoAlias[0] != '$' {
		return fn.autoAlias
	}
	if len(fn.aliases) > 0 {
		if s, ok := str(val(fn.aliases[0].props, "Name")); ok && s != "" {
			return s
		}
	}
	return "live"
}
