import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  LocalDurableTestRunner,
  OperationStatus,
  WaitingOperationStatus,
  type DurableOperation,
} from "@aws/durable-execution-sdk-js-testing";
import {
  createOrderProcessor,
  DEFAULT_CONFIG,
  type ApprovalRequest,
  type OrderEvent,
  type OrderProcessorConfig,
  type OrderResult,
  type OrderServices,
} from "../dist/order-processor.js";
import { createApprover } from "../dist/approver.js";
import { useDurableTestEnvironment } from "./durable-test-env.js";

/** Fake services that record every call, so replays can be told apart from re-executions. */
function fakeServices(fail: { payment?: number; shipping?: number } = {}) {
  const calls: string[] = [];
  const approvals: ApprovalRequest[] = [];
  let paymentFailures = fail.payment ?? 0;
  let shippingFailures = fail.shipping ?? 0;
  const services: OrderServices = {
    async reserveInventory(order, key) {
      calls.push(`reserve:${key}`);
      return { reservationId: `res-${order.orderId}` };
    },
    async releaseInventory(reservation, key) {
      calls.push(`release:${key}:${reservation.reservationId}`);
    },
    async chargePayment(order, key) {
      calls.push(`charge:${key}`);
      if (paymentFailures-- > 0) throw new Error("card declined");
      return { paymentId: `pay-${order.orderId}`, amountCents: order.amountCents, currency: order.currency };
    },
    async refundPayment(payment, key) {
      calls.push(`refund:${key}:${payment.paymentId}`);
    },
    async shipOrder(order, _payment, key) {
      calls.push(`ship:${key}`);
      if (shippingFailures-- > 0) throw new Error("no carrier available");
      return { trackingNumber: `trk-${order.orderId}`, carrier: "test" };
    },
    async confirmDelivery(shipment, key) {
      calls.push(`deliver:${key}:${shipment.trackingNumber}`);
      return { delivered: true };
    },
    async requestApproval(request) {
      calls.push(`approval-requested:${request.orderId}`);
      approvals.push(request);
    },
  };
  return { services, calls, approvals };
}

const config: OrderProcessorConfig = {
  ...DEFAULT_CONFIG,
  approvalThresholdCents: 50_000,
  approverFunction: "approver-fn",
  maxAttempts: 3,
};

const smallOrder: OrderEvent = {
  orderId: "o-1",
  customerId: "c-1",
  items: [{ sku: "book", quantity: 2 }],
  amountCents: 4_200,
};
const largeOrder: OrderEvent = {
  orderId: "o-2",
  customerId: "c-2",
  items: [{ sku: "laptop", quantity: 1 }],
  amountCents: 250_000,
  currency: "EUR",
};

const names = (ops: DurableOperation[]) => ops.map((o) => o.getName());

