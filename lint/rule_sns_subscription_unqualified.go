package lint

import "github.com/durablefn/durablefn/diag"

var ruleSNSSubscriptionUnqualified = &Rule{
	ID:       "DL304",
	Name:     "sns-subscription-unqualified",
	Severity: diag.Error,
	Fixable:  true,
	Summary:  "an SNS subscription whose endpoint is the unqualified durable function or $LATEST",
	Why:      "SNS invokes the endpoint as written, and Lambda refuses to invoke a durable function unqualified",
	Fix:      "subscribe the alias (Endpoint: !Ref <Fn>Alias…) and put the permission on the alias",
}

func init() { ruleSNSSubscriptionUnqualified.check = checkSNSSubscriptionUnqualified }

func checkSNSSubscriptionUnqualified(t *template) {
	for _, r := range t.resourcesOf("AWS::SNS::Subscription", "AWS::SNS::Topic") {
		if r.typ == "AWS::SNS::Subscription" {
			_, ep := r.prop("Endpoint")
			t.checkInvoker(ruleSNSSubscriptionUnqualified, ep, r.propPath("Endpoint"), "subscription "+r.id)
			continue
		}
		_, subs := r.prop("Subscription")
		if !isSeq(subs) || isCustomTag(subs.Tag) {
			continue
		}
		for i, s := range subs.Content {
			_, ep := get(s, "Endpoint")
			t.checkInvoker(ruleSNSSubscriptionUnqualified, ep, index(r.propPath("Subscription"), i)+".Endpoint",
				"a subscription of topic "+r.id)
		}
	}
}
