package spec_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/internal/testutil"
	"github.com/durablefn/durablefn/model"
	"github.com/durablefn/durablefn/spec"
)

// compileSchema compiles spec.Schema with a draft 2020-12 validator.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(spec.Schema()))
	if err != nil {
		t.Fatalf("the schema is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource(spec.SchemaID, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(spec.SchemaID)
	if err != nil {
		t.Fatalf("the schema does not compile: %v", err)
	}
	return sch
}

// instance turns a YAML spec into the JSON values a schema validates.
func instance(t *testing.T, src []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(src, &v); err != nil {
		t.Fatalf("YAML: %v", err)
	}
	j, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("YAML to JSON: %v", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(j))
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

// schemaMap is the schema as plain maps, for walking.
func schemaMap(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(spec.Schema()))
	dec.UseNumber() // numbers compare as written
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestSchemaCompiles(t *testing.T) {
	compileSchema(t)
	m := schemaMap(t)
	if m["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v, want draft 2020-12", m["$schema"])
	}
	if !bytes.Equal(spec.Schema(), spec.Schema()) {
		t.Error("Schema is not deterministic")
	}
}

// TestSchemaAcceptsValidSpecs: every spec the loader accepts in the golden
// and warning corpora and the examples validates against the schema.
func TestSchemaAcceptsValidSpecs(t *testing.T) {
	sch := compileSchema(t)
	var paths []string
	for _, c := range testutil.GoldenCases(t) {
		paths = append(paths, c.Spec())
	}
	warn, _ := filepath.Glob(filepath.Join(testutil.Root(), "testdata", "warnings", "*.yaml"))
	paths = append(paths, warn...)
	examples, _ := filepath.Glob(filepath.Join(testutil.Root(), "examples", "*", "durable.yaml"))
	paths = append(paths, examples...)
	for _, p := range paths {
		name, _ := filepath.Rel(testutil.Root(), p)
		t.Run(name, func(t *testing.T) {
			if _, _, err := model.Load(p); err != nil {
				t.Fatalf("the loader rejects it: %v", err)
			}
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(instance(t, src)); err != nil {
				t.Errorf("schema rejects a valid spec:\n%v", err)
			}
		})
	}
}

const validFunction = `functions:
  F:
    runtime: nodejs24.x
    handler: index.handler
    code: s3://bucket/key.zip
    durable: {executionTimeout: 24h}
`

// TestSchemaRejectsInvalidSpecs: specs the loader refuses for a reason
// visible in the file alone are refused by the schema too.
func TestSchemaRejectsInvalidSpecs(t *testing.T) {
	sch := compileSchema(t)
	if err := sch.Validate(instance(t, []byte(validFunction))); err != nil {
		t.Fatalf("the base spec of this test is rejected: %v", err)
	}
	fn := func(extra string) string { return validFunction + extra }
	plain := func(extra string) string {
		return strings.Replace(validFunction, "    durable: {executionTimeout: 24h}\n", "", 1) + extra
	}
	withDurable := func(durable string) string {
		return strings.Replace(validFunction, "durable: {executionTimeout: 24h}", "durable: "+durable, 1)
	}
	cases := map[string]string{
		"unknown top-level key":     validFunction + "output: {}\n",
		"unknown function field":    fn("    timout: 30\n"),
		"no functions":              "functions: {}\n",
		"bad function name":         strings.Replace(validFunction, "  F:", "  my-fn:", 1),
		"runtime without SDK":       strings.Replace(validFunction, "nodejs24.x", "ruby3.3", 1),
		"no runtime":                strings.Replace(validFunction, "    runtime: nodejs24.x\n", "", 1),
		"no code":                   strings.Replace(validFunction, "    code: s3://bucket/key.zip\n", "", 1),
		"plain with leastPrivilege": plain("    leastPrivilege: true\n"),
		"plain with starters":       plain("    starters: [{roleArn: arn:aws:iam::123456789012:role/x}]\n"),
		"plain runtime unknown":     strings.Replace(plain(""), "nodejs24.x", "nodejs99.x", 1),
		"plain ruby with durable":   strings.Replace(validFunction, "nodejs24.x", "ruby3.4", 1),
		"empty durable":             withDurable("{}"),
		"null durable":              withDurable("null"),
		"timeout zero":              withDurable("{executionTimeout: 0}"),
		"timeout one over":          withDurable(fmt.Sprintf("{executionTimeout: %d}", facts.MaxExecutionTimeout+1)),
		"timeout not a duration":    withDurable("{executionTimeout: 1.5h}"),
		"timeout a float":           withDurable("{executionTimeout: 1.5}"),
		"retention over":            withDurable(fmt.Sprintf("{executionTimeout: 60, retentionDays: %d}", facts.MaxRetentionDays+1)),
		"retention under":           withDurable(fmt.Sprintf("{executionTimeout: 60, retentionDays: %d}", facts.MinRetentionDays-1)),
		"unknown durable field":     withDurable("{executionTimeout: 60, retention: 3}"),
		"kms not a key ARN":         withDurable("{executionTimeout: 60, kmsKeyArn: arn:aws:kms:us-east-1:123456789012:secret/x}"),
		"memory a string":           fn("    memorySize: big\n"),
		"memory under":              fn(fmt.Sprintf("    memorySize: %d\n", facts.MinMemorySize-1)),
		"timeout over":              fn(fmt.Sprintf("    timeout: %d\n", facts.MaxTimeout+1)),
		"architecture":              fn("    architecture: arm\n"),
		"reserved env":              fn("    environment: {AWS_REGION: x}\n"),
		"bad env name":              fn("    environment: {1X: x}\n"),
		"env name of one letter":    fn("    environment: {X: x}\n"),
		"aws tag":                   fn("    tags: {aws:team: x}\n"),
		"alias latest":              fn("    alias: $LATEST\n"),
		"alias number":              fn("    alias: \"42\"\n"),
		"log retention":             fn("    logs: {retentionDays: 2}\n"),
		"log level with text":       fn("    logs: {format: Text, applicationLevel: INFO}\n"),
		"unknown log level":         fn("    logs: {applicationLevel: VERBOSE}\n"),
		"principal with both":       fn("    starters: [{function: G, roleArn: arn:aws:iam::123456789012:role/x}]\n"),
		"principal with neither":    fn("    starters: [{}]\n"),
		"principal unknown field":   fn("    observers: [{role: x}]\n"),
		"duplicate principal":       fn("    observers: [{function: G}, {function: G}]\n"),
		"invoke with both":          fn("    invokes: [{function: G, functionArn: arn:aws:lambda:us-east-1:123456789012:function:g}]\n"),
		"event with two kinds":      fn("    events: {E: {schedule: rate(1 hour), sqs: {queueArn: arn:aws:sqs:us-east-1:123456789012:q}}}\n"),
		"event without kind":        fn("    events: {E: {}}\n"),
		"schedule expression":       fn("    events: {E: {schedule: every hour}}\n"),
		"sqs without queue":         fn("    events: {E: {sqs: {batchSize: 5}}}\n"),
		"batch size over":           fn(fmt.Sprintf("    events: {E: {sqs: {queueArn: arn:aws:sqs:us-east-1:123456789012:q, batchSize: %d}}}\n", facts.MaxBatchSize+1)),
		"vpc without groups":        fn("    vpc: {subnetIds: [subnet-0a1b2c3d]}\n"),
		"dead letter not a queue":   fn("    deadLetterQueue: arn:aws:s3:::bucket\n"),
		"layer not a layer ARN":     fn("    layers: [arn:aws:lambda:us-east-1:123456789012:function:x]\n"),
		"subnet not a subnet":       fn("    vpc: {subnetIds: [subnet-xyz], securityGroupIds: [sg-0a1b2c3d]}\n"),
		"queue not a queue":         fn("    events: {E: {sqs: {queueArn: arn:aws:sns:us-east-1:123456789012:t}}}\n"),
		"role a list of two":        fn("    role: {Ref: R, Fn::Sub: x}\n"),
		"role unknown intrinsic":    fn("    role: {Fn::Foo: x}\n"),
		"role GetAtt no attribute":  fn("    role: {Fn::GetAtt: R}\n"),
		"role a number":             fn("    role: 42\n"),
		"env Join of one item":      fn("    environment: {XV: {Fn::Join: [\"\"]}}\n"),
		"env FindInMap of two":      fn("    environment: {XV: {Fn::FindInMap: [M, k]}}\n"),
		"env If of two":             fn("    environment: {XV: {Fn::If: [C, a]}}\n"),
		"env Sub empty":             fn("    environment: {XV: {Fn::Sub: \"\"}}\n"),
		"env Ref not a name":        fn("    environment: {XV: {Ref: [a]}}\n"),
		"tag value null":            fn("    tags: {team: null}\n"),
		"env GetAZs long form":      fn("    environment: {XV: {Fn::GetAZs: \"\"}}\n"),
		"env Split long form":       fn("    environment: {XV: {Fn::Split: [\",\", \"a,b\"]}}\n"),
		"env Equals long form":      fn("    environment: {XV: {Fn::Equals: [a, b]}}\n"),
		"env Or long form":          fn("    environment: {XV: {Fn::Or: [{Condition: C}, {Condition: C}]}}\n"),
		"role Cidr long form":       fn("    role: {Fn::Cidr: [10.0.0.0/16, 2, 8]}\n"),
		"env Base64 of a mapping":   fn("    environment: {XV: !Base64 {a: b}}\n"),
		"code bucket without key":   strings.Replace(validFunction, "s3://bucket/key.zip", "{bucket: b}", 1),
		"code bucket and inline":    strings.Replace(validFunction, "s3://bucket/key.zip", "{bucket: b, key: k, inline: x}", 1),
		"code unknown field":        strings.Replace(validFunction, "s3://bucket/key.zip", "{bucket: b, key: k, version: \"3\"}", 1),
		"policy unknown field":      fn("    policies: [{Principal: {Service: lambda.amazonaws.com}, Action: s3:GetObject, Resource: x}]\n"),
		"policy without resource":   fn("    policies: [{Action: s3:GetObject}]\n"),
		"policy without action":     fn("    policies: [{Resource: x}]\n"),
		"policy action and not":     fn("    policies: [{Action: s3:GetObject, NotAction: s3:PutObject, Resource: x}]\n"),
		"policy bad effect":         fn("    policies: [{Effect: Maybe, Action: s3:GetObject, Resource: x}]\n"),
		"policy action with space":  fn("    policies: [{Action: dynamodb GetItem, Resource: x}]\n"),
		"policy misspelled action":  fn("    policies: [{Action: [lambda:CheckpointDurableExecutions], Resource: x}]\n"),
		"policy condition a string": fn("    policies: [{Action: s3:GetObject, Resource: x, Condition: yes}]\n"),
		"policy a number":           fn("    policies: [42]\n"),
		"policy empty actions":      fn("    policies: [{Action: [], Resource: x}]\n"),
		"policy empty resources":    fn("    policies: [{Action: s3:GetObject, Resource: []}]\n"),
		"policy Sid with a dash":    fn("    policies: [{Sid: read-claims, Action: s3:GetObject, Resource: x}]\n"),
		"policy action a mapping":   fn("    policies: [{Action: [s3:GetObject, {a: b}], Resource: x}]\n"),
		"policy resource a number":  fn("    policies: [{Action: s3:GetObject, Resource: [x, 7]}]\n"),
		"policy resource a mapping": fn("    policies: [{Action: s3:GetObject, Resource: {a: b}}]\n"),
		"policy misspelled in case": fn("    policies: [{Action: lambda:checkpointDurableExecutions, Resource: x}]\n"),
		"policy ARN without name":   fn("    policies: [\"arn:aws:iam::aws:policy/   \"]\n"),
		"parameter unknown field":   validFunction + "parameters: {P: {typ: String}}\n",
		"parameter bad name":        validFunction + "parameters: {my-param: {type: String}}\n",
		"parameter bad type":        validFunction + "parameters: {P: {type: Strin}}\n",
		"parameter default a list":  validFunction + "parameters: {P: {default: [a]}}\n",
		"parameter default Ref":     validFunction + "parameters: {P: {default: {Ref: AWS::Region}}}\n",
		"parameter noEcho a string": validFunction + "parameters: {P: {noEcho: \"yes\"}}\n",
		"parameter minLength text":  validFunction + "parameters: {P: {minLength: one}}\n",
		"resource SAM type":         validFunction + "resources: {Api: {Type: AWS::Serverless::Api, Properties: {StageName: prod}}}\n",
		"resource without type":     validFunction + "resources: {B: {Properties: {}}}\n",
		"resource not a type":       validFunction + "resources: {B: {Type: Bucket}}\n",
		"resource unknown key":      validFunction + "resources: {B: {Type: AWS::S3::Bucket, Typ: x}}\n",
		"resource bad name":         validFunction + "resources: {my-bucket: {Type: AWS::S3::Bucket}}\n",
		"resource type a number":    validFunction + "resources: {B: {Type: 3}}\n",
		"output without value":      validFunction + "outputs: {O: {description: x}}\n",
		"output unknown field":      validFunction + "outputs: {O: {value: x, exports: y}}\n",
		"output bad name":           validFunction + "outputs: {my-output: {value: x}}\n",
		"globals unknown field":     validFunction + "globals: {code: ./src}\n",
		"globals execution timeout": validFunction + "globals: {durable: {executionTimeout: 1h}}\n",
		"globals retention over":    validFunction + fmt.Sprintf("globals: {durable: {retentionDays: %d}}\n", facts.MaxRetentionDays+1),
		"globals memory under":      validFunction + fmt.Sprintf("globals: {memorySize: %d}\n", facts.MinMemorySize-1),
		"description a mapping":     validFunction + "description: {text: x}\n",
		"mapping bad name":          validFunction + "mappings: {my-map: {k: {v: x}}}\n",

		"s3 without key":            strings.Replace(validFunction, "s3://bucket/key.zip", "s3://bucket", 1),
		"code inline and image":     strings.Replace(validFunction, "s3://bucket/key.zip", "{inline: x, image: y}", 1),
		"code empty mapping":        strings.Replace(validFunction, "s3://bucket/key.zip", "{}", 1),
		"empty inline code":         strings.Replace(validFunction, "s3://bucket/key.zip", `{inline: "  "}`, 1),
		"image not ECR":             strings.Replace(strings.Replace(strings.Replace(validFunction, "s3://bucket/key.zip", "{image: nginx:latest}", 1), "    runtime: nodejs24.x\n", "", 1), "    handler: index.handler\n", "", 1),
		"image with runtime":        strings.Replace(validFunction, "s3://bucket/key.zip", "{image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/r:1}", 1),
		"least privilege as string": fn("    leastPrivilege: \"yes\"\n"),

		"sqs batching window over":          fn(fmt.Sprintf("    events: {E: {sqs: {queueArn: arn:aws:sqs:us-east-1:123456789012:q, maximumBatchingWindow: %d}}}\n", facts.MaxBatchingWindow+1)),
		"sqs concurrency under":             fn(fmt.Sprintf("    events: {E: {sqs: {queueArn: arn:aws:sqs:us-east-1:123456789012:q, maximumConcurrency: %d}}}\n", facts.MinMaximumConcurrency-1)),
		"sqs big batch no window":           fn("    events: {E: {sqs: {queueArn: arn:aws:sqs:us-east-1:123456789012:q, batchSize: 11}}}\n"),
		"sqs big batch zero window":         fn("    events: {E: {sqs: {queueArn: arn:aws:sqs:us-east-1:123456789012:q, batchSize: 11, maximumBatchingWindow: 0s}}}\n"),
		"sqs filter an intrinsic":           fn("    events: {E: {sqs: {queueArn: arn:aws:sqs:us-east-1:123456789012:q, filterCriteria: [{Ref: P}]}}}\n"),
		"sqs too many filters":              fn("    events: {E: {sqs: {queueArn: arn:aws:sqs:us-east-1:123456789012:q, filterCriteria: [" + strings.Repeat("{body: {a: [1]}}, ", facts.MaxFilters) + "{body: {a: [1]}}]}}}\n"),
		"sqs unknown field":                 fn("    events: {E: {sqs: {queueArn: arn:aws:sqs:us-east-1:123456789012:q, batchingWindow: 5}}}\n"),
		"http bad method":                   fn("    events: {E: {http: {method: get, path: /x}}}\n"),
		"http without path":                 fn("    events: {E: {http: {method: POST}}}\n"),
		"http without method":               fn("    events: {E: {http: {path: /x}}}\n"),
		"http bad path":                     fn("    events: {E: {http: {method: POST, path: orders}}}\n"),
		"http greedy not last":              fn("    events: {E: {http: {method: POST, path: \"/a/{p+}/b\"}}}\n"),
		"http bad auth":                     fn("    events: {E: {http: {method: POST, path: /x, auth: AWS_IAM}}}\n"),
		"http and sqs":                      fn("    events: {E: {http: {method: POST, path: /x}, sqs: {queueArn: arn:aws:sqs:us-east-1:123456789012:q}}}\n"),
		"function URL bad auth":             fn("    events: {E: {functionUrl: {auth: iam}}}\n"),
		"function URL max age over":         fn(fmt.Sprintf("    events: {E: {functionUrl: {cors: {maxAge: %d}}}}\n", facts.MaxFunctionURLCorsMaxAge+1)),
		"function URL origins a string":     fn("    events: {E: {functionUrl: {cors: {allowOrigins: \"*\"}}}}\n"),
		"function URL credentials text":     fn("    events: {E: {functionUrl: {cors: {allowCredentials: \"yes\"}}}}\n"),
		"function URL unknown cors":         fn("    events: {E: {functionUrl: {cors: {origins: [\"*\"]}}}}\n"),
		"rule without pattern":              fn("    events: {E: {rule: {bus: default}}}\n"),
		"rule pattern a string":             fn("    events: {E: {rule: {pattern: \"{}\"}}}\n"),
		"rule pattern an intrinsic":         fn("    events: {E: {rule: {pattern: {Ref: P}}}}\n"),
		"rule input and inputPath":          fn("    events: {E: {rule: {pattern: {source: [x]}, input: \"{}\", inputPath: $.detail}}}\n"),
		"rule bad bus":                      fn("    events: {E: {rule: {pattern: {source: [x]}, bus: \"my bus\"}}}\n"),
		"rule and schedule":                 fn("    events: {E: {rule: {pattern: {source: [x]}}, schedule: rate(1 hour)}}\n"),
		"scheduler without expression":      fn("    events: {E: {scheduler: {timezone: UTC}}}\n"),
		"scheduler bad expression":          fn("    events: {E: {scheduler: {expression: every day}}}\n"),
		"scheduler bad timezone":            fn("    events: {E: {scheduler: {expression: rate(1 hour), timezone: \"Europe Paris\"}}}\n"),
		"scheduler window over":             fn(fmt.Sprintf("    events: {E: {scheduler: {expression: rate(1 hour), flexibleWindow: %d}}}\n", (facts.MaxFlexibleWindowMinutes+1)*60)),
		"scheduler window seconds":          fn("    events: {E: {scheduler: {expression: rate(1 hour), flexibleWindow: 90}}}\n"),
		"scheduler window zero":             fn("    events: {E: {scheduler: {expression: rate(1 hour), flexibleWindow: 0}}}\n"),
		"sns without topic":                 fn("    events: {E: {sns: {filterPolicy: {kind: [a]}}}}\n"),
		"sns topic not a topic":             fn("    events: {E: {sns: {topic: arn:aws:sqs:us-east-1:123456789012:q}}}\n"),
		"sns filter a list":                 fn("    events: {E: {sns: {topic: arn:aws:sns:us-east-1:123456789012:t, filterPolicy: [a]}}}\n"),
		"s3 bucket a name":                  validFunction + "    events: {E: {s3: {bucket: my-bucket, events: [\"s3:ObjectCreated:*\"]}}}\nresources: {B: {Type: AWS::S3::Bucket}}\n",
		"s3 bucket a GetAtt":                validFunction + "    events: {E: {s3: {bucket: {Fn::GetAtt: [B, Arn]}, events: [\"s3:ObjectCreated:*\"]}}}\nresources: {B: {Type: AWS::S3::Bucket}}\n",
		"s3 without events":                 validFunction + "    events: {E: {s3: {bucket: B}}}\nresources: {B: {Type: AWS::S3::Bucket}}\n",
		"s3 bad event type":                 validFunction + "    events: {E: {s3: {bucket: B, events: [ObjectCreated]}}}\nresources: {B: {Type: AWS::S3::Bucket}}\n",
		"dynamodb without position":         fn("    events: {E: {dynamodb: {streamArn: arn:aws:dynamodb:us-east-1:123456789012:table/T/stream/2026-01-01T00:00:00.000}}}\n"),
		"dynamodb bad position":             fn("    events: {E: {dynamodb: {streamArn: arn:aws:dynamodb:us-east-1:123456789012:table/T/stream/x, startingPosition: AT_TIMESTAMP}}}\n"),
		"dynamodb kinesis ARN":              fn("    events: {E: {dynamodb: {streamArn: arn:aws:kinesis:us-east-1:123456789012:stream/s, startingPosition: LATEST}}}\n"),
		"dynamodb batch over":               fn(fmt.Sprintf("    events: {E: {dynamodb: {streamArn: arn:aws:dynamodb:us-east-1:123456789012:table/T/stream/x, startingPosition: LATEST, batchSize: %d}}}\n", facts.MaxStreamBatchSize+1)),
		"dynamodb retries under":            fn("    events: {E: {dynamodb: {streamArn: arn:aws:dynamodb:us-east-1:123456789012:table/T/stream/x, startingPosition: LATEST, maximumRetryAttempts: -2}}}\n"),
		"dynamodb bisect text":              fn("    events: {E: {dynamodb: {streamArn: arn:aws:dynamodb:us-east-1:123456789012:table/T/stream/x, startingPosition: LATEST, bisectOnError: \"yes\"}}}\n"),
		"dynamodb on failure both":          fn("    events: {E: {dynamodb: {streamArn: arn:aws:dynamodb:us-east-1:123456789012:table/T/stream/x, startingPosition: LATEST, onFailure: {queue: arn:aws:sqs:us-east-1:123456789012:q, topic: arn:aws:sns:us-east-1:123456789012:t}}}}\n"),
		"dynamodb on failure queue a topic": fn("    events: {E: {dynamodb: {streamArn: arn:aws:dynamodb:us-east-1:123456789012:table/T/stream/x, startingPosition: LATEST, onFailure: {queue: arn:aws:sns:us-east-1:123456789012:t}}}}\n"),
		"kinesis without stream":            fn("    events: {E: {kinesis: {startingPosition: LATEST}}}\n"),
		"kinesis retries over":              fn(fmt.Sprintf("    events: {E: {kinesis: {streamArn: arn:aws:kinesis:us-east-1:123456789012:stream/s, startingPosition: LATEST, maximumRetryAttempts: %d}}}\n", facts.MaxStreamRetryAttempts+1)),
		"kinesis on failure a bucket":       fn("    events: {E: {kinesis: {streamArn: arn:aws:kinesis:us-east-1:123456789012:stream/s, startingPosition: LATEST, onFailure: \"arn:aws:s3:::b\"}}}\n"),
		"kinesis and dynamodb":              fn("    events: {E: {kinesis: {streamArn: arn:aws:kinesis:us-east-1:123456789012:stream/s, startingPosition: LATEST}, dynamodb: {streamArn: arn:aws:dynamodb:us-east-1:123456789012:table/T/stream/x, startingPosition: LATEST}}}\n"),
	}
	names := make([]string, 0, len(cases))
	for name := range cases {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		src := cases[name]
		t.Run(name, func(t *testing.T) {
			if err := sch.Validate(instance(t, []byte(src))); err == nil {
				t.Errorf("schema accepts:\n%s", src)
			}
			// The loader agrees (a reference to G that does not exist may
			// be its only complaint: the point is that it refuses too).
			if _, _, err := model.Parse("t.yaml", t.TempDir(), []byte(src)); err == nil {
				t.Errorf("the loader accepts what the schema refuses:\n%s", src)
			}
		})
	}
}

// TestSchemaRejectsErrorCorpus: the cases of testdata/errors whose fault
// is visible in the file alone are refused by the schema. The others need
// more than the file's shape: references between functions, local paths,
// ARN shapes owned by package policies, a repeated YAML key (gone once
// decoded), YAML that does not parse, a duration string over the maximum.
func TestSchemaRejectsErrorCorpus(t *testing.T) {
	visible := []string{
		"alias-latest", "alias-number", "bad-name", "bad-sections", "bad-statements", "bad-statements-shape", "duplicate-grant", "durable-empty",
		"empty", "env-name-one-letter", "image-with-runtime", "log-retention", "plain-durable-only", "tag-not-allowed",
		"many-errors", "no-functions", "principal-both", "retention-over", "retention-zero",
		"runtime-missing", "runtime-ruby", "timeout-bad-duration", "timeout-invocation",
		"timeout-missing", "timeout-one-over", "timeout-zero", "unknown-field", "wrong-type-memory",
		"event-dynamodb", "event-function-url", "event-http", "event-http-shape", "event-kinds", "event-kinesis-shape",
		"event-rule", "event-s3", "event-scheduler", "event-sns", "event-sqs-shape", "event-sqs-values",
	}
	sch := compileSchema(t)
	for _, name := range visible {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(testutil.Root(), "testdata", "errors", name+".yaml"))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(instance(t, src)); err == nil {
				t.Errorf("schema accepts %s", name)
			}
		})
	}
}

