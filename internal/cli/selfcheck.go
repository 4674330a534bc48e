package cli

import (
	"strings"

	"github.com/durablefn/durablefn/cfngen"
	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/lint"
	"github.com/durablefn/durablefn/model"
	"github.com/durablefn/durablefn/samgen"
	"github.com/durablefn/durablefn/spec"
)

// resolve builds the model of a loaded spec and checks what it would write
// with durablefn's own linter: a spec is valid only when its template is
// (a resource of the spec's own that subscribes a durable function's
// unqualified ARN to a topic would otherwise be written, and refused by
// `durablefn lint` afterwards).
func resolve(f *spec.File, warnings diag.List) (*model.App, diag.List, error) {
	app, diags, err := model.Check(f, warnings)
	if err != nil {
		return nil, diags, err
	}
	if len(app.Resources) == 0 {
		return app, diags, nil
	}
	return withOwnLint(app, diags, ownTemplate(app))
}

// withOwnLint adds the findings of selfCheck on a template to a model's
// diagnostics; the model is nil when they hold an error.
func withOwnLint(app *model.App, diags diag.List, tmpl []byte) (*model.App, diag.List, error) {
	found := selfCheck(app, tmpl)
	if len(found) == 0 {
		return app, diags, nil
	}
	all := append(diags, found...)
	all.Sort()
	if all.HasErrors() {
		return nil, all, all
	}
	return app, all, nil
}

// ownTemplate is the CloudFormation template of the model, or the SAM one
// when local code is not built yet (SAM's needs none); nil when neither
// renders (rendering reports its own errors later).
func ownTemplate(app *model.App) []byte {
	tmpl, err := cfngen.Render(app, cfngen.JSON)
	if err != nil {
		if tmpl, err = samgen.Render(app, samgen.JSON); err != nil {
			return nil
		}
	}
	return tmpl
}

// selfCheck lints a template of the model and turns each error into a
// diagnostic of the spec, placed at the spec entry the resource comes from.
//
// Only a spec with resources of its own is linted: what the model writes
// by itself is proven lint-clean by the tests (every golden, every
// example), while a resource of the spec can point a subscription, a rule
// or a permission at a durable function unqualified. The lint costs about
// as much as rendering, so the rest skip it.
func selfCheck(app *model.App, tmpl []byte) diag.List {
	if tmpl == nil || len(app.Resources) == 0 {
		return nil
	}
	findings, err := lint.Template("template", tmpl, lint.Config{})
	if err != nil {
		return nil
	}
	var out diag.List
	for _, d := range findings {
		if d.Severity != diag.Error {
			continue
		}
		path := specPathOf(app, d.Path)
		fix := d.Fix
		for _, fn := range app.Functions {
			// The linter of a SAM template names an alias in SAM's form;
			// the spec names it by its logical ID.
			if fn.AliasID != "" {
				fix = strings.ReplaceAll(fix, "!Ref "+fn.ID+".Alias", "!Ref "+fn.AliasID)
			}
		}
		out = append(out, diag.Diagnostic{
			Severity: diag.Error, Code: d.Code, Pos: app.Spec.Pos(path), Path: path,
			Message: "the template durablefn would write fails its own lint at " + d.Path + ": " + d.Message,
			Fix:     fix,
		})
	}
	return out
}

// specPathOf maps a template path (Resources.Sub.Properties.Endpoint) to the
// spec entry the resource comes from.
func specPathOf(app *model.App, templatePath string) string {
	rest, ok := strings.CutPrefix(templatePath, "Resources.")
	if !ok {
		return "functions"
	}
	id, _, _ := strings.Cut(rest, ".")
	path := app.SpecPath(id)
	switch {
	case path == "":
		return "functions"
	case path == "resources."+id:
		// The spec keeps the positions of its resources' values, down to
		// the property; list indexes are written the same way.
		return "resources." + rest
	}
	return path
}
