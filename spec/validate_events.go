package spec

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/durablefn/durablefn/facts"
)

// HTTPAuthModes are the auth values of an http event.
var HTTPAuthModes = []string{"none", "iam"}

// events checks the function's event sources.
func (c *checker) events(fn *Function, p string) {
	urls := 0
	for i := range fn.Events {
		ev := &fn.Events[i]
		ep := p + ".events." + ev.Name
		if !nameRE.MatchString(ev.Name) {
			c.errorf(CodeName, ep, "use letters and digits", "%q is not a valid event name", ev.Name)
		}
		kp := ep + "." + ev.Kind.Key()
		switch ev.Kind {
		case EventSQS:
			c.queue(ev, kp)
			c.visibility(fn, ev, kp)
		case EventSchedule:
			if !facts.ScheduleExpressionPattern.MatchString(ev.Schedule) {
				c.errorf(CodeValue, kp, "write rate(1 hour) or cron(0 12 * * ? *)", "%q is not a schedule expression", ev.Schedule)
			}
		case EventHTTP:
			c.http(ev.HTTP, kp)
		case EventFunctionURL:
			if urls++; urls == 2 {
				c.errorf(CodeOneOf, kp, "keep one functionUrl event", "a function (its alias) has one function URL at most")
			}
			c.functionURL(ev.URL, kp)
		case EventRule:
			c.rule(ev.Rule, kp)
		case EventScheduler:
			c.scheduler(ev.Scheduler, kp)
		case EventSNS:
			c.notEmptyValue(kp+".topic", ev.SNS.Topic)
			c.filterPolicy(ev.SNS.FilterPolicy, kp+".filterPolicy")
			if t := ev.SNS.Topic; t.IsLiteral() && t.Lit != "" && !facts.SNSTopicARNPattern.MatchString(t.Lit) {
				c.errorf(CodeValue, kp+".topic", "write arn:aws:sns:REGION:ACCOUNT:NAME, or !Ref Topic of a topic in resources:", "%q is not an SNS topic ARN", t.Lit)
			}
		case EventS3:
			c.s3(ev.S3, kp)
		case EventDynamoDB, EventKinesis:
			c.stream(ev, kp)
		}
		c.syncTimeout(fn, ev, ep)
		c.eventReferences(ev, kp)
	}
}

// resourceRef is what a field of an event may name of the spec's own
// resources: the types it takes, and how (Ref, or the GetAtt attribute).
type resourceRef struct {
	field string
	value Value
	types []string
	attr  string // "" for Ref
	fix   string
	// also are other attributes it takes.
	also []string
}

