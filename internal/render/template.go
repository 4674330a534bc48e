package render

import (
	"fmt"

	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/model"
	"github.com/durablefn/durablefn/policies"
	"github.com/durablefn/durablefn/spec"
)

// Format is an output format of a template.
type Format int

const (
	// YAML with short-form intrinsics, as CloudFormation users write it.
	YAML Format = iota
	// JSON with two-space indentation.
	JSON
)

// Template is a template as plain data (maps, slices, strings,
// json.Number, bools) with long-form intrinsics. Its values may be shared
// between resources (one trust policy for every role, one log group body
// per retention) and with the model: a template is read, never changed,
// once built.
type Template map[string]any

// New starts the template of an application with what both generators
// write alike: the description, the spec's parameters, mappings,
// conditions and resources, the policies, the log groups, the outputs and
// the rules. It refuses a model that was not built from a validated spec.
func New(app *model.App) (Template, error) {
	if err := app.Check(); err != nil {
		return nil, err
	}
	t := Template{"AWSTemplateFormatVersion": "2010-09-09", "Description": app.Description}
	// Per function: the function, its role, log group, version, alias and
	// two resources per event source at most.
	n := len(app.Resources) + len(app.Policies)
	for _, fn := range app.Functions {
		n += 5 + 2*len(fn.Events)
	}
	resources := make(map[string]any, n)
	t["Resources"] = resources
	if len(app.Parameters) > 0 {
		params := map[string]any{}
		for _, p := range app.Parameters {
			params[p.Name] = parameter(p)
		}
		t["Parameters"] = params
	}
	if len(app.Mappings) > 0 {
		m := map[string]any{}
		for _, s := range app.Mappings {
			m[s.Name] = s.Body
		}
		t["Mappings"] = m
	}
	if len(app.Conditions) > 0 {
		m := map[string]any{}
		for _, s := range app.Conditions {
			m[s.Name] = s.Body
		}
		t["Conditions"] = m
	}
	for _, r := range app.Resources {
		resources[r.Name] = r.Body
	}
	groups := map[int]map[string]any{} // by retention, shared
	for _, fn := range app.Functions {
		g, ok := groups[fn.LogRetentionDays]
		if !ok {
			g = LogGroup(fn)
			groups[fn.LogRetentionDays] = g
		}
		resources[fn.LogGroupID] = g
	}
	for _, p := range app.Policies {
		resources[p.ID] = Policy(p)
	}
	if len(app.Outputs) > 0 {
		outs := make(map[string]any, len(app.Outputs))
		for _, o := range app.Outputs {
			m := map[string]any{"Value": o.Value}
			if o.Description != "" {
				m["Description"] = o.Description
			}
			if o.Export != nil {
				m["Export"] = map[string]any{"Name": o.Export}
			}
			outs[o.ID] = m
		}
		t["Outputs"] = outs
	}
	if len(app.Rules) > 0 {
		rules := map[string]any{}
		for _, r := range app.Rules {
			rules[r.ID] = map[string]any{"Assertions": []any{map[string]any{
				"Assert":            map[string]any{"Fn::Equals": []any{model.Ref("AWS::AccountId"), r.Account}},
				"AssertDescription": r.Description,
			}}}
		}
		t["Rules"] = rules
	}
	return t, nil
}

// Resources returns the template's resources, to add to.
func (t Template) Resources() map[string]any { return t["Resources"].(map[string]any) }

// Finish checks the template against CloudFormation's size limit and writes
// it as YAML with short-form intrinsics or as JSON, in the conventional
// order (see format.go).
func (t Template) Finish(f Format) ([]byte, error) {
	out, err := FormatTemplate(t, f)
	if err != nil {
		return nil, err
	}
	if len(out) > facts.MaxTemplateBytes {
		return nil, fmt.Errorf("the template is %d bytes, over CloudFormation's limit of %d: split the spec into several stacks", len(out), facts.MaxTemplateBytes)
	}
	return out, nil
}

func parameter(p *spec.Parameter) map[string]any {
	m := map[string]any{"Type": p.Type}
	set := func(k string, v any, ok bool) {
		if ok {
			m[k] = v
		}
	}
	set("Description", p.Description, p.Description != "")
	set("Default", p.Default, p.Default != nil)
	set("AllowedValues", p.AllowedValues, len(p.AllowedValues) > 0)
	set("AllowedPattern", p.AllowedPattern, p.AllowedPattern != "")
	set("ConstraintDescription", p.ConstraintDescription, p.ConstraintDescription != "")
	for k, v := range map[string]*int{"MinLength": p.MinLength, "MaxLength": p.MaxLength, "MinValue": p.MinValue, "MaxValue": p.MaxValue} {
		if v != nil {
			m[k] = model.Number(*v)
		}
	}
	set("NoEcho", true, p.NoEcho)
	return m
}

// LogGroup is a function's explicit log group, wired through LoggingConfig.
// Its name is left to CloudFormation, so the function can be replaced.
func LogGroup(fn *model.Function) map[string]any {
	return resource("AWS::Logs::LogGroup", map[string]any{"RetentionInDays": model.Number(fn.LogRetentionDays)})
}

// Policy is an AWS::IAM::Policy resource.
func Policy(p *model.Policy) map[string]any {
	return resource("AWS::IAM::Policy", map[string]any{"PolicyName": p.PolicyName, "PolicyDocument": p.Document, "Roles": p.Roles})
}

// TrustPolicy is the trust policy of every generated role: build it once
// per template and give it to Role.
func TrustPolicy() map[string]any { return policies.LambdaTrustPolicy() }

// Role is a generated execution role, as SAM writes the role it creates:
// the Lambda trust policy (trust, from TrustPolicy), the managed policies,
// the inline policies and the function's tags.
func Role(r *model.Role, trust map[string]any) map[string]any {
	props := map[string]any{
		"AssumeRolePolicyDocument": trust,
	}
	if arns := r.ManagedPolicyArns(); len(arns) > 0 {
		props["ManagedPolicyArns"] = arns
	}
	if len(r.Policies) > 0 {
		var ps []any
		for _, p := range r.Policies {
			ps = append(ps, map[string]any{"PolicyName": p.Name, "PolicyDocument": p.Document})
		}
		props["Policies"] = ps
	}
	if len(r.Tags) > 0 {
		props["Tags"] = model.TagList(r.Tags)
	}
	return resource("AWS::IAM::Role", props)
}

func resource(typ string, props map[string]any) map[string]any {
	return map[string]any{"Type": typ, "Properties": props}
}

// Resource is a resource of a type with properties.
func Resource(typ string, props map[string]any) map[string]any { return resource(typ, props) }

// Function is a function's resource of a type with properties, created
// after the policies it depends on.
func Function(fn *model.Function, typ string, props map[string]any) map[string]any {
	r := resource(typ, props)
	if len(fn.DependsOn) > 0 {
		r["DependsOn"] = model.StringList(fn.DependsOn)
	}
	return r
}

// EventResources adds the resources of a function's events to res: all
// of them (CloudFormation), or only those of events SAM has no native form
// for (SAM; the translator makes the others).
func EventResources(res map[string]any, fn *model.Function, samNative bool) {
	for _, e := range fn.Events {
		if samNative && e.SAMNative {
			continue
		}
		for _, g := range e.Resources {
			res[g.ID] = g.Body()
		}
	}
}
