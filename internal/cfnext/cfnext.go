// Package cfnext fills the gaps of goformation v7.14.9 (April 2024, archived
// since October 2024), the typed CloudFormation model both generators use.
// It predates Lambda durable functions, so it lacks:
//
//   - AWS::Lambda::Function.DurableConfig (with KMSKeyArn);
//   - on AWS::Serverless::Function: DurableConfig, LoggingConfig and
//     AutoPublishAliasAllProperties;
//   - the template-level Rules section.
//
// Each gap is one small typed addition here, merged into the resource's
// Properties when it is marshalled. Delete a type here when goformation (or
// its successor) ships the property.
package cfnext

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/awslabs/goformation/v7/cloudformation"
)

// DurableConfig is AWS::Lambda::Function.DurableConfig, also accepted as is
// by AWS::Serverless::Function.
type DurableConfig struct {
	ExecutionTimeout      int     `json:"ExecutionTimeout"`
	RetentionPeriodInDays *int    `json:"RetentionPeriodInDays,omitempty"`
	KMSKeyArn             *string `json:"KMSKeyArn,omitempty"`
}

// LoggingConfig is AWS::Serverless::Function.LoggingConfig (SAM passes it
// through to AWS::Lambda::Function.LoggingConfig). LogGroup holds a
// goformation intrinsic string such as cloudformation.Ref("FnLogGroup").
type LoggingConfig struct {
	LogGroup            *string `json:"LogGroup,omitempty"`
	LogFormat           *string `json:"LogFormat,omitempty"`
	ApplicationLogLevel *string `json:"ApplicationLogLevel,omitempty"`
	SystemLogLevel      *string `json:"SystemLogLevel,omitempty"`
}

// Extra holds the properties goformation lacks; nil fields are left out.
type Extra struct {
	DurableConfig                 *DurableConfig `json:"DurableConfig,omitempty"`
	LoggingConfig                 *LoggingConfig `json:"LoggingConfig,omitempty"`
	AutoPublishAliasAllProperties *bool          `json:"AutoPublishAliasAllProperties,omitempty"`
	// LocalCode replaces AWS::Lambda::Function's Code by a local path, the
	// form `aws cloudformation package` uploads and rewrites (goformation
	// types Code as an object only).
	LocalCode string `json:"-"`
}

// Resource is a goformation resource with extra properties merged into its
// Properties.
//
// A Resource is marshalled once: build it completely before the first
// MarshalJSON (the generators hash the function's JSON to name its version,
// then render the template).
type Resource struct {
	Inner cloudformation.Resource
	Extra Extra

	marshalled []byte
}

// AWSCloudFormationType returns the inner resource's type.
func (r *Resource) AWSCloudFormationType() string { return r.Inner.AWSCloudFormationType() }

// MarshalJSON marshals the inner resource, then adds the extra properties.
func (r *Resource) MarshalJSON() ([]byte, error) {
	if r.marshalled != nil {
		return r.marshalled, nil
	}
	b, err := r.marshal()
	if err == nil {
		r.marshalled = b
	}
	return b, err
}

func (r *Resource) marshal() ([]byte, error) {
	inner, err := json.Marshal(r.Inner)
	if err != nil {
		return nil, err
	}
	var res map[string]json.RawMessage
	if err := decodeNumbers(inner, &res); err != nil {
		return nil, err
	}
	var props map[string]json.RawMessage
	if raw, ok := res["Properties"]; ok {
		if err := decodeNumbers(raw, &props); err != nil {
			return nil, err
		}
	}
	if props == nil {
		props = map[string]json.RawMessage{}
	}
	extra, err := json.Marshal(r.Extra)
	if err != nil {
		return nil, err
	}
	var extras map[string]json.RawMessage
	if err := decodeNumbers(extra, &extras); err != nil {
		return nil, err
	}
	if r.Extra.LocalCode != "" {
		if extras["Code"], err = json.Marshal(r.Extra.LocalCode); err != nil {
			return nil, err
		}
		delete(props, "Code")
	}
	for k, v := range extras {
		if _, clash := props[k]; clash {
			return nil, fmt.Errorf("cfnext: %s already has property %s", r.Inner.AWSCloudFormationType(), k)
		}
		props[k] = v
	}
	if res["Properties"], err = json.Marshal(props); err != nil {
		return nil, err
	}
	return json.Marshal(res)
}

