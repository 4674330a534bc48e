package templatecmp

import "sort"

// SharedPolicyNamesKey is the top-level key under which SharedPolicyNames
// puts the names of the policies on principals the template does not
// create: a map from principal ("role:\"scheduler\"", as in PermissionsKey)
// to the sorted list of the names. Like PermissionsKey it exists only in
// normalized templates.
const SharedPolicyNamesKey = "IAMSharedPolicyNames"

// SharedPolicyNames keeps what IAMPermissions would drop on a principal the
// template does not create: the names of the AWS::IAM::Policy, RolePolicy,
// UserPolicy and GroupPolicy resources attached to it (a role, user or group
// given by a literal name, a parameter or any expression but a Ref to a
// resource of the template). They are stored under SharedPolicyNamesKey, per
// principal as IAMPermissions names it, each name as written (an intrinsic
// as JSON). Run it after StringForms and before IAMPermissions, which removes
// the policy resources.
//
// Why: on such a principal the name is not a form. IAM keeps a principal's
// inline policies by name, and the principal is shared: other stacks, or
// another deployment of this one (dev and prod in one account, one stack
// name in two regions), attach policies to it too. Two stacks writing one
// name overwrite each other's statements, and deleting one deletes the
// other's policy, so durablefn names such a policy per stack
// (<LogicalID>-<stack UUID>, docs/security.md) and a renderer that names it
// otherwise builds other infrastructure. On a principal the template creates,
// the name is scoped by that principal, which only this stack writes to;
// IAMPermissions' argument holds and the names still go.
var SharedPolicyNames = Rule{name: "SharedPolicyNames", apply: func(root map[string]any) {
	res := resources(root)
	names := map[string][]string{}
	for _, r := range res {
		rm, _ := r.(map[string]any)
		targets, ok := attachedPolicyTypes[str(rm["Type"])]
		if !ok {
			continue
		}
		props, _ := rm["Properties"].(map[string]any)
		name := "(no PolicyName)"
		if n, ok := props["PolicyName"]; ok {
			name = canon(n)
		}
		for _, t := range targets {
			v, ok := props[t.prop]
			if !ok {
				continue
			}
			list, isList := v.([]any)
			if !isList {
				if t.plural { // an intrinsic yielding the list: not known to be the template's
					names[t.kind+":"+canon(v)] = append(names[t.kind+":"+canon(v)], name)
					continue
				}
				list = []any{v}
			}
			for _, e := range list {
				if !refersToResource(res, e) {
					key := principalKey(res, t.kind, e)
					names[key] = append(names[key], name)
				}
			}
		}
	}
	if len(names) == 0 {
		return
	}
	out := map[string]any{}
	for principal, list := range names {
		// A sorted list, not a set: one name twice on a principal is a
		// difference to see.
		sort.Strings(list)
		l := make([]any, len(list))
		for i, n := range list {
			l[i] = n
		}
		out[principal] = l
	}
	root[SharedPolicyNamesKey] = out
}}

// refersToResource reports whether e is a Ref to a resource of the template.
func refersToResource(res map[string]any, e any) bool {
	m, ok := e.(map[string]any)
	if !ok || len(m) != 1 {
		return false
	}
	ref, ok := m["Ref"].(string)
	if !ok {
		return false
	}
	_, in := res[ref]
	return in
}