// eventReferences refuses a Ref or GetAtt of a resource of the spec that
// is not of the kind the field takes (a bucket's ARN as a topic):
// CloudFormation would take the string, and the trigger would fail at
// deploy or never fire.
func (c *checker) eventReferences(ev *Event, p string) {
	var refs []resourceRef
	switch ev.Kind {
	case EventSQS:
		refs = append(refs, resourceRef{"queueArn", ev.QueueArn, []string{"AWS::SQS::Queue"}, "Arn", "!GetAtt Queue.Arn", nil})
	case EventSNS:
		refs = append(refs, resourceRef{"topic", ev.SNS.Topic, []string{"AWS::SNS::Topic"}, "", "!Ref Topic", []string{"TopicArn"}})
	case EventDynamoDB:
		refs = append(refs, resourceRef{"streamArn", ev.Stream.StreamArn, []string{"AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable"}, "StreamArn", "!GetAtt Table.StreamArn", nil})
	case EventKinesis:
		refs = append(refs, resourceRef{"streamArn", ev.Stream.StreamArn, []string{"AWS::Kinesis::Stream"}, "Arn", "!GetAtt Stream.Arn", nil})
	}
	if ev.Stream != nil {
		// A destination named as a queue or a topic must be one, in the
		// form that gives its ARN (a queue's Ref is its URL).
		switch ev.Stream.OnFailureKind {
		case "queue":
			refs = append(refs, resourceRef{"onFailure.queue", ev.Stream.OnFailure, []string{"AWS::SQS::Queue"}, "Arn", "!GetAtt Queue.Arn", nil})
		case "topic":
			refs = append(refs, resourceRef{"onFailure.topic", ev.Stream.OnFailure, []string{"AWS::SNS::Topic"}, "", "!Ref Topic", []string{"TopicArn"}})
		}
	}
	switch ev.Kind {
	case EventHTTP:
		refs = append(refs, resourceRef{"apiId", ev.HTTP.APIID, []string{"AWS::ApiGatewayV2::Api"}, "", "!Ref Api", nil})
		c.ownAPI(ev.HTTP.APIID, p+".apiId")
	case EventRule:
		refs = append(refs, resourceRef{"bus", ev.Rule.Bus, []string{"AWS::Events::EventBus"}, "", "!Ref Bus", []string{"Arn", "Name"}})
	}
	for _, r := range refs {
		name, attr := "", ""
		if n, ok := r.value.Fn["Ref"].(string); ok {
			name = n
		} else if ga, ok := r.value.Fn["Fn::GetAtt"].([]any); ok && len(ga) == 2 {
			name, _ = ga[0].(string)
			attr, _ = ga[1].(string)
		}
		typ := c.resourceType(name)
		if typ == "" {
			continue // a parameter, a function, a pseudo parameter: not a resource of the spec
		}
		if !slices.Contains(r.types, typ) || attr != r.attr && !slices.Contains(r.also, attr) {
			what := "!Ref of an " + strings.Join(r.types, " or ")
			if r.attr != "" {
				what = "the " + r.attr + " attribute of an " + strings.Join(r.types, " or ")
			}
			c.errorf(CodeValue, p+"."+r.field, "write "+r.fix+", naming an "+r.types[0]+" of resources:",
				"%s is %s of %s (%s): it takes %s", r.field, shortRef(attr), name, typ, what)
		}
	}
}

// ownAPI refuses a route added, as resources of its own, to an API whose
// routes an OpenAPI body defines — the stack's own ServerlessHttpApi, or an
// API of resources: with Body or BodyS3Location: API Gateway drops such
// routes when it imports the body again.
func (c *checker) ownAPI(v Value, path string) {
	name, _ := v.Fn["Ref"].(string)
	if name == "" {
		return
	}
	if name == facts.ImplicitHTTPAPIID {
		c.errorf(CodeValue, path, "leave apiId out: the route then goes on the stack's own API",
			"ServerlessHttpApi is the stack's own HTTP API, whose routes are its OpenAPI body")
		return
	}
	if r := c.f.Resource(name); r != nil {
		props, _ := r.Body["Properties"].(map[string]any)
		if props["Body"] != nil || props["BodyS3Location"] != nil {
			c.errorf(CodeValue, path, "add the route to "+name+"'s OpenAPI body, or leave apiId out",
				"%s defines its routes by an OpenAPI body: API Gateway drops routes added beside it when it imports the body again", name)
		}
	}
}

func shortRef(attr string) string {
	if attr == "" {
		return "!Ref"
	}
	return "the " + attr + " attribute"
}

// syncTimeout warns when a synchronous source starts executions that may
// run longer than the source waits.
func (c *checker) syncTimeout(fn *Function, ev *Event, ep string) {
	if !fn.IsDurable() || !ev.Kind.Synchronous() {
		return
	}
	if ev.Kind == EventHTTP {
		limit := facts.MaxHTTPAPIIntegrationTimeout
		if fn.Durable.ExecutionTimeout > limit {
			c.warnf(CodeSyncTimeout, ep, "route to a plain starter function (named in "+fn.Name+"'s starters) that starts the execution with InvocationType Event and answers 202, or lower durable.executionTimeout to "+FormatDuration(limit),
				"an HTTP route invokes synchronously, and API Gateway answers 503 after %s; durable.executionTimeout is %s",
				FormatDuration(limit), FormatDuration(fn.Durable.ExecutionTimeout))
		}
		return
	}
	if msg := SyncEventSourceWarning(syncSources[ev.Kind], fn.Durable.ExecutionTimeout, "durable.executionTimeout"); msg != "" {
		c.warnf(CodeSyncTimeout, ep, "put a plain starter on the source (a function without durable, named in "+fn.Name+
			"'s starters, that invokes the alias with InvocationType Event), or lower durable.executionTimeout to "+FormatDuration(facts.MaxSyncExecutionTimeout), "%s", msg)
	}
}

