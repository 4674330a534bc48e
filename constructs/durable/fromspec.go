package durable

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/internal/render"
	"github.com/durablefn/durablefn/policies"
	"github.com/durablefn/durablefn/spec"
)

// NewSpecStack creates a stack holding FromSpec(stack, f), with the
// description and template format version the generators write, so that
// `durablefn synth --format cdk` and the CloudFormation output line up.
// props may be nil; a Description in props wins.
func NewSpecStack(scope constructs.Construct, id *string, f *spec.File, props *awscdk.StackProps) (awscdk.Stack, map[string]Function) {
	p := awscdk.StackProps{}
	if props != nil {
		p = *props
	}
	if p.Description == nil {
		p.Description = jsii.String(render.Description(f))
	}
	stack := awscdk.NewStack(scope, id, &p)
	stack.TemplateOptions().SetTemplateFormatVersion(jsii.String("2010-09-09"))
	return stack, FromSpec(stack, f)
}

// LoadSpecStack loads and validates a spec file (spec.Load) and creates its
// stack with NewSpecStack. It returns the spec's warnings; on invalid input
// it returns the diagnostics as the error and creates nothing.
func LoadSpecStack(scope constructs.Construct, id *string, path string, props *awscdk.StackProps) (awscdk.Stack, diag.List, error) {
	f, warnings, err := spec.Load(path)
	if err != nil {
		return nil, warnings, err
	}
	stack, _ := NewSpecStack(scope, id, f, props)
	return stack, warnings, nil
}

// FromSpec creates every function of a validated spec (from spec.Load) below
// scope, by its logical name, with every grant of the spec: to functions of
// the spec, to existing roles by ARN, and durable invokes of functions of the
// spec or by ARN. It also creates the spec's event sources on the aliases,
// the outputs (<Fn>AliasArn, <Fn>Arn) and, when roles of other stacks
// receive grants, the rules that assert the stack's account, as the
// CloudFormation output does. With scope a Stack, outputs and rules carry the
// generators' logical IDs.
//
// It returns the functions by name.
func FromSpec(scope constructs.Construct, f *spec.File) map[string]Function {
	built := map[string]*function{}
	out := map[string]Function{}
	for _, fn := range f.Functions {
		x := functionFromSpec(scope, f, fn)
		built[fn.Name] = x
		out[fn.Name] = x
	}
	for _, fn := range f.Functions {
		x := built[fn.Name]
		for _, kv := range fn.Environment {
			v, _ := spec.Expand(kv.Value, func(r spec.Ref) string {
				t := built[r.Function]
				switch r.Attribute {
				case spec.AttrAliasArn:
					return *t.AliasArn()
				case spec.AttrArn:
					return *t.FunctionArn()
				}
				return *t.fn.FunctionName()
			})
			x.fn.AddEnvironment(jsii.String(kv.Key), jsii.String(v), nil)
		}
	}
	for _, fn := range f.Functions {
		grantsFromSpec(scope, built, fn)
		eventsFromSpec(built[fn.Name], fn)
	}
	outputsFromSpec(scope, f, built)
	return out
}

