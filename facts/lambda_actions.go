package facts

import "strings"

// LambdaActions lists every action IAM defines for Lambda (service prefix
// "lambda"), spelled as IAM spells them: the nine durable actions and the
// rest. Source: the Service Authorization Reference for AWS Lambda, as
// cfn-lint 1.51.0 ships it (data/AdditionalSpecs/Policies.json, 88 actions,
// November 2026). An action IAM does not know is accepted in a policy and
// grants nothing: the linter compares with this list (DL402).
func LambdaActions() []string {
	return []string{
		"lambda:AddLayerVersionPermission", "lambda:AddPermission",
		ActionCheckpoint,
		"lambda:CreateAlias", "lambda:CreateCapacityProvider", "lambda:CreateCodeSigningConfig",
		"lambda:CreateEventSourceMapping", "lambda:CreateFunction", "lambda:CreateFunctionUrlConfig",
		"lambda:DeleteAlias", "lambda:DeleteCapacityProvider", "lambda:DeleteCodeSigningConfig",
		"lambda:DeleteEventSourceMapping", "lambda:DeleteFunction", "lambda:DeleteFunctionCodeSigningConfig",
		"lambda:DeleteFunctionConcurrency", "lambda:DeleteFunctionEventInvokeConfig",
		"lambda:DeleteFunctionUrlConfig", "lambda:DeleteLayerVersion",
		"lambda:DeleteProvisionedConcurrencyConfig",
		"lambda:DisableReplication", "lambda:EnableReplication",
		"lambda:GetAccountSettings", "lambda:GetAlias", "lambda:GetCapacityProvider",
		"lambda:GetCodeSigningConfig",
		ActionGetExecution, ActionGetHistory, ActionGetState,
		"lambda:GetEventSourceMapping", "lambda:GetFunction", "lambda:GetFunctionCodeSigningConfig",
		"lambda:GetFunctionConcurrency", "lambda:GetFunctionConfiguration",
		"lambda:GetFunctionEventInvokeConfig", "lambda:GetFunctionRecursionConfig",
		"lambda:GetFunctionScalingConfig", "lambda:GetFunctionUrlConfig", "lambda:GetLayerVersion",
		"lambda:GetLayerVersionPolicy", "lambda:GetPolicy", "lambda:GetProvisionedConcurrencyConfig",
		"lambda:GetRuntimeManagementConfig",
		"lambda:InvokeAsync", ActionInvoke, "lambda:InvokeFunctionUrl",
		"lambda:ListAliases", "lambda:ListCapacityProviders", "lambda:ListCodeSigningConfigs",
		ActionListByFunction,
		"lambda:ListEventSourceMappings", "lambda:ListFunctionEventInvokeConfigs", "lambda:ListFunctions",
		"lambda:ListFunctionsByCodeSigningConfig", "lambda:ListFunctionUrlConfigs",
		"lambda:ListFunctionVersionsByCapacityProvider", "lambda:ListLayers", "lambda:ListLayerVersions",
		"lambda:ListProvisionedConcurrencyConfigs", "lambda:ListTags", "lambda:ListVersionsByFunction",
		"lambda:PassCapacityProvider", "lambda:PublishLayerVersion", "lambda:PublishVersion",
		"lambda:PutFunctionCodeSigningConfig", "lambda:PutFunctionConcurrency",
		"lambda:PutFunctionEventInvokeConfig", "lambda:PutFunctionRecursionConfig",
		"lambda:PutFunctionScalingConfig", "lambda:PutProvisionedConcurrencyConfig",
		"lambda:PutRuntimeManagementConfig",
		"lambda:RemoveLayerVersionPermission", "lambda:RemovePermission",
		ActionCallbackFailure, ActionCallbackHeartbeat, ActionCallbackSuccess, ActionStop,
		"lambda:TagResource", "lambda:UntagResource",
		"lambda:UpdateAlias", "lambda:UpdateCapacityProvider", "lambda:UpdateCodeSigningConfig",
		"lambda:UpdateEventSourceMapping", "lambda:UpdateFunctionCode",
		"lambda:UpdateFunctionCodeSigningConfig", "lambda:UpdateFunctionConfiguration",
		"lambda:UpdateFunctionEventInvokeConfig", "lambda:UpdateFunctionUrlConfig",
	}
}

// LambdaServicePrefix is the service prefix of Lambda's IAM actions.
const LambdaServicePrefix = "lambda:"

// IsLambdaAction reports whether an action (no wildcard) is one IAM
// defines for Lambda, ignoring case as IAM does.
func IsLambdaAction(action string) bool {
	for _, a := range LambdaActions() {
		if strings.EqualFold(a, action) {
			return true
		}
	}
	return false
}
