package durable

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/policies"
	"github.com/durablefn/durablefn/spec"
)

// Function is a durable Lambda function with its published version, its
// alias, its log group and its execution role.
type Function interface {
	constructs.IConstruct
	// The function's execution role: a principal that receives grants
	// (orchestrator.GrantDurableInvoke(worker), worker.GrantCallbackSender(orchestrator)).
	awsiam.IGrantable

	// UnqualifiedFunction is the awslambda.Function (construct ID
	// "Default"), whose ARN is unqualified: Lambda refuses to invoke a
	// durable function through it, so never hand it to an event source, a
	// target, an integration or a state machine. Pass Alias() instead, the
	// awslambda.IFunction that everything invokes. (Function is not itself
	// an awslambda.IFunction, so that the unqualified one is never passed
	// by accident.)
	UnqualifiedFunction() awslambda.Function
	// Version is the published version, retained when a new one replaces it
	// (nil for a plain function of a spec without an alias, see FromSpec).
	Version() awslambda.Version
	// Alias is the alias everything invokes, an awslambda.IFunction: what
	// to pass to targets.NewLambdaFunction, event sources, API integrations,
	// Step Functions' LambdaInvoke and grantInvoke (nil for a plain function
	// of a spec without an alias).
	Alias() awslambda.Alias
	// LogGroup is the function's explicit log group: the one of props, or
	// the one the construct made.
	LogGroup() awslogs.ILogGroup
	// Role is the execution role.
	Role() awsiam.IRole
	// FunctionArn is the unqualified function ARN: what execution grants are
	// scoped to, followed by ":*".
	FunctionArn() *string
	// AliasArn is the alias ARN: what to invoke and to start executions on.
	AliasArn() *string
	// ManagedPolicyNames are the names of the AWS managed policies the
	// construct attached to the execution role (none with LeastPrivilege,
	// an imported role, or a role it did not attach any to), such as
	// "service-role/AWSLambdaBasicDurableExecutionRolePolicy".
	ManagedPolicyNames() []string
	// DurableInvokeTargets are the unqualified function ARNs granted so far
	// with GrantDurableInvoke, in the order granted.
	DurableInvokeTargets() []*string

	// AddEventSource adds an event source to the alias (never to the
	// function: a durable function cannot be invoked unqualified). An event
	// source mapping (SQS, Kinesis, DynamoDB, Kafka) invokes synchronously,
	// which ends an execution after 15 minutes: a warning is annotated when
	// ExecutionTimeout is longer.
	AddEventSource(source awslambda.IEventSource)
	// AddEventSourceMapping adds an event source mapping on the alias, with
	// the same warning as AddEventSource.
	AddEventSourceMapping(id *string, options *awslambda.EventSourceMappingOptions) awslambda.EventSourceMapping
	// AddPermission adds a resource policy statement (a push source such as
	// SNS, S3 or EventBridge) on the alias: AWS::Lambda::Permission does not
	// accept $LATEST.
	AddPermission(id *string, permission *awslambda.Permission)

	// GrantCallbackSender lets grantee complete, fail and heartbeat the
	// callbacks of this function's executions (on "${FunctionArn}:*").
	GrantCallbackSender(grantee awsiam.IGrantable) awsiam.Grant
	// GrantStarter lets grantee start executions: lambda:InvokeFunction on
	// the alias.
	GrantStarter(grantee awsiam.IGrantable) awsiam.Grant
	// GrantObserver lets grantee read executions and their history
	// ("${FunctionArn}:*") and list the function's executions (the function).
	GrantObserver(grantee awsiam.IGrantable) awsiam.Grant
	// GrantOperator lets grantee stop executions, plus what an observer may do.
	GrantOperator(grantee awsiam.IGrantable) awsiam.Grant
	// GrantDurableInvoke lets this function invoke target through the
	// durable SDK's invoke: lambda:InvokeFunction on target's ARN and on
	// every qualifier of it. target is a durable Function or any
	// awslambda.IFunction (pass the function, not an alias or version).
	GrantDurableInvoke(target InvokeTarget) awsiam.Grant
}

// InvokeTarget is what GrantDurableInvoke accepts: a durable Function or any
// awslambda.IFunction, through the unqualified ARN both have.
type InvokeTarget interface {
	FunctionArn() *string
}

