package templatecmp

import "sort"

// TagOrder sorts a resource's Tags list ([{Key, Value}, …]) by key.
//
// Sound because tags are a map from key to value: CloudFormation and the
// services neither keep nor use the order of the list (a key may appear only
// once). The SAM translator puts its own tag first; CDK sorts by key.
var TagOrder = Rule{name: "TagOrder", apply: func(root map[string]any) {
	for _, r := range resources(root) {
		rm, _ := r.(map[string]any)
		props, _ := rm["Properties"].(map[string]any)
		tags, ok := props["Tags"].([]any)
		if !ok {
			continue
		}
		sort.SliceStable(tags, func(i, j int) bool {
			ki, kj := tagKey(tags[i]), tagKey(tags[j])
			if ki != kj {
				return ki < kj
			}
			return canon(tags[i]) < canon(tags[j])
		})
	}
}}

func tagKey(t any) string {
	m, _ := t.(map[string]any)
	return canon(m["Key"])
}

// SAMCreatedByTag drops the tag lambda:createdBy=SAM (list or map form) from
// every resource, and a Tags property that is empty after that; and the
// tag httpapi:createdBy=SAM the translator gives the HTTP API it creates,
// in its stage's Tags and in its OpenAPI body's tags.
//
// Sound because the SAM translator adds this tag to the functions and roles it
// generates as its own bookkeeping (it marks where a resource came from), and
// nothing our outputs write reads it. Not nothing at all: it counts toward
// the 50-tag limit, and aws:ResourceTag/lambda:createdBy is a condition key
// a policy elsewhere could use. Any other tag is compared.
var SAMCreatedByTag = Rule{name: "SAMCreatedByTag", apply: func(root map[string]any) {
	for _, r := range resources(root) {
		rm, _ := r.(map[string]any)
		props, _ := rm["Properties"].(map[string]any)
		switch tags := props["Tags"].(type) {
		case []any:
			kept := tags[:0]
			for _, t := range tags {
				m, _ := t.(map[string]any)
				if len(m) == 2 && m["Key"] == "lambda:createdBy" && m["Value"] == "SAM" {
					continue
				}
				kept = append(kept, t)
			}
			if len(kept) == 0 {
				delete(props, "Tags")
			} else {
				props["Tags"] = kept
			}
		case map[string]any:
			for _, k := range []string{"lambda:createdBy", "httpapi:createdBy"} {
				if tags[k] == "SAM" {
					delete(tags, k)
				}
			}
			if len(tags) == 0 {
				delete(props, "Tags")
			}
		}
		if body, ok := props["Body"].(map[string]any); ok && rm["Type"] == "AWS::ApiGatewayV2::Api" {
			tags, _ := body["tags"].([]any)
			kept := []any{}
			for _, t := range tags {
				m, _ := t.(map[string]any)
				if len(m) == 2 && m["name"] == "httpapi:createdBy" && m["x-amazon-apigateway-tag-value"] == "SAM" {
					continue
				}
				kept = append(kept, t)
			}
			if len(kept) == 0 {
				delete(body, "tags")
			} else if len(kept) < len(tags) {
				body["tags"] = kept
			}
		}
	}
}}
