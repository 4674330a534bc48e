package facts

import "regexp"

// The shapes AWS gives names, identifiers and ARNs that a spec writes as
// literals. A literal that does not match is refused with the shape; an
// intrinsic function is checked by CloudFormation at deploy time.
var (
	// FunctionNamePattern is a Lambda function's physical name.
	FunctionNamePattern = lazyPattern(`^[A-Za-z0-9_-]{1,64}$`)
	// AliasPattern is a Lambda alias name (a version number and $LATEST,
	// which it also matches or not, are refused separately).
	AliasPattern = lazyPattern(`^[A-Za-z0-9_-]{1,128}$`)
	// EnvironmentNamePattern is Lambda's rule for an environment variable
	// name: a letter, then at least one letter, digit or _.
	EnvironmentNamePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]+$`)
	KMSKeyARNPattern       = regexp.MustCompile(`^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)/.+$`)
	SQSQueueARNPattern     = regexp.MustCompile(`^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]+$`)
	SNSTopicARNPattern     = regexp.MustCompile(`^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]+$`)
	LayerVersionARNPattern = regexp.MustCompile(`^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:layer:[A-Za-z0-9_-]+:\d+$`)
	// ScheduleExpressionPattern is an EventBridge rule's schedule.
	ScheduleExpressionPattern = regexp.MustCompile(`^(rate|cron)\(.+\)$`)
	SubnetIDPattern           = regexp.MustCompile(`^subnet-([0-9a-f]{8}|[0-9a-f]{17})$`)
	SecurityGroupIDPattern    = regexp.MustCompile(`^sg-([0-9a-f]{8}|[0-9a-f]{17})$`)
	// TagKeyPattern and TagValuePattern are IAM's patterns of a tag
	// (Lambda's take the same characters).
	TagKeyPattern   = lazyPattern(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$`)
	TagValuePattern = lazyPattern(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)
	// LogicalIDPattern is CloudFormation's rule for a logical ID.
	LogicalIDPattern = lazyPattern(`^[A-Za-z0-9]{1,255}$`)
	// ActionPattern is an IAM action: service:Action, wildcards allowed.
	ActionPattern = regexp.MustCompile(`^[a-zA-Z0-9-]+:[A-Za-z0-9*?]+$`)
	// StatementIDPattern is IAM's rule for a statement ID.
	StatementIDPattern = regexp.MustCompile(`^[A-Za-z0-9]*$`)
	// SubPlaceholderPattern is a placeholder of a Fn::Sub template, ${Name}
	// or ${Name.Attribute} (${!Literal} is not one); the group is what it
	// names.
	SubPlaceholderPattern = regexp.MustCompile(`\$\{([^}!][^}]*)\}`)
)

// Pattern is a regular expression compiled the first time it is matched.
// The patterns whose counted repetitions ({1,255}) or Unicode classes
// (\p{L}) take a while to compile are Patterns, so that the CLI does not
// compile them at every start whether it needs them or not (they were
// about 1 ms of its start-up, GODEBUG=inittrace=1).
type Pattern struct {
	expr string
	re   func() *regexp.Regexp
}

func lazyPattern(expr string) *Pattern { return &Pattern{expr: expr, re: lazyRegexp(expr)} }

// MatchString reports whether s matches the pattern.
func (p *Pattern) MatchString(s string) bool { return p.re().MatchString(s) }

// String returns the pattern's source text.
func (p *Pattern) String() string { return p.expr }

// ReservedEnvironment are environment variables Lambda sets itself and
// refuses.
var ReservedEnvironment = []string{
	"_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
	"AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
	"AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
	"AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
	"AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
}