// specFields is every field the spec decoder knows, read by hand from
// spec/decode_file.go (decodeFile, decodeGlobals, decodeParameter,
// resourceKeys, decodePolicies, statementKeys) and spec/decode_function.go
// (functionFields, principals, decodeDurable, decodeCode) and
// spec/decode_events.go (decodeEvents, stream):
// "*" is a name of the user's choosing, "[]" an item of a list. Adding a
// field to the decoder means adding it here and to the schema.
var specFields = []string{
	"description",
	"parameters",
	"parameters.*.type",
	"parameters.*.description",
	"parameters.*.default",
	"parameters.*.allowedValues",
	"parameters.*.allowedPattern",
	"parameters.*.constraintDescription",
	"parameters.*.minLength",
	"parameters.*.maxLength",
	"parameters.*.minValue",
	"parameters.*.maxValue",
	"parameters.*.noEcho",
	"mappings",
	"conditions",
	"resources",
	"resources.*.Type",
	"resources.*.Properties",
	"resources.*.DependsOn",
	"resources.*.DeletionPolicy",
	"resources.*.UpdateReplacePolicy",
	"resources.*.Condition",
	"resources.*.Metadata",
	"resources.*.UpdatePolicy",
	"resources.*.CreationPolicy",
	"outputs",
	"outputs.*.value",
	"outputs.*.export",
	"outputs.*.description",
	"globals",
	"globals.runtime",
	"globals.handler",
	"globals.memorySize",
	"globals.timeout",
	"globals.architecture",
	"globals.environment",
	"globals.tags",
	"globals.layers",
	"globals.tracing",
	"globals.vpc",
	"globals.vpc.subnetIds",
	"globals.vpc.securityGroupIds",
	"globals.logs",
	"globals.logs.retentionDays",
	"globals.logs.format",
	"globals.logs.applicationLevel",
	"globals.logs.systemLevel",
	"globals.alias",
	"globals.durable",
	"globals.durable.retentionDays",
	"functions",
	"functions.*.description",
	"functions.*.functionName",
	"functions.*.runtime",
	"functions.*.handler",
	"functions.*.code",
	"functions.*.code.inline",
	"functions.*.code.image",
	"functions.*.code.bucket",
	"functions.*.code.key",
	"functions.*.code.objectVersion",
	"functions.*.memorySize",
	"functions.*.timeout",
	"functions.*.architecture",
	"functions.*.environment",
	"functions.*.tags",
	"functions.*.tracing",
	"functions.*.layers",
	"functions.*.reservedConcurrency",
	"functions.*.vpc",
	"functions.*.vpc.subnetIds",
	"functions.*.vpc.securityGroupIds",
	"functions.*.deadLetterQueue",
	"functions.*.deadLetterQueue.queue",
	"functions.*.deadLetterQueue.topic",
	"functions.*.durable",
	"functions.*.durable.executionTimeout",
	"functions.*.durable.retentionDays",
	"functions.*.durable.kmsKeyArn",
	"functions.*.alias",
	"functions.*.logs",
	"functions.*.logs.retentionDays",
	"functions.*.logs.format",
	"functions.*.logs.applicationLevel",
	"functions.*.logs.systemLevel",
	"functions.*.leastPrivilege",
	"functions.*.role",
	"functions.*.policies",
	"functions.*.policies[].Sid",
	"functions.*.policies[].Effect",
	"functions.*.policies[].Action",
	"functions.*.policies[].NotAction",
	"functions.*.policies[].Resource",
	"functions.*.policies[].NotResource",
	"functions.*.policies[].Condition",
	"functions.*.callbackSenders",
	"functions.*.callbackSenders[].function",
	"functions.*.callbackSenders[].roleArn",
	"functions.*.starters",
	"functions.*.starters[].function",
	"functions.*.starters[].roleArn",
	"functions.*.observers",
	"functions.*.observers[].function",
	"functions.*.observers[].roleArn",
	"functions.*.operators",
	"functions.*.operators[].function",
	"functions.*.operators[].roleArn",
	"functions.*.invokes",
	"functions.*.invokes[].function",
	"functions.*.invokes[].functionArn",
	"functions.*.events",
	"functions.*.events.*.sqs",
	"functions.*.events.*.sqs.queueArn",
	"functions.*.events.*.sqs.batchSize",
	"functions.*.events.*.sqs.maximumBatchingWindow",
	"functions.*.events.*.sqs.maximumConcurrency",
	"functions.*.events.*.sqs.reportBatchItemFailures",
	"functions.*.events.*.sqs.filterCriteria",
	"functions.*.events.*.schedule",
	"functions.*.events.*.http",
	"functions.*.events.*.http.method",
	"functions.*.events.*.http.path",
	"functions.*.events.*.http.apiId",
	"functions.*.events.*.http.auth",
	"functions.*.events.*.functionUrl",
	"functions.*.events.*.functionUrl.auth",
	"functions.*.events.*.functionUrl.cors",
	"functions.*.events.*.functionUrl.cors.allowOrigins",
	"functions.*.events.*.functionUrl.cors.allowMethods",
	"functions.*.events.*.functionUrl.cors.allowHeaders",
	"functions.*.events.*.functionUrl.cors.exposeHeaders",
	"functions.*.events.*.functionUrl.cors.allowCredentials",
	"functions.*.events.*.functionUrl.cors.maxAge",
	"functions.*.events.*.rule",
	"functions.*.events.*.rule.pattern",
	"functions.*.events.*.rule.bus",
	"functions.*.events.*.rule.input",
	"functions.*.events.*.rule.inputPath",
	"functions.*.events.*.scheduler",
	"functions.*.events.*.scheduler.expression",
	"functions.*.events.*.scheduler.timezone",
	"functions.*.events.*.scheduler.input",
	"functions.*.events.*.scheduler.flexibleWindow",
	"functions.*.events.*.sns",
	"functions.*.events.*.sns.topic",
	"functions.*.events.*.sns.filterPolicy",
	"functions.*.events.*.s3",
	"functions.*.events.*.s3.bucket",
	"functions.*.events.*.s3.events",
	"functions.*.events.*.s3.prefix",
	"functions.*.events.*.s3.suffix",
	"functions.*.events.*.dynamodb",
	"functions.*.events.*.dynamodb.streamArn",
	"functions.*.events.*.dynamodb.startingPosition",
	"functions.*.events.*.dynamodb.batchSize",
	"functions.*.events.*.dynamodb.bisectOnError",
	"functions.*.events.*.dynamodb.reportBatchItemFailures",
	"functions.*.events.*.dynamodb.maximumRetryAttempts",
	"functions.*.events.*.dynamodb.onFailure",
	"functions.*.events.*.dynamodb.onFailure.queue",
	"functions.*.events.*.dynamodb.onFailure.topic",
	"functions.*.events.*.kinesis",
	"functions.*.events.*.kinesis.streamArn",
	"functions.*.events.*.kinesis.startingPosition",
	"functions.*.events.*.kinesis.batchSize",
	"functions.*.events.*.kinesis.bisectOnError",
	"functions.*.events.*.kinesis.reportBatchItemFailures",
	"functions.*.events.*.kinesis.startingPositionTimestamp",
	"functions.*.events.*.kinesis.maximumRetryAttempts",
	"functions.*.events.*.kinesis.onFailure",
	"functions.*.events.*.kinesis.onFailure.queue",
	"functions.*.events.*.kinesis.onFailure.topic",
}

