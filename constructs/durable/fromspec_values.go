package durable

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"
)

// The model writes values as template data: strings, json.Number, bools,
// lists, maps, and intrinsic functions in long form that name logical IDs.
// The logical IDs of the spec's own parameters, resources, mappings and
// conditions are kept by FromSpec, so what names them is written as it is.
// The model's own resources — functions, aliases, log groups, roles — are
// named by CDK: what names them becomes their tokens.

// idRef is a logical ID of the model as CDK tokens: its Ref and its
// attributes.
type idRef struct {
	ref  func() any
	attr map[string]func() any
	// kept is an ID the template keeps (a parameter): a Fn::Sub naming
	// only such IDs is written as it is.
	kept bool
}

// data converts template data to what CDK takes: numbers as numbers (a
// json.Number would cross to Node as a string), and a Ref, Fn::GetAtt or
// Fn::Sub of an ID that CDK names as the token of what it names.
func (b *specBuilder) data(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return float64(i)
		}
		f, _ := x.Float64()
		return f
	case []any:
		out := make([]any, len(x))
		for i, item := range x {
			out[i] = b.data(item)
		}
		return out
	case map[string]any:
		if len(x) == 1 {
			if t, ok := b.intrinsic(x); ok {
				return t
			}
		}
		out := make(map[string]any, len(x))
		for k, item := range x {
			out[k] = b.data(item)
		}
		return out
	}
	return v
}

// str converts a value to a string-typed CDK prop: a literal as itself,
// any other value (an intrinsic) as a string token.
func (b *specBuilder) str(v any) *string {
	switch x := b.data(v).(type) {
	case nil:
		return nil
	case string:
		return jsii.String(x)
	case float64, bool:
		return jsii.String(fmt.Sprint(x))
	default:
		return awscdk.Token_AsString(x, nil)
	}
}

// strs converts a list to a list of strings.
func (b *specBuilder) strs(v any) *[]*string {
	if m, ok := v.(map[string]any); ok {
		// One intrinsic that is the whole list.
		return awscdk.Token_AsList(b.data(m), nil)
	}
	list, _ := v.([]any)
	out := make([]*string, len(list))
	for i, item := range list {
		out[i] = b.str(item)
	}
	return &out
}

// document converts a policy document. PolicyStatement_FromJson takes
// actions and resources as strings only: an intrinsic there becomes a
// string token.
func (b *specBuilder) document(doc map[string]any) awsiam.PolicyDocument {
	out := map[string]any{}
	for k, v := range doc {
		if k != "Statement" {
			out[k] = b.data(v)
			continue
		}
		list, _ := v.([]any)
		stmts := make([]any, len(list))
		for i, item := range list {
			st, _ := item.(map[string]any)
			m := make(map[string]any, len(st))
			for sk, sv := range st {
				switch sk {
				case "Action", "NotAction", "Resource", "NotResource":
					if l, ok := sv.([]any); ok {
						strs := make([]any, len(l))
						for j, s := range l {
							strs[j] = *b.str(s)
						}
						m[sk] = strs
					} else {
						m[sk] = *b.str(sv)
					}
				default:
					m[sk] = b.data(sv)
				}
			}
			stmts[i] = m
		}
		out[k] = stmts
	}
	return awsiam.PolicyDocument_FromJson(out)
}

// intrinsic converts a Ref, Fn::GetAtt or Fn::Sub that names an ID of the
// model that CDK names; false for any other.
func (b *specBuilder) intrinsic(m map[string]any) (any, bool) {
	if name, ok := m["Ref"].(string); ok {
		if id, ok := b.ids[name]; ok && id.ref != nil {
			return id.ref(), true
		}
		return nil, false
	}
	if ga, ok := m["Fn::GetAtt"].([]any); ok && len(ga) == 2 {
		name, _ := ga[0].(string)
		attr, _ := ga[1].(string)
		if f, ok := b.ids[name].attr[attr]; ok {
			return f(), true
		}
		return nil, false
	}
	switch s := m["Fn::Sub"].(type) {
	case string:
		return b.sub(s)
	case []any:
		if len(s) == 2 {
			tmpl, _ := s[0].(string)
			vars, _ := s[1].(map[string]any)
			return b.subVars(tmpl, vars)
		}
	}
	return nil, false
}

var placeholderRE = regexp.MustCompile(`\$\{([^}]*)\}`)

// token returns the token of a Sub placeholder ("X" or "X.Attr") that
// names an ID CDK names.
func (b *specBuilder) token(placeholder string) (string, bool) {
	name, attr, dotted := strings.Cut(placeholder, ".")
	id, ok := b.ids[name]
	switch {
	case !ok:
		return "", false
	case dotted:
		if f, ok := id.attr[attr]; ok {
			return fmt.Sprint(f()), true
		}
	case id.ref != nil:
		return fmt.Sprint(id.ref()), true
	}
	return "", false
}

// sub converts a Fn::Sub string whose placeholders name IDs that CDK names
// into the string it stands for, with tokens (CDK writes it as a Fn::Join):
// the model's IDs as their tokens, any other placeholder as a Ref or
// Fn::GetAtt, "${!x}" as the literal "${x}".
func (b *specBuilder) sub(tmpl string) (any, bool) {
	found := false
	for _, m := range placeholderRE.FindAllStringSubmatch(tmpl, -1) {
		name, _, _ := strings.Cut(m[1], ".")
		if _, ok := b.token(m[1]); ok && !b.ids[name].kept {
			found = true
			break
		}
	}
	if !found {
		return nil, false
	}
	return placeholderRE.ReplaceAllStringFunc(tmpl, func(p string) string {
		inner := p[2 : len(p)-1]
		if strings.HasPrefix(inner, "!") {
			return "${" + inner[1:] + "}"
		}
		if t, ok := b.token(inner); ok {
			return t
		}
		if name, attr, ok := strings.Cut(inner, "."); ok {
			return *awscdk.Fn_GetAtt(jsii.String(name), jsii.String(attr)).ToString()
		}
		return *awscdk.Fn_Ref(jsii.String(inner))
	}), true
}

// subVars converts a Fn::Sub with variables: the variables' values, and
// each placeholder of the template that names an ID CDK names (and no
// variable) as a variable of its own.
func (b *specBuilder) subVars(tmpl string, vars map[string]any) (any, bool) {
	out := map[string]*string{}
	for k, v := range vars {
		out[k] = b.str(v)
	}
	tmpl = placeholderRE.ReplaceAllStringFunc(tmpl, func(p string) string {
		inner := p[2 : len(p)-1]
		if _, local := vars[inner]; local || strings.HasPrefix(inner, "!") {
			return p
		}
		t, ok := b.token(inner)
		if id, _, _ := strings.Cut(inner, "."); !ok || b.ids[id].kept {
			return p
		}
		name := strings.ReplaceAll(inner, ".", "")
		for out[name] != nil && *out[name] != t {
			name += "X"
		}
		out[name] = jsii.String(t)
		return "${" + name + "}"
	})
	return *awscdk.Fn_Sub(jsii.String(tmpl), &out), true
}

// sameData reports whether two values of template data are equal.
func sameData(a, b any) bool { return reflect.DeepEqual(a, b) }
