package templatecmp

import (
	"regexp"
	"strings"
)

// StringForms rewrites every intrinsic that builds a string into one form:
//
//   - Fn::Join whose parts are literals, Ref, Fn::GetAtt or variable-free
//     Fn::Sub becomes one Fn::Sub string (["arn:", {Ref: AWS::Partition},
//     ":iam::…"] → "arn:${AWS::Partition}:iam::…");
//   - Fn::Sub with no variable becomes the plain string (escapes "${!" undone);
//     Fn::Sub with an empty variable map loses the map;
//   - Fn::Sub that is exactly "${X}" becomes {Ref: X}, and "${X.Attr}" becomes
//     {Fn::GetAtt: [X, Attr]};
//   - Fn::GetAtt "X.Attr" (string form) becomes [X, Attr].
//
// Sound because CloudFormation resolves each pair to the same string: Sub
// substitutes ${X} with Ref X and ${X.A} with GetAtt X.A, and Join concatenates
// its parts with the delimiter. CDK writes Join where hand-written templates and
// SAM write Sub. Joins over lists that are not literal (Fn::Split, Fn::GetAZs,
// a list parameter) are left alone.
var StringForms = Rule{name: "StringForms", apply: func(root map[string]any) {
	for k, v := range root {
		root[k] = stringForms(v)
	}
}}

func stringForms(v any) any {
	switch x := v.(type) {
	case []any:
		for i, e := range x {
			x[i] = stringForms(e)
		}
		return x
	case map[string]any:
		for k, e := range x {
			x[k] = stringForms(e)
		}
		if len(x) != 1 {
			return x
		}
		if g, ok := x["Fn::GetAtt"].(string); ok {
			if id, attr, ok := strings.Cut(g, "."); ok {
				x["Fn::GetAtt"] = []any{id, attr}
			}
			return x
		}
		if j, ok := x["Fn::Join"].([]any); ok {
			if parts, ok := joinParts(j); ok {
				return simplifySub(parts)
			}
			return x
		}
		switch s := x["Fn::Sub"].(type) {
		case string:
			return simplifySub(parseSub(s))
		case []any:
			if len(s) == 1 {
				if tmpl, ok := s[0].(string); ok {
					return simplifySub(parseSub(tmpl))
				}
			}
			if len(s) == 2 {
				if vars, ok := s[1].(map[string]any); ok && len(vars) == 0 {
					if tmpl, ok := s[0].(string); ok {
						return simplifySub(parseSub(tmpl))
					}
				}
			}
		}
		return x
	}
	return v
}

// joinParts turns the arguments of a Fn::Join into Sub parts, when every part
// is a literal, a Ref, a GetAtt or a variable-free-map Sub.
func joinParts(j []any) ([]subPart, bool) {
	if len(j) != 2 {
		return nil, false
	}
	delim, ok := j[0].(string)
	if !ok {
		return nil, false
	}
	list, ok := j[1].([]any)
	if !ok {
		return nil, false
	}
	var out []subPart
	for i, p := range list {
		if i > 0 && delim != "" {
			out = append(out, subPart{lit: delim})
		}
		sp, ok := asSubParts(p)
		if !ok {
			return nil, false
		}
		out = append(out, sp...)
	}
	return out, true
}

func asSubParts(v any) ([]subPart, bool) {
	switch x := v.(type) {
	case string:
		return []subPart{{lit: x}}, true
	case map[string]any:
		if len(x) != 1 {
			return nil, false
		}
		if ref, ok := x["Ref"].(string); ok {
			return []subPart{{name: ref, isVar: true}}, true
		}
		if g, ok := x["Fn::GetAtt"].([]any); ok && len(g) == 2 {
			id, ok1 := g[0].(string)
			attr, ok2 := g[1].(string)
			if ok1 && ok2 {
				return []subPart{{name: id + "." + attr, isVar: true}}, true
			}
		}
		if s, ok := x["Fn::Sub"].(string); ok {
			return parseSub(s), true
		}
	}
	return nil, false
}

