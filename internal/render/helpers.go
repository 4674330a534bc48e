package render

import (
	"encoding/json"
	"strconv"

	"github.com/durablefn/durablefn/spec"
)

type specParameter = spec.Parameter

const (
	specEventSQS      = spec.EventSQS
	specEventSchedule = spec.EventSchedule
)

func num(n int) json.Number { return json.Number(strconv.Itoa(n)) }

// TagList writes tags as CloudFormation's list of Key and Value.
func TagList(kvs []spec.KeyValue) []any {
	out := make([]any, len(kvs))
	for i, kv := range kvs {
		out[i] = map[string]any{"Key": kv.Key, "Value": kv.Value.Data()}
	}
	return out
}
