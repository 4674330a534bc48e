/**
 * approver: a plain (not durable) Lambda function that completes the
 * order-processor's "manager-approval" callback.
 *
 * It makes one AWS call and keeps no state between invocations, so it needs
 * nothing of the durable SDK: Lambda hands it the raw event. durable.yaml
 * declares it without a `durable:` block, and the OrderProcessor's
 * `callbackSenders: [{function: Approver}]` gives its role the permission.
 *
 * Invoke it with
 *   {"callbackId": "<from the APPROVAL_REQUESTED log line>", "approved": true, "approver": "alice", "comment": "ok"}
 * It calls SendDurableExecutionCallbackSuccess once, with the decision as JSON;
 * a rejection is a successful callback too (approved: false), and the order
 * processor then releases the inventory. An invalid event fails the invocation
 * before any AWS call. An AWS error fails the invocation as it came (the SDK
 * client has already retried throttling and service faults): a callback that
 * timed out or was already completed cannot be sent again.
 *
 * IAM: lambda:SendDurableExecutionCallbackSuccess on "<OrderProcessor ARN>:*"
 * (a durable execution ARN always carries a version or $LATEST).
 *
 * Lambda handler string: approver.handler (code directory examples/order-saga/handlers/dist)
 */
import { LambdaClient, SendDurableExecutionCallbackSuccessCommand } from "@aws-sdk/client-lambda";

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
 * The Lambda handler around a sender: validates the event, sends the decision
 * once with `send` and logs APPROVAL_SENT. The tests, and the order processor's
 * tests, pass senders that do not call AWS.
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

// The client is created on first use, so that importing this module needs no
// AWS region or credentials (the tests import it).
let client: LambdaClient | undefined;
const defaultSender: CallbackSender = (callbackId, result) =>
  lambdaCallbackSender((client ??= new LambdaClient({})))(callbackId, result);

/** The Lambda entry point. */
export const handler = createApprover(defaultSender);
