package templatecmp_test

import (
	"fmt"

	"github.com/durablefn/durablefn/internal/templatecmp"
)

func Example() {
	// What the SAM translator writes (after realtools packaged the code) …
	sam, _ := templatecmp.Parse([]byte(`{"Resources": {
	  "OrdersRole": {"Type": "AWS::IAM::Role", "Properties": {
	    "ManagedPolicyArns": ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy"],
	    "Tags": [{"Key": "lambda:createdBy", "Value": "SAM"}],
	    "Policies": [{"PolicyName": "OrdersRolePolicy0", "PolicyDocument": {"Statement": [
	      {"Effect": "Allow", "Action": ["sqs:SendMessage"], "Resource": {"Fn::GetAtt": ["Queue", "Arn"]}}]}}]}},
	  "OrdersVersion44e9df0c9a": {"Type": "AWS::Lambda::Version", "DeletionPolicy": "Retain",
	    "Properties": {"FunctionName": {"Ref": "Orders"}}}}}`))

	// … and what we write by hand, with one real difference: no Retain.
	cfn, _ := templatecmp.Parse([]byte(`
Resources:
  OrdersRole:
    Type: AWS::IAM::Role
    Properties:
      ManagedPolicyArns:
        - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy
  OrdersPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: orders
      Roles: [!Ref OrdersRole]
      PolicyDocument:
        Statement:
          - {Effect: Allow, Action: sqs:SendMessage, Resource: !GetAtt Queue.Arn}
  OrdersVersion0123456789:
    Type: AWS::Lambda::Version
    Properties:
      FunctionName: !Ref Orders
`))

	opts := templatecmp.Options{Rules: templatecmp.SAMRules(), WantName: "cfn", GotName: "sam"}
	for _, d := range templatecmp.Diff(cfn, sam, opts) {
		fmt.Println(d)
	}
	// Output:
	// OrdersVersion (AWS::Lambda::Version): DeletionPolicy: only in sam: "Retain"
}
