package durable

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/model"
	"github.com/durablefn/durablefn/policies"
)

// NewSpecStack creates a stack holding FromSpec(stack, app), with the
// description and template format version the generators write, so that
// `durablefn synth --format cdk` and the CloudFormation output line up.
// props may be nil; a Description in props wins.
func NewSpecStack(scope constructs.Construct, id *string, app *model.App, props *awscdk.StackProps) (awscdk.Stack, map[string]Function) {
	p := awscdk.StackProps{}
	if props != nil {
		p = *props
	}
	if p.Description == nil && app != nil {
		p.Description = jsii.String(app.Description)
	}
	stack := awscdk.NewStack(scope, id, &p)
	stack.TemplateOptions().SetTemplateFormatVersion(jsii.String("2010-09-09"))
	return stack, FromSpec(stack, app)
}

// LoadSpecStack loads and validates a spec file and builds its model
// (model.Load), then creates its stack with NewSpecStack. It returns the
// spec's warnings; on invalid input it returns the diagnostics as the error
// and creates nothing.
func LoadSpecStack(scope constructs.Construct, id *string, path string, props *awscdk.StackProps) (awscdk.Stack, diag.List, error) {
	app, warnings, err := model.Load(path)
	if err != nil {
		return nil, warnings, err
	}
	stack, _ := NewSpecStack(scope, id, app, props)
	return stack, warnings, nil
}

// FromSpec creates an application's model (model.Build or model.Load)
// below scope: every function by its logical name — durable functions as
// NewFunction makes them, plain functions as ordinary Lambda functions with
// the same log group and role, and a version and alias only when the spec
// gives one — with every grant of the model through the grant methods, the
// durable invokes, the other policies of the model (least-privilege and
// existing-role execution policies, statements on existing roles), the
// event sources, and the spec's own parameters, mappings, conditions,
// resources and outputs, the generated outputs (<Fn>AliasArn, <Fn>Arn) and
// the rules that assert the stack's account when roles of the account
// receive grants.
//
// The spec's own sections, the outputs, the rules and the model's policies
// keep their logical IDs (the spec refers to them by name); the functions'
// resources are named by CDK. Values the spec gives as intrinsic functions
// are carried as they are, with references to the spec's functions written
// as the functions' tokens.
//
// It panics with model.ErrNotValidated when app was not built by the model,
// and returns the functions by name.
func FromSpec(scope constructs.Construct, app *model.App) map[string]Function {
	if err := app.Check(); err != nil {
		panic(err)
	}
	b := &specBuilder{scope: scope, app: app, fns: map[string]*function{}, ids: map[string]idRef{},
		params: map[string]awscdk.CfnParameter{}, conditions: map[string]awscdk.CfnCondition{}}
	b.parameters()
	b.mappings()
	b.conditionsSection()
	for _, fn := range app.Functions {
		b.function(fn)
	}
	for _, fn := range app.Functions {
		b.environment(fn)
	}
	b.resources()
	b.policies()
	for _, fn := range app.Functions {
		b.events(fn)
	}
	b.httpAPI()
	b.outputs()
	b.rules()
	out := make(map[string]Function, len(b.fns))
	for name, x := range b.fns {
		out[name] = x
	}
	return out
}

// specBuilder builds one model.
type specBuilder struct {
	scope      constructs.Construct
	app        *model.App
	fns        map[string]*function
	ids        map[string]idRef
	params     map[string]awscdk.CfnParameter
	conditions map[string]awscdk.CfnCondition
}

