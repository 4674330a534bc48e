package spec

import (
	"encoding/json"
	"fmt"
	"strings"
)

// SchemaID is the $id of the spec's JSON Schema.
const SchemaID = "https://github.com/durablefn/durablefn/spec/schema.json"

// Schema returns the JSON Schema (draft 2020-12) of a spec file, for
// editors and for the docs' spec reference: `durablefn schema` prints it.
//
// Every limit, default, enumeration and pattern is read from this package
// (limits.go and the validation patterns), never restated. Every property
// has a description, and every mapping with fixed keys sets
// additionalProperties: false, as the decoder refuses unknown keys.
//
// The schema catches what can be seen in one file without reading
// anything else; Load still decides. What the schema cannot express: that
// a referenced function exists, that a function does not grant itself,
// that local code exists, ARN shapes owned by package policies (role and
// function ARNs), the order of units in a duration and the 366-day bound
// of a duration string, and the size limit of inline code.
func Schema() []byte {
	b, err := json.MarshalIndent(schemaDoc(), "", "  ")
	if err != nil {
		panic("spec: marshalling the JSON Schema: " + err.Error()) // plain maps of strings and numbers: cannot happen
	}
	return append(b, '\n')
}

type object = map[string]any

// described adds a description to a schema.
func described(desc string, s object) object {
	s["description"] = desc
	return s
}

// closed is an object schema with fixed keys: unknown keys are refused.
func closed(desc string, props object, required ...string) object {
	s := object{
		"type":                 "object",
		"description":          desc,
		"properties":           props,
		"additionalProperties": false,
	}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

func ref(name, desc string) object {
	return object{"$ref": "#/$defs/" + name, "description": desc}
}

func str(desc string) object { return object{"type": "string", "minLength": 1, "description": desc} }

func pattern(desc string, re string) object {
	return object{"type": "string", "pattern": re, "description": desc}
}

func intRange(desc string, lo, hi int) object {
	return object{"type": "integer", "minimum": lo, "maximum": hi, "description": desc}
}

func enum[T any](desc string, values []T) object {
	return object{"enum": values, "description": desc}
}

func list(desc string, items object) object {
	return object{"type": "array", "items": items, "description": desc}
}

// scalarMap is a mapping of names to strings; numbers and booleans are
// taken as written, as the decoder does.
func scalarMap(desc string, names object) object {
	return object{
		"type":                 "object",
		"description":          desc,
		"propertyNames":        names,
		"additionalProperties": object{"type": []string{"string", "number", "boolean"}},
	}
}

func ints(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ", ")
}

func schemaDoc() object {
	return object{
		"$schema":     "https://json-schema.org/draft/2020-12/schema",
		"$id":         SchemaID,
		"title":       "durablefn spec",
		"description": "A durablefn spec file (durable.yaml): Lambda durable functions, rendered as CloudFormation, SAM or a CDK construct by durablefn synth. Unknown and duplicate keys are errors.",
		"type":        "object",
		"properties": object{
			"functions": object{
				"type":                 "object",
				"description":          fmt.Sprintf("The durable functions, by logical name, in the order written. A logical name starts with a letter, then letters and digits, at most %d characters; every resource of the function is named after it (<Fn>, <Fn>Role, <Fn>LogGroup, <Fn>Version<hash>, <Fn>Alias<alias>).", MaxNameLength),
				"minProperties":        1,
				"propertyNames":        object{"pattern": nameRE.String(), "maxLength": MaxNameLength},
				"additionalProperties": object{"$ref": "#/$defs/function"},
			},
		},
		"required":             []string{"functions"},
		"additionalProperties": false,
		"$defs": object{
			"function":         functionSchema(),
			"code":             codeSchema(),
			"durable":          durableSchema(),
			"executionTimeout": executionTimeoutSchema(),
			"logs":             logsSchema(),
			"vpc":              vpcSchema(),
			"principal":        principalSchema(),
			"invokeTarget":     invokeTargetSchema(),
			"event":            eventSchema(),
		},
	}
}

