package durable_test

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsec2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsecr"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdaeventsources"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/jsii-runtime-go"

	"github.com/durablefn/durablefn/constructs/durable"
)

func managedPolicy(name string) interface{} {
	return map[string]interface{}{"Fn::Join": []interface{}{"", []interface{}{
		"arn:", map[string]interface{}{"Ref": "AWS::Partition"}, ":iam::aws:policy/" + name}}}
}

var durablePolicy = managedPolicy("service-role/AWSLambdaBasicDurableExecutionRolePolicy")

func TestDefaults(t *testing.T) {
	// GIVEN
	stack := newStack()

	// WHEN
	fn := durable.NewFunction(stack, jsii.String("Orders"), props())

	// THEN
	tpl := assertions.Template_FromStack(stack, nil)
	for typ, n := range map[string]float64{
		"AWS::Lambda::Function": 1, "AWS::Lambda::Version": 1, "AWS::Lambda::Alias": 1,
		"AWS::Logs::LogGroup": 1, "AWS::IAM::Role": 1, "AWS::IAM::Policy": 0,
	} {
		tpl.ResourceCountIs(jsii.String(typ), jsii.Number(n))
	}
	tpl.HasResourceProperties(jsii.String("AWS::Lambda::Function"), obj(map[string]interface{}{
		"DurableConfig": map[string]interface{}{"ExecutionTimeout": 3600, "RetentionPeriodInDays": 14},
		"LoggingConfig": map[string]interface{}{"LogFormat": "JSON", "LogGroup": resolve(stack, fn.LogGroup().LogGroupName())},
		"Role":          resolve(stack, fn.Role().RoleArn()),
	}))
	tpl.HasResource(jsii.String("AWS::Logs::LogGroup"), map[string]interface{}{
		"Properties":          map[string]interface{}{"RetentionInDays": 30},
		"DeletionPolicy":      assertions.Match_Absent(),
		"UpdateReplacePolicy": assertions.Match_Absent(),
	})
	tpl.HasResource(jsii.String("AWS::Lambda::Version"), map[string]interface{}{
		"DeletionPolicy":      "Retain",
		"UpdateReplacePolicy": assertions.Match_Absent(),
	})
	tpl.HasResourceProperties(jsii.String("AWS::Lambda::Alias"), map[string]interface{}{
		"Name":            "live",
		"FunctionName":    resolve(stack, fn.UnqualifiedFunction().FunctionName()),
		"FunctionVersion": resolve(stack, fn.Version().Version()),
	})
	tpl.HasResourceProperties(jsii.String("AWS::IAM::Role"), map[string]interface{}{
		"AssumeRolePolicyDocument": obj(map[string]interface{}{"Statement": []interface{}{map[string]interface{}{
			"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": map[string]interface{}{"Service": "lambda.amazonaws.com"}}}}),
		"ManagedPolicyArns": []interface{}{durablePolicy},
	})
	if got, want := stack.Resolve(fn.AliasArn()).(map[string]interface{})["Ref"], *stack.GetLogicalId(fn.Alias().Node().DefaultChild().(awscdk.CfnElement)); got != want {
		t.Errorf("AliasArn refers to %s, want the alias %s", got, want)
	}
}

