package lint

import "github.com/durablefn/durablefn/diag"

var ruleS3NotificationUnqualified = &Rule{
	ID:       "DL307",
	Name:     "s3-notification-unqualified",
	Severity: diag.Error,
	Fixable:  true,
	Summary:  "an S3 bucket notification on the unqualified durable function or $LATEST",
	Why:      "S3 invokes the function ARN as written, and Lambda refuses to invoke a durable function unqualified",
	Fix:      "set LambdaConfigurations[].Function to the alias, and put the permission on the alias",
}

func init() { ruleS3NotificationUnqualified.check = checkS3NotificationUnqualified }

func checkS3NotificationUnqualified(t *template) {
	for _, r := range t.resourcesOf("AWS::S3::Bucket") {
		nc := val(r.props, "NotificationConfiguration")
		lcs := val(nc, "LambdaConfigurations")
		if !isSeq(lcs) || isCustomTag(lcs.Tag) {
			continue
		}
		p := r.propPath("NotificationConfiguration") + ".LambdaConfigurations"
		for i, lc := range lcs.Content {
			_, fn := get(lc, "Function")
			t.checkInvoker(ruleS3NotificationUnqualified, fn, index(p, i)+".Function", "bucket "+r.id)
		}
	}
}
