package durable_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"

	"github.com/durablefn/durablefn/constructs/durable"
	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/spec"
)

// construct runs NewFunction and returns what it panicked with, or nil.
func construct(p *durable.FunctionProps) (err error) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(error)
			if !ok {
				panic(r)
			}
			err = e
		}
	}()
	durable.NewFunction(newStack(), jsii.String("Orders"), p)
	return nil
}

func TestValidation(t *testing.T) {
	tests := []struct {
		name   string
		change func(*durable.FunctionProps)
		want   string // the whole message, "" for valid props
	}{
		{"timeout 1 s", func(p *durable.FunctionProps) { p.ExecutionTimeout = awscdk.Duration_Seconds(jsii.Number(1)) }, ""},
		{"timeout 366 days", func(p *durable.FunctionProps) { p.ExecutionTimeout = awscdk.Duration_Days(jsii.Number(366)) }, ""},
		{"timeout 0", func(p *durable.FunctionProps) { p.ExecutionTimeout = awscdk.Duration_Seconds(jsii.Number(0)) },
			"ExecutionTimeout: " + spec.ExecutionTimeoutError(0)},
		{"timeout one over", func(p *durable.FunctionProps) {
			p.ExecutionTimeout = awscdk.Duration_Seconds(jsii.Number(facts.MaxExecutionTimeout + 1))
		}, "ExecutionTimeout: " + spec.ExecutionTimeoutError(facts.MaxExecutionTimeout+1)},
		{"timeout not whole seconds", func(p *durable.FunctionProps) { p.ExecutionTimeout = awscdk.Duration_Millis(jsii.Number(1500)) },
			"ExecutionTimeout: 1.5 s is not a whole number of seconds"},
		{"timeout missing", func(p *durable.FunctionProps) { p.ExecutionTimeout = nil }, "ExecutionTimeout: required field is missing"},
		{"retention 1 day", func(p *durable.FunctionProps) { p.RetentionPeriod = awscdk.Duration_Days(jsii.Number(1)) }, ""},
		{"retention 90 days", func(p *durable.FunctionProps) { p.RetentionPeriod = awscdk.Duration_Days(jsii.Number(90)) }, ""},
		{"retention 91 days", func(p *durable.FunctionProps) { p.RetentionPeriod = awscdk.Duration_Days(jsii.Number(91)) },
			"RetentionPeriod: " + spec.RetentionDaysError(91)},
		{"retention 0", func(p *durable.FunctionProps) { p.RetentionPeriod = awscdk.Duration_Days(jsii.Number(0)) },
			"RetentionPeriod: " + spec.RetentionDaysError(0)},
		{"retention not whole days", func(p *durable.FunctionProps) { p.RetentionPeriod = awscdk.Duration_Hours(jsii.Number(36)) },
			"RetentionPeriod: 1.5 days is not a whole number of days"},
		{"runtime without a durable SDK", func(p *durable.FunctionProps) { p.Runtime = awslambda.Runtime_RUBY_3_3() },
			"Runtime: " + spec.RuntimeError("ruby3.3")},
		{"alias $LATEST", func(p *durable.FunctionProps) { p.AliasName = jsii.String("$LATEST") }, "AliasName: " + spec.AliasError("$LATEST")},
		{"alias a version number", func(p *durable.FunctionProps) { p.AliasName = jsii.String("3") }, "AliasName: " + spec.AliasError("3")},
		{"log levels with Text", func(p *durable.FunctionProps) {
			p.LoggingFormat = awslambda.LoggingFormat_TEXT
			p.ApplicationLogLevel = awslambda.ApplicationLogLevel_INFO
		}, "ApplicationLogLevel: log levels need the JSON log format"},
		{"own log group with a retention", func(p *durable.FunctionProps) {
			p.LogGroup = awslogs.LogGroup_FromLogGroupName(newStack(), jsii.String("Logs"), jsii.String("shared"))
			p.LogGroupRetention = awslogs.RetentionDays_ONE_WEEK
		}, "LogGroupRetention: applies to the log group the construct makes: set the retention on LogGroup instead"},
		{"invocation timeout 20 minutes", func(p *durable.FunctionProps) { p.Timeout = awscdk.Duration_Minutes(jsii.Number(20)) },
			"Timeout: " + spec.TimeoutError(1200) + "; the whole execution may last longer: ExecutionTimeout sets that"},
		{"invocation timeout 15 minutes", func(p *durable.FunctionProps) { p.Timeout = awscdk.Duration_Minutes(jsii.Number(15)) }, ""},
		{"memory 64 MB", func(p *durable.FunctionProps) { p.MemorySize = jsii.Number(64) }, "MemorySize: " + spec.MemorySizeError(64)},
		{"memory 10240 MB", func(p *durable.FunctionProps) { p.MemorySize = jsii.Number(10240) }, ""},
		{"negative reserved concurrency", func(p *durable.FunctionProps) { p.ReservedConcurrentExecutions = jsii.Number(-1) },
			"ReservedConcurrentExecutions: " + spec.ReservedConcurrencyError(-1)},
		{"function name with a dot", func(p *durable.FunctionProps) { p.FunctionName = jsii.String("orders.v2") },
			"FunctionName: " + spec.FunctionNameError("orders.v2")},
		{"description too long", func(p *durable.FunctionProps) { p.Description = jsii.String(strings.Repeat("x", 257)) },
			"Description: " + spec.DescriptionError(strings.Repeat("x", 257))},
		{"reserved environment variable", func(p *durable.FunctionProps) {
			p.Environment = &map[string]*string{"AWS_REGION": jsii.String("us-east-1"), "TABLE": jsii.String("orders")}
		}, "Environment: " + spec.EnvironmentNameError("AWS_REGION")},
		{"every problem at once", func(p *durable.FunctionProps) {
			p.Runtime, p.Handler, p.Code, p.ExecutionTimeout = nil, nil, nil, nil
			p.RetentionPeriod = awscdk.Duration_Days(jsii.Number(91))
		}, "Runtime: required field is missing; Handler: required field is missing; Code: required field is missing; " +
			"ExecutionTimeout: required field is missing; RetentionPeriod: " + spec.RetentionDaysError(91)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// GIVEN
			p := props(tc.change)

			// WHEN
			err := construct(p)

			// THEN
			if tc.want == "" {
				if err != nil {
					t.Fatalf("valid props rejected: %v", err)
				}
				return
			}
			var verr *durable.ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("got %v, want a *durable.ValidationError", err)
			}
			if got, want := err.Error(), "durable function Test/Orders: "+tc.want; got != want {
				t.Errorf("message:\n got %s\nwant %s", got, want)
			}
		})
	}
}