type function struct {
	constructs.Construct
	fn       awslambda.Function
	version  awslambda.Version
	alias    awslambda.Alias
	logGroup awslogs.ILogGroup
	role     awsiam.IRole
	// cfn is the CfnFunction, arn and aliasArn the ARNs: read when first
	// used (cfnFunction, FunctionArn, AliasArn).
	cfn      awslambda.CfnFunction
	arn      *string
	aliasArn *string
	// execSeconds is the execution timeout in seconds, -1 when unresolved.
	execSeconds float64
	// managed are the AWS managed policies (names) the construct attached.
	managed []string
	grants  grantState
	// plain is an ordinary (not durable) function, made by FromSpec.
	plain bool
	// keyArn is the ARN of KmsKey, nil without one (see kms.go).
	keyArn *string
	// node is the construct's node, read once (defaultChildren).
	node constructs.Node
	// watching: the function is registered as its own validation
	// (watchSources).
	watching bool
	// roleName is the name policies attach to the role by, when FromSpec
	// knows it (see options.roleName).
	roleName *string
}

// NewFunction creates a durable function. It panics with a
// *ValidationError when props are invalid, listing every problem.
func NewFunction(scope constructs.Construct, id *string, props *FunctionProps) Function {
	return newFunction(scope, id, props, options{})
}

// options are what FromSpec sets beyond the props, which the public
// NewFunction does not offer.
type options struct {
	// extra says what else the role serves, which props cannot say:
	// FromSpec's SQS event source mappings and VPC given by subnet IDs (see
	// roleNeeds).
	extra policies.RoleNeeds
	// plain builds an ordinary function: no DurableConfig, and a version
	// and alias only when alias is set.
	plain bool
	// alias overrides AliasName; with plain, "" means no alias.
	alias string
	// fromModel: the role's managed and inline policies are given
	// (managed, managedNames, inline) and every other policy on the role is
	// made by FromSpec from the model, so completeRole adds nothing.
	fromModel    bool
	managed      []awsiam.IManagedPolicy
	managedNames []string
	inline       map[string]awsiam.PolicyDocument
	// roleName is how policies attach to an existing role (see newStackPolicy):
	// the name the model gives, when the role's ARN is a token.
	roleName *string
	// execSeconds is the execution timeout the model has validated, -1
	// for a plain function (with fromModel, props are not validated again).
	execSeconds float64
}

// Acknowledgements made on every durable function, in one call, before its
// children exist: an acknowledgement holds for the construct it is made on
// and everything below it, and an annotation that is acknowledged where it
// would be added is not added. W3011 concerns only the version, the one
// resource below the function that keeps a DeletionPolicy without an
// UpdateReplacePolicy; W3694 only SNS subscriptions below the alias.
var acknowledgements = []*awscdk.Acknowledgment{{
	// The L2's info that turning durability on replaces a function: a
	// durable.Function is durable from its creation. An ID without a
	// plugin prefix is an annotation's, and annotations of an acknowledged
	// ID are not added.
	Id:     jsii.String("aws-lambda:Function.DurableConfig"),
	Reason: jsii.String("a durable.Function is durable from its creation"),
}, {
	// The version keeps DeletionPolicy Retain without UpdateReplacePolicy.
	Id:     jsii.String("CloudFormation-Validate::W3011"),
	Reason: jsii.String("DeletionPolicy Retain keeps replaced versions, as SAM's AutoPublishAlias does; a version is replaced in place only with its function"),
}, {
	// An SNS subscription to the alias (AddEventSource with an SNS source,
	// or awssnssubscriptions.NewLambdaSubscription(fn.Alias())), which aws-cdk-lib
	// creates below the alias: the built-in validation expects a function
	// as the endpoint of protocol lambda, but SNS takes a qualified ARN, as
	// SAM's AutoPublishAlias writes it.
	Id:     jsii.String("CloudFormation-Validate::W3694"),
	Reason: jsii.String("SNS invokes a Lambda alias ARN like a function ARN; a durable function must be invoked through its alias"),
}}

