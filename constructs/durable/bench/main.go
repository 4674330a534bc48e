// Command bench measures what the durable construct costs over the same
// resources wired by hand from plain awslambda, awslogs and awsiam: it
// builds and synthesizes apps of 1, 10 and 50 durable functions each way,
// in one run, and prints the times and their ratios.
//
//	go run ./constructs/durable/bench [-rounds 7]
//
// Two hand-wired ways are measured. "hand-wired" (byHand) writes the
// template the construct writes, as a user would have to: the log group
// without deletion policies, the version retained without
// UpdateReplacePolicy, and the acknowledgement of the W3011 warning that
// the latter draws from CDK's built-in CloudFormation validation at every
// synth (a test proves that the two templates are the same). "defaults"
// (byHandDefaults) takes CDK's defaults instead: the same resources, with
// both policies on the log group and on the version; it is the floor.
//
// Each measurement is a fresh App, built and synthesized (app.Synth); the
// median of the rounds is reported, after two warm-up rounds of 10
// functions each way, which start Node, load aws-cdk-lib and let V8
// compile what each way runs. It exits 1 when the construct costs more than
// 1.2 times the hand-wired resources (the same template) at any size.
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"

	"github.com/durablefn/durablefn/constructs/durable"
	"github.com/durablefn/durablefn/constructs/nodeenv"
	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/spec"
)

// limit is the most the construct may cost, relative to hand-wiring.
const limit = 1.2

func main() {
	rounds := flag.Int("rounds", 7, "measurements per size and way (the median is reported)")
	appWay := flag.String("app", "", "build one app this way (construct, hand-wired, defaults) for the CDK CLI, and exit")
	functions := flag.Int("functions", 1, "with -app: the number of durable functions")
	flag.Parse()
	nodeenv.Setup()
	defer jsii.Close()

	ways := []struct {
		name  string
		build func(stack awscdk.Stack, i int)
	}{{"construct", withConstruct}, {"hand-wired", byHand}, {"defaults", byHandDefaults}}
	if *appWay != "" {
		for _, w := range ways {
			if w.name == *appWay {
				// Outdir unset: the App takes CDK_OUTDIR, which the CDK CLI sets.
				app := awscdk.NewApp(&awscdk.AppProps{AnalyticsReporting: jsii.Bool(false)})
				stack := awscdk.NewStack(app, jsii.String("Bench"), nil)
				for i := 0; i < *functions; i++ {
					w.build(stack, i)
				}
				app.Synth(nil)
				return
			}
		}
		fmt.Fprintf(os.Stderr, "bench: -app %q: want construct, hand-wired or defaults\n", *appWay)
		os.Exit(2)
	}

	outdir, err := os.MkdirTemp("", "durable-bench-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer os.RemoveAll(outdir)

	measure := func(n int, build func(awscdk.Stack, int)) time.Duration {
		start := time.Now()
		app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(outdir), AnalyticsReporting: jsii.Bool(false)})
		stack := awscdk.NewStack(app, jsii.String("Bench"), nil)
		for i := 0; i < n; i++ {
			build(stack, i)
		}
		app.Synth(nil)
		return time.Since(start)
	}
	// Warm-up: start Node, load aws-cdk-lib, and let V8 compile the code
	// paths of every way, so that the first measurements (1 function) time
	// the same thing as the later ones.
	for r := 0; r < 2; r++ {
		for _, w := range ways {
			measure(10, w.build)
		}
	}

	fmt.Printf("%-10s %12s %12s %7s %12s %7s\n", "functions", "construct", "hand-wired", "ratio", "defaults", "ratio")
	failed := false
	for _, n := range []int{1, 10, 50} {
		times := make([][]time.Duration, len(ways))
		for r := 0; r < *rounds; r++ {
			// Interleaved, so that drift hits every way alike, starting with a
			// different way each round.
			for k := range ways {
				i := (r + k) % len(ways)
				times[i] = append(times[i], measure(n, ways[i].build))
			}
		}
		c, h, d := median(times[0]), median(times[1]), median(times[2])
		ratio := float64(c) / float64(h)
		fmt.Printf("%-10d %12s %12s %7.2f %12s %7.2f\n", n, c.Round(time.Millisecond), h.Round(time.Millisecond), ratio,
			d.Round(time.Millisecond), float64(c)/float64(d))
		if ratio > limit {
			failed = true
		}
	}
	if failed {
		fmt.Printf("the construct costs more than %.1f× hand-wiring\n", limit)
		os.Exit(1)
	}
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func withConstruct(stack awscdk.Stack, i int) {
	durable.NewFunction(stack, jsii.String(fmt.Sprintf("Fn%d", i)), &durable.FunctionProps{
		Runtime:          awslambda.Runtime_NODEJS_24_X(),
		Handler:          jsii.String("index.handler"),
		Code:             awslambda.Code_FromInline(jsii.String("exports.handler = async () => {}")),
		ExecutionTimeout: awscdk.Duration_Hours(jsii.Number(1)),
	})
}

