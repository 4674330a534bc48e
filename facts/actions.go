package facts

// The nine durable actions, spelled as IAM spells them. Old blog posts name
// actions that do not exist (CheckpointDurableExecutions,
// ManageDurableState, ListDurableExecutions, AllowInvokeLatest): see
// Misspellings.
const (
	ActionCheckpoint        = "lambda:CheckpointDurableExecution"
	ActionGetState          = "lambda:GetDurableExecutionState"
	ActionCallbackSuccess   = "lambda:SendDurableExecutionCallbackSuccess"
	ActionCallbackFailure   = "lambda:SendDurableExecutionCallbackFailure"
	ActionCallbackHeartbeat = "lambda:SendDurableExecutionCallbackHeartbeat"
	ActionGetExecution      = "lambda:GetDurableExecution"
	ActionGetHistory        = "lambda:GetDurableExecutionHistory"
	ActionStop              = "lambda:StopDurableExecution"
	ActionListByFunction    = "lambda:ListDurableExecutionsByFunction"

	// ActionInvoke starts an execution (on the alias) or invokes a target of
	// a durable invoke.
	ActionInvoke = "lambda:InvokeFunction"
)

// PolicyLanguageVersion is the version of IAM's policy language every
// document declares.
const PolicyLanguageVersion = "2012-10-17"

// What a function's role needs to deliver to its dead-letter target, and
// what a Lambda execution role's trust policy names.
const (
	ActionSQSSendMessage = "sqs:SendMessage"
	ActionSNSPublish     = "sns:Publish"
	ActionAssumeRole     = "sts:AssumeRole"
	// LambdaServicePrincipal is the principal a Lambda execution role
	// trusts.
	LambdaServicePrincipal = "lambda.amazonaws.com"
	// MaxEventTargetIDLength bounds the Id of an EventBridge rule target.
	MaxEventTargetIDLength = 64
)

// Log actions a function needs for its own log group.
const (
	ActionCreateLogGroup  = "logs:CreateLogGroup"
	ActionCreateLogStream = "logs:CreateLogStream"
	ActionPutLogEvents    = "logs:PutLogEvents"
)

// DurableActions lists all nine durable actions.
func DurableActions() []string {
	return []string{
		ActionCheckpoint, ActionGetState,
		ActionCallbackSuccess, ActionCallbackFailure, ActionCallbackHeartbeat,
		ActionGetExecution, ActionGetHistory, ActionStop, ActionListByFunction,
	}
}

// CheckpointActions are what the function itself needs to run durably.
func CheckpointActions() []string { return []string{ActionCheckpoint, ActionGetState} }

// CallbackActions are what a callback sender needs.
func CallbackActions() []string {
	return []string{ActionCallbackSuccess, ActionCallbackFailure, ActionCallbackHeartbeat}
}

// ObserverExecutionActions are an observer's actions on executions.
func ObserverExecutionActions() []string { return []string{ActionGetExecution, ActionGetHistory} }

// ObserverFunctionActions are an observer's actions on the function itself.
func ObserverFunctionActions() []string { return []string{ActionListByFunction} }

// OperatorExecutionActions are an operator's actions on executions: stop,
// plus what an observer may do.
func OperatorExecutionActions() []string {
	return append([]string{ActionStop}, ObserverExecutionActions()...)
}

// LogActions are the log actions of the durable managed policy.
func LogActions() []string {
	return []string{ActionCreateLogGroup, ActionCreateLogStream, ActionPutLogEvents}
}

// Misspellings maps action names that appear in old posts but do not exist
// to the action meant (empty when there is no single replacement).
func Misspellings() map[string]string {
	return map[string]string{
		"lambda:CheckpointDurableExecutions": ActionCheckpoint,
		"lambda:ManageDurableState":          "",
		"lambda:ListDurableExecutions":       ActionListByFunction,
		"lambda:AllowInvokeLatest":           "",
	}
}

// Scope says which resource an action is authorized against.
type Scope int

const (
	// ScopeExecution actions authorize against a durable execution ARN,
	// matched by "${FunctionArn}:*".
	ScopeExecution Scope = iota
	// ScopeFunction actions authorize against the unqualified function ARN.
	ScopeFunction
)

// ActionScope returns the scope of a durable action, and false for an
// action that is not one of the nine.
func ActionScope(action string) (Scope, bool) {
	switch action {
	case ActionListByFunction:
		return ScopeFunction, true
	case ActionCheckpoint, ActionGetState, ActionCallbackSuccess, ActionCallbackFailure,
		ActionCallbackHeartbeat, ActionGetExecution, ActionGetHistory, ActionStop:
		return ScopeExecution, true
	}
	return 0, false
}
