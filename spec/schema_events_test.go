package spec_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/model"
	"github.com/durablefn/durablefn/spec"
)

// TestSchemaEventBoundaries: the events' ranges at their bounds and one
// past, in the schema as in the loader.
func TestSchemaEventBoundaries(t *testing.T) {
	const queue = "queueArn: arn:aws:sqs:us-east-1:123456789012:q"
	const stream = "streamArn: arn:aws:kinesis:us-east-1:123456789012:stream/s, startingPosition: LATEST"
	cases := []struct {
		event string
		ok    bool
	}{
		{fmt.Sprintf("sqs: {%s, batchSize: 10}", queue), true},
		{fmt.Sprintf("sqs: {%s, batchSize: 11}", queue), false},
		{fmt.Sprintf("sqs: {%s, batchSize: 11, maximumBatchingWindow: 0}", queue), false},
		{fmt.Sprintf("sqs: {%s, batchSize: 11, maximumBatchingWindow: 1s}", queue), true},
		{fmt.Sprintf("sqs: {%s, batchSize: %d, maximumBatchingWindow: 1}", queue, facts.MaxBatchSize), true},
		{fmt.Sprintf("sqs: {%s, maximumBatchingWindow: %d}", queue, facts.MaxBatchingWindow), true},
		{fmt.Sprintf("sqs: {%s, maximumBatchingWindow: %d}", queue, facts.MaxBatchingWindow+1), false},
		{fmt.Sprintf("sqs: {%s, maximumBatchingWindow: -1}", queue), false},
		{fmt.Sprintf("sqs: {%s, maximumConcurrency: %d}", queue, facts.MinMaximumConcurrency), true},
		{fmt.Sprintf("sqs: {%s, maximumConcurrency: %d}", queue, facts.MaxMaximumConcurrency), true},
		{fmt.Sprintf("sqs: {%s, maximumConcurrency: %d}", queue, facts.MaxMaximumConcurrency+1), false},
		{fmt.Sprintf("sqs: {%s, filterCriteria: [%s]}", queue, strings.TrimSuffix(strings.Repeat("{body: {a: [1]}}, ", facts.MaxFilters), ", ")), true},
		{fmt.Sprintf("functionUrl: {cors: {maxAge: %d}}", facts.MaxFunctionURLCorsMaxAge), true},
		{fmt.Sprintf("functionUrl: {cors: {maxAge: %d}}", facts.MaxFunctionURLCorsMaxAge+1), false},
		{"functionUrl: {cors: {maxAge: 0}}", true},
		{"scheduler: {expression: rate(1 hour), flexibleWindow: 60}", true},
		{"scheduler: {expression: rate(1 hour), flexibleWindow: 1m}", true},
		{fmt.Sprintf("scheduler: {expression: rate(1 hour), flexibleWindow: %d}", facts.MaxFlexibleWindowMinutes*60), true},
		{fmt.Sprintf("scheduler: {expression: rate(1 hour), flexibleWindow: %d}", (facts.MaxFlexibleWindowMinutes+1)*60), false},
		{"scheduler: {expression: rate(1 hour), flexibleWindow: 30}", false},
		{fmt.Sprintf("kinesis: {%s, batchSize: %d}", stream, facts.MaxStreamBatchSize), true},
		{fmt.Sprintf("kinesis: {%s, batchSize: %d}", stream, facts.MaxStreamBatchSize+1), false},
		{fmt.Sprintf("kinesis: {%s, batchSize: 0}", stream), false},
		{fmt.Sprintf("kinesis: {%s, maximumRetryAttempts: -1}", stream), true},
		{fmt.Sprintf("kinesis: {%s, maximumRetryAttempts: %d}", stream, facts.MaxStreamRetryAttempts), true},
		{fmt.Sprintf("kinesis: {%s, maximumRetryAttempts: %d}", stream, facts.MaxStreamRetryAttempts+1), false},
		{"http: {method: ANY, path: /}", true},
		{"http: {method: GET, path: \"/a/{b}/{c+}\"}", true},
		{"http: {method: GET, path: \"/a/{b+}/{c}\"}", false},
		{"http: {method: GET, path: /a/}", false},
	}
	sch := compileSchema(t)
	for _, c := range cases {
		src := validFunction + "    events: {E: {" + c.event + "}}\n"
		if err := sch.Validate(instance(t, []byte(src))); (err == nil) != c.ok {
			t.Errorf("%s: schema error %v, want ok=%v", c.event, err, c.ok)
		}
		if _, _, err := model.Parse("t.yaml", t.TempDir(), []byte(src)); (err == nil) != c.ok {
			t.Errorf("%s: loader error %v, want ok=%v", c.event, err, c.ok)
		}
	}
}

// TestSchemaReadsEventLimits: the events' enumerations and bounds are
// those of facts and spec.
func TestSchemaReadsEventLimits(t *testing.T) {
	fields := schemaFields(t)
	ev := func(f string) map[string]any {
		s, ok := fields["functions.*.events.*."+f]
		if !ok {
			t.Fatalf("the schema lacks %s", f)
		}
		return s
	}
	check := func(what string, got, want any) {
		t.Helper()
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	check("http methods", ev("http.method")["enum"], facts.HTTPMethods)
	check("http auth", ev("http.auth")["enum"], spec.HTTPAuthModes)
	check("http path", ev("http.path")["pattern"], facts.HTTPPathPattern.String())
	check("function URL auth", ev("functionUrl.auth")["enum"], facts.FunctionURLAuthTypes)
	check("function URL auth default", ev("functionUrl.auth")["default"], "AWS_IAM")
	check("starting positions", ev("dynamodb.startingPosition")["enum"], facts.StartingPositions)
	check("kinesis starting positions", ev("kinesis.startingPosition")["enum"], facts.KinesisStartingPositions)
	check("stream batch", ev("kinesis.batchSize")["maximum"], facts.MaxStreamBatchSize)
	check("stream retries", ev("dynamodb.maximumRetryAttempts")["maximum"], facts.MaxStreamRetryAttempts)
	check("sqs batch", ev("sqs.batchSize")["maximum"], facts.MaxBatchSize)
	check("sqs concurrency", []any{ev("sqs.maximumConcurrency")["minimum"], ev("sqs.maximumConcurrency")["maximum"]}, []int{facts.MinMaximumConcurrency, facts.MaxMaximumConcurrency})
	check("sqs filters", ev("sqs.filterCriteria")["maxItems"], facts.MaxFilters)
	check("scheduler expression", ev("scheduler.expression")["pattern"], facts.SchedulerExpressionPattern.String())
	check("scheduler timezone", ev("scheduler.timezone")["pattern"], facts.TimezonePattern.String())
	check("schedule expression", ev("schedule")["pattern"], facts.ScheduleExpressionPattern.String())
}
