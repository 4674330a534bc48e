package facts

import (
	"strings"
	"testing"
)

// TestLambdaActions: 88 actions as cfn-lint 1.51.0 lists them, each once,
// each lambda:Name, and the nine durable actions among them.
func TestLambdaActions(t *testing.T) {
	all := LambdaActions()
	if len(all) != 88 {
		t.Errorf("%d actions, want the 88 of the Service Authorization Reference", len(all))
	}
	seen := map[string]bool{}
	for _, a := range all {
		if !ActionPattern.MatchString(a) || !strings.HasPrefix(a, LambdaServicePrefix) || strings.ContainsAny(a, "*?") {
			t.Errorf("%q is not a lambda action name", a)
		}
		if seen[strings.ToLower(a)] {
			t.Errorf("%s listed twice", a)
		}
		seen[strings.ToLower(a)] = true
	}
	for _, a := range append(DurableActions(), ActionInvoke) {
		if !IsLambdaAction(a) {
			t.Errorf("%s missing", a)
		}
	}
	for bad := range Misspellings() {
		if IsLambdaAction(bad) {
			t.Errorf("the misspelling %s is in the list", bad)
		}
	}
	if IsLambdaAction("lambda:SendDurableExecutionCallbackSucces") {
		t.Error("a misspelled action is accepted")
	}
}
