package facts_test

import (
	"testing"

	"github.com/durablefn/durablefn/facts"
)

// TestARNsOfEveryPartition: role and function ARNs parse in every
// partition, with role paths; other shapes are refused.
func TestARNsOfEveryPartition(t *testing.T) {
	for _, p := range []string{"aws", "aws-cn", "aws-us-gov", "aws-eusc", "aws-iso", "aws-iso-b", "aws-iso-f"} {
		r, err := facts.ParseRoleARN("arn:" + p + ":iam::123456789012:role/platform/team/runner")
		if err != nil || r.Partition != p || r.Name != "runner" || r.Path != "/platform/team/" {
			t.Errorf("%s role: %+v %v", p, r, err)
		}
		f, err := facts.ParseFunctionARN("arn:" + p + ":lambda:eu-west-1:123456789012:function:orders:live")
		if err != nil || f.Partition != p || f.Qualifier != "live" || f.Unqualified() != "arn:"+p+":lambda:eu-west-1:123456789012:function:orders" {
			t.Errorf("%s function: %+v %v", p, f, err)
		}
	}
	for _, bad := range []string{"arn:aws-moon:iam::123456789012:role/x", "arn:aws:iam::123456789012:user/x", "role/x"} {
		if _, err := facts.ParseRoleARN(bad); err == nil {
			t.Errorf("%s parsed as a role", bad)
		}
	}
}
