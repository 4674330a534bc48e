package model

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// VersionID names the function's published version after a hash of
// everything that makes a new version: the function's properties and, for
// local code, the digest of its content — never the path the code is
// written as, which depends on where the template is written.
// CloudFormation publishes a new version only when the version resource is
// new, so the name must change whenever they do (as SAM's AutoPublishAlias
// and CDK's currentVersion do).
func (a *App) VersionID(fn *Function) (string, error) {
	if fn.VersionPrefix == "" {
		return "", fmt.Errorf("function %s has no alias, so no version", fn.ID)
	}
	canonical := fn.Properties
	if _, ok := fn.Properties["Code"].(LocalCode); ok {
		canonical = make(map[string]any, len(fn.Properties))
		for k, v := range fn.Properties {
			canonical[k] = v
		}
		path := "functions." + fn.ID + ".code"
		if fn.Spec.Code.Missing {
			return "", fmt.Errorf("%s: %s: code %s does not exist: build it first (the CloudFormation output names the published version after a digest of the code, so that a new version is published whenever the code changes; SAM and CDK compute theirs when they package)", a.Spec.Pos(path), path, fn.Spec.Code.Path)
		}
		// Computed here, once per code path, and only for this output.
		digest, err := fn.Spec.Code.Digest()
		if err != nil {
			return "", fmt.Errorf("%s: %s: code %s cannot be read: %v", a.Spec.Pos(path), path, fn.Spec.Code.Path, err)
		}
		canonical["Code"] = map[string]any{"LocalCodeSHA256": digest}
	}
	b, err := appendJSON(make([]byte, 0, 1024), canonical) // json.Marshal's bytes: keys sorted
	if err != nil {
		return "", fmt.Errorf("hashing the version of function %s: %w", fn.ID, err)
	}
	h := sha256.Sum256(b)
	return fn.VersionPrefix + hex.EncodeToString(h[:])[:10], nil
}
