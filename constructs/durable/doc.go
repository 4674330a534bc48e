// Package durable is a Go CDK construct for AWS Lambda durable functions:
// durable.NewFunction builds a function with DurableConfig, an explicit log
// group, a retained published version and an alias, with an execution role
// that carries what a durable function needs; its grants give callback
// senders, starters, observers, operators and durable invokers exactly the
// statements of package policies; FromSpec builds every function and grant of
// a durablefn spec file.
//
// What it adds to awslambda.Function (aws-cdk-lib 2.276.0), whose
// DurableConfig prop it uses:
//
//   - a version is always published, with RemovalPolicy RETAIN, since
//     executions stay on the version they started on, and an alias ("live"
//     by default) that event sources and permissions point at: a durable
//     function cannot be invoked through its unqualified ARN;
//   - an explicit log group, wired through LoggingConfig;
//   - the customer managed KMS key of DurableConfig (KmsKey), which the L2
//     lacks, set on the CfnFunction, with its use granted to the role and
//     to the callback senders, observers and operators granted on the
//     function (facts.KeyActions);
//   - a role you pass in gets the durable managed policy (or, with
//     LeastPrivilege, inline statements scoped to the function's executions
//     and log group), which the L2 gives only to a role it creates;
//   - grants scoped the way the durable API authorizes them: execution
//     actions on "${FunctionArn}:*", never on the unqualified ARN or the
//     alias; starting executions on the alias;
//   - validation at construction with the checks and messages of package
//     spec, and the CLI's warnings as annotations.
//
// Function is not an awslambda.IFunction: what aws-cdk-lib's consumers
// (event targets, event sources, integrations, Step Functions tasks) take is
// Alias(), and the unqualified function, which Lambda refuses to invoke
// durably, is reachable only as UnqualifiedFunction().
//
// Grants to a role are written into an AWS::IAM::Policy of their own, owned
// by the function granted on (as the CloudFormation and SAM outputs do), not
// into the grantee role's DefaultPolicy: a function depends on its role's
// DefaultPolicy, so two functions granting each other would otherwise form a
// dependency cycle.
//
// Construct IDs are part of the contract (they name the logical IDs): below
// the function's own ID, "Default" is the awslambda.Function (so its logical
// ID is the function's ID), then "Role", "LogGroup", "Alias<name>",
// "ExecutionPolicy" (least privilege), "DurableKeyPolicy" (KmsKey),
// "DurableInvoke" and one child per grant, named after the grant kind and
// the grantee.
//
// Two optional parts are packages of their own, so that importing this one
// brings neither the linter nor cdk-nag: lintplugin runs the rules of
// package lint on every synthesized stack as a CDK policy validation plugin
// (an error-level finding fails synthesis, a warning is printed with CDK's
// validation report), and nag gives the cdk-nag suppressions a durable
// function needs, with their reasons.
//
// The package runs on jsii like the rest of aws-cdk-go: a program that uses
// it needs Node (the project's Node 22; see package nodeenv).
package durable
