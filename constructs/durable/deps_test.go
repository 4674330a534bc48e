package durable_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// goListDeps returns `go list -deps` of the packages, one import path each.
func goListDeps(t *testing.T, pkgs ...string) []string {
	t.Helper()
	out, err := exec.Command("go", append([]string{"list", "-deps"}, pkgs...)...).Output()
	if err != nil {
		t.Fatalf("go list -deps %s: %v", strings.Join(pkgs, " "), err)
	}
	return strings.Fields(string(out))
}

// What a user who imports the construct gets is part of its API (see
// docs/construct.md, "What importing costs"): aws-cdk-go, constructs, jsii,
// the project's model (with spec, facts, policies and diag, and what they
// import), nothing more. The linter and cdk-nag are in the sub-packages
// lintplugin and nag; cobra is the CLI's.
func TestDependencies(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	const self = "github.com/durablefn/durablefn/constructs/durable"
	got := goListDeps(t, self)
	allowed := goListDeps(t,
		"github.com/aws/aws-cdk-go/awscdk/v2",
		"github.com/aws/aws-cdk-go/awscdk/v2/awsiam",
		"github.com/aws/aws-cdk-go/awscdk/v2/awslambda",
		"github.com/aws/aws-cdk-go/awscdk/v2/awslogs",
		"github.com/aws/aws-cdk-go/awscdk/v2/awskms",
		"github.com/aws/aws-cdk-go/awscdk/v2/awsec2",
		"github.com/aws/aws-cdk-go/awscdk/v2/awssqs",
		"github.com/aws/aws-cdk-go/awscdk/v2/awssns",
		"github.com/aws/aws-cdk-go/awscdk/v2/awss3",
		"github.com/aws/aws-cdk-go/awscdk/v2/awsecr",
		"github.com/aws/aws-cdk-go/awscdk/v2/awslambdaeventsources",
		"github.com/aws/constructs-go/constructs/v10",
		"github.com/aws/jsii-runtime-go",
		"github.com/durablefn/durablefn/model",
		"github.com/durablefn/durablefn/facts",
	)
	for _, p := range got {
		if p == self {
			continue
		}
		for _, banned := range []string{"cdk-nag", "cobra", "goformation", "github.com/durablefn/durablefn/lint", "github.com/durablefn/durablefn/internal/render", "github.com/durablefn/durablefn/internal/cli"} {
			if strings.Contains(p, banned) {
				t.Errorf("go list -deps %s has %s", self, p)
			}
		}
		if !slices.Contains(allowed, p) && !strings.HasPrefix(p, "github.com/aws/aws-cdk-go/awscdk/v2/") {
			t.Errorf("go list -deps %s has %s, which neither aws-cdk-go, constructs, jsii nor the model need", self, p)
		}
	}
	t.Logf("%d packages", len(got))
}
