package model

// GlobalProperties are the spec's globals as AWS::Lambda::Function
// properties, mapped by the same code as every function's (the SAM output
// writes them as Globals); nil without globals. AutoPublishAlias is the
// globals' alias, when they set one.
func (a *App) GlobalProperties() map[string]any { return a.globals }

func (b *builder) globalProperties() {
	g := b.f.Globals
	if g == nil {
		return
	}
	fake := &Function{Spec: g}
	b.properties(fake)
	all := fake.Properties
	out := map[string]any{}
	copyIf := func(key string, set bool) {
		if v, ok := all[key]; ok && set {
			out[key] = v
		}
	}
	copyIf("Runtime", g.Runtime != "")
	copyIf("Handler", g.Handler != "")
	copyIf("MemorySize", g.MemorySize > 0)
	copyIf("Timeout", g.Timeout > 0)
	copyIf("Architectures", g.Architecture != "")
	copyIf("Environment", len(g.Environment) > 0)
	copyIf("Tags", len(g.Tags) > 0)
	copyIf("Layers", len(g.Layers) > 0 || !g.LayersList.IsZero())
	copyIf("TracingConfig", g.Tracing != "")
	copyIf("VpcConfig", g.VPC != nil)
	lc := map[string]any{}
	for key, v := range map[string]string{"LogFormat": g.Logs.Format, "ApplicationLogLevel": g.Logs.ApplicationLevel, "SystemLogLevel": g.Logs.SystemLevel} {
		if v != "" {
			lc[key] = v
		}
	}
	if len(lc) > 0 {
		out["LoggingConfig"] = lc
	}
	if g.Durable != nil && g.Durable.RetentionDays != -1 {
		out["DurableConfig"] = map[string]any{"RetentionPeriodInDays": Number(g.Durable.RetentionDays)}
	}
	if g.Alias != "" {
		out["AutoPublishAlias"] = g.Alias
	}
	if len(out) > 0 {
		b.app.globals = out
	}
}
