package model

import (
	"slices"
	"sort"
	"strings"

	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/spec"
)

// checkCycles refuses a template whose resources depend on each other in a
// cycle, which CloudFormation refuses as a whole. The usual one: an S3
// event's bucket waits for the permission on the alias (S3 checks it when
// the notification is configured), the alias for the function, and the
// function names the bucket (its environment, a statement of its role).
func (b *builder) checkCycles() {
	deps := map[string][]string{}
	add := func(id string, vs ...any) {
		for _, v := range vs {
			deps[id] = append(deps[id], refNames(v)...)
		}
	}
	for _, r := range b.f.Resources {
		body := b.app.ResourceBody(r)
		for k, v := range body {
			switch k {
			case "DependsOn":
				deps[r.Name] = append(deps[r.Name], dependsOn(v)...)
			case "Condition", "Type", "DeletionPolicy", "UpdateReplacePolicy":
			default:
				add(r.Name, v)
			}
		}
	}
	for _, fn := range b.app.Functions {
		add(fn.ID, fn.Properties)
		deps[fn.ID] = append(deps[fn.ID], fn.DependsOn...)
		if r := fn.Role; r != nil {
			add(r.ID, r.ManagedPolicyArns())
			for _, p := range r.Policies {
				add(r.ID, p.Document)
			}
		}
		if fn.AliasID != "" {
			deps[fn.AliasID] = []string{fn.VersionPrefix}
			deps[fn.VersionPrefix] = []string{fn.ID}
		}
		for _, e := range fn.Events {
			for _, g := range e.Resources {
				add(g.ID, g.Properties)
				deps[g.ID] = append(deps[g.ID], g.DependsOn...)
			}
		}
	}
	for _, p := range b.app.Policies {
		add(p.ID, p.Document, p.Roles, p.PolicyName)
	}
	if api := b.app.HTTPAPI; api != nil {
		for _, g := range api.Resources() {
			add(g.ID, g.Properties)
		}
	}
	// The search follows each resource's dependencies in a fixed order, so
	// that the same template reports the same cycle (maps do not iterate
	// in one order).
	for id, ds := range deps {
		sort.Strings(ds)
		deps[id] = slices.Compact(ds)
	}
	// Each cycle once: after reporting one, its closing edge goes, and the
	// search starts again (a bounded number of times).
	for range maxCycles {
		cycle := findCycle(deps)
		if cycle == nil {
			return
		}
		b.reportCycle(cycle)
		last := cycle[len(cycle)-1]
		kept := deps[last][:0]
		for _, d := range deps[last] {
			if d != cycle[0] {
				kept = append(kept, d)
			}
		}
		deps[last] = kept
	}
}

// maxCycles bounds the cycles reported of one template.
const maxCycles = 20

// reportCycle says a cycle, at the spec field that can break it.
func (b *builder) reportCycle(cycle []string) {
	path, fix := "", "remove one of the references"
	for _, id := range cycle {
		if p := b.a.pathOf(id); p != "" && path == "" {
			path = p
		}
	}
	for _, id := range cycle {
		for _, fn := range b.app.Functions {
			for _, e := range fn.Events {
				ep := "functions." + fn.ID + ".events." + e.Spec.Name
				switch {
				case e.Spec.S3 != nil && e.Spec.S3.Bucket == id:
					path = ep + ".s3.bucket"
					fix = "the bucket waits for its S3 event's permission on the alias, so the function cannot name the bucket: give the bucket a BucketName (a literal or a parameter) and write that name, or !Sub arn:${AWS::Partition}:s3:::NAME, where the function needs it"
				case e.Spec.HTTP != nil && id == HTTPAPIID && e.Spec.HTTP.APIID.IsZero():
					path = ep + ".http"
					fix = "the stack's HTTP API integrates the alias, so the function cannot name the API: read its ID from the request (requestContext.apiId), or name it from another function"
				}
			}
		}
	}
	if path == "" {
		path = "functions"
	}
	b.errorf(spec.CodeCollision, path, fix, "%s depend on each other in a cycle, which CloudFormation refuses", strings.Join(append(cycle, cycle[0]), " → "))
}

// pathOf is the spec field a logical ID comes from, "" for none.
func (a *allocator) pathOf(id string) string {
	if o, ok := a.has(nsResource, id); ok {
		return o.path
	}
	return ""
}

// findCycle returns the logical IDs of a cycle of deps (in dependency
// order), nil for none. IDs deps does not have (parameters, pseudo
// parameters) end a path.
func findCycle(deps map[string][]string) []string {
	const (
		unseen = iota
		open
		done
	)
	state := map[string]int{}
	var stack []string
	var visit func(id string) []string
	visit = func(id string) []string {
		state[id] = open
		stack = append(stack, id)
		for _, d := range deps[id] {
			if _, known := deps[d]; !known {
				continue
			}
			switch state[d] {
			case open:
				for i, s := range stack {
					if s == d {
						return append([]string(nil), stack[i:]...)
					}
				}
			case unseen:
				if c := visit(d); c != nil {
					return c
				}
			}
		}
		stack = stack[:len(stack)-1]
		state[id] = done
		return nil
	}
	ids := make([]string, 0, len(deps))
	for id := range deps {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if state[id] == unseen {
			if c := visit(id); c != nil {
				return c
			}
		}
	}
	return nil
}

// refNames are the logical IDs template data names: by Ref, Fn::GetAtt and
// the placeholders of Fn::Sub.
func refNames(v any) []string {
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case []any:
			for _, i := range x {
				walk(i)
			}
		case map[string]any:
			if len(x) == 1 {
				if r, ok := x["Ref"].(string); ok {
					out = append(out, r)
					return
				}
				switch ga := x["Fn::GetAtt"].(type) {
				case []any:
					if len(ga) > 0 {
						if name, ok := ga[0].(string); ok {
							out = append(out, name)
						}
					}
					return
				case string:
					name, _, _ := strings.Cut(ga, ".")
					out = append(out, name)
					return
				}
				switch sub := x["Fn::Sub"].(type) {
				case string:
					out = append(out, subNames(sub, nil)...)
					return
				case []any:
					if len(sub) == 2 {
						tmpl, _ := sub[0].(string)
						vars, _ := sub[1].(map[string]any)
						out = append(out, subNames(tmpl, vars)...)
						walk(sub[1])
					}
					return
				}
			}
			for _, i := range x {
				walk(i)
			}
		}
	}
	walk(v)
	return out
}

// subNames are the logical IDs a Fn::Sub template names, its own variables
// aside.
func subNames(tmpl string, vars map[string]any) []string {
	var out []string
	for _, m := range facts.SubPlaceholderPattern.FindAllStringSubmatch(tmpl, -1) {
		name, _, _ := strings.Cut(m[1], ".")
		if _, local := vars[m[1]]; !local {
			out = append(out, name)
		}
	}
	return out
}

// dependsOn reads a DependsOn: one name or a list.
func dependsOn(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, i := range x {
			if s, ok := i.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
