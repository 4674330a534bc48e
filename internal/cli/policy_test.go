package cli

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/durablefn/durablefn/policies"
)

const (
	fnArn    = "arn:aws:lambda:us-east-1:123456789012:function:orders"
	logGroup = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/orders"
)

// stmt is a statement as read back from the printed JSON.
type stmt struct {
	Sid      string
	Effect   string
	Action   []string
	Resource []string
}

// policyDoc runs policy and parses the document it prints.
func policyDoc(t *testing.T, args ...string) []stmt {
	t.Helper()
	r := cli(t, append([]string{"policy"}, args...)...).want(t, 0)
	var doc struct {
		Version   string
		Statement []stmt
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	if doc.Version != "2012-10-17" {
		t.Errorf("Version %q", doc.Version)
	}
	for _, s := range doc.Statement {
		if s.Effect != "Allow" {
			t.Errorf("Effect %q", s.Effect)
		}
		for _, res := range s.Resource {
			if res == "*" || strings.HasSuffix(res, ":function:*") {
				t.Errorf("a wildcard resource %q", res)
			}
		}
	}
	return doc.Statement
}

// grant is what one statement allows, without its Sid.
type grant struct {
	actions   []string
	resources []string
}

func grants(stmts []stmt) []grant {
	var out []grant
	for _, s := range stmts {
		out = append(out, grant{s.Action, s.Resource})
	}
	return out
}

func TestPolicyKinds(t *testing.T) {
	for _, c := range []struct {
		args []string
		want []grant
	}{
		{[]string{"callback-sender", "--function-arn", fnArn}, []grant{{
			[]string{"lambda:SendDurableExecutionCallbackSuccess", "lambda:SendDurableExecutionCallbackFailure", "lambda:SendDurableExecutionCallbackHeartbeat"},
			[]string{fnArn + ":*"},
		}}},
		{[]string{"observer", "--function-arn", fnArn}, []grant{
			{[]string{"lambda:GetDurableExecution", "lambda:GetDurableExecutionHistory"}, []string{fnArn + ":*"}},
			{[]string{"lambda:ListDurableExecutionsByFunction"}, []string{fnArn}},
		}},
		{[]string{"operator", "--function-arn", fnArn}, []grant{
			{[]string{"lambda:StopDurableExecution", "lambda:GetDurableExecution", "lambda:GetDurableExecutionHistory"}, []string{fnArn + ":*"}},
			{[]string{"lambda:ListDurableExecutionsByFunction"}, []string{fnArn}},
		}},
		{[]string{"invoker", "--function-arn", fnArn}, []grant{
			{[]string{"lambda:InvokeFunction"}, []string{fnArn, fnArn + ":*"}},
		}},
		{[]string{"starter", "--function-arn", fnArn}, []grant{
			{[]string{"lambda:InvokeFunction"}, []string{fnArn + ":live"}},
		}},
		{[]string{"starter", "--function-arn", fnArn, "--alias", "prod-1"}, []grant{
			{[]string{"lambda:InvokeFunction"}, []string{fnArn + ":prod-1"}},
		}},
		{[]string{"starter", "--function-arn", fnArn, "--alias-arn", fnArn + ":blue"}, []grant{
			{[]string{"lambda:InvokeFunction"}, []string{fnArn + ":blue"}},
		}},
		{[]string{"execution", "--function-arn", fnArn, "--log-group-arn", logGroup}, []grant{
			{[]string{"lambda:CheckpointDurableExecution", "lambda:GetDurableExecutionState"}, []string{fnArn + ":*"}},
			{[]string{"logs:CreateLogStream", "logs:PutLogEvents"}, []string{logGroup + ":*"}},
		}},
		{[]string{"execution", "--function-arn", fnArn, "--log-group-arn", logGroup + ":*"}, []grant{
			{[]string{"lambda:CheckpointDurableExecution", "lambda:GetDurableExecutionState"}, []string{fnArn + ":*"}},
			{[]string{"logs:CreateLogStream", "logs:PutLogEvents"}, []string{logGroup + ":*"}},
		}},
		{[]string{"observer", "--function-arn", "arn:aws-cn:lambda:cn-north-1:123456789012:function:orders"}, []grant{
			{[]string{"lambda:GetDurableExecution", "lambda:GetDurableExecutionHistory"}, []string{"arn:aws-cn:lambda:cn-north-1:123456789012:function:orders:*"}},
			{[]string{"lambda:ListDurableExecutionsByFunction"}, []string{"arn:aws-cn:lambda:cn-north-1:123456789012:function:orders"}},
		}},
		{[]string{"observer", "--function-arn", "arn:aws-eusc:lambda:eusc-de-east-1:123456789012:function:orders"}, []grant{
			{[]string{"lambda:GetDurableExecution", "lambda:GetDurableExecutionHistory"}, []string{"arn:aws-eusc:lambda:eusc-de-east-1:123456789012:function:orders:*"}},
			{[]string{"lambda:ListDurableExecutionsByFunction"}, []string{"arn:aws-eusc:lambda:eusc-de-east-1:123456789012:function:orders"}},
		}},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			if got := grants(policyDoc(t, c.args...)); !reflect.DeepEqual(got, c.want) {
				t.Errorf("got  %v\nwant %v", got, c.want)
			}
		})
	}
}