// functionFromSpec turns one function of the spec into props. What the
// spec names by ARN (bucket, layers, key, dead-letter target) is imported
// below a construct "<Fn>-imports", which creates no resource.
func functionFromSpec(scope constructs.Construct, f *spec.File, fn *spec.Function) *function {
	imports := constructs.NewConstruct(scope, jsii.String(fn.Name+"-imports"))
	props := &FunctionProps{
		Description:      optional(fn.Description),
		FunctionName:     optional(fn.FunctionName),
		ExecutionTimeout: seconds(float64(fn.Durable.ExecutionTimeout)),
		RetentionPeriod:  days(float64(fn.Durable.RetentionDays)),
		AliasName:        jsii.String(fn.Alias),
		LogRetention:     logRetention(fn.Logs.RetentionDays),
		LoggingFormat:    awslambda.LoggingFormat(strings.ToUpper(fn.Logs.Format)),
		LeastPrivilege:   jsii.Bool(fn.LeastPrivilege),
	}
	if fn.Logs.ApplicationLevel != "" {
		props.ApplicationLogLevel = awslambda.ApplicationLogLevel(fn.Logs.ApplicationLevel)
	}
	if fn.Logs.SystemLevel != "" {
		props.SystemLogLevel = awslambda.SystemLogLevel(fn.Logs.SystemLevel)
	}
	switch fn.Code.Kind {
	case spec.CodeImage:
		props.Runtime = awslambda.Runtime_FROM_IMAGE()
		props.Handler = awslambda.Handler_FROM_IMAGE()
		props.Code = newImageURICode(fn.Code.ImageURI)
	default:
		props.Runtime = runtime(fn.Runtime, fn.Code.Kind == spec.CodeInline)
		props.Handler = jsii.String(fn.Handler)
		props.Code = codeFromSpec(imports, f, fn.Code)
	}
	if fn.MemorySize > 0 {
		props.MemorySize = jsii.Number(fn.MemorySize)
	}
	if fn.Timeout > 0 {
		props.Timeout = awscdk.Duration_Seconds(jsii.Number(fn.Timeout))
	}
	switch fn.Architecture {
	case "arm64":
		props.Architecture = awslambda.Architecture_ARM_64()
	case "x86_64":
		props.Architecture = awslambda.Architecture_X86_64()
	}
	switch fn.Tracing {
	case "Active":
		props.Tracing = awslambda.Tracing_ACTIVE
	case "PassThrough":
		props.Tracing = awslambda.Tracing_PASS_THROUGH
	}
	if fn.ReservedConcurrency != nil {
		props.ReservedConcurrentExecutions = jsii.Number(*fn.ReservedConcurrency)
	}
	if len(fn.Layers) > 0 {
		layers := make([]awslambda.ILayerVersion, len(fn.Layers))
		for i, arn := range fn.Layers {
			layers[i] = awslambda.LayerVersion_FromLayerVersionArn(imports, jsii.String(fmt.Sprintf("Layer%d", i+1)), jsii.String(arn))
		}
		props.Layers = &layers
	}
	if fn.DeadLetterQueue != "" {
		if render.IsTopic(fn.DeadLetterQueue) {
			props.DeadLetterTopic = awssns.Topic_FromTopicArn(imports, jsii.String("DeadLetterTopic"), jsii.String(fn.DeadLetterQueue))
		} else {
			props.DeadLetterQueue = awssqs.Queue_FromQueueArn(imports, jsii.String("DeadLetterQueue"), jsii.String(fn.DeadLetterQueue))
		}
	}
	if fn.Durable.KMSKeyArn != "" {
		props.KmsKey = awskms.Key_FromKeyArn(imports, jsii.String("Key"), jsii.String(fn.Durable.KMSKeyArn))
	}

	// The spec's VPC is subnet and security group IDs, without the VPC's
	// own ID that awslambda.Function wants: they go on the CfnFunction, and
	// the role gets the VPC policy as it would with Vpc set.
	extra := render.RoleNeeds(fn)
	x := newFunction(scope, jsii.String(fn.Name), props, policies.RoleNeeds{SQSEvents: extra.SQSEvents, VPC: extra.VPC})
	if fn.VPC != nil {
		x.cfnFunction().SetVpcConfig(&awslambda.CfnFunction_VpcConfigProperty{
			SubnetIds:        jsii.Strings(fn.VPC.SubnetIDs...),
			SecurityGroupIds: jsii.Strings(fn.VPC.SecurityGroupIDs...),
		})
	}
	for _, kv := range fn.Tags {
		// The function and its role, as the generators tag them.
		awscdk.Tags_Of(x).Add(jsii.String(kv.Key), jsii.String(kv.Value), &awscdk.TagProps{
			IncludeResourceTypes: jsii.Strings("AWS::Lambda::Function", "AWS::IAM::Role"),
		})
	}
	return x
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return jsii.String(s)
}

// runtime returns a runtime by name. The spec has validated the name
// against spec.DurableRuntimes.
func runtime(name string, inline bool) awslambda.Runtime {
	family := awslambda.RuntimeFamily_OTHER
	switch {
	case strings.HasPrefix(name, "nodejs"):
		family = awslambda.RuntimeFamily_NODEJS
	case strings.HasPrefix(name, "python"):
		family = awslambda.RuntimeFamily_PYTHON
	case strings.HasPrefix(name, "java"):
		family = awslambda.RuntimeFamily_JAVA
	}
	return newRuntime(name, family, &awslambda.LambdaRuntimeProps{SupportsInlineCode: jsii.Bool(inline)})
}

func codeFromSpec(imports constructs.Construct, f *spec.File, c spec.Code) awslambda.Code {
	switch c.Kind {
	case spec.CodeS3:
		bucket := awss3.Bucket_FromBucketName(imports, jsii.String("CodeBucket"), jsii.String(c.Bucket))
		return awslambda.Code_FromBucket(bucket, jsii.String(c.Key), optional(c.ObjectVersion))
	case spec.CodeInline:
		return awslambda.Code_FromInline(jsii.String(c.Inline))
	}
	p := c.Path
	if !filepath.IsAbs(p) {
		p = filepath.Join(f.Dir, p)
	}
	return awslambda.Code_FromAsset(jsii.String(p), nil)
}

