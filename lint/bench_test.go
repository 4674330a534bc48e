package lint_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/durablefn/durablefn/lint"
)

// largeTemplate writes a template of units×5 resources: per unit a durable
// function (logging to a shared group), its role, a retained version whose
// logical ID carries a code hash, an alias, and one of a
// permission, a rule, a grant policy or a mapping, each pointing at the
// alias (so that every rule has work to do and nothing is found).
func largeTemplate(units int) []byte {
	var b strings.Builder
	b.WriteString("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n")
	for i := range units {
		fn := fmt.Sprintf("Fn%03d", i)
		fmt.Fprintf(&b, `  %[1]s:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs24.x
      Handler: index.handler
      Code: {S3Bucket: artifacts, S3Key: %[1]s.zip}
      Role: !GetAtt %[1]sRole.Arn
      DurableConfig: {ExecutionTimeout: 900, RetentionPeriodInDays: 14}
      LoggingConfig: {LogGroup: durable-functions}
  %[1]sRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
      ManagedPolicyArns:
        - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy
  %[1]sVersionc0de5a1f0e:
    Type: AWS::Lambda::Version
    DeletionPolicy: Retain
    Properties: {FunctionName: !Ref %[1]s}
  %[1]sAliaslive:
    Type: AWS::Lambda::Alias
    Properties: {Name: live, FunctionName: !Ref %[1]s, FunctionVersion: !GetAtt %[1]sVersionc0de5a1f0e.Version}
`, fn)
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "  %[1]sPermission:\n    Type: AWS::Lambda::Permission\n    Properties: {Action: lambda:InvokeFunction, FunctionName: !Ref %[1]sAliaslive, Principal: events.amazonaws.com}\n", fn)
		case 1:
			fmt.Fprintf(&b, "  %[1]sRule:\n    Type: AWS::Events::Rule\n    Properties:\n      ScheduleExpression: rate(1 hour)\n      Targets: [{Id: t, Arn: !Ref %[1]sAliaslive}]\n", fn)
		case 2:
			fmt.Fprintf(&b, "  %[1]sCallbacks:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: callbacks\n      Roles: [!Ref Fn000Role]\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: [lambda:SendDurableExecutionCallbackSuccess, lambda:SendDurableExecutionCallbackFailure]\n            Resource: !Sub ${%[1]s.Arn}:*\n", fn)
		case 3:
			fmt.Fprintf(&b, "  %[1]sMapping:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties: {EventSourceArn: arn:aws:sqs:us-east-1:123456789012:q%[2]d, FunctionName: !Ref %[1]sAliaslive}\n", fn, i)
		}
	}
	return []byte(b.String())
}

func BenchmarkTemplate500(b *testing.B) {
	data := largeTemplate(100)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := lint.Template("large.yaml", data, lint.Config{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestBudget500: a 500-resource template lints clean and allocates under
// 100 MB. Its time is logged, not asserted (a unit test on a shared CI
// machine is no measurement): BenchmarkLint and docs/performance.md hold
// the figures.
func TestBudget500(t *testing.T) {
	data := largeTemplate(100)
	if n := strings.Count(string(data), "\n    Type: "); n != 500 {
		t.Fatalf("the template has %d resources, want 500", n)
	}
	best := time.Hour
	var alloc uint64
	for range 3 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		got, err := lint.Template("large.yaml", data, lint.Config{})
		elapsed := time.Since(start)
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) > 0 {
			t.Fatalf("findings in the generated template: %v", got)
		}
		best = min(best, elapsed)
		alloc = after.TotalAlloc - before.TotalAlloc
	}
	if alloc > 100<<20 {
		t.Errorf("linting 500 resources allocated %d MB, over 100 MB", alloc>>20)
	}
	t.Logf("500 resources (%d KB): %v, %d KB allocated", len(data)>>10, best, alloc>>10)
}
