package spec_test

import (
	"strings"
	"testing"

	"github.com/durablefn/durablefn/spec"
)

// The field checks the construct shares with the spec say what the spec's
// validation says, for the same value: each case validates a spec with
// one bad field and looks for the check's message in the error.
func TestFieldChecksAreTheSpecs(t *testing.T) {
	base := "functions:\n  F:\n    runtime: nodejs24.x\n    handler: index.handler\n    code: s3://b/k.zip\n    durable: {executionTimeout: 1h}\n"
	for _, tc := range []struct {
		field, want string
	}{
		{"    timeout: 1200\n", spec.TimeoutError(1200)},
		{"    memorySize: 64\n", spec.MemorySizeError(64)},
		{"    description: " + strings.Repeat("x", 257) + "\n", spec.DescriptionError(strings.Repeat("x", 257))},
		{"    functionName: orders.v2\n", spec.FunctionNameError("orders.v2")},
		{"    reservedConcurrency: -1\n", spec.ReservedConcurrencyError(-1)},
		{"    environment: {AWS_REGION: x}\n", spec.EnvironmentNameError("AWS_REGION")},
		{"    environment: {1X: x}\n", spec.EnvironmentNameError("1X")},
	} {
		t.Run(tc.want, func(t *testing.T) {
			if tc.want == "" {
				t.Fatal("the check accepts the value")
			}
			_, _, err := spec.Parse("t.yaml", ".", []byte(base+tc.field))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("validation says %v, want %q", err, tc.want)
			}
		})
	}
	// The warnings too: the explicit name, and the sync source's (the
	// construct words its subject and field its own way).
	_, warnings, err := spec.Parse("t.yaml", ".", []byte(base+"    functionName: orders\n    events: {Q: {sqs: {queueArn: arn:aws:sqs:us-east-1:123456789012:q}}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(warnings.Error(), spec.ExplicitNameWarning) {
		t.Errorf("warnings %v, want %q", warnings, spec.ExplicitNameWarning)
	}
	_, warnings, err = spec.Parse("t.yaml", ".", []byte(strings.Replace(base, "1h", "35d", 1)+"    events: {Q: {sqs: {queueArn: arn:aws:sqs:us-east-1:123456789012:q}}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := spec.SyncEventSourceWarning("an SQS event source", 35*86400, "durable.executionTimeout"); want == "" || !strings.Contains(warnings.Error(), want) {
		t.Errorf("warnings %v, want %q", warnings, want)
	}
}
