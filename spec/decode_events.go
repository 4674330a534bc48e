package spec

import (
	"encoding/json"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// decodeEvents decodes a function's events: a mapping of names to events,
// each with exactly one kind.
func (d *decoder) decodeEvents(n *yaml.Node, path string, dst *[]Event) {
	if !d.checkTag(n, path) {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, CodeType, path, "", "expected a mapping of event names to events, got %s", kindName(n))
		return
	}
	kinds := strings.Join(eventKeys[:], ", ")
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		ep := joinPath(path, k.Value)
		d.pos[ep] = d.at(k)
		if !d.checkTag(k, ep) {
			continue
		}
		ev := Event{Name: k.Value, Kind: -1}
		kind := func(n *yaml.Node, kind EventKind) {
			if ev.Kind != -1 {
				d.errorf(n, CodeOneOf, ep, "split it into two events", "an event has exactly one kind (%s)", kinds)
			}
			ev.Kind = kind
		}
		before := len(d.diags)
		d.mapping(v, ep, []field{
			{"sqs", func(n *yaml.Node, p string) {
				kind(n, EventSQS)
				ev.Queue = &QueueEvent{}
				d.mapping(n, p, []field{
					{"queueArn", func(n *yaml.Node, p string) { d.value(n, p, &ev.QueueArn) }},
					{"batchSize", func(n *yaml.Node, p string) { d.integer(n, p, &ev.BatchSize) }},
					{"maximumBatchingWindow", func(n *yaml.Node, p string) {
						if v, ok := d.duration(n, p); ok {
							ev.Queue.MaximumBatchingWindow = &v
						}
					}},
					{"maximumConcurrency", func(n *yaml.Node, p string) { d.integer(n, p, &ev.Queue.MaximumConcurrency) }},
					{"reportBatchItemFailures", func(n *yaml.Node, p string) { d.boolean(n, p, &ev.Queue.ReportBatchItemFailures) }},
					{"filterCriteria", func(n *yaml.Node, p string) {
						d.list(n, p, func(n *yaml.Node, p string) {
							pat := d.jsonText(n, p, "a filter pattern")
							if text, ok := pat.(string); ok && !strings.HasPrefix(strings.TrimSpace(text), "{") {
								d.errorf(n, CodeValue, p, `write a mapping such as {body: {kind: [job]}}, or its JSON text`, "a filter pattern is a JSON object")
							}
							ev.Queue.FilterPatterns = append(ev.Queue.FilterPatterns, pat)
						})
					}},
				})
				d.required(n, p, "queueArn", "add queueArn: arn:aws:sqs:REGION:ACCOUNT:NAME (or !GetAtt Queue.Arn)")
			}},
			{"schedule", func(n *yaml.Node, p string) {
				kind(n, EventSchedule)
				d.str(n, p, &ev.Schedule)
			}},
			{"http", func(n *yaml.Node, p string) {
				kind(n, EventHTTP)
				ev.HTTP = &HTTPEvent{}
				d.mapping(n, p, []field{
					{"method", func(n *yaml.Node, p string) { d.str(n, p, &ev.HTTP.Method) }},
					{"path", func(n *yaml.Node, p string) { d.str(n, p, &ev.HTTP.Path) }},
					{"apiId", func(n *yaml.Node, p string) { d.value(n, p, &ev.HTTP.APIID) }},
					{"auth", func(n *yaml.Node, p string) { d.str(n, p, &ev.HTTP.Auth) }},
				})
				d.required(n, p, "method", "add method: POST (or GET, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY)")
				d.required(n, p, "path", "add path: /orders")
			}},
			{"functionUrl", func(n *yaml.Node, p string) {
				kind(n, EventFunctionURL)
				ev.URL = &FunctionURLEvent{}
				d.mapping(n, p, []field{
					{"auth", func(n *yaml.Node, p string) { d.str(n, p, &ev.URL.AuthType) }},
					{"cors", func(n *yaml.Node, p string) {
						c := &CORS{}
						ev.URL.CORS = c
						d.mapping(n, p, []field{
							{"allowOrigins", func(n *yaml.Node, p string) { d.strings(n, p, &c.AllowOrigins) }},
							{"allowMethods", func(n *yaml.Node, p string) { d.strings(n, p, &c.AllowMethods) }},
							{"allowHeaders", func(n *yaml.Node, p string) { d.strings(n, p, &c.AllowHeaders) }},
							{"exposeHeaders", func(n *yaml.Node, p string) { d.strings(n, p, &c.ExposeHeaders) }},
							{"allowCredentials", func(n *yaml.Node, p string) {
								var b bool
								d.boolean(n, p, &b)
								c.AllowCredentials = &b
							}},
							{"maxAge", func(n *yaml.Node, p string) {
								if v, ok := d.duration(n, p); ok {
									c.MaxAge = &v
								}
							}},
						})
					}},
				})
			}},
			{"rule", func(n *yaml.Node, p string) {
				kind(n, EventRule)
				ev.Rule = &RuleEvent{}
				d.mapping(n, p, []field{
					{"pattern", func(n *yaml.Node, p string) {
						if n.Kind != yaml.MappingNode || isIntrinsicNode(n) {
							d.errorf(n, CodeType, p, "write the pattern as a mapping, such as {source: [my.app]}", "expected an event pattern (a mapping), got %s", kindName(n))
							return
						}
						ev.Rule.Pattern = d.data(n, p, 0)
					}},
					{"bus", func(n *yaml.Node, p string) { d.value(n, p, &ev.Rule.Bus) }},
					{"input", func(n *yaml.Node, p string) { d.input(n, p, &ev.Rule.Input) }},
					{"inputPath", func(n *yaml.Node, p string) { d.str(n, p, &ev.Rule.InputPath) }},
				})
				d.required(n, p, "pattern", "add pattern: {source: [my.app]} (see EventBridge event patterns)")
			}},
			{"scheduler", func(n *yaml.Node, p string) {
				kind(n, EventScheduler)
				ev.Scheduler = &SchedulerEvent{}
				d.mapping(n, p, []field{
					{"expression", func(n *yaml.Node, p string) { d.str(n, p, &ev.Scheduler.Expression) }},
					{"timezone", func(n *yaml.Node, p string) { d.str(n, p, &ev.Scheduler.Timezone) }},
					{"input", func(n *yaml.Node, p string) { d.input(n, p, &ev.Scheduler.Input) }},
					{"flexibleWindow", func(n *yaml.Node, p string) {
						if v, ok := d.duration(n, p); ok {
							if v%60 != 0 {
								d.errorf(n, CodeValue, p, "write whole minutes, such as 15m", "a flexible window is counted in whole minutes")
							}
							ev.Scheduler.FlexibleWindow = v / 60
						}
					}},
				})
				d.required(n, p, "expression", "add expression: rate(1 hour), cron(0 12 * * ? *) or at(2027-01-01T09:00:00)")
			}},
			{"sns", func(n *yaml.Node, p string) {
				kind(n, EventSNS)
				ev.SNS = &SNSEvent{}
				d.mapping(n, p, []field{
					{"topic", func(n *yaml.Node, p string) { d.value(n, p, &ev.SNS.Topic) }},
					{"filterPolicy", func(n *yaml.Node, p string) {
						if n.Kind != yaml.MappingNode || isIntrinsicNode(n) {
							d.errorf(n, CodeType, p, "write the policy as a mapping, such as {kind: [order]}", "expected a filter policy (a mapping), got %s", kindName(n))
							return
						}
						ev.SNS.FilterPolicy = d.data(n, p, 0)
					}},
				})
				d.required(n, p, "topic", "add topic: arn:aws:sns:REGION:ACCOUNT:NAME (or !Ref Topic)")
			}},
			{"s3", func(n *yaml.Node, p string) {
				kind(n, EventS3)
				ev.S3 = &S3Event{}
				d.mapping(n, p, []field{
					{"bucket", func(n *yaml.Node, p string) {
						var v Value
						d.value(n, p, &v)
						name, ok := v.Fn["Ref"].(string)
						if v.Fn != nil && !ok || v.IsLiteral() {
							d.errorf(n, CodeValue, p, "write bucket: !Ref Bucket, naming an AWS::S3::Bucket of resources:",
								"an S3 event needs a bucket of this spec's resources (CloudFormation configures notifications on the bucket itself)")
						}
						ev.S3.Bucket = name
					}},
					{"events", func(n *yaml.Node, p string) { d.strings(n, p, &ev.S3.Events) }},
					{"prefix", func(n *yaml.Node, p string) { d.str(n, p, &ev.S3.Prefix) }},
					{"suffix", func(n *yaml.Node, p string) { d.str(n, p, &ev.S3.Suffix) }},
				})
				d.required(n, p, "bucket", "add bucket: !Ref Bucket")
				d.required(n, p, "events", "add events: [s3:ObjectCreated:*]")
			}},
			{"dynamodb", func(n *yaml.Node, p string) { kind(n, EventDynamoDB); ev.Stream = d.stream(n, p, false) }},
			{"kinesis", func(n *yaml.Node, p string) { kind(n, EventKinesis); ev.Stream = d.stream(n, p, true) }},
		})
		if v.Kind == yaml.MappingNode && ev.Kind == -1 && len(d.diags) == before {
			d.errorf(v, CodeOneOf, ep, "write sqs: {queueArn: ARN}, schedule: rate(1 hour), http: {method: POST, path: /x} …", "an event needs a kind (%s)", kinds)
		}
		*dst = append(*dst, ev)
	}
}

