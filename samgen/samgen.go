// Package samgen writes the model of an application as a SAM template: per
// function an AWS::Serverless::Function with DurableConfig, LoggingConfig
// and AutoPublishAlias (SAM then creates the role with the durable managed
// policy, the retained version and the alias, and points event sources at
// the alias), an explicit log group, the grants attached to the grantees'
// roles, and outputs with the alias and function ARNs; the spec's globals
// as SAM Globals; the spec's own parameters, resources and outputs.
//
// SAM attaches the durable managed policy itself when it creates the role,
// so this package never adds it. In least-privilege mode the role is
// written explicitly, without that policy, exactly as cfngen writes it.
//
// Once transformed by SAM, the template is the one cfngen writes: a test
// runs the real aws-sam-translator on every golden and compares.
package samgen

import (
	"github.com/durablefn/durablefn/internal/render"
	"github.com/durablefn/durablefn/model"
)

// Format is the output format.
type Format = render.Format

// Output formats.
const (
	YAML = render.YAML
	JSON = render.JSON
)

// Transform is the SAM transform the template declares.
const Transform = "AWS::Serverless-2016-10-31"

// Render writes a model built from a validated spec as a SAM template.
func Render(app *model.App, format Format) ([]byte, error) {
	t, err := Template(app)
	if err != nil {
		return nil, err
	}
	return t.Finish(format)
}

// Template builds the SAM template as plain data.
func Template(app *model.App) (render.Template, error) {
	t, err := render.New(app)
	if err != nil {
		return nil, err
	}
	t["Transform"] = Transform
	res := t.Resources()
	functions := make(map[string]map[string]any, len(app.Functions))
	trust := render.TrustPolicy()
	for _, fn := range app.Functions {
		if fn.Role != nil && !fn.Role.SAMCreates {
			res[fn.Role.ID] = render.Role(fn.Role, trust)
		}
		functions[fn.ID] = properties(app, fn, fn.Properties)
	}
	if g := app.GlobalProperties(); len(g) > 0 {
		if globals := extractGlobals(properties(app, nil, g), functions); len(globals) > 0 {
			t["Globals"] = map[string]any{"Function": globals}
		}
	}
	for _, fn := range app.Functions {
		res[fn.ID] = render.Function(fn, "AWS::Serverless::Function", functions[fn.ID])
		render.EventResources(res, fn, true)
	}
	if api := app.HTTPAPI; api != nil && api.IAM {
		// The implicit API takes IAM authorization from Globals only.
		g, _ := t["Globals"].(map[string]any)
		if g == nil {
			g = map[string]any{}
			t["Globals"] = g
		}
		g["HttpApi"] = map[string]any{"Auth": map[string]any{"EnableIamAuthorizer": true}}
	}
	return t, nil
}

// properties spells a function's properties (CloudFormation's, from the
// model) as AWS::Serverless::Function's. fn is nil for the globals.
func properties(app *model.App, fn *model.Function, cfn map[string]any) map[string]any {
	p := make(map[string]any, len(cfn)+4)
	for k, v := range cfn {
		switch k {
		case "Code":
			codeProperties(p, v)
		case "TracingConfig":
			p["Tracing"] = v.(map[string]any)["Mode"]
		case "DeadLetterConfig":
			p["DeadLetterQueue"] = map[string]any{"Type": fn.DeadLetter, "TargetArn": v.(map[string]any)["TargetArn"]}
		case "Tags":
			tags := map[string]any{}
			for _, t := range v.([]any) {
				kv := t.(map[string]any)
				tags[kv["Key"].(string)] = kv["Value"]
			}
			p["Tags"] = tags
		case "Role":
			// SAM creates the role unless it is given one.
			if fn.Role == nil || !fn.Role.SAMCreates {
				p["Role"] = v
			}
		default:
			p[k] = v
		}
	}
	if fn == nil {
		return p
	}
	if fn.Alias != "" {
		p["AutoPublishAlias"] = fn.Alias
		// Publish a new version when any property changes, not only the
		// code (SAM's default hashes the code location alone).
		p["AutoPublishAliasAllProperties"] = true
	}
	if r := fn.Role; r != nil && r.SAMCreates {
		var pols []any
		for _, ip := range r.Policies {
			if ip.FromSpec {
				pols = append(pols, map[string]any{"Statement": ip.Document["Statement"]})
			}
		}
		// SAM's own managed policies come from the function's other
		// properties; the spec's are added after them.
		pols = append(pols, r.SpecManagedPolicyArns...)
		if len(pols) > 0 {
			p["Policies"] = pols
		}
	}
	events(p, fn)
	return p
}

func codeProperties(p map[string]any, v any) {
	switch c := v.(type) {
	case model.LocalCode:
		p["CodeUri"] = c.Path
	case map[string]any:
		switch {
		case c["ZipFile"] != nil:
			p["InlineCode"] = c["ZipFile"]
		case c["ImageUri"] != nil:
			p["ImageUri"] = c["ImageUri"]
		default:
			bucket, bok := c["S3Bucket"].(string)
			key, kok := c["S3Key"].(string)
			if bok && kok && c["S3ObjectVersion"] == nil {
				p["CodeUri"] = "s3://" + bucket + "/" + key
				return
			}
			uri := map[string]any{"Bucket": c["S3Bucket"], "Key": c["S3Key"]}
			if v, ok := c["S3ObjectVersion"]; ok {
				uri["Version"] = v
			}
			p["CodeUri"] = uri
		}
	}
}