// TestProps checks every optional prop, one at a time.
func TestProps(t *testing.T) {
	tests := []struct {
		name   string
		change func(stack awscdk.Stack, p *durable.FunctionProps)
		// function holds properties the AWS::Lambda::Function must have.
		function func(stack awscdk.Stack) map[string]interface{}
		// then checks anything else.
		then func(t *testing.T, stack awscdk.Stack, tpl assertions.Template)
	}{
		{
			name: "RetentionPeriod",
			change: func(_ awscdk.Stack, p *durable.FunctionProps) {
				p.RetentionPeriod = awscdk.Duration_Days(jsii.Number(90))
			},
			function: fnProps("DurableConfig", map[string]interface{}{"ExecutionTimeout": 3600, "RetentionPeriodInDays": 90}),
		},
		{
			name: "KmsKey",
			change: func(stack awscdk.Stack, p *durable.FunctionProps) {
				p.KmsKey = awskms.Key_FromKeyArn(stack, jsii.String("Key"), jsii.String("arn:aws:kms:us-east-1:123456789012:key/abc"))
			},
			function: fnProps("DurableConfig", obj(map[string]interface{}{"KMSKeyArn": "arn:aws:kms:us-east-1:123456789012:key/abc"})),
		},
		{
			name:   "AliasName",
			change: func(_ awscdk.Stack, p *durable.FunctionProps) { p.AliasName = jsii.String("prod") },
			then: func(t *testing.T, _ awscdk.Stack, tpl assertions.Template) {
				tpl.HasResourceProperties(jsii.String("AWS::Lambda::Alias"), obj(map[string]interface{}{"Name": "prod"}))
			},
		},
		{
			name:   "LogGroupRetention",
			change: func(_ awscdk.Stack, p *durable.FunctionProps) { p.LogGroupRetention = awslogs.RetentionDays_ONE_YEAR },
			then: func(t *testing.T, _ awscdk.Stack, tpl assertions.Template) {
				tpl.HasResourceProperties(jsii.String("AWS::Logs::LogGroup"), map[string]interface{}{"RetentionInDays": 365})
			},
		},
		{
			name:   "LogGroupRemovalPolicy",
			change: func(_ awscdk.Stack, p *durable.FunctionProps) { p.LogGroupRemovalPolicy = awscdk.RemovalPolicy_RETAIN },
			then: func(t *testing.T, _ awscdk.Stack, tpl assertions.Template) {
				tpl.HasResource(jsii.String("AWS::Logs::LogGroup"), obj(map[string]interface{}{"DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain"}))
			},
		},
		{
			name: "LogGroup",
			change: func(stack awscdk.Stack, p *durable.FunctionProps) {
				p.LogGroup = awslogs.NewLogGroup(stack, jsii.String("Shared"), &awslogs.LogGroupProps{Retention: awslogs.RetentionDays_ONE_WEEK})
			},
			then: func(t *testing.T, stack awscdk.Stack, tpl assertions.Template) {
				shared := stack.Node().FindChild(jsii.String("Shared")).(awslogs.LogGroup)
				tpl.ResourceCountIs(jsii.String("AWS::Logs::LogGroup"), jsii.Number(1))
				tpl.HasResourceProperties(jsii.String("AWS::Logs::LogGroup"), map[string]interface{}{"RetentionInDays": 7})
				tpl.HasResourceProperties(jsii.String("AWS::Lambda::Function"), obj(map[string]interface{}{
					"LoggingConfig": obj(map[string]interface{}{"LogGroup": resolve(stack, shared.LogGroupName())}),
				}))
			},
		},
		{
			name: "LoggingFormat and log levels",
			change: func(_ awscdk.Stack, p *durable.FunctionProps) {
				p.ApplicationLogLevel = awslambda.ApplicationLogLevel_WARN
				p.SystemLogLevel = awslambda.SystemLogLevel_DEBUG
			},
			function: fnProps("LoggingConfig", obj(map[string]interface{}{"LogFormat": "JSON", "ApplicationLogLevel": "WARN", "SystemLogLevel": "DEBUG"})),
		},
		{
			name:     "LoggingFormat TEXT",
			change:   func(_ awscdk.Stack, p *durable.FunctionProps) { p.LoggingFormat = awslambda.LoggingFormat_TEXT },
			function: fnProps("LoggingConfig", obj(map[string]interface{}{"LogFormat": "Text"})),
		},
		{
			name:     "Description",
			change:   func(_ awscdk.Stack, p *durable.FunctionProps) { p.Description = jsii.String("order saga") },
			function: fnProps("Description", "order saga"),
		},
		{
			name:     "MemorySize",
			change:   func(_ awscdk.Stack, p *durable.FunctionProps) { p.MemorySize = jsii.Number(512) },
			function: fnProps("MemorySize", 512),
		},
		{
			name:     "Timeout",
			change:   func(_ awscdk.Stack, p *durable.FunctionProps) { p.Timeout = awscdk.Duration_Minutes(jsii.Number(2)) },
			function: fnProps("Timeout", 120),
		},
		{
			name:     "Architecture",
			change:   func(_ awscdk.Stack, p *durable.FunctionProps) { p.Architecture = awslambda.Architecture_ARM_64() },
			function: fnProps("Architectures", []interface{}{"arm64"}),
		},
		{
			name: "Environment",
			change: func(_ awscdk.Stack, p *durable.FunctionProps) {
				p.Environment = &map[string]*string{"TABLE": jsii.String("orders")}
			},
			function: fnProps("Environment", map[string]interface{}{"Variables": map[string]interface{}{"TABLE": "orders"}}),
		},
		{
			name: "Layers",
			change: func(stack awscdk.Stack, p *durable.FunctionProps) {
				p.Layers = &[]awslambda.ILayerVersion{awslambda.LayerVersion_FromLayerVersionArn(stack, jsii.String("L"),
					jsii.String("arn:aws:lambda:us-east-1:123456789012:layer:shared:3"))}
			},
			function: fnProps("Layers", []interface{}{"arn:aws:lambda:us-east-1:123456789012:layer:shared:3"}),
		},
		{
			name:     "Tracing",
			change:   func(_ awscdk.Stack, p *durable.FunctionProps) { p.Tracing = awslambda.Tracing_ACTIVE },
			function: fnProps("TracingConfig", map[string]interface{}{"Mode": "Active"}),
			then: func(t *testing.T, _ awscdk.Stack, tpl assertions.Template) {
				tpl.HasResourceProperties(jsii.String("AWS::IAM::Role"), obj(map[string]interface{}{
					"ManagedPolicyArns": []interface{}{durablePolicy, managedPolicy("AWSXrayWriteOnlyAccess")},
				}))
				tpl.ResourceCountIs(jsii.String("AWS::IAM::Policy"), jsii.Number(0)) // no X-Ray statements on "*"
			},
		},
		{
			name:     "ReservedConcurrentExecutions",
			change:   func(_ awscdk.Stack, p *durable.FunctionProps) { p.ReservedConcurrentExecutions = jsii.Number(0) },
			function: fnProps("ReservedConcurrentExecutions", 0),
		},
		{
			name: "Vpc",
			change: func(stack awscdk.Stack, p *durable.FunctionProps) {
				p.Vpc = awsec2.NewVpc(stack, jsii.String("Vpc"), &awsec2.VpcProps{MaxAzs: jsii.Number(1), NatGateways: jsii.Number(0),
					SubnetConfiguration: &[]*awsec2.SubnetConfiguration{{Name: jsii.String("isolated"), SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}}})
				p.VpcSubnets = &awsec2.SubnetSelection{SubnetType: awsec2.SubnetType_PRIVATE_ISOLATED}
			},
			function: fnProps("VpcConfig", obj(map[string]interface{}{"SubnetIds": assertions.Match_AnyValue()})),
			then: func(t *testing.T, _ awscdk.Stack, tpl assertions.Template) {
				tpl.HasResourceProperties(jsii.String("AWS::IAM::Role"), obj(map[string]interface{}{
					"ManagedPolicyArns": []interface{}{durablePolicy, managedPolicy("service-role/AWSLambdaVPCAccessExecutionRole")},
				}))
			},
		},
		{
			name: "DeadLetterQueue",
			change: func(stack awscdk.Stack, p *durable.FunctionProps) {
				p.DeadLetterQueue = awssqs.Queue_FromQueueArn(stack, jsii.String("Q"), jsii.String("arn:aws:sqs:us-east-1:123456789012:dlq"))
			},
			function: fnProps("DeadLetterConfig", map[string]interface{}{"TargetArn": "arn:aws:sqs:us-east-1:123456789012:dlq"}),
			then: func(t *testing.T, stack awscdk.Stack, tpl assertions.Template) {
				hasStatement(t, stack, assertions.Match_AnyValue(), []string{"sqs:SendMessage"}, "arn:aws:sqs:us-east-1:123456789012:dlq")
			},
		},
		{
			name: "DeadLetterTopic",
			change: func(stack awscdk.Stack, p *durable.FunctionProps) {
				p.DeadLetterTopic = awssns.Topic_FromTopicArn(stack, jsii.String("T"), jsii.String("arn:aws:sns:us-east-1:123456789012:dlq"))
			},
			function: fnProps("DeadLetterConfig", map[string]interface{}{"TargetArn": "arn:aws:sns:us-east-1:123456789012:dlq"}),
			then: func(t *testing.T, stack awscdk.Stack, tpl assertions.Template) {
				hasStatement(t, stack, assertions.Match_AnyValue(), []string{"sns:Publish"}, "arn:aws:sns:us-east-1:123456789012:dlq")
			},
		},
		{
			name: "FunctionName",
			change: func(_ awscdk.Stack, p *durable.FunctionProps) {
				p.FunctionName = jsii.String("orders")
			},
			function: fnProps("FunctionName", "orders"),
			then: func(t *testing.T, stack awscdk.Stack, _ assertions.Template) {
				assertions.Annotations_FromStack(stack).HasWarning(jsii.String("/Test/Orders"),
					assertions.Match_StringLikeRegexp(jsii.String("an explicit name on a durable function makes any replacement fail")))
			},
		},
		{
			name: "Runtime and Handler FROM_IMAGE",
			change: func(stack awscdk.Stack, p *durable.FunctionProps) {
				p.Runtime = awslambda.Runtime_FROM_IMAGE()
				p.Handler = awslambda.Handler_FROM_IMAGE()
				p.Code = awslambda.Code_FromEcrImage(awsecr.Repository_FromRepositoryName(stack, jsii.String("Repo"), jsii.String("worker")), nil)
			},
			function: fnProps("PackageType", "Image"),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// GIVEN
			stack := newStack()
			p := props()
			tc.change(stack, p)

			// WHEN
			durable.NewFunction(stack, jsii.String("Orders"), p)

			// THEN
			tpl := assertions.Template_FromStack(stack, nil)
			if tc.function != nil {
				tpl.HasResourceProperties(jsii.String("AWS::Lambda::Function"), obj(tc.function(stack)))
			}
			if tc.then != nil {
				tc.then(t, stack, tpl)
			}
		})
	}
}

