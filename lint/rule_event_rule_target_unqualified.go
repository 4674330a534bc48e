package lint

import "github.com/durablefn/durablefn/diag"

var ruleEventRuleTargetUnqualified = &Rule{
	ID:       "DL302",
	Name:     "event-rule-target-unqualified",
	Severity: diag.Error,
	Fixable:  true,
	Summary:  "an EventBridge rule target on the unqualified durable function or on $LATEST",
	Why:      "EventBridge invokes the target ARN as written, and Lambda refuses to invoke a durable function unqualified",
	Fix:      "set the target's Arn to the alias, and put the AWS::Lambda::Permission on the alias too",
}

func init() { ruleEventRuleTargetUnqualified.check = checkEventRuleTargetUnqualified }

func checkEventRuleTargetUnqualified(t *template) {
	for _, r := range t.resourcesOf("AWS::Events::Rule") {
		_, targets := r.prop("Targets")
		if !isSeq(targets) || isCustomTag(targets.Tag) {
			continue
		}
		for i, tg := range targets.Content {
			_, arn := get(tg, "Arn")
			t.checkInvoker(ruleEventRuleTargetUnqualified, arn, index(r.propPath("Targets"), i)+".Arn", "rule "+r.id)
		}
	}
}
