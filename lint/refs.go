package lint

import (
	"regexp"
	"strings"
)

// qualifier says how a reference to a function is qualified.
type qualifier int

const (
	// qualNone is the unqualified function: its name or ARN.
	qualNone qualifier = iota
	// qualLatest is ":$LATEST".
	qualLatest
	// qualAll is a wildcard over every qualifier: ":*" or "*".
	qualAll
	// qualAlias is an alias, by reference or as ":name".
	qualAlias
	// qualVersion is a published version, by reference or as ":3".
	qualVersion
	// qualOther is a qualifier the linter cannot read (":${Stage}").
	qualOther
)

// isQualified reports whether a reference names a version or an alias: the
// only forms push sources and durable invocations accept.
func (q qualifier) isQualified() bool { return q == qualAlias || q == qualVersion || q == qualOther }

// fnRef is one reference to a function found in an expression.
type fnRef struct {
	// fn is the durable function referred to, nil when the function is
	// not durable or not in the template.
	fn *function
	// lambda is the function resource of the template, nil for a function
	// known only by a literal ARN.
	lambda *resource
	// external is the name of a function outside the template, from a
	// literal ARN.
	external string
	qual     qualifier
	// qualText is the qualifier as written ("live", "$LATEST", "*").
	qualText string
	// tail is the literal text after the qualifier ("/invocations",
	// "/durable-execution/*").
	tail string
	// viaAlias is set when the reference is an alias resource (or SAM's
	// generated alias).
	viaAlias bool
}

// target names the function of a reference for messages.
func (r fnRef) target() string {
	switch {
	case r.lambda != nil:
		return r.lambda.id
	case r.external != "":
		return r.external
	}
	return "?"
}

var literalFunctionRE = regexp.MustCompile(`function:([A-Za-z0-9_-]+)`)
var bareNameRE = regexp.MustCompile(`^([A-Za-z0-9_-]+)(:.*)?$`)

// targets finds every reference to a function in an expression, with its
// qualifier. A function is referred to by Ref (its name), Fn::GetAtt .Arn,
// an alias or version resource, SAM's `!Ref Fn.Alias` and generated
// <Fn>Alias<name>, or a literal ARN or name.
func (t *template) targets(e expr) []fnRef {
	var out []fnRef
	if s, ok := e.literal(); ok && !strings.Contains(s, "function:") {
		// A bare name or "name:qualifier", as FunctionName properties accept.
		if m := bareNameRE.FindStringSubmatch(s); m != nil {
			if r := t.byName[m[1]]; r != nil {
				ref := fnRef{lambda: r, fn: t.fns[r.id]}
				ref.qual, ref.qualText, ref.tail = readQualifier(m[2], nil)
				out = append(out, ref)
			}
		}
		return out
	}
	for i, p := range e {
		switch p.kind {
		case refPart:
			if ref, ok := t.refPartTarget(p, e[i+1:]); ok {
				out = append(out, ref)
			}
		case litPart:
			for _, m := range literalFunctionRE.FindAllStringSubmatchIndex(p.text, -1) {
				name := p.text[m[2]:m[3]]
				after := p.text[m[3]:]
				if strings.HasPrefix(after, "*") {
					continue // a wildcard name: not one function
				}
				ref := fnRef{external: name}
				if r := t.byName[name]; r != nil {
					ref = fnRef{lambda: r, fn: t.fns[r.id]}
				}
				ref.qual, ref.qualText, ref.tail = readQualifier(after, e[i+1:])
				out = append(out, ref)
			}
		}
	}
	return out
}

