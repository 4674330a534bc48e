package templatecmp

import (
	"path"
	"path/filepath"
	"strings"
)

// PackagedCodeBucket is the placeholder bucket that stands for "not uploaded
// yet": realtools rewrites a local SAM CodeUri such as ./handlers/order to
// s3://durablefn-package/handlers/order before running the SAM translator (as
// `sam package` would, with a real bucket), and LocalCode maps it back.
const PackagedCodeBucket = "durablefn-package"

// codeProperties lists, per resource type, the property that holds a code
// location that `aws cloudformation package` uploads.
var codeProperties = map[string]string{
	"AWS::Lambda::Function":     "Code",
	"AWS::Lambda::LayerVersion": "Content",
}

// LocalCode rewrites the code location of AWS::Lambda::Function (Code) and
// AWS::Lambda::LayerVersion (Content) to one form, the cleaned local path:
//
//   - a local path string (Code: ./handlers/order, the input form of
//     `aws cloudformation package`) becomes "handlers/order";
//   - {S3Bucket: durablefn-package, S3Key: handlers/order} (PackagedCodeBucket:
//     the SAM translator's output for a CodeUri that realtools rewrote) becomes
//     "handlers/order".
//
// Sound because both forms name the same directory relative to the template:
// `aws cloudformation package` and `sam package` upload that directory and
// write its bucket and key. Paths are compared after path.Clean, so ./a and a
// are the same directory. The code's content is not compared. A real S3
// location (any other bucket, s3:// strings, S3ObjectVersion, ZipFile,
// ImageUri) is left as written.
var LocalCode = Rule{name: "LocalCode", apply: func(root map[string]any) {
	for _, r := range resources(root) {
		rm, _ := r.(map[string]any)
		prop, ok := codeProperties[str(rm["Type"])]
		if !ok {
			continue
		}
		props, _ := rm["Properties"].(map[string]any)
		if p, ok := localCodePath(props[prop]); ok {
			props[prop] = p
		}
	}
}}

func localCodePath(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		if strings.Contains(x, "://") {
			return "", false
		}
		return cleanLocalPath(x), true
	case map[string]any:
		if len(x) != 2 || x["S3Bucket"] != PackagedCodeBucket {
			return "", false
		}
		if key, ok := x["S3Key"].(string); ok {
			return cleanLocalPath(key), true
		}
	}
	return "", false
}

func cleanLocalPath(p string) string {
	return path.Clean(filepath.ToSlash(p))
}

// str returns v when it is a string, else "".
func str(v any) string {
	s, _ := v.(string)
	return s
}
