package durable

import (
	"github.com/aws/jsii-runtime-go"

	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/policies"
)

// The customer managed key of DurableConfig (KmsKey) encrypts the
// function's payloads: its role and the grantees that read or write them
// need the key, as facts.KeyActions says, in identity policies naming the
// key (the model's statements, see model/kms.go). They take effect when the
// key's policy lets the account's IAM policies grant its use, as the
// default key policy (and aws-cdk-lib's awskms.Key) does.

// useKey sets the key on the CfnFunction and remembers its ARN for the
// grants. FromSpec's role gets the key's use from the model's policy;
// NewFunction gives it here (fromModel false).
func (f *function) useKey(key string, fromModel bool) {
	f.keyArn = jsii.String(key)
	if fromModel {
		return
	}
	st, _ := policies.KeyUse(facts.KeyUserExecution, key)
	f.rolePolicy("DurableKeyPolicy", []policies.Statement{st})
}

// withKey adds to the statements of a grant of kind what the kind needs on
// the function's key, if it has one.
func (f *function) withKey(kind policies.Kind, stmts []policies.Statement) []policies.Statement {
	if f.keyArn == nil {
		return stmts
	}
	if st, ok := policies.KeyUse(kind.KeyUser(), *f.keyArn); ok {
		stmts = append(stmts, st)
	}
	return stmts
}
