package spec_test

import (
	"fmt"

	"github.com/durablefn/durablefn/spec"
)

func ExampleParse() {
	src := []byte(`functions:
  OrderProcessor:
    runtime: nodejs24.x
    handler: index.handler
    code: s3://my-artifacts/order.zip
    durable:
      executionTimeout: 400d
`)
	_, _, err := spec.Parse("durable.yaml", ".", src)
	fmt.Println(err)
	// Output:
	// durable.yaml:7:25: functions.OrderProcessor.durable.executionTimeout: 400d is over the 366-day maximum (31,622,400 s)
}