func fnProps(key string, value interface{}) func(awscdk.Stack) map[string]interface{} {
	return func(awscdk.Stack) map[string]interface{} { return map[string]interface{}{key: value} }
}

func TestLeastPrivilege(t *testing.T) {
	// GIVEN
	stack := newStack()

	// WHEN
	fn := durable.NewFunction(stack, jsii.String("Orders"), props(func(p *durable.FunctionProps) { p.LeastPrivilege = jsii.Bool(true) }))

	// THEN
	tpl := assertions.Template_FromStack(stack, nil)
	tpl.HasResourceProperties(jsii.String("AWS::IAM::Role"), obj(map[string]interface{}{"ManagedPolicyArns": assertions.Match_Absent()}))
	role := []interface{}{resolve(stack, fn.Role().RoleName())}
	hasStatement(t, stack, role, []string{"lambda:CheckpointDurableExecution", "lambda:GetDurableExecutionState"},
		resolve(stack, jsii.String(*fn.FunctionArn()+":*")))
	hasStatement(t, stack, role, []string{"logs:CreateLogStream", "logs:PutLogEvents"}, resolve(stack, fn.LogGroup().LogGroupArn()))
}

func TestExistingRole(t *testing.T) {
	t.Run("of the app: gets the durable managed policy", func(t *testing.T) {
		// GIVEN
		stack := newStack()
		role := awsiam.NewRole(stack, jsii.String("Mine"), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil)})

		// WHEN
		fn := durable.NewFunction(stack, jsii.String("Orders"), props(func(p *durable.FunctionProps) { p.Role = role }))

		// THEN
		tpl := assertions.Template_FromStack(stack, nil)
		tpl.ResourceCountIs(jsii.String("AWS::IAM::Role"), jsii.Number(1))
		tpl.HasResourceProperties(jsii.String("AWS::IAM::Role"), obj(map[string]interface{}{"ManagedPolicyArns": []interface{}{durablePolicy}}))
		if fn.Role() != role {
			t.Error("Role() is not the role passed in")
		}
	})
	t.Run("of the app, least privilege: gets the statements", func(t *testing.T) {
		// GIVEN
		stack := newStack()
		role := awsiam.NewRole(stack, jsii.String("Mine"), &awsiam.RoleProps{AssumedBy: awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil)})

		// WHEN
		fn := durable.NewFunction(stack, jsii.String("Orders"), props(func(p *durable.FunctionProps) {
			p.Role = role
			p.LeastPrivilege = jsii.Bool(true)
		}))

		// THEN
		tpl := assertions.Template_FromStack(stack, nil)
		tpl.HasResourceProperties(jsii.String("AWS::IAM::Role"), obj(map[string]interface{}{"ManagedPolicyArns": assertions.Match_Absent()}))
		hasStatement(t, stack, []interface{}{resolve(stack, role.RoleName())},
			[]string{"lambda:CheckpointDurableExecution", "lambda:GetDurableExecutionState"}, resolve(stack, jsii.String(*fn.FunctionArn()+":*")))
	})
	t.Run("imported: gets the least-privilege statements", func(t *testing.T) {
		// GIVEN
		stack := newStack()
		role := awsiam.Role_FromRoleArn(stack, jsii.String("Theirs"), jsii.String("arn:aws:iam::123456789012:role/shared-lambda"), nil)

		// WHEN
		fn := durable.NewFunction(stack, jsii.String("Orders"), props(func(p *durable.FunctionProps) { p.Role = role }))

		// THEN
		tpl := assertions.Template_FromStack(stack, nil)
		tpl.ResourceCountIs(jsii.String("AWS::IAM::Role"), jsii.Number(0))
		hasStatement(t, stack, []interface{}{"shared-lambda"},
			[]string{"lambda:CheckpointDurableExecution", "lambda:GetDurableExecutionState"}, resolve(stack, jsii.String(*fn.FunctionArn()+":*")))
		assertions.Annotations_FromStack(stack).HasInfo(jsii.String("/Test/Orders"), assertions.Match_StringLikeRegexp(jsii.String("the role is imported")))
	})
}

