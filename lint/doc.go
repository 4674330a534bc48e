// Package lint checks existing CloudFormation, SAM and CDK (cdk.out)
// templates for the mistakes that break Lambda durable functions: event
// sources and permissions on the unqualified function or $LATEST, no
// published version or alias, a version CloudFormation never publishes
// again, the unqualified ARN handed to callers, no explicit log group, a
// role without the durable managed policy,
// misspelled durable actions, durable grants scoped to the unqualified or
// alias ARN, an event source mapping on a function whose executions outlast
// a synchronous invocation, and DurableConfig values CloudFormation rejects.
//
// Templates are read as YAML nodes (JSON is YAML), so intrinsics stay as
// written (short-form tags such as !Ref and !Sub, or their long forms) and
// every finding carries a file:line:col. The linter knows which functions
// are durable from the template itself: a DurableConfig on an
// AWS::Lambda::Function or AWS::Serverless::Function (or in SAM's
// Globals.Function), followed through Ref, Fn::GetAtt, Fn::Sub and
// Fn::Join to everything that points at them.
//
// Findings are diag.Diagnostic values with a stable rule ID (DL001 …, see
// Rules and docs/lint-rules.md), the resource and property path, the
// position and a fix. They can be suppressed, always with a reason, in a
// resource's or the template's Metadata:
//
//	Metadata:
//	  durablefn:
//	    ignore:
//	      - id: DL104
//	        reason: the name is part of a contract with another team
//
// or in a project file (.durablefn-lint.yaml, see ParseConfig).
//
// Every rule that follows a reference to a function asks one resolver
// (template.targets), which reads Ref, Fn::GetAtt, Fn::Sub (with a
// qualifier written after the function: ${Fn.Arn}:live), Fn::Join, CDK's
// Fn::Select 6 of Fn::Split of an alias ARN, alias and version resources,
// SAM's generated names and literal ARNs.
//
// Fix (durablefn lint --fix) mends the mechanical mistakes by editing the
// template's text at the positions of its nodes, so that comments, key
// order and untouched lines stay as written; a rule proposes an edit with
// its finding only where no decision is needed (Rule.Fixable).
//
// The durable facts themselves (action names, their scope, the managed
// policy) come from package policies, and the DurableConfig limits from
// package spec: the linter restates none of them.
package lint
