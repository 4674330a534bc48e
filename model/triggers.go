package model

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/policies"
	"github.com/durablefn/durablefn/spec"
)

// Event is an event source of a function: the resources it makes, all
// invoking the alias (the function when it has none).
type Event struct {
	Spec *spec.Event
	// ID is the logical ID of the event's main resource (the mapping, rule,
	// schedule or subscription; the permission of an S3 or HTTP event;
	// the URL of a functionUrl event).
	ID string
	// Target is the template data the event invokes: the alias, or the
	// function when it has none (its Ref, a name, as event source mappings
	// and permissions take it).
	Target any
	// TargetArn is the same as an ARN, as rule and schedule targets,
	// subscriptions and integrations need it: the alias (whose Ref is its
	// ARN), or the function's Arn attribute.
	TargetArn any
	// Resources are what the event makes in CloudFormation, in order.
	Resources []*Generated
	// SAMNative reports whether SAM writes the event in the function's
	// Events (or FunctionUrlConfig), from which the translator makes
	// Resources; otherwise the SAM output writes Resources as they are.
	SAMNative bool
	// S3Filter is the key filter of an S3 event's notifications, nil for
	// none.
	S3Filter map[string]any
	// OnFailureKind is DeadLetterQueue or DeadLetterTopic for a stream
	// event with an on-failure destination.
	OnFailureKind string
}

// Generated is a resource the model makes, in CloudFormation's form.
type Generated struct {
	ID         string
	Type       string
	Properties map[string]any
	DependsOn  []string
}

// Body is the resource as template data.
func (g *Generated) Body() map[string]any {
	m := map[string]any{"Type": g.Type, "Properties": g.Properties}
	if len(g.DependsOn) == 1 {
		m["DependsOn"] = g.DependsOn[0]
	} else if len(g.DependsOn) > 1 {
		m["DependsOn"] = StringList(g.DependsOn)
	}
	return m
}

// HTTPAPI is the stack's own HTTP API (SAM's implicit ServerlessHttpApi):
// one OpenAPI body with every route of the spec's http events that name
// no existing API.
type HTTPAPI struct {
	ID, StageID string
	// Routes in the order of the functions and their events.
	Routes []*Event
	// IAM reports whether a route uses IAM authorization.
	IAM bool
	// URLOutputID is the output of the API's URL.
	URLOutputID string
}

// Resources are the API and its stage as CloudFormation writes them.
func (h *HTTPAPI) Resources() []*Generated {
	paths := map[string]any{}
	for _, e := range h.Routes {
		ev := e.Spec.HTTP
		item, _ := paths[ev.Path].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[ev.Path] = item
		}
		op := map[string]any{
			"x-amazon-apigateway-integration": map[string]any{
				"httpMethod":           "POST",
				"type":                 "aws_proxy",
				"uri":                  Sub(fmt.Sprintf(facts.HTTPAPIIntegrationURI, subPlaceholder(e.TargetArn))),
				"payloadFormatVersion": facts.HTTPAPIPayloadFormat,
			},
			"responses": map[string]any{},
		}
		if ev.Auth == "iam" {
			op["security"] = []any{map[string]any{"AWS_IAM": []any{}}}
		}
		var params []any
		for _, m := range pathParamRE.FindAllStringSubmatch(ev.Path, -1) {
			params = append(params, map[string]any{"required": true, "name": m[1], "in": "path"})
		}
		if params != nil {
			op["parameters"] = params
		}
		item[openAPIMethod(ev.Method)] = op
	}
	body := map[string]any{
		"openapi": "3.0.1",
		"info":    map[string]any{"version": "1.0", "title": Ref("AWS::StackName")},
		"paths":   paths,
	}
	if h.IAM {
		body["components"] = map[string]any{"securitySchemes": map[string]any{"AWS_IAM": map[string]any{
			"type": "apiKey", "name": "Authorization", "in": "header", "x-amazon-apigateway-authtype": "awsSigv4",
		}}}
	}
	return []*Generated{
		{ID: h.ID, Type: "AWS::ApiGatewayV2::Api", Properties: map[string]any{"Body": body}},
		{ID: h.StageID, Type: "AWS::ApiGatewayV2::Stage", Properties: map[string]any{
			"ApiId": Ref(h.ID), "StageName": "$default", "AutoDeploy": true}},
	}
}

