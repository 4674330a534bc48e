package templatecmp_test

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/durablefn/durablefn/internal/realtools"
	"github.com/durablefn/durablefn/internal/templatecmp"
)

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// mutation is a change of one template of the pair, as a text replacement.
type mutation struct {
	old, new string
}

func apply(t *testing.T, src []byte, ms []mutation) []byte {
	t.Helper()
	s := string(src)
	for _, m := range ms {
		if strings.Count(s, m.old) != 1 {
			t.Fatalf("mutation: %q occurs %d times, want once", m.old, strings.Count(s, m.old))
		}
		s = strings.Replace(s, m.old, m.new, 1)
	}
	return []byte(s)
}

// samMutations change the SAM side; they are translated in the same batch as
// the unchanged template, so the translator starts once for the whole file.
var samMutations = map[string][]mutation{
	"sam: timeout changed": {{"ExecutionTimeout: 86400", "ExecutionTimeout: 7200"}},
	"sam: extra inline policy statement": {{
		"              Resource: !GetAtt Notifications.Arn\n",
		"              Resource: !GetAtt Notifications.Arn\n            - Effect: Allow\n              Action: sqs:ReceiveMessage\n              Resource: !GetAtt Notifications.Arn\n"}},
	"sam: no alias": {{"      AutoPublishAlias: live\n", ""}, {"            Resource: !Ref OrdersAliaslive", "            Resource: !GetAtt Orders.Arn"}, {"    Value: !Ref OrdersAliaslive", "    Value: !Ref Orders"}},
}

var (
	translateOnce sync.Once
	translated    map[string][]byte
)

// translatedPair translates durable.sam.yaml and its SAM-side mutations with
// the real translator, once per test binary.
func translatedPair(t *testing.T) map[string][]byte {
	t.Helper()
	realtools.Require(t, realtools.SAMTranslator)
	sam := readTestdata(t, "durable.sam.yaml")
	translateOnce.Do(func() {
		batch := map[string][]byte{"base": sam}
		for name, ms := range samMutations {
			batch[name] = apply(t, sam, ms)
		}
		translated = realtools.SAMTranslateMany(t, batch)
	})
	if translated == nil {
		t.Fatal("translation failed in an earlier test")
	}
	return translated
}

func samOpts() templatecmp.Options {
	return templatecmp.Options{Rules: templatecmp.SAMRules(), WantName: "cfn", GotName: "sam"}
}

func TestTranslatedSAMEqualsHandWrittenCFN(t *testing.T) {
	cfn := templatecmp.MustParse(t, readTestdata(t, "durable.cfn.yaml"))
	sam := templatecmp.MustParse(t, translatedPair(t)["base"])
	templatecmp.AssertEquivalent(t, cfn, sam, samOpts())
}