// schemaFields walks the schema and returns the path of every property it
// defines, in the notation of specFields, with the property's schema.
func schemaFields(t *testing.T) map[string]map[string]any {
	t.Helper()
	root := schemaMap(t)
	defs, _ := root["$defs"].(map[string]any)
	out := map[string]map[string]any{}
	var walk func(node map[string]any, path string, depth int)
	walk = func(node map[string]any, path string, depth int) {
		if depth > 20 {
			t.Fatalf("schema too deep at %s (a $ref cycle?)", path)
		}
		if r, ok := node["$ref"].(string); ok {
			name := strings.TrimPrefix(r, "#/$defs/")
			def, ok := defs[name].(map[string]any)
			if !ok {
				t.Fatalf("%s: dangling $ref %s", path, r)
			}
			walk(def, path, depth+1)
		}
		join := func(p, k string) string {
			if p == "" {
				return k
			}
			return p + "." + k
		}
		if props, ok := node["properties"].(map[string]any); ok {
			for k, v := range props {
				child, ok := v.(map[string]any)
				if !ok {
					continue // a false schema in if/then: not a field
				}
				p := join(path, k)
				out[p] = child
				walk(child, p, depth+1)
			}
		}
		if ap, ok := node["additionalProperties"].(map[string]any); ok {
			walk(ap, join(path, "*"), depth+1)
		}
		if items, ok := node["items"].(map[string]any); ok {
			walk(items, path+"[]", depth+1)
		}
		for _, key := range []string{"oneOf", "anyOf"} {
			if alts, ok := node[key].([]any); ok {
				for _, a := range alts {
					if m, ok := a.(map[string]any); ok {
						walk(m, path, depth+1)
					}
				}
			}
		}
	}
	walk(root, "", 0)
	return out
}

