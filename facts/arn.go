package facts

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// Partition placeholders: what a template writes for the partition.
const (
	// PartitionSub is the partition as a CloudFormation Sub placeholder.
	PartitionSub = "${AWS::Partition}"
)

// ExecutionsOf returns the resource that matches every durable execution of
// a function: "${FunctionArn}:*". Durable execution ARNs always carry a
// version or $LATEST, so this is the only scope that matches them.
func ExecutionsOf(functionArn string) string { return functionArn + ":*" }

// partitionRE matches every partition, aws-eusc and the isolated ones
// included.
const partitionRE = `(aws|aws-cn|aws-us-gov|aws-eusc|aws-iso|aws-iso-[a-z])`

// lazyRegexp compiles a regular expression the first time it is used. The
// ARN patterns' counted repetitions ({1,512}, {1,128}) make programs that
// took about 1 ms to compile on every start of the CLI
// (GODEBUG=inittrace=1), most often for patterns that run does not use.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// RoleARN is a parsed IAM role ARN.
type RoleARN struct {
	Partition, Account, Path, Name string
}

var roleARNRE = lazyRegexp(`^arn:` + partitionRE + `:iam::(\d{12}):role(/(?:[\x21-\x7E]+/)?)?([\w+=,.@-]{1,64})$`)

// ParseRoleARN parses "arn:aws:iam::123456789012:role/path/name".
func ParseRoleARN(s string) (RoleARN, error) {
	m := roleARNRE().FindStringSubmatch(s)
	if m == nil {
		switch {
		case strings.Contains(s, ":user/"):
			return RoleARN{}, fmt.Errorf("%q is a user ARN, not a role ARN", s)
		case strings.Contains(s, ":assumed-role/"):
			return RoleARN{}, fmt.Errorf("%q is an assumed-role session ARN, not a role ARN", s)
		case strings.HasPrefix(s, "arn:"):
			return RoleARN{}, fmt.Errorf("%q is not an IAM role ARN (arn:aws:iam::123456789012:role/name)", s)
		}
		return RoleARN{}, fmt.Errorf("%q is not an ARN; write arn:aws:iam::123456789012:role/name", s)
	}
	return RoleARN{Partition: m[1], Account: m[2], Path: m[3], Name: m[4]}, nil
}

// FunctionARN is a parsed Lambda function ARN, with or without qualifier.
type FunctionARN struct {
	Partition, Region, Account, Name string
	// Qualifier is a version, $LATEST or an alias; empty when unqualified.
	Qualifier string
}

var functionARNRE = lazyRegexp(`^arn:` + partitionRE + `:lambda:([a-z]{2,4}(?:-[a-z]+)+-\d{1,2}):(\d{12}):function:([A-Za-z0-9_-]{1,64})(?::(\$LATEST|[A-Za-z0-9_-]{1,128}))?$`)

// ParseFunctionARN parses "arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]".
func ParseFunctionARN(s string) (FunctionARN, error) {
	m := functionARNRE().FindStringSubmatch(s)
	if m == nil {
		return FunctionARN{}, fmt.Errorf("%q is not a Lambda function ARN (arn:aws:lambda:us-east-1:123456789012:function:name[:alias])", s)
	}
	return FunctionARN{Partition: m[1], Region: m[2], Account: m[3], Name: m[4], Qualifier: m[5]}, nil
}

// Unqualified returns the ARN without its qualifier.
func (f FunctionARN) Unqualified() string {
	return fmt.Sprintf("arn:%s:lambda:%s:%s:function:%s", f.Partition, f.Region, f.Account, f.Name)
}

// String returns the ARN as parsed.
func (f FunctionARN) String() string {
	if f.Qualifier == "" {
		return f.Unqualified()
	}
	return f.Unqualified() + ":" + f.Qualifier
}

// LogGroupARN is a parsed CloudWatch Logs log group ARN.
type LogGroupARN struct {
	Partition, Region, Account, Name string
	// Streams reports a trailing ":*" (the form Fn::GetAtt LogGroup.Arn
	// writes, which covers the group's streams).
	Streams bool
}

var logGroupARNRE = lazyRegexp(`^arn:` + partitionRE + `:logs:([a-z]{2,4}(?:-[a-z]+)+-\d{1,2}):(\d{12}):log-group:([A-Za-z0-9_./#-]{1,512})(:\*)?$`)

// ParseLogGroupARN parses "arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*]".
func ParseLogGroupARN(s string) (LogGroupARN, error) {
	m := logGroupARNRE().FindStringSubmatch(s)
	if m == nil {
		return LogGroupARN{}, fmt.Errorf("%q is not a log group ARN (arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/NAME)", s)
	}
	return LogGroupARN{Partition: m[1], Region: m[2], Account: m[3], Name: m[4], Streams: m[5] != ""}, nil
}

var managedPolicyARNRE = lazyRegexp(`^arn:` + partitionRE + `:iam::(aws|\d{12}):policy/((?:[\x21-\x7E]+/)?)([\w+=,.@-]{1,128})$`)

// PolicyARN is a parsed ARN of a managed policy: an AWS managed one
// (Account "aws") or a customer managed one.
type PolicyARN struct {
	Partition, Account, Path, Name string
}

// PolicyARNPattern is the regular expression a managed policy ARN matches
// (for a JSON Schema).
func PolicyARNPattern() string { return managedPolicyARNRE().String() }

// ParsePolicyARN parses "arn:aws:iam::aws:policy/service-role/NAME" or
// "arn:aws:iam::123456789012:policy/NAME": IAM takes a path of printable
// characters between slashes, and a name of letters, digits and +=,.@_-
// of at most 128 characters.
func ParsePolicyARN(s string) (PolicyARN, error) {
	m := managedPolicyARNRE().FindStringSubmatch(s)
	if m == nil {
		return PolicyARN{}, fmt.Errorf("%q is not a managed policy ARN: IAM takes arn:PARTITION:iam::aws:policy/[PATH/]NAME or arn:PARTITION:iam::ACCOUNT:policy/[PATH/]NAME, NAME being letters, digits and +=,.@_- (at most 128)", s)
	}
	return PolicyARN{Partition: m[1], Account: m[2], Path: "/" + m[3], Name: m[4]}, nil
}
