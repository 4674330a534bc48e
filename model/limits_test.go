package model_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/durablefn/durablefn/model"
	"github.com/durablefn/durablefn/spec"
)

func fnSpec(name, extra string) string {
	return fmt.Sprintf("  %s:\n    runtime: nodejs24.x\n    handler: index.handler\n    code: s3://b/%s.zip\n    durable: {executionTimeout: 1h}\n%s", name, name, extra)
}

func wantLimit(t *testing.T, src, want string) {
	t.Helper()
	_, diags, err := model.Parse("t.yaml", ".", []byte(src))
	if err == nil {
		t.Fatalf("accepted; want an error containing %q", want)
	}
	for _, d := range diags {
		if d.Code == spec.CodeLimit && strings.Contains(d.Message, want) {
			if d.Pos.Line == 0 {
				t.Errorf("limit error without a place: %v", d)
			}
			return
		}
	}
	t.Errorf("no limit error containing %q in:\n%v", want, err)
}

// TestResourceLimit: 100 durable functions make exactly 500 resources
// (function, role, log group, version, alias); one more is refused.
func TestResourceLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString("functions:\n")
	for i := range 100 {
		b.WriteString(fnSpec(fmt.Sprintf("F%d", i), ""))
	}
	if _, _, err := model.Parse("t.yaml", ".", []byte(b.String())); err != nil {
		t.Fatalf("100 functions (500 resources) refused: %v", err)
	}
	b.WriteString(fnSpec("F100", ""))
	wantLimit(t, b.String(), "505 resources, over CloudFormation's limit of 500")
}

// TestOutsideRolePolicyLimit: the grants a spec attaches to one outside
// role count together against IAM's 10,240 bytes of inline policy.
func TestOutsideRolePolicyLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString("functions:\n")
	for i := range 30 {
		b.WriteString(fnSpec(fmt.Sprintf("Function%d", i), "    observers: [{roleArn: arn:aws:iam::123456789012:role/dashboard}]\n"))
	}
	wantLimit(t, b.String(), "over IAM's 10240 bytes per role")
}

// TestEnvironmentLimit: Lambda's 4 KB environment.
func TestEnvironmentLimit(t *testing.T) {
	src := "functions:\n" + fnSpec("F", "    environment:\n      BIG: "+strings.Repeat("x", 4100)+"\n")
	wantLimit(t, src, "over Lambda's 4096")
}

// TestLongEventID: an event ID over 255 characters is refused.
func TestLongEventID(t *testing.T) {
	src := "functions:\n" + fnSpec("F", "    events:\n      E"+strings.Repeat("x", 260)+": {schedule: rate(1 hour)}\n")
	wantLimit(t, src, "over CloudFormation's 255")
}

// TestLambdaStringLimits: description and handler lengths.
func TestLambdaStringLimits(t *testing.T) {
	wantLimit(t, "functions:\n"+fnSpec("F", "    description: "+strings.Repeat("d", 257)+"\n"), "over Lambda's 256")
	src := strings.Replace("functions:\n"+fnSpec("F", ""), "index.handler", strings.Repeat("h", 129), 1)
	wantLimit(t, src, "over Lambda's 128")
}

// TestTemplateDescriptionLimit: CloudFormation's 1,024 bytes for the
// template's description; exactly 1,024 is accepted.
func TestTemplateDescriptionLimit(t *testing.T) {
	src := "functions:\n" + fnSpec("F", "")
	if _, _, err := model.Parse("t.yaml", ".", []byte("description: "+strings.Repeat("d", 1024)+"\n"+src)); err != nil {
		t.Fatalf("a description of 1024 bytes refused: %v", err)
	}
	wantLimit(t, "description: "+strings.Repeat("d", 1025)+"\n"+src, "the description is 1025 bytes, over CloudFormation's 1024")
}
