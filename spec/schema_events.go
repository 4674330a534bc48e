package spec

import (
	"fmt"
	"strings"

	"github.com/durablefn/durablefn/facts"
)

// The schema of a function's events: one closed object per kind, exactly
// one kind per event, each field as decode_events.go reads it and
// validate_events.go checks it. Every resource an event makes targets the
// alias (the function when it has none): a durable function cannot be
// invoked through its unqualified ARN, and AWS::Lambda::Permission refuses
// $LATEST.

// onAlias ends the description of every kind.
const onAlias = " Every target, FunctionName, Endpoint and permission is the alias (the function when it has none), never the unqualified function or $LATEST."

func eventSchema() object {
	return object{
		"description": "One event source: exactly one of " + strings.Join(eventKeys[:], ", ") + ". Its resources are named <Fn><Event>.",
		"oneOf": []object{
			kindSchema("sqs", sqsSchema()),
			kindSchema("schedule", pattern("An EventBridge rule with a schedule expression, rate(1 hour) or cron(0 12 * * ? *), that invokes asynchronously. CloudFormation and CDK: an AWS::Events::Rule targeting the alias and an AWS::Lambda::Permission on the alias with SourceArn the rule; SAM: a Schedule event."+onAlias, facts.ScheduleExpressionPattern.String())),
			kindSchema("http", httpSchema()),
			kindSchema("functionUrl", functionURLSchema()),
			kindSchema("rule", ruleSchema()),
			kindSchema("scheduler", schedulerSchema()),
			kindSchema("sns", snsSchema()),
			kindSchema("s3", s3Schema()),
			kindSchema("dynamodb", streamSchema(EventDynamoDB)),
			kindSchema("kinesis", streamSchema(EventKinesis)),
		},
	}
}

// kindSchema is an event of one kind: an object whose only key is the
// kind's.
func kindSchema(key string, body object) object {
	return closed("An event of kind "+key+".", object{key: body}, key)
}

// syncWarning is the sentence on a synchronous source's warning.
func syncWarning(limit int, what string) string {
	return fmt.Sprintf(" It invokes synchronously: a durable function whose durable.executionTimeout is over %s gets a warning (DF202), as %s after %s; put a plain starter function in front (see the spec reference).", FormatDuration(limit), what, FormatDuration(limit))
}

// durationIn is a duration field bounded lo … hi seconds: integer seconds,
// or a duration string (whose bound the schema does not check).
func durationIn(desc string, lo, hi int) object {
	return object{
		"description": desc,
		"oneOf": []object{
			intRange("Seconds.", lo, hi),
			pattern(fmt.Sprintf("A duration such as 30s, 5m or 1h (each unit once, largest first), %s … %s.", FormatDuration(lo), FormatDuration(hi)), durationRE.String()),
		},
	}
}

// intrinsicShaped matches a mapping the decoder reads as an intrinsic
// function: one key, Ref or Fn::….
func intrinsicShaped() object {
	var names []string
	for _, n := range intrinsicNames() {
		if n == "Ref" || strings.HasPrefix(n, "Fn::") {
			names = append(names, n)
		}
	}
	return object{"minProperties": 1, "maxProperties": 1, "propertyNames": object{"enum": names}}
}

// plainMapping is a mapping of plain data, not an intrinsic function.
func plainMapping(desc string) object {
	return object{"type": "object", "description": desc, "not": intrinsicShaped()}
}

// jsonInput is a target's constant input: JSON text (or an intrinsic that
// gives it), or a mapping or list written as its JSON text.
func jsonInput(desc string) object {
	return object{
		"description": desc,
		"anyOf": []object{
			{"type": "string", "minLength": 1},
			{"type": []string{"number", "boolean"}},
			plainMapping("A mapping, written as its JSON text; no intrinsic function inside."),
			{"type": "array"},
			{"$ref": "#/$defs/valueIntrinsic"},
		},
	}
}