// TestPolicyEveryKind: the command knows every kind policies defines, and
// prints what policies.For does.
func TestPolicyEveryKind(t *testing.T) {
	for _, k := range policies.Kinds() {
		stmts, _ := policies.For(k, policies.Target{FunctionArn: fnArn, AliasArn: fnArn + ":live"})
		r := cli(t, "policy", string(k), "--function-arn", fnArn).want(t, 0)
		if want := string(policies.NewDocument(stmts...).JSON()); r.stdout != want {
			t.Errorf("%s:\n%s\nwant:\n%s", k, r.stdout, want)
		}
	}
}

func TestPolicyRefusesQualifiedARN(t *testing.T) {
	for _, role := range []string{"callback-sender", "observer", "operator", "invoker", "execution", "starter"} {
		for _, q := range []string{"live", "7", "$LATEST"} {
			t.Run(role+"/"+q, func(t *testing.T) {
				args := []string{"policy", role, "--function-arn", fnArn + ":" + q}
				if role == "execution" {
					args = append(args, "--log-group-arn", logGroup)
				}
				r := cli(t, args...).want(t, 1)
				r.oneLineErrors(t)
				if r.stdout != "" {
					t.Errorf("stdout: %s", r.stdout)
				}
				if !strings.Contains(r.stderr, "is qualified") || !strings.Contains(r.stderr, "--function-arn "+fnArn) {
					t.Errorf("the message does not give the unqualified form:\n%s", r.stderr)
				}
				switch role {
				case "callback-sender", "observer", "operator", "execution":
					if !strings.Contains(r.stderr, "scoped to the unqualified function ARN followed by :*") {
						t.Errorf("the message does not explain the scope:\n%s", r.stderr)
					}
				case "starter":
					if q == "live" && !strings.Contains(r.stderr, "--alias-arn "+fnArn+":live") {
						t.Errorf("the message does not offer --alias-arn:\n%s", r.stderr)
					}
				}
			})
		}
	}
}