// grantsFromSpec makes the grants of one function of the spec. Grants to
// functions of the spec go through the public grant methods; grants to
// existing roles are labelled Role1, Role2 … per kind, as the generators
// name their policies.
func grantsFromSpec(scope constructs.Construct, built map[string]*function, fn *spec.Function) {
	x := built[fn.Name]
	for _, g := range fn.Grants() {
		roles := 0
		for _, p := range g.Principals {
			if p.Function != "" {
				x.grant(g.Kind, built[p.Function], "")
				continue
			}
			roles++
			label := fmt.Sprintf("Role%d", roles)
			role := awsiam.Role_FromRoleArn(x, jsii.String(kindID(g.Kind)+label+"Grantee"), jsii.String(p.RoleArn),
				&awsiam.FromRoleArnOptions{Mutable: jsii.Bool(false)})
			x.grant(g.Kind, role, label)
		}
	}
	for i, t := range fn.Invokes {
		if t.Function != "" {
			x.GrantDurableInvoke(built[t.Function])
			continue
		}
		arn, _ := policies.ParseFunctionARN(t.FunctionArn) // validated by spec
		target := awslambda.Function_FromFunctionArn(x, jsii.String(fmt.Sprintf("InvokeTarget%d", i+1)), jsii.String(arn.Unqualified()))
		x.GrantDurableInvoke(target)
	}
}

// eventsFromSpec renders the spec's events as the generators do, on the
// alias: an SQS event as a plain event source mapping (the role has
// AWSLambdaSQSQueueExecutionRole, as SAM gives it), a schedule as an
// EventBridge rule with a permission on the alias.
func eventsFromSpec(x *function, fn *spec.Function) {
	for _, ev := range fn.Events {
		switch ev.Kind {
		case spec.EventSQS:
			// The L1, for FunctionName: the alias ARN (the L2 writes
			// name:alias, taken apart from the ARN).
			props := &awslambda.CfnEventSourceMappingProps{FunctionName: x.AliasArn(), EventSourceArn: jsii.String(ev.QueueArn)}
			if ev.BatchSize > 0 {
				props.BatchSize = jsii.Number(ev.BatchSize)
			}
			awslambda.NewCfnEventSourceMapping(x, jsii.String(ev.Name), props)
			x.warnSync()
		case spec.EventSchedule:
			id := render.EventID(fn, ev)
			rule := awsevents.NewCfnRule(x, jsii.String(ev.Name), &awsevents.CfnRuleProps{
				ScheduleExpression: jsii.String(ev.Schedule),
				Targets: &[]interface{}{&awsevents.CfnRule_TargetProperty{
					Arn: x.AliasArn(),
					Id:  jsii.String(id + "LambdaTarget"),
				}},
			})
			awslambda.NewCfnPermission(x, jsii.String(ev.Name+"Permission"), &awslambda.CfnPermissionProps{
				Action:       jsii.String(policies.ActionInvoke),
				FunctionName: x.AliasArn(),
				Principal:    jsii.String("events.amazonaws.com"),
				SourceArn:    rule.AttrArn(),
			})
		}
	}
}

// outputsFromSpec writes the generators' outputs and account rules.
func outputsFromSpec(scope constructs.Construct, f *spec.File, built map[string]*function) {
	outputs := render.Outputs(f)
	for _, fn := range f.Functions {
		ids := render.NamesOf(fn)
		x := built[fn.Name]
		for _, o := range []struct {
			id    string
			value *string
		}{{ids.AliasArnOutput, x.AliasArn()}, {ids.ArnOutput, x.FunctionArn()}} {
			awscdk.NewCfnOutput(scope, jsii.String(o.id), &awscdk.CfnOutputProps{
				Value:       o.value,
				Description: outputs[o.id].Description,
			})
		}
	}
	for id, rule := range render.AccountRules(f) {
		var assertions []*awscdk.CfnRuleAssertion
		for _, a := range rule.Assertions {
			eq := a.Assert.(map[string]any)["Fn::Equals"].([]any)
			assertions = append(assertions, &awscdk.CfnRuleAssertion{
				Assert:            awscdk.Fn_ConditionEquals(awscdk.Aws_ACCOUNT_ID(), eq[1]),
				AssertDescription: jsii.String(a.AssertDescription),
			})
		}
		awscdk.NewCfnRule(scope, jsii.String(id), &awscdk.CfnRuleProps{Assertions: &assertions})
	}
}
