package facts

// What a durable function's customer managed key (DurableConfig.KMSKeyArn)
// encrypts, and so what each caller needs on it. The Lambda guide's page
// "Encrypting Lambda durable execution data" lists what the key encrypts:
// the input payload of each Invoke, the checkpoint data written by
// CheckpointDurableExecution (step results and errors, chained invoke
// inputs), execution results and errors, and the callback results and
// errors sent with SendDurableExecutionCallbackSuccess and ...Failure;
// access is given through the key's policy (an identity policy counts when
// the key policy lets the account's IAM policies grant use of the key, as
// the default key policy does). Which KMS action each durable call needs is
// our reading of that list, with KMS's envelope encryption: writing an
// encrypted payload takes kms:GenerateDataKey, reading one kms:Decrypt. See
// docs/durable-iac-facts.md, "Encryption with a customer managed key".
const (
	ActionKMSDecrypt         = "kms:Decrypt"
	ActionKMSGenerateDataKey = "kms:GenerateDataKey"
)

// KeyUser is who uses a durable function's key.
type KeyUser string

// The users of a durable function's key, by what they call.
const (
	// KeyUserExecution is the function's own role: it writes checkpoints
	// (CheckpointDurableExecution) and reads them back
	// (GetDurableExecutionState).
	KeyUserExecution KeyUser = "execution"
	// KeyUserCallbackSender writes callback results and errors.
	KeyUserCallbackSender KeyUser = "callback-sender"
	// KeyUserObserver reads executions, their results and history.
	KeyUserObserver KeyUser = "observer"
	// KeyUserOperator reads what an observer reads and stops executions
	// with an error it writes.
	KeyUserOperator KeyUser = "operator"
)

// KeyActions returns the KMS actions a user needs on a durable function's
// customer managed key, and false for a caller that needs none (a starter,
// a durable invoker: Lambda encrypts the input it receives, which the
// guide's list does not tie to the caller's permissions).
func KeyActions(u KeyUser) ([]string, bool) {
	switch u {
	case KeyUserExecution, KeyUserOperator:
		return []string{ActionKMSDecrypt, ActionKMSGenerateDataKey}, true
	case KeyUserCallbackSender:
		return []string{ActionKMSGenerateDataKey}, true
	case KeyUserObserver:
		return []string{ActionKMSDecrypt}, true
	}
	return nil, false
}