func sqsSchema() object {
	zero := object{"anyOf": []object{{"const": 0}, {"type": "string", "pattern": "^(0+[smhd])+$"}}}
	s := closed("An SQS queue read by an event source mapping. CloudFormation and CDK: an AWS::Lambda::EventSourceMapping <Fn><Event> whose FunctionName is the alias; the role gets "+strings.TrimPrefix(facts.SQSManagedPolicyName, "service-role/")+". SAM: an SQS event."+syncWarning(facts.MaxSyncExecutionTimeout, "synchronous invocations end")+onAlias, object{
		"queueArn":  valueOf("The queue ARN (arn:aws:sqs:REGION:ACCOUNT:NAME), or an intrinsic function such as !GetAtt Queue.Arn of a queue in resources. Required. Output: EventSourceArn (SAM: Queue).", literalLike("arn:", facts.SQSQueueARNPattern.String())),
		"batchSize": intRange(fmt.Sprintf("Messages per invocation, 1 … %d; over 10 needs maximumBatchingWindow of 1s at least. Default: Lambda's (10). Output: BatchSize.", facts.MaxBatchSize), 1, facts.MaxBatchSize),
		"maximumBatchingWindow": durationIn(fmt.Sprintf("How long Lambda gathers messages before it invokes, 0s … %s. Default: Lambda's (none). Output: MaximumBatchingWindowInSeconds.", FormatDuration(facts.MaxBatchingWindow)),
			0, facts.MaxBatchingWindow),
		"maximumConcurrency": intRange(fmt.Sprintf("The most concurrent invocations the queue drives, %d … %d. Default: none. Output: ScalingConfig.MaximumConcurrency.", facts.MinMaximumConcurrency, facts.MaxMaximumConcurrency),
			facts.MinMaximumConcurrency, facts.MaxMaximumConcurrency),
		"reportBatchItemFailures": object{"type": "boolean", "default": false,
			"description": "The function returns the items of the batch that failed ({batchItemFailures: [{itemIdentifier: ID}]}), and only those are retried. Default: false. Output: FunctionResponseTypes [ReportBatchItemFailures]."},
		"filterCriteria": object{
			"type":        "array",
			"maxItems":    facts.MaxFilters,
			"description": fmt.Sprintf("Event filter patterns, at most %d: a message that matches none is dropped. Each a mapping (constant values only) or its JSON text. Default: none. Output: FilterCriteria.Filters[].Pattern, the JSON text (SAM: FilterCriteria).", facts.MaxFilters),
			"items": object{"description": "A filter pattern, such as {body: {kind: [order]}}.", "anyOf": []object{
				plainMapping("A filter pattern as a mapping."), {"type": "string", "minLength": 1},
			}},
		},
	}, "queueArn")
	// A batch of more than 10 messages needs a batching window of 1 s at least.
	s["if"] = object{"properties": object{"batchSize": object{"minimum": 11}}, "required": []string{"batchSize"}}
	s["then"] = object{"required": []string{"maximumBatchingWindow"}, "properties": object{"maximumBatchingWindow": object{"not": zero}}}
	return s
}

func httpSchema() object {
	s := closed(fmt.Sprintf("A route of an API Gateway HTTP API. Without apiId, the stack's own HTTP API ServerlessHttpApi (an OpenAPI body, the $default stage auto-deployed) gets the route, integrated with the alias (payload format %s), and an AWS::Lambda::Permission on the alias scoped to the route; SAM: an HttpApi event; auth iam makes an AWS_IAM authorizer. With apiId: an AWS::ApiGatewayV2::Integration, Route and Permission on that existing API, in SAM too (the API needs an auto-deployed stage). CDK: the same resources.", facts.HTTPAPIPayloadFormat)+
		syncWarning(facts.MaxHTTPAPIIntegrationTimeout, "API Gateway gives up on the integration and answers 503")+onAlias, object{
		"method": enum("The HTTP method; ANY matches every method. Required. Output: the route key's method.", facts.HTTPMethods),
		"path": object{
			"type":        "string",
			"pattern":     facts.HTTPPathPattern.String(),
			"not":         object{"pattern": `\+\}.`},
			"description": "The route's path: / or segments of letters, digits and -._~, or a {parameter}; a greedy {name+} parameter only last. Required. Output: the route key's path.",
		},
		"apiId": valueOf("The ID of an existing HTTP API, or an intrinsic function such as !Ref Api or !ImportValue. Default: the stack's own ServerlessHttpApi. Output: ApiId of the integration and the route.", object{"type": "string", "minLength": 1}),
		"auth": described("Who may call the route: none, or iam (SigV4-signed requests; an AWS_IAM authorizer). Default: none. Output: the route's AuthorizationType (NONE or AWS_IAM; SAM: Auth.Authorizer AWS_IAM).",
			object{"enum": HTTPAuthModes, "default": HTTPAuthModes[0]}),
	}, "method", "path")
	return s
}

