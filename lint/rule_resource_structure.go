package lint

import "github.com/durablefn/durablefn/diag"

// ruleResourceStructure is reported while the template is read (see
// template.loadResources): a resource the linter cannot read is one
// CloudFormation rejects too.
var ruleResourceStructure = &Rule{
	ID:       "DL001",
	Name:     "resource-structure",
	Severity: diag.Error,
	Summary:  "a resource without Type, or Resources or Properties that are not mappings",
	Why:      "CloudFormation rejects the template, and the linter cannot tell which resources are durable functions",
	Fix:      "give every resource a Type and write Resources and Properties as mappings",
}
