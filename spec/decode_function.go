package spec

import (
	"strings"

	"gopkg.in/yaml.v3"
)

func (d *decoder) decodeFunction(n *yaml.Node, path string, fn *Function) {
	d.mapping(n, path, d.functionFields(fn))
	if n.Kind != yaml.MappingNode {
		return
	}
	if _, ok := d.pos[joinPath(path, "code")]; !ok {
		d.errorf(n, CodeRequired, joinPath(path, "code"), "add code: ./path/to/handler (a local directory or zip, s3://bucket/key, {bucket: ..., key: ...}, {inline: ...} or {image: URI})", "required field is missing")
	}
}

// functionFields are the fields of a function and how each decodes.
func (d *decoder) functionFields(fn *Function) []field {
	return []field{
		{"description", func(n *yaml.Node, p string) { d.str(n, p, &fn.Description) }},
		{"functionName", func(n *yaml.Node, p string) { d.str(n, p, &fn.FunctionName) }},
		{"runtime", func(n *yaml.Node, p string) { d.str(n, p, &fn.Runtime) }},
		{"handler", func(n *yaml.Node, p string) { d.str(n, p, &fn.Handler) }},
		{"code", func(n *yaml.Node, p string) { d.decodeCode(n, p, &fn.Code) }},
		{"memorySize", func(n *yaml.Node, p string) { d.integer(n, p, &fn.MemorySize) }},
		{"timeout", func(n *yaml.Node, p string) { d.integer(n, p, &fn.Timeout) }},
		{"architecture", func(n *yaml.Node, p string) { d.str(n, p, &fn.Architecture) }},
		{"environment", func(n *yaml.Node, p string) { d.valueMap(n, p, &fn.Environment) }},
		{"tags", func(n *yaml.Node, p string) { d.valueMap(n, p, &fn.Tags) }},
		{"tracing", func(n *yaml.Node, p string) { d.str(n, p, &fn.Tracing) }},
		{"layers", func(n *yaml.Node, p string) { d.valueListOr(n, p, &fn.Layers, &fn.LayersList) }},
		{"reservedConcurrency", func(n *yaml.Node, p string) {
			var v int
			if d.integer(n, p, &v) {
				fn.ReservedConcurrency = &v
			}
		}},
		{"vpc", func(n *yaml.Node, p string) {
			fn.VPC = &VPC{}
			d.mapping(n, p, []field{
				{"subnetIds", func(n *yaml.Node, p string) { d.valueListOr(n, p, &fn.VPC.SubnetIDs, &fn.VPC.SubnetIDsList) }},
				{"securityGroupIds", func(n *yaml.Node, p string) {
					d.valueListOr(n, p, &fn.VPC.SecurityGroupIDs, &fn.VPC.SecurityGroupIDsList)
				}},
			})
		}},
		{"deadLetterQueue", func(n *yaml.Node, p string) { d.deadLetter(n, p, fn) }},
		{"durable", func(n *yaml.Node, p string) { fn.Durable = &Durable{}; d.decodeDurable(n, p, fn.Durable) }},
		{"alias", func(n *yaml.Node, p string) { d.str(n, p, &fn.Alias) }},
		{"logs", func(n *yaml.Node, p string) {
			d.mapping(n, p, []field{
				{"retentionDays", func(n *yaml.Node, p string) { d.integer(n, p, &fn.Logs.RetentionDays) }},
				{"format", func(n *yaml.Node, p string) { d.str(n, p, &fn.Logs.Format) }},
				{"applicationLevel", func(n *yaml.Node, p string) { d.str(n, p, &fn.Logs.ApplicationLevel) }},
				{"systemLevel", func(n *yaml.Node, p string) { d.str(n, p, &fn.Logs.SystemLevel) }},
			})
		}},
		{"leastPrivilege", func(n *yaml.Node, p string) { d.boolean(n, p, &fn.LeastPrivilege) }},
		{"role", func(n *yaml.Node, p string) { d.value(n, p, &fn.Role) }},
		{"policies", func(n *yaml.Node, p string) { d.decodePolicies(n, p, &fn.Policies) }},
		{"callbackSenders", func(n *yaml.Node, p string) { d.principals(n, p, &fn.CallbackSenders) }},
		{"starters", func(n *yaml.Node, p string) { d.principals(n, p, &fn.Starters) }},
		{"observers", func(n *yaml.Node, p string) { d.principals(n, p, &fn.Observers) }},
		{"operators", func(n *yaml.Node, p string) { d.principals(n, p, &fn.Operators) }},
		{"invokes", func(n *yaml.Node, p string) {
			d.list(n, p, func(n *yaml.Node, p string) {
				var t InvokeTarget
				if d.mapping(n, p, []field{
					{"function", func(n *yaml.Node, p string) { d.str(n, p, &t.Function) }},
					{"functionArn", func(n *yaml.Node, p string) { d.str(n, p, &t.FunctionArn) }},
				}) {
					if (t.Function == "") == (t.FunctionArn == "") {
						d.errorf(n, CodeOneOf, p, "write {function: Name} or {functionArn: ARN}", "give exactly one of function or functionArn")
					}
				}
				fn.Invokes = append(fn.Invokes, t)
			})
		}},
		{"events", func(n *yaml.Node, p string) { d.decodeEvents(n, p, &fn.Events) }},
	}
}

