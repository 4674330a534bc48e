package templatecmp_test

import (
	"strings"
	"testing"

	"github.com/durablefn/durablefn/internal/templatecmp"
)

// Each rule: a template before and after the rule alone. After is compared
// exactly (no other rule applied to either side).
func TestRuleRewrites(t *testing.T) {
	tests := []struct {
		name   string
		rule   templatecmp.Rule
		before string
		after  string
	}{
		{
			name: "StringForms: CDK's Join over the partition becomes a Sub",
			rule: templatecmp.StringForms,
			before: `
Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      ManagedPolicyArns:
        - Fn::Join: ["", ["arn:", {Ref: AWS::Partition}, ":iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy"]]`,
			after: `
Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      ManagedPolicyArns:
        - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy`,
		},
		{
			name: "StringForms: Join of a GetAtt and a suffix, with a delimiter",
			rule: templatecmp.StringForms,
			before: `
Outputs:
  A: {Value: {"Fn::Join": [":", [{"Fn::GetAtt": [Fn, Arn]}, "*"]]}}
  B: {Value: {"Fn::Join": ["", ["${literal}", {Ref: X}]]}}`,
			after: `
Outputs:
  A: {Value: !Sub "${Fn.Arn}:*"}
  B: {Value: !Sub "${!literal}${X}"}`,
		},
		{
			name: "SubVariables: Ref, GetAtt and literal variables are inlined, others stay",
			rule: templatecmp.SubVariables,
			before: `
Outputs:
  A: {Value: {"Fn::Sub": ["${FnArn} in ${Stage} by ${Who}, ${!FnArn}", {FnArn: {"Fn::GetAtt": [Fn, Arn]}, Stage: {Ref: Env}, Who: me}]}}
  B: {Value: {"Fn::Sub": ["${Zone}", {Zone: {"Fn::Select": [0, {"Fn::GetAZs": ""}]}}]}}`,
			after: `
Outputs:
  A: {Value: {"Fn::Sub": ["${Fn.Arn} in ${Env} by me, ${!FnArn}", {}]}}
  B: {Value: {"Fn::Sub": ["${Zone}", {Zone: {"Fn::Select": [0, {"Fn::GetAZs": ""}]}}]}}`,
		},
		{
			name: "StringForms: variable-free Sub is a string, single-variable Sub a Ref or GetAtt",
			rule: templatecmp.StringForms,
			before: `
Outputs:
  A: {Value: !Sub "plain"}
  B: {Value: !Sub "${X}"}
  C: {Value: !Sub "${X.Arn}"}
  D: {Value: {"Fn::Sub": ["${!Escaped}", {}]}}
  E: {Value: {"Fn::GetAtt": "X.Arn"}}`,
			after: `
Outputs:
  A: {Value: plain}
  B: {Value: !Ref X}
  C: {Value: !GetAtt X.Arn}
  D: {Value: "${Escaped}"}
  E: {Value: !GetAtt X.Arn}`,
		},
		{
			name: "StringForms: a Join over a list that is not literal stays",
			rule: templatecmp.StringForms,
			before: `
Outputs:
  A: {Value: !Join [",", !Ref Subnets]}
  B: {Value: !Sub ["${A}-x", {A: !Ref B}]}`,
			after: `
Outputs:
  A: {Value: !Join [",", !Ref Subnets]}
  B: {Value: !Sub ["${A}-x", {A: !Ref B}]}`,
		},
		{
			name: "Partition: literal aws ARNs become partition-aware, other partitions stay",
			rule: templatecmp.Partition,
			before: `
Outputs:
  A: {Value: "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess"}
  B: {Value: !Sub "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:x"}
  C: {Value: "arn:aws-cn:iam::aws:policy/X"}
  D: {Value: "not an arn:aws:x"}
  E: {Value: "yarn:aws:x"}`,
			after: `
Outputs:
  A: {Value: !Sub "arn:${AWS::Partition}:iam::aws:policy/AWSXrayWriteOnlyAccess"}
  B: {Value: !Sub "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:x"}
  C: {Value: "arn:aws-cn:iam::aws:policy/X"}
  D: {Value: !Sub "not an arn:${AWS::Partition}:x"}
  E: {Value: "yarn:aws:x"}`,
		},
		{
			name: "LocalCode: a local path and the packaged placeholder become the clean path",
			rule: templatecmp.LocalCode,
			before: `
Resources:
  A: {Type: AWS::Lambda::Function, Properties: {Code: ./handlers/order}}
  B: {Type: AWS::Lambda::Function, Properties: {Code: {S3Bucket: durablefn-package, S3Key: handlers/order}}}
  C: {Type: AWS::Lambda::Function, Properties: {Code: {S3Bucket: real-bucket, S3Key: handlers/order}}}
  D: {Type: AWS::Lambda::LayerVersion, Properties: {Content: ./layers/common/}}
  E: {Type: AWS::Lambda::Function, Properties: {Code: {ZipFile: "exports.handler = 1"}}}`,
			after: `
Resources:
  A: {Type: AWS::Lambda::Function, Properties: {Code: handlers/order}}
  B: {Type: AWS::Lambda::Function, Properties: {Code: handlers/order}}
  C: {Type: AWS::Lambda::Function, Properties: {Code: {S3Bucket: real-bucket, S3Key: handlers/order}}}
  D: {Type: AWS::Lambda::LayerVersion, Properties: {Content: layers/common}}
  E: {Type: AWS::Lambda::Function, Properties: {Code: {ZipFile: "exports.handler = 1"}}}`,
		},
		{
			name: "PolicyDocuments: scalars become sorted sets, Sid goes, statements are sorted",
			rule: templatecmp.PolicyDocuments,
			before: `
Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          Sid: Trust
          Effect: Allow
          Principal: {Service: lambda.amazonaws.com}
          Action: sts:AssumeRole
  Q:
    Type: AWS::SQS::QueuePolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: [sqs:SendMessage, sqs:GetQueueUrl, sqs:SendMessage]
            Resource: !GetAtt Q.Arn
            Condition: {ArnEquals: {aws:SourceArn: !Ref Topic}}
          - Effect: Allow
            Action: sqs:ReceiveMessage
            Resource: !Ref QueueArns`,
			after: `
Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: [lambda.amazonaws.com]}
            Action: [sts:AssumeRole]
  Q:
    Type: AWS::SQS::QueuePolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: [sqs:GetQueueUrl, sqs:SendMessage]
            Resource: [!GetAtt Q.Arn]
            Condition: {ArnEquals: {aws:SourceArn: [!Ref Topic]}}
          - Effect: Allow
            Action: [sqs:ReceiveMessage]
            Resource: [!Ref QueueArns]`,
		},
		{
			name: "SharedPolicyNames: names on roles the template does not create are kept, per role",
			rule: templatecmp.SharedPolicyNames,
			before: `
Parameters:
  TeamRole: {Type: String}
Resources:
  Role:
    Type: AWS::IAM::Role
  Own:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: own
      Roles: [!Ref Role]
      PolicyDocument: {Statement: [{Effect: Allow, Action: a:X, Resource: "*"}]}
  Grant:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: !Join ["-", [Grant, !Select [2, !Split [/, !Ref AWS::StackId]]]]
      Roles: [!Ref Role, existing-role, !Ref TeamRole]
      PolicyDocument: {Statement: [{Effect: Allow, Action: a:Y, Resource: "*"}]}
  Other:
    Type: AWS::IAM::RolePolicy
    Properties:
      PolicyName: other
      RoleName: existing-role
      PolicyDocument: {Statement: [{Effect: Allow, Action: a:Z, Resource: "*"}]}`,
			after: `
Parameters:
  TeamRole: {Type: String}
Resources:
  Role:
    Type: AWS::IAM::Role
  Own:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: own
      Roles: [!Ref Role]
      PolicyDocument: {Statement: [{Effect: Allow, Action: a:X, Resource: "*"}]}
  Grant:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: !Join ["-", [Grant, !Select [2, !Split [/, !Ref AWS::StackId]]]]
      Roles: [!Ref Role, existing-role, !Ref TeamRole]
      PolicyDocument: {Statement: [{Effect: Allow, Action: a:Y, Resource: "*"}]}
  Other:
    Type: AWS::IAM::RolePolicy
    Properties:
      PolicyName: other
      RoleName: existing-role
      PolicyDocument: {Statement: [{Effect: Allow, Action: a:Z, Resource: "*"}]}
IAMSharedPolicyNames:
  role:"existing-role":
    - '"other"'
    - '{"Fn::Join":["-",["Grant",{"Fn::Select":[2,{"Fn::Split":["/",{"Ref":"AWS::StackId"}]}]}]]}'
  role:{"Ref":"TeamRole"}:
    - '{"Fn::Join":["-",["Grant",{"Fn::Select":[2,{"Fn::Split":["/",{"Ref":"AWS::StackId"}]}]}]]}'`,
		},
		{
			name: "IAMPermissions: inline policies and attached policy resources fold per role",
			rule: templatecmp.IAMPermissions,
			before: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyName: one
          PolicyDocument:
            Statement: [{Effect: Allow, Action: [a:X, a:Y], Resource: [r1]}]
  Grant:
    Type: AWS::IAM::Policy
    Condition: IsProd
    Properties:
      PolicyName: two
      Roles: [!Ref Role, existing-role]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - {Effect: Deny, NotAction: [b:Z], Resource: [r2], Condition: {Bool: {aws:SecureTransport: [false]}}}
          - {Effect: Allow, Action: [s3:GetObject], Resource: [!Sub "arn:${AWS::Partition}:s3:::b/${!aws:username}/*"]}`,
			after: `
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties: {}
IAMPermissions:
  role:Role:
    - "Allow a:X on r1"
    - "Allow a:Y on r1"
    - 'Allow s3:GetObject on {"Fn::Sub":"arn:${AWS::Partition}:s3:::b/${!aws:username}/*"} (policy language 2012-10-17) if IsProd'
    - 'Deny not-action ["b:Z"] on r2 when {"Bool":{"aws:SecureTransport":[false]}} if IsProd'
  role:"existing-role":
    - 'Allow s3:GetObject on {"Fn::Sub":"arn:${AWS::Partition}:s3:::b/${!aws:username}/*"} (policy language 2012-10-17) if IsProd'
    - 'Deny not-action ["b:Z"] on r2 when {"Bool":{"aws:SecureTransport":[false]}} if IsProd'`,
		},
		{
			name: "ManagedPolicyArnOrder: sorted",
			rule: templatecmp.ManagedPolicyArnOrder,
			before: `
Resources:
  R: {Type: AWS::IAM::Role, Properties: {ManagedPolicyArns: [b, a, !Sub "arn:${AWS::Partition}:x"]}}`,
			after: `
Resources:
  R: {Type: AWS::IAM::Role, Properties: {ManagedPolicyArns: [a, b, !Sub "arn:${AWS::Partition}:x"]}}`,
		},
		{
			name: "TagOrder: sorted by key",
			rule: templatecmp.TagOrder,
			before: `
Resources:
  F: {Type: AWS::Lambda::Function, Properties: {Tags: [{Key: z, Value: "1"}, {Key: a, Value: "2"}]}}`,
			after: `
Resources:
  F: {Type: AWS::Lambda::Function, Properties: {Tags: [{Key: a, Value: "2"}, {Key: z, Value: "1"}]}}`,
		},
		{
			name: "SAMCreatedByTag: SAM's tag goes, other tags stay",
			rule: templatecmp.SAMCreatedByTag,
			before: `
Resources:
  F: {Type: AWS::Lambda::Function, Properties: {Tags: [{Key: lambda:createdBy, Value: SAM}, {Key: team, Value: x}]}}
  R: {Type: AWS::IAM::Role, Properties: {Tags: [{Key: lambda:createdBy, Value: SAM}]}}
  S: {Type: AWS::Lambda::Function, Properties: {Tags: [{Key: lambda:createdBy, Value: me}]}}`,
			after: `
Resources:
  F: {Type: AWS::Lambda::Function, Properties: {Tags: [{Key: team, Value: x}]}}
  R: {Type: AWS::IAM::Role, Properties: {}}
  S: {Type: AWS::Lambda::Function, Properties: {Tags: [{Key: lambda:createdBy, Value: me}]}}`,
		},
		{
			name: "SAMCreatedByTag: SAM's HTTP API tags go, other tags stay",
			rule: templatecmp.SAMCreatedByTag,
			before: `
Resources:
  Api: {Type: AWS::ApiGatewayV2::Api, Properties: {Body: {openapi: 3.0.1, tags: [{name: httpapi:createdBy, x-amazon-apigateway-tag-value: SAM}]}}}
  Kept: {Type: AWS::ApiGatewayV2::Api, Properties: {Body: {tags: [{name: httpapi:createdBy, x-amazon-apigateway-tag-value: SAM}, {name: team, x-amazon-apigateway-tag-value: x}]}}}
  Stage: {Type: AWS::ApiGatewayV2::Stage, Properties: {Tags: {httpapi:createdBy: SAM}}}
  Mine: {Type: AWS::ApiGatewayV2::Stage, Properties: {Tags: {httpapi:createdBy: me}}}`,
			after: `
Resources:
  Api: {Type: AWS::ApiGatewayV2::Api, Properties: {Body: {openapi: 3.0.1}}}
  Kept: {Type: AWS::ApiGatewayV2::Api, Properties: {Body: {tags: [{name: team, x-amazon-apigateway-tag-value: x}]}}}
  Stage: {Type: AWS::ApiGatewayV2::Stage, Properties: {}}
  Mine: {Type: AWS::ApiGatewayV2::Stage, Properties: {Tags: {httpapi:createdBy: me}}}`,
		},
		{
			name: "VersionLogicalIDs: the hash goes, in every reference too",
			rule: templatecmp.VersionLogicalIDs,
			before: `
Resources:
  FnVersion0a1b2c3d4e: {Type: AWS::Lambda::Version, DeletionPolicy: Retain, Properties: {FunctionName: !Ref Fn}}
  FnAliaslive:
    Type: AWS::Lambda::Alias
    DependsOn: FnVersion0a1b2c3d4e
    Properties: {FunctionVersion: !GetAtt FnVersion0a1b2c3d4e.Version}
  Other: {Type: AWS::Lambda::Version, Properties: {FunctionName: !Ref Fn}}
  ShortVersion0a1b2: {Type: AWS::Lambda::Version, Properties: {FunctionName: !Ref Fn}}
Outputs:
  V: {Value: !Ref FnVersion0a1b2c3d4e}
  S: {Value: !Sub "${FnVersion0a1b2c3d4e.Version} ${FnVersion0a1b2c3d4e}"}`,
			after: `
Resources:
  FnVersion: {Type: AWS::Lambda::Version, DeletionPolicy: Retain, Properties: {FunctionName: !Ref Fn}}
  FnAliaslive:
    Type: AWS::Lambda::Alias
    DependsOn: FnVersion
    Properties: {FunctionVersion: !GetAtt FnVersion.Version}
  Other: {Type: AWS::Lambda::Version, Properties: {FunctionName: !Ref Fn}}
  ShortVersion0a1b2: {Type: AWS::Lambda::Version, Properties: {FunctionName: !Ref Fn}}
Outputs:
  V: {Value: !Ref FnVersion}
  S: {Value: !Sub "${FnVersion.Version} ${FnVersion}"}`,
		},
		{
			name: "VersionLogicalIDs: no rename onto a taken id",
			rule: templatecmp.VersionLogicalIDs,
			before: `
Resources:
  FnVersion: {Type: AWS::Lambda::Version}
  FnVersion0a1b2c3d4e: {Type: AWS::Lambda::Version}`,
			after: `
Resources:
  FnVersion: {Type: AWS::Lambda::Version}
  FnVersion0a1b2c3d4e: {Type: AWS::Lambda::Version}`,
		},
		{
			name: "DependsOnIgnored: DependsOn goes",
			rule: templatecmp.DependsOnIgnored,
			before: `
Resources:
  F: {Type: AWS::Lambda::Function, DependsOn: [RolePolicy, Role]}`,
			after: `
Resources:
  F: {Type: AWS::Lambda::Function}`,
		},
		{
			name: "CDKBootstrapVersion: parameter and rule go",
			rule: templatecmp.CDKBootstrapVersion,
			before: `
Parameters:
  BootstrapVersion: {Type: "AWS::SSM::Parameter::Value<String>", Default: /cdk-bootstrap/hnb659fds/version}
Rules:
  CheckBootstrapVersion: {Assertions: []}
Resources: {}`,
			after: `
Resources: {}`,
		},
		{
			name: "CDKMetadata: CDK's metadata, resource and condition go, other metadata stays",
			rule: templatecmp.CDKMetadata,
			before: `
Conditions:
  CDKMetadataAvailable: !Equals [a, a]
  IsProd: !Equals [a, b]
Resources:
  CDKMetadata: {Type: AWS::CDK::Metadata, Condition: CDKMetadataAvailable}
  F: {Type: AWS::Lambda::Function, Metadata: {aws:cdk:path: Stack/F/Resource, aws:asset:path: /x}}
  I: {Type: AWS::EC2::Instance, Metadata: {aws:cdk:path: Stack/I/Resource, AWS::CloudFormation::Init: {}}}`,
			after: `
Conditions:
  IsProd: !Equals [a, b]
Resources:
  F: {Type: AWS::Lambda::Function}
  I: {Type: AWS::EC2::Instance, Metadata: {AWS::CloudFormation::Init: {}}}`,
		},
		{
			name: "CDKAssetCode: the asset becomes its local path",
			rule: templatecmp.CDKAssetCode("/src/app"),
			before: `
Resources:
  F:
    Type: AWS::Lambda::Function
    Metadata: {aws:asset:path: /src/app/handlers/order, aws:asset:property: Code}
    Properties:
      Code: {S3Bucket: !Sub "cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}", S3Key: abc.zip}`,
			after: `
Resources:
  F:
    Type: AWS::Lambda::Function
    Metadata: {aws:asset:path: /src/app/handlers/order, aws:asset:property: Code}
    Properties:
      Code: handlers/order`,
		},
		{
			name: "CDKLogicalIDs: the path hash goes only when it is the hash of the path, then renames apply",
			rule: templatecmp.CDKLogicalIDs(map[string]string{"OrdersServiceRole": "OrdersRole", "OrdersCurrentVersion": "OrdersVersion"}),
			before: `
Resources:
  OrdersA9B65338: {Type: AWS::Lambda::Function, Metadata: {aws:cdk:path: Orders/Orders/Resource}, Properties: {Role: !GetAtt OrdersServiceRoleF2087E22.Arn}}
  OrdersServiceRoleF2087E22: {Type: AWS::IAM::Role, Metadata: {aws:cdk:path: Orders/Orders/ServiceRole/Resource}}
  OrdersCurrentVersion7BCF01FDd311387bea18805fe130354b465cfac6: {Type: AWS::Lambda::Version, Metadata: {aws:cdk:path: Orders/Orders/CurrentVersion/Resource}, Properties: {FunctionName: !Ref OrdersA9B65338}}
  NotAHashABCDEF12: {Type: AWS::SQS::Queue, Metadata: {aws:cdk:path: Orders/NotAHash/Resource}}`,
			after: `
Resources:
  Orders: {Type: AWS::Lambda::Function, Metadata: {aws:cdk:path: Orders/Orders/Resource}, Properties: {Role: !GetAtt OrdersRole.Arn}}
  OrdersRole: {Type: AWS::IAM::Role, Metadata: {aws:cdk:path: Orders/Orders/ServiceRole/Resource}}
  OrdersVersion: {Type: AWS::Lambda::Version, Metadata: {aws:cdk:path: Orders/Orders/CurrentVersion/Resource}, Properties: {FunctionName: !Ref Orders}}
  NotAHashABCDEF12: {Type: AWS::SQS::Queue, Metadata: {aws:cdk:path: Orders/NotAHash/Resource}}`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := templatecmp.MustParse(t, []byte(tc.before))
			got := templatecmp.Normalize(before, tc.rule)
			want := templatecmp.MustParse(t, []byte(tc.after))
			templatecmp.AssertEquivalent(t, want, got, templatecmp.Options{WantName: "after", GotName: "normalized"})
			if d := templatecmp.Diff(before, templatecmp.Normalize(before), templatecmp.Options{}); len(d) != 0 {
				t.Errorf("Normalize without rules changed the template: %v", d)
			}
		})
	}
}

// Each rule keeps what it must not merge: two templates that differ in
// meaning still differ after the rule (and after the whole rule set).
func TestRulesKeepRealDifferences(t *testing.T) {
	tests := []struct {
		name  string
		rules []templatecmp.Rule
		a, b  string
		want  string // a substring of the differences
	}{
		{
			name:  "StringForms: another suffix",
			rules: []templatecmp.Rule{templatecmp.StringForms},
			a:     `Outputs: {A: {Value: {"Fn::Join": ["", [{"Fn::GetAtt": [F, Arn]}, ":*"]]}}}`,
			b:     `Outputs: {A: {Value: !GetAtt F.Arn}}`,
			want:  `Outputs.A.Value: want {"Fn::Sub":"${F.Arn}:*"}, got {"Fn::GetAtt":["F","Arn"]}`,
		},
		{
			name:  "StringForms: an escaped literal is not a variable",
			rules: []templatecmp.Rule{templatecmp.StringForms},
			a:     `Outputs: {A: {Value: !Sub "${!X}"}}`,
			b:     `Outputs: {A: {Value: !Ref X}}`,
			want:  `Outputs.A.Value: want "${X}", got {"Ref":"X"}`,
		},
		{
			name:  "SubVariables: a variable of another attribute",
			rules: templatecmp.CDKRules(templatecmp.CDKOptions{}),
			a:     `Outputs: {A: {Value: {"Fn::Sub": ["${V} x", {V: {"Fn::GetAtt": [Fn, Arn]}}]}}}`,
			b:     `Outputs: {A: {Value: !Sub "${Fn.Name} x"}}`,
			want:  `Outputs.A.Value.Fn::Sub: want "${Fn.Arn} x", got "${Fn.Name} x"`,
		},
		{
			name:  "Partition: aws-cn is not aws",
			rules: templatecmp.SAMRules(),
			a:     `Outputs: {A: {Value: "arn:aws-cn:s3:::b"}}`,
			b:     `Outputs: {A: {Value: !Sub "arn:${AWS::Partition}:s3:::b"}}`,
			want:  "Outputs.A.Value",
		},
		{
			name:  "LocalCode: a real bucket is not local code",
			rules: templatecmp.SAMRules(),
			a:     `Resources: {F: {Type: AWS::Lambda::Function, Properties: {Code: handlers/order}}}`,
			b:     `Resources: {F: {Type: AWS::Lambda::Function, Properties: {Code: {S3Bucket: other, S3Key: handlers/order}}}}`,
			want:  "F (AWS::Lambda::Function): Properties.Code",
		},
		{
			name:  "PolicyDocuments: another principal",
			rules: templatecmp.SAMRules(),
			a:     `Resources: {R: {Type: AWS::IAM::Role, Properties: {AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}}}}`,
			b:     `Resources: {R: {Type: AWS::IAM::Role, Properties: {AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: states.amazonaws.com}, Action: sts:AssumeRole}]}}}}`,
			want:  "R (AWS::IAM::Role): Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service",
		},
		{
			name:  "IAMPermissions: a permission missing",
			rules: templatecmp.SAMRules(),
			a:     `Resources: {R: {Type: AWS::IAM::Role, Properties: {Policies: [{PolicyName: p, PolicyDocument: {Statement: [{Effect: Allow, Action: [a:X, a:Y], Resource: "*"}]}}]}}}`,
			b:     `Resources: {R: {Type: AWS::IAM::Role}, P: {Type: AWS::IAM::Policy, Properties: {PolicyName: q, Roles: [!Ref R], PolicyDocument: {Statement: [{Effect: Allow, Action: a:X, Resource: "*"}]}}}}`,
			want:  "IAM permissions of role:R: only in want: Allow a:Y on *",
		},
		{
			name:  "IAMPermissions: policy variables under the 2008 language are literal",
			rules: templatecmp.SAMRules(),
			a:     `Resources: {R: {Type: AWS::IAM::Role, Properties: {Policies: [{PolicyName: p, PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::b/${aws:username}"}]}}]}}}`,
			b:     `Resources: {R: {Type: AWS::IAM::Role, Properties: {Policies: [{PolicyName: p, PolicyDocument: {Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::b/${aws:username}"}]}}]}}}`,
			want:  "(policy language 2012-10-17)",
		},
		{
			name:  "IAMPermissions: a conditional policy is not unconditional",
			rules: templatecmp.SAMRules(),
			a:     `Resources: {R: {Type: AWS::IAM::Role}, P: {Type: AWS::IAM::Policy, Condition: C, Properties: {PolicyName: q, Roles: [!Ref R], PolicyDocument: {Statement: [{Effect: Allow, Action: a:X, Resource: "*"}]}}}}`,
			b:     `Resources: {R: {Type: AWS::IAM::Role}, P: {Type: AWS::IAM::Policy, Properties: {PolicyName: q, Roles: [!Ref R], PolicyDocument: {Statement: [{Effect: Allow, Action: a:X, Resource: "*"}]}}}}`,
			want:  "only in want: Allow a:X on * if C",
		},
		{
			name:  "IAMPermissions: an empty inline policy list is no permission, a role's other properties still count",
			rules: templatecmp.SAMRules(),
			a:     `Resources: {R: {Type: AWS::IAM::Role, Properties: {Policies: [], MaxSessionDuration: 3600}}}`,
			b:     `Resources: {R: {Type: AWS::IAM::Role, Properties: {}}}`,
			want:  "R (AWS::IAM::Role): Properties.MaxSessionDuration: only in want: 3600",
		},
		{
			// What the CDK construct wrote before it named policies per
			// stack: its own name on an existing role, the same in every
			// stack built by the same code.
			name:  "SharedPolicyNames: a name on an existing role that is not the stack's own",
			rules: templatecmp.CDKRules(templatecmp.CDKOptions{}),
			a:     `Resources: {P: {Type: AWS::IAM::Policy, Properties: {PolicyName: !Join ["-", [P, !Select [2, !Split [/, !Ref AWS::StackId]]]], Roles: [scheduler], PolicyDocument: {Statement: [{Effect: Allow, Action: a:X, Resource: "*"}]}}}}`,
			b:     `Resources: {P: {Type: AWS::IAM::Policy, Properties: {PolicyName: JobStarterRole1PolicyBD2000B1, Roles: [scheduler], PolicyDocument: {Statement: [{Effect: Allow, Action: a:X, Resource: "*"}]}}}}`,
			want:  `policy names on role:"scheduler": only in got: "JobStarterRole1PolicyBD2000B1"`,
		},
		{
			name:  "SharedPolicyNames: two policies of one name on an existing role are not one",
			rules: templatecmp.SAMRules(),
			a:     `Resources: {P: {Type: AWS::IAM::Policy, Properties: {PolicyName: p, Roles: [r], PolicyDocument: {Statement: [{Effect: Allow, Action: a:X, Resource: "*"}]}}}, Q: {Type: AWS::IAM::Policy, Properties: {PolicyName: q, Roles: [r], PolicyDocument: {Statement: [{Effect: Allow, Action: a:Y, Resource: "*"}]}}}}`,
			b:     `Resources: {P: {Type: AWS::IAM::Policy, Properties: {PolicyName: p, Roles: [r], PolicyDocument: {Statement: [{Effect: Allow, Action: a:X, Resource: "*"}]}}}, Q: {Type: AWS::IAM::Policy, Properties: {PolicyName: p, Roles: [r], PolicyDocument: {Statement: [{Effect: Allow, Action: a:Y, Resource: "*"}]}}}}`,
			want:  `policy names on role:"r": only in got: "p"`,
		},
		{
			name:  "ManagedPolicyArnOrder: a duplicate is kept",
			rules: templatecmp.SAMRules(),
			a:     `Resources: {R: {Type: AWS::IAM::Role, Properties: {ManagedPolicyArns: [x, x]}}}`,
			b:     `Resources: {R: {Type: AWS::IAM::Role, Properties: {ManagedPolicyArns: [x]}}}`,
			want:  `Properties.ManagedPolicyArns: only in want: "x"`,
		},
		{
			name:  "TagOrder: another value",
			rules: templatecmp.SAMRules(),
			a:     `Resources: {F: {Type: AWS::Lambda::Function, Properties: {Tags: [{Key: a, Value: "1"}, {Key: b, Value: "2"}]}}}`,
			b:     `Resources: {F: {Type: AWS::Lambda::Function, Properties: {Tags: [{Key: b, Value: "2"}, {Key: a, Value: "3"}]}}}`,
			want:  `F (AWS::Lambda::Function): Properties.Tags[0].Value: want "1", got "3"`,
		},
		{
			name:  "VersionLogicalIDs: a version missing",
			rules: templatecmp.SAMRules(),
			a:     `Resources: {FnVersion0a1b2c3d4e: {Type: AWS::Lambda::Version, DeletionPolicy: Retain}}`,
			b:     `Resources: {}`,
			want:  "FnVersion (AWS::Lambda::Version): only in want",
		},
		{
			name:  "Order still matters where it means something",
			rules: templatecmp.SAMRules(),
			a:     `Resources: {F: {Type: AWS::Lambda::Function, Properties: {Layers: [a, b]}}}`,
			b:     `Resources: {F: {Type: AWS::Lambda::Function, Properties: {Layers: [b, a]}}}`,
			want:  `F (AWS::Lambda::Function): Properties.Layers: same items in another order: want ["a","b"], got ["b","a"]`,
		},
		{
			name:  "Numbers are not strings",
			rules: templatecmp.SAMRules(),
			a:     `Resources: {F: {Type: AWS::Lambda::Function, Properties: {Timeout: 900}}}`,
			b:     `Resources: {F: {Type: AWS::Lambda::Function, Properties: {Timeout: "900"}}}`,
			want:  `F (AWS::Lambda::Function): Properties.Timeout: want 900, got "900"`,
		},
		{
			name:  "CDKMetadata: other metadata counts",
			rules: templatecmp.CDKRules(templatecmp.CDKOptions{}),
			a:     `Resources: {I: {Type: AWS::EC2::Instance, Metadata: {aws:cdk:path: S/I/Resource, AWS::CloudFormation::Init: {config: {}}}}}`,
			b:     `Resources: {I: {Type: AWS::EC2::Instance}}`,
			want:  "I (AWS::EC2::Instance): Metadata: only in want",
		},
		{
			name:  "CDKAssetCode: another directory",
			rules: templatecmp.CDKRules(templatecmp.CDKOptions{AssetBaseDir: "/src"}),
			a:     `Resources: {F: {Type: AWS::Lambda::Function, Metadata: {aws:asset:path: /src/handlers/a, aws:asset:property: Code}, Properties: {Code: {S3Bucket: b, S3Key: k.zip}}}}`,
			b:     `Resources: {F: {Type: AWS::Lambda::Function, Properties: {Code: ./handlers/b}}}`,
			want:  `F (AWS::Lambda::Function): Properties.Code: want "handlers/a", got "handlers/b"`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := templatecmp.MustParse(t, []byte(tc.a))
			b := templatecmp.MustParse(t, []byte(tc.b))
			diffs := templatecmp.Diff(a, b, templatecmp.Options{Rules: tc.rules})
			all := strings.Join(diffs, "\n")
			if !strings.Contains(all, tc.want) {
				t.Errorf("differences do not mention %q; got:\n%s", tc.want, all)
			}
		})
	}
}
