package model

import (
	"fmt"
	"sort"
	"strings"

	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/spec"
)

// outputs writes the ARNs users need — the alias ARN (the one to invoke and
// to grant starters on) and the function ARN (for durable-execution grants)
// — then the spec's own outputs.
func (b *builder) outputs() {
	for _, fn := range b.app.Functions {
		if fn.AliasID != "" {
			b.app.Outputs = append(b.app.Outputs, &Output{ID: fn.AliasArnOutputID, Value: Ref(fn.AliasID), Function: fn, Attr: "AliasArn",
				Description: fmt.Sprintf("%s alias %s: invoke and start executions here", fn.ID, fn.Alias)})
		}
		desc := fmt.Sprintf("%s function ARN: scope execution grants to it followed by :*", fn.ID)
		if !fn.Durable {
			desc = fmt.Sprintf("%s function ARN", fn.ID)
		}
		b.app.Outputs = append(b.app.Outputs, &Output{ID: fn.ArnOutputID, Value: GetAtt(fn.ID, "Arn"), Function: fn, Attr: "Arn", Description: desc})
	}
	exports := map[string]string{}
	for _, o := range b.f.Outputs {
		op := "outputs." + o.Name
		if o.Export.IsLiteral() && o.Export.Lit != "" {
			if first, dup := exports[o.Export.Lit]; dup {
				b.errorf(spec.CodeCollision, op+".export", "give each output its own export name",
					"outputs %s and %s export the same name %q: CloudFormation refuses a second export of a name", first, o.Name, o.Export.Lit)
			}
			exports[o.Export.Lit] = o.Name
		}
		b.a.take(nsOutput, o.Name, "output "+o.Name, op)
		out := &Output{ID: o.Name, Description: o.Description, Value: o.Value.Data()}
		if !o.Export.IsZero() {
			out.Export = o.Export.Data()
		}
		if len(o.Description) > facts.MaxOutputDescriptionLength {
			b.errorf(spec.CodeLimit, op+".description", "shorten it", "the description is %d characters, over CloudFormation's %d", len(o.Description), facts.MaxOutputDescriptionLength)
		}
		b.app.Outputs = append(b.app.Outputs, out)
	}
}

// rules asserts, for every existing role this stack attaches policies to,
// that the stack is deployed in that role's account: a policy attaches only
// to a role of its own account, and a deploy elsewhere would fail late or
// attach to a same-named role of the wrong account.
func (b *builder) rules() {
	roles := map[string][]string{}
	partitions := map[string]bool{}
	add := func(arn, path string) {
		r, err := facts.ParseRoleARN(arn)
		if err != nil {
			return
		}
		partitions[r.Partition] = true
		for _, x := range roles[r.Account] {
			if x == arn {
				return
			}
		}
		roles[r.Account] = append(roles[r.Account], arn)
	}
	for _, fn := range b.app.Functions {
		if r := fn.Spec.Role; r.IsLiteral() && r.Lit != "" && fn.RoleRef != nil && b.attachesTo(fn.RoleRef) {
			add(r.Lit, "functions."+fn.ID+".role")
		}
		for _, g := range fn.Spec.Grants() {
			for _, pr := range g.Principals {
				if pr.RoleArn != "" {
					add(pr.RoleArn, "")
				}
			}
		}
	}
	accounts := make([]string, 0, len(roles))
	for a := range roles {
		accounts = append(accounts, a)
	}
	sort.Strings(accounts)
	if len(partitions) > 1 {
		var ps []string
		for p := range partitions {
			ps = append(ps, p)
		}
		sort.Strings(ps)
		b.errorf(spec.CodeRoleARN, "functions", "split the spec per partition",
			"roles of partitions %s receive policies from this stack, which is deployed in one partition", strings.Join(ps, " and "))
	}
	if len(accounts) > 1 {
		b.errorf(spec.CodeRoleARN, "functions", "split the spec per account",
			"roles of accounts %s receive policies from this stack, which attaches policies only to roles of the account it is deployed in",
			strings.Join(accounts, " and "))
	}
	for _, a := range accounts {
		b.app.Rules = append(b.app.Rules, &Rule{ID: "GrantedRolesInAccount" + a, Account: a,
			Description: fmt.Sprintf("this stack grants permissions to %s, which can only be attached from account %s: deploy the stack in account %s",
				strings.Join(roles[a], ", "), a, a)})
	}
}

// attachesTo reports whether some policy of the stack is attached to a role.
func (b *builder) attachesTo(roleRef any) bool {
	for _, p := range b.app.Policies {
		for _, r := range p.Roles {
			if r == roleRef {
				return true
			}
		}
	}
	return false
}
