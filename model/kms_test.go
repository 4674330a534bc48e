package model_test

import (
	"strings"
	"testing"
)

// A key given by alias ARN cannot be named by an IAM statement: no key
// policy is written, and a warning says to grant the key in its policy.
// A key ARN gets the role's key policy and no warning.
func TestKeyByAliasWarns(t *testing.T) {
	const spec = `functions:
  Secure:
    runtime: python3.13
    handler: app.handler
    code: s3://my-artifacts/secure.zip
    observers: [{roleArn: arn:aws:iam::123456789012:role/dashboards}]
    durable:
      executionTimeout: 1h
      kmsKeyArn: KEY
`
	for _, tc := range []struct {
		key      string
		policies int
		warning  string
	}{
		{"arn:aws:kms:us-east-1:123456789012:alias/payloads", 0, "is an alias ARN: IAM statements cannot name a key by alias"},
		{"arn:aws:kms:us-east-1:123456789012:key/0f0e0d0c-1111-2222-3333-444455556666", 1, ""},
	} {
		t.Run(tc.key, func(t *testing.T) {
			app, warnings := build(t, strings.Replace(spec, "KEY", tc.key, 1))
			n := 0
			for _, p := range app.Policies {
				if p.ID == "SecureDurableKeyPolicy" {
					n++
				}
				if p.Grant != nil && strings.Contains(jsonOf(p.Document), "kms:") != (tc.policies == 1) {
					t.Errorf("grant %s: %s", p.ID, jsonOf(p.Document))
				}
			}
			if n != tc.policies {
				t.Errorf("%d key policies, want %d", n, tc.policies)
			}
			if tc.warning == "" && warnings != "" || !strings.Contains(warnings, tc.warning) {
				t.Errorf("warnings %q, want %q", warnings, tc.warning)
			}
		})
	}
}
