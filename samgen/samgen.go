// Package samgen renders a spec as a SAM template: per function an
// AWS::Serverless::Function with DurableConfig, LoggingConfig and
// AutoPublishAlias (SAM then creates the role with the durable managed
// policy, the retained version and the alias, and points event sources at
// the alias), an explicit log group, the grants attached to the grantees'
// roles, and outputs with the alias and function ARNs.
//
// SAM attaches the durable managed policy itself when it creates the role,
// so this package never adds it. In least-privilege mode the role is
// written explicitly, without that policy, exactly as cfngen writes it.
//
// Once transformed by SAM, the template is the one cfngen writes: a test
// runs the real aws-sam-translator on every golden and compares.
package samgen

import (
	"fmt"

	"github.com/awslabs/goformation/v7/cloudformation"
	"github.com/awslabs/goformation/v7/cloudformation/serverless"

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

// Transform is the SAM transform the template declares.
const Transform = "AWS::Serverless-2016-10-31"

// Render renders a validated spec as a SAM template.
func Render(f *spec.File, format Format) ([]byte, error) {
	t := cloudformation.NewTemplate()
	t.Transform = &cloudformation.Transform{String: cloudformation.String(Transform)}
	t.Description = render.Description(f)
	for _, fn := range f.Functions {
		if err := addFunction(t, f, fn); err != nil {
			return nil, fmt.Errorf("rendering SAM for function %q: %w", fn.Name, err)
		}
	}
	for id, r := range render.Grants(f) {
		t.Resources[id] = r
	}
	t.Outputs = render.Outputs(f)
	return render.Finish(t, render.AccountRules(f), format)
}

func addFunction(t *cloudformation.Template, f *spec.File, fn *spec.Function) error {
	ids := render.NamesOf(fn)
	t.Resources[ids.LogGroup] = render.LogGroup(fn)
	sf := &serverless.Function{
		AutoPublishAlias: cloudformation.String(fn.Alias),
		Description:      optional(fn.Description),
		FunctionName:     optional(fn.FunctionName),
		Layers:           fn.Layers,
	}
	if fn.LeastPrivilege {
		// SAM adds the managed policy to a role it creates; pass our own.
		t.Resources[ids.Role] = render.ExecutionRole(fn)
		t.Resources[ids.ExecutionPolicy] = render.ExecutionPolicy(fn)
		sf.Role = cloudformation.String(cloudformation.GetAtt(ids.Role, "Arn"))
	}
	switch c := fn.Code; c.Kind {
	case spec.CodeLocal:
		sf.CodeUri = &serverless.Function_CodeUri{String: cloudformation.String(c.Path)}
	case spec.CodeS3:
		sf.CodeUri = &serverless.Function_CodeUri{String: cloudformation.String("s3://" + c.Bucket + "/" + c.Key)}
	case spec.CodeInline:
		sf.InlineCode = cloudformation.String(c.Inline)
	case spec.CodeImage:
		sf.ImageUri = cloudformation.String(c.ImageURI)
		sf.PackageType = cloudformation.String("Image")
	}
	if fn.Code.Kind != spec.CodeImage {
		sf.Runtime = cloudformation.String(fn.Runtime)
		sf.Handler = cloudformation.String(fn.Handler)
	}
	if fn.MemorySize > 0 {
		sf.MemorySize = cloudformation.Int(fn.MemorySize)
	}
	if fn.Timeout > 0 {
		sf.Timeout = cloudformation.Int(fn.Timeout)
	}
	if fn.Architecture != "" {
		sf.Architectures = []string{fn.Architecture}
	}
	if vars := render.Environment(f, fn); vars != nil {
		sf.Environment = &serverless.Function_FunctionEnvironment{Variables: vars}
	}
	if len(fn.Tags) > 0 {
		sf.Tags = map[string]string{}
		for _, kv := range fn.Tags {
			sf.Tags[kv.Key] = kv.Value
		}
	}
	if fn.Tracing != "" {
		sf.Tracing = cloudformation.String(fn.Tracing)
	}
	if fn.ReservedConcurrency != nil {
		sf.ReservedConcurrentExecutions = cloudformation.Int(*fn.ReservedConcurrency)
	}
	if fn.VPC != nil {
		sf.VpcConfig = &serverless.Function_VpcConfig{SubnetIds: fn.VPC.SubnetIDs, SecurityGroupIds: fn.VPC.SecurityGroupIDs}
	}
	if fn.DeadLetterQueue != "" {
		kind := "SQS"
		if render.IsTopic(fn.DeadLetterQueue) {
			kind = "SNS"
		}
		sf.DeadLetterQueue = &serverless.Function_DeadLetterQueue{Type: kind, TargetArn: fn.DeadLetterQueue}
	}
	if len(fn.Events) > 0 {
		sf.Events = map[string]serverless.Function_EventSource{}
		for _, ev := range fn.Events {
			switch ev.Kind {
			case spec.EventSQS:
				e := &serverless.Function_SQSEvent{Queue: ev.QueueArn}
				if ev.BatchSize > 0 {
					e.BatchSize = cloudformation.Int(ev.BatchSize)
				}
				sf.Events[ev.Name] = serverless.Function_EventSource{Type: "SQS", Properties: &serverless.Function_Properties{SQSEvent: e}}
			case spec.EventSchedule:
				sf.Events[ev.Name] = serverless.Function_EventSource{Type: "Schedule",
					Properties: &serverless.Function_Properties{ScheduleEvent: &serverless.Function_ScheduleEvent{Schedule: ev.Schedule}}}
			}
		}
	}
	t.Resources[ids.Function] = &cfnext.Resource{Inner: sf, Extra: cfnext.Extra{
		DurableConfig: render.DurableConfig(fn),
		LoggingConfig: render.LoggingConfig(fn),
		// Publish a new version when any property changes, not only the
		// code (SAM's default hashes the code location alone).
		AutoPublishAliasAllProperties: cloudformation.Bool(true),
	}}
	return nil
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
