package lint

import "github.com/durablefn/durablefn/diag"

var rulePermissionUnqualified = &Rule{
	ID:       "DL301",
	Name:     "permission-unqualified",
	Severity: diag.Error,
	Fixable:  true,
	Summary:  "an AWS::Lambda::Permission on the unqualified durable function or on $LATEST",
	Why: "the permission must be on what the source invokes, and a durable function is invoked through an " +
		"alias or version; AWS::Lambda::Permission does not accept $LATEST at all",
	Fix: "set FunctionName to the alias (!Ref <Fn>Alias…, SAM !Ref <Fn>.Alias)",
}

func init() { rulePermissionUnqualified.check = checkPermissionUnqualified }

func checkPermissionUnqualified(t *template) {
	for _, r := range t.resourcesOf(typePermission) {
		_, v := r.prop("FunctionName")
		t.checkInvoker(rulePermissionUnqualified, v, r.propPath("FunctionName"), "permission "+r.id)
	}
}
