// Package templatecmp compares CloudFormation templates by meaning. Every
// renderer's parity tests use it: the SAM golden, translated by the real SAM
// translator (internal/realtools), must equal the CloudFormation golden, and
// the template the CDK construct synthesizes must equal it too.
//
// Parse reads YAML (short-form tags such as !Ref, !Sub, !GetAtt) or JSON into
// plain data with long-form intrinsics, so both forms compare equal.
// Normalize rewrites a template with named rules; Diff normalizes two
// templates and lists their differences, one readable line each, naming the
// resource and the property path:
//
//	Orders (AWS::Lambda::Function): Properties.DurableConfig.ExecutionTimeout: cfn 86401, sam 86400
//	IAM permissions of role:ApproverRole: only in sam: Allow lambda:SendDurableExecutionCallbackFailure on {"Fn::Sub":"${Orders.Arn}:*"}
//
// AssertEquivalent does the same in a test.
//
// # Rules
//
// A rule only removes a difference of form, never one of infrastructure.
// Each is an exported value whose doc comment states the rewrite and why it
// is sound; every rule has a test showing its rewrite and a test showing a
// real difference that survives it. Rules are never loosened to make a test
// pass: when two templates differ, fix the generator or argue a new rule here.
//
// CommonRules, in this order, for any pair of templates:
//
//   - StringForms: Fn::Join of literal parts, Sub without variables, Sub of a
//     single ${X} or ${X.A}, GetAtt "X.A" are written as the one equivalent
//     form. Sound: CloudFormation resolves them to the same string.
//   - LocalCode: Code: ./dir and {S3Bucket: durablefn-package, S3Key: dir}
//     become "dir". Sound: both name the directory that `aws cloudformation
//     package` or `sam package` uploads.
//   - PolicyDocuments: statements, actions, resources, principals and
//     condition values become sorted sets; Sid goes. Sound: IAM evaluates
//     them as sets and ignores Sid.
//   - SharedPolicyNames: the names of the policies attached to a role (user,
//     group) the template does not create are kept, per principal, under
//     SharedPolicyNamesKey, before IAMPermissions drops them. Not a removal
//     but what keeps a difference: IAM keeps inline policies by name, and
//     such a principal is shared with other stacks (dev and prod of one
//     spec), so a name that is not unique per stack overwrites, and on
//     deletion removes, another stack's policy.
//   - IAMPermissions: inline policies and AWS::IAM::Policy (RolePolicy, …)
//     resources fold into one set of (principal, effect, action, resource,
//     condition) permissions, stored under PermissionsKey; the policy
//     resources go. Sound: IAM grants the union of a principal's statements,
//     whatever their names and grouping (on the template's own principals;
//     see SharedPolicyNames for the others); a missing, extra or moved
//     permission still differs.
//   - ManagedPolicyArnOrder: ManagedPolicyArns sorted. Sound: a set of
//     attachments.
//   - TagOrder: Tags sorted by key. Sound: tags are a map.
//   - DependsOnIgnored: DependsOn removed. Sound for a comparison of the
//     deployed infrastructure: it only orders stack operations (CDK adds it
//     for its DefaultPolicy, SAM adds none). Known gap: deploy order is
//     compared by nothing (cfn-lint flags redundant and broken DependsOn,
//     not missing ones); see the rule's doc for what the renderers keep in
//     the role for that reason.
//
// SAMRules: VersionLogicalIDs, SAMCreatedByTag, StringForms and Partition,
// then CommonRules.
//
//   - Partition: "arn:aws:" becomes "arn:${AWS::Partition}:". Sound for SAM
//     output only: the SAM translator writes the partition of the stack's
//     region, so its literal is the stack's partition; other partitions stay.
//     CDK's output and ours are both partition-aware, so the CDK comparison
//     does without it (a hard-coded "arn:aws:" there is a real difference).
//   - VersionLogicalIDs: <Fn>Version<10 hex> becomes <Fn>Version, references
//     included. Sound: the hash only forces a new version on change, and SAM
//     and our generator hash different inputs; the version, its
//     DeletionPolicy and the alias pointing at it are still compared.
//   - SAMCreatedByTag: the tag lambda:createdBy=SAM goes. Sound: SAM's own
//     bookkeeping, read by nothing our outputs write (it still counts toward
//     the 50-tag limit and is visible to aws:ResourceTag conditions).
//
// CDKRules (kept apart, for the construct's parity tests): CDKAssetCode,
// CDKLogicalIDs, SubVariables, CDKMetadata, CDKBootstrapVersion,
// VersionLogicalIDs, then CommonRules.
//
//   - CDKAssetCode: an asset's Code becomes its local path (aws:asset:path
//     metadata, relative to a base directory). Sound: the asset is that
//     directory, zipped and uploaded.
//   - CDKLogicalIDs: the 8-hex suffix goes when it is CDK's hash of the
//     resource's aws:cdk:path, then a caller's map renames the rest
//     (OrdersServiceRole → OrdersRole), references included. Sound: logical
//     ids are names, not infrastructure.
//   - SubVariables: a two-argument Fn::Sub's variables whose values are
//     literals, Refs or GetAtts are inlined into its template. Sound:
//     CloudFormation substitutes them alike; the construct passes a spec
//     function's token as a variable, since CDK names the function.
//   - CDKMetadata: aws:cdk:* and aws:asset:* metadata, the AWS::CDK::Metadata
//     resource and its condition go. Sound: CloudFormation does not act on
//     them; version reporting is not the application.
//   - CDKBootstrapVersion: the BootstrapVersion parameter and
//     CheckBootstrapVersion rule go. Sound: a deploy-time check that creates
//     nothing.
//
// Deliberately not normalized: numbers against strings (900 and "900"),
// list order where it means something (Layers, Fn::Join parts), DeletionPolicy
// and UpdateReplacePolicy (CDK retains log groups and sets UpdateReplacePolicy
// on versions: a real difference for the generators to settle), Outputs,
// Parameters, Conditions and Descriptions.
package templatecmp
