package render

import (
	"fmt"
	"strings"

	"github.com/durablefn/durablefn/policies"
	"github.com/durablefn/durablefn/spec"
)

// IDs are the logical IDs of one function's resources.
type IDs struct {
	Function, Role, LogGroup, Alias string
	// VersionPrefix is followed by a hash: SAM writes <Fn>Version<10 hex>.
	VersionPrefix   string
	ExecutionPolicy string
	InvokePolicy    string
	AliasArnOutput  string
	ArnOutput       string
}

// NamesOf returns the logical IDs of a function's resources.
func NamesOf(fn *spec.Function) IDs {
	n := fn.Name
	return IDs{
		Function:        n,
		Role:            n + "Role",
		LogGroup:        n + "LogGroup",
		Alias:           n + "Alias" + aliasIDPart(fn.Alias),
		VersionPrefix:   n + "Version",
		ExecutionPolicy: n + "ExecutionPolicy",
		InvokePolicy:    n + "DurableInvokePolicy",
		AliasArnOutput:  n + "AliasArn",
		ArnOutput:       n + "Arn",
	}
}

// aliasIDPart writes an alias name into a logical ID as SAM does:
// "-" becomes "D" and "_" becomes "U".
func aliasIDPart(alias string) string {
	return strings.NewReplacer("-", "D", "_", "U").Replace(alias)
}

// FunctionArn is the function's unqualified ARN as a Sub template.
func FunctionArn(fn *spec.Function) string { return "${" + fn.Name + ".Arn}" }

// AliasArn is the alias ARN as a Sub template (Ref of an alias is its ARN).
func AliasArn(fn *spec.Function) string { return "${" + NamesOf(fn).Alias + "}" }

// Target is a function as the target of a grant.
func Target(fn *spec.Function) policies.Target {
	return policies.Target{FunctionArn: FunctionArn(fn), AliasArn: AliasArn(fn)}
}

// EventID is the logical ID of an event source, as SAM names it.
func EventID(fn *spec.Function, ev spec.Event) string { return fn.Name + ev.Name }

// kindID writes a grant kind into a logical ID: "callback-sender" →
// "CallbackSender".
func kindID(k policies.Kind) string {
	var b strings.Builder
	for _, part := range strings.Split(string(k), "-") {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

// GrantID is the logical ID of the policy that grants kind k on fn to a
// function of the spec, or to the i-th existing role (from 0) of that kind.
func GrantID(fn *spec.Function, k policies.Kind, p spec.Principal, i int) string {
	if p.Function != "" {
		return fmt.Sprintf("%s%s%sPolicy", fn.Name, kindID(k), p.Function)
	}
	return fmt.Sprintf("%s%sRole%dPolicy", fn.Name, kindID(k), i+1)
}
