package lint

import (
	"fmt"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/facts"
)

var ruleExecutionTimeoutMissing = &Rule{
	ID:       "DL101",
	Name:     "execution-timeout-missing",
	Severity: diag.Error,
	Summary:  "a DurableConfig without ExecutionTimeout, or one that is not a mapping",
	Why: "ExecutionTimeout is required: CloudFormation rejects the function at deploy time, " +
		"and `DurableConfig: {}` even passes the SAM transform before failing",
	Fix: fmt.Sprintf("set DurableConfig.ExecutionTimeout in seconds, 1 … %d", facts.MaxExecutionTimeout),
}

func init() { ruleExecutionTimeoutMissing.check = checkExecutionTimeoutMissing }

func checkExecutionTimeoutMissing(t *template) {
	fix := fmt.Sprintf("add ExecutionTimeout in seconds, 1 … %d (e.g. ExecutionTimeout: 3600)", facts.MaxExecutionTimeout)
	for _, fn := range t.fnOrder {
		at, p := fn.configAt()
		cfg := fn.config
		if cfg == nil {
			cfg = fn.global
		}
		switch {
		case isIntrinsic(cfg):
			continue // known at deploy time only
		case !isMap(cfg):
			t.report(ruleExecutionTimeoutMissing, at, p, fix,
				"the DurableConfig of %s is %s, not a mapping with ExecutionTimeout", fn.id(), kindName(cfg))
		default:
			if k, _, _ := fn.field("ExecutionTimeout"); k == nil {
				t.report(ruleExecutionTimeoutMissing, at, p, fix,
					"the DurableConfig of %s has no ExecutionTimeout, which CloudFormation requires", fn.id())
			}
		}
	}
}
