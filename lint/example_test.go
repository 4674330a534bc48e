package lint_test

import (
	"fmt"
	"strings"

	"github.com/durablefn/durablefn/lint"
)

// A SAM durable function started by an SQS queue, without an alias: SAM
// would point the queue at the unqualified function.
func ExampleTemplate() {
	template := []byte(`Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs24.x
      Handler: index.handler
      CodeUri: s3://my-artifacts/orders.zip
      DurableConfig:
        ExecutionTimeout: 86400
      Events:
        Queue:
          Type: SQS
          Properties:
            Queue: arn:aws:sqs:us-east-1:123456789012:orders
`)
	findings, err := lint.Template("template.yaml", template, lint.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range findings {
		fmt.Printf("%s %s %s %s\n", d.Pos, d.Severity, d.Code, d.Path)
	}
	// Output:
	// template.yaml:3:3 info DL601 Resources.Orders
	// template.yaml:3:3 warning DL201 Resources.Orders
	// template.yaml:11:7 error DL203 Resources.Orders.Properties.Events
	// template.yaml:13:17 warning DL501 Resources.Orders.Properties.Events.Queue.Type
}

// Fix mends what has one right answer, editing the text in place: the
// comment and the flow mapping stay as written.
func ExampleFix() {
	template := []byte(`AWSTemplateFormatVersion: "2010-09-09"
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
    Properties: {FunctionName: !Ref Workflow}
  Live:
    Type: AWS::Lambda::Alias
    Properties: {Name: live, FunctionName: !Ref Workflow, FunctionVersion: !GetAtt WorkflowVersion5e1f0c0de1.Version}
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties: {EventSourceArn: arn:aws:sqs:us-east-1:123456789012:orders, FunctionName: !Ref Workflow} # the queue
`)
	res, err := lint.Fix("template.yaml", template, lint.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range res.Applied {
		fmt.Println("fixed", d.Code, d.Path)
	}
	fmt.Printf("%d findings left\n", len(res.Report.Findings))
	lines := strings.Split(string(res.Fixed), "\n")
	fmt.Println(lines[13])
	fmt.Println(lines[20])
	// Output:
	// fixed DL202 Resources.WorkflowVersion5e1f0c0de1
	// fixed DL306 Resources.Mapping.Properties.FunctionName
	// 0 findings left
	//     DeletionPolicy: Retain
	//     Properties: {EventSourceArn: arn:aws:sqs:us-east-1:123456789012:orders, FunctionName: !Ref Live} # the queue
}