// newFunction is NewFunction with the options of FromSpec.
//
// Each call into aws-cdk-lib is a round trip to Node, and the calls are
// what a construct costs, so it makes no more than its template needs: the
// acknowledgements are one call, the default children come from one
// FindAll, the ARNs and the CfnFunction are only fetched when used, and
// FromSpec's props are not validated twice (the model is). It keeps nothing
// of aws-cdk-lib's between functions and reads no token encoding: see
// docs/construct.md, "Synth cost", for the count.
func newFunction(scope constructs.Construct, id *string, props *FunctionProps, opts options) *function {
	if props == nil {
		props = &FunctionProps{}
	}
	f := &function{plain: opts.plain, roleName: opts.roleName}
	constructs.NewConstruct_Override(f, scope, id)
	if opts.fromModel {
		// Validated as a spec (model.Load).
		f.execSeconds = opts.execSeconds
	} else {
		problems, execSeconds := validate(props, opts.plain)
		if len(problems) > 0 {
			panic(&ValidationError{Path: *f.Node().Path(), Problems: problems})
		}
		f.execSeconds = execSeconds
	}
	awscdk.Validations_Of(f).Acknowledge(acknowledgements...)

	aliasName := spec.DefaultAlias
	if props.AliasName != nil {
		aliasName = *props.AliasName
	}
	if opts.plain || opts.alias != "" {
		aliasName = opts.alias
	}
	ownLogGroup := props.LogGroup == nil
	if ownLogGroup {
		retention := props.LogGroupRetention
		if retention == "" {
			retention = logRetentions[spec.DefaultLogRetentionDays]
		}
		f.logGroup = awslogs.NewLogGroup(f, jsii.String("LogGroup"), &awslogs.LogGroupProps{
			Retention:     retention,
			RemovalPolicy: logRemovalPolicy(props.LogGroupRemovalPolicy),
		})
	} else {
		f.logGroup = props.LogGroup
	}

	needs := roleNeeds(props, opts.extra)
	needs.Plain = opts.plain
	f.role = props.Role
	switch {
	case f.role != nil:
	case opts.fromModel:
		f.role = newRole(f, &opts.managed, opts.inline)
		f.managed = opts.managedNames
	default:
		f.role = newExecutionRole(f, needs)
		f.managed = policies.ExecutionRoleManagedPolicies(needs)
	}

	format := props.LoggingFormat
	if format == "" {
		format = awslambda.LoggingFormat(strings.ToUpper(spec.DefaultLogFormat))
	}
	retentionPeriod := props.RetentionPeriod
	if retentionPeriod == nil && !opts.plain {
		retentionPeriod = awscdk.Duration_Days(jsii.Number(facts.DefaultRetentionDays))
	}
	var durableConfig *awslambda.DurableConfig
	if !opts.plain {
		durableConfig = &awslambda.DurableConfig{
			ExecutionTimeout: props.ExecutionTimeout,
			RetentionPeriod:  retentionPeriod,
		}
	}
	f.fn = awslambda.NewFunction(f, jsii.String("Default"), &awslambda.FunctionProps{
		Runtime:                      props.Runtime,
		Handler:                      props.Handler,
		Code:                         props.Code,
		Role:                         f.role,
		Description:                  props.Description,
		FunctionName:                 props.FunctionName,
		MemorySize:                   props.MemorySize,
		Timeout:                      props.Timeout,
		Architecture:                 props.Architecture,
		Environment:                  props.Environment,
		Layers:                       props.Layers,
		ReservedConcurrentExecutions: props.ReservedConcurrentExecutions,
		Vpc:                          props.Vpc,
		VpcSubnets:                   props.VpcSubnets,
		SecurityGroups:               props.SecurityGroups,
		DeadLetterQueue:              props.DeadLetterQueue,
		DeadLetterTopic:              props.DeadLetterTopic,
		LogGroup:                     f.logGroup,
		LoggingFormat:                format,
		ApplicationLogLevelV2:        props.ApplicationLogLevel,
		SystemLogLevelV2:             props.SystemLogLevel,
		DurableConfig:                durableConfig,
		CurrentVersionOptions:        &awslambda.VersionOptions{RemovalPolicy: awscdk.RemovalPolicy_RETAIN},
	})
	if aliasName != "" {
		f.version = f.fn.CurrentVersion()
	}
	lg, version := f.defaultChildren(ownLogGroup)

	if ownLogGroup && (props.LogGroupRemovalPolicy == "" || props.LogGroupRemovalPolicy == awscdk.RemovalPolicy_DESTROY) {
		// DESTROY is CloudFormation's default: write it as the generators do,
		// by leaving both policies out.
		lg.AddDeletionOverride(jsii.String("DeletionPolicy"))
		lg.AddDeletionOverride(jsii.String("UpdateReplacePolicy"))
	}
	// Retained, without UpdateReplacePolicy: as SAM's AutoPublishAlias and
	// the CloudFormation output write it. A version is replaced in place only
	// together with its function, which takes its versions with it.
	if version != nil {
		version.AddDeletionOverride(jsii.String("UpdateReplacePolicy"))
	}
	if props.KmsKey != nil && !opts.plain {
		key := props.KmsKey.KeyArn()
		f.cfnFunction().AddPropertyOverride(jsii.String("DurableConfig.KMSKeyArn"), key)
		f.useKey(*key, opts.fromModel)
	}
	// Tracing goes on the CfnFunction: through the L2 it would also add
	// X-Ray statements on "*" to the role, which has AWSXrayWriteOnlyAccess
	// instead (policies.ExecutionRoleManagedPolicies, as SAM does).
	if props.Tracing != "" && props.Tracing != awslambda.Tracing_DISABLED {
		f.cfnFunction().SetTracingConfig(&awslambda.CfnFunction_TracingConfigProperty{Mode: jsii.String(tracingMode(props.Tracing))})
	}
	if props.FunctionName != nil && !opts.plain {
		awscdk.Annotations_Of(f).AddWarningV2(jsii.String("@durablefn/durable:explicitFunctionName"), jsii.String(spec.ExplicitNameWarning), nil)
	}

	if aliasName != "" {
		aliasID := "Alias" + aliasName // as aws-cdk-lib's addAlias and SAM name it
		if spec.AliasError(aliasName) != "" {
			// Not a valid name, so a token (validate refuses anything else):
			// the ID cannot carry it.
			aliasID = "Alias"
		}
		f.alias = awslambda.NewAlias(f, jsii.String(aliasID), &awslambda.AliasProps{
			AliasName: jsii.String(aliasName),
			Version:   f.version,
		})
	}

	if !opts.fromModel {
		f.completeRole(props, needs)
	}
	if props.Events != nil {
		f.watchSources()
		for _, e := range *props.Events {
			f.AddEventSource(e)
		}
	}
	return f
}

