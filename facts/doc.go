// Package facts holds what AWS decides and durablefn must get right, once:
// the limits of durable executions, Lambda, CloudFormation and IAM; the
// runtimes with a durable SDK; the nine durable actions, the resource each
// is authorized against and the names that do not exist; the ARN shapes of
// functions, roles and managed policies in every partition; the AWS managed
// policies an execution role gets.
//
// Package spec (the file format), the model, the policies, the linter and
// the construct read these facts from here and restate none of them. The
// package imports nothing of the project.
package facts