// valueMap decodes a mapping of values (literal or intrinsic), keeping its
// order. Numbers and booleans are taken as the text written, as
// CloudFormation would.
func (d *decoder) valueMap(n *yaml.Node, path string, dst *[]KeyValue) {
	if !d.checkTag(n, path) {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, CodeType, path, "", "expected a mapping of strings, got %s", kindName(n))
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		fp := joinPath(path, k.Value)
		if seen[k.Value] {
			d.errorf(k, CodeDuplicateKey, fp, "remove one of the two", "duplicate key %q", k.Value)
			continue
		}
		seen[k.Value] = true
		d.pos[fp] = d.at(v)
		var val Value
		d.value(v, fp, &val)
		*dst = append(*dst, KeyValue{Key: k.Value, Value: val})
	}
}
func (d *decoder) principals(n *yaml.Node, path string, dst *[]Principal) {
	d.list(n, path, func(n *yaml.Node, p string) {
		var pr Principal
		if d.mapping(n, p, []field{
			{"function", func(n *yaml.Node, p string) { d.str(n, p, &pr.Function) }},
			{"roleArn", func(n *yaml.Node, p string) { d.str(n, p, &pr.RoleArn) }},
		}) {
			if (pr.Function == "") == (pr.RoleArn == "") {
				d.errorf(n, CodeOneOf, p, "write {function: Name} or {roleArn: ARN}", "give exactly one of function or roleArn")
			}
		}
		*dst = append(*dst, pr)
	})
}

func (d *decoder) decodeDurable(n *yaml.Node, path string, dur *Durable) {
	dur.ExecutionTimeout = -1
	dur.RetentionDays = -1
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		d.errorf(n, CodeRequired, joinPath(path, "executionTimeout"), "add executionTimeout: 24h (seconds, or a duration such as 90m, 24h, 7d; at most 366d)",
			"an empty durable block is rejected at deploy time: executionTimeout is required")
		return
	}
	ok := d.mapping(n, path, []field{
		{"executionTimeout", func(n *yaml.Node, p string) {
			if v, ok := d.duration(n, p); ok {
				dur.ExecutionTimeout = v
			}
		}},
		{"retentionDays", func(n *yaml.Node, p string) { d.integer(n, p, &dur.RetentionDays) }},
		{"kmsKeyArn", func(n *yaml.Node, p string) { d.value(n, p, &dur.KMSKeyArn) }},
	})
	if ok {
		if _, seen := d.pos[joinPath(path, "executionTimeout")]; !seen {
			d.errorf(n, CodeRequired, joinPath(path, "executionTimeout"), "add executionTimeout: 24h (seconds, or a duration such as 90m, 24h, 7d; at most 366d)",
				"required field is missing: a durable config without an execution timeout is rejected at deploy time")
		}
	}
}

