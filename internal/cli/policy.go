package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/durablefn/durablefn/facts"
	"github.com/durablefn/durablefn/policies"
	"github.com/durablefn/durablefn/spec"
)

// roleExecution is the policy command's role beyond the grant kinds: the
// least-privilege execution role of the durable function itself.
const roleExecution = "execution"

// policyRoles lists the roles policy prints: the grant kinds, then execution.
func policyRoles() []string {
	var out []string
	for _, k := range policies.Kinds() {
		out = append(out, string(k))
	}
	return append(out, roleExecution)
}

type policyOptions struct {
	functionArn string
	aliasArn    string
	alias       string
	logGroupArn string
	kmsKeyArn   string
}

func newPolicyCmd() *cobra.Command {
	var o policyOptions
	cmd := &cobra.Command{
		Use:   "policy ROLE --function-arn ARN [flags]",
		Short: "Print the IAM policy a role outside the spec needs on a durable function",
		Long: `Print the IAM policy document (JSON) that a role outside the spec attaches to
work with a durable function deployed elsewhere. ROLE is one of:

  callback-sender  complete, fail and heartbeat callbacks: the three
                   lambda:SendDurableExecutionCallback* actions on ARN:*
  starter          start executions: lambda:InvokeFunction on the alias
                   (--alias-arn, or --function-arn with --alias, default ` + spec.DefaultAlias + `)
  observer         lambda:GetDurableExecution and GetDurableExecutionHistory on
                   ARN:*, lambda:ListDurableExecutionsByFunction on ARN
  operator         lambda:StopDurableExecution too
  invoker          a durable function invoking this one through the SDK:
                   lambda:InvokeFunction on ARN and ARN:*
  execution        the function's own least-privilege execution role, in place
                   of the AWS managed durable policy: checkpoint and state on
                   ARN:*, log streams and events in --log-group-arn (the log
                   group must exist: no logs:CreateLogGroup)

--function-arn is the unqualified function ARN. Durable execution ARNs carry
the version they run on ($LATEST or a number), never an alias, so grants on
executions are scoped to the unqualified ARN followed by :*; a grant on the
unqualified ARN alone, or on an alias ARN, is denied at run time. A
qualified --function-arn is refused.

--kms-key-arn is the function's customer managed key (DurableConfig.KMSKeyArn):
callback-sender, observer, operator and execution then also get what they
need on it (kms:GenerateDataKey to write payloads, kms:Decrypt to read them).`,
		Example: `  durablefn policy callback-sender --function-arn arn:aws:lambda:us-east-1:123456789012:function:orders
  durablefn policy starter --function-arn arn:aws:lambda:us-east-1:123456789012:function:orders --alias live
  durablefn policy execution --function-arn arn:aws:lambda:us-east-1:123456789012:function:orders \
    --log-group-arn arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/orders`,
		Args:      exactArgs(1, "one role ("+strings.Join(policyRoles(), ", ")+")"),
		ValidArgs: policyRoles(),
		RunE: func(cmd *cobra.Command, args []string) error {
			return policy(cmd, o, args[0])
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.functionArn, "function-arn", "", "the durable function's unqualified `ARN` (required)")
	fl.StringVar(&o.aliasArn, "alias-arn", "", "starter: the alias `ARN` executions are started on")
	fl.StringVar(&o.alias, "alias", spec.DefaultAlias, "starter: the alias `NAME`, appended to --function-arn when --alias-arn is not given")
	fl.StringVar(&o.logGroupArn, "log-group-arn", "", "execution: the function's log group `ARN` (required for execution)")
	fl.StringVar(&o.kmsKeyArn, "kms-key-arn", "", "the `ARN` of the function's customer managed key, if it has one")
	_ = cmd.MarkFlagRequired("function-arn")
	cmd.MarkFlagsMutuallyExclusive("alias", "alias-arn")
	return cmd
}

func policy(cmd *cobra.Command, o policyOptions, role string) error {
	kind := policies.Kind(role)
	known := false
	for _, r := range policyRoles() {
		known = known || r == role
	}
	if !known {
		return usageErrorf("unknown role %q: use one of %s", role, strings.Join(policyRoles(), ", "))
	}
	fl := cmd.Flags()
	if kind != policies.KindStarter && (fl.Changed("alias") || fl.Changed("alias-arn")) {
		return usageErrorf("--alias and --alias-arn are only used by starter, not by %s", role)
	}
	if role != roleExecution && fl.Changed("log-group-arn") {
		return usageErrorf("--log-group-arn is only used by execution, not by %s", role)
	}
	if role == roleExecution && o.logGroupArn == "" {
		return usageErrorf("execution needs --log-group-arn, the ARN of the function's log group")
	}

	keyUser := kind.KeyUser()
	if role == roleExecution {
		keyUser = facts.KeyUserExecution
	}
	if _, needsKey := facts.KeyActions(keyUser); fl.Changed("kms-key-arn") {
		switch {
		case !needsKey:
			return usageErrorf("--kms-key-arn: %s needs nothing on the function's key", role)
		case !facts.KMSKeyARNPattern.MatchString(o.kmsKeyArn) || strings.Contains(o.kmsKeyArn, ":alias/"):
			return failf("--kms-key-arn %q is not a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID; an alias cannot be named in an IAM statement)", o.kmsKeyArn)
		}
	}

	fn, err := facts.ParseFunctionARN(o.functionArn)
	if err != nil {
		return failf("--function-arn: %v", err)
	}
	if fn.Qualifier != "" {
		return qualifiedError(role, fn)
	}
	target := policies.Target{FunctionArn: fn.Unqualified()}

	var stmts []policies.Statement
	switch {
	case role == roleExecution:
		logGroup, err := logGroupARN(o.logGroupArn, fn)
		if err != nil {
			return failf("--log-group-arn: %v", err)
		}
		stmts = policies.ExecutionRole(target.FunctionArn, logGroup)
	case kind == policies.KindStarter:
		if target.AliasArn, err = starterAlias(o, fn); err != nil {
			return err
		}
		stmts, _ = policies.For(kind, target)
	default:
		stmts, _ = policies.For(kind, target)
	}
	if o.kmsKeyArn != "" {
		st, _ := policies.KeyUse(keyUser, o.kmsKeyArn)
		stmts = append(stmts, st)
	}
	for _, st := range stmts {
		for _, r := range st.Resources {
			if r == "*" || r == "" {
				return fmt.Errorf("internal error: %s policy with resource %q", role, r)
			}
		}
	}
	_, err = cmd.OutOrStdout().Write(policies.NewDocument(stmts...).JSON())
	return err
}

// qualifiedError refuses a qualified --function-arn, saying what to pass.
func qualifiedError(role string, fn facts.FunctionARN) error {
	unq := fn.Unqualified()
	switch policies.Kind(role) {
	case policies.KindStarter:
		if spec.AliasError(fn.Qualifier) == "" {
			return failf("--function-arn %s is qualified: pass the alias ARN as --alias-arn %s, or --function-arn %s --alias %s",
				fn, fn, unq, fn.Qualifier)
		}
		return failf("--function-arn %s is qualified with %s, which is not an alias: executions are started on an alias; pass --function-arn %s and --alias NAME",
			fn, fn.Qualifier, unq)
	case policies.KindInvoker:
		return failf("--function-arn %s is qualified: a durable invoke grant covers the unqualified ARN and every qualifier of it (ARN and ARN:*); pass --function-arn %s",
			fn, unq)
	}
	return failf("--function-arn %s is qualified: durable grants are scoped to the unqualified function ARN followed by :* (execution ARNs carry a version, never an alias); pass --function-arn %s",
		fn, unq)
}

// starterAlias is the alias ARN a starter invokes: --alias-arn, checked
// against --function-arn, or --function-arn followed by :--alias.
func starterAlias(o policyOptions, fn facts.FunctionARN) (string, error) {
	if o.aliasArn == "" {
		if msg := spec.AliasError(o.alias); msg != "" {
			return "", failf("--alias: %s", msg)
		}
		return fn.Unqualified() + ":" + o.alias, nil
	}
	a, err := facts.ParseFunctionARN(o.aliasArn)
	if err != nil {
		return "", failf("--alias-arn: %v", err)
	}
	if a.Qualifier == "" {
		return "", failf("--alias-arn %s has no alias: durable functions cannot be invoked through the unqualified ARN; write %s:%s", a, a, spec.DefaultAlias)
	}
	if msg := spec.AliasError(a.Qualifier); msg != "" {
		return "", failf("--alias-arn: %s", msg)
	}
	if a.Unqualified() != fn.Unqualified() {
		return "", failf("--alias-arn %s is an alias of another function than --function-arn %s", a, fn)
	}
	return a.String(), nil
}

// logGroupARN checks a log group ARN against the function's partition,
// region and account, and returns it ending in :* (as Fn::GetAtt
// LogGroup.Arn writes it), which covers the group's log streams.
func logGroupARN(s string, fn facts.FunctionARN) (string, error) {
	lg, err := facts.ParseLogGroupARN(s)
	if err != nil {
		return "", err
	}
	if lg.Partition != fn.Partition || lg.Region != fn.Region || lg.Account != fn.Account {
		return "", fmt.Errorf("%s is not in the function's partition, region and account (%s, %s, %s)", s, fn.Partition, fn.Region, fn.Account)
	}
	if !lg.Streams {
		s += ":*"
	}
	return s, nil
}