func TestEventSourcesAndPermissionsOnTheAlias(t *testing.T) {
	// GIVEN
	stack := newStack()
	fn := durable.NewFunction(stack, jsii.String("Orders"), props(func(p *durable.FunctionProps) {
		p.ExecutionTimeout = awscdk.Duration_Days(jsii.Number(7))
	}))

	// WHEN
	fn.AddEventSourceMapping(jsii.String("Queue"), &awslambda.EventSourceMappingOptions{
		EventSourceArn: jsii.String("arn:aws:sqs:us-east-1:123456789012:orders"),
	})
	fn.AddPermission(jsii.String("Sns"), &awslambda.Permission{Principal: awsiam.NewServicePrincipal(jsii.String("sns.amazonaws.com"), nil)})

	// THEN
	tpl := assertions.Template_FromStack(stack, nil)
	tpl.HasResourceProperties(jsii.String("AWS::Lambda::Permission"), obj(map[string]interface{}{
		"FunctionName": resolve(stack, fn.AliasArn()), "Principal": "sns.amazonaws.com",
	}))
	tpl.HasResourceProperties(jsii.String("AWS::Lambda::EventSourceMapping"), obj(map[string]interface{}{
		"FunctionName": resolve(stack, fn.Alias().FunctionName()),
	}))
	assertions.Annotations_FromStack(stack).HasWarning(jsii.String("/Test/Orders"),
		assertions.Match_StringLikeRegexp(jsii.String("synchronous invocations end after 15m; ExecutionTimeout is 7d")))
}

