package facts

import (
	"regexp"
	"strings"
)

// Facts about the services that start executions (triggers), as the
// spec's events write them.
const (
	// MaxHTTPAPIIntegrationTimeout is how long, in seconds, an API Gateway
	// HTTP API waits for a Lambda integration (its maximum and default):
	// past it the caller gets a 503 while the execution goes on.
	MaxHTTPAPIIntegrationTimeout = 30
	// MaxBatchingWindow bounds an event source mapping's
	// MaximumBatchingWindowInSeconds.
	MaxBatchingWindow = 300
	// MinMaximumConcurrency and MaxMaximumConcurrency bound an SQS event
	// source mapping's ScalingConfig.MaximumConcurrency.
	MinMaximumConcurrency = 2
	MaxMaximumConcurrency = 1000
	// MaxFilters bounds the FilterCriteria of an event source mapping (the
	// default quota).
	MaxFilters = 5
	// MaxFIFOBatchSize bounds the batch of a FIFO queue's mapping (which
	// takes no batching window); a standard queue's batch over it needs a
	// batching window of a second at least.
	MaxFIFOBatchSize = 10
	// MaxSNSFilterPolicyBytes, MaxSNSFilterPolicyKeys and
	// MaxSNSFilterPolicyCombinations are SNS's limits on a subscription's
	// filter policy: its size, its attribute names, and the combinations
	// of their values.
	MaxSNSFilterPolicyBytes        = 256 * 1024
	MaxSNSFilterPolicyKeys         = 5
	MaxSNSFilterPolicyCombinations = 150
	// DefaultVisibilityTimeout is an SQS queue's visibility timeout when
	// its template gives none, and DefaultFunctionTimeout a function's.
	DefaultVisibilityTimeout = 30
	DefaultFunctionTimeout   = 3
	// MaxStreamBatchSize bounds a DynamoDB or Kinesis stream's batch.
	MaxStreamBatchSize = 10000
	// MaxStreamRetryAttempts bounds MaximumRetryAttempts of a stream
	// mapping (-1: retry until the record expires).
	MaxStreamRetryAttempts = 10000
	// MaxFlexibleWindowMinutes bounds an EventBridge Scheduler flexible
	// time window.
	MaxFlexibleWindowMinutes = 1440
	// MaxEventPatternBytes bounds an EventBridge rule's event pattern.
	MaxEventPatternBytes = 4096
	// MaxTargetInputBytes bounds the constant input of a rule target or a
	// schedule target.
	MaxTargetInputBytes = 8192
	// MaxFunctionURLCorsMaxAge bounds a function URL's CORS MaxAge, in
	// seconds.
	MaxFunctionURLCorsMaxAge = 86400
	// MaxResourcePolicyBytes bounds the resource-based policy of a
	// function or alias: every AWS::Lambda::Permission on it is one
	// statement of it.
	MaxResourcePolicyBytes = 20 * 1024
	// PermissionStatementBytes is about what one permission adds to that
	// policy once resolved (its statement ID, principal, the alias ARN and
	// a source ARN), without a long source ARN of its own.
	PermissionStatementBytes = 300

	// Service principals of the triggers.
	PrincipalEvents     = "events.amazonaws.com"
	PrincipalScheduler  = "scheduler.amazonaws.com"
	PrincipalSNS        = "sns.amazonaws.com"
	PrincipalS3         = "s3.amazonaws.com"
	PrincipalAPIGateway = "apigateway.amazonaws.com"

	// ActionInvokeFunctionURL is what a function URL's caller needs
	// (Principal * with FunctionUrlAuthType NONE for a public URL).
	ActionInvokeFunctionURL = "lambda:InvokeFunctionUrl"

	// HTTPAPIIntegrationURI is the URI API Gateway invokes a Lambda
	// function (or alias) by, as a Fn::Sub template around the ARN's
	// placeholder %s.
	HTTPAPIIntegrationURI = "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/%s/invocations"
	// ImplicitHTTPAPIID is the logical ID SAM gives the HTTP API it makes
	// for HttpApi events, and the stack's own HTTP API in every output.
	ImplicitHTTPAPIID = "ServerlessHttpApi"
	// HTTPAPIPayloadFormat is the payload format of a Lambda integration
	// of an HTTP API (SAM's default).
	HTTPAPIPayloadFormat = "2.0"
)

