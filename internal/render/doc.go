// Package render holds what the CloudFormation and SAM generators write
// alike: logical IDs (named the way SAM names them, so that the two outputs
// line up), the execution role, the log group, the grant policies, the
// account rules for existing roles, the outputs, and the final formatting.
//
// It renders the spec as it is: every default and rule lives in package
// spec, every action and ARN pattern in package policies.
package render
