package policies

import (
	"encoding/json"

	"github.com/durablefn/durablefn/facts"
)

// Statement is one IAM policy statement. Resources are strings: literal
// ARNs, CloudFormation Sub templates or CDK tokens, as the caller passed.
type Statement struct {
	Sid       string   `json:"Sid,omitempty"`
	Effect    string   `json:"Effect"`
	Actions   []string `json:"Action"`
	Resources []string `json:"Resource"`
}

// Document is a whole IAM policy document.
type Document struct {
	Version   string      `json:"Version"`
	Statement []Statement `json:"Statement"`
}

// NewDocument wraps statements in a policy document of version 2012-10-17.
func NewDocument(stmts ...Statement) Document {
	return Document{Version: facts.PolicyLanguageVersion, Statement: stmts}
}

// JSON renders the document with two-space indentation and a final newline.
func (d Document) JSON() []byte {
	b, _ := json.MarshalIndent(d, "", "  ") // cannot fail: plain strings
	return append(b, '\n')
}

func allow(sid string, actions []string, resources ...string) Statement {
	return Statement{Sid: sid, Effect: "Allow", Actions: actions, Resources: resources}
}

// Target names the function a grant is about.
type Target struct {
	// FunctionArn is the unqualified function ARN.
	FunctionArn string
	// AliasArn is the alias everything invokes (for starters).
	AliasArn string
}

// CallbackSender lets a principal complete, fail and heartbeat callbacks of
// the function's executions.
func CallbackSender(t Target) []Statement {
	return []Statement{allow("DurableCallbacks", facts.CallbackActions(), facts.ExecutionsOf(t.FunctionArn))}
}

// Starter lets a principal start executions: InvokeFunction on the alias.
func Starter(t Target) []Statement {
	return []Statement{allow("DurableStart", []string{facts.ActionInvoke}, t.AliasArn)}
}

// Observer lets a principal read executions and their history, and list
// the function's executions (the one action scoped to the function).
func Observer(t Target) []Statement {
	return []Statement{
		allow("DurableObserveExecutions", facts.ObserverExecutionActions(), facts.ExecutionsOf(t.FunctionArn)),
		allow("DurableListExecutions", facts.ObserverFunctionActions(), t.FunctionArn),
	}
}

// Operator lets a principal stop executions, plus what an observer may do.
func Operator(t Target) []Statement {
	return []Statement{
		allow("DurableOperateExecutions", facts.OperatorExecutionActions(), facts.ExecutionsOf(t.FunctionArn)),
		allow("DurableListExecutions", facts.ObserverFunctionActions(), t.FunctionArn),
	}
}

// DurableInvoke lets a durable function invoke another function through
// the SDK's invoke: InvokeFunction on the target's ARN and on every
// qualifier of it (a durable target must be called qualified).
func DurableInvoke(targetFunctionArns ...string) []Statement {
	var res []string
	for _, a := range targetFunctionArns {
		res = append(res, a, facts.ExecutionsOf(a))
	}
	return []Statement{allow("DurableInvoke", []string{facts.ActionInvoke}, res...)}
}

// ExecutionRole is the least-privilege replacement of the durable managed
// policy: checkpoint and state on the function's own executions, and the
// log actions on its own log group. logGroupArn is the log group's ARN as
// CloudFormation's Fn::GetAtt LogGroup.Arn returns it (ending in ":*"),
// which covers its streams.
func ExecutionRole(functionArn, logGroupArn string) []Statement {
	return []Statement{
		allow("DurableCheckpoint", facts.CheckpointActions(), facts.ExecutionsOf(functionArn)),
		allow("Logs", []string{facts.ActionCreateLogStream, facts.ActionPutLogEvents}, logGroupArn),
	}
}

// DeadLetterAction is the action that delivers to a dead-letter target.
func DeadLetterAction(isTopic bool) string {
	if isTopic {
		return facts.ActionSNSPublish
	}
	return facts.ActionSQSSendMessage
}

// LambdaTrustPolicy is the trust policy of a Lambda execution role, as SAM
// writes it.
func LambdaTrustPolicy() map[string]any { return TrustPolicy(facts.LambdaServicePrincipal) }

// TrustPolicy is the trust policy of a role a service assumes (Lambda, or
// EventBridge Scheduler for a schedule's role), as SAM writes it.
func TrustPolicy(service string) map[string]any {
	return map[string]any{
		"Version": facts.PolicyLanguageVersion,
		"Statement": []any{map[string]any{
			"Action":    []any{facts.ActionAssumeRole},
			"Effect":    "Allow",
			"Principal": map[string]any{"Service": []any{service}},
		}},
	}
}

// Kind is a kind of grant on a durable function.
type Kind string

// The grant kinds, as named in spec files and on the command line.
const (
	KindCallbackSender Kind = "callback-sender"
	KindStarter        Kind = "starter"
	KindObserver       Kind = "observer"
	KindOperator       Kind = "operator"
	KindInvoker        Kind = "invoker"
)

// Kinds lists every grant kind, in a stable order.
func Kinds() []Kind {
	return []Kind{KindCallbackSender, KindStarter, KindObserver, KindOperator, KindInvoker}
}

// For returns the statements of a grant kind on a target, and false for an
// unknown kind. KindInvoker is a durable invoke of t.FunctionArn.
func For(k Kind, t Target) ([]Statement, bool) {
	switch k {
	case KindCallbackSender:
		return CallbackSender(t), true
	case KindStarter:
		return Starter(t), true
	case KindObserver:
		return Observer(t), true
	case KindOperator:
		return Operator(t), true
	case KindInvoker:
		return DurableInvoke(t.FunctionArn), true
	}
	return nil, false
}

// KeyUse lets a principal use a durable function's customer managed key
// (keyArn) as user needs it (facts.KeyActions), and is false for a user
// that needs nothing on it.
func KeyUse(user facts.KeyUser, keyArn string) (Statement, bool) {
	actions, ok := facts.KeyActions(user)
	if !ok {
		return Statement{}, false
	}
	return allow("DurableKey", actions, keyArn), true
}

// KeyUser is who a grant of kind k makes a user of the function's key.
func (k Kind) KeyUser() facts.KeyUser {
	switch k {
	case KindCallbackSender:
		return facts.KeyUserCallbackSender
	case KindObserver:
		return facts.KeyUserObserver
	case KindOperator:
		return facts.KeyUserOperator
	}
	return "" // a starter or an invoker: see facts.KeyActions
}