func functionURLSchema() object {
	strs := func(desc string) object { return list(desc, object{"type": "string", "minLength": 1}) }
	return closed("The function URL of the alias: an AWS::Lambda::Url <Fn>Url whose TargetFunctionArn is the alias ARN, and an output <Fn>FunctionUrl; with auth NONE, two AWS::Lambda::Permission on the alias to *: lambda:InvokeFunctionUrl (FunctionUrlAuthType NONE) and lambda:InvokeFunction (InvokedViaFunctionUrl). SAM: FunctionUrlConfig. CDK: the same resources. A function has one function URL at most."+
		syncWarning(facts.MaxSyncExecutionTimeout, "synchronous invocations end")+onAlias, object{
		"auth": described(fmt.Sprintf("Who may call the URL: %s (SigV4-signed requests by principals allowed lambda:InvokeFunctionUrl on the alias) or %s (anyone). Default: %[1]s. Output: AuthType.", facts.FunctionURLAuthTypes[0], facts.FunctionURLAuthTypes[1]),
			object{"enum": facts.FunctionURLAuthTypes, "default": facts.FunctionURLAuthTypes[0]}),
		"cors": closed("Cross-origin resource sharing. Default: none. Output: Cors.", object{
			"allowOrigins":     strs("Origins allowed, such as https://example.com or *. Output: Cors.AllowOrigins."),
			"allowMethods":     strs("Methods allowed, such as POST or *. Output: Cors.AllowMethods."),
			"allowHeaders":     strs("Request headers allowed. Output: Cors.AllowHeaders."),
			"exposeHeaders":    strs("Response headers exposed to the caller. Output: Cors.ExposeHeaders."),
			"allowCredentials": object{"type": "boolean", "description": "Whether cookies and credentials are allowed. Default: false. Output: Cors.AllowCredentials."},
			"maxAge": durationIn(fmt.Sprintf("How long a browser caches a preflight answer, 0s … %s. Default: none. Output: Cors.MaxAge in seconds.", FormatDuration(facts.MaxFunctionURLCorsMaxAge)),
				0, facts.MaxFunctionURLCorsMaxAge),
		}),
	})
}

func ruleSchema() object {
	s := closed("An EventBridge rule with an event pattern, on the default or a named bus, that invokes asynchronously. CloudFormation and CDK: an AWS::Events::Rule <Fn><Event> (EventPattern, EventBusName) with a target on the alias (Input or InputPath) and an AWS::Lambda::Permission on the alias with SourceArn the rule. SAM: an EventBridgeRule event."+onAlias, object{
		"pattern": described(fmt.Sprintf("The event pattern, such as {source: [my.app], detail-type: [OrderPlaced]}: a mapping of constant values, at most %d bytes as JSON. Required. Output: EventPattern.", facts.MaxEventPatternBytes),
			plainMapping("")),
		"bus": valueOf("The bus's name or ARN, or an intrinsic function such as !Ref Bus of a bus in resources. Default: the default bus. Output: EventBusName.",
			object{"type": "string", "minLength": 1, "anyOf": []object{{"pattern": facts.EventBusNamePattern.String()}, {"pattern": `\$\{`}}}),
		"input":     jsonInput(fmt.Sprintf("A constant input the target receives instead of the event: JSON text, a mapping (written as its JSON text; constant values only), or an intrinsic function that gives the text (!Sub). At most %d bytes. Not with inputPath. Default: the event itself. Output: the target's Input.", facts.MaxTargetInputBytes)),
		"inputPath": str("A JSONPath to the part of the event the target receives, such as $.detail. Not with input. Default: the whole event. Output: the target's InputPath."),
	}, "pattern")
	s["not"] = object{"required": []string{"input", "inputPath"}}
	return s
}

