package lint

import "gopkg.in/yaml.v3"

// checkInvoker reports every reference in n to a durable function that is
// unqualified or $LATEST: what push sources, permissions and mappings must
// never point at. what names the pointer in messages ("the permission").
func (t *template) checkInvoker(rule *Rule, n *yaml.Node, path, what string) {
	if n == nil {
		return
	}
	for _, ref := range t.targets(eval(n)) {
		if ref.fn == nil {
			continue
		}
		switch ref.qual {
		case qualNone:
			t.report(rule, n, path, t.aliasFix(ref.fn),
				"%s points at durable function %s unqualified: Lambda refuses to invoke a durable function through its unqualified ARN",
				what, ref.fn.id())
			t.proposeAlias(n, ref.fn)
		case qualLatest:
			t.report(rule, n, path, t.aliasFix(ref.fn),
				"%s points at $LATEST of durable function %s: push sources and permissions need an alias or a published version",
				what, ref.fn.id())
		}
	}
}

// theAlias is what a reference to a function's alias is: SAM's
// <Fn>.Alias, or its one alias resource; "" when there is none or several
// (which one to use is a decision, not a fix).
func theAlias(fn *function) string {
	switch {
	case fn.sam && fn.autoAlias != "":
		return fn.id() + ".Alias"
	case len(fn.aliases) == 1:
		return fn.aliases[0].id
	}
	return ""
}

// proposeAlias proposes pointing a reference to a function at its alias:
// a whole Ref or Fn::GetAtt .Arn becomes a Ref of the alias (whose value is
// the alias ARN), and ${Fn.Arn} in a Fn::Sub string ${Alias}.
func (t *template) proposeAlias(n *yaml.Node, fn *function) {
	alias := theAlias(fn)
	if alias == "" {
		return
	}
	e := eval(n)
	if len(e) == 1 && e[0].kind == refPart && e[0].name == fn.id() && (e[0].attr == "" || e[0].attr == "Arn") {
		if ed, ok := t.replaceNode(n, yamlRef(alias), jsonRef(alias)); ok {
			t.propose(ed)
		}
		return
	}
	if name, _, ok := intrinsic(n); ok && name == "Fn::Sub" {
		if ed, ok := t.replaceIn(n, "${"+fn.id()+".Arn}", "${"+alias+"}"); ok {
			t.propose(ed)
		}
	}
}

// aliasFix says how to point at a function's alias.
func (t *template) aliasFix(fn *function) string {
	switch {
	case t.cdk && len(fn.aliases) > 0:
		return "in the CDK app, hand the alias (lambda.Alias, here " + fn.aliases[0].id +
			") to the source instead of the function: alias.addEventSource(…), new targets.LambdaFunction(alias), alias.addPermission(…)"
	case t.cdk:
		return "in the CDK app, create a lambda.Alias on fn.currentVersion (retained) and hand the alias to the source instead of the function"
	case fn.sam && fn.autoAlias != "":
		return "point it at the alias: !Ref " + fn.id() + ".Alias"
	case len(fn.aliases) > 0:
		return "point it at the alias: !Ref " + fn.aliases[0].id
	}
	return "publish a version and an alias of " + fn.id() + " (see DL201) and point it at the alias"
}

// resourcesOf lists the template's resources of some types, in file order.
func (t *template) resourcesOf(types ...string) []*resource {
	var out []*resource
	for _, r := range t.order {
		for _, ty := range types {
			if r.typ == ty {
				out = append(out, r)
				break
			}
		}
	}
	return out
}
