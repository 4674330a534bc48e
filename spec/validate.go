package spec

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/durablefn/durablefn/diag"
	"github.com/durablefn/durablefn/facts"
)

var (
	nameRE   = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*$`)
	digitsRE = regexp.MustCompile(`^[0-9]+$`)
)

// isRefusedControl reports whether r is a C0 control character Lambda
// refuses in an environment value: every one but tab and newline.
func isRefusedControl(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' }

// checker holds what validation needs: the file for positions and the
// diagnostics found so far.
type checker struct {
	f     *File
	diags diag.List
	// account is the first existing role's account and where it stands:
	// a stack can attach policies to roles of its own account only.
	account, accountPath string
	// digests holds the lazy code digests by path within one load.
	digests map[string]*codeDigest
}

func (c *checker) errorf(code, path, fix, format string, args ...any) {
	c.diags.Errorf(code, c.f.Pos(path), path, fix, format, args...)
}

func (c *checker) warnf(code, path, fix, format string, args ...any) {
	c.diags.Warnf(code, c.f.Pos(path), path, fix, format, args...)
}

func (c *checker) has(path string) bool { _, ok := c.f.positions[path]; return ok }

// RuntimeError is the message for a runtime without a durable SDK.
func RuntimeError(runtime string) string {
	return fmt.Sprintf("%s: the durable execution SDK is not available for this runtime; durable functions run on %s or a container image",
		runtime, strings.Join(facts.DurableRuntimes, ", "))
}

// ExecutionTimeoutError returns the message for an execution timeout out of
// range, or "" when seconds is within 1 … facts.MaxExecutionTimeout.
func ExecutionTimeoutError(seconds int) string {
	switch {
	case seconds < 1:
		return fmt.Sprintf("%d s is under the 1-second minimum", seconds)
	case seconds > facts.MaxExecutionTimeout:
		return fmt.Sprintf("%s is over the 366-day maximum (%s s)", FormatDuration(seconds), groupThousands(facts.MaxExecutionTimeout))
	}
	return ""
}

// RetentionDaysError returns the message for a durable retention out of
// range, or "".
func RetentionDaysError(days int) string {
	if days < facts.MinRetentionDays || days > facts.MaxRetentionDays {
		return fmt.Sprintf("%d days is outside %d … %d days", days, facts.MinRetentionDays, facts.MaxRetentionDays)
	}
	return ""
}

// AliasError returns why a name cannot be an alias, or "".
func AliasError(alias string) string {
	switch {
	case alias == "$LATEST":
		return "$LATEST is not an alias: it is the unpublished version, which durable executions cannot be pinned to"
	case digitsRE.MatchString(alias):
		return fmt.Sprintf("%q is a version number, not an alias name", alias)
	case !facts.AliasPattern.MatchString(alias):
		return fmt.Sprintf("%q is not a valid alias name (letters, digits, - and _, at most 128)", alias)
	}
	return ""
}

func validate(f *File) diag.List {
	c := &checker{f: f}
	if len(f.Functions) == 0 {
		c.errorf(CodeRequired, "functions", "add at least one function", "the spec defines no function")
	}
	c.sections()
	for _, fn := range f.Functions {
		c.function(fn)
	}
	c.checkRefCycles()
	return c.diags
}

func (c *checker) function(fn *Function) {
	p := "functions." + fn.Name
	at := func(field string) string { return p + "." + field }

	if !nameRE.MatchString(fn.Name) || len(fn.Name) > MaxNameLength {
		c.errorf(CodeName, p, "rename it, e.g. OrderProcessor",
			"%q is not a valid function name: a letter first, letters and digits only, at most %d characters", fn.Name, MaxNameLength)
	}

	// Code, runtime and handler.
	runtimes := facts.Runtimes
	if fn.IsDurable() {
		runtimes = facts.DurableRuntimes
	}
	if fn.Code.Kind == CodeImage {
		if fn.Runtime != "" {
			c.errorf(CodeValue, at("runtime"), "remove runtime: an image brings its own", "runtime is not used with a container image")
		}
		if fn.Handler != "" {
			c.errorf(CodeValue, at("handler"), "remove handler, or set the image's CMD", "handler is not used with a container image")
		}
		if len(fn.Layers) > 0 || !fn.LayersList.IsZero() {
			c.errorf(CodeValue, at("layers"), "build the layers into the image", "layers are not used with a container image")
		}
	} else {
		switch {
		case fn.Runtime == "":
			c.errorf(CodeRequired, at("runtime"), "add runtime: nodejs24.x (or another runtime with a durable SDK)", "required field is missing")
		case fn.IsDurable() && !slices.Contains(facts.DurableRuntimes, fn.Runtime):
			c.errorf(CodeRuntime, at("runtime"), "", "%s", RuntimeError(fn.Runtime))
		case !slices.Contains(runtimes, fn.Runtime):
			c.errorf(CodeRuntime, at("runtime"), "use one of "+strings.Join(facts.Runtimes, ", "), "%q is not a Lambda runtime", fn.Runtime)
		}
		if fn.Handler == "" {
			c.errorf(CodeRequired, at("handler"), "add handler: index.handler", "required field is missing")
		}
	}
	c.code(fn, at("code"))
	if msg := DescriptionError(fn.Description); msg != "" {
		c.errorf(CodeLimit, at("description"), "shorten it", "%s", msg)
	}
	if msg := HandlerError(fn.Handler); msg != "" {
		c.errorf(CodeLimit, at("handler"), "shorten it", "%s", msg)
	}

	if msg := MemorySizeError(fn.MemorySize); c.has(at("memorySize")) && msg != "" {
		c.errorf(CodeRange, at("memorySize"), fmt.Sprintf("write a size in MB from %d to %d", facts.MinMemorySize, facts.MaxMemorySize), "%s", msg)
	}
	if msg := TimeoutError(fn.Timeout); c.has(at("timeout")) && msg != "" {
		fix := ""
		if fn.IsDurable() {
			fix = "the whole execution may last longer: set durable.executionTimeout for that"
		}
		c.errorf(CodeRange, at("timeout"), fix, "%s", msg)
	}
	c.enum(at("architecture"), fn.Architecture, facts.Architectures)
	c.enum(at("tracing"), fn.Tracing, facts.TracingModes)
	if fn.FunctionName != "" {
		if msg := FunctionNameError(fn.FunctionName); msg != "" {
			c.errorf(CodeValue, at("functionName"), "", "%s", msg)
		} else if fn.IsDurable() {
			c.warnf(CodeExplicitName, at("functionName"), "remove functionName and let CloudFormation name the function", "%s", ExplicitNameWarning)
		}
	}
	if fn.ReservedConcurrency != nil {
		if msg := ReservedConcurrencyError(*fn.ReservedConcurrency); msg != "" {
			c.errorf(CodeRange, at("reservedConcurrency"), "", "%s", msg)
		}
	}
	for _, kv := range fn.Environment {
		kp := at("environment") + "." + kv.Key
		if msg := EnvironmentNameError(kv.Key); msg != "" {
			fix := "rename it, e.g. TABLE_NAME"
			if facts.EnvironmentNamePattern.MatchString(kv.Key) {
				fix = "pick another name"
			}
			c.errorf(CodeValue, kp, fix, "%s", msg)
		}
		if !kv.Value.IsLiteral() {
			continue
		}
		if msg := EnvironmentValueError(kv.Value.Lit); msg != "" {
			c.errorf(CodeValue, kp, "remove it, or pass binary data encoded (base64)", "%s", msg)
		}
		c.checkRefs(fn, kp, kv.Value.Lit)
	}
	for _, kv := range fn.Tags {
		tp := at("tags") + "." + kv.Key
		switch {
		case strings.HasPrefix(strings.ToLower(kv.Key), "aws:"):
			c.errorf(CodeValue, tp, "", "tag keys starting with aws: are reserved")
		case !facts.TagKeyPattern.MatchString(kv.Key) || utf8.RuneCountInString(kv.Key) > facts.MaxTagKeyLength:
			c.errorf(CodeValue, tp, "rename it: letters, digits, spaces and _ . : / = + - @",
				"%q is not a valid tag key: IAM and Lambda take letters, digits, spaces and _.:/=+-@, 1 to %d characters", kv.Key, facts.MaxTagKeyLength)
		}
		if v := kv.Value; v.IsLiteral() && (!facts.TagValuePattern.MatchString(v.Lit) || utf8.RuneCountInString(v.Lit) > facts.MaxTagValueLength) {
			c.errorf(CodeValue, tp, "write letters, digits, spaces and _ . : / = + - @ only",
				"%q is not a valid tag value: IAM and Lambda take letters, digits, spaces and _.:/=+-@, at most %d characters", v.Lit, facts.MaxTagValueLength)
		}
	}
	for i, l := range fn.Layers {
		if l.IsLiteral() && !facts.LayerVersionARNPattern.MatchString(l.Lit) {
			c.errorf(CodeValue, fmt.Sprintf("%s[%d]", at("layers"), i), "write arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION", "%q is not a layer version ARN", l.Lit)
		}
	}
	if v := fn.VPC; v != nil && (len(v.SubnetIDs) == 0 && v.SubnetIDsList.IsZero() || len(v.SecurityGroupIDs) == 0 && v.SecurityGroupIDsList.IsZero()) {
		c.errorf(CodeRequired, at("vpc"), "give both subnetIds and securityGroupIds", "a VPC config needs subnets and security groups")
	}
	if fn.VPC != nil {
		for i, s := range fn.VPC.SubnetIDs {
			if s.IsLiteral() && !facts.SubnetIDPattern.MatchString(s.Lit) {
				c.errorf(CodeValue, fmt.Sprintf("%s.subnetIds[%d]", at("vpc"), i), "write subnet- and 8 or 17 hex digits", "%q is not a subnet ID", s.Lit)
			}
		}
		for i, s := range fn.VPC.SecurityGroupIDs {
			if s.IsLiteral() && !facts.SecurityGroupIDPattern.MatchString(s.Lit) {
				c.errorf(CodeValue, fmt.Sprintf("%s.securityGroupIds[%d]", at("vpc"), i), "write sg- and 8 or 17 hex digits", "%q is not a security group ID", s.Lit)
			}
		}
	}
	if dlq := fn.DeadLetterQueue; dlq.IsLiteral() && dlq.Lit != "" && !facts.SQSQueueARNPattern.MatchString(dlq.Lit) && !facts.SNSTopicARNPattern.MatchString(dlq.Lit) {
		c.errorf(CodeValue, at("deadLetterQueue"), "write an SQS queue or SNS topic ARN", "%q is not an SQS queue or SNS topic ARN", dlq.Lit)
	}
	if r := fn.Role; r.IsLiteral() && r.Lit != "" {
		if _, err := facts.ParseRoleARN(r.Lit); err != nil {
			c.errorf(CodeRoleARN, at("role"), "write arn:aws:iam::ACCOUNT:role/NAME, or !GetAtt Role.Arn of a role in resources:", "%v", err)
		}
	}
	c.policies(fn, at("policies"))
	if !fn.IsDurable() {
		c.plain(fn, p)
		return
	}

	// Durable config.
	dp := at("durable")
	if fn.Durable.ExecutionTimeout != -1 {
		if msg := ExecutionTimeoutError(fn.Durable.ExecutionTimeout); msg != "" {
			c.errorf(CodeRange, dp+".executionTimeout", "", "%s", msg)
		}
	}
	if msg := RetentionDaysError(fn.Durable.RetentionDays); msg != "" {
		c.errorf(CodeRange, dp+".retentionDays", "", "%s", msg)
	}
	if k := fn.Durable.KMSKeyArn; k.IsLiteral() && k.Lit != "" && !facts.KMSKeyARNPattern.MatchString(k.Lit) {
		c.errorf(CodeValue, dp+".kmsKeyArn", "write arn:aws:kms:REGION:ACCOUNT:key/ID", "%q is not a KMS key ARN", k.Lit)
	}

	c.aliasAndLogs(fn, p)
	c.grants(fn, p)
	c.invokes(fn, p)
	c.events(fn, p)
}

// aliasAndLogs checks the alias and the logs of any function.
func (c *checker) aliasAndLogs(fn *Function, p string) {
	at := func(field string) string { return p + "." + field }
	if fn.Alias != "" || fn.IsDurable() {
		if msg := AliasError(fn.Alias); msg != "" {
			c.errorf(CodeAlias, at("alias"), "use a name such as live", "%s", msg)
		}
	}
	if !slices.Contains(facts.LogRetentionDays, fn.Logs.RetentionDays) {
		c.errorf(CodeRange, at("logs.retentionDays"), "use one of "+joinInts(facts.LogRetentionDays),
			"%d is not a retention CloudWatch Logs accepts", fn.Logs.RetentionDays)
	}
	c.enum(at("logs.format"), fn.Logs.Format, facts.LogFormats)
	for _, lv := range []struct{ field, v string }{{"applicationLevel", fn.Logs.ApplicationLevel}, {"systemLevel", fn.Logs.SystemLevel}} {
		if lv.v == "" {
			continue
		}
		c.enum(at("logs."+lv.field), lv.v, facts.LogLevels)
		if fn.Logs.Format != "JSON" {
			c.errorf(CodeValue, at("logs."+lv.field), "set logs.format: JSON", "log levels need the JSON log format")
		}
	}
}

// grants checks who the function grants access to its executions.
func (c *checker) grants(fn *Function, p string) {
	at := func(field string) string { return p + "." + field }
	for _, g := range fn.Grants() {
		seen := map[string]bool{}
		for i, pr := range g.Principals {
			ip := fmt.Sprintf("%s[%d]", at(g.Field), i)
			key := pr.Function + "|" + pr.RoleArn
			if seen[key] && key != "|" {
				c.errorf(CodeDuplicateGrant, ip, "remove the duplicate", "%s is listed twice", pr.describe())
			}
			seen[key] = true
			switch {
			case pr.Function != "":
				c.reference(fn, ip+".function", pr.Function, "grant")
			case pr.RoleArn != "":
				r, err := facts.ParseRoleARN(pr.RoleArn)
				if err != nil {
					c.errorf(CodeRoleARN, ip+".roleArn", "", "%v", err)
					break
				}
				c.roleAccount(ip+".roleArn", r)
			}
		}
	}
}

// invokes checks the functions this one invokes.
func (c *checker) invokes(fn *Function, p string) {
	at := func(field string) string { return p + "." + field }
	seen := map[string]bool{}
	for i, t := range fn.Invokes {
		ip := fmt.Sprintf("%s[%d]", at("invokes"), i)
		key := t.Function + "|" + t.FunctionArn
		if seen[key] && key != "|" {
			c.errorf(CodeDuplicateGrant, ip, "remove the duplicate", "this target is listed twice")
		}
		seen[key] = true
		switch {
		case t.Function != "":
			c.reference(fn, ip+".function", t.Function, "invoke")
		case t.FunctionArn != "":
			if _, err := facts.ParseFunctionARN(t.FunctionArn); err != nil {
				c.errorf(CodeFunctionARN, ip+".functionArn", "", "%v", err)
			}
		}
	}
}

func (pr Principal) describe() string {
	if pr.Function != "" {
		return "function " + pr.Function
	}
	return "role " + pr.RoleArn
}

func (c *checker) reference(fn *Function, path, target, what string) {
	switch {
	case target == fn.Name && what == "grant":
		c.errorf(CodeSelfGrant, path, "remove it: a function's own role already has what it needs", "function %s grants itself", fn.Name)
	case target == fn.Name:
		c.errorf(CodeSelfGrant, path, "remove it", "function %s invokes itself", fn.Name)
	case c.f.Function(target) == nil:
		var names []string
		for _, f := range c.f.Functions {
			names = append(names, f.Name)
		}
		c.errorf(CodeReference, path, "functions in this spec: "+strings.Join(names, ", "), "function %q is not defined in this spec", target)
	}
}

func (c *checker) enum(path, v string, allowed []string) {
	if v != "" && !slices.Contains(allowed, v) {
		c.errorf(CodeValue, path, "use one of "+strings.Join(allowed, ", "), "%q is not one of %s", v, strings.Join(allowed, ", "))
	}
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ", ")
}

// roleAccount checks that every existing role granted something is in one
// account: the template asserts it is deployed there, and a stack can only
// attach policies to roles of its own account.
func (c *checker) roleAccount(path string, r facts.RoleARN) {
	if c.account == "" {
		c.account, c.accountPath = r.Account, path
		return
	}
	if r.Account != c.account {
		c.errorf(CodeRoleARN, path,
			"give the role in the other account the document of `durablefn policy` (and the function a resource policy), or split the spec per account",
			"role in account %s, but %s names a role in account %s: a stack attaches policies only to roles of the account it is deployed in",
			r.Account, c.accountPath, c.account)
	}
}
