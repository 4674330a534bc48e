package lint_test

import (
	"fmt"

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