// defaultChildren returns the CfnLogGroup (when the construct made the log
// group, ownLogGroup) and the CfnVersion, and keeps the CfnFunction, with
// one FindAll rather than Node().DefaultChild() on each (two calls each).
// What is below the function's own ID at this point is the construct's:
// the log group, the role, the L2 function and its version.
func (f *function) defaultChildren(ownLogGroup bool) (logGroup, version awscdk.CfnResource) {
	f.node = f.Node()
	for _, c := range *f.node.FindAll(constructs.ConstructOrder_PREORDER) {
		switch r := c.(type) {
		case awslogs.CfnLogGroup:
			logGroup = r
		case awslambda.CfnVersion:
			version = r
		case awslambda.CfnFunction:
			f.cfn = r
		}
	}
	if (logGroup == nil) == ownLogGroup || (version == nil) != (f.version == nil) || f.cfn == nil {
		// Not reached with aws-cdk-lib 2.276.0; a safety net for a release
		// that would build these differently.
		logGroup = nil
		if ownLogGroup {
			logGroup = f.logGroup.Node().DefaultChild().(awscdk.CfnResource)
		}
		version = nil
		if f.version != nil {
			version = f.version.Node().DefaultChild().(awscdk.CfnResource)
		}
		f.cfn = nil
	}
	return logGroup, version
}

// cfnFunction returns the function's CfnFunction.
func (f *function) cfnFunction() awslambda.CfnFunction {
	if f.cfn == nil {
		f.cfn = f.fn.Node().DefaultChild().(awslambda.CfnFunction)
	}
	return f.cfn
}

func logRemovalPolicy(p awscdk.RemovalPolicy) awscdk.RemovalPolicy {
	if p == "" {
		return awscdk.RemovalPolicy_DESTROY
	}
	return p
}

func tracingMode(t awslambda.Tracing) string {
	if t == awslambda.Tracing_PASS_THROUGH {
		return "PassThrough"
	}
	return "Active"
}

// UnqualifiedFunction, Version and Alias hand out what event sources can be
// added to: the function then looks for them at synth (watchSources).
func (f *function) UnqualifiedFunction() awslambda.Function { f.watchSources(); return f.fn }
func (f *function) Version() awslambda.Version              { f.watchSources(); return f.version }
func (f *function) Alias() awslambda.Alias                  { f.watchSources(); return f.alias }
func (f *function) LogGroup() awslogs.ILogGroup             { return f.logGroup }
func (f *function) Role() awsiam.IRole                      { return f.role }
func (f *function) GrantPrincipal() awsiam.IPrincipal       { return f.role }

// FunctionArn is read when first used: one call less for a function that
// is never referred to by ARN. The L2 keeps the token it returns, so every
// read gives the same one.
func (f *function) FunctionArn() *string {
	if f.arn == nil {
		f.arn = f.fn.FunctionArn()
	}
	return f.arn
}

// AliasArn is read when first used, like FunctionArn. A plain function
// without an alias (FromSpec) has none: its AliasArn is nil.
func (f *function) AliasArn() *string {
	if f.aliasArn == nil && f.alias != nil {
		f.aliasArn = f.alias.FunctionArn()
	}
	return f.aliasArn
}

func (f *function) ManagedPolicyNames() []string { return append([]string(nil), f.managed...) }