var pathParamRE = regexp.MustCompile(`\{([A-Za-z0-9_]+\+?)\}`)

// openAPIMethod is a method as an OpenAPI path item's key.
func openAPIMethod(m string) string {
	if m == "ANY" {
		return "x-amazon-apigateway-any-method"
	}
	return strings.ToLower(m)
}

// subPlaceholder writes a Ref or GetAtt as a Fn::Sub placeholder.
func subPlaceholder(v any) string {
	m, _ := v.(map[string]any)
	if r, ok := m["Ref"].(string); ok {
		return "${" + r + "}"
	}
	ga, _ := m["Fn::GetAtt"].([]any)
	return fmt.Sprintf("${%v.%v}", ga[0], ga[1])
}

// BucketNotification is what S3 events add to a bucket of the spec's
// resources in CloudFormation: notification configurations and a
// dependency on each permission (S3 checks it when the notification is
// configured).
type BucketNotification struct {
	LambdaConfigurations []any
	DependsOn            []string
}

// ResourceBody is a resource of the spec as CloudFormation writes it: as
// the spec wrote it, with the notifications of S3 events on a bucket added
// (SAM adds them itself).
func (a *App) ResourceBody(r *spec.Resource) map[string]any {
	n := a.Notifications[r.Name]
	if n == nil {
		return r.Body
	}
	body := make(map[string]any, len(r.Body)+1)
	for k, v := range r.Body {
		body[k] = v
	}
	props := map[string]any{}
	if p, ok := r.Body["Properties"].(map[string]any); ok {
		for k, v := range p {
			props[k] = v
		}
	}
	nc := map[string]any{}
	if m, ok := props["NotificationConfiguration"].(map[string]any); ok {
		for k, v := range m {
			nc[k] = v
		}
	}
	existing, _ := nc["LambdaConfigurations"].([]any)
	nc["LambdaConfigurations"] = append(append([]any{}, existing...), n.LambdaConfigurations...)
	props["NotificationConfiguration"] = nc
	body["Properties"] = props
	var deps []any
	switch d := r.Body["DependsOn"].(type) {
	case string:
		deps = append(deps, d)
	case []any:
		deps = append(deps, d...)
	}
	body["DependsOn"] = append(deps, StringList(n.DependsOn)...)
	return body
}

