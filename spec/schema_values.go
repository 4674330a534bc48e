package spec

import (
	"regexp"
	"sort"

	"github.com/durablefn/durablefn/facts"
)

// The schema of values that take an intrinsic function. The decoder takes
// one where CloudFormation can (see value.go): a literal, a long-form
// intrinsic ({Ref: X}, {"Fn::Sub": ...}), or a short-form one (!Ref X,
// !Sub ...). An editor does not know the short forms' tags: it sees their
// argument, a string (!Ref X is "X", !GetAtt A.B is "A.B") or a list
// (!Join [...], !If [...]). So every such value takes a string, the
// long-form object, or a list, and a literal's pattern only refuses a
// string that starts like such a literal and is not one.

// intrinsicNames are the long-form names of Intrinsics, sorted.
func intrinsicNames() []string {
	names := make([]string, 0, len(Intrinsics))
	for _, fn := range Intrinsics {
		names = append(names, fn)
	}
	sort.Strings(names)
	return names
}

// intrinsicSchema is a long-form intrinsic function: an object with exactly
// one key, the function's name, and the argument shapes the decoder checks.
func intrinsicSchema() object {
	name := object{"type": "string", "minLength": 1}
	pair := object{"type": "array", "minItems": 2, "maxItems": 2}
	arg := func(fn string, s object) object { return object{"properties": object{fn: s}} }
	return object{
		"type":          "object",
		"description":   "An intrinsic function in long form: exactly one key, Ref, Condition or Fn::…, as CloudFormation's JSON writes it (short forms such as !Ref X are taken too).",
		"minProperties": 1,
		"maxProperties": 1,
		"propertyNames": object{"enum": intrinsicNames()},
		"dependentSchemas": object{
			"Ref":       arg("Ref", described("Ref takes a name: a parameter, a resource, a function of the spec or a pseudo parameter.", name)),
			"Condition": arg("Condition", described("Condition takes the name of a condition of the spec.", name)),
			"Fn::GetAtt": arg("Fn::GetAtt", object{
				"description": "Fn::GetAtt takes Resource.Attribute or [Resource, Attribute].",
				"oneOf":       []object{{"type": "string", "pattern": `^[^.]+\..+$`}, {"type": "array", "minItems": 2, "maxItems": 2, "items": name}},
			}),
			"Fn::Sub": arg("Fn::Sub", object{
				"description": "Fn::Sub takes a string, or a string and a mapping of variables.",
				"oneOf":       []object{name, {"type": "array", "minItems": 2, "maxItems": 2, "prefixItems": []object{name, {"type": "object"}}}},
			}),
			"Fn::FindInMap": arg("Fn::FindInMap", object{"type": "array", "minItems": 3, "description": "Fn::FindInMap takes a mapping, a key and a name."}),
			"Fn::If":        arg("Fn::If", object{"type": "array", "minItems": 3, "maxItems": 3, "description": "Fn::If takes a condition and two values."}),
			"Fn::Join":      arg("Fn::Join", described("Fn::Join takes a delimiter and a list.", pair)),
			"Fn::Select":    arg("Fn::Select", described("Fn::Select takes an index and a list.", pair)),
			"Fn::Split":     arg("Fn::Split", described("Fn::Split takes a delimiter and a string.", pair)),
		},
	}
}

// valueIntrinsicSchema is a long-form intrinsic function where a field
// takes one string: neither one that returns a list (!GetAZs, !Cidr,
// !Split) nor a condition function.
func valueIntrinsicSchema() object {
	var refused []string
	for fn := range listFunctions {
		refused = append(refused, fn)
	}
	for fn := range conditionFunctions {
		refused = append(refused, fn)
	}
	sort.Strings(refused)
	return object{
		"description":   "An intrinsic function that returns one string: not !GetAZs, !Cidr or !Split (they return lists), nor a condition function (valid only in conditions).",
		"allOf":         []object{{"$ref": "#/$defs/intrinsic"}},
		"propertyNames": object{"not": object{"enum": refused}},
	}
}

// shortFormSchema is a short-form intrinsic with a list argument (!Join,
// !Select, !If, !FindInMap, !Sub [...]) as an editor sees it.
func shortFormSchema() object {
	return object{"type": "array", "description": "A short-form intrinsic function with a list argument (!Join, !Select, !If, !FindInMap, !Sub [...]), which an editor sees as a list."}
}

// valueOf is a field that takes a literal or an intrinsic function.
func valueOf(desc string, literal object) object {
	return object{"description": desc, "oneOf": []object{literal, {"$ref": "#/$defs/valueIntrinsic"}, {"$ref": "#/$defs/shortForm"}}}
}

// literalLike is the string of a field whose literal matches one of
// patterns: a string that starts with prefix (as every such literal does)
// must match; any other string, or one with a ${} placeholder, may be a
// short-form intrinsic's argument (!Ref Queue, !Sub 'arn:...${AWS::Region}...').
func literalLike(prefix string, patterns ...string) object {
	var alts []object
	for _, p := range patterns {
		alts = append(alts, object{"pattern": p})
	}
	alts = append(alts, object{"not": object{"pattern": "^" + regexp.QuoteMeta(prefix)}}, object{"pattern": `\$\{`})
	return object{"type": "string", "minLength": 1, "anyOf": alts}
}

// scalarValue is a value a literal may give as a string, a number or a
// boolean (taken as the text written), or an intrinsic function.
func scalarValue(desc string) object {
	return valueOf(desc, object{"type": []string{"string", "number", "boolean"}})
}

// valueMap is a mapping of names to values (environment, tags).
func valueMap(desc string, names object) object {
	return object{
		"type":                 "object",
		"description":          desc,
		"propertyNames":        names,
		"additionalProperties": scalarValue("A literal (numbers and booleans are taken as written) or an intrinsic function."),
	}
}

// logicalIDNames are the names of the template's own sections.
func logicalIDNames() object {
	return object{"pattern": facts.LogicalIDPattern.String(), "maxLength": facts.MaxLogicalIDLength}
}
