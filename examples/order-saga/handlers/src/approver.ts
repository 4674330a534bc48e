/**
 * approver: a durable Lambda function that completes the order-processor's
 * "manager-approval" callback.
 *
 * It is deployed as a durable function (durable.yaml gives it a DurableConfig),
 * so Lambda hands it the durable invocation envelope, not the raw event:
 * `handler` is built with withDurableExecution, which unwraps the envelope and
 * replays the execution's history. The callback is sent inside one step,
 * "send-callback": once that step has succeeded, a replay of the execution reads
 * its checkpointed result and does not send the callback again.
 *
 * Invoke it with
 *   {"callbackId": "<from the APPROVAL_REQUESTED log line>", "approved": true, "approver": "alice", "comment": "ok"}
 * It calls SendDurableExecutionCallbackSuccess with the decision as JSON; a
 * rejection is a successful callback too (approved: false), and the order
 * processor then releases the inventory. An invalid event fails the execution
 * before the step, without calling AWS.
 *
 * IAM: lambda:SendDurableExecutionCallbackSuccess on "<OrderProcessor ARN>:*"
 * (a durable execution ARN always carries a version or $LATEST).
 *
 * Lambda handler string: approver.handler (code directory examples/order-saga/handlers/dist)
 */
import { LambdaClient, SendDurableExecutionCallbackSuccessCommand } from "@aws-sdk/client-lambda";
import {
  withDurableExecution,
  type DurableExecutionHandler,
  type DurableLambdaHandler,
  type RetryDecision,
} from "@aws/durable-execution-sdk-js";

export interface ApproverEvent {
  callbackId: string;
  approved: boolean;
  approver: string;
  comment?: string;
}

export interface ApproverResult {
  callbackId: string;
  approved: boolean;
  sent: true;
}

/** The single AWS call this function makes. Tests replace it. */
export type CallbackSender = (callbackId: string, result: string) => Promise<void>;

/** The part of a LambdaClient that the sender needs (a LambdaClient satisfies it). */
export interface CallbackClient {
  send(command: SendDurableExecutionCallbackSuccessCommand): Promise<unknown>;
}

/** The name of the durable step that sends the callback. */
export const SEND_CALLBACK_STEP = "send-callback";

/** A sender that calls the Lambda SendDurableExecutionCallbackSuccess API. */
export function lambdaCallbackSender(client: CallbackClient): CallbackSender {
  return async (callbackId, result) => {
    await client.send(
      new SendDurableExecutionCallbackSuccessCommand({
        CallbackId: callbackId,
        Result: new TextEncoder().encode(result),
      }),
    );
  };
}

export function validateApproverEvent(event: ApproverEvent): ApproverEvent {
  if (!event || typeof event !== "object") throw new TypeError("event must be an object");
  if (typeof event.callbackId !== "string" || event.callbackId === "") throw new TypeError("callbackId is required");
  if (typeof event.approved !== "boolean") throw new TypeError("approved must be true or false");
  if (typeof event.approver !== "string" || event.approver === "") throw new TypeError("approver is required");
  if (event.comment !== undefined && typeof event.comment !== "string") throw new TypeError("comment must be a string");
  return event;
}

/**
 * The approval itself, not durable on its own: validates the event, sends the
 * decision with `send` and logs APPROVAL_SENT. The Lambda handler runs it inside
 * the "send-callback" step (see approverWorkflow); it stays callable directly so
 * that the order processor's tests can complete a callback with it.
 */
export function createApprover(send: CallbackSender): (event: ApproverEvent) => Promise<ApproverResult> {
  return async (event) => {
    const { callbackId, approved, approver, comment } = validateApproverEvent(event);
    const decision = JSON.stringify(comment === undefined ? { approved, approver } : { approved, approver, comment });
    await send(callbackId, decision);
    console.log(JSON.stringify({ type: "APPROVAL_SENT", callbackId, approved, approver }));
    return { callbackId, approved, sent: true };
  };
}

/**
 * Errors from SendDurableExecutionCallbackSuccess that another attempt can cure:
 * throttling and faults on Lambda's side. Anything else (the callback timed out,
 * is unknown or already completed, a KMS problem, ...) fails the step at once.
 */
const TRANSIENT_ERRORS = new Set(["TooManyRequestsException", "ServiceException"]);

/** Retry strategy of the send-callback step: up to 3 attempts, for transient errors only. */
export function sendCallbackRetryStrategy(error: Error, attemptsMade: number): RetryDecision {
  if (attemptsMade >= 3 || !TRANSIENT_ERRORS.has(error.name)) return { shouldRetry: false };
  return { shouldRetry: true, delay: { seconds: 2 * attemptsMade } };
}

/**
 * The approver's durable logic, before withDurableExecution wraps it: validation
 * outside any step (a bad event fails the execution at once, with no retries and
 * no durable operation), then the approval inside the "send-callback" step.
 */
export function approverWorkflow(send: CallbackSender): DurableExecutionHandler<ApproverEvent, ApproverResult> {
  const approve = createApprover(send);
  return async (event, context) => {
    validateApproverEvent(event);
    return context.step(SEND_CALLBACK_STEP, async () => approve(event), {
      retryStrategy: sendCallbackRetryStrategy,
    });
  };
}

/** Builds the durable Lambda handler around a sender (the tests pass fakes). */
export function createApproverHandler(send: CallbackSender): DurableLambdaHandler {
  return withDurableExecution<ApproverEvent, ApproverResult>(approverWorkflow(send));
}

// The client is created on first use, so that importing this module needs no
// AWS region or credentials (the tests import it).
let client: LambdaClient | undefined;
const defaultSender: CallbackSender = (callbackId, result) =>
  lambdaCallbackSender((client ??= new LambdaClient({})))(callbackId, result);

/** The Lambda entry point. */
export const handler: DurableLambdaHandler = createApproverHandler(defaultSender);
