package templatecmp

import (
	"crypto/md5"
	"encoding/hex"
	"path/filepath"
	"regexp"
	"strings"
)

// CDKOptions parametrizes CDKRules.
type CDKOptions struct {
	// Renames maps the human part of a CDK logical id (the id without CDK's
	// 8-hex path hash) to the logical id our generators use, for example
	// "OrdersServiceRole" → "OrdersRole" and "OrdersCurrentVersion" →
	// "OrdersVersion". Ids not in the map keep their human part.
	// Default: no renames.
	Renames map[string]string
	// AssetBaseDir is the directory local code paths are relative to (the
	// directory of the CloudFormation template we compare with). Default: the
	// asset path is kept as CDK wrote it.
	AssetBaseDir string
}

// CDKRules returns the rules for comparing a template synthesized by CDK
// with our CloudFormation: the CDK-specific ones (SubVariables among them),
// then CommonRules. Synthesize
// with the context keys aws:cdk:enable-path-metadata and
// aws:cdk:enable-asset-metadata set to true and aws:cdk:disable-asset-staging
// set to true (what `cdk synth` and `sam build` use), so that logical ids and
// code assets can be traced back.
func CDKRules(opts CDKOptions) []Rule {
	return append([]Rule{
		CDKAssetCode(opts.AssetBaseDir),
		CDKLogicalIDs(opts.Renames),
		SubVariables,
		CDKMetadata,
		CDKBootstrapVersion,
		VersionLogicalIDs, // our CloudFormation's <Fn>Version<hash> becomes <Fn>Version too
	}, CommonRules()...)
}

// CDKAssetCode replaces the Code of a Lambda function (and the Content of a
// layer) that CDK points at an asset ({S3Bucket: cdk-…-assets-…, S3Key:
// <hash>.zip}) with the asset's local path, taken from the resource's
// aws:asset:path metadata and made relative to baseDir. Needs asset metadata
// and unstaged assets (aws:cdk:disable-asset-staging), else the path is
// cdk.out/asset.<hash> and shows as a difference. Run it before CDKMetadata,
// which removes the metadata it reads.
//
// Sound because the asset is that directory, zipped and uploaded by the CDK
// CLI: the same code `aws cloudformation package` uploads for a local path (see
// LocalCode, which then cleans the path).
func CDKAssetCode(baseDir string) Rule {
	return Rule{name: "CDKAssetCode", apply: func(root map[string]any) {
		for _, r := range resources(root) {
			rm, _ := r.(map[string]any)
			md, _ := rm["Metadata"].(map[string]any)
			prop, _ := md["aws:asset:property"].(string)
			p, _ := md["aws:asset:path"].(string)
			props, _ := rm["Properties"].(map[string]any)
			if prop == "" || p == "" || props == nil {
				continue
			}
			if _, ok := props[prop]; !ok {
				continue
			}
			if baseDir != "" && filepath.IsAbs(p) {
				if rel, err := filepath.Rel(baseDir, p); err == nil {
					p = rel
				}
			}
			props[prop] = cleanLocalPath(p)
		}
	}}
}

// cdkHashedID is a CDK logical id: a human part, 8 upper-case hex digits of
// path hash, and for a function's currentVersion 32 lower-case hex digits of
// code hash.
var cdkHashedID = regexp.MustCompile(`^(.+?)([0-9A-F]{8})([0-9a-f]{32})?$`)

// CDKLogicalIDs renames CDK's logical ids: the 8-hex suffix (and the code
// hash of a currentVersion) is removed when it is CDK's hash of the
// resource's construct path (aws:cdk:path metadata, checked, so an id that
// merely ends in hex digits is never touched), then renames maps the human
// part to our id. References follow (Ref, Fn::GetAtt, Fn::Sub, DependsOn). A
// rename that would collide with another resource is skipped. Run it before
// CDKMetadata.
//
// Sound because logical ids are names inside the template, not
// infrastructure: CDK derives them from construct paths, we from the spec's
// names. Renaming consistently with every reference changes no resource.
func CDKLogicalIDs(renames map[string]string) Rule {
	return Rule{name: "CDKLogicalIDs", apply: func(root map[string]any) {
		out := map[string]string{}
		for id, r := range resources(root) {
			rm, _ := r.(map[string]any)
			md, _ := rm["Metadata"].(map[string]any)
			cdkPath, _ := md["aws:cdk:path"].(string)
			human := id
			if m := cdkHashedID.FindStringSubmatch(id); m != nil && cdkPath != "" && isCDKPathHash(cdkPath, m[2]) {
				human = m[1]
			}
			if to, ok := renames[human]; ok {
				human = to
			}
			if human != id {
				out[id] = human
			}
		}
		renameLogicalIDs(root, out)
	}}
}

// isCDKPathHash reports whether hash is CDK's hash of some suffix of the
// construct path (the part below the stack, "Default" components dropped):
// the first 8 upper-case hex digits of its MD5.
func isCDKPathHash(cdkPath, hash string) bool {
	var comps []string
	for _, c := range strings.Split(cdkPath, "/") {
		if c != "Default" {
			comps = append(comps, c)
		}
	}
	for i := 1; i < len(comps); i++ {
		sum := md5.Sum([]byte(strings.Join(comps[i:], "/")))
		if strings.ToUpper(hex.EncodeToString(sum[:]))[:8] == hash {
			return true
		}
	}
	return false
}

// CDKMetadata removes what CDK adds for its own tooling: the aws:cdk:* and
// aws:asset:* keys of resource Metadata (and Metadata left empty), the
// AWS::CDK::Metadata resource (version reporting) and its
// CDKMetadataAvailable condition.
//
// Sound because CloudFormation does not act on resource Metadata, and the
// CDKMetadata resource only reports the CDK version to AWS: neither is part
// of the application. Other Metadata (for example AWS::CloudFormation::Init)
// is compared.
var CDKMetadata = Rule{name: "CDKMetadata", apply: func(root map[string]any) {
	res := resources(root)
	for id, r := range res {
		rm, _ := r.(map[string]any)
		if str(rm["Type"]) == "AWS::CDK::Metadata" {
			delete(res, id)
			continue
		}
		md, ok := rm["Metadata"].(map[string]any)
		if !ok {
			continue
		}
		for k := range md {
			if strings.HasPrefix(k, "aws:cdk:") || strings.HasPrefix(k, "aws:asset:") {
				delete(md, k)
			}
		}
		if len(md) == 0 {
			delete(rm, "Metadata")
		}
	}
	if conds, ok := root["Conditions"].(map[string]any); ok {
		delete(conds, "CDKMetadataAvailable")
		if len(conds) == 0 {
			delete(root, "Conditions")
		}
	}
}}

// CDKBootstrapVersion removes the BootstrapVersion parameter and the
// CheckBootstrapVersion rule that CDK's default synthesizer adds (and the
// Parameters and Rules sections when they are left empty).
//
// Sound because both only check, at deploy time, that the account was
// bootstrapped for CDK's asset publishing; they create nothing.
var CDKBootstrapVersion = Rule{name: "CDKBootstrapVersion", apply: func(root map[string]any) {
	if params, ok := root["Parameters"].(map[string]any); ok {
		delete(params, "BootstrapVersion")
		if len(params) == 0 {
			delete(root, "Parameters")
		}
	}
	if rules, ok := root["Rules"].(map[string]any); ok {
		delete(rules, "CheckBootstrapVersion")
		if len(rules) == 0 {
			delete(root, "Rules")
		}
	}
}}