func (f *function) DurableInvokeTargets() []*string {
	out := make([]*string, len(f.grants.invokeTargets))
	for i, arn := range f.grants.invokeTargets {
		out[i] = jsii.String(arn)
	}
	return out
}

// invoked is what event sources and permissions go on: the alias, or a
// plain function without one.
func (f *function) invoked() awslambda.IFunction {
	if f.alias == nil {
		return f.fn
	}
	return f.alias
}

func (f *function) AddEventSource(source awslambda.IEventSource) {
	f.watchSources()
	f.invoked().AddEventSource(source)
}

func (f *function) AddEventSourceMapping(id *string, options *awslambda.EventSourceMappingOptions) awslambda.EventSourceMapping {
	f.watchSources()
	return f.invoked().AddEventSourceMapping(id, options)
}

func (f *function) AddPermission(id *string, permission *awslambda.Permission) {
	f.invoked().AddPermission(id, permission)
}

// watchSources registers the function as its own validation (Validate),
// once, when its executions may outlast a synchronous invocation and
// something may add an event source mapping to it: AddEventSource,
// AddEventSourceMapping, Events, or a caller holding its alias, version or
// L2 function. A function nothing can add a mapping to costs no call.
func (f *function) watchSources() {
	if f.watching || f.plain || f.execSeconds <= facts.MaxSyncExecutionTimeout {
		return
	}
	f.watching = true
	f.node.AddValidation(f)
}

// Validate (constructs.IValidation) annotates the spec's warning DF202 on a
// durable function whose
// executions may last longer than a synchronous invocation when an event
// source mapping (a synchronous invoker) invokes it. It runs when the app
// is validated, before synthesis, so that it sees the mappings added after
// construction too: through AddEventSource, through Alias().AddEventSource
// or Alias().AddEventSourceMapping, or a props Events entry; each is made
// below the function. (A mapping made elsewhere with the alias as target is
// found by the lint plugin's DL501.) It returns no error: a warning does
// not fail synthesis. The function is its own validation (registered only
// when its executions may outlast a synchronous invocation): no object more
// for jsii to create.
func (f *function) Validate() *[]*string {
	for _, child := range *f.node.FindAll(constructs.ConstructOrder_PREORDER) {
		if _, ok := child.(awslambda.CfnEventSourceMapping); ok {
			f.warnSync()
			break
		}
	}
	return &[]*string{}
}

// warnSync annotates the warning of Validate now, when f's executions may
// outlast a synchronous invocation (FromSpec calls it for the spec's SQS
// events). The annotation is added once: CDK does not repeat a message on
// one construct.
func (f *function) warnSync() {
	if f.plain {
		return
	}
	if msg := spec.SyncEventSourceWarning("an event source mapping", int(f.execSeconds), "ExecutionTimeout"); msg != "" {
		awscdk.Annotations_Of(f).AddWarningV2(jsii.String("@durablefn/durable:syncEventSource"), jsii.String(msg), nil)
	}
}

// logRetentions are the CDK names of facts.LogRetentionDays, by number of
// days (TestLogRetentionsCoverFacts checks that it has every one).
var logRetentions = map[int]awslogs.RetentionDays{
	1: awslogs.RetentionDays_ONE_DAY, 3: awslogs.RetentionDays_THREE_DAYS, 5: awslogs.RetentionDays_FIVE_DAYS,
	7: awslogs.RetentionDays_ONE_WEEK, 14: awslogs.RetentionDays_TWO_WEEKS, 30: awslogs.RetentionDays_ONE_MONTH,
	60: awslogs.RetentionDays_TWO_MONTHS, 90: awslogs.RetentionDays_THREE_MONTHS, 120: awslogs.RetentionDays_FOUR_MONTHS,
	150: awslogs.RetentionDays_FIVE_MONTHS, 180: awslogs.RetentionDays_SIX_MONTHS, 365: awslogs.RetentionDays_ONE_YEAR,
	400: awslogs.RetentionDays_THIRTEEN_MONTHS, 545: awslogs.RetentionDays_EIGHTEEN_MONTHS, 731: awslogs.RetentionDays_TWO_YEARS,
	1096: awslogs.RetentionDays_THREE_YEARS, 1827: awslogs.RetentionDays_FIVE_YEARS, 2192: awslogs.RetentionDays_SIX_YEARS,
	2557: awslogs.RetentionDays_SEVEN_YEARS, 2922: awslogs.RetentionDays_EIGHT_YEARS, 3288: awslogs.RetentionDays_NINE_YEARS,
	3653: awslogs.RetentionDays_TEN_YEARS,
}
