package templatecmp

import (
	"fmt"
	"sort"
	"strings"
)

// PermissionsKey is the top-level key under which IAMPermissions puts the
// folded permissions: a map from principal ("role:OrdersRole") to a sorted
// list of permission strings. It is not a CloudFormation section: it exists
// only in normalized templates, so that Diff reports permissions by role.
const PermissionsKey = "IAMPermissions"

// policyDocumentKeys are the properties that hold an IAM policy document.
var policyDocumentKeys = map[string]bool{
	"PolicyDocument":           true,
	"AssumeRolePolicyDocument": true,
	"KeyPolicy":                true,
}

// PolicyDocuments writes every IAM policy document (any PolicyDocument,
// AssumeRolePolicyDocument or KeyPolicy property, at any depth) in one form:
// a single Statement object becomes a one-element list; in each statement the
// Sid is dropped, Action/NotAction/Resource/NotResource and each Principal and
// Condition value become sorted lists without duplicates; statements are
// sorted and duplicates dropped.
//
// Sound because IAM evaluates a statement's actions, resources, principals
// and a condition key's values as sets (any element matches; order and
// repetition mean nothing; a single value is a one-element set), a policy's
// statements as a set, and never evaluates a Sid.
var PolicyDocuments = Rule{name: "PolicyDocuments", apply: func(root map[string]any) {
	lists := listParameters(root)
	for _, r := range resources(root) {
		walkPolicyDocuments(r, lists)
	}
}}

// listParameters returns the parameters whose value is a list: a Ref to one
// of them is a list, any other Ref is a string.
func listParameters(root map[string]any) map[string]bool {
	out := map[string]bool{}
	params, _ := root["Parameters"].(map[string]any)
	for name, p := range params {
		pm, _ := p.(map[string]any)
		t := str(pm["Type"])
		if strings.HasPrefix(t, "List<") || t == "CommaDelimitedList" || strings.Contains(t, "<List<") {
			out[name] = true
		}
	}
	return out
}

func walkPolicyDocuments(v any, lists map[string]bool) {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			walkPolicyDocuments(e, lists)
		}
	case map[string]any:
		for k, e := range x {
			if doc, ok := e.(map[string]any); ok && policyDocumentKeys[k] {
				canonicalPolicyDocument(doc, lists)
				continue
			}
			walkPolicyDocuments(e, lists)
		}
	}
}

func canonicalPolicyDocument(doc map[string]any, lists map[string]bool) {
	var stmts []any
	switch s := doc["Statement"].(type) {
	case map[string]any:
		stmts = []any{s}
	case []any:
		stmts = s
	default:
		return
	}
	for _, s := range stmts {
		if sm, ok := s.(map[string]any); ok {
			canonicalStatement(sm, lists)
		}
	}
	doc["Statement"] = sortedSet(stmts)
}

func canonicalStatement(s map[string]any, lists map[string]bool) {
	delete(s, "Sid")
	for _, k := range []string{"Action", "NotAction", "Resource", "NotResource"} {
		if v, ok := s[k]; ok {
			s[k] = asSet(v, lists)
		}
	}
	for _, k := range []string{"Principal", "NotPrincipal"} {
		if p, ok := s[k].(map[string]any); ok {
			for pk, pv := range p {
				p[pk] = asSet(pv, lists)
			}
		}
	}
	if c, ok := s["Condition"].(map[string]any); ok {
		for _, op := range c {
			if keys, ok := op.(map[string]any); ok {
				for ck, cv := range keys {
					keys[ck] = asSet(cv, lists)
				}
			}
		}
	}
}

// asSet makes a scalar a one-element list and sorts a list, without
// duplicates. An intrinsic that may yield a list is left alone: Fn::If,
// Fn::Split, Fn::GetAZs, Fn::FindInMap, Fn::Cidr, Fn::ImportValue, and a Ref
// to a list parameter. Other Refs, Fn::GetAtt, Fn::Sub and Fn::Join are
// strings here (the attributes that policies name, such as Arn, are strings).
func asSet(v any, lists map[string]bool) any {
	switch x := v.(type) {
	case []any:
		return sortedSet(x)
	case map[string]any:
		if mayBeList(x, lists) {
			return x
		}
		return []any{x}
	}
	return []any{v}
}

func mayBeList(m map[string]any, lists map[string]bool) bool {
	if len(m) != 1 {
		return false
	}
	for k, v := range m {
		switch k {
		case "Fn::If", "Fn::Split", "Fn::GetAZs", "Fn::FindInMap", "Fn::Cidr", "Fn::ImportValue":
			return true
		case "Ref":
			return lists[str(v)]
		}
	}
	return false
}

func sortedSet(l []any) []any {
	seen := map[string]bool{}
	type item struct {
		key string
		v   any
	}
	var items []item
	for _, e := range l {
		k := canon(e)
		if seen[k] {
			continue
		}
		seen[k] = true
		items = append(items, item{k, e})
	}
	sort.Slice(items, func(i, j int) bool { return items[i].key < items[j].key })
	out := make([]any, len(items))
	for i, it := range items {
		out[i] = it.v
	}
	return out
}