// stream decodes a DynamoDB or Kinesis stream mapping.
func (d *decoder) stream(n *yaml.Node, p string, kinesis bool) *StreamEvent {
	s := &StreamEvent{}
	fields := []field{
		{"streamArn", func(n *yaml.Node, p string) { d.value(n, p, &s.StreamArn) }},
		{"startingPosition", func(n *yaml.Node, p string) { d.str(n, p, &s.StartingPosition) }},
		{"batchSize", func(n *yaml.Node, p string) { d.integer(n, p, &s.BatchSize) }},
		{"bisectOnError", func(n *yaml.Node, p string) { d.boolean(n, p, &s.BisectOnError) }},
		{"reportBatchItemFailures", func(n *yaml.Node, p string) { d.boolean(n, p, &s.ReportBatchItemFailures) }},
		{"maximumRetryAttempts", func(n *yaml.Node, p string) {
			var v int
			if d.integer(n, p, &v) {
				s.MaximumRetryAttempts = &v
			}
		}},
		{"onFailure", func(n *yaml.Node, p string) { d.queueOrTopic(n, p, &s.OnFailure, &s.OnFailureKind) }},
	}
	if kinesis {
		fields = append(fields, field{"startingPositionTimestamp", func(n *yaml.Node, p string) {
			if !d.str(n, p, &s.StartingTimestamp) {
				return
			}
			t, err := time.Parse(time.RFC3339, s.StartingTimestamp)
			if err != nil {
				d.errorf(n, CodeValue, p, "write a date and time such as 2026-12-01T00:00:00Z", "%q is not an RFC 3339 date and time", s.StartingTimestamp)
				return
			}
			if t.Nanosecond() != 0 {
				// Written in whole Unix seconds: a fraction would be dropped.
				d.errorf(n, CodeValue, p, "write whole seconds, such as 2026-12-01T00:00:00Z", "%q has a fraction of a second, which the start time does not keep", s.StartingTimestamp)
				return
			}
			s.StartingUnix = t.Unix()
		}})
	}
	d.mapping(n, p, fields)
	d.required(n, p, "streamArn", "add streamArn: the stream's ARN (!GetAtt Table.StreamArn of a table, !GetAtt Stream.Arn of a Kinesis stream)")
	d.required(n, p, "startingPosition", "add startingPosition: LATEST (or TRIM_HORIZON)")
	return s
}

