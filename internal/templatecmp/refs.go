package templatecmp

import (
	"sort"
	"strings"
)

// subPart is one piece of a Fn::Sub template: literal text, or a ${Var}.
type subPart struct {
	lit   string
	name  string // variable name ("X", "X.Attr", "AWS::Region") when isVar
	isVar bool
}

// parseSub splits a Fn::Sub template. "${!Text}" is the escape for a literal
// "${Text}": it becomes literal text.
func parseSub(s string) []subPart {
	var parts []subPart
	var lit strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			lit.WriteString(s)
			break
		}
		lit.WriteString(s[:i])
		rest := s[i+2:]
		if strings.HasPrefix(rest, "!") {
			lit.WriteString("${")
			s = rest[1:]
			continue
		}
		j := strings.Index(rest, "}")
		if j < 0 {
			lit.WriteString(s[i:])
			break
		}
		if lit.Len() > 0 {
			parts = append(parts, subPart{lit: lit.String()})
			lit.Reset()
		}
		parts = append(parts, subPart{name: strings.TrimSpace(rest[:j]), isVar: true})
		s = rest[j+1:]
	}
	if lit.Len() > 0 {
		parts = append(parts, subPart{lit: lit.String()})
	}
	return parts
}

// renderSub is the inverse of parseSub; adjacent literals are merged.
func renderSub(parts []subPart) string {
	var b strings.Builder
	for _, p := range parts {
		if p.isVar {
			b.WriteString("${" + p.name + "}")
		} else {
			b.WriteString(strings.ReplaceAll(p.lit, "${", "${!"))
		}
	}
	return b.String()
}

// renameLogicalIDs renames resources and every reference to them: Ref,
// Fn::GetAtt, ${Id} and ${Id.Attr} in Fn::Sub, and DependsOn. A rename whose
// target is already taken by a resource that stays is skipped, so two
// resources never merge; the caller's comparison then shows both.
func renameLogicalIDs(root map[string]any, renames map[string]string) {
	res := resources(root)
	if res == nil || len(renames) == 0 {
		return
	}
	// Drop renames that would collide.
	taken := map[string]int{}
	for id := range res {
		if to, ok := renames[id]; ok {
			taken[to]++
		} else {
			taken[id]++
		}
	}
	effective := map[string]string{}
	for from, to := range renames {
		if _, ok := res[from]; ok && taken[to] == 1 && from != to {
			effective[from] = to
		}
	}
	if len(effective) == 0 {
		return
	}
	froms := make([]string, 0, len(effective))
	for from := range effective {
		froms = append(froms, from)
	}
	sort.Strings(froms)
	moved := map[string]any{}
	for _, from := range froms {
		moved[effective[from]] = res[from]
		delete(res, from)
	}
	for id, r := range moved {
		res[id] = r
	}
	for _, r := range res {
		if rm, ok := r.(map[string]any); ok {
			rm["DependsOn"] = renameDependsOn(rm["DependsOn"], effective)
			if rm["DependsOn"] == nil {
				delete(rm, "DependsOn")
			}
		}
	}
	for k, v := range root {
		root[k] = renameRefs(v, effective, nil)
	}
}

func renameDependsOn(v any, renames map[string]string) any {
	switch x := v.(type) {
	case string:
		if to, ok := renames[x]; ok {
			return to
		}
		return x
	case []any:
		for i, e := range x {
			if s, ok := e.(string); ok {
				if to, ok := renames[s]; ok {
					x[i] = to
				}
			}
		}
		return x
	}
	return v
}

// renameRefs rewrites references inside v. shadow holds Fn::Sub variable
// names that are bound locally and so are not resource references.
func renameRefs(v any, renames map[string]string, shadow map[string]bool) any {
	switch x := v.(type) {
	case []any:
		for i, e := range x {
			x[i] = renameRefs(e, renames, shadow)
		}
		return x
	case map[string]any:
		if len(x) == 1 {
			if ref, ok := x["Ref"].(string); ok {
				if to, ok := renames[ref]; ok {
					x["Ref"] = to
				}
				return x
			}
			if ga, ok := x["Fn::GetAtt"]; ok {
				switch g := ga.(type) {
				case []any:
					if len(g) > 0 {
						if id, ok := g[0].(string); ok {
							if to, ok := renames[id]; ok {
								g[0] = to
							}
						}
					}
					for i := 1; i < len(g); i++ {
						g[i] = renameRefs(g[i], renames, shadow)
					}
				case string:
					id, attr, _ := strings.Cut(g, ".")
					if to, ok := renames[id]; ok {
						x["Fn::GetAtt"] = to + "." + attr
					}
				}
				return x
			}
			if sub, ok := x["Fn::Sub"]; ok {
				switch s := sub.(type) {
				case string:
					x["Fn::Sub"] = renameSubVars(s, renames, shadow)
				case []any:
					local := map[string]bool{}
					if len(s) > 1 {
						if vars, ok := s[1].(map[string]any); ok {
							for k, e := range vars {
								local[k] = true
								vars[k] = renameRefs(e, renames, shadow)
							}
						}
					}
					if len(s) > 0 {
						if tmpl, ok := s[0].(string); ok {
							s[0] = renameSubVars(tmpl, renames, local)
						}
					}
				}
				return x
			}
		}
		for k, e := range x {
			x[k] = renameRefs(e, renames, shadow)
		}
		return x
	}
	return v
}

func renameSubVars(tmpl string, renames map[string]string, shadow map[string]bool) string {
	parts := parseSub(tmpl)
	changed := false
	for i, p := range parts {
		if !p.isVar || shadow[p.name] {
			continue
		}
		id, attr, hasAttr := strings.Cut(p.name, ".")
		if to, ok := renames[id]; ok {
			if hasAttr {
				parts[i].name = to + "." + attr
			} else {
				parts[i].name = to
			}
			changed = true
		}
	}
	if !changed {
		return tmpl
	}
	return renderSub(parts)
}