// events maps each event of the function to the resources it makes, named
// as SAM names them (<Fn><Event>, <Fn><Event>Permission …).
func (b *builder) events(fn *Function) {
	for i := range fn.Spec.Events {
		ev := &fn.Spec.Events[i]
		ep := "functions." + fn.ID + ".events." + ev.Name
		e := &Event{Spec: ev, Target: invokeTarget(fn), TargetArn: invokeTargetArn(fn), SAMNative: true}
		take := func(suffix, what string) string {
			return b.a.take(nsResource, fn.ID+ev.Name+suffix, fmt.Sprintf("%s of event %s of function %s", what, ev.Name, fn.ID), ep)
		}
		add := func(id, typ string, props map[string]any, deps ...string) *Generated {
			g := &Generated{ID: id, Type: typ, Properties: props, DependsOn: deps}
			e.Resources = append(e.Resources, g)
			return g
		}
		permission := func(id, principal string, source map[string]any) {
			props := map[string]any{"Action": facts.ActionInvoke, "FunctionName": e.Target, "Principal": principal}
			for k, v := range source {
				props[k] = v
			}
			add(id, "AWS::Lambda::Permission", props)
		}
		switch ev.Kind {
		case spec.EventSQS, spec.EventDynamoDB, spec.EventKinesis:
			e.ID = take("", "the event source mapping")
			add(e.ID, "AWS::Lambda::EventSourceMapping", b.mapping(fn, e, ep))
			if fn.Role == nil {
				// A stack attaches no managed policy to a role it does not own.
				b.warnf(spec.CodeRoleUnknown, ep, "attach "+mappingPolicy[ev.Kind]+" (or its statements, on this source) to "+fn.ID+"'s role where the role is defined",
					"the mapping reads the source with the function's existing role, which this stack gives no permission to read it: Lambda refuses the mapping without it")
			}
		case spec.EventSchedule:
			e.ID = take("", "the rule")
			add(e.ID, "AWS::Events::Rule", map[string]any{
				"ScheduleExpression": ev.Schedule,
				"Targets":            []any{map[string]any{"Arn": e.TargetArn, "Id": targetID(e.ID)}},
			})
			permission(take("Permission", "the permission"), facts.PrincipalEvents, map[string]any{"SourceArn": GetAtt(e.ID, "Arn")})
		case spec.EventRule:
			r := ev.Rule
			e.ID = take("", "the rule")
			target := map[string]any{"Arn": e.TargetArn, "Id": targetID(e.ID)}
			if !r.Input.IsZero() {
				target["Input"] = data(r.Input)
			}
			setString(target, "InputPath", r.InputPath)
			props := map[string]any{"EventPattern": r.Pattern, "Targets": []any{target}}
			if !r.Bus.IsZero() {
				props["EventBusName"] = data(r.Bus)
			}
			add(e.ID, "AWS::Events::Rule", props)
			permission(take("Permission", "the permission"), facts.PrincipalEvents, map[string]any{"SourceArn": GetAtt(e.ID, "Arn")})
		case spec.EventScheduler:
			s := ev.Scheduler
			// No Name: CloudFormation names the schedule per stack, so that
			// one spec deploys as several stacks in one account (SAM:
			// OmitName).
			e.ID = take("", "the schedule")
			roleID := take("Role", "the role")
			target := map[string]any{"Arn": e.TargetArn, "RoleArn": GetAtt(roleID, "Arn")}
			if !s.Input.IsZero() {
				target["Input"] = data(s.Input)
			}
			window := map[string]any{"Mode": "OFF"}
			if s.FlexibleWindow > 0 {
				window = map[string]any{"Mode": "FLEXIBLE", "MaximumWindowInMinutes": Number(s.FlexibleWindow)}
			}
			props := map[string]any{"ScheduleExpression": s.Expression, "FlexibleTimeWindow": window, "Target": target}
			setString(props, "ScheduleExpressionTimezone", s.Timezone)
			add(e.ID, "AWS::Scheduler::Schedule", props)
			add(roleID, "AWS::IAM::Role", map[string]any{
				"AssumeRolePolicyDocument": policies.TrustPolicy(facts.PrincipalScheduler),
				"Policies": []any{map[string]any{"PolicyName": e.ID + "LambdaPolicy", "PolicyDocument": map[string]any{
					"Statement": []any{map[string]any{"Action": facts.ActionInvoke, "Effect": "Allow", "Resource": e.TargetArn}},
				}}},
			})
		case spec.EventSNS:
			s := ev.SNS
			e.ID = take("", "the subscription")
			props := map[string]any{"Endpoint": e.TargetArn, "Protocol": "lambda", "TopicArn": data(s.Topic)}
			if s.FilterPolicy != nil {
				props["FilterPolicy"] = s.FilterPolicy
			}
			permission(take("Permission", "the permission"), facts.PrincipalSNS, map[string]any{"SourceArn": data(s.Topic)})
			add(e.ID, "AWS::SNS::Subscription", props)
		case spec.EventS3:
			s := ev.S3
			e.ID = take("Permission", "the permission")
			permission(e.ID, facts.PrincipalS3, map[string]any{"SourceAccount": Ref("AWS::AccountId")})
			n := b.app.Notifications[s.Bucket]
			if n == nil {
				n = &BucketNotification{}
				if b.app.Notifications == nil {
					b.app.Notifications = map[string]*BucketNotification{}
				}
				b.app.Notifications[s.Bucket] = n
			}
			b.bucketNotifiable(s.Bucket, ep+".s3.bucket")
			var rules []any
			if s.Prefix != "" {
				rules = append(rules, map[string]any{"Name": "prefix", "Value": s.Prefix})
			}
			if s.Suffix != "" {
				rules = append(rules, map[string]any{"Name": "suffix", "Value": s.Suffix})
			}
			if rules != nil {
				e.S3Filter = map[string]any{"S3Key": map[string]any{"Rules": rules}}
			}
			for _, t := range s.Events {
				c := map[string]any{"Event": t, "Function": e.TargetArn}
				if e.S3Filter != nil {
					c["Filter"] = e.S3Filter
				}
				n.LambdaConfigurations = append(n.LambdaConfigurations, c)
			}
			n.DependsOn = append(n.DependsOn, e.ID)
		case spec.EventHTTP:
			b.http(fn, e, take, permission, add)
		case spec.EventFunctionURL:
			u := ev.URL
			e.ID = b.a.take(nsResource, fn.ID+"Url", describe("function URL", fn.ID), ep)
			auth := u.AuthType
			if auth == "" {
				auth = DefaultFunctionURLAuth
			}
			props := map[string]any{"TargetFunctionArn": e.TargetArn, "AuthType": auth}
			if c := u.CORS; c != nil {
				cors := map[string]any{}
				for k, v := range map[string][]string{"AllowOrigins": c.AllowOrigins, "AllowMethods": c.AllowMethods, "AllowHeaders": c.AllowHeaders, "ExposeHeaders": c.ExposeHeaders} {
					if v != nil {
						cors[k] = StringList(v)
					}
				}
				if c.AllowCredentials != nil {
					cors["AllowCredentials"] = *c.AllowCredentials
				}
				if c.MaxAge != nil {
					cors["MaxAge"] = Number(*c.MaxAge)
				}
				props["Cors"] = cors
			}
			add(e.ID, "AWS::Lambda::Url", props)
			if auth == "NONE" {
				add(b.a.take(nsResource, fn.ID+"UrlPublicPermissions", describe("public URL permission", fn.ID), ep), "AWS::Lambda::Permission", map[string]any{
					"Action": facts.ActionInvokeFunctionURL, "FunctionName": e.Target, "Principal": "*", "FunctionUrlAuthType": "NONE"})
				add(b.a.take(nsResource, fn.ID+"URLInvokeAllowPublicAccess", describe("public invoke permission", fn.ID), ep), "AWS::Lambda::Permission", map[string]any{
					"Action": facts.ActionInvoke, "FunctionName": e.Target, "Principal": "*", "InvokedViaFunctionUrl": true})
			}
			out := b.a.take(nsOutput, fn.ID+"FunctionUrl", describe("function URL output", fn.ID), ep)
			b.app.Outputs = append(b.app.Outputs, &Output{ID: out, Value: GetAtt(e.ID, "FunctionUrl"),
				Description: fmt.Sprintf("%s function URL (on the alias %s)", fn.ID, fn.Alias)})
		}
		fn.Events = append(fn.Events, e)
	}
}