describe("order-processor (durable saga)", () => {
  useDurableTestEnvironment();

  let fake: ReturnType<typeof fakeServices>;
  let runner: LocalDurableTestRunner<OrderResult>;
  const newRunner = (f = fakeServices()) => {
    fake = f;
    runner = new LocalDurableTestRunner<OrderResult>({
      handlerFunction: createOrderProcessor(fake.services, () => config),
    });
  };
  beforeEach(() => newRunner());
  afterEach(() => runner.reset());

  it("completes a small order without approval, each side effect exactly once across replays", async () => {
    const execution = await runner.run({ payload: smallOrder });

    assert.equal(execution.getStatus(), "SUCCEEDED");
    assert.deepEqual(execution.getResult(), {
      orderId: "o-1",
      status: "COMPLETED",
      reservationId: "res-o-1",
      paymentId: "pay-o-1",
      trackingNumber: "trk-o-1",
      delivered: true,
    });

    // The waits suspend the function, so it was invoked (and replayed) more than once...
    assert.ok(execution.getInvocations().length >= 2, `invocations: ${execution.getInvocations().length}`);
    // ...but each step ran once: replays read the checkpointed results.
    assert.deepEqual(fake.calls, [
      "reserve:o-1:reserve",
      "charge:o-1:charge",
      "ship:o-1:ship",
      "deliver:o-1:delivery:trk-o-1",
    ]);

    assert.deepEqual(names(execution.getOperations()), [
      "reserve-inventory",
      "charge-payment",
      "payment-settlement",
      "ship-order",
      "delivery-window",
      "confirm-delivery",
    ]);
    assert.equal(runner.getOperation("payment-settlement").getWaitDetails()?.waitSeconds, 3600);
    assert.equal(runner.getOperation("delivery-window").getWaitDetails()?.waitSeconds, 3 * 24 * 3600);
    assert.deepEqual(runner.getOperation("charge-payment").getStepDetails()?.result, {
      paymentId: "pay-o-1",
      amountCents: 4_200,
      currency: "USD",
    });
    for (const op of execution.getOperations()) assert.equal(op.getStatus(), OperationStatus.SUCCEEDED, op.getName());
  });

  it("is deterministic: a second execution of the same order uses the same idempotency keys", async () => {
    const first = await runner.run({ payload: smallOrder });
    const firstCalls = [...fake.calls];
    runner.reset();
    newRunner();
    const second = await runner.run({ payload: smallOrder });
    assert.deepEqual(second.getResult(), first.getResult());
    assert.deepEqual(fake.calls, firstCalls);
  });

  it("waits for the approver, who completes the callback through SendDurableExecutionCallbackSuccess", async () => {
    const running = runner.run({ payload: largeOrder });

    const approval = runner.getOperation("manager-approval");
    await approval.waitForData(WaitingOperationStatus.SUBMITTED);
    const callbackId = approval.getCallbackDetails()?.callbackId;
    assert.ok(callbackId, "the callback has an id");

    // The submitter handed exactly that id to the approval channel.
    assert.equal(fake.approvals.length, 1);
    assert.deepEqual(fake.approvals[0], {
      callbackId,
      orderId: "o-2",
      customerId: "c-2",
      amountCents: 250_000,
      currency: "EUR",
      approverFunction: "approver-fn",
    });
    // Nothing is charged before the approval arrives.
    assert.ok(!fake.calls.some((c) => c.startsWith("charge:")));

    // The approver Lambda handler, with its one AWS call routed to the local backend.
    const sent: Array<{ id: string; result: string }> = [];
    const approver = createApprover(async (id, result) => {
      sent.push({ id, result });
      await runner.getOperation("manager-approval").sendCallbackSuccess(result);
    });
    const reply = await approver({ callbackId: fake.approvals[0].callbackId, approved: true, approver: "alice" });
    assert.deepEqual(reply, { callbackId, approved: true, sent: true });
    assert.deepEqual(sent, [{ id: callbackId, result: '{"approved":true,"approver":"alice"}' }]);

    const execution = await running;
    assert.equal(execution.getStatus(), "SUCCEEDED");
    const result = execution.getResult();
    assert.equal(result?.status, "COMPLETED");
    assert.equal(result?.status === "COMPLETED" && result.approvedBy, "alice");
    assert.deepEqual(
      fake.calls.filter((c) => !c.startsWith("approval")),
      ["reserve:o-2:reserve", "charge:o-2:charge", "ship:o-2:ship", "deliver:o-2:delivery:trk-o-2"],
    );
    // The approval was requested once, although the function replayed past it.
    assert.equal(fake.calls.filter((c) => c.startsWith("approval-requested")).length, 1);
    // The function suspended (at least) for the callback and was invoked again; how many
    // times depends on timing in the local backend, so only "more than once" is asserted.
    assert.ok(execution.getInvocations().length >= 2, `invocations: ${execution.getInvocations().length}`);
  });

  it("releases the inventory when the approver rejects the order", async () => {
    const running = runner.run({ payload: largeOrder });
    const approval = runner.getOperation("manager-approval");
    await approval.waitForData(WaitingOperationStatus.SUBMITTED);
    await createApprover((_id, result) => approval.sendCallbackSuccess(result).then(() => undefined))({
      callbackId: approval.getCallbackDetails()!.callbackId,
      approved: false,
      approver: "bob",
      comment: "over budget",
    });

    const execution = await running;
    assert.equal(execution.getStatus(), "SUCCEEDED");
    assert.deepEqual(execution.getResult(), {
      orderId: "o-2",
      status: "REJECTED",
      reason: "not approved by bob: over budget",
      compensations: ["release-inventory"],
    });
    assert.deepEqual(
      fake.calls.filter((c) => !c.startsWith("approval")),
      ["reserve:o-2:reserve", "release:o-2:release:res-o-2"],
    );
    assert.equal(runner.getOperation("release-inventory").getStatus(), OperationStatus.SUCCEEDED);
  });

  it("treats a failed callback (SendDurableExecutionCallbackFailure) as a rejection", async () => {
    const running = runner.run({ payload: largeOrder });
    const approval = runner.getOperation("manager-approval");
    await approval.waitForData(WaitingOperationStatus.SUBMITTED);
    await approval.sendCallbackFailure({ ErrorMessage: "approval system down", ErrorType: "Unavailable" });

    const execution = await running;
    assert.equal(execution.getStatus(), "SUCCEEDED");
    const result = execution.getResult();
    assert.equal(result?.status, "REJECTED");
    assert.match(result?.status === "REJECTED" ? result.reason : "", /approval system down/);
    assert.ok(fake.calls.includes("release:o-2:release:res-o-2"));
    assert.ok(!fake.calls.some((c) => c.startsWith("charge:")));
  });

  it("compensates (release) and fails when the payment keeps failing", async () => {
    newRunner(fakeServices({ payment: Infinity }));
    const execution = await runner.run({ payload: smallOrder });

    assert.equal(execution.getStatus(), "FAILED");
    const error = execution.getError();
    assert.match(error.errorMessage ?? "", /charge-payment failed .*card declined.*compensated: release-inventory/);
    assert.equal(error.errorType, "OrderFailedError");

    // Retried up to maxAttempts, then compensated once; nothing after the failure ran.
    assert.deepEqual(fake.calls, [
      "reserve:o-1:reserve",
      "charge:o-1:charge",
      "charge:o-1:charge",
      "charge:o-1:charge",
      "release:o-1:release:res-o-1",
    ]);
    assert.equal(runner.getOperation("charge-payment").getStatus(), OperationStatus.FAILED);
    assert.equal(runner.getOperation("release-inventory").getStatus(), OperationStatus.SUCCEEDED);
  });

  it("recovers when a retry of the payment succeeds", async () => {
    newRunner(fakeServices({ payment: 1 }));
    const execution = await runner.run({ payload: smallOrder });
    assert.equal(execution.getStatus(), "SUCCEEDED");
    assert.equal(fake.calls.filter((c) => c.startsWith("charge:")).length, 2);
    assert.equal(runner.getOperation("charge-payment").getStepDetails()?.attempt, 2);
    assert.ok(!fake.calls.some((c) => c.startsWith("refund:") || c.startsWith("release:")));
  });

  it("refunds, then releases, in reverse order when shipping fails", async () => {
    newRunner(fakeServices({ shipping: Infinity }));
    const execution = await runner.run({ payload: smallOrder });

    assert.equal(execution.getStatus(), "FAILED");
    assert.match(
      execution.getError().errorMessage ?? "",
      /ship-order failed .*no carrier available.*compensated: refund-payment, release-inventory/,
    );
    assert.deepEqual(
      fake.calls.filter((c) => !c.startsWith("ship:")),
      ["reserve:o-1:reserve", "charge:o-1:charge", "refund:o-1:refund:pay-o-1", "release:o-1:release:res-o-1"],
    );
    const order = names(execution.getOperations());
    assert.ok(order.indexOf("refund-payment") < order.indexOf("release-inventory"));
    assert.ok(!order.includes("delivery-window"));
  });

  it("takes a CheckoutCompleted event's detail, as the Checkout rule passes it (inputPath $.detail)", async () => {
    // What the checkout service publishes; the rule hands the function only
    // `detail`, which may carry fields of the checkout's own.
    const checkoutEvent = {
      version: "0",
      id: "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
      "detail-type": "CheckoutCompleted",
      source: "shop.checkout",
      account: "123456789012",
      time: "2026-11-30T08:00:00Z",
      region: "us-east-1",
      resources: [],
      detail: { ...smallOrder, checkoutId: "chk-1" },
    };
    const execution = await runner.run({ payload: checkoutEvent.detail });
    assert.equal(execution.getStatus(), "SUCCEEDED");
    assert.equal(execution.getResult()?.status, "COMPLETED");
    assert.equal(execution.getResult()?.orderId, "o-1");
  });

  it("rejects a whole EventBridge event (a rule without inputPath) before any durable operation", async () => {
    const execution = await runner.run({
      payload: { "detail-type": "CheckoutCompleted", source: "shop.checkout", detail: smallOrder },
    });
    assert.equal(execution.getStatus(), "FAILED");
    assert.match(execution.getError().errorMessage ?? "", /orderId is required/);
    assert.deepEqual(execution.getOperations(), []);
    assert.deepEqual(fake.calls, []);
  });

  it("rejects an invalid order before any durable operation", async () => {
    const execution = await runner.run({ payload: { orderId: "o-3", customerId: "c", items: [], amountCents: 1 } });
    assert.equal(execution.getStatus(), "FAILED");
    assert.match(execution.getError().errorMessage ?? "", /items must be a non-empty array/);
    assert.deepEqual(execution.getOperations(), []);
    assert.deepEqual(fake.calls, []);
  });
});