// TestSchemaHasEveryField: the schema defines exactly the decoder's fields.
func TestSchemaHasEveryField(t *testing.T) {
	got := schemaFields(t)
	for _, f := range specFields {
		if _, ok := got[f]; !ok {
			t.Errorf("the schema lacks %s", f)
		}
	}
	for f := range got {
		if !slices.Contains(specFields, f) {
			t.Errorf("the schema defines %s, which the decoder does not know (or specFields lacks it)", f)
		}
	}
}

// TestSchemaDescribesAndClosesEverything: every property has a
// description, and every mapping with fixed keys refuses unknown keys.
func TestSchemaDescribesAndClosesEverything(t *testing.T) {
	for path, s := range schemaFields(t) {
		if d, _ := s["description"].(string); strings.TrimSpace(d) == "" {
			t.Errorf("%s has no description", path)
		}
	}
	var walk func(v any, where string)
	walk = func(v any, where string) {
		switch n := v.(type) {
		case map[string]any:
			if _, ok := n["properties"]; ok && n["additionalProperties"] != false && n["type"] == "object" {
				t.Errorf("%s: an object with properties lacks additionalProperties: false", where)
			}
			for k, c := range n {
				walk(c, where+"/"+k)
			}
		case []any:
			for i, c := range n {
				walk(c, fmt.Sprintf("%s/%d", where, i))
			}
		}
	}
	walk(schemaMap(t), "#")
}

