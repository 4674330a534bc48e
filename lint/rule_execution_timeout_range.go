package lint

import (
	"fmt"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/spec"
)

var ruleExecutionTimeoutRange = &Rule{
	ID:       "DL102",
	Name:     "execution-timeout-range",
	Severity: diag.Error,
	Summary:  "a DurableConfig.ExecutionTimeout that is not a whole number of seconds within 1 … 31,622,400",
	Why:      "CloudFormation rejects the function: an execution runs at least 1 second and at most 366 days",
	Fix:      fmt.Sprintf("write ExecutionTimeout as whole seconds, 1 … %d", facts.MaxExecutionTimeout),
}

func init() { ruleExecutionTimeoutRange.check = checkExecutionTimeoutRange }

func checkExecutionTimeoutRange(t *template) {
	for _, fn := range t.fnOrder {
		_, v, p := fn.field("ExecutionTimeout")
		if v == nil || isIntrinsic(v) {
			continue
		}
		n, ok := intValue(v)
		if !ok {
			t.report(ruleExecutionTimeoutRange, v, p, ruleExecutionTimeoutRange.Fix,
				"the ExecutionTimeout of %s is %s, not a whole number of seconds", fn.id(), describe(v))
			continue
		}
		if msg := spec.ExecutionTimeoutError(n); msg != "" {
			t.report(ruleExecutionTimeoutRange, v, p, ruleExecutionTimeoutRange.Fix,
				"the ExecutionTimeout of %s is out of range: %s", fn.id(), msg)
		}
	}
}