// refPartTarget reads a Ref or GetAtt that names a function, an alias or a
// version of the template.
func (t *template) refPartTarget(p part, rest expr) (fnRef, bool) {
	r := t.resources[p.name]
	switch {
	case r != nil && r.isFunction():
		ref := fnRef{lambda: r, fn: t.fns[r.id]}
		switch p.attr {
		case "", "Arn", attrFunctionName:
			first := ""
			if len(rest) > 0 && rest[0].kind == litPart {
				first, rest = rest[0].text, rest[1:]
			}
			ref.qual, ref.qualText, ref.tail = readQualifier(first, rest)
			return ref, true
		case "Alias":
			ref.qual, ref.viaAlias = qualAlias, true
			return ref, true
		case "Version":
			ref.qual = qualVersion
			return ref, true
		}
	case r != nil && (r.typ == typeAlias || r.typ == typeVersion) && p.attr == attrFunctionName:
		// The function name inside an alias or version ARN, followed by
		// what is written after it (CDK: ":live").
		fn := t.aliasOf[r.id]
		if r.typ == typeVersion {
			fn = t.versionOf[r.id]
		}
		if fn == nil {
			return fnRef{}, false
		}
		ref := fnRef{lambda: fn.res, fn: fn}
		first := ""
		if len(rest) > 0 && rest[0].kind == litPart {
			first, rest = rest[0].text, rest[1:]
		}
		ref.qual, ref.qualText, ref.tail = readQualifier(first, rest)
		return ref, true
	case r != nil && r.typ == typeAlias && p.attr == "":
		if fn := t.aliasOf[r.id]; fn != nil {
			return fnRef{lambda: fn.res, fn: fn, qual: qualAlias, qualText: r.id, viaAlias: true}, true
		}
	case r != nil && r.typ == typeVersion && p.attr == "":
		if fn := t.versionOf[r.id]; fn != nil {
			return fnRef{lambda: fn.res, fn: fn, qual: qualVersion, qualText: r.id}, true
		}
	case r == nil && t.sam:
		// SAM's generated <Fn>Alias<name> and <Fn>Version<hash>.
		for _, fn := range t.fnOrder {
			if !fn.sam || fn.autoAlias == "" {
				continue
			}
			if strings.HasPrefix(p.name, fn.id()+"Alias") {
				return fnRef{lambda: fn.res, fn: fn, qual: qualAlias, qualText: p.name, viaAlias: true}, true
			}
			if strings.HasPrefix(p.name, fn.id()+"Version") {
				return fnRef{lambda: fn.res, fn: fn, qual: qualVersion, qualText: p.name}, true
			}
		}
	}
	return fnRef{}, false
}

// readQualifier reads what follows a function's name or ARN: first is the
// literal text right after it, rest the parts after that.
func readQualifier(first string, rest expr) (q qualifier, text, tail string) {
	more := len(rest) > 0
	switch {
	case first == "":
		if more {
			return qualOther, "", "" // ${Fn.Arn}${Suffix}: cannot tell
		}
		return qualNone, "", ""
	case strings.HasPrefix(first, "*"):
		// "${Fn.Arn}*" also matches the unqualified ARN: qualText stays empty.
		return qualAll, "", first[1:]
	case !strings.HasPrefix(first, ":"):
		return qualNone, "", first
	}
	text = first[1:]
	// The qualifier ends where a name or version cannot go on: "/…" of an
	// execution ARN, or the quote of a JSON document around the ARN.
	if i := strings.IndexFunc(text, func(c rune) bool { return !isQualifierChar(c) }); i >= 0 {
		text, tail = text[:i], text[i:]
	}
	switch {
	case text == "":
		return qualOther, "", tail
	case strings.Contains(text, "*"):
		return qualAll, text, tail
	case text == "$LATEST":
		return qualLatest, text, tail
	case isDigits(text):
		return qualVersion, text, tail
	}
	return qualAlias, text, tail
}

// isQualifierChar reports whether a character may be part of a qualifier
// as written: an alias name, a version, $LATEST or a wildcard.
func isQualifierChar(c rune) bool {
	return c == '_' || c == '-' || c == '$' || c == '*' || c == '?' ||
		(c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

// endsName reports whether the text after a function's ARN ends it (it is
// empty, or starts with what no ARN holds: a quote, a comma …), so that the
// ARN is handed out unqualified.
func endsName(tail string) bool {
	return tail == "" || !(isQualifierChar(rune(tail[0])) || tail[0] == '/' || tail[0] == ':')
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// coversExecutions reports whether a resource written for a function
// matches its durable execution ARNs
// (<FunctionArn>:<version>/durable-execution/<name>/<id>): only a wildcard
// after the function does.
func (r fnRef) coversExecutions() bool {
	if r.qual == qualAlias && r.viaAlias {
		return false // an alias ARN, whatever follows: executions carry a version
	}
	return r.qual == qualAll || strings.HasSuffix(r.tail, "*") ||
		(r.qual == qualOther && r.tail == "")
}

// matchesUnqualified reports whether a resource written for a function
// matches its unqualified ARN.
func (r fnRef) matchesUnqualified() bool {
	return (r.qual == qualNone && r.tail == "") || (r.qual == qualAll && r.qualText == "")
}
