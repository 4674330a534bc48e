package spec

import (
	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/policies"
)

// File is a loaded, defaulted spec file: the one model every output is
// rendered from. Renderers read it and never change it.
type File struct {
	// Path is the file the spec was read from, as given by the user.
	Path string
	// Dir is the directory that relative code paths are resolved against.
	Dir string
	// Description is the template's description; empty for the default.
	Description string
	// Parameters, Mappings, Conditions, Resources and Outputs are the
	// template's own sections, in the order they appear in the file.
	Parameters []*Parameter
	Mappings   []*Section
	Conditions []*Section
	Resources  []*Resource
	Outputs    []*Output
	// Globals are the defaults every function was merged with (nil when
	// the spec has none), as written: the SAM output writes them as
	// Globals.
	Globals *Function
	// Functions in the order they appear in the file, with the globals
	// merged in.
	Functions []*Function
	// Refs are the names the spec's intrinsic functions refer to, with
	// where each stands; the model checks them against every name.
	Refs []RefUse

	// positions maps a field path such as
	// "functions.OrderProcessor.durable" to where it stands in the file.
	positions map[string]diag.Pos
}

// Function returns the function with the given logical name, or nil.
func (f *File) Function(name string) *Function {
	for _, fn := range f.Functions {
		if fn.Name == name {
			return fn
		}
	}
	return nil
}

// Resource returns the resource of resources: with the given name, or nil.
func (f *File) Resource(name string) *Resource {
	for _, r := range f.Resources {
		if r.Name == name {
			return r
		}
	}
	return nil
}

// Pos returns where a field path stands in the file, or the closest parent
// path that has a position, or the top of the document.
func (f *File) Pos(path string) diag.Pos {
	for p := path; p != ""; p = parentPath(p) {
		if pos, ok := f.positions[p]; ok {
			return pos
		}
	}
	if pos, ok := f.positions[""]; ok {
		return pos
	}
	return diag.Pos{File: f.Path}
}

// Parameter is a template parameter.
type Parameter struct {
	Name string
	// Type is a CloudFormation parameter type; default String.
	Type        string
	Description string
	// Default and AllowedValues are plain data (strings or numbers).
	Default               any
	AllowedValues         []any
	AllowedPattern        string
	ConstraintDescription string
	MinLength, MaxLength  *int
	MinValue, MaxValue    *int
	// NoEcho masks the value in the console and API (secrets).
	NoEcho bool
}

// Section is a named entry of the template's Mappings or Conditions,
// copied as written.
type Section struct {
	Name string
	Body any
}

// Resource is a CloudFormation resource of the spec's own, copied as
// written under its logical name.
type Resource struct {
	Name string
	// Type is the resource type, such as AWS::DynamoDB::Table.
	Type string
	// Body is the whole resource (Type, Properties, DependsOn,
	// DeletionPolicy …) as plain data.
	Body map[string]any
}

// Output is a template output.
type Output struct {
	Name        string
	Description string
	Value       Value
	// Export is the export name; zero for none.
	Export Value
}

// Policy is one item of a function's policies: a managed policy ARN or an
// IAM statement in IAM's own spelling.
type Policy struct {
	// ManagedArn is set for a managed policy.
	ManagedArn Value
	// Statement is set for a statement: Effect (default Allow), Action or
	// NotAction, Resource or NotResource, Condition, Sid, as plain data.
	Statement map[string]any
}

// Function is one function of the spec: a durable function when Durable is
// set, an ordinary Lambda function otherwise.
type Function struct {
	// Name is the logical name: a letter first, then letters and digits, at
	// most 48 characters. Every resource of the function is named after it.
	Name string

	Description string
	// FunctionName sets an explicit physical name. Not recommended: a
	// durable function with an explicit name cannot be replaced.
	FunctionName string
	Runtime      string
	Handler      string
	Code         Code
	// MemorySize in MB; 0 leaves the Lambda default (128).
	MemorySize int
	// Timeout is the per-invocation timeout in seconds; 0 leaves the Lambda
	// default (3).
	Timeout int
	// Architecture is "x86_64" or "arm64"; empty leaves the Lambda default.
	Architecture string
	Environment  []KeyValue
	Tags         []KeyValue
	// Tracing is "Active" or "PassThrough"; empty leaves it off.
	Tracing string
	Layers  []Value
	// LayersList is set instead of Layers when the whole list is one
	// intrinsic function (!If [Cond, [...], !Ref AWS::NoValue], !Split, !Ref
	// of a list parameter).
	LayersList Value
	// ReservedConcurrency is nil when unset; 0 is a valid value (throttles
	// every invocation).
	ReservedConcurrency *int
	VPC                 *VPC
	// DeadLetterQueue is the ARN of an SQS queue or SNS topic that receives
	// the triggering event of executions that end FAILED, STOPPED or
	// TIMED_OUT.
	DeadLetterQueue Value
	// DeadLetterKind is "queue" or "topic" when the spec says which
	// ({queue: …} or {topic: …}); empty when it gave the ARN alone.
	DeadLetterKind string

	// Durable is the durable configuration; nil for a plain function.
	Durable *Durable
	// Alias is the alias everything invokes; default "live" for a durable
	// function, none for a plain one.
	Alias string
	Logs  Logs
	// LeastPrivilege replaces the AWS managed durable policy on the
	// function's role by an inline policy scoped to the function's own
	// executions and log group.
	LeastPrivilege bool
	// Role is an existing execution role's ARN; zero for a generated role.
	Role Value
	// Policies are added to the execution role.
	Policies []Policy

	CallbackSenders []Principal
	Starters        []Principal
	Observers       []Principal
	Operators       []Principal
	Invokes         []InvokeTarget
	Events          []Event
}

