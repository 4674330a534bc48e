package policies_test

import (
	"fmt"

	"github.com/durablefn/durablefn/policies"
)

// The policy an outside system attaches to send callbacks to a durable
// function: scoped to the function's executions, never the alias.
func ExampleCallbackSender() {
	doc := policies.NewDocument(policies.CallbackSender(policies.Target{
		FunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:orders",
	})...)
	fmt.Print(string(doc.JSON()))
	// Output:
	// {
	//   "Version": "2012-10-17",
	//   "Statement": [
	//     {
	//       "Sid": "DurableCallbacks",
	//       "Effect": "Allow",
	//       "Action": [
	//         "lambda:SendDurableExecutionCallbackSuccess",
	//         "lambda:SendDurableExecutionCallbackFailure",
	//         "lambda:SendDurableExecutionCallbackHeartbeat"
	//       ],
	//       "Resource": [
	//         "arn:aws:lambda:us-east-1:123456789012:function:orders:*"
	//       ]
	//     }
	//   ]
	// }
}
