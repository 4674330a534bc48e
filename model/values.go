package model

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"

	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/policies"
	"github.com/durablefn/durablefn/spec"
)

// Ref, GetAtt and Sub build intrinsic functions as template data.
func Ref(id string) map[string]any          { return map[string]any{"Ref": id} }
func GetAtt(id, attr string) map[string]any { return map[string]any{"Fn::GetAtt": []any{id, attr}} }
func Sub(template string) map[string]any    { return map[string]any{"Fn::Sub": template} }

// Number writes an integer as template data.
func Number(n int) json.Number { return json.Number(strconv.Itoa(n)) }

// StringList is a list of strings as template data.
func StringList(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
func data(v spec.Value) any { return v.Data() }
func dataList(vs []spec.Value) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v.Data()
	}
	return out
}

// listData is a list of values, or the one intrinsic that is the whole
// list.
func listData(items []spec.Value, whole spec.Value) any {
	if !whole.IsZero() {
		return whole.Data()
	}
	return dataList(items)
}

var wholeRefRE = regexp.MustCompile(`^\$\{([A-Za-z0-9]+)(\.[A-Za-z0-9.]+)?\}$`)

// subValue writes a string the generators build with ${...} placeholders:
// "${X}" as a Ref, "${X.Attr}" as a GetAtt, another string with
// placeholders as a Sub, and a literal otherwise.
func subValue(s string) any {
	if m := wholeRefRE.FindStringSubmatch(s); m != nil {
		if m[2] == "" {
			return Ref(m[1])
		}
		return GetAtt(m[1], m[2][1:])
	}
	if strings.Contains(s, "${") {
		return Sub(s)
	}
	return s
}

// Document turns policy statements into a template policy document.
func Document(stmts []policies.Statement) map[string]any {
	out := make([]any, 0, len(stmts))
	for _, st := range stmts {
		m := map[string]any{"Effect": st.Effect}
		if st.Sid != "" {
			m["Sid"] = st.Sid
		}
		m["Action"] = oneOrList(st.Actions, func(s string) any { return s })
		m["Resource"] = oneOrList(st.Resources, subValue)
		out = append(out, m)
	}
	return map[string]any{"Version": facts.PolicyLanguageVersion, "Statement": out}
}

func oneOrList(items []string, conv func(string) any) any {
	if len(items) == 1 {
		return conv(items[0])
	}
	l := make([]any, len(items))
	for i, s := range items {
		l[i] = conv(s)
	}
	return l
}

// userDocument is the policy document of a function's own statements, with
// Effect defaulted to Allow.
func userDocument(stmts []map[string]any) map[string]any {
	out := make([]any, 0, len(stmts))
	for _, st := range stmts {
		m := make(map[string]any, len(st)+1)
		for k, v := range st {
			m[k] = v
		}
		if _, ok := m["Effect"]; !ok {
			m["Effect"] = "Allow"
		}
		out = append(out, m)
	}
	return map[string]any{"Version": facts.PolicyLanguageVersion, "Statement": out}
}

// stackPolicyName names a policy on a role the stack does not own:
// <part>-<UUID>, the UUID being the last part of the stack's ID
// (arn:…:stack/<name>/<UUID>). The UUID keeps the policies of two stacks of
// one spec apart, and has a fixed length, unlike the stack's name (up to
// 128 characters, IAM's limit on the whole policy name): with a part of at
// most facts.MaxStackPolicyPartLength characters the name always fits.
func stackPolicyName(part string) any {
	uuid := map[string]any{"Fn::Select": []any{Number(2), map[string]any{"Fn::Split": []any{"/", Ref("AWS::StackId")}}}}
	return map[string]any{"Fn::Join": []any{"-", []any{part, uuid}}}
}

// stackPolicyPart is the part of a stack policy name that comes from the
// policy's logical ID: the ID, or, when it is longer than
// facts.MaxStackPolicyPartLength, its beginning and 8 hex digits of its
// SHA-256, so that the part stays unique.
func stackPolicyPart(id string) string {
	if len(id) <= facts.MaxStackPolicyPartLength {
		return id
	}
	h := sha256.Sum256([]byte(id))
	return id[:facts.MaxStackPolicyPartLength-8] + hex.EncodeToString(h[:4])
}