func TestUnresolvedTokensPassThrough(t *testing.T) {
	// GIVEN
	stack := newStack()
	seconds := awscdk.NewCfnParameter(stack, jsii.String("Seconds"), &awscdk.CfnParameterProps{Type: jsii.String("Number")})
	alias := awscdk.NewCfnParameter(stack, jsii.String("Alias"), &awscdk.CfnParameterProps{Type: jsii.String("String")})

	// WHEN
	durable.NewFunction(stack, jsii.String("Orders"), props(func(p *durable.FunctionProps) {
		p.ExecutionTimeout = awscdk.Duration_Seconds(seconds.ValueAsNumber())
		p.AliasName = alias.ValueAsString()
		p.FunctionName = alias.ValueAsString()
		p.MemorySize = seconds.ValueAsNumber()
		p.Timeout = awscdk.Duration_Seconds(seconds.ValueAsNumber())
	}))

	// THEN
	tpl := assertions.Template_FromStack(stack, nil)
	tpl.HasResourceProperties(jsii.String("AWS::Lambda::Function"), obj(map[string]interface{}{
		"DurableConfig": obj(map[string]interface{}{"ExecutionTimeout": map[string]interface{}{"Ref": "Seconds"}}),
	}))
	tpl.HasResourceProperties(jsii.String("AWS::Lambda::Alias"), obj(map[string]interface{}{"Name": map[string]interface{}{"Ref": "Alias"}}))
}

func TestValidationErrorNamesTheConstruct(t *testing.T) {
	err := construct(props(func(p *durable.FunctionProps) { p.ExecutionTimeout = awscdk.Duration_Seconds(jsii.Number(0)) }))
	if err == nil || !strings.HasPrefix(err.Error(), "durable function Test/Orders: ") {
		t.Errorf("got %v", err)
	}
}