func functionSchema() object {
	grants := func(what string) object {
		s := list(what+" Each entry is {function: Name} (the role of another function of this spec) or {roleArn: ARN} (an existing role); each grant is an AWS::IAM::Policy attached to the grantee's role. A principal may be listed once.",
			object{"$ref": "#/$defs/principal"})
		s["uniqueItems"] = true
		return s
	}
	invokes := list("Functions this durable function invokes through the durable SDK's invoke: {function: Name} or {functionArn: ARN}. Its role gets lambda:InvokeFunction on each target's ARN and on the ARN followed by :* (a durable target must be called through a qualified ARN).",
		object{"$ref": "#/$defs/invokeTarget"})
	invokes["uniqueItems"] = true

	s := closed("One durable function: a Lambda function with a DurableConfig, a retained published version and an alias that everything invokes.", object{
		"description":  object{"type": "string", "description": "The function's description. Output: Description."},
		"functionName": pattern("An explicit physical name: letters, digits, - and _. Not recommended: turning durability on or off replaces the function, and a replacement fails when the name is explicit. Default: generated by CloudFormation.", functionNameRE.String()),
		"runtime":      enum("The managed runtime; one with a durable execution SDK. Required unless code is a container image, where it must be left out. Output: Runtime.", DurableRuntimes),
		"handler":      str("The handler, e.g. index.handler. Required unless code is a container image, where it must be left out (set the image's CMD). Output: Handler."),
		"code":         ref("code", "Where the code comes from: a local directory or zip file (relative to the spec), s3://bucket/key, {inline: source} or {image: ECR image URI}. Required."),
		"memorySize":   intRange(fmt.Sprintf("Memory in MB, %d … %d. Default: Lambda's default. Output: MemorySize.", MinMemorySize, MaxMemorySize), MinMemorySize, MaxMemorySize),
		"timeout":      intRange(fmt.Sprintf("Timeout of one invocation in seconds, %d … %d. The whole execution may last longer: that is durable.executionTimeout. Default: Lambda's default. Output: Timeout.", MinTimeout, MaxTimeout), MinTimeout, MaxTimeout),
		"architecture": enum("The instruction set. Default: Lambda's default. Output: Architectures.", Architectures),
		"environment": scalarMap(fmt.Sprintf("Environment variables: a letter first, then letters, digits and _; the names Lambda reserves are refused. A value may reference another function of this spec as ${Name.Attribute}, Attribute one of %s (e.g. ${Worker.%s}); references may not form a cycle. Output: Environment.Variables.", strings.Join(RefAttributes, ", "), AttrAliasArn),
			object{"pattern": envKeyRE.String(), "not": object{"enum": reservedEnv}}),
		"tags": scalarMap("Tags on the function and its role. Keys starting with aws: are reserved.",
			object{"not": object{"pattern": "^[aA][wW][sS]:"}}),
		"tracing":             enum("X-Ray tracing mode; with Active the role also gets AWSXrayWriteOnlyAccess. Default: off. Output: TracingConfig.Mode.", TracingModes),
		"layers":              list("Layer version ARNs (not with a container image). Output: Layers.", pattern("A layer version ARN: arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION.", layerARNRE.String())),
		"reservedConcurrency": object{"type": "integer", "minimum": 0, "description": "Reserved concurrent executions; 0 throttles every invocation. Default: unreserved. Output: ReservedConcurrentExecutions."},
		"vpc":                 ref("vpc", "Attaches the function to subnets; the role also gets AWSLambdaVPCAccessExecutionRole. Default: no VPC. Output: VpcConfig."),
		"deadLetterQueue": described("The ARN of an SQS queue or SNS topic that receives the triggering event of executions that end FAILED, STOPPED or TIMED_OUT (AWS recommends one for asynchronously started durable functions). Output: DeadLetterConfig and a role policy to deliver to it.",
			object{"type": "string", "anyOf": []object{{"pattern": sqsARNRE.String()}, {"pattern": snsARNRE.String()}}}),
		"durable": ref("durable", "The durable configuration. Required: a durable function cannot be made durable after it is created. Output: DurableConfig."),
		"alias": described(fmt.Sprintf("The alias everything invokes (event sources, starters), on a retained published version: letters, digits, - and _; not $LATEST and not a version number. Default: %s.", DefaultAlias),
			object{"type": "string", "pattern": aliasRE.String(), "not": object{"pattern": digitsRE.String()}, "default": DefaultAlias}),
		"logs":            ref("logs", "The function's explicit log group and log format."),
		"leastPrivilege":  object{"type": "boolean", "default": false, "description": "Replace the AWS managed durable execution policy on the function's role by an inline policy scoped to the function's own executions (its ARN followed by :*) and its own log group. Default: false."},
		"callbackSenders": grants("Principals that complete, fail and heartbeat callbacks of this function's executions (the three lambda:SendDurableExecutionCallback* actions on the function ARN followed by :*)."),
		"starters":        grants("Principals that start executions: lambda:InvokeFunction on the alias."),
		"observers":       grants("Principals that read executions and their history (on the function ARN followed by :*) and list the function's executions (on the function ARN)."),
		"operators":       grants("Principals that stop executions, and may do what an observer does."),
		"invokes":         invokes,
		"events": object{
			"type":                 "object",
			"description":          "Event sources, by logical name (a letter first, then letters and digits). Each invokes the alias; resources are named <Fn><Event>.",
			"propertyNames":        object{"pattern": nameRE.String()},
			"additionalProperties": object{"$ref": "#/$defs/event"},
		},
	}, "code", "durable")
	// A container image brings its own runtime, handler and layers; any
	// other code needs a runtime and a handler.
	s["if"] = object{"properties": object{"code": object{"type": "object", "required": []string{"image"}}}, "required": []string{"code"}}
	s["then"] = object{"properties": object{"runtime": false, "handler": false, "layers": false}}
	s["else"] = object{"required": []string{"runtime", "handler"}}
	return s
}