// syncSources name the synchronous sources in warnings.
var syncSources = map[EventKind]string{
	EventSQS:         "an SQS event source",
	EventDynamoDB:    "a DynamoDB stream event source",
	EventKinesis:     "a Kinesis stream event source",
	EventFunctionURL: "a function URL",
}

func (c *checker) queue(ev *Event, p string) {
	c.notEmptyValue(p+".queueArn", ev.QueueArn)
	if q := ev.QueueArn; q.IsLiteral() && strings.HasSuffix(q.Lit, ".fifo") {
		if ev.BatchSize > facts.MaxFIFOBatchSize {
			c.errorf(CodeRange, p+".batchSize", fmt.Sprintf("lower it to %d", facts.MaxFIFOBatchSize), "a FIFO queue's batch is at most %d messages; batchSize is %d", facts.MaxFIFOBatchSize, ev.BatchSize)
		}
		if ev.Queue != nil && ev.Queue.MaximumBatchingWindow != nil {
			c.errorf(CodeValue, p+".maximumBatchingWindow", "remove it", "Lambda takes no batching window for a FIFO queue")
		}
	}
	if q := ev.QueueArn; q.IsLiteral() && q.Lit != "" && !facts.SQSQueueARNPattern.MatchString(q.Lit) {
		c.errorf(CodeValue, p+".queueArn", "write arn:aws:sqs:REGION:ACCOUNT:NAME, or !GetAtt Queue.Arn of a queue in resources:", "%q is not an SQS queue ARN", q.Lit)
	}
	if c.has(p+".batchSize") && (ev.BatchSize < 1 || ev.BatchSize > facts.MaxBatchSize) {
		c.errorf(CodeRange, p+".batchSize", "", "%d is outside 1 … %d", ev.BatchSize, facts.MaxBatchSize)
	}
	q := ev.Queue
	if q == nil {
		return
	}
	if w := q.MaximumBatchingWindow; w != nil && (*w < 0 || *w > facts.MaxBatchingWindow) {
		c.errorf(CodeRange, p+".maximumBatchingWindow", "", "%s is outside 0s … %s", FormatDuration(*w), FormatDuration(facts.MaxBatchingWindow))
	}
	if ev.BatchSize > facts.MaxFIFOBatchSize && (q.MaximumBatchingWindow == nil || *q.MaximumBatchingWindow < 1) {
		c.errorf(CodeRange, p+".batchSize", "add maximumBatchingWindow: 1s (or more), or lower batchSize to 10",
			"a batch of more than 10 messages needs a batching window of at least 1 second (Lambda refuses the mapping)")
	}
	if c.has(p+".maximumConcurrency") && (q.MaximumConcurrency < facts.MinMaximumConcurrency || q.MaximumConcurrency > facts.MaxMaximumConcurrency) {
		c.errorf(CodeRange, p+".maximumConcurrency", "", "%d is outside %d … %d", q.MaximumConcurrency, facts.MinMaximumConcurrency, facts.MaxMaximumConcurrency)
	}
	if len(q.FilterPatterns) > facts.MaxFilters {
		c.errorf(CodeLimit, p+".filterCriteria", "merge patterns (a pattern's fields are ORed by listing values)", "%d filter patterns, over Lambda's %d", len(q.FilterPatterns), facts.MaxFilters)
	}
}

