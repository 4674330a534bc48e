package spec

// EventKind is the kind of an event source.
type EventKind int

// The kinds of event source, by the key that writes each in the spec.
const (
	// EventSQS is an SQS event source mapping (invokes synchronously).
	EventSQS EventKind = iota
	// EventSchedule is an EventBridge rule with a schedule expression
	// (invokes asynchronously).
	EventSchedule
	// EventHTTP is a route of an API Gateway HTTP API (synchronous).
	EventHTTP
	// EventFunctionURL is the function URL of the alias (synchronous).
	EventFunctionURL
	// EventRule is an EventBridge rule with an event pattern.
	EventRule
	// EventScheduler is an EventBridge Scheduler schedule.
	EventScheduler
	// EventSNS is a subscription to an SNS topic.
	EventSNS
	// EventS3 is a notification of a bucket of the spec's resources.
	EventS3
	// EventDynamoDB and EventKinesis are stream event source mappings
	// (synchronous).
	EventDynamoDB
	EventKinesis
)

// eventKeys are the spec's keys of the kinds, indexed by kind.
var eventKeys = [...]string{
	EventSQS: "sqs", EventSchedule: "schedule", EventHTTP: "http", EventFunctionURL: "functionUrl",
	EventRule: "rule", EventScheduler: "scheduler", EventSNS: "sns", EventS3: "s3",
	EventDynamoDB: "dynamodb", EventKinesis: "kinesis",
}

// Key is the spec's key of the kind (sqs, http, …).
func (k EventKind) Key() string {
	if k < 0 || int(k) >= len(eventKeys) {
		return "unknown"
	}
	return eventKeys[k]
}

// Synchronous reports whether the kind invokes synchronously, so that an
// execution cannot outlive the synchronous limit.
func (k EventKind) Synchronous() bool {
	switch k {
	case EventSQS, EventDynamoDB, EventKinesis, EventHTTP, EventFunctionURL:
		return true
	}
	return false
}

// Mapping reports whether the kind is an event source mapping.
func (k EventKind) Mapping() bool {
	return k == EventSQS || k == EventDynamoDB || k == EventKinesis
}

// Event is an event source that invokes the function's alias (the
// function when it has none). Exactly one kind's fields are set.
type Event struct {
	// Name is the event's logical name as written in the spec.
	Name string
	Kind EventKind
	// QueueArn and BatchSize configure an SQS event (BatchSize 0: default).
	QueueArn  Value
	BatchSize int
	// Queue holds the rest of an SQS event.
	Queue *QueueEvent
	// Schedule is a rate(...) or cron(...) expression.
	Schedule  string
	HTTP      *HTTPEvent
	URL       *FunctionURLEvent
	Rule      *RuleEvent
	Scheduler *SchedulerEvent
	SNS       *SNSEvent
	S3        *S3Event
	// Stream is a DynamoDB or Kinesis event.
	Stream *StreamEvent
}

// QueueEvent is the rest of an SQS event source mapping.
type QueueEvent struct {
	// MaximumBatchingWindow is in seconds; nil for Lambda's default.
	MaximumBatchingWindow *int
	// MaximumConcurrency is 0 for none.
	MaximumConcurrency int
	// FilterPatterns are event filter patterns as plain data (each a
	// mapping, written as its JSON text).
	FilterPatterns []any
	// ReportBatchItemFailures lets the function return the messages that
	// failed, so that only those are retried.
	ReportBatchItemFailures bool
}

// HTTPEvent is a route of an HTTP API: the stack's own (SAM's implicit
// ServerlessHttpApi) or an existing one.
type HTTPEvent struct {
	Method string
	Path   string
	// APIID is an existing HTTP API's ID; zero for the stack's own.
	APIID Value
	// Auth is "none" or "iam".
	Auth string
}

// FunctionURLEvent is the function URL of the alias.
type FunctionURLEvent struct {
	// AuthType is AWS_IAM or NONE.
	AuthType string
	CORS     *CORS
}

// CORS is a function URL's CORS configuration.
type CORS struct {
	AllowOrigins, AllowMethods, AllowHeaders, ExposeHeaders []string
	AllowCredentials                                        *bool
	MaxAge                                                  *int
}

// RuleEvent is an EventBridge rule with an event pattern.
type RuleEvent struct {
	// Pattern is the event pattern as plain data.
	Pattern any
	// Bus is the bus's name or ARN; zero for the default bus.
	Bus Value
	// Input is the constant input (JSON text, or an intrinsic); zero for
	// the event itself. InputPath selects part of the event.
	Input     Value
	InputPath string
}

// SchedulerEvent is an EventBridge Scheduler schedule.
type SchedulerEvent struct {
	Expression string
	Timezone   string
	Input      Value
	// FlexibleWindow is in minutes; 0 for none (Mode OFF).
	FlexibleWindow int
}

// SNSEvent is a subscription to a topic.
type SNSEvent struct {
	Topic Value
	// FilterPolicy is the filter policy as plain data; nil for none.
	FilterPolicy any
}

// S3Event is a notification of a bucket of the spec's resources.
type S3Event struct {
	// Bucket is the name of an AWS::S3::Bucket of resources:.
	Bucket         string
	Events         []string
	Prefix, Suffix string
}

// StreamEvent is a DynamoDB or Kinesis stream mapping.
type StreamEvent struct {
	StreamArn        Value
	StartingPosition string
	// StartingTimestamp is where an AT_TIMESTAMP Kinesis mapping starts,
	// as written (RFC 3339); StartingUnix the same in Unix seconds.
	StartingTimestamp string
	StartingUnix      int64
	BatchSize         int
	BisectOnError     bool
	// MaximumRetryAttempts is nil for Lambda's default (-1: until the
	// record expires).
	MaximumRetryAttempts *int
	// OnFailure is the ARN of an SQS queue or SNS topic for records that
	// fail; OnFailureKind is "queue" or "topic" as the spec or the ARN
	// says.
	OnFailure     Value
	OnFailureKind string
	// ReportBatchItemFailures lets the function return the records that
	// failed, so that only those are retried.
	ReportBatchItemFailures bool
}
