package lint

import "github.com/durablefn/durablefn/diag"

var ruleExplicitFunctionName = &Rule{
	ID:       "DL104",
	Name:     "explicit-function-name",
	Severity: diag.Warning,
	Summary:  "an explicit FunctionName on a durable function",
	Why: "durability is switched on only when a function is created: adding DurableConfig to an existing " +
		"function replaces it, and CloudFormation cannot replace a function whose name is fixed",
	Fix: "remove FunctionName and let CloudFormation name the function; hand the alias ARN to callers " +
		"through an output",
}

func init() { ruleExplicitFunctionName.check = checkExplicitFunctionName }

func checkExplicitFunctionName(t *template) {
	for _, fn := range t.fnOrder {
		k, v := fn.res.prop("FunctionName")
		if k == nil || isNull(v) || isNoValue(v) {
			continue
		}
		t.report(ruleExplicitFunctionName, v, fn.res.propPath("FunctionName"), t.fixFor(ruleExplicitFunctionName.Fix, "",
			"in the CDK app, drop functionName from the function's props (CDK names it), and hand callers the alias ARN through a CfnOutput"),
			"durable function %s has the explicit name %s: replacing it (as adding DurableConfig does) fails",
			fn.id(), describe(v))
	}
}
