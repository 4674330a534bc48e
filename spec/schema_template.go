package spec

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/durablefn/durablefn/facts"
)

// The schema of the template's own sections (parameters, conditions,
// resources, outputs), of the globals and of a function's policies.

func parameterSchema() object {
	bound := func(desc string) object { return object{"type": "integer", "description": desc} }
	return closed("A template parameter, in the spec's lower-case spelling of CloudFormation's (Type, Default, AllowedValues …). Output: Parameters.<Name> (CDK: CfnParameter).", object{
		"type": described(fmt.Sprintf("The parameter type: %s, or an AWS-specific type (AWS::EC2::VPC::Id, List<AWS::EC2::Subnet::Id>, AWS::SSM::Parameter::Value<String> …). Default: String.", strings.Join(ParameterTypes, ", ")),
			object{"type": "string", "default": "String", "anyOf": []object{{"enum": ParameterTypes}, {"pattern": "^AWS::"}, {"pattern": "^List<AWS::"}}}),
		"description":           object{"type": "string", "description": "What the parameter is for, shown when the stack is deployed."},
		"default":               object{"type": []string{"string", "number", "boolean"}, "description": "The value when none is given at deploy time; one of allowedValues when they are set. Not with noEcho (a warning: it writes the secret into the template)."},
		"allowedValues":         list("The values the parameter may take.", object{"type": []string{"string", "number", "boolean"}}),
		"allowedPattern":        object{"type": "string", "description": "A regular expression a String parameter must match."},
		"constraintDescription": object{"type": "string", "description": "The message shown when a value breaks allowedValues, allowedPattern or a bound."},
		"minLength":             bound("The shortest value of a String parameter."),
		"maxLength":             bound("The longest value of a String parameter."),
		"minValue":              bound("The smallest value of a Number parameter."),
		"maxValue":              bound("The largest value of a Number parameter."),
		"noEcho":                object{"type": "boolean", "default": false, "description": "Mask the value in the console and the API, for secrets. Default: false."},
	})
}

// conditionBody is a condition as CloudFormation writes it: a long-form
// condition function, or what an editor sees of a short form (!Equals
// [a, b] is a list, !Condition Name a string).
func conditionBody() object {
	return object{
		"description": "A condition function: !Equals, !And, !Or, !Not or !Condition, in short or long form.",
		"oneOf":       []object{{"$ref": "#/$defs/intrinsic"}, {"$ref": "#/$defs/shortForm"}, {"type": "string", "minLength": 1}},
	}
}

func resourceSchema() object {
	names := object{"type": "string", "pattern": facts.LogicalIDPattern.String()}
	return closed("A CloudFormation resource, written as in a template and copied as written. Intrinsic functions may appear anywhere in it; the names they refer to are checked. Output: Resources.<Name> (CDK: CfnResource with the same logical ID).", object{
		"Type": object{"type": "string", "description": "The resource type, such as AWS::DynamoDB::Table or Custom::Name. SAM types (AWS::Serverless::*) are refused: write functions under functions. Required.",
			"pattern": "^Custom::|::.*::", "not": object{"pattern": "^AWS::Serverless::"}},
		"Properties":          object{"type": "object", "description": "The resource's properties, as CloudFormation documents them for its type."},
		"DependsOn":           object{"description": "Resources created before this one: a logical name or a list of them.", "oneOf": []object{names, {"type": "array", "items": names}}},
		"DeletionPolicy":      enum("What happens to the resource when it is removed from the stack. Default: CloudFormation's (Delete for most types).", []string{"Delete", "Retain", "RetainExceptOnCreate", "Snapshot"}),
		"UpdateReplacePolicy": enum("What happens to the old resource when an update replaces it. Default: Delete.", []string{"Delete", "Retain", "Snapshot"}),
		"Condition":           object{"type": "string", "minLength": 1, "description": "The name of a condition of the spec: the resource is created only when it is true."},
		"Metadata":            object{"type": "object", "description": "Data attached to the resource, copied as written."},
		"UpdatePolicy":        object{"type": "object", "description": "How CloudFormation updates the resource (auto scaling groups, ElastiCache, OpenSearch, Lambda aliases)."},
		"CreationPolicy":      object{"type": "object", "description": "Signals CloudFormation waits for before the resource is complete."},
	}, "Type")
}

func outputSchema() object {
	return closed("A template output of the spec's own. Output: Outputs.<Name> (CDK: CfnOutput with the same logical ID).", object{
		"value":       scalarValue("The value: a literal or an intrinsic function, such as !GetAtt Table.Arn. The unqualified ARN or name of a durable function handed out here is a warning (DF203): hand out the alias ARN. Required. Output: Value."),
		"export":      valueOf("The export name other stacks import the value by (!ImportValue), such as !Sub ${AWS::StackName}-table. Default: not exported. Output: Export.Name.", object{"type": "string", "minLength": 1}),
		"description": object{"type": "string", "description": "What the output is. Output: Description."},
	}, "value")
}