// visibility compares the visibility timeout of a queue of resources: with
// the function: Lambda refuses a mapping whose queue hides a message for
// less than the function's timeout, and a message that comes back while a
// durable execution runs starts a second one.
func (c *checker) visibility(fn *Function, ev *Event, p string) {
	ga, _ := ev.QueueArn.Fn["Fn::GetAtt"].([]any)
	if len(ga) != 2 || ga[1] != "Arn" {
		return
	}
	name, _ := ga[0].(string)
	r := c.f.Resource(name)
	if r == nil || r.Type != "AWS::SQS::Queue" {
		return
	}
	body := r.Body
	visibility := facts.DefaultVisibilityTimeout
	props, _ := body["Properties"].(map[string]any)
	if v, set := props["VisibilityTimeout"]; set {
		n, err := strconv.Atoi(fmt.Sprint(v))
		if err != nil {
			return // an intrinsic: known at deploy time only
		}
		visibility = n
	}
	timeout := fn.Timeout
	if timeout == 0 {
		timeout = facts.DefaultFunctionTimeout
	}
	switch {
	case visibility < timeout:
		c.errorf(CodeRange, p+".queueArn", fmt.Sprintf("give %s a VisibilityTimeout of %d seconds at least", name, timeout),
			"%s hides a message for %ds, less than the function's timeout of %ds: Lambda refuses the mapping", name, visibility, timeout)
	case fn.IsDurable() && visibility < fn.Durable.ExecutionTimeout && fn.Durable.ExecutionTimeout <= facts.MaxSyncExecutionTimeout:
		c.warnf(CodeSyncTimeout, p+".queueArn", fmt.Sprintf("give %s a VisibilityTimeout of %d seconds at least", name, fn.Durable.ExecutionTimeout),
			"%s hides a message for %ds, less than durable.executionTimeout (%s): a message that comes back while its execution runs starts another", name, visibility, FormatDuration(fn.Durable.ExecutionTimeout))
	}
}

func (c *checker) http(h *HTTPEvent, p string) {
	c.notEmpty(p+".method", h.Method)
	c.notEmpty(p+".path", h.Path)
	c.notEmpty(p+".auth", h.Auth)
	c.notEmptyValue(p+".apiId", h.APIID)
	if h.Method != "" {
		c.enum(p+".method", h.Method, facts.HTTPMethods)
	}
	if h.Path != "" && !facts.HTTPPathPattern.MatchString(h.Path) {
		c.errorf(CodeValue, p+".path", "write a path such as /orders or /orders/{id} (a {name+} parameter last)", "%q is not an HTTP API route path", h.Path)
	}
	if strings.Contains(strings.TrimSuffix(h.Path, "+}"), "+}") {
		c.errorf(CodeValue, p+".path", "keep the greedy {name+} parameter last", "%q has a greedy parameter before its end", h.Path)
	}
	c.enum(p+".auth", h.Auth, HTTPAuthModes)
}

func (c *checker) functionURL(u *FunctionURLEvent, p string) {
	c.notEmpty(p+".auth", u.AuthType)
	c.enum(p+".auth", u.AuthType, facts.FunctionURLAuthTypes)
	if u.CORS != nil && u.CORS.MaxAge != nil && (*u.CORS.MaxAge < 0 || *u.CORS.MaxAge > facts.MaxFunctionURLCorsMaxAge) {
		c.errorf(CodeRange, p+".cors.maxAge", "", "%s is outside 0s … %s", FormatDuration(*u.CORS.MaxAge), FormatDuration(facts.MaxFunctionURLCorsMaxAge))
	}
}

func (c *checker) rule(r *RuleEvent, p string) {
	c.notEmpty(p+".inputPath", r.InputPath)
	c.notEmptyValue(p+".bus", r.Bus)
	c.notEmptyValue(p+".input", r.Input)
	c.jsonSize(r.Pattern, p+".pattern", "event pattern", facts.MaxEventPatternBytes)
	if b := r.Bus; b.IsLiteral() && b.Lit != "" && !facts.EventBusNamePattern.MatchString(b.Lit) {
		c.errorf(CodeValue, p+".bus", "write the bus's name or ARN", "%q is not an event bus name or ARN", b.Lit)
	}
	if !r.Input.IsZero() && r.InputPath != "" {
		c.errorf(CodeOneOf, p+".inputPath", "keep input or inputPath", "a rule target takes input or inputPath, not both")
	}
	if r.InputPath != "" && !strings.HasPrefix(r.InputPath, "$") {
		c.errorf(CodeValue, p+".inputPath", "write a JSONPath such as $.detail", "%q is not a JSONPath (it starts with $)", r.InputPath)
	}
	c.inputSize(r.Input, p+".input")
}

