package durable_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"

	"github.com/durablefn/durablefn/constructs/durable"
	"github.com/durablefn/durablefn/constructs/durable/lintplugin"
	"github.com/durablefn/durablefn/lint"
)

// lintApp returns an app with the lint plugin (lintplugin.Add), writing to a
// temporary directory, in the in-memory app mode, where a failed validation
// panics with the whole report. With opts nil, it adds no plugin.
func lintApp(t *testing.T, opts *lintplugin.Options) (awscdk.App, awscdk.Stack, string) {
	t.Helper()
	out := t.TempDir()
	app := awscdk.NewApp(&awscdk.AppProps{
		Outdir:             jsii.String(out),
		AnalyticsReporting: jsii.Bool(false),
		Context:            &map[string]interface{}{"@aws-cdk/core:appMode": "inmemory"},
	})
	if opts != nil {
		lintplugin.Add(app, opts)
	}
	return app, awscdk.NewStack(app, jsii.String("Test"), nil), out
}

// synth runs app.Synth and returns what it panicked with, or "".
func synth(app awscdk.App) (failure string) {
	defer func() {
		if r := recover(); r != nil {
			failure = fmt.Sprint(r)
		}
	}()
	app.Synth(nil)
	return ""
}

// lintViolations reads the lint plugin's violations from the validation
// report: rule names and severities.
func lintViolations(t *testing.T, outdir string) map[string]string {
	t.Helper()
	return violations(t, outdir, lintplugin.Name)
}

// violations reads a plugin's violations (not those acknowledged) from the
// validation report: rule names and severities. The report leaves out a
// plugin that found nothing.
func violations(t *testing.T, outdir, plugin string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(outdir, "validation-report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var report struct {
		PluginReports []struct {
			PluginName string
			Violations []struct{ RuleName, Severity string }
		}
	}
	if err := json.Unmarshal(data, &report); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range report.PluginReports {
		if r.PluginName != plugin {
			continue
		}
		for _, v := range r.Violations {
			got[v.RuleName] = v.Severity
		}
	}
	return got
}

// plainDurable builds a durable function from plain awslambda, with its
// version and alias, as a careful user would: the linter finds nothing in
// it.
func plainDurable(stack awscdk.Stack) (awslambda.Function, awslambda.Alias) {
	fn := awslambda.NewFunction(stack, jsii.String("Plain"), &awslambda.FunctionProps{
		Runtime: awslambda.Runtime_NODEJS_24_X(),
		Handler: jsii.String("index.handler"),
		Code:    awslambda.Code_FromInline(jsii.String("exports.handler = async () => {}")),
		DurableConfig: &awslambda.DurableConfig{
			ExecutionTimeout: awscdk.Duration_Hours(jsii.Number(1)),
		},
		CurrentVersionOptions: &awslambda.VersionOptions{RemovalPolicy: awscdk.RemovalPolicy_RETAIN},
	})
	alias := awslambda.NewAlias(stack, jsii.String("PlainLive"), &awslambda.AliasProps{
		AliasName: jsii.String("live"),
		Version:   fn.CurrentVersion(),
	})
	return fn, alias
}

// counted counts the runs of a plugin. (jsii takes the members of a Go
// type from its own methods, not from those of an embedded field.)
type counted struct {
	plugin awscdk.IPolicyValidationPlugin
	runs   int
}

func (c *counted) Name() *string       { return c.plugin.Name() }
func (c *counted) Version() *string    { return c.plugin.Version() }
func (c *counted) RuleIds() *[]*string { return c.plugin.RuleIds() }
func (c *counted) Validate(ctx awscdk.IPolicyValidationContext) *awscdk.PolicyValidationPluginReport {
	c.runs++
	return c.plugin.Validate(ctx)
}

