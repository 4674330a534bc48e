// Package lintplugin runs the rules of `durablefn lint` (package lint) on
// every stack of a Go CDK app as a CDK policy validation plugin. It is a
// package of its own so that importing the construct (package durable) does
// not bring the linter.
package lintplugin

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/lint"
)

// Name is the name of the lint plugin in CDK's validation report,
// and the prefix of its rule IDs in acknowledgements:
// "durablefn-lint::DL104".
const Name = "durablefn-lint"

// Options configure the lint plugin (New, Add).
type Options struct {
	// The linter's configuration: suppressions by rule ID, each with its
	// reason, for every stack of the app (lint.LoadConfig reads a
	// .durablefn-lint.yaml). Suppressions in the template's or a
	// resource's Metadata (durablefn: ignore:) hold as well, as for the
	// CLI, and so do CDK acknowledgements:
	// awscdk.Validations_Of(construct).Acknowledge with ID
	// "durablefn-lint::DL104".
	// Default: - no suppressions.
	//
	Config *lint.Config
	// Report warning-level findings, as violations of severity "warning":
	// CDK prints them with the validation report, and synthesis goes on
	// (unless the app sets the context "@aws-cdk/core:strictCfnValidateErrors",
	// or `cdk synth --strict` reads the report: both fail on warnings). With
	// false only error-level findings are reported.
	// Default: true.
	//
	Warnings *bool
}

// New returns a CDK policy validation plugin that lints every
// synthesized stack template with package lint, the rules of `durablefn
// lint` (DL001 …, see docs/lint-rules.md), whatever built the stack: this
// package's constructs or plain awslambda and awsiam ones.
//
// Register it on the app before app.Synth:
//
//	awscdk.Validations_Of(app).AddPlugins(lintplugin.New(nil))
//
// or with Add. CDK runs it once the templates are written. Each
// error-level finding is a violation of severity "error", which fails
// synthesis, as cdk-nag's errors do: app.Synth panics (in Go; `cdk synth`
// exits 1) after printing the report, each violation with its rule, the
// offending resource, the property path and the fix. Warning-level
// findings are violations of severity "warning", printed without failing
// (see Options.Warnings). An Aspect could not do this: aspects run
// before the template exists, and the rules read the template, intrinsics
// and all, as the CLI does.
//
// With the default app mode the panic says only "Validation failed" and
// where the report is (cdk.out/validation-report.json); with the context
// "@aws-cdk/core:appMode" set to "inmemory" it carries the whole report.
func New(opts *Options) awscdk.IPolicyValidationPlugin {
	p := &lintPlugin{warnings: true}
	if opts != nil {
		if opts.Config != nil {
			p.cfg = *opts.Config
		}
		if opts.Warnings != nil {
			p.warnings = *opts.Warnings
		}
	}
	return p
}

// Add adds New(opts) to the app or stage of scope (usually
// the app itself).
func Add(scope constructs.IConstruct, opts *Options) {
	awscdk.Validations_Of(scope).AddPlugins(New(opts))
}

// lintPlugin implements awscdk.IPolicyValidationPlugin. The receivers are
// pointers: jsii registers the object by its address.
type lintPlugin struct {
	cfg      lint.Config
	warnings bool
}

func (*lintPlugin) Name() *string { return jsii.String(Name) }

// Version is the version of this module, as the build records it; CDK
// reports anything that is not semantic versioning as 0.0.0.
func (*lintPlugin) Version() *string { return jsii.String(moduleVersion()) }

func (*lintPlugin) RuleIds() *[]*string {
	rules := lint.Rules()
	ids := make([]*string, len(rules))
	for i, r := range rules {
		ids[i] = jsii.String(r.ID)
	}
	return &ids
}

func (p *lintPlugin) Validate(ctx awscdk.IPolicyValidationContext) *awscdk.PolicyValidationPluginReport {
	violations := []*awscdk.PolicyViolation{}
	success := true
	for _, st := range *ctx.StackTemplates() {
		for _, v := range p.lintStack(st) {
			if *v.Severity == diag.Error.String() {
				success = false
			}
			violations = append(violations, v)
		}
	}
	return &awscdk.PolicyValidationPluginReport{
		Success:       jsii.Bool(success),
		Violations:    &violations,
		PluginVersion: jsii.String(moduleVersion()),
	}
}