func (c *checker) scheduler(s *SchedulerEvent, p string) {
	c.notEmpty(p+".expression", s.Expression)
	c.notEmpty(p+".timezone", s.Timezone)
	c.notEmptyValue(p+".input", s.Input)
	if s.Expression != "" && !facts.SchedulerExpressionPattern.MatchString(s.Expression) {
		c.errorf(CodeValue, p+".expression", "write rate(1 hour), cron(0 12 * * ? *) or at(2027-01-01T09:00:00)", "%q is not a schedule expression", s.Expression)
	} else if at, ok := strings.CutPrefix(s.Expression, "at("); ok {
		if _, err := time.Parse("2006-01-02T15:04:05", strings.TrimSuffix(at, ")")); err != nil {
			c.errorf(CodeValue, p+".expression", "write a real date and time, such as at(2027-01-01T09:00:00)", "%q is not a date and time", s.Expression)
		}
	}
	if s.Timezone != "" && !facts.TimezonePattern.MatchString(s.Timezone) {
		c.errorf(CodeValue, p+".timezone", "write an IANA time zone such as Europe/Paris or UTC", "%q is not a time zone", s.Timezone)
	}
	if c.has(p+".flexibleWindow") && (s.FlexibleWindow < 1 || s.FlexibleWindow > facts.MaxFlexibleWindowMinutes) {
		c.errorf(CodeRange, p+".flexibleWindow", "leave it out for none", "%s is outside 1m … %s", FormatDuration(s.FlexibleWindow*60), FormatDuration(facts.MaxFlexibleWindowMinutes*60))
	}
	c.inputSize(s.Input, p+".input")
}

func (c *checker) s3(s *S3Event, p string) {
	if s.Bucket != "" {
		if t := c.resourceType(s.Bucket); t != "AWS::S3::Bucket" {
			what := "is not a resource of this spec"
			if t != "" {
				what = "is of type " + t + ", not a bucket"
			}
			c.errorf(CodeValue, p+".bucket", "name an AWS::S3::Bucket of resources:", "%s %s: S3 notifications are configured on a bucket of this stack", s.Bucket, what)
		}
	}
	if c.has(p+".events") && len(s.Events) == 0 {
		c.errorf(CodeRequired, p+".events", "list at least one, such as [s3:ObjectCreated:*]", "an S3 event needs at least one event type")
	}
	c.notEmpty(p+".prefix", s.Prefix)
	c.notEmpty(p+".suffix", s.Suffix)
	for i, e := range s.Events {
		if !slices.Contains(facts.S3EventTypes, e) {
			c.errorf(CodeValue, fmt.Sprintf("%s.events[%d]", p, i), "write an S3 event type such as s3:ObjectCreated:* or s3:ObjectRemoved:Delete", "%q is not an S3 event type", e)
		}
	}
}

