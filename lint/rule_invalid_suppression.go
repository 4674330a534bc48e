package lint

import "github.com/durablefn/durablefn/diag"

// ruleInvalidSuppression is reported while suppressions are read (see
// suppress.go and ParseConfig).
var ruleInvalidSuppression = &Rule{
	ID:       "DL901",
	Name:     "invalid-suppression",
	Severity: diag.Error,
	Summary:  "a suppression without a reason, for a rule that does not exist, or written where durablefn does not read it",
	Why: "a suppression is a decision someone must be able to review: without its reason, or aimed at no " +
		"rule, it silently hides nothing or the wrong thing",
	Fix: "write Metadata: {durablefn: {ignore: [{id: DL104, reason: why it is safe here}]}}",
}
