// Package cfngen renders a spec as a plain CloudFormation template: per
// function an execution role, the function with DurableConfig and
// LoggingConfig, an explicit log group, a retained version whose logical ID
// changes whenever code or configuration changes, the alias, the grants
// attached to the grantees' roles, and outputs with the alias and function
// ARNs.
//
// Logical IDs follow SAM's (<Fn>, <Fn>Role, <Fn>Version<hash>,
// <Fn>Alias<alias>), so that the template lines up with the one samgen
// writes once SAM has transformed it.
package cfngen

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/awslabs/goformation/v7/cloudformation/lambda"
	"github.com/awslabs/goformation/v7/cloudformation/policies"

	"github.com/durablefn/durablefn/internal/cfnext"
	"github.com/durablefn/durablefn/internal/render"
	"github.com/durablefn/durablefn/spec"
)

// Format is the output format.
type Format = render.Format

// Output formats.
const (
	YAML = render.YAML
	JSON = render.JSON
)

// Render renders a validated spec as a CloudFormation template.
func Render(f *spec.File, format Format) ([]byte, error) {
	t, rules, err := Template(f)
	if err != nil {
		return nil, err
	}
	return render.Finish(t, rules, format)
}

// Template builds the goformation template and its Rules.
func Template(f *spec.File) (*cloudformation.Template, map[string]cfnext.Rule, error) {
	t := cloudformation.NewTemplate()
	t.Description = render.Description(f)
	for _, fn := range f.Functions {
		if err := addFunction(t, f, fn); err != nil {
			return nil, nil, fmt.Errorf("rendering CloudFormation for function %q: %w", fn.Name, err)
		}
	}
	for id, r := range render.Grants(f) {
		t.Resources[id] = r
	}
	t.Outputs = render.Outputs(f)
	return t, render.AccountRules(f), nil
}

func addFunction(t *cloudformation.Template, f *spec.File, fn *spec.Function) error {
	ids := render.NamesOf(fn)
	t.Resources[ids.Role] = render.ExecutionRole(fn)
	if fn.LeastPrivilege {
		t.Resources[ids.ExecutionPolicy] = render.ExecutionPolicy(fn)
	}
	t.Resources[ids.LogGroup] = render.LogGroup(fn)

	lf := &lambda.Function{
		Role:          cloudformation.GetAtt(ids.Role, "Arn"),
		Code:          code(fn),
		Description:   optional(fn.Description),
		FunctionName:  optional(fn.FunctionName),
		LoggingConfig: loggingConfig(fn),
		Tags:          render.Tags(fn),
		Layers:        fn.Layers,
	}
	if fn.Code.Kind == spec.CodeImage {
		lf.PackageType = cloudformation.String("Image")
	} else {
		lf.Runtime = cloudformation.String(fn.Runtime)
		lf.Handler = cloudformation.String(fn.Handler)
	}
	if fn.MemorySize > 0 {
		lf.MemorySize = cloudformation.Int(fn.MemorySize)
	}
	if fn.Timeout > 0 {
		lf.Timeout = cloudformation.Int(fn.Timeout)
	}
	if fn.Architecture != "" {
		lf.Architectures = []string{fn.Architecture}
	}
	if vars := render.Environment(f, fn); vars != nil {
		lf.Environment = &lambda.Function_Environment{Variables: vars}
	}
	if fn.Tracing != "" {
		lf.TracingConfig = &lambda.Function_TracingConfig{Mode: cloudformation.String(fn.Tracing)}
	}
	if fn.ReservedConcurrency != nil {
		lf.ReservedConcurrentExecutions = cloudformation.Int(*fn.ReservedConcurrency)
	}
	if fn.VPC != nil {
		lf.VpcConfig = &lambda.Function_VpcConfig{SubnetIds: fn.VPC.SubnetIDs, SecurityGroupIds: fn.VPC.SecurityGroupIDs}
	}
	if fn.DeadLetterQueue != "" {
		lf.DeadLetterConfig = &lambda.Function_DeadLetterConfig{TargetArn: cloudformation.String(fn.DeadLetterQueue)}
	}
	function := &cfnext.Resource{Inner: lf, Extra: cfnext.Extra{DurableConfig: render.DurableConfig(fn)}}
	if fn.Code.Kind == spec.CodeLocal {
		function.Extra.LocalCode = fn.Code.Path
	}
	t.Resources[ids.Function] = function

	version, err := versionID(fn, function)
	if err != nil {
		return err
	}
	t.Resources[version] = &lambda.Version{
		FunctionName:                    cloudformation.Ref(ids.Function),
		AWSCloudFormationDeletionPolicy: policies.DeletionPolicy("Retain"),
	}
	t.Resources[ids.Alias] = &lambda.Alias{
		Name:            fn.Alias,
		FunctionName:    cloudformation.Ref(ids.Function),
		FunctionVersion: cloudformation.GetAtt(version, "Version"),
	}
	for id, r := range render.EventResources(fn) {
		t.Resources[id] = r
	}
	return nil
}

// versionID names the published version after a hash of everything that
// makes a new version: the function's rendered properties and, for local
// code, the digest of its content. CloudFormation publishes a new version
// only when the version resource is new, so the name must change whenever
// they do (as SAM's AutoPublishAlias and CDK's currentVersion do).
func versionID(fn *spec.Function, function *cfnext.Resource) (string, error) {
	props, err := json.Marshal(function)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write(props)
	h.Write([]byte{0})
	h.Write([]byte(fn.Code.Digest))
	return render.NamesOf(fn).VersionPrefix + hex.EncodeToString(h.Sum(nil))[:10], nil
}

func code(fn *spec.Function) *lambda.Function_Code {
	c := fn.Code
	switch c.Kind {
	case spec.CodeS3:
		return &lambda.Function_Code{S3Bucket: cloudformation.String(c.Bucket), S3Key: cloudformation.String(c.Key)}
	case spec.CodeInline:
		return &lambda.Function_Code{ZipFile: cloudformation.String(c.Inline)}
	case spec.CodeImage:
		return &lambda.Function_Code{ImageUri: cloudformation.String(c.ImageURI)}
	}
	return nil // local code: cfnext.Extra.LocalCode
}

func loggingConfig(fn *spec.Function) *lambda.Function_LoggingConfig {
	lc := render.LoggingConfig(fn)
	return &lambda.Function_LoggingConfig{
		LogGroup:            lc.LogGroup,
		LogFormat:           lc.LogFormat,
		ApplicationLogLevel: lc.ApplicationLogLevel,
		SystemLogLevel:      lc.SystemLogLevel,
	}
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