// required reports a missing field of a mapping that decoded.
func (d *decoder) required(n *yaml.Node, path, name, fix string) {
	if n.Kind != yaml.MappingNode || isIntrinsicNode(n) {
		return
	}
	if _, ok := d.pos[joinPath(path, name)]; !ok {
		d.errorf(n, CodeRequired, joinPath(path, name), fix, "required field is missing")
	}
}

// strings decodes a list of plain strings.
func (d *decoder) strings(n *yaml.Node, path string, dst *[]string) {
	d.list(n, path, func(n *yaml.Node, p string) {
		var s string
		if d.str(n, p, &s) {
			*dst = append(*dst, s)
		}
	})
}

// input decodes a target's constant input: JSON text, a mapping or list
// (written as its JSON text), or an intrinsic function that gives the
// text.
func (d *decoder) input(n *yaml.Node, path string, dst *Value) {
	if isIntrinsicNode(n) || n.Kind == yaml.ScalarNode {
		d.value(n, path, dst)
		if dst.IsLiteral() && !json.Valid([]byte(dst.Lit)) {
			d.errorf(n, CodeValue, path, `write JSON, such as '{"kind": "nightly"}', or a mapping`, "the input is not JSON text")
		}
		return
	}
	if s, ok := d.jsonText(n, path, "an input").(string); ok {
		dst.Lit = s
	}
}

// jsonText decodes a mapping or list as its JSON text (keys sorted), or a
// string that is JSON text. Intrinsic functions cannot be inside: the text
// is one string.
func (d *decoder) jsonText(n *yaml.Node, path, what string) any {
	if n.Kind == yaml.ScalarNode && !isIntrinsicNode(n) {
		var s string
		if d.str(n, path, &s) && !json.Valid([]byte(s)) {
			d.errorf(n, CodeValue, path, "write a mapping, or JSON text", "%s is not JSON text", what)
		}
		return s
	}
	if isIntrinsicNode(n) || (n.Kind != yaml.MappingNode && n.Kind != yaml.SequenceNode) {
		d.errorf(n, CodeType, path, "write a mapping (written as JSON), or JSON text", "expected %s as a mapping or JSON text, got %s", what, kindName(n))
		return nil
	}
	before := len(d.refs)
	v := d.data(n, path, 0)
	if len(d.refs) > before || hasIntrinsic(v) {
		d.errorf(n, CodeIntrinsic, path, "write constant values, or build the whole text with !Sub", "%s is written as one JSON string, where intrinsic functions are not evaluated", what)
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		d.errorf(n, CodeValue, path, "", "%s cannot be written as JSON: %v", what, err)
		return nil
	}
	return string(b)
}

// hasIntrinsic reports whether plain data holds an intrinsic function.
func hasIntrinsic(v any) bool {
	switch x := v.(type) {
	case []any:
		for _, i := range x {
			if hasIntrinsic(i) {
				return true
			}
		}
	case map[string]any:
		for k, i := range x {
			if len(x) == 1 && isIntrinsicKey(k) || hasIntrinsic(i) {
				return true
			}
		}
	}
	return false
}
