package spec

import "github.com/durablefn/durablefn/facts"

// Defaults and conventions of the spec, durablefn's own (the limits of
// AWS are in package facts).
const (
	// DefaultAlias is the alias every durable function gets.
	DefaultAlias = "live"
	// DefaultLogRetentionDays is the explicit log group's retention.
	DefaultLogRetentionDays = 30
	// DefaultLogFormat is the function's log format.
	DefaultLogFormat = "JSON"
	// MaxNameLength bounds a function's logical name, so that every derived
	// logical ID stays readable and under CloudFormation's limits.
	MaxNameLength = 48
)

// applyDefaults fills in every default of a decoded spec. Renderers never
// default anything themselves: what they read here is what they write.
func applyDefaults(f *File) {
	for _, fn := range f.Functions {
		if fn.Alias == "" && fn.IsDurable() {
			fn.Alias = DefaultAlias
		}
		if fn.IsDurable() && fn.Durable.RetentionDays == -1 {
			fn.Durable.RetentionDays = facts.DefaultRetentionDays
		}
		if fn.Logs.RetentionDays == 0 {
			fn.Logs.RetentionDays = DefaultLogRetentionDays
		}
		if fn.Logs.Format == "" {
			fn.Logs.Format = DefaultLogFormat
		}
	}
}