// globalsSchema is the function fields globals may set (GlobalFields), with
// the durable block reduced to what functions share.
func globalsSchema() object {
	fn := functionSchema()["properties"].(object)
	props := object{}
	for _, name := range GlobalFields() {
		props[name] = fn[name]
	}
	props["durable"] = closed("Durable settings merged into durable functions only (a plain function stays plain). The execution timeout belongs to each function.", object{
		"retentionDays": described(fmt.Sprintf("Days the execution history is kept, %d … %d. Default: %d.", facts.MinRetentionDays, facts.MaxRetentionDays, facts.DefaultRetentionDays),
			object{"type": "integer", "minimum": facts.MinRetentionDays, "maximum": facts.MaxRetentionDays, "default": facts.DefaultRetentionDays}),
	})
	return closed("Defaults for every function, merged as SAM merges Globals: mappings (environment, tags, vpc, logs) key by key with the function's keys winning, lists (layers, subnet and security group IDs) concatenated with the globals' items first, any other value replaced by the function's. Output: SAM Globals.Function; CloudFormation and CDK: the merged properties of each function.", props)
}

// policySchema is one item of a function's policies.
func policySchema() object {
	return object{
		"description": "A managed policy ARN (arn:aws:iam::aws:policy/NAME, or an intrinsic function such as !Sub 'arn:${AWS::Partition}:iam::aws:policy/NAME') or an IAM statement.",
		"oneOf": []object{
			literalLike("arn:", facts.PolicyARNPattern()),
			{"$ref": "#/$defs/valueIntrinsic"},
			{"$ref": "#/$defs/shortForm"},
			{"$ref": "#/$defs/statement"},
		},
	}
}

// misspelledActions are patterns of the IAM actions that do not exist but
// old posts name, in any case: IAM matches actions in any case.
func misspelledActions() []object {
	var names []string
	for a := range facts.Misspellings() {
		names = append(names, a)
	}
	sort.Strings(names)
	out := make([]object, len(names))
	for i, a := range names {
		out[i] = object{"pattern": "^" + anyCase(a) + "$"}
	}
	return out
}

// anyCase writes a pattern that matches s in any case ([lL][aA]…): JSON
// Schema patterns have no case-insensitive flag.
func anyCase(s string) string {
	var b strings.Builder
	for _, r := range s {
		lo, up := unicode.ToLower(r), unicode.ToUpper(r)
		if lo == up {
			b.WriteString(regexp.QuoteMeta(string(r)))
			continue
		}
		b.WriteString("[" + string(lo) + string(up) + "]")
	}
	return b.String()
}

func statementSchema() object {
	action := object{"type": "string", "not": object{"anyOf": misspelledActions()}, "anyOf": []object{
		{"pattern": facts.ActionPattern.String()}, {"const": "*"},
		// What an editor sees of !Ref Name or !Sub '...${X}...'.
		{"pattern": "^[A-Za-z0-9]+$"}, {"pattern": `\$\{`},
	}}
	actions := func(desc string) object {
		item := object{"oneOf": []object{action, {"$ref": "#/$defs/intrinsic"}, {"$ref": "#/$defs/shortForm"}}}
		return object{"description": desc, "oneOf": []object{action, {"type": "array", "minItems": 1, "items": item}, {"$ref": "#/$defs/intrinsic"}}}
	}
	resources := func(desc string) object {
		resource := object{"type": "string", "minLength": 1}
		item := object{"oneOf": []object{resource, {"$ref": "#/$defs/intrinsic"}, {"$ref": "#/$defs/shortForm"}}}
		return object{"description": desc, "oneOf": []object{resource, {"type": "array", "minItems": 1, "items": item}, {"$ref": "#/$defs/intrinsic"}}}
	}
	s := closed("An IAM statement on the function's role, in IAM's own spelling; intrinsic functions may appear anywhere in it. No Principal: it applies to the role.", object{
		"Sid": object{"type": "string", "description": "The statement's ID: letters and digits (IAM's rule), each Sid once among a function's statements.",
			"anyOf": []object{{"pattern": facts.StatementIDPattern.String()}, {"pattern": `\$\{`}}},
		"Effect":      object{"enum": []string{"Allow", "Deny"}, "default": "Allow", "description": "Allow or Deny. Default: Allow."},
		"Action":      actions("The actions: service:Action, wildcards allowed (\"*\" alone is a warning, DF204), at least one. One of Action or NotAction."),
		"NotAction":   actions("Every action but these (with Effect: Allow, a warning, DF204: it allows every other action). One of Action or NotAction."),
		"Resource":    resources("The ARNs the statement applies to, such as !GetAtt Table.Arn (\"*\" is a warning, DF204). One of Resource or NotResource."),
		"NotResource": resources("Every resource but these. One of Resource or NotResource."),
		"Condition":   object{"type": "object", "description": "Condition operators and keys, such as {StringEquals: {aws:ResourceTag/team: claims}}."},
	})
	s["allOf"] = []object{
		{"oneOf": []object{{"required": []string{"Action"}}, {"required": []string{"NotAction"}}}},
		{"oneOf": []object{{"required": []string{"Resource"}}, {"required": []string{"NotResource"}}}},
	}
	return s
}
