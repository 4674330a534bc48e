package lint

import (
	"strconv"

	"gopkg.in/yaml.v3"
)

// describe writes a value for a message: a scalar quoted as written, an
// intrinsic as a Fn::Sub string, anything else by its kind.
func describe(n *yaml.Node) string {
	if s, ok := str(n); ok && !isNull(n) {
		if len(s) > 80 {
			s = s[:77] + "..."
		}
		return strconv.Quote(s)
	}
	if isIntrinsic(n) {
		if e := eval(n); !e.opaque() {
			return strconv.Quote(e.String())
		}
	}
	return kindName(n)
}

// nodeOr returns n, or else the fallback when n is nil (a finding needs a
// position).
func nodeOr(n, fallback *yaml.Node) *yaml.Node {
	if n != nil {
		return n
	}
	return fallback
}
