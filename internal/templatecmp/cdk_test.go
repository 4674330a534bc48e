package templatecmp_test

import (
	"strings"
	"testing"

	"github.com/durablefn/durablefn/internal/templatecmp"
)

func cdkOpts() templatecmp.Options {
	return templatecmp.Options{
		Rules: templatecmp.CDKRules(templatecmp.CDKOptions{
			Renames: map[string]string{
				"OrdersServiceRole":    "OrdersRole",
				"OrdersCurrentVersion": "OrdersVersion",
			},
			AssetBaseDir: "/src/orders",
		}),
		WantName: "cfn",
		GotName:  "cdk",
	}
}

// The real CDK output (testdata/cdk/orders.template.json) equals its
// hand-written CloudFormation under CDKRules, and still differs on a change.
func TestCDKTemplateEqualsHandWrittenCFN(t *testing.T) {
	cdk := templatecmp.MustParse(t, readTestdata(t, "cdk/orders.template.json"))
	cfnSrc := readTestdata(t, "cdk/orders.cfn.yaml")
	templatecmp.AssertEquivalent(t, templatecmp.MustParse(t, cfnSrc), cdk, cdkOpts())

	tests := []struct {
		name string
		cfn  []mutation
		want string
	}{
		{"version not retained on replacement", []mutation{{"    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain\n    Properties:\n      FunctionName", "    DeletionPolicy: Retain\n    Properties:\n      FunctionName"}},
			`OrdersVersion (AWS::Lambda::Version): UpdateReplacePolicy: only in cdk: "Retain"`},
		{"log group not retained", []mutation{{"    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain\n    Properties:\n      RetentionInDays", "    Properties:\n      RetentionInDays"}},
			`OrdersLogGroup (AWS::Logs::LogGroup): DeletionPolicy: only in cdk: "Retain"`},
		{"grant on the bare ARN", []mutation{{"Resource: !Sub ${Orders.Arn}:*", "Resource: !GetAtt Orders.Arn"}},
			`IAM permissions of role:OrdersRole: only in cdk: Allow lambda:SendDurableExecutionCallbackSuccess on {"Fn::Sub":"${Orders.Arn}:*"}`},
		{"another code directory", []mutation{{"Code: ./handlers/order", "Code: ./handlers/other"}},
			`Orders (AWS::Lambda::Function): Properties.Code: cfn "handlers/other", cdk "handlers/order"`},
		{"another timeout", []mutation{{"ExecutionTimeout: 3600", "ExecutionTimeout: 3601"}},
			"Properties.DurableConfig.ExecutionTimeout: cfn 3601, cdk 3600"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfn := templatecmp.MustParse(t, apply(t, cfnSrc, tc.cfn))
			all := strings.Join(templatecmp.Diff(cfn, cdk, cdkOpts()), "\n")
			if !strings.Contains(all, tc.want) {
				t.Errorf("differences do not mention %q; got:\n%s", tc.want, all)
			}
		})
	}
}

// Without the renames, CDK's ids (hash removed) show as different resources.
func TestCDKRulesWithoutRenamesShowIDs(t *testing.T) {
	cdk := templatecmp.MustParse(t, readTestdata(t, "cdk/orders.template.json"))
	cfn := templatecmp.MustParse(t, readTestdata(t, "cdk/orders.cfn.yaml"))
	opts := templatecmp.Options{Rules: templatecmp.CDKRules(templatecmp.CDKOptions{AssetBaseDir: "/src/orders"})}
	all := strings.Join(templatecmp.Diff(cfn, cdk, opts), "\n")
	for _, w := range []string{"OrdersServiceRole (AWS::IAM::Role): only in got", "OrdersCurrentVersion (AWS::Lambda::Version): only in got"} {
		if !strings.Contains(all, w) {
			t.Errorf("differences do not mention %q; got:\n%s", w, all)
		}
	}
}
