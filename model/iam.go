package model

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/policies"
	"github.com/durablefn/durablefn/spec"
)

// RoleNeeds says what a function's execution role serves.
func RoleNeeds(sf *spec.Function) policies.RoleNeeds {
	// SAM attaches the X-Ray policy for any tracing mode, PassThrough too.
	n := policies.RoleNeeds{LeastPrivilege: sf.LeastPrivilege, Plain: !sf.IsDurable(), VPC: sf.VPC != nil, Tracing: sf.Tracing != ""}
	// SAM adds an event source mapping's policy as it meets the events, in
	// the order of their paths (HTTP routes) or names.
	events := make([]*spec.Event, len(sf.Events))
	for i := range sf.Events {
		events[i] = &sf.Events[i]
	}
	sort.SliceStable(events, func(i, j int) bool { return samEventOrder(events[i]) < samEventOrder(events[j]) })
	for _, ev := range events {
		var name string
		switch ev.Kind {
		case spec.EventSQS:
			name = facts.SQSManagedPolicyName
		case spec.EventDynamoDB:
			name = facts.DynamoDBManagedPolicyName
		case spec.EventKinesis:
			name = facts.KinesisManagedPolicyName
		default:
			continue
		}
		if !slices.Contains(n.EventPolicies, name) {
			n.EventPolicies = append(n.EventPolicies, name)
		}
	}
	return n
}

// samEventOrder is the key SAM sorts a function's events by: an HTTP
// route's path, any other event's name.
func samEventOrder(ev *spec.Event) string {
	if ev.Kind == spec.EventHTTP {
		return ev.HTTP.Path
	}
	return ev.Name
}

// deadLetterKind decides whether a function's dead-letter target is an SNS
// topic or an SQS queue (see destinationKind).
func (b *builder) deadLetterKind(fn *Function) string {
	return b.destinationKind(fn.Spec.DeadLetterKind, fn.Spec.DeadLetterQueue, "functions."+fn.ID+".deadLetterQueue")
}

// destinationKind decides whether a destination of failed events is an SNS
// topic or an SQS queue (DeadLetterTopic, DeadLetterQueue): as the spec
// says (kind "topic" or "queue"), or from the ARN: a literal ARN, a Ref of
// a topic of the spec's resources, a GetAtt of a queue's Arn or a topic's
// TopicArn, a Sub whose text names the service. Anything else (a
// parameter, an import) is an error that asks the spec to say it (""
// then): a wrong guess gives the role the wrong permission.
func (b *builder) destinationKind(kind string, v spec.Value, path string) string {
	switch kind {
	case "topic":
		return DeadLetterTopic
	case "queue":
		return DeadLetterQueue
	}
	switch {
	case v.IsLiteral():
		if strings.Contains(v.Lit, ":sns:") {
			return DeadLetterTopic
		}
		return DeadLetterQueue
	case v.Fn["Ref"] != nil:
		name, _ := v.Fn["Ref"].(string)
		switch b.resourceType(name) {
		case "AWS::SNS::Topic":
			return DeadLetterTopic
		case "AWS::SQS::Queue":
			b.errorf(spec.CodeValue, path, "write !GetAtt "+name+".Arn",
				"!Ref of a queue is its URL, not the ARN a destination of failed events needs")
			return ""
		}
	case v.Fn["Fn::GetAtt"] != nil:
		if ga, isList := v.Fn["Fn::GetAtt"].([]any); isList && len(ga) == 2 {
			name, _ := ga[0].(string)
			switch {
			case b.resourceType(name) == "AWS::SQS::Queue" && ga[1] == "Arn":
				return DeadLetterQueue
			case b.resourceType(name) == "AWS::SNS::Topic" && ga[1] == "TopicArn":
				return DeadLetterTopic
			}
		}
	case v.Fn["Fn::Sub"] != nil:
		if tmpl, isStr := v.Fn["Fn::Sub"].(string); isStr {
			switch {
			case strings.Contains(tmpl, ":sns:"):
				return DeadLetterTopic
			case strings.Contains(tmpl, ":sqs:"):
				return DeadLetterQueue
			}
		}
	}
	field := path[strings.LastIndexByte(path, '.')+1:]
	b.errorf(spec.CodeValue, path, "write "+field+": {queue: ARN} or "+field+": {topic: ARN}",
		"durablefn cannot tell whether %s is an SQS queue or an SNS topic, and the role needs a different permission for each", v)
	return ""
}

