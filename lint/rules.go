package lint

import (
	"strings"

	"github.com/durablefn/durablefn/diag"
)

// Rule is one check of the linter. Its ID is stable across releases:
// suppressions, CI filters and SARIF consumers match on it.
type Rule struct {
	// ID is "DL" and three digits: DL0xx template structure, DL1xx
	// DurableConfig, DL2xx versions and aliases, DL3xx what invokes a
	// durable function, DL4xx IAM, DL5xx event source mappings, DL6xx logs and monitoring, DL9xx the
	// linter's own configuration.
	ID string
	// Name is a short kebab-case name, e.g. "permission-unqualified".
	Name string
	// Severity is the rule's default severity.
	Severity diag.Severity
	// Summary is one line: what the rule finds.
	Summary string
	// Why says what goes wrong at deploy or run time.
	Why string
	// Fix says how to mend it.
	Fix string
	// Fixable is set when `durablefn lint --fix` mends the mistake (where
	// no decision is needed; see docs/lint-rules.md).
	Fixable bool

	check func(*template)
}

// DocAnchor is the rule's anchor in docs/lint-rules.md ("dl301-permission-unqualified").
func (r *Rule) DocAnchor() string { return strings.ToLower(r.ID + "-" + r.Name) }

// DocsURL is where the rule is documented.
func (r *Rule) DocsURL() string { return DocsURL + "#" + r.DocAnchor() }

// DocsURL is the page that documents every rule.
const DocsURL = "https://github.com/durablefn/durablefn/blob/main/docs/lint-rules.md"

// rules lists every rule in ID order. Each rule lives in its own file,
// named for it (rule_permission_unqualified.go …).
var rules = []*Rule{
	ruleUnreadable,
	ruleResourceStructure,
	ruleUnresolvedReference,
	ruleExecutionTimeoutMissing,
	ruleExecutionTimeoutRange,
	ruleRetentionRange,
	ruleExplicitFunctionName,
	ruleNoVersion,
	ruleVersionNotRetained,
	ruleSAMEventsWithoutAlias,
	ruleVersionNeverRepublished,
	rulePermissionUnqualified,
	ruleEventRuleTargetUnqualified,
	ruleScheduleTargetUnqualified,
	ruleSNSSubscriptionUnqualified,
	ruleAPIIntegrationUnqualified,
	ruleEventSourceMappingUnqualified,
	ruleS3NotificationUnqualified,
	ruleFunctionURLUnqualified,
	ruleUnqualifiedHandoff,
	ruleDurablePolicyMissing,
	ruleMisspelledAction,
	ruleRedundantBasicExecutionRole,
	ruleExecutionGrantScope,
	ruleListExecutionsScope,
	ruleDurableInvokeScope,
	ruleSyncSourceLongTimeout,
	ruleLogGroupMissing,
	ruleInvalidSuppression,
}

// Rules returns every rule, in ID order.
func Rules() []Rule {
	out := make([]Rule, len(rules))
	for i, r := range rules {
		out[i] = *r
		out[i].check = nil
	}
	return out
}

// RuleByID returns the rule with an ID (in any case), and false when there
// is none.
func RuleByID(id string) (Rule, bool) {
	for _, r := range rules {
		if strings.EqualFold(r.ID, id) {
			out := *r
			out.check = nil
			return out, true
		}
	}
	return Rule{}, false
}
