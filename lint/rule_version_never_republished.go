package lint

import (
	"github.com/durablefn/durablefn/diag"
)

var ruleVersionNeverRepublished = &Rule{
	ID:       "DL204",
	Name:     "version-never-republished",
	Severity: diag.Warning,
	Summary:  "a durable function's AWS::Lambda::Version with a fixed logical ID, no CodeSha256 and nothing derived from the code",
	Why: "CloudFormation publishes such a version once, when the resource is created; a code update changes " +
		"the function but not the version resource, so no new version is published and the alias stays on " +
		"the first one after every deploy",
	Fix: "give the version a logical ID that changes with the code (a hash of it, as durablefn synth and CDK's " +
		"currentVersion write), or set CodeSha256; SAM: AutoPublishAlias instead of a hand-written version",
}

func init() { ruleVersionNeverRepublished.check = checkVersionNeverRepublished }

// minCodeHashLength is the shortest run of lowercase hex digits ending a
// logical ID that is taken as a hash of the code: SAM writes 10
// (<Fn>Version<10 hex>), CDK's currentVersion 32; CDK's own 8-digit path
// hash is uppercase and says nothing about the code.
const minCodeHashLength = 10

func checkVersionNeverRepublished(t *template) {
	for _, fn := range t.fnOrder {
		for _, v := range fn.versions {
			if republished(v) {
				continue
			}
			t.report(ruleVersionNeverRepublished, v.key, v.path, t.fixFor(
				"give "+v.id+" a logical ID that changes with the code (e.g. "+fn.id()+"Version<hash of the code>, as durablefn synth writes), or set CodeSha256 to the code's SHA-256; keep DeletionPolicy: Retain",
				"remove "+v.id+" and set AutoPublishAlias: live on "+fn.id()+": SAM publishes a new, retained version whenever the code changes",
				"in the CDK app, use fn.currentVersion (its logical ID carries a hash of the code) with currentVersionOptions.removalPolicy RETAIN instead of new lambda.Version",
			),
				"version %s of durable function %s has a fixed logical ID, no CodeSha256 and nothing derived from the code: CloudFormation publishes it once, and the alias stays on it after every code update",
				v.id, fn.id())
		}
	}
}

// republished reports whether a version resource changes when the code
// does: it has a CodeSha256 or a Description known only at deploy time
// (both replace the version when they change), or its logical ID ends in
// a hash.
func republished(v *resource) bool {
	if k, sha := v.prop("CodeSha256"); k != nil && !isNoValue(sha) && !isNull(sha) {
		return true
	}
	if _, d := v.prop("Description"); isIntrinsic(d) && !isNoValue(d) {
		return true
	}
	return endsInHash(v.id)
}

// endsInHash reports whether a logical ID ends in at least
// minCodeHashLength lowercase hex digits, at least one of them a digit.
func endsInHash(id string) bool {
	n, digit := 0, false
	for i := len(id) - 1; i >= 0; i-- {
		c := id[i]
		if c >= '0' && c <= '9' {
			digit = true
		} else if c < 'a' || c > 'f' {
			break
		}
		n++
	}
	return n >= minCodeHashLength && digit
}