// role makes the function's execution role, or attaches what the function
// needs to its existing role.
func (b *builder) role(fn *Function) {
	sf := fn.Spec
	p := "functions." + fn.ID
	var statements []map[string]any
	var managed []any
	for _, pol := range sf.Policies {
		if pol.Statement != nil {
			statements = append(statements, pol.Statement)
		} else {
			managed = append(managed, data(pol.ManagedArn))
		}
	}
	if !sf.Role.IsZero() {
		b.existingRole(fn, statements, managed)
		return
	}
	r := &Role{ID: b.a.take(nsResource, fn.ID+"Role", describe("role", fn.ID), p), Tags: sf.Tags, SAMCreates: !sf.LeastPrivilege}
	b.referableID(r.ID, "Arn")
	r.AWSManagedPolicies = policies.ExecutionRoleManagedPolicies(RoleNeeds(sf))
	r.SpecManagedPolicyArns = managed
	r.managedPolicyArns = r.ManagedPolicyArns()
	if len(statements) > 0 {
		// SAM names the document of a function's Policies <Role>Policy<i>;
		// it is the first item SAM is given.
		r.Policies = append(r.Policies, InlinePolicy{Name: r.ID + "Policy0", Document: userDocument(statements), FromSpec: true})
	}
	if fn.DeadLetter != "" {
		r.Policies = append(r.Policies, InlinePolicy{Name: "DeadLetterQueuePolicy",
			Document: deadLetterDocument(data(sf.DeadLetterQueue), fn.DeadLetter == DeadLetterTopic)})
	}
	fn.Role, fn.RoleArn, fn.RoleRef = r, GetAtt(r.ID, "Arn"), Ref(r.ID)
	fn.Properties["Role"] = fn.RoleArn
	if sf.LeastPrivilege {
		id := b.a.take(nsResource, fn.ID+"ExecutionPolicy", describe("execution policy", fn.ID), p+".leastPrivilege")
		b.app.Policies = append(b.app.Policies, &Policy{ID: id, PolicyName: id,
			Document: Document(policies.ExecutionRole(functionArn(fn), "${"+fn.LogGroupID+".Arn}")),
			Roles:    []any{fn.RoleRef}, Function: fn})
	}
}

func deadLetterDocument(target any, topic bool) map[string]any {
	return map[string]any{"Version": facts.PolicyLanguageVersion, "Statement": []any{
		map[string]any{"Effect": "Allow", "Action": policies.DeadLetterAction(topic), "Resource": target},
	}}
}

// existingRole attaches what a function needs to the existing role it runs
// under: the durable statements and the spec's own, as policies of this
// stack on that role.
func (b *builder) existingRole(fn *Function, statements []map[string]any, managed []any) {
	sf := fn.Spec
	p := "functions." + fn.ID
	fn.RoleArn = data(sf.Role)
	fn.Properties["Role"] = fn.RoleArn
	fn.RoleRef = b.roleRef(sf.Role)
	if len(managed) > 0 {
		b.errorf(spec.CodeValue, p+".policies", "attach the managed policy to the role where the role is defined, or let durablefn create the role",
			"a stack cannot attach managed policies to an existing role (%s)", sf.Role)
	}
	if fn.RoleRef == nil {
		what := "its log group"
		if fn.Durable {
			what = "the statements of `durablefn policy execution --function-arn FUNCTION_ARN --log-group-arn LOG_GROUP_ARN`"
		}
		if len(statements) > 0 {
			b.errorf(spec.CodeRoleUnknown, p+".role", "give the role as a literal ARN, or as !GetAtt Role.Arn of a role in resources:",
				"the role's name is not known, so the statements of policies: cannot be attached to it")
		} else if fn.Durable {
			b.warnf(spec.CodeRoleUnknown, p+".role", "attach "+what+" to the role yourself, or give the role as a literal ARN",
				"the role's name is not known from %s, so durablefn cannot attach the durable execution statements to it", sf.Role)
		}
		return
	}
	if fn.Durable {
		what := describe("execution policy", fn.ID)
		id := b.a.take(nsResource, fn.ID+"ExecutionPolicy", what, p+".role")
		b.app.Policies = append(b.app.Policies, &Policy{ID: id, PolicyName: b.policyName(fn.RoleRef, id, what, p+".role"),
			Document: Document(policies.ExecutionRole(functionArn(fn), "${"+fn.LogGroupID+".Arn}")),
			Roles:    []any{fn.RoleRef}, Function: fn})
	}
	if len(statements) > 0 {
		what := describe("role policy", fn.ID)
		id := b.a.take(nsResource, fn.ID+"RolePolicy", what, p+".policies")
		b.app.Policies = append(b.app.Policies, &Policy{ID: id, PolicyName: b.policyName(fn.RoleRef, id, what, p+".policies"),
			Document: userDocument(statements), Roles: []any{fn.RoleRef}, Function: fn})
	}
}

// policyName names a policy on a role: its logical ID on a role of this
// stack (at most 116 characters: two names of spec.MaxNameLength and the
// longest suffix), its logical ID joined with the stack's UUID on a role the
// stack does not own (stackPolicyName). The part from the logical ID is
// allocated, so that two policies never share a name.
func (b *builder) policyName(roleRef any, id, what, path string) any {
	if m, ok := roleRef.(map[string]any); ok {
		if name, ok := m["Ref"].(string); ok && b.ownsRole(name) {
			return id
		}
	}
	return stackPolicyName(b.a.take(nsPolicyName, stackPolicyPart(id), what, path))
}

