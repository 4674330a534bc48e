package samgen

import (
	"reflect"

	"github.com/durablefn/durablefn/spec"
)

// extractGlobals moves into SAM's Globals every property of the spec's
// globals that SAM's merge gives back exactly: for each function, the
// global value merged (the way SAM merges Globals: mappings key by key,
// lists concatenated, the function's value winning) with what is left on
// the function is the function's value. A property some function does not
// have (a DurableConfig on a plain function) stays on the functions. The
// real SAM translator then proves the merge in the parity tests.
func extractGlobals(globals map[string]any, functions map[string]map[string]any) map[string]any {
	out := map[string]any{}
	for k, g := range globals {
		rests := map[string]any{}
		ok := true
		for id, fp := range functions {
			fv, has := fp[k]
			if !has {
				ok = false
				break
			}
			rest, keep, sub := subtract(fv, g)
			if !sub {
				ok = false
				break
			}
			if keep {
				rests[id] = rest
			}
		}
		if !ok {
			continue
		}
		out[k] = g
		for id, fp := range functions {
			if rest, keep := rests[id]; keep {
				fp[k] = rest
			} else {
				delete(fp, k)
			}
		}
	}
	return out
}

// subtract returns what a function must keep of its value f so that SAM's
// merge of the global value g with it gives f back; keep is false when
// nothing is left, ok false when no such rest exists.
func subtract(f, g any) (rest any, keep, ok bool) {
	gm, gIsMap := g.(map[string]any)
	fm, fIsMap := f.(map[string]any)
	if gIsMap && fIsMap && !spec.IsIntrinsic(gm) && !spec.IsIntrinsic(fm) {
		r := map[string]any{}
		for k, gv := range gm {
			fv, has := fm[k]
			if !has {
				return nil, false, false
			}
			sub, keepSub, okSub := subtract(fv, gv)
			if !okSub {
				return nil, false, false
			}
			if keepSub {
				r[k] = sub
			}
		}
		for k, fv := range fm {
			if _, inG := gm[k]; !inG {
				r[k] = fv
			}
		}
		return r, len(r) > 0, true
	}
	gl, gIsList := g.([]any)
	fl, fIsList := f.([]any)
	if gIsList && fIsList {
		if len(fl) < len(gl) || !reflect.DeepEqual(fl[:len(gl)], gl) {
			return nil, false, false
		}
		r := fl[len(gl):]
		return r, len(r) > 0, true
	}
	if reflect.DeepEqual(f, g) {
		return nil, false, true
	}
	if gIsMap != fIsMap || gIsList != fIsList {
		return nil, false, false
	}
	// A scalar (or an intrinsic) the function overrides.
	return f, true, true
}
