package model_test

import (
	"fmt"

	"github.com/durablefn/durablefn/model"
)

// A spec becomes one model: every resource decided once, with its logical
// ID, for every output to spell.
func Example() {
	app, _, err := model.Parse("durable.yaml", ".", []byte(`
parameters:
  Stage: {type: String, default: dev}
resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
functions:
  Process:
    runtime: nodejs24.x
    handler: index.handler
    code: s3://artifacts/process.zip
    durable: {executionTimeout: 7d}
    environment: {TABLE: !Ref Orders, STAGE: !Ref Stage}
    policies:
      - {Action: dynamodb:PutItem, Resource: !GetAtt Orders.Arn}
  Start:
    runtime: nodejs24.x
    handler: start.handler
    code: s3://artifacts/start.zip
    invokes: [{function: Process}]
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, fn := range app.Functions {
		fmt.Printf("%s durable=%v role=%s alias=%q\n", fn.ID, fn.Durable, fn.Role.ID, fn.AliasID)
		fmt.Println("  managed:", fn.Role.ManagedPolicyArns())
		for _, p := range fn.Role.Policies {
			fmt.Println("  inline:", p.Name)
		}
	}
	for _, p := range app.Policies {
		fmt.Println("policy:", p.ID, "on", p.Roles)
	}
	for _, o := range app.Outputs {
		fmt.Println("output:", o.ID)
	}
	// Output:
	// Process durable=true role=ProcessRole alias="ProcessAliaslive"
	//   managed: [map[Fn::Sub:arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy]]
	//   inline: ProcessRolePolicy0
	// Start durable=false role=StartRole alias=""
	//   managed: [map[Fn::Sub:arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]]
	// policy: StartDurableInvokePolicy on [map[Ref:StartRole]]
	// output: ProcessAliasArn
	// output: ProcessArn
	// output: StartArn
}
