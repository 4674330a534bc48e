package lint

import "github.com/durablefn/durablefn/diag"

// ruleUnreadable documents CodeUnreadable. It is no check: the template is
// returned as an error, and no suppression silences it.
var ruleUnreadable = &Rule{
	ID:       CodeUnreadable,
	Name:     "unreadable-template",
	Severity: diag.Error,
	Summary:  "the file cannot be read as a template: not YAML or JSON, empty, not a mapping, over 1 MB, with anchors or duplicate keys",
	Why:      "CloudFormation rejects it, and the linter cannot check anything in it",
	Fix:      "make the file one CloudFormation template, as the message says",
}
