package templatecmp_test

import (
	"strings"
	"testing"

	"github.com/durablefn/durablefn/internal/templatecmp"
)

func TestParseShortAndLongFormsAreEqual(t *testing.T) {
	short := `
Resources:
  F:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt Role.Arn
      A: !Ref X
      B: !Sub "${X}-y"
      C: !Sub ["${A}-y", {A: !Ref X}]
      D: !Join ["", [a, !Ref X]]
      E: !If [Cond, !Select [0, !GetAZs ""], !Ref AWS::NoValue]
      G: !Equals [!Ref X, "1"]
      H: !Base64 text
      I: !GetAtt Stack.Outputs.Name
      Version: 2012-10-17
      N: 1.0`
	long := `{"Resources": {"F": {"Type": "AWS::Lambda::Function", "Properties": {
	  "Role": {"Fn::GetAtt": ["Role", "Arn"]},
	  "A": {"Ref": "X"},
	  "B": {"Fn::Sub": "${X}-y"},
	  "C": {"Fn::Sub": ["${A}-y", {"A": {"Ref": "X"}}]},
	  "D": {"Fn::Join": ["", ["a", {"Ref": "X"}]]},
	  "E": {"Fn::If": ["Cond", {"Fn::Select": [0, {"Fn::GetAZs": ""}]}, {"Ref": "AWS::NoValue"}]},
	  "G": {"Fn::Equals": [{"Ref": "X"}, "1"]},
	  "H": {"Fn::Base64": "text"},
	  "I": {"Fn::GetAtt": ["Stack", "Outputs.Name"]},
	  "Version": "2012-10-17",
	  "N": 1}}}}`
	a := templatecmp.MustParse(t, []byte(short))
	b := templatecmp.MustParse(t, []byte(long))
	templatecmp.AssertEquivalent(t, a, b, templatecmp.Options{WantName: "yaml", GotName: "json"})
	if typ := a.ResourceType("F"); typ != "AWS::Lambda::Function" {
		t.Errorf("ResourceType(F) = %q", typ)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"duplicate key", "Resources:\n  A: {Type: X}\n  A: {Type: Y}\n", `line 3: Resources: duplicate key "A"`},
		{"unknown tag", "Resources:\n  A: !Reff X\n", "line 2: Resources.A: unknown tag !Reff"},
		{"GetAtt without attribute", "Outputs: {A: {Value: !GetAtt Role}}", `!GetAtt "Role" is not of the form Resource.Attribute`},
		{"not a mapping", "- a\n- b\n", "top level is a list"},
		{"empty", "", "empty document"},
		{"invalid YAML", "Resources: [\n", "parsing template"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := templatecmp.Parse([]byte(tc.src))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestFromValueAndJSONRoundTrip(t *testing.T) {
	tpl := templatecmp.MustParse(t, []byte("Resources:\n  Q: {Type: AWS::SQS::Queue, Properties: {DelaySeconds: 5}}\n"))
	data, err := tpl.JSON()
	if err != nil {
		t.Fatal(err)
	}
	again := templatecmp.MustParse(t, data)
	templatecmp.AssertEquivalent(t, tpl, again, templatecmp.Options{})

	v := tpl.Value()
	v["Resources"].(map[string]any)["Q"].(map[string]any)["Properties"].(map[string]any)["DelaySeconds"] = 6
	changed, err := templatecmp.FromValue(v)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Q (AWS::SQS::Queue): Properties.DelaySeconds: want 5, got 6"}
	if d := templatecmp.Diff(tpl, changed, templatecmp.Options{}); strings.Join(d, "\n") != strings.Join(want, "\n") {
		t.Errorf("Diff = %q, want %q", d, want)
	}
}

func TestDiffMessages(t *testing.T) {
	a := templatecmp.MustParse(t, []byte(`
Description: a
Resources:
  Gone: {Type: AWS::SQS::Queue}
  Same: {Type: AWS::SQS::Queue}
  Typed: {Type: AWS::SNS::Topic}
  F:
    Type: AWS::Lambda::Function
    Properties:
      Layers: [a, b]
      Environment: {Variables: {"weird key": "1"}}
      Role: !GetAtt R.Arn`))
	b := templatecmp.MustParse(t, []byte(`
Resources:
  New: {Type: AWS::SQS::Queue}
  Same: {Type: AWS::SQS::Queue}
  Typed: {Type: AWS::SQS::Queue}
  F:
    Type: AWS::Lambda::Function
    Properties:
      Layers: [a, c, d]
      Environment: {Variables: {"weird key": "2"}}
      Role: !Sub "${R.Arn}"`))
	got := templatecmp.Diff(a, b, templatecmp.Options{})
	want := []string{
		`Description: only in want: "a"`,
		`F (AWS::Lambda::Function): Properties.Environment.Variables["weird key"]: want "1", got "2"`,
		`F (AWS::Lambda::Function): Properties.Layers: only in want: "b"`,
		`F (AWS::Lambda::Function): Properties.Layers: only in got: "c"`,
		`F (AWS::Lambda::Function): Properties.Layers: only in got: "d"`,
		`F (AWS::Lambda::Function): Properties.Role: want {"Fn::GetAtt":["R","Arn"]}, got {"Fn::Sub":"${R.Arn}"}`,
		`Gone (AWS::SQS::Queue): only in want`,
		`New (AWS::SQS::Queue): only in got`,
		`Typed: Type: want "AWS::SNS::Topic", got "AWS::SQS::Queue"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Diff:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The same pair under StringForms: the Role is the same.
	for _, d := range templatecmp.Diff(a, b, templatecmp.Options{Rules: []templatecmp.Rule{templatecmp.StringForms}}) {
		if strings.Contains(d, "Role") {
			t.Errorf("StringForms left %s", d)
		}
	}
}

func TestNormalizeDoesNotModifyItsInput(t *testing.T) {
	src := []byte("Resources:\n  FnVersion0123456789: {Type: AWS::Lambda::Version, DependsOn: X}\n")
	tpl := templatecmp.MustParse(t, src)
	_ = templatecmp.Normalize(tpl, templatecmp.SAMRules()...)
	templatecmp.AssertEquivalent(t, templatecmp.MustParse(t, src), tpl, templatecmp.Options{})
}
