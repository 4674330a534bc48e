package realtools

import (
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/durablefn/durablefn/internal/templatecmp"
)

// localCodeProperties lists, per SAM resource type, the property that may
// name a local directory that `sam package` uploads.
var localCodeProperties = map[string]string{
	"AWS::Serverless::Function":     "CodeUri",
	"AWS::Serverless::LayerVersion": "ContentUri",
}

// PackageLocalCode rewrites, in a decoded SAM template, every local code
// location (CodeUri of AWS::Serverless::Function and of Globals.Function,
// ContentUri of AWS::Serverless::LayerVersion, when a string not starting with
// s3://) to s3://durablefn-package/<cleaned path>, and returns the paths it
// rewrote, sorted. This is what `sam package` does with a real bucket; the SAM
// translator accepts only S3 locations. The bucket is
// templatecmp.PackagedCodeBucket, which templatecmp.LocalCode maps back to the
// path, so the translated function compares equal to CloudFormation that
// says Code: ./handlers/order.
func PackageLocalCode(template map[string]any) []string {
	var rewritten []string
	rewrite := func(props map[string]any, prop string) {
		s, ok := props[prop].(string)
		if !ok || strings.HasPrefix(s, "s3://") || strings.Contains(s, "://") {
			return
		}
		p := path.Clean(filepath.ToSlash(s))
		props[prop] = "s3://" + templatecmp.PackagedCodeBucket + "/" + p
		rewritten = append(rewritten, s)
	}
	if g, ok := template["Globals"].(map[string]any); ok {
		if f, ok := g["Function"].(map[string]any); ok {
			rewrite(f, "CodeUri")
		}
	}
	res, _ := template["Resources"].(map[string]any)
	for _, r := range res {
		rm, _ := r.(map[string]any)
		typ, _ := rm["Type"].(string)
		prop, ok := localCodeProperties[typ]
		if !ok {
			continue
		}
		if props, ok := rm["Properties"].(map[string]any); ok {
			rewrite(props, prop)
		}
	}
	sort.Strings(rewritten)
	return rewritten
}
