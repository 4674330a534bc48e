package lint

import "github.com/durablefn/durablefn/diag"

var ruleScheduleTargetUnqualified = &Rule{
	ID:       "DL303",
	Name:     "schedule-target-unqualified",
	Severity: diag.Error,
	Fixable:  true,
	Summary:  "an EventBridge Scheduler schedule targeting the unqualified durable function or $LATEST",
	Why:      "Scheduler invokes the target ARN as written, and Lambda refuses to invoke a durable function unqualified",
	Fix:      "set Target.Arn to the alias, and grant the schedule's role lambda:InvokeFunction on the alias",
}

func init() { ruleScheduleTargetUnqualified.check = checkScheduleTargetUnqualified }

func checkScheduleTargetUnqualified(t *template) {
	for _, r := range t.resourcesOf("AWS::Scheduler::Schedule") {
		_, arn := get(val(r.props, "Target"), "Arn")
		t.checkInvoker(ruleScheduleTargetUnqualified, arn, r.propPath("Target")+".Arn", "schedule "+r.id)
	}
}
