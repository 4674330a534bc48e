package lint_test

import (
	"strings"
	"testing"

	"github.com/durablefn/durablefn/lint"
)

// triggerBase is a durable function with its retained version and alias
// (and a log group), the target of every trigger below.
const triggerBase = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Workflow:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs24.x
      Handler: index.handler
      Code: {S3Bucket: my-artifacts, S3Key: workflow.zip}
      Role: arn:aws:iam::123456789012:role/workflow
      DurableConfig: {ExecutionTimeout: 900}
      LoggingConfig: {LogGroup: workflow-logs}
  WorkflowVersion5e1f0c0de1:
    Type: AWS::Lambda::Version
    DeletionPolicy: Retain
    Properties: {FunctionName: !Ref Workflow}
  WorkflowAliasLive:
    Type: AWS::Lambda::Alias
    Properties: {Name: live, FunctionName: !Ref Workflow, FunctionVersion: !GetAtt WorkflowVersion5e1f0c0de1.Version}
`

// TestTriggers (issue 9): every kind of trigger is flagged by its rule when
// it points at the durable function unqualified or at $LATEST, and accepted
// in every way of writing its alias.
func TestTriggers(t *testing.T) {
	triggers := []struct{ rule, resource string }{
		{"DL301", "Type: AWS::Lambda::Permission\n    Properties: {Action: lambda:InvokeFunction, Principal: sns.amazonaws.com, FunctionName: TARGET}"},
		{"DL302", "Type: AWS::Events::Rule\n    Properties: {ScheduleExpression: rate(1 day), Targets: [{Id: t, Arn: TARGET}]}"},
		{"DL303", "Type: AWS::Scheduler::Schedule\n    Properties: {ScheduleExpression: rate(1 day), FlexibleTimeWindow: {Mode: \"OFF\"}, Target: {Arn: TARGET, RoleArn: arn:aws:iam::123456789012:role/s}}"},
		{"DL304", "Type: AWS::SNS::Subscription\n    Properties: {Protocol: lambda, TopicArn: arn:aws:sns:us-east-1:123456789012:t, Endpoint: TARGET}"},
		{"DL305", "Type: AWS::ApiGatewayV2::Integration\n    Properties: {ApiId: api, IntegrationType: AWS_PROXY, PayloadFormatVersion: \"2.0\", IntegrationUri: TARGET}"},
		{"DL305", "Type: AWS::ApiGatewayV2::Api\n    Properties:\n      Body:\n        openapi: 3.0.1\n        paths:\n          /run:\n            post:\n              x-amazon-apigateway-integration: {type: aws_proxy, httpMethod: POST, payloadFormatVersion: \"2.0\", uri: TARGET}"},
		{"DL306", "Type: AWS::Lambda::EventSourceMapping\n    Properties: {EventSourceArn: arn:aws:kinesis:us-east-1:123456789012:stream/s, StartingPosition: LATEST, FunctionName: TARGET}"},
		{"DL306", "Type: AWS::Lambda::EventSourceMapping\n    Properties: {EventSourceArn: arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2026-01-01T00:00:00.000, StartingPosition: TRIM_HORIZON, FunctionName: TARGET}"},
		{"DL307", "Type: AWS::S3::Bucket\n    Properties: {NotificationConfiguration: {LambdaConfigurations: [{Event: \"s3:ObjectCreated:*\", Function: TARGET}]}}"},
		{"DL308", "Type: AWS::Lambda::Url\n    Properties: {AuthType: AWS_IAM, TargetFunctionArn: TARGET}"},
	}
	unqualified := []string{
		`!GetAtt Workflow.Arn`,
		`!Ref Workflow`,
		`!Sub "${Workflow.Arn}:$LATEST"`,
		`!Join [":", [!GetAtt Workflow.Arn, $LATEST]]`,
		`!Sub "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Workflow}"`,
	}
	alias := []string{
		`!Ref WorkflowAliasLive`,
		`!Sub "${Workflow.Arn}:live"`,
		`!Sub "${Workflow}:live"`,
		`!Join [":", [!GetAtt Workflow.Arn, live]]`,
		`!Join ["", [!Select [6, !Split [":", !Ref WorkflowAliasLive]], ":live"]]`,
		`!Sub "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Workflow}:live"`,
		`!Sub ["${Fn}:live", {Fn: !GetAtt Workflow.Arn}]`,
	}
	for _, tr := range triggers {
		for _, target := range append(append([]string{}, unqualified...), alias...) {
			tmpl := triggerBase + "  Trigger:\n    " + strings.ReplaceAll(tr.resource, "TARGET", target) + "\n"
			got, err := lint.Template("t.yaml", []byte(tmpl), lint.Config{})
			if err != nil {
				t.Errorf("%s with %s: %v", tr.rule, target, err)
				continue
			}
			var codes []string
			for _, d := range got {
				codes = append(codes, d.Code)
			}
			isAlias := false
			for _, a := range alias {
				isAlias = isAlias || a == target
			}
			switch {
			case isAlias && len(codes) > 0:
				t.Errorf("%s on the alias as %s: findings %v", tr.rule, target, codes)
			case !isAlias && strings.Join(codes, " ") != tr.rule:
				t.Errorf("%s unqualified as %s: findings %v, want %s", tr.rule, target, codes, tr.rule)
			}
		}
	}
}