// KeyValue is one entry of an ordered map (environment, tags).
type KeyValue struct {
	Key   string
	Value Value
}

// IsDurable reports whether the function is a durable function.
func (fn *Function) IsDurable() bool { return fn.Durable != nil }

// CodeKind says where a function's code comes from.
type CodeKind int

const (
	// CodeLocal is a local directory or zip file, packaged before deploy.
	CodeLocal CodeKind = iota
	// CodeS3 is an object in S3 (s3://bucket/key).
	CodeS3
	// CodeInline is source code written into the template (ZipFile).
	CodeInline
	// CodeImage is a container image URI.
	CodeImage
)

// Code is the function's code.
type Code struct {
	Kind CodeKind
	// Path is the local path as written (CodeLocal).
	Path string
	// Bucket, Key and Version locate an S3 object (CodeS3).
	Bucket, Key   Value
	ObjectVersion string
	// Inline is the source (CodeInline).
	Inline string
	// ImageURI is the image (CodeImage).
	ImageURI string
	// Missing reports that the local code does not exist yet (a warning):
	// only the CloudFormation output, which names the version after the
	// digest (Digest), needs it.
	Missing bool

	// digest is the lazy digest of local code that exists, shared by the
	// functions of one load that name the same path.
	digest *codeDigest
}

// Durable is the function's durable configuration.
type Durable struct {
	// ExecutionTimeout in seconds, 1 … 31,622,400 (366 days).
	ExecutionTimeout int
	// RetentionDays is how long execution history is kept after an
	// execution closes, 1 … 90; default 14.
	RetentionDays int
	// KMSKeyArn is an optional customer managed key for payloads.
	KMSKeyArn Value
}

// Logs configures the function's explicit log group and log format.
type Logs struct {
	// RetentionDays is the log group's retention; one of CloudWatch Logs'
	// allowed values; default 30.
	RetentionDays int
	// Format is "Text" or "JSON"; default "JSON".
	Format string
	// ApplicationLevel and SystemLevel filter JSON logs; empty leaves the
	// Lambda default.
	ApplicationLevel string
	SystemLevel      string
}

// VPC attaches the function to subnets.
type VPC struct {
	SubnetIDs        []Value
	SecurityGroupIDs []Value
	// SubnetIDsList and SecurityGroupIDsList are set instead when the whole
	// list is one intrinsic (!Ref of a List<AWS::EC2::Subnet::Id>
	// parameter, !Split …).
	SubnetIDsList        Value
	SecurityGroupIDsList Value
}

// Principal is who receives a grant: another function of the spec (its
// role) or an existing role by ARN.
type Principal struct {
	// Function is the logical name of a function in the same spec.
	Function string
	// RoleArn is an existing IAM role.
	RoleArn string
}

// InvokeTarget is a function this durable function invokes through the
// durable SDK: a function of the spec, or any function by ARN.
type InvokeTarget struct {
	Function    string
	FunctionArn string
}

// Grant is one kind of grant on a function and the principals receiving it.
type Grant struct {
	Kind policies.Kind
	// Field is the spec field the grant is written in (callbackSenders, …).
	Field      string
	Principals []Principal
}

// Grants lists the function's grants to principals, one entry per kind, in
// a stable order (durable invokes, which the function itself receives, are
// in Invokes).
func (fn *Function) Grants() []Grant {
	return []Grant{
		{policies.KindCallbackSender, "callbackSenders", fn.CallbackSenders},
		{policies.KindStarter, "starters", fn.Starters},
		{policies.KindObserver, "observers", fn.Observers},
		{policies.KindOperator, "operators", fn.Operators},
	}
}
