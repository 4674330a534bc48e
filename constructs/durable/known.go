package durable

import (
	"math"
	"reflect"
	"sync"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// Every call into aws-cdk-lib is a round trip to Node through jsii, and it
// is what a construct costs: a few hundred microseconds each, against
// nothing for Go code. This file keeps in Go what the package would
// otherwise ask Node for again and again:
//
//   - the values of Runtimes and Durations, which are immutable: a Runtime
//     such as awslambda.Runtime_NODEJS_24_X() is the same object (the same
//     Go proxy) every time, and FromSpec and the defaults create their
//     Durations here, knowing their values;
//   - per scope, the objects every durable function built in it can share:
//     the Lambda service principal, the AWS managed policies and the
//     default retention period.
//
// Keys are jsii proxies, compared by identity. A proxy outlives the Node
// process it belongs to only if something keeps it, and the maps below
// keep theirs: an entry is never confused with a new object, and is
// dropped when a map is full. Per-scope objects are only shared within
// their scope, so a new jsii kernel (after jsii.Close) never sees objects
// of the old one.
var known = struct {
	sync.Mutex
	runtimes map[awslambda.Runtime]string
	// durations holds resolved Durations by unit ("seconds", "days").
	durations map[durationKey]float64
	scopes    map[constructs.IConstruct]*shared
}{}

// maxKnown bounds each map of known; a full map is emptied.
const maxKnown = 4096

type durationKey struct {
	d    awscdk.Duration
	unit string
}

// comparable reports whether v can be a map key compared by identity:
// jsii proxies, and the Go types that extend jsii classes (with their
// _Override constructors), are pointers; a value of any other type
// implementing a jsii interface is not cached.
func comparable(v any) bool {
	t := reflect.TypeOf(v)
	return t != nil && t.Kind() == reflect.Pointer
}

// runtimeName returns r.Name(), asking jsii once per Runtime object.
func runtimeName(r awslambda.Runtime) string {
	if !comparable(r) {
		return *r.Name()
	}
	known.Lock()
	name, ok := known.runtimes[r]
	known.Unlock()
	if ok {
		return name
	}
	name = *r.Name()
	rememberRuntime(r, name)
	return name
}

func rememberRuntime(r awslambda.Runtime, name string) {
	known.Lock()
	defer known.Unlock()
	if known.runtimes == nil || len(known.runtimes) >= maxKnown {
		known.runtimes = map[awslambda.Runtime]string{}
	}
	known.runtimes[r] = name
}

// Units of durationIn.
const (
	unitSeconds = "seconds"
	unitDays    = "days"
)

// durationIn returns d in seconds or days (unitSeconds, unitDays), not
// rounded, and false when its amount is an unresolved token. It asks jsii
// at most once per Duration and unit, and with one call, not two
// (IsUnresolved, then the conversion): a token amount in the unit asked for
// comes back as the number CDK encodes tokens as (isTokenNumber), and one
// in another unit makes the conversion throw, after which IsUnresolved
// tells a token from any other failure.
func durationIn(d awscdk.Duration, unit string) (v float64, resolved bool) {
	key := durationKey{d, unit}
	cache := comparable(d)
	if cache {
		known.Lock()
		v, ok := known.durations[key]
		known.Unlock()
		if ok {
			return v, true
		}
	}
	v, resolved = convert(d, unit)
	if resolved && cache {
		rememberDuration(key, v)
	}
	return v, resolved
}

func convert(d awscdk.Duration, unit string) (v float64, resolved bool) {
	defer func() {
		if r := recover(); r != nil {
			if !*d.IsUnresolved() {
				panic(r)
			}
			v, resolved = 0, false
		}
	}()
	opts := &awscdk.TimeConversionOptions{Integral: jsii.Bool(false)}
	if unit == unitDays {
		v = *d.ToDays(opts)
	} else {
		v = *d.ToSeconds(opts)
	}
	return v, !isTokenNumber(v)
}

// isTokenNumber reports whether f is a number token of CDK: a double whose
// top 16 bits are 0xFBFF (aws-cdk-lib core/lib/private/encoding.ts,
// DOUBLE_TOKEN_MARKER_BITS), what Token.isUnresolved checks for numbers.
func isTokenNumber(f float64) bool {
	return math.Float64bits(f)>>48 == 0xFBFF
}

func rememberDuration(key durationKey, v float64) {
	known.Lock()
	defer known.Unlock()
	if known.durations == nil || len(known.durations) >= maxKnown {
		known.durations = map[durationKey]float64{}
	}
	known.durations[key] = v
}

// seconds returns awscdk.Duration_Seconds(n), remembering its value.
func seconds(n float64) awscdk.Duration {
	d := awscdk.Duration_Seconds(jsii.Number(n))
	rememberDuration(durationKey{d, unitSeconds}, n)
	rememberDuration(durationKey{d, unitDays}, n/secondsPerDay)
	return d
}

// days returns awscdk.Duration_Days(n), remembering its value.
func days(n float64) awscdk.Duration {
	d := awscdk.Duration_Days(jsii.Number(n))
	rememberDuration(durationKey{d, unitDays}, n)
	rememberDuration(durationKey{d, unitSeconds}, n*secondsPerDay)
	return d
}

const secondsPerDay = 86400

// newRuntime returns awslambda.NewRuntime, remembering its name.
func newRuntime(name string, family awslambda.RuntimeFamily, props *awslambda.LambdaRuntimeProps) awslambda.Runtime {
	r := awslambda.NewRuntime(jsii.String(name), family, props)
	rememberRuntime(r, name)
	return r
}

// shared are the objects that the durable functions of one scope share.
// None is a construct: each is only read by what uses it (a principal, an
// AWS managed policy whose ARN is resolved in each stack, a Duration).
type shared struct {
	mu               sync.Mutex
	lambdaPrincipal  awsiam.IPrincipal
	managedPolicies  map[string]awsiam.IManagedPolicy
	defaultRetention awscdk.Duration
}

// sharedIn returns the shared objects of scope.
func sharedIn(scope constructs.IConstruct) *shared {
	if !comparable(scope) {
		return &shared{}
	}
	known.Lock()
	defer known.Unlock()
	s, ok := known.scopes[scope]
	if !ok {
		if known.scopes == nil || len(known.scopes) >= maxKnown {
			known.scopes = map[constructs.IConstruct]*shared{}
		}
		s = &shared{}
		known.scopes[scope] = s
	}
	return s
}

// principal returns the Lambda service principal.
func (s *shared) principal() awsiam.IPrincipal {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.lambdaPrincipal == nil {
		s.lambdaPrincipal = awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil)
	}
	return s.lambdaPrincipal
}

// managedPolicy returns the AWS managed policy of a name.
func (s *shared) managedPolicy(name string) awsiam.IManagedPolicy {
	s.mu.Lock()
	defer s.mu.Unlock()
	if mp, ok := s.managedPolicies[name]; ok {
		return mp
	}
	if s.managedPolicies == nil {
		s.managedPolicies = map[string]awsiam.IManagedPolicy{}
	}
	mp := awsiam.ManagedPolicy_FromAwsManagedPolicyName(jsii.String(name))
	s.managedPolicies[name] = mp
	return mp
}

// retention returns the default RetentionPeriod.
func (s *shared) retention(defaultDays int) awscdk.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.defaultRetention == nil {
		s.defaultRetention = days(float64(defaultDays))
	}
	return s.defaultRetention
}