// HTTPMethods are the methods an HTTP API route takes (ANY: all of them).
var HTTPMethods = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"}

// ReportBatchItemFailures is the FunctionResponseTypes value with which a
// function returns the items of a batch that failed, so that only those
// are retried.
const ReportBatchItemFailures = "ReportBatchItemFailures"

// StartingPositions are where a stream mapping starts reading;
// KinesisStartingPositions add AT_TIMESTAMP (a Kinesis stream only, with
// StartingPositionTimestamp).
var (
	StartingPositions        = []string{"TRIM_HORIZON", "LATEST"}
	KinesisStartingPositions = []string{"TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"}
)

// FunctionURLAuthTypes are the AuthType values of a function URL.
var FunctionURLAuthTypes = []string{"AWS_IAM", "NONE"}

var (
	// SchedulerExpressionPattern is an EventBridge Scheduler expression:
	// rate(…), cron(…) or a one-time at(yyyy-mm-ddThh:mm:ss).
	SchedulerExpressionPattern = regexp.MustCompile(`^(rate\(.+\)|cron\(.+\)|at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\))$`)
	// HTTPPathPattern is an HTTP API route path: /, or segments of
	// letters, digits and -._~ or one {parameter} (the last may be
	// {name+}).
	HTTPPathPattern = regexp.MustCompile(`^/$|^(/([A-Za-z0-9._~-]+|\{[A-Za-z0-9_]+\+?\}))+$`)
	// StreamARNPattern is a DynamoDB table stream or a Kinesis stream ARN.
	DynamoDBStreamARNPattern = regexp.MustCompile(`^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table/[A-Za-z0-9_.-]+/stream/.+$`)
	KinesisStreamARNPattern  = regexp.MustCompile(`^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\d{12}:stream/[A-Za-z0-9_.-]+$`)
	// EventBusNamePattern is an EventBridge bus name (or ARN).
	EventBusNamePattern = regexp.MustCompile(`^([/.\-_A-Za-z0-9]{1,256}|arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus/[/.\-_A-Za-z0-9]+)$`)
	// TimezonePattern is an IANA time zone name as Scheduler takes it.
	TimezonePattern = regexp.MustCompile(`^[A-Za-z]+(/[A-Za-z0-9_+-]+)*$|^UTC$`)
)

// S3EventTypes are the event types of S3's notifications; a type ending
// in "*" covers every type that starts like it.
var S3EventTypes = []string{
	"s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy",
	"s3:ObjectCreated:CompleteMultipartUpload",
	"s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete", "s3:ObjectRemoved:DeleteMarkerCreated",
	"s3:ObjectRestore:*", "s3:ObjectRestore:Post", "s3:ObjectRestore:Completed", "s3:ObjectRestore:Delete",
	"s3:ReducedRedundancyLostObject",
	"s3:Replication:*", "s3:Replication:OperationFailedReplication", "s3:Replication:OperationNotTracked",
	"s3:Replication:OperationMissedThreshold", "s3:Replication:OperationReplicatedAfterThreshold",
	"s3:LifecycleExpiration:*", "s3:LifecycleExpiration:Delete", "s3:LifecycleExpiration:DeleteMarkerCreated",
	"s3:LifecycleTransition", "s3:IntelligentTiering",
	"s3:ObjectTagging:*", "s3:ObjectTagging:Put", "s3:ObjectTagging:Delete",
	"s3:ObjectAcl:Put",
}

// S3EventTypesOverlap reports whether two S3 event types cover a common
// event: equal, or one a wildcard covering the other.
func S3EventTypesOverlap(a, b string) bool {
	covers := func(w, t string) bool {
		return strings.HasSuffix(w, "*") && strings.HasPrefix(t, strings.TrimSuffix(w, "*"))
	}
	return a == b || covers(a, b) || covers(b, a)
}
