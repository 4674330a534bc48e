package spec

// Diagnostic codes of spec loading and validation. They are stable: users
// and tests match on them.
const (
	CodeSyntax       = "DF001" // the file is not valid YAML
	CodeType         = "DF002" // a value of the wrong type
	CodeUnknownField = "DF003" // a key the spec does not define
	CodeDuplicateKey = "DF004" // a key written twice
	CodeRequired     = "DF005" // a required field is missing
	CodeOneOf        = "DF006" // none or several of mutually exclusive fields
	CodeValue        = "DF007" // a value outside its allowed set or shape
	CodeDuration     = "DF008" // a duration that does not parse
	CodeTag          = "DF009" // a YAML tag where the field cannot take it
	CodeIntrinsic    = "DF010" // an intrinsic function written wrong

	CodeName           = "DF101" // a logical name that is not valid
	CodeRuntime        = "DF102" // a runtime without a durable SDK
	CodeRange          = "DF103" // a number out of its range
	CodeAlias          = "DF104" // an alias name that is not valid
	CodeReference      = "DF105" // a reference to a function not in the spec
	CodeSelfGrant      = "DF106" // a function granting itself
	CodeRoleARN        = "DF107" // a role ARN that is not a role ARN
	CodeFunctionARN    = "DF108" // a function ARN that is not a function ARN
	CodeDuplicateGrant = "DF109" // the same principal granted twice
	CodeCode           = "DF110" // code that cannot be found or used
	CodeEvent          = "DF111" // an event source that cannot work

	CodeExplicitName = "DF201" // warning: explicit name on a durable function
	CodeSyncTimeout  = "DF202" // warning: synchronous source with a long execution timeout

	CodeDurableOnly    = "DF112" // a durable-only field on a plain function
	CodeStatement      = "DF113" // an IAM statement that is not valid
	CodeSectionName    = "DF114" // a parameter, resource or output name that is not valid
	CodeCollision      = "DF115" // two things of the template would get one logical ID
	CodeLimit          = "DF116" // over a limit of CloudFormation, IAM or Lambda
	CodeUnqualifiedRef = "DF203" // warning: the unqualified ARN or name of a durable function handed out
	CodeWildcard       = "DF204" // warning: a statement on every resource
	CodeRoleUnknown    = "DF205" // warning: an existing role whose name is not known
	CodeCodeMissing    = "DF206" // warning: local code that does not exist yet
	CodeActionCase     = "DF207" // warning: a durable action spelled in another case than IAM's
)
