package durable

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// imageURICode is a container image given by its URI, written as
// Code.ImageUri exactly as the spec has it. awslambda.Code_FromEcrImage would
// rebuild the URI from a repository (with ${AWS::URLSuffix}) and grant the
// Lambda service a pull on it, which an imported repository cannot take.
type imageURICode struct {
	awslambda.Code
	uri string
}

func newImageURICode(uri string) awslambda.Code {
	c := &imageURICode{uri: uri}
	awslambda.NewCode_Override(c)
	return c
}

// Bind is called by the function when it renders its code.
func (c *imageURICode) Bind(scope constructs.Construct) *awslambda.CodeConfig {
	return &awslambda.CodeConfig{Image: &awslambda.CodeImageConfig{ImageUri: jsii.String(c.uri)}}
}

// IsInline reports that the image is not inline code.
func (c *imageURICode) IsInline() *bool { return jsii.Bool(false) }
