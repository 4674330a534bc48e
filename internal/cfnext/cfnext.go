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
	"encoding/json"
	"fmt"

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
type Resource struct {
	Inner cloudformation.Resource
	Extra Extra
}

// AWSCloudFormationType returns the inner resource's type.
func (r *Resource) AWSCloudFormationType() string { return r.Inner.AWSCloudFormationType() }

// MarshalJSON marshals the inner resource, then adds the extra properties.
func (r *Resource) MarshalJSON() ([]byte, error) {
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

// JSON renders a template with its Rules. Resources go through
// goformation's own rendering, so that its intrinsic helpers
// (cloudformation.Ref, Sub, …) become intrinsic functions. Rules are spliced
// in afterwards as plain JSON: goformation would evaluate their Fn::Equals
// (to false), since its intrinsic processor resolves conditions. Rule
// values must therefore use plain intrinsic maps ({"Ref": "AWS::AccountId"}),
// not goformation's helpers.
func JSON(t *cloudformation.Template, rules map[string]Rule) ([]byte, error) {
	base, err := t.JSON()
	if err != nil || len(rules) == 0 {
		return base, err
	}
	var doc map[string]json.RawMessage
	if err := decodeNumbers(base, &doc); err != nil {
		return nil, err
	}
	if doc["Rules"], err = json.Marshal(rules); err != nil {
		return nil, err
	}
	return json.Marshal(doc)
}