// lintStack lints one stack's template and returns its violations.
func (p *lintPlugin) lintStack(st *awscdk.PolicyValidationStack) []*awscdk.PolicyViolation {
	path := *st.TemplatePath
	name := filepath.Base(path)
	data, err := os.ReadFile(path)
	var findings diag.List
	if err == nil {
		findings, err = lint.Template(name, data, p.cfg)
	}
	if err != nil {
		// Not reached for a template CDK wrote, short of one above
		// lint.MaxTemplateBytes: say so, as an error, rather than pass it.
		return []*awscdk.PolicyViolation{{
			RuleName:    jsii.String(lint.CodeUnreadable),
			Description: jsii.String(fmt.Sprintf("%s: the template of stack %s could not be linted: %v", lint.CodeUnreadable, *st.StackConstructPath, err)),
			Severity:    jsii.String(diag.Error.String()),
			ViolatingResources: &[]*awscdk.PolicyViolatingResource{{
				ConstructPath: st.StackConstructPath,
				TemplatePath:  st.TemplatePath,
				Locations:     &[]*string{},
			}},
		}}
	}
	var out []*awscdk.PolicyViolation
	for _, d := range findings {
		if d.Severity < diag.Warning || (d.Severity == diag.Warning && !p.warnings) {
			continue
		}
		out = append(out, violation(d, st))
	}
	return out
}

// violation writes a finding as CDK reports it. The rule name is the
// rule's ID alone, so that an acknowledgement names it as the CLI and the
// lint configuration do ("durablefn-lint::DL301"); the description, the
// report's headline, starts with the ID and the rule's name.
func violation(d diag.Diagnostic, st *awscdk.PolicyValidationStack) *awscdk.PolicyViolation {
	desc := d.Code + ": " + diag.Printable(d.Message)
	meta := map[string]*string{}
	if r, ok := lint.RuleByID(d.Code); ok {
		desc = d.Code + " " + r.Name + ": " + diag.Printable(d.Message)
		meta["rule"] = jsii.String(r.Name)
		meta["docs"] = jsii.String(r.DocsURL())
	}
	if pos := d.Pos.String(); pos != "" {
		meta["position"] = jsii.String(pos)
	}
	res := &awscdk.PolicyViolatingResource{TemplatePath: st.TemplatePath, Locations: &[]*string{}}
	if id := lint.ResourceOf(d); id != "" {
		res.ResourceLogicalId = jsii.String(id)
		// Where in the resource, as CDK writes locations: "Properties.Role".
		if loc := strings.TrimPrefix(strings.TrimPrefix(d.Path, "Resources."+id), "."); loc != "" {
			res.Locations = &[]*string{jsii.String(loc)}
		}
	} else {
		// A finding about the template as a whole (its Metadata, its
		// structure) is the stack's.
		res.ConstructPath = st.StackConstructPath
		if d.Path != "" {
			res.Locations = &[]*string{jsii.String(d.Path)}
		}
	}
	v := &awscdk.PolicyViolation{
		RuleName:           jsii.String(d.Code),
		Description:        jsii.String(desc),
		Severity:           jsii.String(d.Severity.String()),
		ViolatingResources: &[]*awscdk.PolicyViolatingResource{res},
		RuleMetadata:       &meta,
	}
	if d.Fix != "" {
		v.Fix = jsii.String(d.Fix)
	}
	return v
}

// moduleVersion is this module's version without its "v", or "0.0.0" when
// the build does not record one (a build inside the module itself).
func moduleVersion() string {
	const module = "github.com/durablefn/durablefn"
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "0.0.0"
	}
	v := ""
	if info.Main.Path == module {
		v = info.Main.Version
	}
	for _, dep := range info.Deps {
		if dep.Path == module {
			v = dep.Version
		}
	}
	if !strings.HasPrefix(v, "v") {
		return "0.0.0"
	}
	return strings.TrimPrefix(v, "v")
}
