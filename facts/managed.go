package facts

// The AWS managed policies an execution role gets.
const (
	// DurableManagedPolicyName is the durable execution role policy. It
	// replaces AWSLambdaBasicExecutionRole: it holds the same log actions
	// plus CheckpointDurableExecution and GetDurableExecutionState.
	DurableManagedPolicyName = "service-role/AWSLambdaBasicDurableExecutionRolePolicy"
	// BasicManagedPolicyName is the plain Lambda execution role policy; a
	// durable function's role must not carry it next to the durable one.
	BasicManagedPolicyName = "service-role/AWSLambdaBasicExecutionRole"
	// SQSManagedPolicyName is what an SQS event source needs (SAM attaches
	// it for SQS events, so every output does).
	SQSManagedPolicyName = "service-role/AWSLambdaSQSQueueExecutionRole"
	// DynamoDBManagedPolicyName and KinesisManagedPolicyName are what a
	// stream event source needs (SAM attaches them).
	DynamoDBManagedPolicyName = "service-role/AWSLambdaDynamoDBExecutionRole"
	KinesisManagedPolicyName  = "service-role/AWSLambdaKinesisExecutionRole"
	// VPCManagedPolicyName is what a function in a VPC needs for its network
	// interfaces (SAM attaches it when VpcConfig is set).
	VPCManagedPolicyName = "service-role/AWSLambdaVPCAccessExecutionRole"
	// XRayManagedPolicyName is what active tracing needs (SAM attaches it
	// when Tracing is Active).
	XRayManagedPolicyName = "AWSXrayWriteOnlyAccess"
)

// ManagedPolicyARN returns the ARN of an AWS managed policy in a partition
// (a literal such as "aws", or PartitionSub for templates).
func ManagedPolicyARN(partition, name string) string {
	return "arn:" + partition + ":iam::aws:policy/" + name
}
