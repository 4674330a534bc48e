package lint

import "github.com/durablefn/durablefn/diag"

var ruleVersionNotRetained = &Rule{
	ID:       "DL202",
	Name:     "version-not-retained",
	Severity: diag.Warning,
	Fixable:  true,
	Summary:  "a published version of a durable function without DeletionPolicy: Retain",
	Why: "executions stay on the version they started on, for up to a year; when the next deploy " +
		"publishes a new version, CloudFormation deletes the old one under them (CDK's currentVersion " +
		"does so by default)",
	Fix: "set DeletionPolicy: Retain on the version (CDK: currentVersionOptions.removalPolicy RETAIN)",
}

func init() { ruleVersionNotRetained.check = checkVersionNotRetained }

func checkVersionNotRetained(t *template) {
	for _, fn := range t.fnOrder {
		for _, v := range fn.versions {
			k, dp := get(v.node, "DeletionPolicy")
			if s, ok := str(dp); (ok && (s == "Retain" || s == "RetainExceptOnCreate")) || isIntrinsic(dp) {
				continue // retained, or known only at deploy time
			}
			at, p := v.key, v.path
			if k != nil {
				at, p = dp, v.path+".DeletionPolicy"
			}
			t.report(ruleVersionNotRetained, at, p, t.fixFor(ruleVersionNotRetained.Fix, "", "in the CDK app, set currentVersionOptions: {removalPolicy: RemovalPolicy.RETAIN} (or removalPolicy on the lambda.Version)"),
				"version %s of durable function %s is deleted when a new version replaces it, under the executions still running on it",
				v.id, fn.id())
			if s, ok := str(dp); k != nil && ok && !isNull(dp) {
				if e, ok := t.replaceIn(dp, s, "Retain"); ok {
					t.propose(e)
				}
			} else if k == nil {
				if e, ok := t.insertKey(v.node, "DeletionPolicy", "Retain", `"Retain"`); ok {
					t.propose(e)
				}
			}
		}
	}
}
