package durable

import (
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"
)

func TestDurationIn(t *testing.T) {
	app := awscdk.NewApp(nil)
	token := awscdk.NewCfnParameter(awscdk.NewStack(app, jsii.String("S"), nil), jsii.String("P"),
		&awscdk.CfnParameterProps{Type: jsii.String("Number")}).ValueAsNumber()
	tests := []struct {
		name     string
		d        awscdk.Duration
		unit     string
		want     float64
		resolved bool
	}{
		{"hours in seconds", awscdk.Duration_Hours(jsii.Number(1.5)), unitSeconds, 5400, true},
		{"hours in days", awscdk.Duration_Hours(jsii.Number(36)), unitDays, 1.5, true},
		{"millis in seconds", awscdk.Duration_Millis(jsii.Number(1500)), unitSeconds, 1.5, true},
		{"a token in seconds", awscdk.Duration_Seconds(token), unitSeconds, 0, false},
		{"a token in days", awscdk.Duration_Days(token), unitDays, 0, false},
		{"a token in minutes, in seconds (the conversion throws)", awscdk.Duration_Minutes(token), unitSeconds, 0, false},
		{"made here", days(14), unitSeconds, 14 * secondsPerDay, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i := 0; i < 2; i++ { // asked, then remembered
				got, resolved := durationIn(tt.d, tt.unit)
				if resolved != tt.resolved || (resolved && got != tt.want) {
					t.Errorf("call %d: got %v, %v; want %v, %v", i+1, got, resolved, tt.want, tt.resolved)
				}
			}
		})
	}
}

func TestRuntimeName(t *testing.T) {
	for _, r := range []awslambda.Runtime{awslambda.Runtime_NODEJS_24_X(), awslambda.Runtime_NODEJS_24_X(), newRuntime("java25", awslambda.RuntimeFamily_JAVA, nil)} {
		if got, want := runtimeName(r), *r.Name(); got != want {
			t.Errorf("runtimeName %q, Name %q", got, want)
		}
	}
}

func TestIsTokenNumber(t *testing.T) {
	if !isTokenNumber(*awscdk.Token_AsNumber(awscdk.Fn_Ref(jsii.String("P")))) {
		t.Error("a number token is not recognized")
	}
	for _, f := range []float64{0, 1, -1, 31622400, 1e300, -1e300} {
		if isTokenNumber(f) {
			t.Errorf("%v taken for a token", f)
		}
	}
}