// function creates one function of the model. What the spec names by ARN
// (bucket, layers, key, managed policies, role) is imported below a
// construct "<Fn>-imports", which creates no resource.
func (b *specBuilder) function(fn *model.Function) {
	sf := fn.Spec
	imports := constructs.NewConstruct(b.scope, jsii.String(fn.ID+"-imports"))
	props := &FunctionProps{
		Description:    optional(sf.Description),
		FunctionName:   optional(sf.FunctionName),
		LoggingFormat:  awslambda.LoggingFormat(strings.ToUpper(sf.Logs.Format)),
		LeastPrivilege: jsii.Bool(sf.LeastPrivilege),
	}
	retention, ok := logRetentions[fn.LogRetentionDays]
	if !ok {
		// The spec accepts facts.LogRetentionDays only, which
		// logRetentions covers (a test checks): not reached.
		panic(&ValidationError{Path: *b.scope.Node().Path() + "/" + fn.ID, Problems: []Problem{{
			Prop: "LogGroupRetention", Message: fmt.Sprintf("%d days is not a retention CloudWatch Logs accepts", fn.LogRetentionDays)}}})
	}
	props.LogGroupRetention = retention
	if d := sf.Durable; d != nil {
		props.ExecutionTimeout = awscdk.Duration_Seconds(jsii.Number(d.ExecutionTimeout))
		props.RetentionPeriod = awscdk.Duration_Days(jsii.Number(d.RetentionDays))
		if !d.KMSKeyArn.IsZero() {
			props.KmsKey = awskms.Key_FromKeyArn(imports, jsii.String("Key"), b.str(d.KMSKeyArn.Data()))
		}
	}
	if sf.Logs.ApplicationLevel != "" {
		props.ApplicationLogLevel = awslambda.ApplicationLogLevel(sf.Logs.ApplicationLevel)
	}
	if sf.Logs.SystemLevel != "" {
		props.SystemLogLevel = awslambda.SystemLogLevel(sf.Logs.SystemLevel)
	}
	switch c := fn.Properties["Code"].(type) {
	case model.LocalCode:
		props.Runtime = runtime(sf.Runtime, false)
		props.Handler = jsii.String(sf.Handler)
		props.Code = awslambda.Code_FromAsset(jsii.String(c.CodeDir()), nil)
	case map[string]any:
		switch {
		case c["ImageUri"] != nil:
			props.Runtime = awslambda.Runtime_FROM_IMAGE()
			props.Handler = awslambda.Handler_FROM_IMAGE()
			props.Code = newImageURICode(c["ImageUri"].(string))
		case c["ZipFile"] != nil:
			props.Runtime = runtime(sf.Runtime, true)
			props.Handler = jsii.String(sf.Handler)
			props.Code = awslambda.Code_FromInline(jsii.String(c["ZipFile"].(string)))
		default:
			props.Runtime = runtime(sf.Runtime, false)
			props.Handler = jsii.String(sf.Handler)
			bucket := awss3.Bucket_FromBucketName(imports, jsii.String("CodeBucket"), b.str(c["S3Bucket"]))
			var version *string
			if v, ok := c["S3ObjectVersion"].(string); ok {
				version = jsii.String(v)
			}
			props.Code = awslambda.Code_FromBucket(bucket, b.str(c["S3Key"]), version)
		}
	}
	if sf.MemorySize > 0 {
		props.MemorySize = jsii.Number(sf.MemorySize)
	}
	if sf.Timeout > 0 {
		props.Timeout = awscdk.Duration_Seconds(jsii.Number(sf.Timeout))
	}
	switch sf.Architecture {
	case "arm64":
		props.Architecture = awslambda.Architecture_ARM_64()
	case "x86_64":
		props.Architecture = awslambda.Architecture_X86_64()
	}
	switch sf.Tracing {
	case "Active":
		props.Tracing = awslambda.Tracing_ACTIVE
	case "PassThrough":
		props.Tracing = awslambda.Tracing_PASS_THROUGH
	}
	if sf.ReservedConcurrency != nil {
		props.ReservedConcurrentExecutions = jsii.Number(*sf.ReservedConcurrency)
	}
	// One intrinsic for the whole list has no layer to import: it goes on
	// the function as the model has it, below.
	if len(sf.Layers) > 0 && sf.LayersList.IsZero() {
		layers := make([]awslambda.ILayerVersion, len(sf.Layers))
		for i, arn := range sf.Layers {
			layers[i] = awslambda.LayerVersion_FromLayerVersionArn(imports, jsii.String(fmt.Sprintf("Layer%d", i+1)), b.str(arn.Data()))
		}
		props.Layers = &layers
	}

	opts := options{plain: !fn.Durable, alias: fn.Alias, fromModel: true, extra: model.RoleNeeds(sf), execSeconds: -1}
	if d := sf.Durable; d != nil {
		opts.execSeconds = float64(d.ExecutionTimeout)
	}
	if fn.Role != nil {
		b.generatedRole(fn, imports, &opts)
	} else {
		// An existing role: the model's policies attach to it by the name
		// it gives (RoleRef); the role itself takes nothing else.
		props.Role = awsiam.Role_FromRoleArn(imports, jsii.String("Role"), b.str(fn.RoleArn),
			&awsiam.FromRoleArnOptions{Mutable: jsii.Bool(true)})
		if fn.RoleRef != nil {
			opts.roleName = b.str(fn.RoleRef)
		}
	}
	x := newFunction(b.scope, jsii.String(fn.ID), props, opts)
	b.fns[fn.ID] = x
	b.ids[fn.ID] = idRef{ref: func() any { return *x.fn.FunctionName() },
		attr: map[string]func() any{"Arn": func() any { return *x.FunctionArn() }}}
	b.ids[fn.LogGroupID] = idRef{ref: func() any { return *x.logGroup.LogGroupName() },
		attr: map[string]func() any{"Arn": func() any { return *x.logGroup.LogGroupArn() }}}
	if fn.AliasID != "" {
		b.ids[fn.AliasID] = idRef{ref: func() any { return *x.AliasArn() }}
	}
	if fn.Role != nil {
		b.ids[fn.Role.ID] = idRef{ref: func() any { return *x.role.RoleName() },
			attr: map[string]func() any{"Arn": func() any { return *x.role.RoleArn() }}}
	}

	cfn := x.cfnFunction()
	if !sf.LayersList.IsZero() {
		cfn.AddPropertyOverride(jsii.String("Layers"), b.data(fn.Properties["Layers"]))
	}
	if vpc, ok := fn.Properties["VpcConfig"].(map[string]any); ok {
		cfn.SetVpcConfig(&awslambda.CfnFunction_VpcConfigProperty{
			SubnetIds:        b.strs(vpc["SubnetIds"]),
			SecurityGroupIds: b.strs(vpc["SecurityGroupIds"]),
		})
	}
	if dlc, ok := fn.Properties["DeadLetterConfig"].(map[string]any); ok {
		// The target is written as the model has it; the statement that
		// lets the role send to it is among the role's inline policies.
		cfn.SetDeadLetterConfig(&awslambda.CfnFunction_DeadLetterConfigProperty{TargetArn: b.str(dlc["TargetArn"])})
	}
	for _, kv := range sf.Tags {
		// The function and its role, as the generators tag them.
		awscdk.Tags_Of(x).Add(jsii.String(kv.Key), b.str(kv.Value.Data()), &awscdk.TagProps{
			IncludeResourceTypes: jsii.Strings("AWS::Lambda::Function", "AWS::IAM::Role"),
		})
	}
}