// duration reads integer seconds or a duration string (see ParseDuration).
func (d *decoder) duration(n *yaml.Node, path string) (int, bool) {
	if !d.checkTag(n, path) {
		return 0, false
	}
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!str") {
		d.errorf(n, CodeType, path, "write seconds (3600) or a duration (90m, 24h, 7d)", "expected a duration, got %s", kindName(n))
		return 0, false
	}
	if n.Tag == "!!int" {
		var v int
		if !d.integer(n, path, &v) {
			return 0, false
		}
		return v, true
	}
	v, err := ParseDuration(n.Value)
	if err != nil {
		d.errorf(n, CodeDuration, path, "write seconds (3600) or a duration such as 30s, 90m, 24h, 7d or 1d12h", "%v", err)
		return 0, false
	}
	return v, true
}

func (d *decoder) decodeCode(n *yaml.Node, path string, c *Code) {
	if !d.checkTag(n, path) {
		return
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" || n.Value == "" {
			d.errorf(n, CodeRequired, path, "write a local path, s3://bucket/key, {inline: ...} or {image: URI}", "code is empty")
			return
		}
		if strings.HasPrefix(n.Value, "s3://") {
			rest := strings.TrimPrefix(n.Value, "s3://")
			bucket, key, ok := strings.Cut(rest, "/")
			if !ok || bucket == "" || key == "" {
				d.errorf(n, CodeValue, path, "write s3://bucket/key", "%q is not an S3 location", n.Value)
				return
			}
			c.Kind, c.Bucket, c.Key = CodeS3, Lit(bucket), Lit(key)
			return
		}
		c.Kind, c.Path = CodeLocal, n.Value
	case yaml.MappingNode:
		var inline, image *string
		var bucket, key *Value
		d.mapping(n, path, []field{
			{"inline", func(n *yaml.Node, p string) { inline = new(string); d.str(n, p, inline) }},
			{"image", func(n *yaml.Node, p string) { image = new(string); d.str(n, p, image) }},
			{"bucket", func(n *yaml.Node, p string) { bucket = new(Value); d.value(n, p, bucket) }},
			{"key", func(n *yaml.Node, p string) { key = new(Value); d.value(n, p, key) }},
			{"objectVersion", func(n *yaml.Node, p string) { d.str(n, p, &c.ObjectVersion) }},
		})
		kinds := 0
		for _, set := range []bool{inline != nil, image != nil, bucket != nil || key != nil} {
			if set {
				kinds++
			}
		}
		switch {
		case kinds != 1:
			d.errorf(n, CodeOneOf, path, "write {inline: ...}, {image: URI} or {bucket: ..., key: ...}", "give exactly one of inline, image or bucket and key")
		case inline != nil:
			c.Kind, c.Inline = CodeInline, *inline
		case image != nil:
			c.Kind, c.ImageURI = CodeImage, *image
		case bucket == nil || key == nil:
			d.errorf(n, CodeRequired, path, "give both bucket and key", "an S3 code location needs a bucket and a key")
		default:
			c.Kind, c.Bucket, c.Key = CodeS3, *bucket, *key
		}
	default:
		d.errorf(n, CodeType, path, "write a local path, s3://bucket/key, {inline: ...} or {image: URI}", "expected a string or a mapping, got %s", kindName(n))
	}
}

// deadLetter decodes a dead-letter target (see queueOrTopic).
func (d *decoder) deadLetter(n *yaml.Node, path string, fn *Function) {
	d.queueOrTopic(n, path, &fn.DeadLetterQueue, &fn.DeadLetterKind)
}

// queueOrTopic decodes where failed events go: an ARN (literal or
// intrinsic), or {queue: ARN} / {topic: ARN} when the ARN alone does not
// tell (kind is then "queue" or "topic").
func (d *decoder) queueOrTopic(n *yaml.Node, path string, dst *Value, kind *string) {
	if n.Kind != yaml.MappingNode || isIntrinsicNode(n) {
		d.value(n, path, dst)
		return
	}
	kinds := 0
	d.mapping(n, path, []field{
		{"queue", func(n *yaml.Node, p string) { kinds++; *kind = "queue"; d.value(n, p, dst) }},
		{"topic", func(n *yaml.Node, p string) { kinds++; *kind = "topic"; d.value(n, p, dst) }},
	})
	if kinds != 1 {
		d.errorf(n, CodeOneOf, path, "write {queue: ARN} or {topic: ARN}", "give exactly one of queue or topic")
	}
}
