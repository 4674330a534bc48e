package facts

// Limits of Lambda, durable executions, CloudFormation and IAM. Each lives
// here once; spec validation, the model, the JSON Schema, the linter, the
// construct and the docs read them from here.
const (
	// MaxExecutionTimeout is the longest durable execution: 366 days.
	MaxExecutionTimeout = 31_622_400
	// MaxSyncExecutionTimeout is the longest execution a synchronous
	// invocation (an event source mapping) can wait for: 15 minutes.
	MaxSyncExecutionTimeout = 900
	// MinRetentionDays and MaxRetentionDays bound the durable history
	// retention; DefaultRetentionDays is the Lambda default.
	MinRetentionDays     = 1
	MaxRetentionDays     = 90
	DefaultRetentionDays = 14
	// Memory and timeout bounds of Lambda.
	MinMemorySize = 128
	MaxMemorySize = 10240
	MinTimeout    = 1
	MaxTimeout    = 900
	// MaxLogicalIDLength is CloudFormation's limit on a logical ID.
	MaxLogicalIDLength = 255
	// MaxResources, MaxOutputs, MaxParameters and MaxMappings are
	// CloudFormation's quotas per template (Parameters and Mappings have
	// been 200 since 2020; older pages say 60 and 100).
	MaxResources  = 500
	MaxOutputs    = 200
	MaxParameters = 200
	MaxMappings   = 200
	// MaxTemplateBytes is the largest template CloudFormation takes from S3;
	// MaxDirectTemplateBytes the largest passed directly in a request.
	MaxTemplateBytes       = 1_048_576
	MaxDirectTemplateBytes = 51_200
	// MaxInlinePolicyBytes bounds the inline policies of one IAM role, all
	// together (whitespace not counted).
	MaxInlinePolicyBytes = 10_240
	// MaxPolicyNameLength bounds an inline policy's name.
	MaxPolicyNameLength = 128
	// StackUUIDLength is the length of the unique last part of a stack's
	// ID (arn:…:stack/<name>/<UUID>), which names the policies a stack
	// attaches to roles it does not own: <part>-<UUID>.
	StackUUIDLength = 36
	// MaxStackPolicyPartLength bounds the part of such a policy name that
	// comes from its logical ID, so that the whole name is at most
	// MaxPolicyNameLength whatever the stack's name (up to 128 characters):
	// 128 - 1 - 36 = 91. A longer logical ID keeps its first 83 characters
	// and 8 hex digits of its SHA-256.
	MaxStackPolicyPartLength = MaxPolicyNameLength - 1 - StackUUIDLength
	// MaxEnvironmentBytes bounds a function's environment variables, keys
	// and values together.
	MaxEnvironmentBytes = 4096
	// MaxDescriptionLength and MaxHandlerLength are Lambda's limits.
	MaxDescriptionLength = 256
	MaxHandlerLength     = 128
	// MaxInlineCodeBytes bounds code written into the template (ZipFile).
	MaxInlineCodeBytes = 4096
	// MaxOutputDescriptionLength and MaxTemplateDescriptionLength are
	// CloudFormation's limits on descriptions.
	MaxOutputDescriptionLength   = 1024
	MaxTemplateDescriptionLength = 1024
	// MaxTagKeyLength and MaxTagValueLength are the limits, in characters,
	// of a tag on a function (Lambda's) and on its role (IAM's).
	MaxTagKeyLength   = 128
	MaxTagValueLength = 256
	// MaxBatchSize bounds an SQS batch (standard queues with a batching
	// window may go to 10,000).
	MaxBatchSize = 10000
)

// DurableRuntimes are the managed runtimes that have a durable execution
// SDK. A container image (code: {image: ...}) needs no runtime.
var DurableRuntimes = []string{
	"nodejs22.x", "nodejs24.x", "python3.13", "python3.14",
	"java17", "java21", "java25", "provided.al2023",
}

// Runtimes are the managed runtimes of Lambda a plain function may use.
var Runtimes = []string{
	"nodejs20.x", "nodejs22.x", "nodejs24.x",
	"python3.10", "python3.11", "python3.12", "python3.13", "python3.14",
	"java8.al2", "java11", "java17", "java21", "java25",
	"dotnet8", "dotnet10", "ruby3.3", "ruby3.4", "provided.al2", "provided.al2023",
}

// LogRetentionDays are the values CloudWatch Logs accepts for a log group's
// retention.
var LogRetentionDays = []int{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

// Enumerations of the spec's string fields.
var (
	Architectures = []string{"x86_64", "arm64"}
	LogFormats    = []string{"Text", "JSON"}
	LogLevels     = []string{"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"}
	TracingModes  = []string{"Active", "PassThrough"}
)

// Bounds of the walk that hashes a function's local code (digest.go), so
// that a wrong code path (a home directory, a tree with a symlink loop)
// fails fast with a clear error instead of hashing for minutes.
const (
	// MaxCodeBytes is Lambda's limit on a function's unzipped code and
	// layers: 250 MB (262,144,000 bytes). A code directory or zip file over
	// it cannot be deployed, so it is not hashed either.
	MaxCodeBytes = 250 << 20
	// MaxCodeFiles bounds the files and directories walked under a code
	// directory.
	MaxCodeFiles = 100_000
)
