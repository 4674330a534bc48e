package lint

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// An expr is a string-valued template value as CloudFormation will
// assemble it: literal text, references (Ref and Fn::GetAtt, also when
// written inside Fn::Sub or Fn::Join) and opaque pieces the linter cannot
// follow (Fn::If, Fn::ImportValue, Fn::Select …).
//
// Reading every string this way lets one rule recognize the same ARN
// whether it is written `!GetAtt Fn.Arn`, `!Sub ${Fn.Arn}`,
// `{"Fn::Join": ["", [{"Fn::GetAtt": ["Fn", "Arn"]}]]}` or
// `!Sub arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn}`.
type expr []part

type partKind uint8

const (
	litPart partKind = iota
	refPart
	opaquePart
)

// part is one piece of an expr.
type part struct {
	kind partKind
	// text is the literal text of a litPart.
	text string
	// name is the logical ID or pseudo parameter of a refPart.
	name string
	// attr is the attribute of a Fn::GetAtt ("Arn"), or SAM's resource
	// reference of a Ref ("Alias" in `!Ref Fn.Alias`); empty for a Ref.
	// It is attrFunctionName for the function-name field of the ARN a
	// reference yields (see selectARNField).
	attr string
}

// attrFunctionName marks a refPart that stands for the function name
// inside the ARN its reference yields: CDK writes the FunctionName of an
// event source mapping on an alias as
// Fn::Join ["", [Fn::Select [6, Fn::Split [":", Ref Alias]], ":live"]].
// It cannot collide with an attribute: attributes hold no NUL.
const attrFunctionName = "\x00FunctionName"

// arnFunctionNameField is the index of the function name in a Lambda ARN
// split at ":" (arn:partition:lambda:region:account:function:NAME[:qualifier]).
const arnFunctionNameField = 6

// eval reads a node as a string expression.
func eval(n *yaml.Node) expr {
	ev := evaluator{budget: maxEvalSteps}
	e := ev.eval(n, 0)
	if ev.bytes > maxEvalBytes {
		return expr{{kind: opaquePart}}
	}
	return e
}

// maxEvalDepth bounds nested Fn::Sub variables and Fn::Join items, and
// maxEvalSteps and maxEvalBytes the work and the text of one expression: a
// Fn::Sub variable used several times at each of many levels would
// otherwise grow exponentially. Past them the expression is opaque.
const (
	maxEvalDepth = 32
	maxEvalSteps = 4096
	maxEvalBytes = 64 << 10
)

type evaluator struct{ budget, bytes int }

// text accounts for literal text, and reports whether it still fits.
func (ev *evaluator) text(s string) bool {
	ev.bytes += len(s)
	return ev.bytes <= maxEvalBytes
}

func (ev *evaluator) eval(n *yaml.Node, depth int) expr {
	ev.budget--
	if n == nil || depth > maxEvalDepth || ev.budget < 0 {
		return expr{{kind: opaquePart}}
	}
	name, arg, ok := intrinsic(n)
	if !ok {
		if s, ok := str(n); ok && !isNull(n) && ev.text(s) {
			return expr{{kind: litPart, text: s}}
		}
		return expr{{kind: opaquePart}}
	}
	switch name {
	case "Ref":
		s, ok := str(arg)
		if !ok {
			return expr{{kind: opaquePart}}
		}
		return expr{refTo(s, false)}
	case "Fn::GetAtt":
		if s, ok := str(arg); ok {
			return expr{refTo(s, true)}
		}
		if isSeq(arg) && len(arg.Content) == 2 {
			res, ok1 := str(arg.Content[0])
			att, ok2 := str(arg.Content[1])
			if ok1 && ok2 {
				return expr{{kind: refPart, name: res, attr: att}}
			}
		}
		return expr{{kind: opaquePart}}
	case "Fn::Sub":
		if s, ok := str(arg); ok {
			return ev.sub(s, nil, depth)
		}
		if isSeq(arg) && len(arg.Content) == 2 {
			if s, ok := str(arg.Content[0]); ok && isMap(arg.Content[1]) {
				vars := map[string]*yaml.Node{}
				for _, e := range entries(arg.Content[1]) {
					vars[e.key.Value] = e.val
				}
				return ev.sub(s, vars, depth)
			}
		}
		return expr{{kind: opaquePart}}
	case "Fn::Join":
		if !isSeq(arg) || len(arg.Content) != 2 {
			return expr{{kind: opaquePart}}
		}
		delim, ok := str(arg.Content[0])
		list := arg.Content[1]
		if !ok || !isSeq(list) || isCustomTag(list.Tag) {
			return expr{{kind: opaquePart}}
		}
		var out expr
		for i, it := range list.Content {
			if i > 0 && delim != "" {
				out = out.add(part{kind: litPart, text: delim})
			}
			for _, p := range ev.eval(it, depth+1) {
				out = out.add(p)
			}
		}
		return out
	case "Fn::Select":
		return ev.selectSplit(arg, depth)
	}
	return expr{{kind: opaquePart}}
}

