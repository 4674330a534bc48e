package templatecmp

// Rule is one named normalization. Each rule rewrites a template into a
// canonical form that means the same infrastructure; the doc comment of every
// Rule value states the rewrite and why it is sound. Rules are applied in the
// order given, so a set of rules is an ordered slice (see SAMRules, CDKRules).
type Rule struct {
	name  string
	apply func(root map[string]any)
}

// Name returns the rule's name, as used in difference reports.
func (r Rule) Name() string { return r.name }

// String returns the rule's name.
func (r Rule) String() string { return r.name }

// Normalize returns a copy of t rewritten by the rules, in order. The input
// template is not modified.
func Normalize(t Template, rules ...Rule) Template {
	root := t.Value()
	for _, r := range rules {
		if r.apply != nil {
			r.apply(root)
		}
	}
	return Template{root: root}
}

// CommonRules returns the rules that hold whatever produced the templates:
// they only remove differences of form. Order matters: intrinsic string forms
// first, so that later rules see one form.
func CommonRules() []Rule {
	return []Rule{
		StringForms,
		LocalCode,
		PolicyDocuments,
		SharedPolicyNames,
		IAMPermissions,
		ManagedPolicyArnOrder,
		TagOrder,
		DependsOnIgnored,
	}
}

// SAMRules returns the rules for comparing the real SAM translator's output
// with our CloudFormation: the SAM-specific ones, then CommonRules.
// Partition is among them, and only here: its soundness rests on the
// translator writing the stack's own partition as a literal; CDK output and
// ours are both partition-aware and are compared as written.
func SAMRules() []Rule {
	return append([]Rule{VersionLogicalIDs, SAMCreatedByTag, StringForms, Partition}, CommonRules()...)
}
