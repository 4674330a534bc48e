package facts_test

import (
	"testing"

	"github.com/durablefn/durablefn/facts"
)

// TestARNsOfEveryPartition: role and function ARNs parse in every
// partition, with role paths; other shapes are refused.
func TestARNsOfEveryPartition(t *testing.T) {
	// A real region of each partition: a function ARN carries it.
	regions := []struct{ partition, region string }{
		{"aws", "us-east-1"},
		{"aws", "ap-southeast-5"},
		{"aws-cn", "cn-north-1"},
		{"aws-us-gov", "us-gov-west-1"},
		{"aws-eusc", "eusc-de-east-1"},
		{"aws-iso", "us-iso-east-1"},
		{"aws-iso-b", "us-isob-east-1"},
		{"aws-iso-f", "us-isof-south-1"},
		{"aws-iso-e", "eu-isoe-west-1"},
	}
	for _, c := range regions {
		p := c.partition
		r, err := facts.ParseRoleARN("arn:" + p + ":iam::123456789012:role/platform/team/runner")
		if err != nil || r.Partition != p || r.Name != "runner" || r.Path != "/platform/team/" {
			t.Errorf("%s role: %+v %v", p, r, err)
		}
		arn := "arn:" + p + ":lambda:" + c.region + ":123456789012:function:orders"
		f, err := facts.ParseFunctionARN(arn + ":live")
		if err != nil || f.Partition != p || f.Region != c.region || f.Qualifier != "live" || f.Unqualified() != arn {
			t.Errorf("%s function in %s: %+v %v", p, c.region, f, err)
		}
	}
	for _, bad := range []string{"arn:aws:lambda:us-east:123456789012:function:orders", "arn:aws:lambda:u-east-1:123456789012:function:orders", "arn:aws:lambda:US-EAST-1:123456789012:function:orders"} {
		if _, err := facts.ParseFunctionARN(bad); err == nil {
			t.Errorf("%s parsed as a function ARN", bad)
		}
	}
	for _, bad := range []string{"arn:aws-moon:iam::123456789012:role/x", "arn:aws:iam::123456789012:user/x", "role/x"} {
		if _, err := facts.ParseRoleARN(bad); err == nil {
			t.Errorf("%s parsed as a role", bad)
		}
	}
}

// TestPolicyARNs: AWS and customer managed policy ARNs parse, with paths,
// in every partition; a blank or malformed name is refused.
func TestPolicyARNs(t *testing.T) {
	for _, c := range []struct{ arn, account, path, name string }{
		{"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "aws", "/", "AmazonS3ReadOnlyAccess"},
		{"arn:aws-eusc:iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy", "aws", "/service-role/", "AWSLambdaBasicDurableExecutionRolePolicy"},
		{"arn:aws-us-gov:iam::123456789012:policy/team/claims-read", "123456789012", "/team/", "claims-read"},
	} {
		p, err := facts.ParsePolicyARN(c.arn)
		if err != nil || p.Account != c.account || p.Path != c.path || p.Name != c.name {
			t.Errorf("%s: %+v %v", c.arn, p, err)
		}
	}
	for _, bad := range []string{
		"arn:aws:iam::aws:policy/   ", "arn:aws:iam::aws:policy/", "arn:aws:iam::aws:role/x", "arn:aws:iam::12345:policy/x",
		"arn:aws:iam:us-east-1:aws:policy/x", "arn:aws-moon:iam::aws:policy/x", "AmazonS3ReadOnlyAccess",
	} {
		if _, err := facts.ParsePolicyARN(bad); err == nil {
			t.Errorf("%q parsed as a policy ARN", bad)
		}
	}
}