func TestParityCatchesRealDifferences(t *testing.T) {
	sam := templatecmp.MustParse(t, translatedPair(t)["base"])
	cfnSrc := readTestdata(t, "durable.cfn.yaml")
	tests := []struct {
		name string
		cfn  []mutation
		want []string // substrings that must all appear in the differences
	}{
		{
			name: "missing grant statement",
			cfn:  []mutation{{"                Action: lambda:SendDurableExecutionCallbackFailure\n", "                Action: lambda:SendDurableExecutionCallbackSuccess\n"}},
			want: []string{"IAM permissions of role:ApproverRole: only in sam: Allow lambda:SendDurableExecutionCallbackFailure on {\"Fn::Sub\":\"${Orders.Arn}:*\"}"},
		},
		{
			name: "changed ExecutionTimeout",
			cfn:  []mutation{{"ExecutionTimeout: 86400", "ExecutionTimeout: 86401"}},
			want: []string{"Orders (AWS::Lambda::Function): Properties.DurableConfig.ExecutionTimeout: cfn 86401, sam 86400"},
		},
		{
			name: "changed RetentionPeriodInDays",
			cfn:  []mutation{{"RetentionPeriodInDays: 14", "RetentionPeriodInDays: 90"}},
			want: []string{"Properties.DurableConfig.RetentionPeriodInDays: cfn 90, sam 14"},
		},
		{
			name: "extra policy",
			cfn:  []mutation{{"  OrdersVersion0123456789:\n", "  Extra:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyName: extra\n      Roles: [!Ref OrdersRole]\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: s3:GetObject\n            Resource: '*'\n  OrdersVersion0123456789:\n"}},
			want: []string{"IAM permissions of role:OrdersRole: only in cfn: Allow s3:GetObject on *"},
		},
		{
			name: "extra managed policy ARN",
			cfn:  []mutation{{"/AWSLambdaBasicDurableExecutionRolePolicy\n", "/AWSLambdaBasicDurableExecutionRolePolicy\n        - arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess\n"}},
			want: []string{"OrdersRole (AWS::IAM::Role): Properties.ManagedPolicyArns: only in cfn: {\"Fn::Sub\":\"arn:${AWS::Partition}:iam::aws:policy/AWSXrayWriteOnlyAccess\"}"},
		},
		{
			name: "basic execution role instead of the durable managed policy",
			cfn:  []mutation{{"service-role/AWSLambdaBasicDurableExecutionRolePolicy", "service-role/AWSLambdaBasicExecutionRole"}},
			want: []string{`OrdersRole (AWS::IAM::Role): Properties.ManagedPolicyArns[0].Fn::Sub: cfn "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", sam "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy"`},
		},
		{
			name: "version without DeletionPolicy Retain",
			cfn:  []mutation{{"    DeletionPolicy: Retain\n", ""}},
			want: []string{"OrdersVersion (AWS::Lambda::Version): DeletionPolicy: only in sam: \"Retain\""},
		},
		{
			name: "alias pointing at another version",
			cfn:  []mutation{{"FunctionVersion: !GetAtt OrdersVersion0123456789.Version", "FunctionVersion: \"1\""}},
			want: []string{"OrdersAliaslive (AWS::Lambda::Alias): Properties.FunctionVersion: cfn \"1\", sam {\"Fn::GetAtt\":[\"OrdersVersion\",\"Version\"]}"},
		},
		{
			name: "alias pointing at $LATEST",
			cfn:  []mutation{{"FunctionVersion: !GetAtt OrdersVersion0123456789.Version", "FunctionVersion: $LATEST"}},
			want: []string{"Properties.FunctionVersion: cfn \"$LATEST\""},
		},
		{
			name: "alias renamed",
			cfn:  []mutation{{"      Name: live\n", "      Name: prod\n"}},
			want: []string{"OrdersAliaslive (AWS::Lambda::Alias): Properties.Name: cfn \"prod\", sam \"live\""},
		},
		{
			name: "callback grant on the bare ARN instead of ${Arn}:*",
			cfn:  []mutation{{"                Resource: !Sub ${Orders.Arn}:*\n              - Effect: Allow\n                Action: lambda:SendDurableExecutionCallbackFailure", "                Resource: !Sub ${Orders.Arn}\n              - Effect: Allow\n                Action: lambda:SendDurableExecutionCallbackFailure"}},
			want: []string{
				`IAM permissions of role:ApproverRole: only in cfn: Allow lambda:SendDurableExecutionCallbackSuccess on {"Fn::GetAtt":["Orders","Arn"]}`,
				`IAM permissions of role:ApproverRole: only in sam: Allow lambda:SendDurableExecutionCallbackSuccess on {"Fn::Sub":"${Orders.Arn}:*"}`,
			},
		},
		{
			name: "start grant on the function instead of the alias",
			cfn:  []mutation{{"                Resource: !Ref OrdersAliaslive\n", "                Resource: !GetAtt Orders.Arn\n"}},
			want: []string{`only in cfn: Allow lambda:InvokeFunction on {"Fn::GetAtt":["Orders","Arn"]}`},
		},
		{
			name: "grant moved to another role",
			cfn:  []mutation{{"      Roles: [!Ref OrdersRole]", "      Roles: [!Ref ApproverRole]"}},
			want: []string{
				`IAM permissions of role:ApproverRole: only in cfn: Allow sqs:SendMessage on {"Fn::GetAtt":["Notifications","Arn"]}`,
				`IAM permissions of role:OrdersRole: only in sam: Allow sqs:SendMessage on {"Fn::GetAtt":["Notifications","Arn"]}`,
			},
		},
		{
			name: "Deny instead of Allow",
			cfn:  []mutation{{"          - Effect: Allow\n            Action: [sqs:SendMessage]", "          - Effect: Deny\n            Action: [sqs:SendMessage]"}},
			want: []string{"only in cfn: Deny sqs:SendMessage"},
		},
		{
			name: "condition added to a grant",
			cfn:  []mutation{{"            Resource: [!GetAtt Notifications.Arn]\n", "            Resource: [!GetAtt Notifications.Arn]\n            Condition: {Bool: {aws:SecureTransport: true}}\n"}},
			want: []string{`when {"Bool":{"aws:SecureTransport":[true]}}`},
		},
		{
			name: "log format changed",
			cfn:  []mutation{{"        LogFormat: JSON\n", "        LogFormat: Text\n"}},
			want: []string{"Orders (AWS::Lambda::Function): Properties.LoggingConfig.LogFormat: cfn \"Text\", sam \"JSON\""},
		},
		{
			name: "other code directory",
			cfn:  []mutation{{"      Code: ./handlers/order\n", "      Code: ./handlers/orders\n"}},
			want: []string{"Properties.Code: cfn \"handlers/orders\", sam \"handlers/order\""},
		},
		{
			name: "managed policy in another partition",
			cfn:  []mutation{{"- !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/", "- arn:aws-cn:iam::aws:policy/service-role/"}},
			want: []string{`Properties.ManagedPolicyArns[0]: cfn "arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy", sam {"Fn::Sub":"arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy"}`},
		},
		{
			name: "function tagged",
			cfn:  []mutation{{"      Timeout: 900\n", "      Timeout: 900\n      Tags: [{Key: team, Value: orders}]\n"}},
			want: []string{"Orders (AWS::Lambda::Function): Properties.Tags: only in cfn"},
		},
		{
			name: "log group missing",
			cfn:  []mutation{{"  OrdersLogGroup:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: 30\n", ""}},
			want: []string{"OrdersLogGroup (AWS::Logs::LogGroup): only in sam"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfn := templatecmp.MustParse(t, apply(t, cfnSrc, tc.cfn))
			diffs := templatecmp.Diff(cfn, sam, samOpts())
			if len(diffs) == 0 {
				t.Fatal("no difference found")
			}
			all := strings.Join(diffs, "\n")
			for _, w := range tc.want {
				if !strings.Contains(all, w) {
					t.Errorf("differences do not mention %q; got:\n%s", w, all)
				}
			}
		})
	}
}

func TestParityCatchesSAMSideDifferences(t *testing.T) {
	pair := translatedPair(t)
	cfn := templatecmp.MustParse(t, readTestdata(t, "durable.cfn.yaml"))
	want := map[string]string{
		"sam: timeout changed":               "Properties.DurableConfig.ExecutionTimeout: cfn 86400, sam 7200",
		"sam: extra inline policy statement": `IAM permissions of role:OrdersRole: only in sam: Allow sqs:ReceiveMessage on {"Fn::GetAtt":["Notifications","Arn"]}`,
		"sam: no alias":                      "OrdersAliaslive (AWS::Lambda::Alias): only in cfn",
	}
	for name := range samMutations {
		t.Run(name, func(t *testing.T) {
			diffs := templatecmp.Diff(cfn, templatecmp.MustParse(t, pair[name]), samOpts())
			all := strings.Join(diffs, "\n")
			if !strings.Contains(all, want[name]) {
				t.Errorf("differences do not mention %q; got:\n%s", want[name], all)
			}
		})
	}
}
