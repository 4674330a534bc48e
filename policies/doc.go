// Package policies is the one place where durablefn writes IAM statements:
// the statements of every grant kind, scoped the way the durable API
// authorizes them, the least-privilege execution statements, and the rule
// that the durable managed policy replaces AWSLambdaBasicExecutionRole. The
// actions, ARN shapes and policy names themselves are facts (package facts).
//
// Every output reads its statements from here: the CloudFormation and SAM
// generators, the CDK construct, the linter and the `durablefn policy`
// command. Functions take ARNs as strings, so the same statement serves a
// literal ARN ("arn:aws:lambda:us-east-1:123456789012:function:orders"), a
// CloudFormation Sub template ("${Orders.Arn}") and a CDK token.
//
// Scoping follows the durable API: a durable execution ARN always carries a
// version or $LATEST, never an alias, so execution-level actions are granted
// on "${FunctionArn}:*" — never on the unqualified ARN, never on the alias.
// ListDurableExecutionsByFunction is the one action authorized against the
// function itself.
package policies