// selectSplit reads Fn::Select [i, Fn::Split [delim, value]]: over a
// literal value it is the literal field; over one reference, split at ":",
// field 6 is the function name of the Lambda ARN the reference yields
// (CDK's form of a mapping on an alias). Anything else is opaque.
func (ev *evaluator) selectSplit(arg *yaml.Node, depth int) expr {
	opaque := expr{{kind: opaquePart}}
	if !isSeq(arg) || len(arg.Content) != 2 {
		return opaque
	}
	i, ok := intValue(arg.Content[0])
	name, split, isFn := intrinsic(arg.Content[1])
	if !ok || i < 0 || !isFn || name != "Fn::Split" || !isSeq(split) || len(split.Content) != 2 {
		return opaque
	}
	delim, ok := str(split.Content[0])
	if !ok || delim == "" {
		return opaque
	}
	of := ev.eval(split.Content[1], depth+1)
	if s, lit := of.literal(); lit {
		if fields := strings.Split(s, delim); i < len(fields) {
			return expr{{kind: litPart, text: fields[i]}}
		}
		return opaque
	}
	if len(of) == 1 && of[0].kind == refPart && delim == ":" && i == arnFunctionNameField &&
		(of[0].attr == "" || of[0].attr == "Arn") {
		return expr{{kind: refPart, name: of[0].name, attr: attrFunctionName}}
	}
	return opaque
}

// refTo reads the argument of a Ref or of a scalar Fn::GetAtt.
// "A.B.C" as a GetAtt is resource A, attribute "B.C"; as a Ref it is SAM's
// resource reference (`!Ref Fn.Alias`). Pseudo parameters (AWS::Region)
// never split.
func refTo(s string, getAtt bool) part {
	if !strings.HasPrefix(s, "AWS::") {
		if i := strings.IndexByte(s, '.'); i > 0 {
			return part{kind: refPart, name: s[:i], attr: s[i+1:]}
		}
	}
	if getAtt {
		return part{kind: opaquePart}
	}
	return part{kind: refPart, name: s}
}

// parseSub reads a Fn::Sub string without variables.
func parseSub(s string) expr {
	ev := evaluator{budget: maxEvalSteps}
	e := ev.sub(s, nil, 0)
	if ev.bytes > maxEvalBytes {
		return expr{{kind: opaquePart}}
	}
	return e
}

// sub reads a Fn::Sub string: ${Name} is a Ref, ${Res.Attr} a GetAtt,
// ${!Text} the literal ${Text}, and a name found in vars that variable.
func (ev *evaluator) sub(s string, vars map[string]*yaml.Node, depth int) expr {
	if !ev.text(s) {
		return expr{{kind: opaquePart}}
	}
	var out expr
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		out = out.add(part{kind: litPart, text: s[:i]})
		inner := s[i+2 : i+j]
		s = s[i+j+1:]
		switch {
		case strings.HasPrefix(inner, "!"):
			out = out.add(part{kind: litPart, text: "${" + inner[1:] + "}"})
		case vars[inner] != nil:
			for _, p := range ev.eval(vars[inner], depth+1) {
				out = out.add(p)
			}
		default:
			p := refTo(strings.TrimSpace(inner), false)
			out = out.add(p)
		}
	}
	return out.add(part{kind: litPart, text: s})
}

// add appends a part, merging adjacent literals and dropping empty ones.
func (e expr) add(p part) expr {
	if p.kind == litPart {
		if p.text == "" {
			return e
		}
		if n := len(e); n > 0 && e[n-1].kind == litPart {
			e[n-1].text += p.text
			return e
		}
	}
	return append(e, p)
}

// literal returns the text of an expression that is one literal.
func (e expr) literal() (string, bool) {
	if len(e) == 1 && e[0].kind == litPart {
		return e[0].text, true
	}
	if len(e) == 0 {
		return "", true
	}
	return "", false
}

// opaque reports whether any part cannot be followed.
func (e expr) opaque() bool {
	for _, p := range e {
		if p.kind == opaquePart {
			return true
		}
	}
	return false
}

// String writes the expression as a Fn::Sub string, the form users know:
// "${Fn.Arn}:*", "arn:${AWS::Partition}:iam::aws:policy/…"; an opaque part
// is written "${…}".
func (e expr) String() string {
	var b strings.Builder
	for _, p := range e {
		switch p.kind {
		case litPart:
			b.WriteString(p.text)
		case refPart:
			if p.attr == attrFunctionName {
				b.WriteString("${Select6(" + p.name + ")}")
				continue
			}
			b.WriteString("${" + p.name)
			if p.attr != "" {
				b.WriteString("." + p.attr)
			}
			b.WriteString("}")
		default:
			b.WriteString("${…}")
		}
	}
	return b.String()
}
