package spec

import (
	"fmt"
	"slices"
	"strings"

	"github.com/durablefn/durablefn/facts"
)

// The checks of one function field each, as messages ("" when the value is
// valid). The spec's validation and the Go CDK construct (package
// constructs/durable, which checks its props with them) share them, so
// that the two accept and refuse the same values with the same words.

// TimeoutError returns why an invocation timeout in seconds is refused, or "".
func TimeoutError(seconds int) string {
	if seconds < facts.MinTimeout || seconds > facts.MaxTimeout {
		return fmt.Sprintf("%d s is outside %d … %d s per invocation", seconds, facts.MinTimeout, facts.MaxTimeout)
	}
	return ""
}

// MemorySizeError returns why a memory size in MB is refused, or "".
func MemorySizeError(mb int) string {
	if mb < facts.MinMemorySize || mb > facts.MaxMemorySize {
		return fmt.Sprintf("%d MB is outside %d … %d MB", mb, facts.MinMemorySize, facts.MaxMemorySize)
	}
	return ""
}

// DescriptionError returns why a description is refused, or "".
func DescriptionError(description string) string {
	if len(description) > facts.MaxDescriptionLength {
		return fmt.Sprintf("the description is %d characters, over Lambda's %d", len(description), facts.MaxDescriptionLength)
	}
	return ""
}

// HandlerError returns why a handler is refused, or "".
func HandlerError(handler string) string {
	if len(handler) > facts.MaxHandlerLength {
		return fmt.Sprintf("the handler is %d characters, over Lambda's %d", len(handler), facts.MaxHandlerLength)
	}
	return ""
}

// FunctionNameError returns why an explicit function name is refused, or "".
func FunctionNameError(name string) string {
	if !facts.FunctionNamePattern.MatchString(name) {
		return fmt.Sprintf("%q is not a valid function name (letters, digits, - and _, at most 64)", name)
	}
	return ""
}

// ReservedConcurrencyError returns why a reserved concurrency is refused, or "".
func ReservedConcurrencyError(n int) string {
	if n < 0 {
		return fmt.Sprintf("%d is negative", n)
	}
	return ""
}

// EnvironmentNameError returns why an environment variable name is
// refused, or "".
func EnvironmentNameError(name string) string {
	switch {
	case !facts.EnvironmentNamePattern.MatchString(name):
		return fmt.Sprintf("%q is not a valid environment variable name: Lambda takes a letter first, then letters, digits and _, two characters at least", name)
	case slices.Contains(facts.ReservedEnvironment, name):
		return fmt.Sprintf("%s is reserved by Lambda", name)
	}
	return ""
}

// EnvironmentValueError returns why a literal environment value is
// refused, or "".
func EnvironmentValueError(value string) string {
	if i := strings.IndexFunc(value, isRefusedControl); i >= 0 {
		return fmt.Sprintf("the value holds the control character %U at byte %d: Lambda takes no control characters but tab and newline", []rune(value[i:])[0], i)
	}
	return ""
}

// SyncEventSourceWarning returns the warning for an event source mapping
// (which invokes synchronously) on a durable function whose execution
// timeout is executionTimeout seconds, or "" when executions fit in a
// synchronous invocation. source names the source ("an SQS event source").
func SyncEventSourceWarning(source string, executionTimeout int, field string) string {
	if executionTimeout <= facts.MaxSyncExecutionTimeout {
		return ""
	}
	return fmt.Sprintf("%s invokes synchronously, and synchronous invocations end after %s; %s is %s",
		source, FormatDuration(facts.MaxSyncExecutionTimeout), field, FormatDuration(executionTimeout))
}

// ExplicitNameWarning is the warning for an explicit FunctionName on a
// durable function.
const ExplicitNameWarning = "an explicit name on a durable function makes any replacement fail (turning durability on or off replaces the function)"