func decodeNumbers(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	return dec.Decode(v)
}

// Rule is one entry of a template's Rules section.
type Rule struct {
	RuleCondition any         `json:"RuleCondition,omitempty"`
	Assertions    []Assertion `json:"Assertions"`
}

// Assertion is one assertion of a Rule.
type Assertion struct {
	Assert            any    `json:"Assert"`
	AssertDescription string `json:"AssertDescription,omitempty"`
}

// Value renders a template with its Rules as plain data (maps, slices,
// strings, json.Number, bools) with long-form intrinsic functions.
//
// goformation's intrinsic helpers (cloudformation.Ref, Sub, GetAtt, …)
// return base64-encoded JSON markers that its Template.JSON resolves in a
// second JSON round trip; Value resolves them in the one pass that decodes
// the template, which is several times faster. (Template.JSON also turns a
// raw {"Ref": …} map into null and evaluates Fn::Equals in Rules; Value
// does neither.) Rules are plain data and use plain intrinsic maps.
func Value(t *cloudformation.Template, rules map[string]Rule) (map[string]any, error) {
	// Resources are independent and nearly all of the work: they are
	// encoded and decoded one by one, on every core.
	shell := *t
	shell.Resources = nil
	doc, err := plain(&shell)
	if err != nil {
		return nil, err
	}
	resources, err := resourceValues(t.Resources)
	if err != nil {
		return nil, err
	}
	m := doc.(map[string]any)
	if len(resources) > 0 {
		m["Resources"] = resources
	}
	if len(rules) > 0 {
		r, err := plain(rules)
		if err != nil {
			return nil, err
		}
		m["Rules"] = r
	}
	return m, nil
}

// plain encodes a value to JSON and decodes it to plain data, resolving
// goformation's intrinsic markers.
func plain(v any) (any, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var out any
	if err := decodeNumbers(raw, &out); err != nil {
		return nil, err
	}
	return resolveMarkers(out)
}

// resourceValues renders every resource as plain data, in parallel.
func resourceValues(resources cloudformation.Resources) (map[string]any, error) {
	ids := make([]string, 0, len(resources))
	for id := range resources {
		ids = append(ids, id)
	}
	values := make([]any, len(ids))
	errs := make([]error, len(ids))
	workers := min(runtime.GOMAXPROCS(0), len(ids))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(ids); i += workers {
				values[i], errs[i] = plain(resources[ids[i]])
			}
		}()
	}
	wg.Wait()
	out := make(map[string]any, len(ids))
	for i, id := range ids {
		if errs[i] != nil {
			return nil, fmt.Errorf("resource %s: %w", id, errs[i])
		}
		out[id] = values[i]
	}
	return out, nil
}

// resolveMarkers replaces goformation's encoded intrinsic markers by the
// intrinsic functions they encode, recursively.
func resolveMarkers(v any) (any, error) {
	switch x := v.(type) {
	case map[string]any:
		for k, item := range x {
			r, err := resolveMarkers(item)
			if err != nil {
				return nil, err
			}
			x[k] = r
		}
		return x, nil
	case []any:
		for i, item := range x {
			r, err := resolveMarkers(item)
			if err != nil {
				return nil, err
			}
			x[i] = r
		}
		return x, nil
	case string:
		fn, ok := decodeMarker(x)
		if !ok {
			return x, nil
		}
		return resolveMarkers(fn)
	}
	return v, nil
}

// decodeMarker decodes a goformation intrinsic marker: base64 of a JSON
// object whose one key is an intrinsic function.
func decodeMarker(s string) (map[string]any, bool) {
	if len(s) < 8 || len(s)%4 != 0 || !strings.HasPrefix(s, "ey") { // base64 of `{ "` or `{"`
		return nil, false
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, false
	}
	var m map[string]any
	if err := decodeNumbers(b, &m); err != nil || len(m) != 1 {
		return nil, false
	}
	for k := range m {
		if k != "Ref" && k != "Condition" && !strings.HasPrefix(k, "Fn::") {
			return nil, false
		}
	}
	return m, true
}