// mappingPolicy is the AWS managed policy each kind of event source
// mapping needs on the function's role.
var mappingPolicy = map[spec.EventKind]string{
	spec.EventSQS:      facts.SQSManagedPolicyName,
	spec.EventDynamoDB: facts.DynamoDBManagedPolicyName,
	spec.EventKinesis:  facts.KinesisManagedPolicyName,
}

// DefaultFunctionURLAuth is a function URL's auth type when the spec
// gives none: callers sign their requests.
const DefaultFunctionURLAuth = "AWS_IAM"

// mapping is the event source mapping of an SQS or stream event.
func (b *builder) mapping(fn *Function, e *Event, ep string) map[string]any {
	ev := e.Spec
	props := map[string]any{"FunctionName": e.Target}
	if ev.Kind == spec.EventSQS {
		props["EventSourceArn"] = data(ev.QueueArn)
		if ev.BatchSize > 0 {
			props["BatchSize"] = Number(ev.BatchSize)
		}
		if q := ev.Queue; q != nil {
			if q.MaximumBatchingWindow != nil {
				props["MaximumBatchingWindowInSeconds"] = Number(*q.MaximumBatchingWindow)
			}
			if q.MaximumConcurrency > 0 {
				props["ScalingConfig"] = map[string]any{"MaximumConcurrency": Number(q.MaximumConcurrency)}
			}
			if q.ReportBatchItemFailures {
				props["FunctionResponseTypes"] = []any{facts.ReportBatchItemFailures}
			}
			if len(q.FilterPatterns) > 0 {
				var filters []any
				for _, p := range q.FilterPatterns {
					filters = append(filters, map[string]any{"Pattern": p})
				}
				props["FilterCriteria"] = map[string]any{"Filters": filters}
			}
		}
		return props
	}
	s := ev.Stream
	props["EventSourceArn"] = data(s.StreamArn)
	props["StartingPosition"] = s.StartingPosition
	if s.StartingTimestamp != "" {
		props["StartingPositionTimestamp"] = json.Number(strconv.FormatInt(s.StartingUnix, 10))
	}
	if s.BatchSize > 0 {
		props["BatchSize"] = Number(s.BatchSize)
	}
	if s.BisectOnError {
		props["BisectBatchOnFunctionError"] = true
	}
	if s.ReportBatchItemFailures {
		props["FunctionResponseTypes"] = []any{facts.ReportBatchItemFailures}
	}
	if s.MaximumRetryAttempts != nil {
		props["MaximumRetryAttempts"] = Number(*s.MaximumRetryAttempts)
	}
	if !s.OnFailure.IsZero() {
		props["DestinationConfig"] = map[string]any{"OnFailure": map[string]any{"Destination": data(s.OnFailure)}}
		b.onFailure(fn, e, ep+"."+ev.Kind.Key())
	}
	return props
}

