package lint

import "github.com/durablefn/durablefn/diag"

var ruleSAMEventsWithoutAlias = &Rule{
	ID:       "DL203",
	Name:     "sam-events-without-alias",
	Severity: diag.Error,
	Fixable:  true,
	Summary:  "a SAM durable function with Events but no AutoPublishAlias",
	Why: "without AutoPublishAlias SAM points every event source and permission at the unqualified " +
		"function, and a durable function cannot be invoked through its unqualified ARN",
	Fix: "set AutoPublishAlias (e.g. live): SAM then publishes a retained version and points the events at the alias",
}

func init() { ruleSAMEventsWithoutAlias.check = checkSAMEventsWithoutAlias }

func checkSAMEventsWithoutAlias(t *template) {
	for _, fn := range t.fnOrder {
		if !fn.sam || fn.autoAlias != "" {
			continue
		}
		k, v := fn.res.prop("Events")
		if k == nil || len(entries(v)) == 0 {
			continue
		}
		t.report(ruleSAMEventsWithoutAlias, k, fn.res.propPath("Events"), "set AutoPublishAlias: live",
			"durable function %s has Events but no AutoPublishAlias: SAM points them at the unqualified function, through which a durable function cannot be invoked",
			fn.id())
		if e, ok := t.insertKey(fn.res.props, "AutoPublishAlias", "live", `"live"`); ok {
			t.propose(e)
		}
	}
}