// ownsRole reports whether a logical ID is a role this stack creates.
func (b *builder) ownsRole(id string) bool {
	for _, fn := range b.app.Functions {
		if fn.Role != nil && fn.Role.ID == id {
			return true
		}
	}
	return b.resourceType(id) == "AWS::IAM::Role"
}

// resourceType is the type of a resource of the spec's own, "" for a name
// that is not one.
func (b *builder) resourceType(name string) string {
	if r := b.f.Resource(name); r != nil {
		return r.Type
	}
	return ""
}

// roleRef is how policies attach to an existing role: its name from a
// literal ARN (the last part of its path), a Ref of a role of the spec's
// resources, or nil when the name is not known.
func (b *builder) roleRef(v spec.Value) any {
	if v.IsLiteral() {
		r, err := facts.ParseRoleARN(v.Lit)
		if err != nil {
			return nil
		}
		return r.Name
	}
	if ga, ok := v.Fn["Fn::GetAtt"].([]any); ok && len(ga) == 2 && ga[1] == "Arn" {
		if name, _ := ga[0].(string); b.resourceType(name) == "AWS::IAM::Role" {
			return Ref(name)
		}
	}
	return nil
}

// grants makes the spec's grants on a function: an AWS::IAM::Policy on the
// grantee's role for each principal.
func (b *builder) grants(fn *Function) {
	p := "functions." + fn.ID
	for _, g := range fn.Spec.Grants() {
		roles := 0
		for i, pr := range g.Principals {
			ip := fmt.Sprintf("%s.%s[%d]", p, g.Field, i)
			stmts, _ := policies.For(g.Kind, target(fn))
			grant := &Grant{Kind: string(g.Kind), On: fn}
			var id string
			var roleRef any
			if pr.Function != "" {
				grantee := b.fns[pr.Function]
				grant.Grantee = grantee
				id = fmt.Sprintf("%s%s%sPolicy", fn.ID, kindID(string(g.Kind)), pr.Function)
				roleRef = grantee.RoleRef
				if roleRef == nil {
					b.errorf(spec.CodeRoleUnknown, ip, "give "+pr.Function+"'s role as a literal ARN, or as !GetAtt Role.Arn of a role in resources:",
						"function %s runs under a role whose name is not known, so the grant cannot be attached to it", pr.Function)
					continue
				}
			} else {
				roles++
				grant.RoleArn, grant.Label = pr.RoleArn, fmt.Sprintf("Role%d", roles)
				id = fmt.Sprintf("%s%sRole%dPolicy", fn.ID, kindID(string(g.Kind)), roles)
				r, _ := facts.ParseRoleARN(pr.RoleArn) // validated by spec
				roleRef = r.Name
			}
			what := fmt.Sprintf("the %s grant of function %s to %s", g.Kind, fn.ID, describePrincipal(pr))
			b.a.take(nsResource, id, what, ip)
			b.app.Policies = append(b.app.Policies, &Policy{ID: id, PolicyName: b.policyName(roleRef, id, what, ip),
				Document: withKey(Document(stmts), fn, g.Kind), Roles: []any{roleRef}, Grant: grant})
		}
	}
}

func describePrincipal(pr spec.Principal) string {
	if pr.Function != "" {
		return "function " + pr.Function
	}
	return "role " + pr.RoleArn
}

// invokes grants the function what the durable SDK's invoke needs on each
// target: InvokeFunction on the target's ARN and every qualifier of it.
func (b *builder) invokes(fn *Function) {
	if len(fn.Spec.Invokes) == 0 {
		return
	}
	p := "functions." + fn.ID + ".invokes"
	var arns []string
	var targets []InvokeTarget
	for _, t := range fn.Spec.Invokes {
		if t.Function != "" {
			target := b.fns[t.Function]
			arns = append(arns, functionArn(target))
			targets = append(targets, InvokeTarget{Function: target})
		} else {
			a, _ := facts.ParseFunctionARN(t.FunctionArn) // validated by spec
			arns = append(arns, a.Unqualified())
			targets = append(targets, InvokeTarget{FunctionArn: a.Unqualified()})
		}
	}
	if fn.RoleRef == nil {
		b.errorf(spec.CodeRoleUnknown, p, "give the role as a literal ARN, or as !GetAtt Role.Arn of a role in resources:",
			"function %s runs under a role whose name is not known, so the invoke permission cannot be attached to it", fn.ID)
		return
	}
	what := describe("invoke policy", fn.ID)
	id := b.a.take(nsResource, fn.ID+"DurableInvokePolicy", what, p)
	b.app.Policies = append(b.app.Policies, &Policy{ID: id, PolicyName: b.policyName(fn.RoleRef, id, what, p),
		Document: Document(policies.DurableInvoke(arns...)), Roles: []any{fn.RoleRef},
		Grant: &Grant{Kind: string(policies.KindInvoker), Grantee: fn, Targets: targets}})
}
