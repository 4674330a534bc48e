package lint

import (
	"fmt"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/spec"
)

var ruleSyncSourceLongTimeout = &Rule{
	ID:       "DL501",
	Name:     "sync-source-long-timeout",
	Severity: diag.Warning,
	Summary:  "an event source mapping on a durable function whose ExecutionTimeout is over 900 seconds",
	Why: "event source mappings (SQS, Kinesis, DynamoDB streams, Kafka, MQ) invoke synchronously, and a " +
		"synchronous invocation caps the whole execution at 15 minutes: a longer ExecutionTimeout is never reached",
	Fix: fmt.Sprintf("lower ExecutionTimeout to %d or less, or start executions asynchronously "+
		"(e.g. a small function that invokes the alias with InvocationType Event)", facts.MaxSyncExecutionTimeout),
}

func init() { ruleSyncSourceLongTimeout.check = checkSyncSourceLongTimeout }

// samSyncEvents are the SAM event types that become event source mappings.
var samSyncEvents = map[string]bool{
	"SQS": true, "Kinesis": true, "DynamoDB": true, "MSK": true, "MQ": true,
	"SelfManagedKafka": true, "DocumentDB": true,
}

func checkSyncSourceLongTimeout(t *template) {
	msg := "%s invokes durable function %s synchronously, which caps an execution at 15 minutes, but its ExecutionTimeout is %s (%d s)"
	for _, r := range t.resourcesOf(typeESM) {
		_, v := r.prop("FunctionName")
		for _, ref := range t.targets(eval(v)) {
			if fn := ref.fn; fn != nil && fn.timeout > facts.MaxSyncExecutionTimeout {
				t.report(ruleSyncSourceLongTimeout, v, r.propPath("FunctionName"), ruleSyncSourceLongTimeout.Fix,
					msg, "event source mapping "+r.id, fn.id(), spec.FormatDuration(fn.timeout), fn.timeout)
			}
		}
	}
	for _, fn := range t.fnOrder {
		if !fn.sam || fn.timeout <= facts.MaxSyncExecutionTimeout {
			continue
		}
		for _, e := range entries(val(fn.res.props, "Events")) {
			_, tv := get(e.val, "Type")
			if s, ok := str(tv); ok && samSyncEvents[s] {
				t.report(ruleSyncSourceLongTimeout, tv, fn.res.propPath("Events")+"."+e.key.Value+".Type",
					ruleSyncSourceLongTimeout.Fix, msg, "the "+s+" event "+e.key.Value, fn.id(),
					spec.FormatDuration(fn.timeout), fn.timeout)
			}
		}
	}
}