// onFailure gives the function's role what delivering to a stream event's
// on-failure destination needs, as SAM names it (<Fn><Event>SQSPolicy or
// SNSPolicy).
func (b *builder) onFailure(fn *Function, e *Event, ep string) {
	s := e.Spec.Stream
	e.OnFailureKind = b.destinationKind(s.OnFailureKind, s.OnFailure, ep+".onFailure")
	if e.OnFailureKind == "" {
		return
	}
	topic := e.OnFailureKind == DeadLetterTopic
	suffix := "SQSPolicy"
	if topic {
		suffix = "SNSPolicy"
	}
	stmt := map[string]any{"Action": policies.DeadLetterAction(topic), "Effect": "Allow", "Resource": data(s.OnFailure)}
	switch {
	case fn.Role != nil:
		fn.Role.Policies = append(fn.Role.Policies, InlinePolicy{Name: fn.ID + e.Spec.Name + suffix, Document: map[string]any{"Statement": []any{stmt}}})
	case fn.RoleRef != nil:
		what := fmt.Sprintf("the on-failure policy of event %s of function %s", e.Spec.Name, fn.ID)
		id := b.a.take(nsResource, fn.ID+e.Spec.Name+suffix, what, ep+".onFailure")
		b.app.Policies = append(b.app.Policies, &Policy{ID: id, PolicyName: b.policyName(fn.RoleRef, id, what, ep+".onFailure"),
			Document: map[string]any{"Version": facts.PolicyLanguageVersion, "Statement": []any{stmt}}, Roles: []any{fn.RoleRef}, Function: fn})
	default:
		b.warnf(spec.CodeRoleUnknown, ep+".onFailure", "allow "+policies.DeadLetterAction(topic)+" on the destination in the role yourself",
			"the role's name is not known, so durablefn cannot allow it to deliver to the on-failure destination")
	}
}

// bucketNotifiable refuses a bucket whose notifications durablefn cannot
// add to: NotificationConfiguration or its LambdaConfigurations given by
// an intrinsic function.
func (b *builder) bucketNotifiable(name, path string) {
	r := b.f.Resource(name)
	if r == nil {
		return
	}
	props, _ := r.Body["Properties"].(map[string]any)
	nc, present := props["NotificationConfiguration"]
	if !present {
		return
	}
	m, ok := nc.(map[string]any)
	_, isList := m["LambdaConfigurations"].([]any)
	if ok && !spec.IsIntrinsic(m) && (m["LambdaConfigurations"] == nil || isList) {
		return
	}
	b.errorf(spec.CodeValue, path, "write the bucket's NotificationConfiguration.LambdaConfigurations as a list, or configure this notification there yourself",
		"%s's notification configuration is an intrinsic function, which durablefn cannot add this event's notification to", name)
}

