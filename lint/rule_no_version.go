package lint

import "github.com/durablefn/durablefn/diag"

var ruleNoVersion = &Rule{
	ID:       "DL201",
	Name:     "no-version",
	Severity: diag.Warning,
	Summary:  "a durable function without a published version or alias, or with an alias on $LATEST",
	Why: "executions stay on the version they started on: without a published version they run on " +
		"$LATEST, so a deploy changes the code under executions that are still replaying; and push " +
		"sources (API Gateway, SNS, S3, EventBridge, Scheduler) need an alias or version to invoke",
	Fix: "publish a version and point an alias (live) at it: SAM AutoPublishAlias; CloudFormation " +
		"AWS::Lambda::Version with DeletionPolicy: Retain and AWS::Lambda::Alias; CDK fn.currentVersion and an Alias",
}

func init() { ruleNoVersion.check = checkNoVersion }

func checkNoVersion(t *template) {
	for _, fn := range t.fnOrder {
		if fn.autoAlias != "" || len(fn.versions) > 0 {
			continue
		}
		pinned := false
		for _, a := range fn.aliases {
			_, v := a.prop("FunctionVersion")
			if s, ok := str(v); ok && s == "$LATEST" {
				t.report(ruleNoVersion, v, a.propPath("FunctionVersion"),
					"point the alias at a published version (!GetAtt <Version>.Version)",
					"alias %s of durable function %s points at $LATEST: executions are not pinned to a published version",
					a.id, fn.id())
				continue
			}
			pinned = true
		}
		if pinned || len(fn.aliases) > 0 {
			continue
		}
		fix := "add an AWS::Lambda::Version with DeletionPolicy: Retain and an AWS::Lambda::Alias (live) pointing at it"
		fix = t.fixFor(fix, "set AutoPublishAlias: live",
			"in the CDK app, create a lambda.Alias (live) on fn.currentVersion, with currentVersionOptions.removalPolicy RETAIN")
		t.report(ruleNoVersion, fn.res.key, fn.res.path, fix,
			"durable function %s has no published version or alias: executions run on $LATEST and push sources have nothing to target",
			fn.id())
	}
}
