package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOwnLintRefusesWhatItWouldWrite: a spec resource that subscribes a
// durable function's unqualified ARN to a topic is refused by validate and
// synth, at the property, with the linter's rule and fix; pointed at the
// alias (a name the spec may use), it is valid.
func TestOwnLintRefusesWhatItWouldWrite(t *testing.T) {
	dir := t.TempDir()
	src := `functions:
  Foo: {runtime: nodejs22.x, handler: a.h, code: s3://bkt/k.zip, durable: {executionTimeout: 1h}}
resources:
  Topic: {Type: AWS::SNS::Topic}
  Sub:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref Topic
      Protocol: lambda
      Endpoint: ENDPOINT
`
	write := func(endpoint string) string {
		p := filepath.Join(dir, "durable.yaml")
		if err := os.WriteFile(p, []byte(strings.Replace(src, "ENDPOINT", endpoint, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	spec := write("!GetAtt Foo.Arn")
	for _, args := range [][]string{{"validate", spec}, {"synth", "--format", "sam", "-o", filepath.Join(dir, "t.yaml"), spec}} {
		r := cli(t, args...).want(t, 1)
		if !strings.Contains(r.stderr, "durable.yaml:10:17: resources.Sub.Properties.Endpoint:") ||
			!strings.Contains(r.stderr, "!Ref FooAliaslive") {
			t.Errorf("%v: no placed error with the alias as the fix:\n%s", args, r.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "t.yaml")); err == nil {
		t.Error("synth wrote the template")
	}
	cli(t, "validate", write("!Ref FooAliaslive")).want(t, 0)
}