// simplifySub returns the simplest intrinsic for a Sub template: a plain
// string, a Ref, a GetAtt, or a Fn::Sub string.
func simplifySub(parts []subPart) any {
	var merged []subPart
	for _, p := range parts {
		if !p.isVar && p.lit == "" {
			continue
		}
		if !p.isVar && len(merged) > 0 && !merged[len(merged)-1].isVar {
			merged[len(merged)-1].lit += p.lit
			continue
		}
		merged = append(merged, p)
	}
	hasVar := false
	for _, p := range merged {
		hasVar = hasVar || p.isVar
	}
	switch {
	case !hasVar:
		if len(merged) == 0 {
			return ""
		}
		return merged[0].lit
	case len(merged) == 1:
		if id, attr, ok := strings.Cut(merged[0].name, "."); ok {
			return map[string]any{"Fn::GetAtt": []any{id, attr}}
		}
		return map[string]any{"Ref": merged[0].name}
	}
	return map[string]any{"Fn::Sub": renderSub(merged)}
}

// Partition writes every ARN of the standard partition the partition-aware
// way: "arn:aws:" in a literal string or in a Fn::Sub template becomes
// "arn:${AWS::Partition}:" (a literal then becomes a Fn::Sub). Run it after
// StringForms.
//
// Sound for the templates we compare because the SAM translator writes the
// partition of the region it runs in, and CloudFormation runs the transform in
// the stack's own region: the literal it emits is always the stack's partition.
// Our generators and CDK write ${AWS::Partition} (CDK as a Fn::Join, which
// StringForms turns into the same Sub). A hard-coded "arn:aws:" in a template we
// generate is a portability bug for the lint package to catch; it is not a
// difference of infrastructure in the aws partition, which is what this package
// compares. Other partitions ("arn:aws-cn:", "arn:aws-us-gov:") stay as written.
var Partition = Rule{name: "Partition", apply: func(root map[string]any) {
	for k, v := range root {
		root[k] = partition(v)
	}
}}

// arnAWS matches "arn:aws:" at the start or after a character that cannot be
// part of a word.
var arnAWS = regexp.MustCompile(`(^|[^A-Za-z0-9_-])arn:aws:`)

func partition(v any) any {
	switch x := v.(type) {
	case string:
		if !arnAWS.MatchString(x) {
			return x
		}
		return simplifySub(partitionParts([]subPart{{lit: x}}))
	case []any:
		for i, e := range x {
			x[i] = partition(e)
		}
		return x
	case map[string]any:
		if len(x) == 1 {
			switch s := x["Fn::Sub"].(type) {
			case string:
				if arnAWS.MatchString(s) {
					return simplifySub(partitionParts(parseSub(s)))
				}
				return x
			case []any:
				if len(s) > 0 {
					if tmpl, ok := s[0].(string); ok && arnAWS.MatchString(tmpl) {
						s[0] = renderSub(partitionParts(parseSub(tmpl)))
					}
				}
				for i := 1; i < len(s); i++ {
					s[i] = partition(s[i])
				}
				return x
			}
		}
		for k, e := range x {
			x[k] = partition(e)
		}
		return x
	}
	return v
}

func partitionParts(parts []subPart) []subPart {
	var out []subPart
	for _, p := range parts {
		if p.isVar {
			out = append(out, p)
			continue
		}
		s := p.lit
		for {
			loc := arnAWS.FindStringSubmatchIndex(s)
			if loc == nil {
				out = append(out, subPart{lit: s})
				break
			}
			// loc[3] is the end of the boundary group: "arn:aws:" starts there.
			start := loc[3]
			out = append(out,
				subPart{lit: s[:start] + "arn:"},
				subPart{name: "AWS::Partition", isVar: true},
				subPart{lit: ":"})
			s = s[start+len("arn:aws:"):]
		}
	}
	return out
}