// IAMPermissions folds every identity policy into a set of permissions per
// principal, stored under PermissionsKey: the inline Policies of
// AWS::IAM::Role, User and Group, and the AWS::IAM::Policy, RolePolicy,
// UserPolicy and GroupPolicy resources attached to them (which are then
// removed from Resources). A principal is "role:<LogicalId>" when the policy
// refers to a role of the template with Ref, else "role:" and the expression
// as JSON (likewise user: and group:). Each permission is one string:
//
//	Allow lambda:InvokeFunction on {"Ref":"OrdersAliaslive"}
//
// one per (effect, action, resource), followed by " when <condition>" when
// the statement has one, by " if <Condition>" when the policy resource is
// conditional, and by the policy language version when the statement uses
// IAM policy variables. NotAction and NotResource lists stay whole
// ("Allow not-action [a,b] on …"). Run it after StringForms, Partition and
// PolicyDocuments.
//
// Sound because IAM grants the union of all statements of all policies
// attached to a principal, whatever their names, grouping or attachment (an
// inline policy, a separate policy resource): "Allow A,B on R,S" grants
// exactly the pairs (A,R), (A,S), (B,R), (B,S) with the same condition, and a
// Deny splits the same way. The policy names, Sid and Version (when no policy
// variable is used, the version changes nothing) carry no permission. A
// missing, extra or changed permission, a changed condition or a permission
// moved to another principal still shows, as a difference of the sets.
// Customer managed policies (AWS::IAM::ManagedPolicy) are not folded: they are
// resources of their own, referred to by ARN.
var IAMPermissions = Rule{name: "IAMPermissions", apply: foldPermissions}

// attachedPolicyTypes maps the separate policy resource types to the
// properties that name their principals, with the principal kind.
var attachedPolicyTypes = map[string][]policyTarget{
	"AWS::IAM::Policy":      {{"Roles", "role", true}, {"Users", "user", true}, {"Groups", "group", true}},
	"AWS::IAM::RolePolicy":  {{"RoleName", "role", false}},
	"AWS::IAM::UserPolicy":  {{"UserName", "user", false}},
	"AWS::IAM::GroupPolicy": {{"GroupName", "group", false}},
}

type policyTarget struct {
	prop   string // property naming the principals
	kind   string // role, user or group
	plural bool   // the property is a list
}

var inlinePolicyTypes = map[string]string{
	"AWS::IAM::Role":  "role",
	"AWS::IAM::User":  "user",
	"AWS::IAM::Group": "group",
}

func foldPermissions(root map[string]any) {
	res := resources(root)
	if res == nil {
		return
	}
	perms := map[string]map[string]bool{}
	add := func(principal string, ps []string) {
		if perms[principal] == nil {
			perms[principal] = map[string]bool{}
		}
		for _, p := range ps {
			perms[principal][p] = true
		}
	}
	for id, r := range res {
		rm, _ := r.(map[string]any)
		props, _ := rm["Properties"].(map[string]any)
		typ := str(rm["Type"])
		if kind, ok := inlinePolicyTypes[typ]; ok && props != nil {
			pols, ok := props["Policies"].([]any)
			if !ok {
				continue // absent, or an intrinsic: compared as written
			}
			principal := kind + ":" + id
			for _, p := range pols {
				pm, _ := p.(map[string]any)
				doc, ok := pm["PolicyDocument"].(map[string]any)
				if !ok {
					add(principal, []string{"opaque inline policy " + canon(p)})
					continue
				}
				add(principal, permissions(doc, ""))
			}
			delete(props, "Policies")
		}
	}
	for id, r := range res {
		rm, _ := r.(map[string]any)
		targets, ok := attachedPolicyTypes[str(rm["Type"])]
		if !ok {
			continue
		}
		props, _ := rm["Properties"].(map[string]any)
		doc, ok := props["PolicyDocument"].(map[string]any)
		if !ok {
			continue // an intrinsic: compared as written
		}
		var suffix string
		if c, ok := rm["Condition"]; ok {
			suffix += " if " + plain(c)
		}
		for _, attr := range []string{"DeletionPolicy", "UpdateReplacePolicy"} {
			if v, ok := rm[attr]; ok {
				suffix += " " + attr + " " + plain(v)
			}
		}
		var principals []string
		for _, t := range targets {
			v, ok := props[t.prop]
			if !ok {
				continue
			}
			list, isList := v.([]any)
			switch {
			case isList:
			case t.plural: // an intrinsic yielding the list, such as Fn::If
				principals = append(principals, t.kind+":"+canon(v))
				continue
			default:
				list = []any{v}
			}
			for _, e := range list {
				principals = append(principals, principalKey(res, t.kind, e))
			}
		}
		ps := permissions(doc, suffix)
		for _, p := range principals {
			add(p, ps)
		}
		delete(res, id)
	}
	out := map[string]any{}
	for principal, set := range perms {
		if len(set) == 0 {
			continue
		}
		list := make([]any, 0, len(set))
		for p := range set {
			list = append(list, p)
		}
		out[principal] = sortedSet(list)
	}
	if len(out) > 0 {
		root[PermissionsKey] = out
	}
}