// byHand builds the resources the construct builds, with what a careful
// user would write to get the construct's template: the role with the
// durable managed policy, the log group without deletion policies (as
// CloudFormation deletes it by default), the function with DurableConfig
// and LoggingConfig, its version retained without UpdateReplacePolicy (and
// the acknowledgement of the warning W3011 that this draws at every synth),
// and the alias.
func byHand(stack awscdk.Stack, i int) { wire(stack, i, true) }

// byHandDefaults builds the same resources as byHand with CDK's defaults:
// DeletionPolicy and UpdateReplacePolicy Delete on the log group, Retain on
// the version.
func byHandDefaults(stack awscdk.Stack, i int) { wire(stack, i, false) }

// wire builds one durable function from plain constructs; sameTemplate adds
// the overrides that make its template the construct's.
func wire(stack awscdk.Stack, i int, sameTemplate bool) {
	id := fmt.Sprintf("Fn%d", i)
	role := awsiam.NewRole(stack, jsii.String(id+"Role"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
		ManagedPolicies: &[]awsiam.IManagedPolicy{
			awsiam.ManagedPolicy_FromAwsManagedPolicyName(jsii.String(facts.DurableManagedPolicyName)),
		},
	})
	logGroup := awslogs.NewLogGroup(stack, jsii.String(id+"LogGroup"), &awslogs.LogGroupProps{
		Retention:     awslogs.RetentionDays_ONE_MONTH,
		RemovalPolicy: awscdk.RemovalPolicy_DESTROY,
	})
	if sameTemplate {
		cfnLogGroup := logGroup.Node().DefaultChild().(awscdk.CfnResource)
		cfnLogGroup.AddDeletionOverride(jsii.String("DeletionPolicy"))
		cfnLogGroup.AddDeletionOverride(jsii.String("UpdateReplacePolicy"))
	}
	fn := awslambda.NewFunction(stack, jsii.String(id), &awslambda.FunctionProps{
		Runtime:       awslambda.Runtime_NODEJS_24_X(),
		Handler:       jsii.String("index.handler"),
		Code:          awslambda.Code_FromInline(jsii.String("exports.handler = async () => {}")),
		Role:          role,
		LogGroup:      logGroup,
		LoggingFormat: awslambda.LoggingFormat_JSON,
		DurableConfig: &awslambda.DurableConfig{
			ExecutionTimeout: awscdk.Duration_Hours(jsii.Number(1)),
			RetentionPeriod:  awscdk.Duration_Days(jsii.Number(facts.DefaultRetentionDays)),
		},
		CurrentVersionOptions: &awslambda.VersionOptions{RemovalPolicy: awscdk.RemovalPolicy_RETAIN},
	})
	version := fn.CurrentVersion()
	if sameTemplate {
		version.Node().DefaultChild().(awscdk.CfnResource).AddDeletionOverride(jsii.String("UpdateReplacePolicy"))
		awscdk.Validations_Of(version).Acknowledge(&awscdk.Acknowledgment{
			Id:     jsii.String("CloudFormation-Validate::W3011"),
			Reason: jsii.String("replaced versions are retained"),
		})
	}
	awslambda.NewAlias(stack, jsii.String(id+"Alias"+spec.DefaultAlias), &awslambda.AliasProps{
		AliasName: jsii.String(spec.DefaultAlias),
		Version:   version,
	})
}