func codeSchema() object {
	return object{
		"description": "The function's code: exactly one of a string (a local path or s3://bucket/key), {inline: source} or {image: URI}.",
		"oneOf": []object{
			{
				"type":        "string",
				"minLength":   1,
				"description": "A local directory or zip file, relative to the spec (packaged before deploy; its content digest names the published version), or an S3 object written s3://bucket/key.",
				"if":          object{"pattern": "^s3://"},
				"then":        object{"pattern": "^s3://[^/]+/.+$"},
			},
			closed("Source code written into the template (ZipFile, InlineCode). Keep it small: larger code belongs in a directory.", object{
				"inline": object{"type": "string", "pattern": `\S`, "description": "The source code."},
			}, "inline"),
			closed("A container image (PackageType: Image); leave runtime, handler and layers out.", object{
				"image": pattern("An ECR image URI: ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO:TAG or @sha256:DIGEST.", `\.dkr\.ecr\.`),
			}, "image"),
		},
	}
}

func durableSchema() object {
	return closed("The function's DurableConfig. An empty durable block is refused: it passes the SAM transform and fails at deploy time.", object{
		"executionTimeout": ref("executionTimeout", fmt.Sprintf("How long one execution may run, from 1 second to %s (%d s). Required. Output: DurableConfig.ExecutionTimeout in seconds.", FormatDuration(MaxExecutionTimeout), MaxExecutionTimeout)),
		"retentionDays": described(fmt.Sprintf("Days the execution history is kept after an execution closes, %d … %d. Default: %d. Output: DurableConfig.RetentionPeriodInDays (always written).", MinRetentionDays, MaxRetentionDays, DefaultRetentionDays),
			object{"type": "integer", "minimum": MinRetentionDays, "maximum": MaxRetentionDays, "default": DefaultRetentionDays}),
		"kmsKeyArn": pattern("A customer managed KMS key (or alias) ARN that encrypts execution payloads. Default: an AWS owned key. Output: DurableConfig.KMSKeyArn.", kmsARNRE.String()),
	}, "executionTimeout")
}

func executionTimeoutSchema() object {
	return object{
		"description": fmt.Sprintf("Seconds (1 … %d), or a duration string.", MaxExecutionTimeout),
		"oneOf": []object{
			intRange("Seconds.", 1, MaxExecutionTimeout),
			pattern(fmt.Sprintf("A duration in days (d), hours (h), minutes (m) and seconds (s), each unit once, largest first: 30s, 90m, 24h, 7d, 1d12h; at most %s.", FormatDuration(MaxExecutionTimeout)), durationRE.String()),
		},
	}
}

