package samgen

import (
	"github.com/durablefn/durablefn/model"
	"github.com/durablefn/durablefn/spec"
)

// events writes the function's events in SAM's spelling, read from the
// resources the model made for them (so that each spec field is mapped
// once): SAM's translator makes those resources back from these events. A
// function URL is the function's FunctionUrlConfig. Events SAM has no form
// for (a route on an existing API) are written as resources instead
// (render.EventResources).
func events(p map[string]any, fn *model.Function) {
	out := map[string]any{}
	for _, e := range fn.Events {
		if !e.SAMNative {
			continue
		}
		main := e.Resources[0].Properties
		for _, g := range e.Resources {
			if g.ID == e.ID {
				main = g.Properties
			}
		}
		typ, props := "", map[string]any{}
		switch e.Spec.Kind {
		case spec.EventSQS, spec.EventDynamoDB, spec.EventKinesis:
			typ = map[spec.EventKind]string{spec.EventSQS: "SQS", spec.EventDynamoDB: "DynamoDB", spec.EventKinesis: "Kinesis"}[e.Spec.Kind]
			for k, v := range main {
				switch k {
				case "FunctionName":
				case "EventSourceArn":
					if e.Spec.Kind == spec.EventSQS {
						props["Queue"] = v
					} else {
						props["Stream"] = v
					}
				case "DestinationConfig":
					// The type tells SAM which permission the role needs.
					dest := v.(map[string]any)["OnFailure"].(map[string]any)["Destination"]
					props[k] = map[string]any{"OnFailure": map[string]any{"Destination": dest, "Type": e.OnFailureKind}}
				default:
					props[k] = v
				}
			}
		case spec.EventSchedule:
			typ = "Schedule"
			props["Schedule"] = main["ScheduleExpression"]
		case spec.EventRule:
			typ = "EventBridgeRule"
			props["Pattern"] = main["EventPattern"]
			copyKeys(props, main, "EventBusName")
			target := main["Targets"].([]any)[0].(map[string]any)
			copyKeys(props, target, "Input", "InputPath")
		case spec.EventScheduler:
			typ = "ScheduleV2"
			// SAM names the schedule after its logical ID unless told not to.
			props["OmitName"] = true
			copyKeys(props, main, "ScheduleExpression", "ScheduleExpressionTimezone")
			if w := main["FlexibleTimeWindow"].(map[string]any); w["Mode"] != "OFF" {
				props["FlexibleTimeWindow"] = w
			}
			copyKeys(props, main["Target"].(map[string]any), "Input")
		case spec.EventSNS:
			typ = "SNS"
			props["Topic"] = main["TopicArn"]
			copyKeys(props, main, "FilterPolicy")
		case spec.EventS3:
			typ = "S3"
			s := e.Spec.S3
			props["Bucket"] = model.Ref(s.Bucket)
			props["Events"] = model.StringList(s.Events)
			if e.S3Filter != nil {
				props["Filter"] = e.S3Filter
			}
		case spec.EventHTTP:
			typ = "HttpApi"
			h := e.Spec.HTTP
			props["Method"] = h.Method
			props["Path"] = h.Path
			if h.Auth == "iam" {
				props["Auth"] = map[string]any{"Authorizer": "AWS_IAM"}
			}
		case spec.EventFunctionURL:
			url := map[string]any{}
			copyKeys(url, main, "AuthType", "Cors")
			p["FunctionUrlConfig"] = url
			continue
		}
		out[e.Spec.Name] = map[string]any{"Type": typ, "Properties": props}
	}
	if len(out) > 0 {
		p["Events"] = out
	}
}

func copyKeys(dst, src map[string]any, keys ...string) {
	for _, k := range keys {
		if v, ok := src[k]; ok {
			dst[k] = v
		}
	}
}