// principalKey names a principal: its logical id when e is a Ref to a
// resource of the template, else the expression.
func principalKey(res map[string]any, kind string, e any) string {
	if m, ok := e.(map[string]any); ok && len(m) == 1 {
		if ref, ok := m["Ref"].(string); ok {
			if _, inTemplate := res[ref]; inTemplate {
				return kind + ":" + ref
			}
		}
	}
	return kind + ":" + canon(e)
}

// permissions expands a canonical policy document into permission strings.
func permissions(doc map[string]any, suffix string) []string {
	version := "2008-10-17" // IAM's default when Version is absent
	if v, ok := doc["Version"].(string); ok {
		version = v
	}
	var stmts []any
	switch s := doc["Statement"].(type) {
	case []any:
		stmts = s
	case map[string]any:
		stmts = []any{s}
	default:
		return []string{"opaque policy document " + canon(doc) + suffix}
	}
	var out []string
	for _, s := range stmts {
		sm, ok := s.(map[string]any)
		if !ok {
			out = append(out, "opaque statement "+canon(s)+suffix)
			continue
		}
		var extra strings.Builder
		if c, ok := sm["Condition"]; ok {
			extra.WriteString(" when " + canon(c))
		}
		keys := make([]string, 0, len(sm))
		for k := range sm {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			switch k {
			case "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition", "Sid":
			default:
				extra.WriteString(" " + k + " " + canon(sm[k]))
			}
		}
		if usesPolicyVariables(sm, false) {
			extra.WriteString(" (policy language " + version + ")")
		}
		extra.WriteString(suffix)
		effect := plain(sm["Effect"])
		actions := expandable(sm, "Action", "not-action")
		resources := expandable(sm, "Resource", "all resources but")
		for _, a := range actions {
			for _, r := range resources {
				out = append(out, fmt.Sprintf("%s %s on %s%s", effect, a, r, extra.String()))
			}
		}
	}
	return out
}

// expandable returns the displayed elements of key (one per element), or the
// whole Not-list as a single element.
func expandable(s map[string]any, key, notLabel string) []string {
	if v, ok := s[key]; ok {
		l, isList := v.([]any)
		if !isList {
			return []string{plain(v)}
		}
		out := make([]string, 0, len(l))
		for _, e := range l {
			out = append(out, plain(e))
		}
		if len(out) == 0 {
			return []string{"(empty " + key + ")"}
		}
		return out
	}
	if v, ok := s["Not"+key]; ok {
		return []string{notLabel + " " + canon(v)}
	}
	return []string{"(no " + key + ")"}
}

// plain shows a string bare and anything else as JSON.
func plain(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return canon(v)
}

// usesPolicyVariables reports whether a statement contains an IAM policy
// variable such as ${aws:username}: "${" in a literal string, or the escaped
// "${!" in a Fn::Sub template.
func usesPolicyVariables(v any, inSub bool) bool {
	switch x := v.(type) {
	case string:
		if inSub {
			return strings.Contains(x, "${!")
		}
		return strings.Contains(x, "${")
	case []any:
		for _, e := range x {
			if usesPolicyVariables(e, inSub) {
				return true
			}
		}
	case map[string]any:
		for k, e := range x {
			if k == "Fn::Sub" {
				if l, ok := e.([]any); ok && len(l) > 0 {
					if usesPolicyVariables(l[0], true) || usesPolicyVariables(l[1:], false) {
						return true
					}
					continue
				}
				if usesPolicyVariables(e, true) {
					return true
				}
				continue
			}
			if usesPolicyVariables(e, inSub) {
				return true
			}
		}
	}
	return false
}

// ManagedPolicyArnOrder sorts the ManagedPolicyArns of AWS::IAM::Role, User
// and Group.
//
// Sound because the property is the set of managed policies attached to the
// principal; IAM has no order of attachment. Duplicates are kept: they are an
// error to be seen, not a form.
var ManagedPolicyArnOrder = Rule{name: "ManagedPolicyArnOrder", apply: func(root map[string]any) {
	for _, r := range resources(root) {
		rm, _ := r.(map[string]any)
		if _, ok := inlinePolicyTypes[str(rm["Type"])]; !ok {
			continue
		}
		props, _ := rm["Properties"].(map[string]any)
		if l, ok := props["ManagedPolicyArns"].([]any); ok {
			sort.SliceStable(l, func(i, j int) bool { return canon(l[i]) < canon(l[j]) })
		}
	}
}}
