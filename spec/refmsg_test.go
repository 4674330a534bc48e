package spec_test

import (
	"strings"
	"testing"

	"github.com/durablefn/durablefn/spec"
)

// TestRefWithoutDotMessage: a reference without an attribute is quoted as
// written (${AWS::Region}, not ${AWS::Region.}).
func TestRefWithoutDotMessage(t *testing.T) {
	src := `functions:
  Worker:
    runtime: nodejs22.x
    handler: index.handler
    code: s3://b/k.zip
    durable: {executionTimeout: 1h}
    environment:
      REGION: ${AWS::Region}
`
	_, diags, _ := spec.Parse("x.yaml", ".", []byte(src))
	text := diags.Error()
	if strings.Contains(text, "Region.}") || !strings.Contains(text, "${AWS::Region}") {
		t.Errorf("diagnostics:\n%s", text)
	}
	if got := (spec.Ref{Function: "AWS::Region"}).String(); got != "${AWS::Region}" {
		t.Errorf("Ref.String() = %q", got)
	}
}
