package lint

import (
	"fmt"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/spec"
)

var ruleRetentionRange = &Rule{
	ID:       "DL103",
	Name:     "retention-range",
	Severity: diag.Error,
	Summary:  "a DurableConfig.RetentionPeriodInDays that is not a whole number within 1 … 90",
	Why:      "CloudFormation rejects the function: execution history is kept 1 to 90 days after an execution closes",
	Fix: fmt.Sprintf("write RetentionPeriodInDays as whole days, %d … %d, or leave it out for the default of %d",
		facts.MinRetentionDays, facts.MaxRetentionDays, facts.DefaultRetentionDays),
}

func init() { ruleRetentionRange.check = checkRetentionRange }

func checkRetentionRange(t *template) {
	for _, fn := range t.fnOrder {
		_, v, p := fn.field("RetentionPeriodInDays")
		if v == nil || isIntrinsic(v) || isNull(v) {
			continue
		}
		n, ok := intValue(v)
		if !ok {
			t.report(ruleRetentionRange, v, p, ruleRetentionRange.Fix,
				"the RetentionPeriodInDays of %s is %s, not a whole number of days", fn.id(), describe(v))
			continue
		}
		if msg := spec.RetentionDaysError(n); msg != "" {
			t.report(ruleRetentionRange, v, p, ruleRetentionRange.Fix,
				"the RetentionPeriodInDays of %s is out of range: %s", fn.id(), msg)
		}
	}
}