// generatedRole sets the options that make the model's role: its managed
// policies (the AWS managed ones by name, as NewFunction attaches them, the
// spec's by ARN) and its inline policies.
func (b *specBuilder) generatedRole(fn *model.Function, imports constructs.Construct, opts *options) {
	for _, name := range fn.Role.AWSManagedPolicies {
		opts.managed = append(opts.managed, awsiam.ManagedPolicy_FromAwsManagedPolicyName(jsii.String(name)))
		opts.managedNames = append(opts.managedNames, name)
	}
	for i, arn := range fn.Role.SpecManagedPolicyArns {
		opts.managed = append(opts.managed, awsiam.ManagedPolicy_FromManagedPolicyArn(imports,
			jsii.String(fmt.Sprintf("ManagedPolicy%d", len(fn.Role.AWSManagedPolicies)+i+1)), b.str(arn)))
	}
	if len(fn.Role.Policies) > 0 {
		opts.inline = map[string]awsiam.PolicyDocument{}
		for _, p := range fn.Role.Policies {
			opts.inline[p.Name] = b.document(p.Document)
		}
	}
}

// environment sets a function's environment once every function exists:
// values may name the others.
func (b *specBuilder) environment(fn *model.Function) {
	env, _ := fn.Properties["Environment"].(map[string]any)
	vars, _ := env["Variables"].(map[string]any)
	if len(vars) == 0 {
		return
	}
	x := b.fns[fn.ID]
	for _, kv := range fn.Spec.Environment {
		x.fn.AddEnvironment(jsii.String(kv.Key), b.str(vars[kv.Key]), nil)
	}
}

// policies makes the model's policies: grants through the grant methods
// (to functions of the spec, to existing roles by ARN, labelled Role1,
// Role2 … per kind as the model names them), durable invokes through
// GrantDurableInvoke, and every other policy as it is in the model, with
// its logical ID. Every policy has the model's PolicyName: on a role the
// stack does not own, the one unique per stack (<LogicalID>-<stack UUID>).
func (b *specBuilder) policies() {
	for _, p := range b.app.Policies {
		g := p.Grant
		switch {
		case g == nil:
			b.policy(p)
		case g.Kind == string(policies.KindInvoker):
			b.invokes(g, b.str(p.PolicyName))
		case g.Grantee != nil:
			b.fns[g.On.ID].grant(policies.Kind(g.Kind), b.fns[g.Grantee.ID], "", b.str(p.PolicyName))
		default:
			x := b.fns[g.On.ID]
			role := awsiam.Role_FromRoleArn(x, jsii.String(kindID(policies.Kind(g.Kind))+g.Label+"Grantee"), jsii.String(g.RoleArn),
				&awsiam.FromRoleArnOptions{Mutable: jsii.Bool(false)})
			x.grant(policies.Kind(g.Kind), role, g.Label, b.str(p.PolicyName))
		}
	}
}

