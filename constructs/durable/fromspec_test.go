package durable_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"

	"github.com/durablefn/durablefn/cfngen"
	"github.com/durablefn/durablefn/constructs/durable"
	"github.com/durablefn/durablefn/internal/templatecmp"
	"github.com/durablefn/durablefn/model"
)

// fromSpecSections uses what the goldens do not: mappings, conditions that
// name each other, a resource that depends on a function and names it in
// a Fn::Sub (with a pseudo parameter and an escape) and in a two-argument
// Fn::Sub, a plain function with an alias under a role of the spec's
// resources that receives a grant, a list parameter, outputs of a function
// and of a resource.
const fromSpecSections = `parameters:
  Env:
    type: String
    default: dev
    allowedValues: [dev, prod]
  Subnets:
    type: List<AWS::EC2::Subnet::Id>
    default: "subnet-1,subnet-2"
mappings:
  Sizes:
    dev: {memory: 256}
    prod: {memory: 1024}
conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  Both: !And [!Condition IsProd, !Or [!Equals [!Ref "AWS::Region", us-east-1], !Condition IsDev]]
resources:
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
  Alarm:
    Type: AWS::CloudWatch::Alarm
    Condition: IsProd
    DependsOn: Orders
    Properties:
      Namespace: AWS/Lambda
      MetricName: Errors
      Dimensions:
        - Name: FunctionName
          Value: !Ref Orders
      AlarmDescription: !Sub "errors of ${Orders} (${Orders.Arn}) in ${AWS::Region}, ${!Literal}"
      ComparisonOperator: GreaterThanThreshold
      EvaluationPeriods: 1
      Period: 60
      Statistic: Sum
      Threshold: !FindInMap [Sizes, !Ref Env, memory]
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      Tags:
        - Key: owner
          Value: !Sub ["${Worker.Arn} in ${Stage}", {Stage: !Ref Env}]
functions:
  Orders:
    runtime: nodejs24.x
    handler: index.handler
    code: s3://bucket/orders.zip
    durable: {executionTimeout: 1h}
    environment:
      WORKER: ${Worker.AliasArn}
      QUEUE: !Ref Queue
    policies:
      - Action: sqs:SendMessage
        Resource: !GetAtt Queue.Arn
    callbackSenders: [{function: Worker}]
    invokes: [{function: Worker}]
  Worker:
    runtime: python3.12
    handler: app.handler
    code: s3://bucket/worker.zip
    alias: live
    role: !GetAtt WorkerRole.Arn
    events:
      Tick: {schedule: rate(1 hour)}
outputs:
  QueueUrl:
    value: !Ref Queue
  WorkerArn2:
    value: !GetAtt Worker.Arn
    export: !Sub ${AWS::StackName}-worker
`

// TestFromSpecSectionsParity compares FromSpec with the CloudFormation the
// generator writes for the same model, by meaning.
func TestFromSpecSectionsParity(t *testing.T) {
	// GIVEN
	m, _, err := model.Parse("durable.yaml", t.TempDir(), []byte(fromSpecSections))
	if err != nil {
		t.Fatal(err)
	}
	cfn, err := cfngen.Template(m)
	if err != nil {
		t.Fatal(err)
	}
	want, err := templatecmp.FromValue(cfn)
	if err != nil {
		t.Fatal(err)
	}
	app := awscdk.NewApp(&awscdk.AppProps{Context: synthContext(), AnalyticsReporting: jsii.Bool(false)})

	// WHEN
	stack, fns := durable.NewSpecStack(app, jsii.String("Sections"), m, nil)
	got, err := templatecmp.FromValue(*assertions.Template_FromStack(stack, nil).ToJSON())
	if err != nil {
		t.Fatal(err)
	}

	// THEN
	templatecmp.AssertEquivalent(t, want, got, templatecmp.Options{
		Rules:    templatecmp.CDKRules(templatecmp.CDKOptions{Renames: renames(m)}),
		WantName: "cfn", GotName: "cdk",
	})
	if fns["Worker"].Alias() == nil || fns["Orders"].Alias() == nil {
		t.Error("a function with an alias has none")
	}
}

// TestFromSpecPlainFunctionWithoutAlias: a plain function has no
// DurableConfig, no version and no alias, and its role has
// AWSLambdaBasicExecutionRole.
func TestFromSpecPlainFunctionWithoutAlias(t *testing.T) {
	// GIVEN
	m, _, err := model.Parse("durable.yaml", t.TempDir(), []byte(`functions:
  Plain:
    runtime: python3.12
    handler: app.handler
    code: s3://bucket/plain.zip
`))
	if err != nil {
		t.Fatal(err)
	}
	stack := newStack()

	// WHEN
	fns := durable.FromSpec(stack, m)

	// THEN
	tpl := assertions.Template_FromStack(stack, nil)
	tpl.ResourceCountIs(jsii.String("AWS::Lambda::Version"), jsii.Number(0))
	tpl.ResourceCountIs(jsii.String("AWS::Lambda::Alias"), jsii.Number(0))
	tpl.HasResourceProperties(jsii.String("AWS::Lambda::Function"), obj(map[string]interface{}{
		"DurableConfig": assertions.Match_Absent(),
		"Runtime":       "python3.12",
	}))
	tpl.HasResourceProperties(jsii.String("AWS::IAM::Role"), obj(map[string]interface{}{
		"ManagedPolicyArns": arrayWith(obj(map[string]interface{}{
			"Fn::Join": arrayWith(arrayWith(":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")),
		})),
	}))
	if fns["Plain"].Alias() != nil || fns["Plain"].Version() != nil || fns["Plain"].AliasArn() != nil {
		t.Error("a plain function without alias has an alias or a version")
	}
}

// TestFromSpecFunctionAfterItsKeyPolicy: with a customer key, the function
// is created after the policy that gives its role the key's use, as the
// CloudFormation and SAM outputs write it (parity ignores DependsOn, which
// CDK writes for its own reasons).
func TestFromSpecFunctionAfterItsKeyPolicy(t *testing.T) {
	// GIVEN
	m, _, err := model.Parse("durable.yaml", t.TempDir(), []byte(`functions:
  Secure:
    runtime: nodejs24.x
    handler: index.handler
    code: s3://bucket/secure.zip
    durable:
      executionTimeout: 1h
      kmsKeyArn: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
`))
	if err != nil {
		t.Fatal(err)
	}
	stack := newStack()

	// WHEN
	durable.FromSpec(stack, m)

	// THEN
	assertions.Template_FromStack(stack, nil).HasResource(jsii.String("AWS::Lambda::Function"), obj(map[string]interface{}{
		"DependsOn": arrayWith("SecureDurableKeyPolicy"),
	}))
}