func (c *checker) stream(ev *Event, p string) {
	s := ev.Stream
	re, shape := facts.DynamoDBStreamARNPattern, "arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL, or !GetAtt Table.StreamArn"
	if ev.Kind == EventKinesis {
		re, shape = facts.KinesisStreamARNPattern, "arn:aws:kinesis:REGION:ACCOUNT:stream/NAME, or !GetAtt Stream.Arn"
	}
	if a := s.StreamArn; a.IsLiteral() && a.Lit != "" && !re.MatchString(a.Lit) {
		c.errorf(CodeValue, p+".streamArn", "write "+shape, "%q is not a %s stream ARN", a.Lit, ev.Kind.Key())
	}
	c.notEmptyValue(p+".streamArn", s.StreamArn)
	c.notEmpty(p+".startingPosition", s.StartingPosition)
	positions := facts.StartingPositions
	if ev.Kind == EventKinesis {
		positions = facts.KinesisStartingPositions
	}
	c.enum(p+".startingPosition", s.StartingPosition, positions)
	switch at := s.StartingPosition == "AT_TIMESTAMP"; {
	case at && s.StartingTimestamp == "":
		c.errorf(CodeRequired, p+".startingPositionTimestamp", "add startingPositionTimestamp: 2026-12-01T00:00:00Z", "AT_TIMESTAMP needs the time to start reading at")
	case !at && s.StartingTimestamp != "":
		c.errorf(CodeOneOf, p+".startingPositionTimestamp", "remove it, or write startingPosition: AT_TIMESTAMP", "a start time is only read with startingPosition AT_TIMESTAMP")
	}
	if c.has(p+".batchSize") && (s.BatchSize < 1 || s.BatchSize > facts.MaxStreamBatchSize) {
		c.errorf(CodeRange, p+".batchSize", "", "%d is outside 1 … %d", s.BatchSize, facts.MaxStreamBatchSize)
	}
	if r := s.MaximumRetryAttempts; r != nil && (*r < -1 || *r > facts.MaxStreamRetryAttempts) {
		c.errorf(CodeRange, p+".maximumRetryAttempts", "-1 retries until the record expires", "%d is outside -1 … %d", *r, facts.MaxStreamRetryAttempts)
	}
	if o := s.OnFailure; o.IsLiteral() {
		queue, topic := facts.SQSQueueARNPattern.MatchString(o.Lit), facts.SNSTopicARNPattern.MatchString(o.Lit)
		switch s.OnFailureKind {
		case "queue":
			if !queue {
				c.errorf(CodeValue, p+".onFailure.queue", "write arn:aws:sqs:REGION:ACCOUNT:NAME, or use topic: for a topic", "%q is not an SQS queue ARN", o.Lit)
			}
		case "topic":
			if !topic {
				c.errorf(CodeValue, p+".onFailure.topic", "write arn:aws:sns:REGION:ACCOUNT:NAME, or use queue: for a queue", "%q is not an SNS topic ARN", o.Lit)
			}
		default:
			if c.has(p+".onFailure") && !queue && !topic {
				c.errorf(CodeValue, p+".onFailure", "write an SQS queue's or SNS topic's ARN", "%q is not an SQS queue or SNS topic ARN", o.Lit)
			}
		}
	}
}

// resourceType is the type of a resource of the spec, "" when there is
// none of that name.
func (c *checker) resourceType(name string) string {
	if r := c.f.Resource(name); r != nil {
		return r.Type
	}
	return ""
}

// jsonSize refuses a value whose JSON text is over a limit.
func (c *checker) jsonSize(v any, path, what string, limit int) {
	if v == nil {
		return
	}
	if b, err := json.Marshal(v); err == nil && len(b) > limit {
		c.errorf(CodeLimit, path, "shorten it", "the %s is %d bytes as JSON, over %d", what, len(b), limit)
	}
}

func (c *checker) inputSize(v Value, path string) {
	if v.IsLiteral() && len(v.Lit) > facts.MaxTargetInputBytes {
		c.errorf(CodeLimit, path, "shorten it, or pass a reference the function reads", "the input is %d bytes, over %d", len(v.Lit), facts.MaxTargetInputBytes)
	}
}

// notEmpty refuses a string field written but empty.
func (c *checker) notEmpty(path, v string) {
	if v == "" && c.has(path) {
		c.errorf(CodeValue, path, "give a value, or leave the field out", "the value is empty")
	}
}

func (c *checker) notEmptyValue(path string, v Value) {
	if v.IsLiteral() {
		c.notEmpty(path, v.Lit)
	}
}

// filterPolicy checks an SNS filter policy against SNS's limits: its
// size, its attribute names and the combinations of their values.
func (c *checker) filterPolicy(v any, path string) {
	if v == nil {
		return
	}
	c.jsonSize(v, path, "filter policy", facts.MaxSNSFilterPolicyBytes)
	keys, combinations := 0, 1
	var walk func(v any)
	walk = func(v any) {
		m, ok := v.(map[string]any)
		if !ok {
			return
		}
		for _, x := range m {
			if l, isList := x.([]any); isList {
				keys++
				combinations *= max(1, len(l))
			} else {
				walk(x)
			}
		}
	}
	walk(v)
	if keys > facts.MaxSNSFilterPolicyKeys {
		c.errorf(CodeLimit, path, "filter on fewer attributes", "the filter policy has %d attribute names, over SNS's %d", keys, facts.MaxSNSFilterPolicyKeys)
	}
	if combinations > facts.MaxSNSFilterPolicyCombinations {
		c.errorf(CodeLimit, path, "list fewer values, or split the subscription", "the filter policy has %d combinations of values, over SNS's %d", combinations, facts.MaxSNSFilterPolicyCombinations)
	}
}
