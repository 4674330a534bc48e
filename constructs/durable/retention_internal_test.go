package durable

import (
	"testing"

	"github.com/durablefn/durablefn/facts"
)

// Every retention the spec accepts has its CDK name: FromSpec refuses one
// that has none rather than write another.
func TestLogRetentionsCoverFacts(t *testing.T) {
	for _, d := range facts.LogRetentionDays {
		if _, ok := logRetentions[d]; !ok {
			t.Errorf("%d days (facts.LogRetentionDays) has no awslogs.RetentionDays", d)
		}
	}
	if len(logRetentions) != len(facts.LogRetentionDays) {
		t.Errorf("%d retentions, facts has %d", len(logRetentions), len(facts.LogRetentionDays))
	}
}
