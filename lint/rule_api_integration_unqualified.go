package lint

import (
	"gopkg.in/yaml.v3"

	"github.com/durablefn/durablefn/diag"
)

var ruleAPIIntegrationUnqualified = &Rule{
	ID:       "DL305",
	Name:     "api-integration-unqualified",
	Severity: diag.Error,
	Fixable:  true,
	Summary:  "an API Gateway integration invoking the unqualified durable function or $LATEST",
	Why:      "API Gateway invokes the function ARN in the integration URI as written, and Lambda refuses an unqualified durable function",
	Fix:      "put the alias ARN in the integration URI (…/functions/${<Fn>Alias…}/invocations) and the permission on the alias",
}

func init() { ruleAPIIntegrationUnqualified.check = checkAPIIntegrationUnqualified }

// openAPIBodies are the properties that hold an OpenAPI definition with
// x-amazon-apigateway-integration URIs.
var openAPIBodies = map[string]string{
	"AWS::ApiGateway::RestApi": "Body",
	"AWS::ApiGatewayV2::Api":   "Body",
	"AWS::Serverless::Api":     "DefinitionBody",
	"AWS::Serverless::HttpApi": "DefinitionBody",
}

func checkAPIIntegrationUnqualified(t *template) {
	for _, r := range t.order {
		switch r.typ {
		case "AWS::ApiGateway::Method":
			_, uri := get(val(r.props, "Integration"), "Uri")
			t.checkInvoker(ruleAPIIntegrationUnqualified, uri, r.propPath("Integration")+".Uri", "method "+r.id)
		case "AWS::ApiGatewayV2::Integration":
			_, uri := r.prop("IntegrationUri")
			t.checkInvoker(ruleAPIIntegrationUnqualified, uri, r.propPath("IntegrationUri"), "integration "+r.id)
		default:
			prop, ok := openAPIBodies[r.typ]
			if !ok {
				continue
			}
			_, body := r.prop(prop)
			walk(body, r.propPath(prop), func(n *yaml.Node, p string) bool {
				if k, integ := get(n, "x-amazon-apigateway-integration"); k != nil {
					_, uri := get(integ, "uri")
					t.checkInvoker(ruleAPIIntegrationUnqualified, uri, p+".x-amazon-apigateway-integration.uri",
						"an integration of API "+r.id)
				}
				return !isIntrinsic(n)
			})
		}
	}
}