// http makes an http event: a route of the stack's own HTTP API, or an
// integration and a route on an existing one.
func (b *builder) http(fn *Function, e *Event, take func(suffix, what string) string,
	permission func(id, principal string, source map[string]any), add func(id, typ string, props map[string]any, deps ...string) *Generated) {
	h := e.Spec.HTTP
	method := "*"
	if h.Method != "ANY" {
		method = h.Method
	}
	path := pathParamRE.ReplaceAllString(h.Path, "*")
	ep := "functions." + fn.ID + ".events." + e.Spec.Name
	if h.APIID.IsZero() {
		api := b.httpAPI(ep)
		api.Routes = append(api.Routes, e)
		api.IAM = api.IAM || h.Auth == "iam"
		e.ID = take("Permission", "the permission")
		permission(e.ID, facts.PrincipalAPIGateway, map[string]any{"SourceArn": map[string]any{"Fn::Sub": []any{
			"arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/${__Stage__}/" + method + path,
			map[string]any{"__ApiId__": Ref(api.ID), "__Stage__": "*"},
		}}})
		return
	}
	// An existing API: SAM's HttpApi event cannot name one, so every
	// output writes these resources as they are.
	e.SAMNative = false
	e.ID = take("Route", "the route")
	integration := take("Integration", "the integration")
	auth := "NONE"
	if h.Auth == "iam" {
		auth = "AWS_IAM"
	}
	routeKey := h.Method + " " + h.Path
	add(integration, "AWS::ApiGatewayV2::Integration", map[string]any{
		"ApiId": data(h.APIID), "IntegrationType": "AWS_PROXY", "IntegrationUri": e.TargetArn, "PayloadFormatVersion": facts.HTTPAPIPayloadFormat})
	add(e.ID, "AWS::ApiGatewayV2::Route", map[string]any{
		"ApiId": data(h.APIID), "RouteKey": routeKey, "AuthorizationType": auth, "Target": Sub("integrations/${" + integration + "}")})
	permission(take("Permission", "the permission"), facts.PrincipalAPIGateway, map[string]any{"SourceArn": map[string]any{"Fn::Sub": []any{
		"arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${ApiId}/*/" + method + path,
		map[string]any{"ApiId": data(h.APIID)},
	}}})
}

// httpAPI is the stack's own HTTP API, made at its first route.
func (b *builder) httpAPI(path string) *HTTPAPI {
	if b.app.HTTPAPI == nil {
		api := &HTTPAPI{}
		api.ID = b.a.take(nsResource, HTTPAPIID, "the HTTP API of the http events", path)
		api.StageID = b.a.take(nsResource, HTTPAPIID+"ApiGatewayDefaultStage", "the stage of the HTTP API of the http events", path)
		api.URLOutputID = b.a.take(nsOutput, "HttpApiUrl", "the URL output of the HTTP API", path)
		b.app.HTTPAPI = api
		b.referableID(api.ID)
		b.app.Outputs = append(b.app.Outputs, &Output{ID: api.URLOutputID,
			Value:       Sub("https://${" + api.ID + "}.execute-api.${AWS::Region}.${AWS::URLSuffix}/"),
			Description: "The URL of the HTTP API of the http events"})
	}
	return b.app.HTTPAPI
}

// HTTPAPIID is the logical ID of the stack's own HTTP API.
const HTTPAPIID = facts.ImplicitHTTPAPIID

// s3Config is one notification configuration of a bucket, as far as S3
// compares them: its event type and key filter.
type s3Config struct {
	event, prefix, suffix string
	what, path            string
}

// overlaps reports whether S3 would find two configurations ambiguous:
// event types that cover a common event, and key filters a key can match
// both of.
func (c s3Config) overlaps(o s3Config) bool {
	prefixes := strings.HasPrefix(c.prefix, o.prefix) || strings.HasPrefix(o.prefix, c.prefix)
	suffixes := strings.HasSuffix(c.suffix, o.suffix) || strings.HasSuffix(o.suffix, c.suffix)
	return facts.S3EventTypesOverlap(c.event, o.event) && prefixes && suffixes
}

