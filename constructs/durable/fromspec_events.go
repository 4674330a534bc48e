package durable

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/durablefn/durablefn/model"
)

// events creates the resources the model made for the function's events
// under the function's construct, with the model's logical IDs (they name
// each other: a permission names its rule, a route its integration), and
// the stack's HTTP API once. Everything they invoke is the alias (the
// function when it has none): the model's target, as the alias's token.
func (b *specBuilder) events(fn *model.Function) {
	x := b.fns[fn.ID]
	for _, e := range fn.Events {
		for _, g := range e.Resources {
			b.generated(x, g)
		}
		if e.Spec.Kind.Mapping() {
			x.warnSync()
		}
	}
}

// httpAPI creates the stack's own HTTP API of the http events.
func (b *specBuilder) httpAPI() {
	if api := b.app.HTTPAPI; api != nil {
		for _, g := range api.Resources() {
			b.generated(b.scope, g)
		}
	}
}

// generated creates a resource of the model as it is.
func (b *specBuilder) generated(scope constructs.Construct, g *model.Generated) {
	props, _ := b.data(g.Properties).(map[string]any)
	r := awscdk.NewCfnResource(scope, jsii.String(g.ID), &awscdk.CfnResourceProps{Type: jsii.String(g.Type), Properties: &props})
	r.OverrideLogicalId(jsii.String(g.ID))
	if deps := g.Body()["DependsOn"]; deps != nil {
		r.AddOverride(jsii.String("DependsOn"), deps)
	}
}
