import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { SendDurableExecutionCallbackSuccessCommand } from "@aws-sdk/client-lambda";
import { withDurableExecution, type DurableLambdaHandler } from "@aws/durable-execution-sdk-js";
import {
  LocalDurableTestRunner,
  OperationStatus,
  OperationType,
  WaitingOperationStatus,
  type DurableOperation,
} from "@aws/durable-execution-sdk-js-testing";
import {
  approverWorkflow,
  createApproverHandler,
  lambdaCallbackSender,
  SEND_CALLBACK_STEP,
  type ApproverEvent,
  type ApproverResult,
  type CallbackSender,
} from "../dist/approver.js";
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

const names = (ops: DurableOperation[]) => ops.map((o) => o.getName());

describe("approver (durable function)", () => {
  useDurableTestEnvironment();

  // Each test makes its own runner(s); all of them are reset afterwards.
  const runners: LocalDurableTestRunner[] = [];
  const newRunner = <T = ApproverResult>(handlerFunction: DurableLambdaHandler) => {
    const runner = new LocalDurableTestRunner<T>({ handlerFunction });
    runners.push(runner);
    return runner;
  };
  afterEach(() => {
    for (const runner of runners.splice(0)) runner.reset();
  });

  it("sends the decision exactly once, inside the send-callback step", async () => {
    const sender = recordingSender();
    const runner = newRunner(createApproverHandler(sender.send));

    const execution = await runner.run({
      payload: { callbackId: "cb-123", approved: true, approver: "alice", comment: "fine" },
    });

    assert.equal(execution.getStatus(), "SUCCEEDED");
    assert.deepEqual(execution.getResult(), { callbackId: "cb-123", approved: true, sent: true });
    assert.deepEqual(sender.calls, [["cb-123", '{"approved":true,"approver":"alice","comment":"fine"}']]);

    // One durable operation: the step, which ran (and succeeded) at its first attempt.
    assert.deepEqual(names(execution.getOperations()), [SEND_CALLBACK_STEP]);
    const step = runner.getOperation(SEND_CALLBACK_STEP);
    assert.equal(step.getType(), OperationType.STEP);
    assert.equal(step.getStatus(), OperationStatus.SUCCEEDED);
    assert.equal(step.getStepDetails()?.attempt, 1);
    assert.deepEqual(step.getStepDetails()?.result, { callbackId: "cb-123", approved: true, sent: true });
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
    const runner = newRunner(createApproverHandler(lambdaCallbackSender(client)));

    const execution = await runner.run({
      payload: { callbackId: "cb-123", approved: true, approver: "alice", comment: "fine" },
    });

    assert.equal(execution.getStatus(), "SUCCEEDED");
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

  it("sends a rejection as a successful callback with approved: false", async () => {
    const sender = recordingSender();
    const runner = newRunner(createApproverHandler(sender.send));
    const execution = await runner.run({ payload: { callbackId: "cb-9", approved: false, approver: "bob" } });
    assert.equal(execution.getStatus(), "SUCCEEDED");
    assert.deepEqual(execution.getResult(), { callbackId: "cb-9", approved: false, sent: true });
    assert.deepEqual(sender.calls, [["cb-9", '{"approved":false,"approver":"bob"}']]);
  });

  it("fails the execution on an incomplete event, before any step and without calling AWS", async () => {
    const sender = recordingSender();
    const bad: Array<[unknown, RegExp]> = [
      [null, /event must be an object/],
      [{ approved: true, approver: "a" }, /callbackId is required/],
      [{ callbackId: "cb", approver: "a" }, /approved must be true or false/],
      [{ callbackId: "cb", approved: "yes", approver: "a" }, /approved must be true or false/],
      [{ callbackId: "cb", approved: true }, /approver is required/],
      [{ callbackId: "cb", approved: true, approver: "a", comment: 7 }, /comment must be a string/],
    ];
    for (const [payload, message] of bad) {
      const runner = newRunner(createApproverHandler(sender.send));
      const execution = await runner.run({ payload });
      const what = JSON.stringify(payload);
      assert.equal(execution.getStatus(), "FAILED", what);
      assert.match(execution.getError().errorMessage ?? "", message, what);
      assert.equal(execution.getError().errorType, "TypeError", what);
      assert.deepEqual(execution.getOperations(), [], what);
      // Failed, not retried: a bad event does not get better.
      assert.equal(execution.getInvocations().length, 1, what);
    }
    assert.deepEqual(sender.calls, []);
  });

  it("does not send again when the execution replays past the step", async () => {
    const sender = recordingSender();
    // The approver's own workflow followed by a wait: the wait suspends the
    // execution, and Lambda (here the local runner) invokes the function again,
    // which replays the workflow from the start, send-callback included.
    const workflow = approverWorkflow(sender.send);
    const runner = newRunner(
      withDurableExecution<ApproverEvent, ApproverResult>(async (event, context) => {
        const result = await workflow(event, context);
        await context.wait("suspend-and-replay", { seconds: 30 });
        return result;
      }),
    );

    const execution = await runner.run({ payload: { callbackId: "cb-7", approved: true, approver: "carol" } });

    assert.equal(execution.getStatus(), "SUCCEEDED");
    assert.deepEqual(execution.getResult(), { callbackId: "cb-7", approved: true, sent: true });
    assert.ok(execution.getInvocations().length >= 2, `invocations: ${execution.getInvocations().length}`);
    assert.deepEqual(names(execution.getOperations()), [SEND_CALLBACK_STEP, "suspend-and-replay"]);
    // The replay read the step's checkpointed result: the callback went out once.
    assert.deepEqual(sender.calls, [["cb-7", '{"approved":true,"approver":"carol"}']]);
    assert.equal(runner.getOperation(SEND_CALLBACK_STEP).getStepDetails()?.attempt, 1);
  });

  it("retries a throttled send, and sends once it goes through", async () => {
    const sender = recordingSender((call) =>
      call === 1 ? awsError("TooManyRequestsException", "Rate exceeded") : undefined,
    );
    const runner = newRunner(createApproverHandler(sender.send));

    const execution = await runner.run({ payload: { callbackId: "cb-5", approved: true, approver: "dave" } });

    assert.equal(execution.getStatus(), "SUCCEEDED");
    assert.equal(sender.calls.length, 2, "one throttled attempt, one that went through");
    const step = runner.getOperation(SEND_CALLBACK_STEP);
    assert.equal(step.getStatus(), OperationStatus.SUCCEEDED);
    assert.equal(step.getStepDetails()?.attempt, 2);
  });

  it("fails the execution, without retrying, when the callback already timed out", async () => {
    const sender = recordingSender(() => awsError("CallbackTimeoutException", "callback timed out"));
    const runner = newRunner(createApproverHandler(sender.send));

    const execution = await runner.run({ payload: { callbackId: "cb-old", approved: true, approver: "a" } });

    assert.equal(execution.getStatus(), "FAILED");
    assert.match(execution.getError().errorMessage ?? "", /callback timed out/);
    assert.equal(sender.calls.length, 1);
    assert.equal(runner.getOperation(SEND_CALLBACK_STEP).getStatus(), OperationStatus.FAILED);
  });

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
    const orders = newRunner<OrderResult>(
      createOrderProcessor(services, () => ({ ...DEFAULT_CONFIG, approvalThresholdCents: 1_000 })),
    );
    const running = orders.run({
      payload: { orderId: "o-9", customerId: "c-9", items: [{ sku: "tv", quantity: 1 }], amountCents: 150_000 },
    });

    const approval = orders.getOperation("manager-approval");
    await approval.waitForData(WaitingOperationStatus.SUBMITTED);
    const callbackId = approval.getCallbackDetails()?.callbackId;
    assert.ok(callbackId, "the callback has an id");
    assert.deepEqual(approvals, [callbackId]);

    // The real approver, as a durable execution of its own; its one AWS call is
    // routed to the order processor's local backend.
    const sender = recordingSender();
    const approver = newRunner(
      createApproverHandler(async (id, result) => {
        await sender.send(id, result);
        await orders.getOperation("manager-approval").sendCallbackSuccess(result);
      }),
    );
    const approved = await approver.run({ payload: { callbackId, approved: true, approver: "alice" } });
    assert.equal(approved.getStatus(), "SUCCEEDED");
    assert.deepEqual(approved.getResult(), { callbackId, approved: true, sent: true });
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
    assert.deepEqual(orders.getOperation("manager-approval").getCallbackDetails()?.result, {
      approved: true,
      approver: "alice",
    });
  });
});