// TestSchemaReadsLimits: the limits and enumerations are spec's own.
func TestSchemaReadsLimits(t *testing.T) {
	fields := schemaFields(t)
	root := schemaMap(t)
	defs := root["$defs"].(map[string]any)
	asStrings := func(v any) []string {
		var out []string
		for _, x := range v.([]any) {
			out = append(out, fmt.Sprint(x))
		}
		return out
	}
	intsAsStrings := func(ns []int) []string {
		var out []string
		for _, n := range ns {
			out = append(out, fmt.Sprint(n))
		}
		return out
	}
	check := func(what string, got, want any) {
		t.Helper()
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	check("runtime enum", asStrings(fields["functions.*.runtime"]["enum"]), facts.Runtimes)
	durableIf := defs["function"].(map[string]any)["allOf"].([]any)[1].(map[string]any)
	check("durable runtime condition", durableIf["if"], map[string]any{"required": []any{"durable"}})
	check("durable runtime enum", asStrings(durableIf["then"].(map[string]any)["properties"].(map[string]any)["runtime"].(map[string]any)["enum"]), facts.DurableRuntimes)
	check("globals runtime enum", asStrings(fields["globals.runtime"]["enum"]), facts.Runtimes)
	check("globals retention max", fields["globals.durable.retentionDays"]["maximum"], facts.MaxRetentionDays)
	for section, max := range map[string]int{"parameters": facts.MaxParameters, "resources": facts.MaxResources, "outputs": facts.MaxOutputs, "mappings": facts.MaxMappings} {
		check(section+" count", fields[section]["maxProperties"], max)
		check(section+" name length", fields[section]["propertyNames"].(map[string]any)["maxLength"], facts.MaxLogicalIDLength)
	}
	check("parameter types", asStrings(fields["parameters.*.type"]["anyOf"].([]any)[0].(map[string]any)["enum"]), spec.ParameterTypes)
	check("parameter type default", fields["parameters.*.type"]["default"], "String")
	var globals []string
	for k := range defs["globals"].(map[string]any)["properties"].(map[string]any) {
		globals = append(globals, k)
	}
	want := spec.GlobalFields()
	sort.Strings(globals)
	sort.Strings(want)
	check("globals fields", globals, want)
	check("architecture enum", asStrings(fields["functions.*.architecture"]["enum"]), facts.Architectures)
	check("tracing enum", asStrings(fields["functions.*.tracing"]["enum"]), facts.TracingModes)
	check("log format enum", asStrings(fields["functions.*.logs.format"]["enum"]), facts.LogFormats)
	check("log level enum", asStrings(fields["functions.*.logs.systemLevel"]["enum"]), facts.LogLevels)
	check("log retention enum", asStrings(fields["functions.*.logs.retentionDays"]["enum"]), intsAsStrings(facts.LogRetentionDays))
	check("memory max", fields["functions.*.memorySize"]["maximum"], facts.MaxMemorySize)
	check("timeout max", fields["functions.*.timeout"]["maximum"], facts.MaxTimeout)
	check("retention max", fields["functions.*.durable.retentionDays"]["maximum"], facts.MaxRetentionDays)
	check("retention default", fields["functions.*.durable.retentionDays"]["default"], facts.DefaultRetentionDays)
	check("alias default", fields["functions.*.alias"]["default"], spec.DefaultAlias)
	et := defs["executionTimeout"].(map[string]any)["oneOf"].([]any)[0].(map[string]any)
	check("executionTimeout max", et["maximum"], facts.MaxExecutionTimeout)
	check("function name length", root["properties"].(map[string]any)["functions"].(map[string]any)["propertyNames"].(map[string]any)["maxLength"], spec.MaxNameLength)
}

// TestSchemaDurationBoundaries: integer seconds from 1 to the maximum, and
// duration strings, as the loader takes them.
func TestSchemaDurationBoundaries(t *testing.T) {
	sch := compileSchema(t)
	for _, c := range []struct {
		v  string
		ok bool
	}{
		{"1", true}, {fmt.Sprint(facts.MaxExecutionTimeout), true}, {"366d", true}, {"1d12h", true}, {"90m", true},
		{"0", false}, {fmt.Sprint(facts.MaxExecutionTimeout + 1), false}, {"-5", false}, {"1.5h", false}, {"24 h", false}, {"true", false},
	} {
		src := strings.Replace(validFunction, "executionTimeout: 24h", "executionTimeout: "+c.v, 1)
		if err := sch.Validate(instance(t, []byte(src))); (err == nil) != c.ok {
			t.Errorf("executionTimeout: %s: schema error %v, want ok=%v", c.v, err, c.ok)
		}
	}
}

// TestSchemaBoundaries: the section counts at their limit and one over, as
// the loader takes them.
func TestSchemaBoundaries(t *testing.T) {
	sch := compileSchema(t)
	params := func(n int) string {
		var b strings.Builder
		b.WriteString(validFunction + "parameters:\n")
		for i := range n {
			fmt.Fprintf(&b, "  P%d: {type: String}\n", i)
		}
		return b.String()
	}
	for _, c := range []struct {
		n  int
		ok bool
	}{{facts.MaxParameters, true}, {facts.MaxParameters + 1, false}} {
		src := params(c.n)
		if err := sch.Validate(instance(t, []byte(src))); (err == nil) != c.ok {
			t.Errorf("%d parameters: schema error %v, want ok=%v", c.n, err, c.ok)
		}
		if _, _, err := model.Parse("t.yaml", t.TempDir(), []byte(src)); (err == nil) != c.ok {
			t.Errorf("%d parameters: loader error %v, want ok=%v", c.n, err, c.ok)
		}
	}
}

// TestSchemaAcceptsIntrinsics: every field that takes an intrinsic function
// takes it in long form and in short form (which an editor sees as a
// string or a list), as the loader does; and plain functions, globals and
// the template's sections are accepted.
func TestSchemaAcceptsIntrinsics(t *testing.T) {
	const sections = `parameters:
  Stage: {type: String, default: dev, allowedValues: [dev, prod], description: stage}
  Subnets: {type: "List<AWS::EC2::Subnet::Id>"}
  Secret: {type: String, noEcho: true, minLength: 8, maxLength: 64, allowedPattern: "[a-z]+", constraintDescription: lower case}
  Size: {type: Number, minValue: 1, maxValue: 9, default: 3}
mappings:
  Keys: {us-east-1: {key: arn:aws:kms:us-east-1:123456789012:key/abc}}
conditions:
  IsProd: !Equals [!Ref Stage, prod]
  IsDev: {Fn::Not: [{Condition: IsProd}]}
resources:
  Queue: {Type: AWS::SQS::Queue, DeletionPolicy: Retain, UpdateReplacePolicy: Retain, Condition: IsProd}
  Dlq: {Type: AWS::SQS::Queue, DependsOn: Queue, Metadata: {team: x}}
  Topic: {Type: AWS::SNS::Topic, DependsOn: [Queue, Dlq], Properties: {DisplayName: !Sub "${Stage}-topic"}}
  Key: {Type: AWS::KMS::Key, Properties: {KeyPolicy: {Version: "2012-10-17", Statement: []}}}
  Bucket: {Type: AWS::S3::Bucket}
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}
  Layer: {Type: AWS::Lambda::LayerVersion, Properties: {Content: {S3Bucket: b, S3Key: k}}}
  Sg: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: x}}
  Custom: {Type: Custom::Thing, Properties: {ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:x}}
`
	base := func(fields string) string {
		return sections + `functions:
  F:
    runtime: nodejs24.x
    handler: index.handler
    code: s3://bucket/key.zip
    durable: {executionTimeout: 10m}
` + fields
	}
	cases := map[string]string{
		"environment short": base("    environment: {VA: !Ref Stage, VB: !GetAtt Queue.Arn, VC: !Sub '${Stage}-x', VD: !Join ['-', [a, !Ref Stage]], VE: !If [IsProd, a, b], VF: !FindInMap [Keys, !Ref 'AWS::Region', key], VG: !Select [0, !Split [',', 'a,b']], VH: 3, VI: true}\n"),
		"environment long":  base("    environment: {VA: {Ref: Stage}, VB: {Fn::GetAtt: [Queue, Arn]}, VC: {Fn::Sub: ['${x}', {x: !Ref Stage}]}, VD: {Fn::ImportValue: shared-table}}\n"),
		"tags":              base("    tags: {stage: !Ref Stage, team: {Fn::Sub: '${AWS::StackName}'}}\n"),
		"layers":            base("    layers: [!Ref Layer, {Ref: Layer}, !Sub 'arn:aws:lambda:${AWS::Region}:123456789012:layer:x:1', arn:aws:lambda:us-east-1:123456789012:layer:x:2]\n"),
		"vpc":               base("    vpc: {subnetIds: [!Select [0, !Ref Subnets], subnet-0a1b2c3d], securityGroupIds: [!Ref Sg, {Fn::GetAtt: [Sg, GroupId]}]}\n"),
		"vpc whole lists":   base("    vpc: {subnetIds: !Split [',', !ImportValue shared-subnets], securityGroupIds: !If [IsProd, [sg-0a1b2c3d], !Ref 'AWS::NoValue']}\n"),
		"vpc whole Ref":     base("    vpc: {subnetIds: !Ref Subnets, securityGroupIds: {Fn::Split: [',', {Fn::ImportValue: shared-groups}]}}\n"),
		"argument shapes":   base("    environment: {VA: !Select ['1', !Split [',', !Ref Stage]], VB: !Select [!Ref Size, !GetAZs ''], VC: !ImportValue {Fn::Sub: '${Stage}-x'}, VD: !Base64 {Fn::Sub: '${Stage}'}, VE: !Join [',', !Ref Subnets], VF: !If [IsProd, !Select [0, !Ref Subnets], !Ref 'AWS::NoValue']}\n"),
		"dead letter short": base("    deadLetterQueue: !GetAtt Dlq.Arn\n"),
		"dead letter topic": base("    deadLetterQueue: {Ref: Topic}\n"),
		"dead letter sub":   base("    deadLetterQueue: !Sub 'arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:q'\n"),
		"kms":               strings.Replace(base(""), "durable: {executionTimeout: 10m}", "durable: {executionTimeout: 10m, kmsKeyArn: !FindInMap [Keys, !Ref 'AWS::Region', key]}", 1),
		"kms GetAtt":        strings.Replace(base(""), "durable: {executionTimeout: 10m}", "durable: {executionTimeout: 10m, kmsKeyArn: !GetAtt Key.Arn}", 1),
		"code bucket":       strings.Replace(base(""), "code: s3://bucket/key.zip", "code: {bucket: !Ref Bucket, key: {Fn::Sub: '${Stage}/f.zip'}, objectVersion: \"3\"}", 1),
		"queue":             base("    events: {Q: {sqs: {queueArn: !GetAtt Queue.Arn}}, R: {sqs: {queueArn: {Fn::GetAtt: [Queue, Arn]}}}}\n"),
		"role GetAtt":       base("    role: !GetAtt Role.Arn\n"),
		"role literal path": base("    role: arn:aws:iam::123456789012:role/platform/x\n"),
		"role If":           base("    role: !If [IsProd, arn:aws:iam::123456789012:role/a, arn:aws:iam::123456789012:role/b]\n"),
		"policies": base(`    policies:
      - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
      - !Sub arn:${AWS::Partition}:iam::aws:policy/CloudWatchReadOnlyAccess
      - {Fn::Sub: "arn:${AWS::Partition}:iam::aws:policy/AWSXrayReadOnlyAccess"}
      - Sid: Queue
        Effect: Allow
        Action: [sqs:SendMessage, "sqs:Get*"]
        Resource: [!GetAtt Queue.Arn, {Fn::GetAtt: [Dlq, Arn]}]
        Condition: {StringEquals: {"aws:ResourceTag/stage": !Ref Stage}}
      - NotAction: s3:DeleteObject
        NotResource: !Sub "arn:aws:s3:::${Bucket}/*"
        Effect: Deny
`),
		"outputs": base(`outputs:
  QueueArn: {value: !GetAtt Queue.Arn, export: !Sub "${AWS::StackName}-queue", description: the queue}
  Count: {value: 3}
  Long: {value: {Fn::Join: [":", [a, b]]}, export: {Fn::Sub: "${AWS::StackName}-long"}}
  Stage: {value: !Ref Stage}
`),
		"every event kind": strings.Replace(sections, "resources:\n", `resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      StreamSpecification: {StreamViewType: NEW_IMAGE}
  Stream: {Type: AWS::Kinesis::Stream, Properties: {ShardCount: 1}}
  Bus: {Type: AWS::Events::EventBus, Properties: {Name: orders}}
`, 1) + `functions:
  Worker:
    runtime: nodejs24.x
    handler: index.handler
    code: s3://bucket/key.zip
    durable: {executionTimeout: 10m}
    events:
      Intake:
        sqs:
          queueArn: !GetAtt Queue.Arn
          batchSize: 100
          maximumBatchingWindow: 5s
          maximumConcurrency: 5
          filterCriteria: [{body: {kind: [order]}}, '{"body": {"kind": ["refund"]}}']
      Small: {sqs: {queueArn: arn:aws:sqs:us-east-1:123456789012:q, batchSize: 10, maximumBatchingWindow: 0}}
      Hourly: {schedule: rate(1 hour)}
      Url:
        functionUrl:
          auth: NONE
          cors: {allowOrigins: ["*"], allowMethods: [POST], allowHeaders: [content-type], exposeHeaders: [x-id], allowCredentials: false, maxAge: 1h}
      Placed:
        rule: {pattern: {source: [my.app], detail-type: [OrderPlaced]}, bus: !Ref Bus, input: {kind: nightly}}
      Shipped:
        rule: {pattern: {source: [my.app]}, bus: !Sub "arn:aws:events:${AWS::Region}:${AWS::AccountId}:event-bus/orders", inputPath: $.detail}
      Defaulted: {rule: {pattern: {source: [my.app]}, bus: default, input: '{"a": 1}'}}
      Nightly:
        scheduler: {expression: "cron(0 12 * * ? *)", timezone: Europe/Paris, input: !Sub '{"stage": "${Stage}"}', flexibleWindow: 15m}
      Once: {scheduler: {expression: "at(2027-01-01T09:00:00)", flexibleWindow: 900}}
      Notified: {sns: {topic: !Ref Topic, filterPolicy: {kind: [order]}}}
      Literal: {sns: {topic: arn:aws:sns:us-east-1:123456789012:t}}
      Uploaded: {s3: {bucket: !Ref Bucket, events: ["s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"], prefix: in/, suffix: .json}}
      LongForm: {s3: {bucket: {Ref: Bucket}, events: ["s3:ObjectRestore:Completed"]}}
      Changes:
        dynamodb: {streamArn: !GetAtt Table.StreamArn, startingPosition: LATEST, batchSize: 100, bisectOnError: true, maximumRetryAttempts: -1, onFailure: {queue: !GetAtt Dlq.Arn}}
      Records:
        kinesis: {streamArn: !GetAtt Stream.Arn, startingPosition: TRIM_HORIZON, maximumRetryAttempts: 3, onFailure: !Ref Topic}
      Imported: {kinesis: {streamArn: arn:aws:kinesis:us-east-1:123456789012:stream/s, startingPosition: LATEST, onFailure: {topic: !ImportValue shared-topic}}}
  Starter:
    runtime: nodejs24.x
    handler: start.handler
    code: s3://bucket/start.zip
    invokes: [{function: Worker}]
    events:
      Orders: {http: {method: POST, path: /orders}}
      Order: {http: {method: GET, path: "/orders/{id}", auth: iam}}
      Proxy: {http: {method: ANY, path: "/files/{key+}", apiId: !ImportValue shared-api}}
      Root: {http: {method: ANY, path: /, apiId: {Ref: Stage}}}
`,
		"plain starter": sections + `description: a starter
globals:
  runtime: python3.13
  handler: app.handler
  memorySize: 256
  timeout: 30
  architecture: arm64
  environment: {STAGE: !Ref Stage}
  tags: {team: claims}
  layers: [!Ref Layer]
  tracing: Active
  vpc: {subnetIds: [subnet-0a1b2c3d], securityGroupIds: [!Ref Sg]}
  logs: {retentionDays: 7, format: JSON, applicationLevel: INFO}
  durable: {retentionDays: 30}
functions:
  Worker:
    code: {inline: "def handler(e, c): pass"}
    durable: {executionTimeout: 7d}
  Starter:
    code: {inline: "def handler(e, c): pass"}
    runtime: python3.12
    alias: live
    invokes: [{function: Worker}]
    environment: {WORKER: "${Worker.AliasArn}"}
    events: {Q: {sqs: {queueArn: !GetAtt Queue.Arn}}}
`,
	}
	sch := compileSchema(t)
	names := make([]string, 0, len(cases))
	for name := range cases {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		src := cases[name]
		t.Run(name, func(t *testing.T) {
			if _, _, err := model.Parse("t.yaml", t.TempDir(), []byte(src)); err != nil {
				t.Fatalf("the loader rejects it: %v\n%s", err, src)
			}
			if err := sch.Validate(instance(t, []byte(src))); err != nil {
				t.Errorf("schema rejects a valid spec:\n%v\n%s", err, src)
			}
		})
	}
}
