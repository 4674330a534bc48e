package lint

import "github.com/durablefn/durablefn/diag"

var ruleEventSourceMappingUnqualified = &Rule{
	ID:       "DL306",
	Name:     "event-source-mapping-unqualified",
	Severity: diag.Error,
	Fixable:  true,
	Summary:  "an event source mapping on the unqualified durable function or $LATEST",
	Why: "the mapping invokes the function as written: unqualified, Lambda refuses to invoke a durable " +
		"function; on $LATEST, executions are not pinned to a published version",
	Fix: "set FunctionName to the alias (!Ref <Fn>Alias…)",
}

func init() { ruleEventSourceMappingUnqualified.check = checkEventSourceMappingUnqualified }

func checkEventSourceMappingUnqualified(t *template) {
	for _, r := range t.resourcesOf(typeESM) {
		_, v := r.prop("FunctionName")
		t.checkInvoker(ruleEventSourceMappingUnqualified, v, r.propPath("FunctionName"), "event source mapping "+r.id)
	}
}