func schedulerSchema() object {
	window := object{
		"description": fmt.Sprintf("How far after the scheduled time the invocation may start, in whole minutes, 1m … %s: integer seconds (a multiple of 60) or a duration such as 15m. Default: none (FlexibleTimeWindow Mode OFF). Output: FlexibleTimeWindow {Mode: FLEXIBLE, MaximumWindowInMinutes}.", FormatDuration(facts.MaxFlexibleWindowMinutes*60)),
		"oneOf": []object{
			{"type": "integer", "minimum": 60, "maximum": facts.MaxFlexibleWindowMinutes * 60, "multipleOf": 60, "description": "Seconds, a multiple of 60."},
			pattern("A duration in whole minutes, such as 15m or 1h.", durationRE.String()),
		},
	}
	return closed("An EventBridge Scheduler schedule that invokes asynchronously. CloudFormation and CDK: an AWS::Scheduler::Schedule <Fn><Event> without a Name (CloudFormation names it per stack, so one spec deploys as several stacks in an account), with its Target on the alias and a role <Fn><Event>Role that scheduler.amazonaws.com assumes, allowed lambda:InvokeFunction on the alias only. SAM: a ScheduleV2 event with OmitName. Keep schedule for the EventBridge rule form."+onAlias, object{
		"expression":     pattern("rate(1 hour), cron(0 12 * * ? *) or a one-time at(2027-01-01T09:00:00). Required. Output: ScheduleExpression.", facts.SchedulerExpressionPattern.String()),
		"timezone":       pattern("An IANA time zone for cron and at expressions, such as Europe/Paris. Default: UTC. Output: ScheduleExpressionTimezone.", facts.TimezonePattern.String()),
		"input":          jsonInput(fmt.Sprintf("A constant input the function receives: JSON text, a mapping (written as its JSON text; constant values only), or an intrinsic function that gives the text. At most %d bytes. Default: none (Scheduler sends {}). Output: Target.Input.", facts.MaxTargetInputBytes)),
		"flexibleWindow": window,
	}, "expression")
}

func snsSchema() object {
	return closed("A subscription to an SNS topic, which invokes asynchronously. CloudFormation and CDK: an AWS::SNS::Subscription <Fn><Event> (Protocol lambda, Endpoint the alias, FilterPolicy) and an AWS::Lambda::Permission on the alias with SourceArn the topic. SAM: an SNS event."+onAlias, object{
		"topic": valueOf("The topic's ARN (arn:aws:sns:REGION:ACCOUNT:NAME), or an intrinsic function such as !Ref Topic of a topic in resources. Required. Output: TopicArn and the permission's SourceArn.",
			literalLike("arn:", facts.SNSTopicARNPattern.String())),
		"filterPolicy": described(fmt.Sprintf("The subscription's filter policy on message attributes, such as {kind: [order]}: a mapping of constant values, at most %d bytes as JSON. Default: every message. Output: FilterPolicy.", facts.MaxEventPatternBytes),
			plainMapping("")),
	}, "topic")
}

func s3Schema() object {
	// The decoder takes the bucket only as !Ref of a bucket of resources:
	// an editor sees !Ref Bucket as the string Bucket.
	bucket := object{
		"description": "!Ref Bucket, naming an AWS::S3::Bucket of resources: a bucket of another stack cannot be given (CloudFormation configures notifications on the bucket itself). Required.",
		"oneOf": []object{
			{"type": "string", "pattern": facts.LogicalIDPattern.String(), "description": "!Ref Bucket, as an editor sees it."},
			{"type": "object", "description": "{Ref: Bucket}.", "required": []string{"Ref"}, "propertyNames": object{"const": "Ref"},
				"patternProperties": object{"^Ref$": object{"type": "string", "pattern": facts.LogicalIDPattern.String()}}},
		},
	}
	return closed("Notifications of a bucket of this spec's resources, which invoke asynchronously. CloudFormation and CDK: the bucket gets NotificationConfiguration.LambdaConfigurations (one per event type, Function the alias, Filter.S3Key prefix and suffix) and DependsOn the permission; the AWS::Lambda::Permission on the alias has SourceAccount, and no SourceArn, which would form a circular dependency. SAM: an S3 event."+onAlias, object{
		"bucket": bucket,
		"events": object{
			"type": "array", "minItems": 1,
			"description": "The S3 event types, such as s3:ObjectCreated:* or s3:ObjectRemoved:Delete. Required. Output: one LambdaConfiguration per type (Event).",
			"items":       enum("An S3 event type.", facts.S3EventTypes),
		},
		"prefix": str("Only keys that start with it, such as uploads/. Default: every key. Output: Filter.S3Key.Rules [{Name: prefix}]."),
		"suffix": str("Only keys that end with it, such as .json. Default: every key. Output: Filter.S3Key.Rules [{Name: suffix}]."),
	}, "bucket", "events")
}

