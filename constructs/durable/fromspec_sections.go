package durable

import (
	"fmt"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
)

// parameters creates the spec's parameters with their logical IDs.
func (b *specBuilder) parameters() {
	for _, p := range b.app.Parameters {
		props := &awscdk.CfnParameterProps{
			Type:                  jsii.String(p.Type),
			Description:           optional(p.Description),
			AllowedPattern:        optional(p.AllowedPattern),
			ConstraintDescription: optional(p.ConstraintDescription),
			MinLength:             number(p.MinLength),
			MaxLength:             number(p.MaxLength),
			MinValue:              number(p.MinValue),
			MaxValue:              number(p.MaxValue),
		}
		if p.Default != nil {
			props.Default = b.data(p.Default)
		}
		if len(p.AllowedValues) > 0 {
			// CfnParameter takes them as strings, which CloudFormation
			// compares parameter values as.
			values := make([]*string, len(p.AllowedValues))
			for i, v := range p.AllowedValues {
				values[i] = jsii.String(fmt.Sprint(v))
			}
			props.AllowedValues = &values
		}
		if p.NoEcho {
			props.NoEcho = jsii.Bool(true)
		}
		cp := awscdk.NewCfnParameter(b.scope, jsii.String(p.Name), props)
		cp.OverrideLogicalId(jsii.String(p.Name))
		b.params[p.Name] = cp
		if isScalarParameter(p.Type) {
			b.ids[p.Name] = idRef{ref: func() any { return *cp.ValueAsString() }, kept: true}
		}
	}
}

// isScalarParameter reports whether a parameter type has a string value
// (CfnParameter.ValueAsString refuses lists).
func isScalarParameter(t string) bool {
	return !strings.Contains(t, "List<") && !strings.Contains(t, "CommaDelimitedList")
}

func number(n *int) *float64 {
	if n == nil {
		return nil
	}
	return jsii.Number(*n)
}

// mappings creates the spec's mappings with their names.
func (b *specBuilder) mappings() {
	for _, m := range b.app.Mappings {
		body, _ := b.data(m.Body).(map[string]any)
		mapping := map[string]*map[string]any{}
		for k, v := range body {
			inner, _ := v.(map[string]any)
			mapping[k] = &inner
		}
		cm := awscdk.NewCfnMapping(b.scope, b.elementID("Mapping", m.Name), &awscdk.CfnMappingProps{Mapping: &mapping})
		cm.OverrideLogicalId(jsii.String(m.Name))
	}
}

// conditionsSection creates the spec's conditions with their names, in the
// spec's order; a condition that names another is created after it.
func (b *specBuilder) conditionsSection() {
	bodies := map[string]any{}
	for _, c := range b.app.Conditions {
		bodies[c.Name] = c.Body
	}
	var create func(name string) awscdk.CfnCondition
	create = func(name string) awscdk.CfnCondition {
		if c, ok := b.conditions[name]; ok {
			return c
		}
		c := awscdk.NewCfnCondition(b.scope, b.elementID("Condition", name), &awscdk.CfnConditionProps{
			Expression: b.condition(bodies[name], create),
		})
		c.OverrideLogicalId(jsii.String(name))
		b.conditions[name] = c
		return c
	}
	for _, c := range b.app.Conditions {
		create(c.Name)
	}
}

// condition converts a condition's body: Fn::Equals, Fn::And, Fn::Or,
// Fn::Not and Condition, as the spec validated them.
func (b *specBuilder) condition(body any, named func(string) awscdk.CfnCondition) awscdk.ICfnConditionExpression {
	m, _ := body.(map[string]any)
	exprs := func(v any) []awscdk.ICfnConditionExpression {
		list, _ := v.([]any)
		out := make([]awscdk.ICfnConditionExpression, len(list))
		for i, item := range list {
			out[i] = b.condition(item, named)
		}
		return out
	}
	for k, arg := range m {
		switch k {
		case "Fn::Equals":
			args, _ := arg.([]any)
			if len(args) == 2 {
				return awscdk.Fn_ConditionEquals(b.data(args[0]), b.data(args[1]))
			}
		case "Fn::And":
			return awscdk.Fn_ConditionAnd(exprs(arg)...)
		case "Fn::Or":
			return awscdk.Fn_ConditionOr(exprs(arg)...)
		case "Fn::Not":
			if e := exprs(arg); len(e) == 1 {
				return awscdk.Fn_ConditionNot(e[0])
			}
		case "Condition":
			if name, ok := arg.(string); ok {
				return named(name)
			}
		}
	}
	panic(fmt.Sprintf("durable: condition %v is not one FromSpec knows (the spec validates conditions)", body))
}

// resources creates the spec's resources with their logical IDs, once the
// functions exist (their properties may name them).
func (b *specBuilder) resources() {
	for _, r := range b.app.Resources {
		// With the notifications of S3 events on a bucket.
		body := b.app.ResourceBody(r)
		props := &awscdk.CfnResourceProps{Type: jsii.String(r.Type)}
		if p, ok := b.data(body["Properties"]).(map[string]any); ok {
			props.Properties = &p
		}
		cr := awscdk.NewCfnResource(b.scope, jsii.String(r.Name), props)
		cr.OverrideLogicalId(jsii.String(r.Name))
		for k, v := range body {
			switch k {
			case "Type", "Properties":
			case "DependsOn":
				cr.AddOverride(jsii.String(k), b.dependsOn(v))
			default:
				// DeletionPolicy, UpdateReplacePolicy, Condition,
				// Metadata, CreationPolicy, UpdatePolicy: as written.
				cr.AddOverride(jsii.String(k), b.data(v))
			}
		}
	}
}

// dependsOn writes DependsOn with a function of the spec as its logical
// ID.
func (b *specBuilder) dependsOn(v any) any {
	name := func(s any) any {
		if n, ok := s.(string); ok {
			if x, ok := b.fns[n]; ok {
				return *awscdk.Stack_Of(x).GetLogicalId(x.cfnFunction())
			}
		}
		return s
	}
	if list, ok := v.([]any); ok {
		out := make([]any, len(list))
		for i, s := range list {
			out[i] = name(s)
		}
		return out
	}
	return name(v)
}
