package realtools_test

import (
	"fmt"

	"github.com/durablefn/durablefn/internal/realtools"
)

func ExamplePackageLocalCode() {
	sam := map[string]any{"Resources": map[string]any{
		"Orders": map[string]any{
			"Type":       "AWS::Serverless::Function",
			"Properties": map[string]any{"CodeUri": "./handlers/order"},
		},
	}}
	fmt.Println(realtools.PackageLocalCode(sam))
	fmt.Println(sam["Resources"].(map[string]any)["Orders"].(map[string]any)["Properties"])
	// Output:
	// [./handlers/order]
	// map[CodeUri:s3://durablefn-package/handlers/order]
}
