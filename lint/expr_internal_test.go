package lint

import (
	"testing"

	"gopkg.in/yaml.v3"
)

func node(t *testing.T, s string) *yaml.Node {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte("v: "+s), &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Content[0].Content[1]
}

// TestEval: every way of writing a string-valued intrinsic reads as the
// same expression.
func TestEval(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`plain`, `plain`},
		{`!Ref Fn`, `${Fn}`},
		{`{Ref: Fn}`, `${Fn}`},
		{`!Ref AWS::Region`, `${AWS::Region}`},
		{`!Ref Fn.Alias`, `${Fn.Alias}`},
		{`!GetAtt Fn.Arn`, `${Fn.Arn}`},
		{`!GetAtt [Fn, Arn]`, `${Fn.Arn}`},
		{`{"Fn::GetAtt": [Fn, Arn]}`, `${Fn.Arn}`},
		{`!GetAtt Db.Endpoint.Address`, `${Db.Endpoint.Address}`},
		{`!GetAtt NoDot`, `${…}`},
		{`!Sub "${Fn.Arn}:*"`, `${Fn.Arn}:*`},
		{`!Sub "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn}"`, `arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn}`},
		{`!Sub ["${Target}:*", {Target: !GetAtt Fn.Arn}]`, `${Fn.Arn}:*`},
		{`!Sub "${!Literal}-${Fn}"`, `${Literal}-${Fn}`},
		{`!Sub "unclosed ${Fn"`, `unclosed ${Fn`},
		{`{"Fn::Join": ["", ["arn:", {Ref: AWS::Partition}, ":iam::aws:policy/x"]]}`, `arn:${AWS::Partition}:iam::aws:policy/x`},
		{`!Join [":", [!GetAtt Fn.Arn, live]]`, `${Fn.Arn}:live`},
		{`!Join ["", !Split [",", "a,b"]]`, `${…}`},
		{`{"Fn::Join": ["", [{"Fn::Select": [6, {"Fn::Split": [":", {Ref: Live}]}]}, ":live"]]}`, `${Select6(Live)}:live`},
		{`!Select [6, !Split [":", !GetAtt Fn.Arn]]`, `${Select6(Fn)}`},
		{`!Select ["6", !Split [":", !Ref Live]]`, `${Select6(Live)}`},
		{`!Select [5, !Split [":", !Ref Live]]`, `${…}`},
		{`!Select [6, !Split ["/", !Ref Live]]`, `${…}`},
		{`!Select [1, !Split [":", "a:b:c"]]`, `b`},
		{`!Select [9, !Split [":", "a:b:c"]]`, `${…}`},
		{`!Select [6, !Split [":", !Sub "${Fn.Arn}:live"]]`, `${…}`},
		{`!Select [6, !GetAZs ""]`, `${…}`},
		{`!If [Cond, a, b]`, `${…}`},
		{`!ImportValue shared-arn`, `${…}`},
		{`[a, b]`, `${…}`},
		{`~`, `${…}`},
	} {
		if got := eval(node(t, c.in)).String(); got != c.want {
			t.Errorf("eval(%s) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestReadQualifier(t *testing.T) {
	lit := expr{{kind: refPart, name: "X"}}
	for _, c := range []struct {
		first    string
		rest     expr
		q        qualifier
		text     string
		tail     string
		executes bool // coversExecutions
	}{
		{"", nil, qualNone, "", "", false},
		{"", lit, qualOther, "", "", true},
		{"/invocations", nil, qualNone, "", "/invocations", false},
		{":*", nil, qualAll, "*", "", true},
		{"*", nil, qualAll, "", "", true},
		{":$LATEST", nil, qualLatest, "$LATEST", "", false},
		{":$LATEST/durable-execution/*", nil, qualLatest, "$LATEST", "/durable-execution/*", true},
		{":12", nil, qualVersion, "12", "", false},
		{":live", nil, qualAlias, "live", "", false},
		{":live/invocations", nil, qualAlias, "live", "/invocations", false},
		{":", lit, qualOther, "", "", true},
	} {
		q, text, tail := readQualifier(c.first, c.rest)
		if q != c.q || text != c.text || tail != c.tail {
			t.Errorf("readQualifier(%q) = %v %q %q, want %v %q %q", c.first, q, text, tail, c.q, c.text, c.tail)
		}
		if got := (fnRef{qual: q, qualText: text, tail: tail}).coversExecutions(); got != c.executes {
			t.Errorf("%q covers executions: %v, want %v", c.first, got, c.executes)
		}
	}
}

func TestMatchAction(t *testing.T) {
	for _, c := range []struct {
		pattern, action string
		want            bool
	}{
		{"lambda:CheckpointDurableExecution", "lambda:CheckpointDurableExecution", true},
		{"LAMBDA:checkpointdurableexecution", "lambda:CheckpointDurableExecution", true},
		{"lambda:*", "lambda:GetDurableExecutionState", true},
		{"*", "lambda:InvokeFunction", true},
		{"lambda:*Durable*", "lambda:StopDurableExecution", true},
		{"lambda:GetDurableExecution*", "lambda:GetDurableExecutionHistory", true},
		{"lambda:GetDurableExecution*", "lambda:ListDurableExecutionsByFunction", false},
		{"lambda:Get?urableExecution", "lambda:GetDurableExecution", true},
		{"lambda:CheckpointDurableExecutions", "lambda:CheckpointDurableExecution", false},
		{"s3:*", "lambda:InvokeFunction", false},
		{"lambda:Invoke", "lambda:InvokeFunction", false},
	} {
		if got := matchAction(c.pattern, c.action); got != c.want {
			t.Errorf("matchAction(%q, %q) = %v, want %v", c.pattern, c.action, got, c.want)
		}
	}
}

func TestIsManagedPolicy(t *testing.T) {
	const name = "service-role/AWSLambdaBasicDurableExecutionRolePolicy"
	for _, c := range []struct {
		in   string
		bare bool
		want bool
	}{
		{`!Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy`, false, true},
		{`arn:aws:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy`, false, true},
		{`arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy`, false, true},
		{`{"Fn::Join": ["", ["arn:", {Ref: AWS::Partition}, ":iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy"]]}`, false, true},
		{`AWSLambdaBasicDurableExecutionRolePolicy`, true, true},
		{`AWSLambdaBasicDurableExecutionRolePolicy`, false, false},
		{`arn:aws:iam::aws:policy/AWSLambdaBasicDurableExecutionRolePolicy`, false, false},
		{`arn:aws:iam::123456789012:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy`, false, false},
		{`arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`, false, false},
	} {
		mr := managedRef{e: eval(node(t, c.in)), bare: c.bare}
		if got := isManagedPolicy(mr, name); got != c.want {
			t.Errorf("isManagedPolicy(%s, bare %v) = %v, want %v", c.in, c.bare, got, c.want)
		}
	}
}
