package model

import (
	"strings"

	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/policies"
	"github.com/durablefn/durablefn/spec"
)

// A durable function with a customer managed key (durable.kmsKeyArn) has
// its payloads encrypted with it: its role, and the grantees that read or
// write payloads, need the key (facts.KeyActions). The statements are
// identity policies naming the key as the spec gives it; they take effect
// when the key's policy lets the account's IAM policies grant its use (the
// default key policy does).

// functionKey returns the function's customer managed key, as template
// data, and false without one.
func functionKey(fn *Function) (any, bool) {
	d := fn.Spec.Durable
	if d == nil || d.KMSKeyArn.IsZero() || isAliasARN(d.KMSKeyArn) {
		return nil, false
	}
	return data(d.KMSKeyArn), true
}

// isAliasARN reports whether a key is given by a literal alias ARN, which
// an IAM statement's Resource cannot name (KMS authorizes the use of a key
// against the key's ARN).
func isAliasARN(v spec.Value) bool {
	return v.IsLiteral() && strings.Contains(v.Lit, ":alias/")
}

// keyStatement returns the statement that lets user use fn's key, as
// template data, and false when fn has no key or user needs none.
func keyStatement(fn *Function, user facts.KeyUser) (map[string]any, bool) {
	key, ok := functionKey(fn)
	if !ok {
		return nil, false
	}
	st, ok := policies.KeyUse(user, "")
	if !ok {
		return nil, false
	}
	m := Document([]policies.Statement{st})["Statement"].([]any)[0].(map[string]any)
	m["Resource"] = key // as the spec gives it: a literal ARN or an intrinsic
	return m, true
}

// withKey adds to a grant's document on fn what its kind needs on fn's key.
func withKey(doc map[string]any, fn *Function, kind policies.Kind) map[string]any {
	if st, ok := keyStatement(fn, kind.KeyUser()); ok {
		doc["Statement"] = append(doc["Statement"].([]any), st)
	}
	return doc
}

// keyPolicy gives the function's role the use of its key, in a policy of
// its own: <Fn>DurableKeyPolicy.
func (b *builder) keyPolicy(fn *Function) {
	if d := fn.Spec.Durable; d != nil && isAliasARN(d.KMSKeyArn) {
		b.warnf(spec.CodeValue, "functions."+fn.ID+".durable.kmsKeyArn", "give the key's ARN (arn:aws:kms:REGION:ACCOUNT:key/ID)",
			"%q is an alias ARN: IAM statements cannot name a key by alias, so neither the role nor the grantees get the key's use; give it to them in the key's policy", d.KMSKeyArn.Lit)
		return
	}
	st, ok := keyStatement(fn, facts.KeyUserExecution)
	if !ok {
		return
	}
	p := "functions." + fn.ID + ".durable.kmsKeyArn"
	if fn.RoleRef == nil {
		// A warning: the template deploys, and the role may have the key's
		// use already.
		b.warnf(spec.CodeRoleUnknown, p, "give the role as a literal ARN, or as !GetAtt Role.Arn of a role in resources:, or give the role "+
			strings.Join(executionKeyActions(), " and ")+" on the key yourself",
			"function %s runs under a role whose name is not known, so the use of its key cannot be attached to it", fn.ID)
		return
	}
	what := describe("key policy", fn.ID)
	id := b.a.take(nsResource, fn.ID+"DurableKeyPolicy", what, p)
	b.app.Policies = append(b.app.Policies, &Policy{ID: id, PolicyName: b.policyName(fn.RoleRef, id, what, p),
		Document: map[string]any{"Version": facts.PolicyLanguageVersion, "Statement": []any{st}},
		Roles:    []any{fn.RoleRef}, Function: fn})
	fn.DependsOn = append(fn.DependsOn, id)
}

func executionKeyActions() []string {
	actions, _ := facts.KeyActions(facts.KeyUserExecution)
	return actions
}