func TestPolicyInvalidInput(t *testing.T) {
	for name, c := range map[string]struct {
		args []string
		msg  string
	}{
		"not an ARN":             {[]string{"observer", "--function-arn", "orders"}, "is not a Lambda function ARN"},
		"alias latest":           {[]string{"starter", "--function-arn", fnArn, "--alias", "$LATEST"}, "$LATEST is not an alias"},
		"alias number":           {[]string{"starter", "--function-arn", fnArn, "--alias", "3"}, "is a version number"},
		"alias-arn unqualified":  {[]string{"starter", "--function-arn", fnArn, "--alias-arn", fnArn}, "has no alias"},
		"alias-arn version":      {[]string{"starter", "--function-arn", fnArn, "--alias-arn", fnArn + ":3"}, "is a version number"},
		"alias-arn elsewhere":    {[]string{"starter", "--function-arn", fnArn, "--alias-arn", fnArn + "-2:live"}, "another function"},
		"log group not an ARN":   {[]string{"execution", "--function-arn", fnArn, "--log-group-arn", "/aws/lambda/orders"}, "is not a log group ARN"},
		"log group elsewhere":    {[]string{"execution", "--function-arn", fnArn, "--log-group-arn", strings.Replace(logGroup, "123456789012", "210987654321", 1)}, "not in the function's partition, region and account"},
		"log group other region": {[]string{"execution", "--function-arn", fnArn, "--log-group-arn", strings.Replace(logGroup, "us-east-1", "eu-west-1", 1)}, "not in the function's partition, region and account"},
	} {
		t.Run(name, func(t *testing.T) {
			r := cli(t, append([]string{"policy"}, c.args...)...).want(t, 1)
			r.oneLineErrors(t)
			if !strings.Contains(r.stderr, c.msg) {
				t.Errorf("stderr lacks %q:\n%s", c.msg, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout: %s", r.stdout)
			}
		})
	}
}

func TestPolicyUsage(t *testing.T) {
	for name, args := range map[string][]string{
		"no role":                     {},
		"two roles":                   {"observer", "operator", "--function-arn", fnArn},
		"unknown role":                {"admin", "--function-arn", fnArn},
		"no function":                 {"observer"},
		"execution without log group": {"execution", "--function-arn", fnArn},
		"log group for observer":      {"observer", "--function-arn", fnArn, "--log-group-arn", logGroup},
		"alias for observer":          {"observer", "--function-arn", fnArn, "--alias", "live"},
		"alias-arn for invoker":       {"invoker", "--function-arn", fnArn, "--alias-arn", fnArn + ":live"},
		"alias and alias-arn":         {"starter", "--function-arn", fnArn, "--alias", "live", "--alias-arn", fnArn + ":live"},
	} {
		t.Run(name, func(t *testing.T) {
			r := cli(t, append([]string{"policy"}, args...)...).want(t, 2)
			r.oneLineErrors(t)
			if r.stdout != "" {
				t.Errorf("stdout: %s", r.stdout)
			}
		})
	}
	r := cli(t, "policy", "admin", "--function-arn", fnArn)
	if !strings.Contains(r.stderr, `unknown role "admin": use one of callback-sender, starter, observer, operator, invoker, execution`) {
		t.Errorf("stderr: %s", r.stderr)
	}
}

// TestPolicyKMSKey: with --kms-key-arn, the roles that read or write
// payloads get the key's use as policies.KeyUse gives it; a starter and an
// invoker need nothing on it (a usage error), and an alias ARN is refused.
func TestPolicyKMSKey(t *testing.T) {
	const key = "arn:aws:kms:us-east-1:123456789012:key/0f0e0d0c-1111-2222-3333-444455556666"
	for role, want := range map[string][]string{
		"callback-sender": {"kms:GenerateDataKey"},
		"observer":        {"kms:Decrypt"},
		"operator":        {"kms:Decrypt", "kms:GenerateDataKey"},
	} {
		r := cli(t, "policy", role, "--function-arn", fnArn, "--kms-key-arn", key).want(t, 0)
		var doc policies.Document
		if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
			t.Fatal(err)
		}
		last := doc.Statement[len(doc.Statement)-1]
		if strings.Join(last.Actions, ",") != strings.Join(want, ",") || len(last.Resources) != 1 || last.Resources[0] != key {
			t.Errorf("%s: last statement %+v, want %v on the key", role, last, want)
		}
	}
	r := cli(t, "policy", "execution", "--function-arn", fnArn, "--log-group-arn",
		"arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/orders", "--kms-key-arn", key).want(t, 0)
	if !strings.Contains(r.stdout, `"kms:Decrypt"`) || !strings.Contains(r.stdout, `"kms:GenerateDataKey"`) {
		t.Errorf("execution without the key's use:\n%s", r.stdout)
	}
	for _, role := range []string{"starter", "invoker"} {
		r := cli(t, "policy", role, "--function-arn", fnArn, "--kms-key-arn", key).want(t, 2)
		if !strings.Contains(r.stderr, "needs nothing on the function's key") {
			t.Errorf("%s: %s", role, r.stderr)
		}
	}
	r = cli(t, "policy", "observer", "--function-arn", fnArn, "--kms-key-arn", "arn:aws:kms:us-east-1:123456789012:alias/payloads").want(t, 1)
	if !strings.Contains(r.stderr, "is not a KMS key ARN") {
		t.Errorf("alias ARN: %s", r.stderr)
	}
}