func logsSchema() object {
	levels := func(which string) object {
		return enum(which+" log level filter; needs format JSON. Default: Lambda's.", LogLevels)
	}
	s := closed("The function's explicit log group (its name left to CloudFormation, so the function can be replaced), wired through LoggingConfig.", object{
		"retentionDays": described(fmt.Sprintf("Days the log group keeps logs; one of the values CloudWatch Logs accepts: %s. Default: %d. Output: AWS::Logs::LogGroup.RetentionInDays.", ints(LogRetentionDays), DefaultLogRetentionDays),
			object{"enum": LogRetentionDays, "default": DefaultLogRetentionDays}),
		"format": described(fmt.Sprintf("The log format. Default: %s. Output: LoggingConfig.LogFormat.", DefaultLogFormat),
			object{"enum": LogFormats, "default": DefaultLogFormat}),
		"applicationLevel": levels("The application"),
		"systemLevel":      levels("The system"),
	})
	// Log levels filter JSON logs only.
	s["if"] = object{"anyOf": []object{{"required": []string{"applicationLevel"}}, {"required": []string{"systemLevel"}}}}
	s["then"] = object{"properties": object{"format": object{"const": "JSON"}}}
	return s
}

func vpcSchema() object {
	return closed("The function's VPC configuration: both lists are required.", object{
		"subnetIds": object{"type": "array", "minItems": 1, "description": "Subnet IDs (subnet- and 8 or 17 hex digits).",
			"items": pattern("A subnet ID.", subnetRE.String())},
		"securityGroupIds": object{"type": "array", "minItems": 1, "description": "Security group IDs (sg- and 8 or 17 hex digits).",
			"items": pattern("A security group ID.", securityGrpRE.String())},
	}, "subnetIds", "securityGroupIds")
}

func principalSchema() object {
	return object{
		"description": "Who receives a grant: exactly one of function or roleArn.",
		"oneOf": []object{
			closed("Another function of this spec: the grant goes on its role.", object{
				"function": pattern("The logical name of another function of this spec (not the granting function itself).", nameRE.String()),
			}, "function"),
			closed("An existing IAM role; the template asserts it is deployed in the role's account.", object{
				"roleArn": str("An IAM role ARN: arn:aws:iam::ACCOUNT:role/NAME (not a user or an assumed-role session)."),
			}, "roleArn"),
		},
	}
}

func invokeTargetSchema() object {
	return object{
		"description": "A function invoked through the durable SDK: exactly one of function or functionArn.",
		"oneOf": []object{
			closed("Another function of this spec, invoked through its alias.", object{
				"function": pattern("The logical name of another function of this spec (not the invoking function itself).", nameRE.String()),
			}, "function"),
			closed("Any function by ARN.", object{
				"functionArn": str("A Lambda function ARN: arn:aws:lambda:REGION:ACCOUNT:function:NAME (unqualified: the grant covers it and every qualifier)."),
			}, "functionArn"),
		},
	}
}

func eventSchema() object {
	return object{
		"description": "One event source: exactly one of sqs or schedule.",
		"oneOf": []object{
			closed("An SQS queue, read by an event source mapping on the alias.", object{
				"sqs": closed(fmt.Sprintf("An event source mapping. It invokes synchronously, so executions longer than %s are cut short (a warning).", FormatDuration(MaxSyncExecutionTimeout)), object{
					"queueArn":  pattern("The queue ARN: arn:aws:sqs:REGION:ACCOUNT:NAME.", sqsARNRE.String()),
					"batchSize": intRange(fmt.Sprintf("Messages per invocation, 1 … %d. Default: Lambda's.", MaxBatchSize), 1, MaxBatchSize),
				}, "queueArn"),
			}, "sqs"),
			closed("An EventBridge schedule that starts an execution on the alias (asynchronously).", object{
				"schedule": pattern("A schedule expression: rate(1 hour) or cron(0 12 * * ? *).", scheduleRE.String()),
			}, "schedule"),
		},
	}
}
