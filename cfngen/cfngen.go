// Package cfngen writes the model of an application as a plain
// CloudFormation template: per function an execution role, the function
// with DurableConfig and LoggingConfig, an explicit log group, a retained
// version whose logical ID changes whenever code or configuration changes,
// the alias, the grants attached to the grantees' roles, and outputs with
// the alias and function ARNs; then the spec's own parameters, resources and
// outputs.
//
// Logical IDs follow SAM's (<Fn>, <Fn>Role, <Fn>Version<hash>,
// <Fn>Alias<alias>), so that the template lines up with the one samgen
// writes once SAM has transformed it.
package cfngen

import (
	"fmt"

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

// Render writes a model built from a validated spec as a CloudFormation
// template.
func Render(app *model.App, format Format) ([]byte, error) {
	t, err := Template(app)
	if err != nil {
		return nil, err
	}
	return t.Finish(format)
}

// Template builds the template as plain data.
func Template(app *model.App) (render.Template, error) {
	t, err := render.New(app)
	if err != nil {
		return nil, err
	}
	res := t.Resources()
	// S3 events add their notifications to the spec's buckets (SAM's
	// translator does it from the SAM output's events).
	for _, r := range app.Resources {
		if app.Notifications[r.Name] != nil {
			res[r.Name] = app.ResourceBody(r)
		}
	}
	if api := app.HTTPAPI; api != nil {
		for _, g := range api.Resources() {
			res[g.ID] = g.Body()
		}
	}
	trust := render.TrustPolicy()
	for _, fn := range app.Functions {
		if err := addFunction(res, app, fn, trust); err != nil {
			return nil, fmt.Errorf("rendering CloudFormation for function %q: %w", fn.ID, err)
		}
	}
	return t, nil
}

func addFunction(res map[string]any, app *model.App, fn *model.Function, trust map[string]any) error {
	if fn.Role != nil {
		res[fn.Role.ID] = render.Role(fn.Role, trust)
	}
	props := fn.Properties // shared: the template is read-only
	if c, ok := props["Code"].(model.LocalCode); ok {
		props = make(map[string]any, len(fn.Properties))
		for k, v := range fn.Properties {
			props[k] = v
		}
		// The form `aws cloudformation package` uploads and rewrites.
		props["Code"] = c.Path
	}
	res[fn.ID] = render.Function(fn, "AWS::Lambda::Function", props)
	if fn.AliasID != "" {
		version, err := app.VersionID(fn)
		if err != nil {
			return err
		}
		res[version] = map[string]any{"Type": "AWS::Lambda::Version", "DeletionPolicy": "Retain",
			"Properties": map[string]any{"FunctionName": model.Ref(fn.ID)}}
		res[fn.AliasID] = render.Resource("AWS::Lambda::Alias", map[string]any{
			"Name":            fn.Alias,
			"FunctionName":    model.Ref(fn.ID),
			"FunctionVersion": model.GetAtt(version, "Version"),
		})
	}
	render.EventResources(res, fn, false)
	return nil
}
