package spec

// applyDefaults fills in every default of a decoded spec. Renderers never
// default anything themselves: what they read here is what they write.
func applyDefaults(f *File) {
	for _, fn := range f.Functions {
		if fn.Alias == "" && fn.IsDurable() {
			fn.Alias = DefaultAlias
		}
		if fn.IsDurable() && fn.Durable.RetentionDays == -1 {
			fn.Durable.RetentionDays = DefaultRetentionDays
		}
		if fn.Logs.RetentionDays == 0 {
			fn.Logs.RetentionDays = DefaultLogRetentionDays
		}
		if fn.Logs.Format == "" {
			fn.Logs.Format = DefaultLogFormat
		}
	}
}
