package durable_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/durablefn/durablefn/constructs/durable"
	"github.com/durablefn/durablefn/constructs/durable/nag"
	"github.com/durablefn/durablefn/model"
)

// nagFindings runs the AwsSolutions pack on the stack and returns its
// unsuppressed errors, one "path: message" line each.
func nagFindings(stack awscdk.Stack) []string {
	awscdk.Aspects_Of(stack).Add(cdknag.NewAwsSolutionsChecks(&cdknag.NagPackProps{Verbose: jsii.Bool(true)}), nil)
	var out []string
	for _, m := range *assertions.Annotations_FromStack(stack).FindError(jsii.String("*"),
		assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-.*"))) {
		out = append(out, *m.Id+": "+m.Entry.Data.(string))
	}
	return out
}

func firstLine(s string) string { l, _, _ := strings.Cut(s, "\n"); return l }

func TestNag(t *testing.T) {
	tests := []struct {
		name  string
		build func(stack awscdk.Stack)
	}{
		{"defaults, with nag.Suppress", func(stack awscdk.Stack) {
			nag.Suppress(durable.NewFunction(stack, jsii.String("Orders"), props()))
		}},
		{"least privilege, with nag.Suppress", func(stack awscdk.Stack) {
			nag.Suppress(durable.NewFunction(stack, jsii.String("Orders"), props(func(p *durable.FunctionProps) { p.LeastPrivilege = jsii.Bool(true) })))
		}},
		{"grants and durable invokes, with nag.Suppress", func(stack awscdk.Stack) {
			orders := durable.NewFunction(stack, jsii.String("Orders"), props())
			approver := durable.NewFunction(stack, jsii.String("Approver"), props())
			orders.GrantCallbackSender(approver)
			orders.GrantOperator(awsiam.Role_FromRoleArn(stack, jsii.String("Oncall"), jsii.String("arn:aws:iam::123456789012:role/oncall"), nil))
			approver.GrantDurableInvoke(orders)
			nag.Suppress(orders)
			nag.Suppress(approver)
		}},
		{"order-saga spec, with nag.Suppress", func(stack awscdk.Stack) {
			m, _, err := model.Load(filepath.Join("..", "..", "testdata", "golden", "order-saga", "durable.yaml"))
			if err != nil {
				panic(err)
			}
			for _, fn := range durable.FromSpec(stack, m) {
				nag.Suppress(fn)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// GIVEN
			stack := newStack()
			tc.build(stack)

			// WHEN
			findings := nagFindings(stack)

			// THEN
			for _, f := range findings {
				t.Errorf("unsuppressed: %s", firstLine(f))
			}
		})
	}
}

// TestNagLeastPrivilegeNeedsNoIAM4: with LeastPrivilege the role has no
// managed policy, so IAM4 passes with no suppression at all.
func TestNagLeastPrivilegeNeedsNoIAM4(t *testing.T) {
	// GIVEN
	stack := newStack()
	fn := durable.NewFunction(stack, jsii.String("Orders"), props(func(p *durable.FunctionProps) { p.LeastPrivilege = jsii.Bool(true) }))

	// WHEN
	for _, s := range *nag.Suppressions(fn) {
		if *s.Id == "AwsSolutions-IAM4" {
			t.Fatal("least privilege still suppresses IAM4")
		}
	}
	findings := nagFindings(stack)

	// THEN
	for _, f := range findings {
		if strings.Contains(f, "AwsSolutions-IAM4") {
			t.Errorf("IAM4 without any suppression: %s", firstLine(f))
		}
	}
}

// TestNagWithoutSuppressions shows what the suppressions are for: the same
// function without them has exactly the IAM4 and IAM5 findings they name.
func TestNagWithoutSuppressions(t *testing.T) {
	// GIVEN
	stack := newStack()
	durable.NewFunction(stack, jsii.String("Orders"), props(func(p *durable.FunctionProps) { p.LeastPrivilege = jsii.Bool(true) }))
	durable.NewFunction(stack, jsii.String("Managed"), props())

	// WHEN
	findings := nagFindings(stack)

	// THEN
	var iam4, iam5 int
	for _, f := range findings {
		switch {
		case strings.Contains(f, "AwsSolutions-IAM4"):
			iam4++
		case strings.Contains(f, "AwsSolutions-IAM5"):
			iam5++
		default:
			t.Errorf("unexpected finding: %s", firstLine(f))
		}
	}
	if iam4 != 1 || iam5 != 1 {
		t.Errorf("got %d IAM4 and %d IAM5 findings, want 1 and 1:\n%s", iam4, iam5, strings.Join(findings, "\n"))
	}
}
