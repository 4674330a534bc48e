import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { SendDurableExecutionCallbackSuccessCommand } from "@aws-sdk/client-lambda";
import { LocalDurableTestRunner, WaitingOperationStatus } from "@aws/durable-execution-sdk-js-testing";
import { createApprover, lambdaCallbackSender, type CallbackSender } from "../dist/approver.js";
import { createOrderProcessor, DEFAULT_CONFIG, type OrderResult, type OrderServices } from "../dist/order-processor.js";
import { useDurableTestEnvironment } from "./durable-test-env.js";

/** A sender that records its calls; `fail` decides, per call (1-based), whether to throw instead. */
function recordingSender(fail: (call: number) => Error | undefined = () => undefined) {
  const calls: Array<[string, string]> = [];
  const send: CallbackSender = async (callbackId, result) => {
    calls.push([callbackId, result]);
    const err = fail(calls.length);
    if (err) throw err;
  };
  return { send, calls };
}

const awsError = (name: string, message: string) => Object.assign(new Error(message), { name });

describe("approver (plain function)", () => {
  it("sends an approval once, with the decision as JSON", async () => {
    const sender = recordingSender();
    const result = await createApprover(sender.send)({
      callbackId: "cb-123",
      approved: true,
      approver: "alice",
      comment: "fine",
    });
    assert.deepEqual(result, { callbackId: "cb-123", approved: true, sent: true });
    assert.deepEqual(sender.calls, [["cb-123", '{"approved":true,"approver":"alice","comment":"fine"}']]);
  });

  it("sends a rejection as a successful callback with approved: false", async () => {
    const sender = recordingSender();
    const result = await createApprover(sender.send)({ callbackId: "cb-9", approved: false, approver: "bob" });
    assert.deepEqual(result, { callbackId: "cb-9", approved: false, sent: true });
    assert.deepEqual(sender.calls, [["cb-9", '{"approved":false,"approver":"bob"}']]);
  });

  it("fails on an incomplete event before any AWS call", async () => {
    const sender = recordingSender();
    const approve = createApprover(sender.send);
    const bad: Array<[unknown, RegExp]> = [
      [null, /event must be an object/],
      [{ approved: true, approver: "a" }, /callbackId is required/],
      [{ callbackId: "cb", approver: "a" }, /approved must be true or false/],
      [{ callbackId: "cb", approved: "yes", approver: "a" }, /approved must be true or false/],
      [{ callbackId: "cb", approved: true }, /approver is required/],
      [{ callbackId: "cb", approved: true, approver: "a", comment: 7 }, /comment must be a string/],
    ];
    for (const [event, message] of bad) {
      await assert.rejects(approve(event as never), { name: "TypeError", message }, JSON.stringify(event));
    }
    assert.deepEqual(sender.calls, []);
  });

  it("fails the invocation with the AWS error, after one call, when the callback already timed out", async () => {
    const sender = recordingSender(() => awsError("CallbackTimeoutException", "callback timed out"));
    await assert.rejects(createApprover(sender.send)({ callbackId: "cb-old", approved: true, approver: "a" }), {
      name: "CallbackTimeoutException",
      message: "callback timed out",
    });
    assert.equal(sender.calls.length, 1);
  });

  it("builds a SendDurableExecutionCallbackSuccess request with the decision as JSON bytes", async () => {
    const commands: SendDurableExecutionCallbackSuccessCommand[] = [];
    // A stand-in for LambdaClient: records the command instead of calling AWS.
    const client = {
      async send(command: SendDurableExecutionCallbackSuccessCommand) {
        commands.push(command);
        return {};
      },
    };
    await createApprover(lambdaCallbackSender(client))({
      callbackId: "cb-123",
      approved: true,
      approver: "alice",
      comment: "fine",
    });

    assert.equal(commands.length, 1);
    const [command] = commands;
    assert.ok(command instanceof SendDurableExecutionCallbackSuccessCommand);
    assert.equal(command.input.CallbackId, "cb-123");
    assert.ok(command.input.Result instanceof Uint8Array);
    assert.deepEqual(JSON.parse(new TextDecoder().decode(command.input.Result as Uint8Array)), {
      approved: true,
      approver: "alice",
      comment: "fine",
    });
  });
});

describe("approver and order processor together", () => {
  useDurableTestEnvironment();

  let orders: LocalDurableTestRunner<OrderResult> | undefined;
  afterEach(() => orders?.reset());

  it("completes the order processor's callback, and the saga goes on to ship the order", async () => {
    const approvals: string[] = [];
    const services: OrderServices = {
      reserveInventory: async (order) => ({ reservationId: `res-${order.orderId}` }),
      releaseInventory: async () => {},
      chargePayment: async (order) => ({
        paymentId: `pay-${order.orderId}`,
        amountCents: order.amountCents,
        currency: order.currency,
      }),
      refundPayment: async () => {},
      shipOrder: async (order) => ({ trackingNumber: `trk-${order.orderId}`, carrier: "test" }),
      confirmDelivery: async () => ({ delivered: true }),
      requestApproval: async (request) => {
        approvals.push(request.callbackId);
      },
    };
    orders = new LocalDurableTestRunner<OrderResult>({
      handlerFunction: createOrderProcessor(services, () => ({ ...DEFAULT_CONFIG, approvalThresholdCents: 1_000 })),
    });
    const running = orders.run({
      payload: { orderId: "o-9", customerId: "c-9", items: [{ sku: "tv", quantity: 1 }], amountCents: 150_000 },
    });

    const approval = orders.getOperation("manager-approval");
    await approval.waitForData(WaitingOperationStatus.SUBMITTED);
    const callbackId = approval.getCallbackDetails()?.callbackId;
    assert.ok(callbackId, "the callback has an id");
    assert.deepEqual(approvals, [callbackId]);

    // The real approver handler; its one AWS call is routed to the order
    // processor's local backend.
    const sender = recordingSender();
    const approve = createApprover(async (id, result) => {
      await sender.send(id, result);
      await approval.sendCallbackSuccess(result);
    });
    assert.deepEqual(await approve({ callbackId, approved: true, approver: "alice" }), {
      callbackId,
      approved: true,
      sent: true,
    });
    assert.deepEqual(sender.calls, [[callbackId, '{"approved":true,"approver":"alice"}']]);

    const execution = await running;
    assert.equal(execution.getStatus(), "SUCCEEDED");
    assert.deepEqual(execution.getResult(), {
      orderId: "o-9",
      status: "COMPLETED",
      reservationId: "res-o-9",
      paymentId: "pay-o-9",
      trackingNumber: "trk-o-9",
      delivered: true,
      approvedBy: "alice",
    });
    // The callback's result, as the order processor received it (the runner parses the JSON).
    assert.deepEqual(approval.getCallbackDetails()?.result, { approved: true, approver: "alice" });
  });
});
