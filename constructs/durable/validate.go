package durable

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/spec"
)

// ValidationError is what NewFunction panics with when its props are
// invalid, as aws-cdk-go constructs panic on invalid props. It lists every
// problem at once; the messages are those of package spec, with the prop's
// name in place of the spec field's.
type ValidationError struct {
	// Path is the construct path of the function.
	Path string
	// Problems in the order of the props.
	Problems []Problem
}

// Problem is one invalid prop.
type Problem struct {
	// Prop is the FunctionProps field, such as "ExecutionTimeout".
	Prop string
	// Message says what is wrong, in package spec's words.
	Message string
}

// Error lists the problems on one line each after the first.
func (e *ValidationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "durable function %s: ", e.Path)
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s: %s", p.Prop, diag.Printable(p.Message))
	}
	return b.String()
}

// imageRuntime is the name of awslambda.Runtime_FROM_IMAGE().
const imageRuntime = "FROM_IMAGE"

// validate checks props up front and returns every problem found. Values
// that are unresolved tokens are passed through: CloudFormation checks them
// at deploy time. It asks aws-cdk-lib what it promises to answer: a
// Runtime's name, whether a Duration is unresolved (IsUnresolved), its
// length (ToSeconds, ToDays).
//
// A plain function (FromSpec) is not checked for what only a durable one
// needs: a durable runtime, the execution timeout and retention.
func validate(props *FunctionProps, plain bool) (out []Problem, execSeconds float64) {
	execSeconds = -1
	add := func(prop, format string, args ...any) {
		out = append(out, Problem{Prop: prop, Message: fmt.Sprintf(format, args...)})
	}
	if props.Runtime == nil {
		add("Runtime", "required field is missing")
	} else if name := *props.Runtime.Name(); !plain && name != imageRuntime && !slices.Contains(facts.DurableRuntimes, name) {
		add("Runtime", "%s", spec.RuntimeError(name))
	}
	if props.Handler == nil {
		add("Handler", "required field is missing")
	}
	if props.Code == nil {
		add("Code", "required field is missing")
	}
	// The function's own fields, with the spec's checks (spec.*Error). A
	// string or number that fails a check is asked whether it is a token
	// only then (a token passes: CloudFormation checks it at deploy time).
	if props.Handler != nil {
		if msg := spec.HandlerError(*props.Handler); msg != "" {
			add("Handler", "%s", msg)
		}
	}
	if props.Description != nil {
		if msg := spec.DescriptionError(*props.Description); msg != "" {
			add("Description", "%s", msg)
		}
	}
	if props.FunctionName != nil {
		if msg := spec.FunctionNameError(*props.FunctionName); msg != "" && !*awscdk.Token_IsUnresolved(props.FunctionName) {
			add("FunctionName", "%s", msg)
		}
	}
	if props.MemorySize != nil {
		if msg := wholeNumberError(*props.MemorySize, spec.MemorySizeError); msg != "" && !*awscdk.Token_IsUnresolved(props.MemorySize) {
			add("MemorySize", "%s", msg)
		}
	}
	if props.ReservedConcurrentExecutions != nil {
		if msg := wholeNumberError(*props.ReservedConcurrentExecutions, spec.ReservedConcurrencyError); msg != "" && !*awscdk.Token_IsUnresolved(props.ReservedConcurrentExecutions) {
			add("ReservedConcurrentExecutions", "%s", msg)
		}
	}
	if props.Timeout != nil {
		if s, ok := seconds(props.Timeout); ok {
			if msg := wholeNumberError(s, spec.TimeoutError); msg != "" {
				if !plain {
					msg += "; the whole execution may last longer: ExecutionTimeout sets that"
				}
				add("Timeout", "%s", msg)
			}
		}
	}
	if props.Environment != nil {
		names := make([]string, 0, len(*props.Environment))
		for name := range *props.Environment {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			if msg := spec.EnvironmentNameError(name); msg != "" && !*awscdk.Token_IsUnresolved(jsii.String(name)) {
				add("Environment", "%s", msg)
			}
			if v := (*props.Environment)[name]; v != nil {
				if msg := spec.EnvironmentValueError(*v); msg != "" {
					add("Environment", "%s: %s", name, msg)
				}
			}
		}
	}
	if plain {
		// Neither timeout nor retention.
	} else if props.ExecutionTimeout == nil {
		add("ExecutionTimeout", "required field is missing")
	} else if s, ok := seconds(props.ExecutionTimeout); ok {
		execSeconds = s
		switch {
		case s != math.Trunc(s):
			add("ExecutionTimeout", "%v s is not a whole number of seconds", s)
		default:
			if msg := spec.ExecutionTimeoutError(int(s)); msg != "" {
				add("ExecutionTimeout", "%s", msg)
			}
		}
	}
	if props.RetentionPeriod != nil && !plain && !*props.RetentionPeriod.IsUnresolved() {
		d := *props.RetentionPeriod.ToDays(notIntegral)
		switch {
		case d != math.Trunc(d):
			add("RetentionPeriod", "%v days is not a whole number of days", d)
		default:
			if msg := spec.RetentionDaysError(int(d)); msg != "" {
				add("RetentionPeriod", "%s", msg)
			}
		}
	}
	if props.AliasName != nil {
		if msg := spec.AliasError(*props.AliasName); msg != "" && !*awscdk.Token_IsUnresolved(props.AliasName) {
			add("AliasName", "%s", msg)
		}
	}
	if props.LoggingFormat != "" && props.LoggingFormat != awslambda.LoggingFormat_JSON {
		if props.ApplicationLogLevel != "" {
			add("ApplicationLogLevel", "log levels need the JSON log format")
		}
		if props.SystemLogLevel != "" {
			add("SystemLogLevel", "log levels need the JSON log format")
		}
	}
	if props.LogGroup != nil {
		if props.LogGroupRetention != "" {
			add("LogGroupRetention", "applies to the log group the construct makes: set the retention on LogGroup instead")
		}
		if props.LogGroupRemovalPolicy != "" {
			add("LogGroupRemovalPolicy", "applies to the log group the construct makes: set the removal policy on LogGroup instead")
		}
	}
	if props.DeadLetterQueue != nil && props.DeadLetterTopic != nil {
		add("DeadLetterTopic", "give DeadLetterQueue or DeadLetterTopic, not both")
	}
	return out, execSeconds
}

// wholeNumberError checks v with check when it is a whole number, and says
// that it is not one otherwise.
func wholeNumberError(v float64, check func(int) string) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > math.MaxInt32:
		return fmt.Sprintf("%g is out of range", v)
	case v != math.Trunc(v):
		return fmt.Sprintf("%v is not a whole number", v)
	}
	return check(int(v))
}

// notIntegral converts a Duration without requiring a whole result, so that
// validation can say it is not whole.
var notIntegral = &awscdk.TimeConversionOptions{Integral: jsii.Bool(false)}

// seconds returns d in seconds, not rounded, and false when its amount is an
// unresolved token.
func seconds(d awscdk.Duration) (float64, bool) {
	if *d.IsUnresolved() {
		return 0, false
	}
	return *d.ToSeconds(notIntegral), true
}