func streamSchema(kind EventKind) object {
	what, policy, sam, arn, shape := "DynamoDB table stream", "AWSLambdaDynamoDBExecutionRole", "DynamoDB", facts.DynamoDBStreamARNPattern,
		"arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL), or an intrinsic function such as !GetAtt Table.StreamArn"
	if kind == EventKinesis {
		what, policy, sam, arn, shape = "Kinesis stream", "AWSLambdaKinesisExecutionRole", "Kinesis", facts.KinesisStreamARNPattern,
			"arn:aws:kinesis:REGION:ACCOUNT:stream/NAME), or an intrinsic function such as !GetAtt Stream.Arn"
	}
	queue := valueOf("An SQS queue's ARN, or an intrinsic function.", literalLike("arn:", facts.SQSQueueARNPattern.String()))
	topic := valueOf("An SNS topic's ARN, or an intrinsic function.", literalLike("arn:", facts.SNSTopicARNPattern.String()))
	positions := enum("Where reading starts: TRIM_HORIZON (the oldest record) or LATEST. Required. Output: StartingPosition.", facts.StartingPositions)
	if kind == EventKinesis {
		positions = enum("Where reading starts: TRIM_HORIZON (the oldest record), LATEST, or AT_TIMESTAMP (with startingPositionTimestamp). Required. Output: StartingPosition.", facts.KinesisStartingPositions)
	}
	props := object{
		"streamArn":        valueOf("The stream's ARN ("+shape+". Required. Output: EventSourceArn (SAM: Stream).", literalLike("arn:", arn.String())),
		"startingPosition": positions,
		"batchSize":        intRange(fmt.Sprintf("Records per invocation, 1 … %d. Default: Lambda's (100). Output: BatchSize.", facts.MaxStreamBatchSize), 1, facts.MaxStreamBatchSize),
		"reportBatchItemFailures": object{"type": "boolean", "default": false,
			"description": "The function returns the items of the batch that failed ({batchItemFailures: [{itemIdentifier: ID}]}), and only those are retried. Default: false. Output: FunctionResponseTypes [ReportBatchItemFailures]."},
		"bisectOnError": object{"type": "boolean", "default": false,
			"description": "Split a failing batch in two and retry each half. Default: false. Output: BisectBatchOnFunctionError."},
		"maximumRetryAttempts": described(fmt.Sprintf("Retries of a failing batch, -1 … %d; -1 retries until the record expires. Default: Lambda's (-1). Output: MaximumRetryAttempts.", facts.MaxStreamRetryAttempts),
			object{"type": "integer", "minimum": -1, "maximum": facts.MaxStreamRetryAttempts}),
		"onFailure": object{
			"description": "Where records that fail go: an SQS queue's or SNS topic's ARN (or an intrinsic function such as !GetAtt Queue.Arn or !Ref Topic), or {queue: ARN} / {topic: ARN}. Default: none. Output: DestinationConfig.OnFailure.Destination, and a role policy allowing sqs:SendMessage or sns:Publish on it.",
			"oneOf": []object{
				valueOf("The queue's or topic's ARN, or an intrinsic function.", literalLike("arn:", facts.SQSQueueARNPattern.String(), facts.SNSTopicARNPattern.String())),
				closed("An SQS queue.", object{"queue": queue}, "queue"),
				closed("An SNS topic.", object{"topic": topic}, "topic"),
			},
		},
	}
	if kind == EventKinesis {
		props["startingPositionTimestamp"] = described("With startingPosition AT_TIMESTAMP (and only then): the time to start reading at, RFC 3339 (2026-12-01T00:00:00Z). Output: StartingPositionTimestamp, in Unix seconds.",
			object{"type": "string", "format": "date-time"})
	}
	return closed(fmt.Sprintf("A %s read by an event source mapping. CloudFormation and CDK: an AWS::Lambda::EventSourceMapping <Fn><Event> whose FunctionName is the alias; the role gets %s. SAM: a %s event.", what, policy, sam)+
		syncWarning(facts.MaxSyncExecutionTimeout, "synchronous invocations end")+onAlias, props, "streamArn", "startingPosition")
}
