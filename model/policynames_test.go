package model_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/model"
	"github.com/durablefn/durablefn/spec"
)

// A stack name of CloudFormation's longest (128 characters) and the ID of a
// stack of that name.
var (
	longStackName = strings.Repeat("s", 128)
	longStackID   = "arn:aws:cloudformation:us-east-1:123456789012:stack/" + longStackName + "/1c2fa620-982a-11e3-aff7-50e2416294e0"
	otherStackID  = "arn:aws:cloudformation:us-east-1:123456789012:stack/" + longStackName + "/0b6e2f30-1111-11f0-8000-0a1b2c3d4e5f"
)

// TestStackPolicyNamesFit: every policy the stack attaches to a role,
// resolved as CloudFormation would for a stack of a 128-character name, is
// at most IAM's 128 characters, unique per role, and different in another
// stack of the same name. The longest IDs come from two names of
// spec.MaxNameLength and a grant on existing roles.
func TestStackPolicyNamesFit(t *testing.T) {
	a := strings.Repeat("A", spec.MaxNameLength)
	b := strings.Repeat("B", spec.MaxNameLength)
	c := strings.Repeat("C", spec.MaxNameLength-1) + "D"
	src := "functions:\n" +
		fnSpec(a, "    role: arn:aws:iam::123456789012:role/shared\n    callbackSenders: [{function: "+b+"}, {function: "+c+"}, {roleArn: arn:aws:iam::123456789012:role/approvals}]\n    invokes: [{function: "+b+"}]\n    policies: [{Action: s3:GetObject, Resource: '*'}]\n") +
		fnSpec(b, "    role: arn:aws:iam::123456789012:role/shared\n") +
		fnSpec(c, "    role: arn:aws:iam::123456789012:role/other\n")
	app, _, err := model.Parse("t.yaml", ".", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	perRole := map[string]map[string]string{} // role → name → policy
	stack := 0
	for _, p := range app.Policies {
		name, err := resolve(p.PolicyName, longStackID)
		if err != nil {
			t.Fatalf("%s: %v", p.ID, err)
		}
		if len(name) > facts.MaxPolicyNameLength {
			t.Errorf("%s: the policy name is %d characters, over IAM's %d: %s", p.ID, len(name), facts.MaxPolicyNameLength, name)
		}
		other, _ := resolve(p.PolicyName, otherStackID)
		if _, isString := p.PolicyName.(string); !isString {
			stack++
			if other == name {
				t.Errorf("%s: two stacks of one name give the policy the same name %s", p.ID, name)
			}
		}
		for _, r := range p.Roles {
			key := fmt.Sprint(r)
			if perRole[key] == nil {
				perRole[key] = map[string]string{}
			}
			if prev, dup := perRole[key][name]; dup {
				t.Errorf("%s and %s have the same name %s on role %s", prev, p.ID, name, key)
			}
			perRole[key][name] = p.ID
		}
	}
	if stack < 6 {
		t.Fatalf("%d policies on roles the stack does not own, want at least 6", stack)
	}
}

// TestStackPolicyNameShape: a policy on an existing role is named
// <logical ID>-<stack UUID>; a logical ID longer than 91 characters keeps its
// first 83 and 8 hex digits of its hash, so that two long IDs with the same
// beginning still differ.
func TestStackPolicyNameShape(t *testing.T) {
	long := strings.Repeat("L", spec.MaxNameLength)
	src := "functions:\n" +
		fnSpec("Job", "    role: arn:aws:iam::123456789012:role/jobs\n    starters: [{roleArn: arn:aws:iam::123456789012:role/a}]\n") +
		fnSpec(long, "    observers: [{roleArn: arn:aws:iam::123456789012:role/a}]\n    operators: [{roleArn: arn:aws:iam::123456789012:role/a}]\n    callbackSenders: [{function: "+long[:47]+"X}, {function: "+long[:47]+"Y}]\n") +
		fnSpec(long[:47]+"X", "    role: arn:aws:iam::123456789012:role/x\n") +
		fnSpec(long[:47]+"Y", "    role: arn:aws:iam::123456789012:role/x\n")
	app, _, err := model.Parse("t.yaml", ".", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, p := range app.Policies {
		name, err := resolve(p.PolicyName, longStackID)
		if err != nil {
			t.Fatal(err)
		}
		names[p.ID] = name
	}
	if got, want := names["JobExecutionPolicy"], "JobExecutionPolicy-1c2fa620-982a-11e3-aff7-50e2416294e0"; got != want {
		t.Errorf("JobExecutionPolicy is named %q, want %q", got, want)
	}
	hashed := regexp.MustCompile(`^L{48}CallbackSenderL{21}[0-9a-f]{8}-1c2fa620-982a-11e3-aff7-50e2416294e0$`)
	x, y := names[long+"CallbackSender"+long[:47]+"XPolicy"], names[long+"CallbackSender"+long[:47]+"YPolicy"]
	if !hashed.MatchString(x) || !hashed.MatchString(y) || x == y || len(x) != facts.MaxPolicyNameLength {
		t.Errorf("long grant IDs are named\n%s\n%s\nwant 83 characters of the ID, 8 hex digits and the UUID, 128 in all, different", x, y)
	}
}

// resolve evaluates a policy name as CloudFormation would in the stack of
// ID stackID: a string, or Fn::Join, Fn::Select, Fn::Split, Fn::Sub and Ref
// of AWS::StackId and AWS::StackName.
func resolve(v any, stackID string) (string, error) {
	parts, err := eval(v, stackID)
	if err != nil {
		return "", err
	}
	s, ok := parts.(string)
	if !ok {
		return "", fmt.Errorf("%v resolves to %v, not a string", v, parts)
	}
	return s, nil
}

func eval(v any, stackID string) (any, error) {
	stackName := strings.Split(stackID, "/")[1]
	switch x := v.(type) {
	case string:
		return x, nil
	case []any:
		out := make([]any, len(x))
		for i, item := range x {
			r, err := eval(item, stackID)
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	case map[string]any:
		for k, arg := range x {
			switch k {
			case "Ref":
				switch arg {
				case "AWS::StackId":
					return stackID, nil
				case "AWS::StackName":
					return stackName, nil
				}
			case "Fn::Sub":
				s := strings.NewReplacer("${AWS::StackName}", stackName, "${AWS::StackId}", stackID).Replace(fmt.Sprint(arg))
				return s, nil
			case "Fn::Join", "Fn::Select", "Fn::Split":
				l, _ := arg.([]any)
				if len(l) != 2 {
					break
				}
				r, err := eval(l[1], stackID)
				if err != nil {
					return nil, err
				}
				switch k {
				case "Fn::Join":
					items, _ := r.([]any)
					strs := make([]string, len(items))
					for i, item := range items {
						strs[i] = fmt.Sprint(item)
					}
					return strings.Join(strs, fmt.Sprint(l[0])), nil
				case "Fn::Split":
					var out []any
					for _, s := range strings.Split(fmt.Sprint(r), fmt.Sprint(l[0])) {
						out = append(out, s)
					}
					return out, nil
				case "Fn::Select":
					items, _ := r.([]any)
					var i int
					if _, err := fmt.Sscan(fmt.Sprint(l[0]), &i); err != nil || i < 0 || i >= len(items) {
						return nil, fmt.Errorf("!Select %v of %d items", l[0], len(items))
					}
					return items[i], nil
				}
			}
		}
	}
	return nil, fmt.Errorf("cannot resolve %#v", v)
}