func TestLintPluginPassesTheConstruct(t *testing.T) {
	// GIVEN
	app, stack, out := lintApp(t, nil)
	plugin := &counted{plugin: lintplugin.New(nil)}
	awscdk.Validations_Of(app).AddPlugins(plugin)
	orders := durable.NewFunction(stack, jsii.String("Orders"), props())
	worker := durable.NewFunction(stack, jsii.String("Worker"), props(func(p *durable.FunctionProps) { p.LeastPrivilege = jsii.Bool(true) }))
	approver := awsiam.NewRole(stack, jsii.String("Approver"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
	orders.GrantCallbackSender(approver)
	orders.GrantOperator(approver)
	orders.GrantStarter(approver)
	orders.GrantDurableInvoke(worker)
	worker.GrantCallbackSender(orders)
	plainDurable(stack)

	// WHEN
	failure := synth(app)

	// THEN
	if failure != "" {
		t.Fatalf("synth failed:\n%s", failure)
	}
	if plugin.runs != 1 {
		t.Errorf("the plugin ran %d times", plugin.runs)
	}
	if got := lintViolations(t, out); len(got) > 0 {
		t.Errorf("the lint plugin reported %v", got)
	}
}

func TestLintPluginFailsSynthOnErrors(t *testing.T) {
	tests := []struct {
		name    string
		mistake func(stack awscdk.Stack, fn awslambda.Function, alias awslambda.Alias)
		rule    string
	}{{
		name: "permission on the unqualified function",
		mistake: func(stack awscdk.Stack, fn awslambda.Function, _ awslambda.Alias) {
			awslambda.NewCfnPermission(stack, jsii.String("SnsInvoke"), &awslambda.CfnPermissionProps{
				Action:       jsii.String("lambda:InvokeFunction"),
				FunctionName: fn.FunctionArn(),
				Principal:    jsii.String("sns.amazonaws.com"),
			})
		},
		rule: "DL301",
	}, {
		name: "callback grant on the alias",
		mistake: func(stack awscdk.Stack, _ awslambda.Function, alias awslambda.Alias) {
			role := awsiam.NewRole(stack, jsii.String("Approver"), &awsiam.RoleProps{AssumedBy: awsiam.NewAccountRootPrincipal()})
			role.AddToPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
				Actions:   jsii.Strings("lambda:SendDurableExecutionCallbackSuccess", "lambda:SendDurableExecutionCallbackFailure"),
				Resources: jsii.Strings(*alias.FunctionArn()),
			}))
		},
		rule: "DL404",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// GIVEN
			app, stack, out := lintApp(t, &lintplugin.Options{})
			fn, alias := plainDurable(stack)
			tt.mistake(stack, fn, alias)

			// WHEN
			failure := synth(app)

			// THEN
			if !strings.Contains(failure, tt.rule) {
				t.Fatalf("synth did not fail with %s:\n%s", tt.rule, failure)
			}
			t.Log(failure)
			if got := lintViolations(t, out); got[tt.rule] != "error" {
				t.Errorf("want %s as an error, the report has %v", tt.rule, got)
			}
		})
	}
}

func TestLintPluginAcknowledgement(t *testing.T) {
	// GIVEN
	app, stack, out := lintApp(t, &lintplugin.Options{})
	fn, _ := plainDurable(stack)
	perm := awslambda.NewCfnPermission(stack, jsii.String("SnsInvoke"), &awslambda.CfnPermissionProps{
		Action:       jsii.String("lambda:InvokeFunction"),
		FunctionName: fn.FunctionArn(),
		Principal:    jsii.String("sns.amazonaws.com"),
	})

	// WHEN
	awscdk.Validations_Of(perm).Acknowledge(&awscdk.Acknowledgment{
		Id:     jsii.String(lintplugin.Name + "::DL301"),
		Reason: jsii.String("the test acknowledges it"),
	})

	// THEN
	if failure := synth(app); failure != "" {
		t.Fatalf("synth failed:\n%s", failure)
	}
	if got := lintViolations(t, out); len(got) > 0 {
		t.Errorf("the acknowledged finding is still reported: %v", got)
	}
}

func TestLintPluginWarnings(t *testing.T) {
	named := func(stack awscdk.Stack) {
		awslambda.NewFunction(stack, jsii.String("Named"), &awslambda.FunctionProps{
			FunctionName: jsii.String("named"),
			Runtime:      awslambda.Runtime_NODEJS_24_X(),
			Handler:      jsii.String("index.handler"),
			Code:         awslambda.Code_FromInline(jsii.String("exports.handler = async () => {}")),
			DurableConfig: &awslambda.DurableConfig{
				ExecutionTimeout: awscdk.Duration_Hours(jsii.Number(1)),
			},
		})
	}
	tests := []struct {
		name string
		opts *lintplugin.Options
		want map[string]string
	}{
		{"reported by default", &lintplugin.Options{}, map[string]string{"DL104": "warning", "DL201": "warning"}},
		{"left out", &lintplugin.Options{Warnings: jsii.Bool(false)}, map[string]string{}},
		{"suppressed by the configuration", &lintplugin.Options{Config: &lint.Config{Ignore: []lint.Suppression{
			{ID: "DL104", Reason: "the name is a contract"}}}}, map[string]string{"DL201": "warning"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// GIVEN
			app, stack, out := lintApp(t, tt.opts)
			named(stack)

			// WHEN
			failure := synth(app)

			// THEN
			if failure != "" {
				t.Fatalf("warnings failed synth:\n%s", failure)
			}
			got := lintViolations(t, out)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestLintPluginRuleIDs(t *testing.T) {
	p := lintplugin.New(nil)
	ids := *p.RuleIds()
	if len(ids) != len(lint.Rules()) || *ids[0] != lint.Rules()[0].ID {
		t.Errorf("RuleIds %d, want the %d rules of package lint", len(ids), len(lint.Rules()))
	}
	if *p.Name() != "durablefn-lint" {
		t.Errorf("Name %q", *p.Name())
	}
}
