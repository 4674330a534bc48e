package templatecmp

import "regexp"

// hashedVersionID matches the logical id the SAM translator gives the version it
// publishes for AutoPublishAlias: <Function>Version<10 hex digits>.
var hashedVersionID = regexp.MustCompile(`^(.+Version)[0-9a-f]{10}$`)

// VersionLogicalIDs renames every AWS::Lambda::Version whose logical id is
// <Fn>Version<10 hex> to <Fn>Version, and every reference to it (Ref,
// Fn::GetAtt, ${…} in Fn::Sub, DependsOn). When the short name is already
// taken, nothing is renamed.
//
// Sound because the hash is only a way to force a new version when the code
// or configuration changes: SAM hashes its own inputs and our generator its
// own, so the suffixes differ while the infrastructure is the same. What
// matters, and is still compared, is that a version of the function exists,
// with its DeletionPolicy, and that the alias points at it.
var VersionLogicalIDs = Rule{name: "VersionLogicalIDs", apply: func(root map[string]any) {
	renames := map[string]string{}
	for id, r := range resources(root) {
		rm, _ := r.(map[string]any)
		if str(rm["Type"]) != "AWS::Lambda::Version" {
			continue
		}
		if m := hashedVersionID.FindStringSubmatch(id); m != nil {
			renames[id] = m[1]
		}
	}
	renameLogicalIDs(root, renames)
}}