// checkNotifications refuses S3 events whose notifications overlap each
// other or a notification the bucket has of its own: S3 refuses the whole
// configuration ("Configuration is ambiguously defined").
func (b *builder) checkNotifications() {
	mine := map[string][]s3Config{}
	for _, fn := range b.app.Functions {
		for _, e := range fn.Events {
			if s := e.Spec.S3; s != nil {
				for i, t := range s.Events {
					path := fmt.Sprintf("functions.%s.events.%s.s3.events[%d]", fn.ID, e.Spec.Name, i)
					mine[s.Bucket] = append(mine[s.Bucket], s3Config{event: t, prefix: s.Prefix, suffix: s.Suffix,
						what: fmt.Sprintf("%s of event %s of function %s", t, e.Spec.Name, fn.ID), path: path})
				}
			}
		}
	}
	for _, r := range b.f.Resources {
		configs := mine[r.Name]
		if len(configs) == 0 {
			continue
		}
		props, _ := r.Body["Properties"].(map[string]any)
		nc, _ := props["NotificationConfiguration"].(map[string]any)
		var own []s3Config
		for _, list := range []string{"LambdaConfigurations", "QueueConfigurations", "TopicConfigurations"} {
			items, _ := nc[list].([]any)
			for i, item := range items {
				if c, ok := literalS3Config(item); ok {
					c.what = fmt.Sprintf("%s of %s's %s[%d]", c.event, r.Name, list, i)
					own = append(own, c)
				}
			}
		}
		for i, c := range configs {
			for _, o := range append(own, configs[:i]...) {
				if c.overlaps(o) {
					b.errorf(spec.CodeCollision, c.path, "give the two different event types or key filters (prefix, suffix) that no key matches both of",
						"%s overlaps %s on bucket %s: S3 refuses notifications a key could match twice", c.what, o.what, r.Name)
					break
				}
			}
		}
	}
}

// literalS3Config reads a notification configuration of a bucket written
// as literals; false for one with an intrinsic where it matters.
func literalS3Config(v any) (s3Config, bool) {
	m, _ := v.(map[string]any)
	event, ok := m["Event"].(string)
	if !ok {
		return s3Config{}, false
	}
	c := s3Config{event: event}
	f, _ := m["Filter"].(map[string]any)
	key, _ := f["S3Key"].(map[string]any)
	rules, _ := key["Rules"].([]any)
	for _, r := range rules {
		rm, _ := r.(map[string]any)
		name, _ := rm["Name"].(string)
		value, isText := rm["Value"].(string)
		if !isText {
			return s3Config{}, false
		}
		switch strings.ToLower(name) {
		case "prefix":
			c.prefix = value
		case "suffix":
			c.suffix = value
		}
	}
	return c, true
}

// checkRoutes refuses two http events on one route of the same API.
func (b *builder) checkRoutes() {
	seen := map[string]string{}
	for _, fn := range b.app.Functions {
		for _, e := range fn.Events {
			h := e.Spec.HTTP
			if h == nil {
				continue
			}
			api := HTTPAPIID
			if !h.APIID.IsZero() {
				j, _ := json.Marshal(data(h.APIID))
				api = string(j)
			}
			key := api + " " + h.Method + " " + pathParamRE.ReplaceAllString(h.Path, "{}")
			path := "functions." + fn.ID + ".events." + e.Spec.Name + ".http"
			if first, dup := seen[key]; dup {
				b.errorf(spec.CodeCollision, path, "give each route its own method or path",
					"the route %s %s is also the route of %s: an HTTP API has one integration per route", h.Method, h.Path, first)
				continue
			}
			seen[key] = strings.TrimSuffix(path, ".http")
		}
	}
}

// targetID names a rule's target as SAM does: <ID>LambdaTarget, the ID cut
// so that the whole stays within EventBridge's 64 characters.
func targetID(id string) string {
	const suffix = "LambdaTarget"
	if len(id)+len(suffix) > facts.MaxEventTargetIDLength {
		id = id[:facts.MaxEventTargetIDLength-len(suffix)]
	}
	return id + suffix
}