// The warning of the CLI for an SQS source on a long-running function
// (DF202) holds for a source added after construction, through the alias,
// as it does through AddEventSource; a function whose executions fit in a
// synchronous invocation gets none.
func TestSyncSourceAddedLaterWarns(t *testing.T) {
	for _, tc := range []struct {
		name    string
		timeout awscdk.Duration
		warns   bool
	}{
		{"35 days", awscdk.Duration_Days(jsii.Number(35)), true},
		{"15 minutes", awscdk.Duration_Minutes(jsii.Number(15)), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// GIVEN
			stack := newStack()
			fn := durable.NewFunction(stack, jsii.String("Orders"), props(func(p *durable.FunctionProps) { p.ExecutionTimeout = tc.timeout }))

			// WHEN
			queue := awssqs.NewQueue(stack, jsii.String("Inbox"), nil)
			fn.Alias().AddEventSource(awslambdaeventsources.NewSqsEventSource(queue, nil))

			// THEN
			found := assertions.Annotations_FromStack(stack).FindWarning(jsii.String("/Test/Orders"),
				assertions.Match_StringLikeRegexp(jsii.String("an event source mapping invokes synchronously, and synchronous invocations end after 15m; ExecutionTimeout is 35d")))
			if got := len(*found) > 0; got != tc.warns {
				t.Errorf("warned %v, want %v", got, tc.warns)
			}
		})
	}
}

// A source in props (Events) warns as one added later does.
func TestSyncSourceInPropsWarns(t *testing.T) {
	// GIVEN
	stack := newStack()
	queue := awssqs.NewQueue(stack, jsii.String("Inbox"), nil)

	// WHEN
	durable.NewFunction(stack, jsii.String("Orders"), props(func(p *durable.FunctionProps) {
		p.ExecutionTimeout = awscdk.Duration_Days(jsii.Number(35))
		p.Events = &[]awslambda.IEventSource{awslambdaeventsources.NewSqsEventSource(queue, nil)}
	}))

	// THEN
	assertions.Annotations_FromStack(stack).HasWarning(jsii.String("/Test/Orders"),
		assertions.Match_StringLikeRegexp(jsii.String("an event source mapping invokes synchronously")))
}