// invokes grants a function the durable invokes of the model, in one
// policy named name.
func (b *specBuilder) invokes(g *model.Grant, name *string) {
	x := b.fns[g.Grantee.ID]
	for i, t := range g.Targets {
		if t.Function != nil {
			x.grantDurableInvoke(b.fns[t.Function.ID], name)
			continue
		}
		target := awslambda.Function_FromFunctionArn(x, jsii.String(fmt.Sprintf("InvokeTarget%d", i+1)), jsii.String(t.FunctionArn))
		x.grantDurableInvoke(target, name)
	}
}

// policy makes a policy of the model that is not a grant, with its logical
// ID: below the function whose role it is on when one function has that
// role (so that nag.Suppress reaches it), else in scope.
func (b *specBuilder) policy(p *model.Policy) {
	var parent constructs.Construct = b.scope
	var owner *model.Function
	for _, fn := range b.app.Functions {
		if len(p.Roles) == 1 && sameData(fn.RoleRef, p.Roles[0]) {
			if owner != nil {
				owner = nil
				break
			}
			owner = fn
		}
	}
	if owner != nil {
		parent = b.fns[owner.ID]
	}
	roles := make([]*string, len(p.Roles))
	for i, r := range p.Roles {
		roles[i] = b.str(r)
	}
	cp := awsiam.NewCfnPolicy(parent, jsii.String(p.ID), &awsiam.CfnPolicyProps{
		PolicyName:     b.str(p.PolicyName),
		PolicyDocument: b.data(p.Document),
		Roles:          &roles,
	})
	cp.OverrideLogicalId(jsii.String(p.ID))
	for _, fn := range b.app.Functions {
		if slices.Contains(fn.DependsOn, p.ID) {
			b.fns[fn.ID].cfnFunction().AddDependency(cp)
		}
	}
}

// outputs writes the model's outputs with their logical IDs: a generated
// one as its function's token.
func (b *specBuilder) outputs() {
	for _, o := range b.app.Outputs {
		props := &awscdk.CfnOutputProps{Description: optional(o.Description)}
		switch {
		case o.Function != nil && o.Attr == "AliasArn":
			props.Value = b.fns[o.Function.ID].AliasArn()
		case o.Function != nil && o.Attr == "Arn":
			props.Value = b.fns[o.Function.ID].FunctionArn()
		default:
			props.Value = b.str(o.Value)
		}
		if o.Export != nil {
			props.ExportName = b.str(o.Export)
		}
		out := awscdk.NewCfnOutput(b.scope, b.elementID("Output", o.ID), props)
		out.OverrideLogicalId(jsii.String(o.ID))
	}
}

// rules writes the model's rules: the stack's account is the account of the
// existing roles that receive grants.
func (b *specBuilder) rules() {
	for _, r := range b.app.Rules {
		rule := awscdk.NewCfnRule(b.scope, b.elementID("Rule", r.ID), &awscdk.CfnRuleProps{Assertions: &[]*awscdk.CfnRuleAssertion{{
			Assert:            awscdk.Fn_ConditionEquals(awscdk.Aws_ACCOUNT_ID(), r.Account),
			AssertDescription: jsii.String(r.Description),
		}}})
		rule.OverrideLogicalId(jsii.String(r.ID))
	}
}

// elementID is the construct ID of a template element in scope: its
// logical ID, unless a construct of scope has it (outputs, rules, mappings
// and conditions have names of their own, which may be a resource's).
func (b *specBuilder) elementID(kind, id string) *string {
	if b.scope.Node().TryFindChild(jsii.String(id)) == nil && b.app.Spec.Function(id) == nil && !b.isResourceName(id) {
		return jsii.String(id)
	}
	return jsii.String(kind + "-" + id)
}

func (b *specBuilder) isResourceName(id string) bool {
	for _, r := range b.app.Resources {
		if r.Name == id {
			return true
		}
	}
	for _, p := range b.app.Parameters {
		if p.Name == id {
			return true
		}
	}
	return false
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return jsii.String(s)
}

// runtime returns a runtime by name. The spec has validated the name.
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
	return awslambda.NewRuntime(jsii.String(name), family, &awslambda.LambdaRuntimeProps{SupportsInlineCode: jsii.Bool(inline)})
}
