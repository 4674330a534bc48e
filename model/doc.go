// Package model is the resolved application every output is written from:
// a validated spec with every default applied and every decision made once —
// which resources exist, their logical IDs (from one allocator that refuses
// collisions), the properties of each function in CloudFormation's own
// spelling, the execution roles and their statements, the grants, the event
// sources on the alias, the parameters, the spec's own resources and the
// outputs.
//
// cfngen, samgen and the Go CDK construct's FromSpec only spell the model in
// their format: none of them maps a spec field, applies a default or makes
// a rule of its own. Values that came from the user are carried as they
// came: a string stays a string, an intrinsic function stays that intrinsic
// (plain data with long-form intrinsics, as CloudFormation's JSON writes
// them).
package model
