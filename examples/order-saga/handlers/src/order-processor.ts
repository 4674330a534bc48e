/**
 * order-processor: a durable order saga.
 *
 *   reserve-inventory
 *   -> manager-approval (waitForCallback, only for orders at or above the threshold)
 *   -> charge-payment
 *   -> payment-settlement (wait)
 *   -> ship-order
 *   -> delivery-window (wait)
 *   -> confirm-delivery
 *
 * Compensation: when a later step fails, the steps that already succeeded are
 * undone in reverse order (refund-payment, release-inventory), each as its own
 * durable step, and the execution then fails with an OrderFailedError so that
 * the failure is visible (DurableExecutionFailed metric, dead-letter queue).
 * A rejected or timed-out approval releases the inventory and ends SUCCEEDED
 * with status "REJECTED": that is a business outcome, not a fault.
 *
 * Lambda handler string: order-processor.handler (code: examples/order-saga/handlers/dist)
 */
import {
  CallbackError,
  createRetryStrategy,
  withDurableExecution,
  type DurableContext,
  type DurableLambdaHandler,
  type Duration,
} from "@aws/durable-execution-sdk-js";
import { createHash } from "node:crypto";

export interface OrderItem {
  sku: string;
  quantity: number;
}

export interface OrderEvent {
  orderId: string;
  customerId: string;
  items: OrderItem[];
  amountCents: number;
  currency?: string;
  /**
   * Only honoured by the simulated services of this example, so that a deployed
   * stack can demonstrate compensation: "payment" or "shipping" makes that step fail.
   */
  simulateFailure?: "payment" | "shipping";
}

export interface Order extends OrderEvent {
  currency: string;
}

export interface Reservation {
  reservationId: string;
}

export interface Payment {
  paymentId: string;
  amountCents: number;
  currency: string;
}

export interface Shipment {
  trackingNumber: string;
  carrier: string;
}

export interface Delivery {
  delivered: boolean;
}

/** What the approver sends back through SendDurableExecutionCallbackSuccess (as JSON). */
export interface ApprovalDecision {
  approved: boolean;
  approver: string;
  comment?: string;
}

/** What the order processor hands to whoever must approve. */
export interface ApprovalRequest {
  callbackId: string;
  orderId: string;
  customerId: string;
  amountCents: number;
  currency: string;
  /** The function that completes the callback (APPROVER_FUNCTION_NAME), if configured. */
  approverFunction?: string;
}

/**
 * The side effects of the saga. Each method receives an idempotency key that is
 * stable across retries and replays, so a real implementation can pass it to the
 * downstream system and make an at-least-once step safe.
 */
export interface OrderServices {
  reserveInventory(order: Order, idempotencyKey: string): Promise<Reservation>;
  releaseInventory(reservation: Reservation, idempotencyKey: string): Promise<void>;
  chargePayment(order: Order, idempotencyKey: string): Promise<Payment>;
  refundPayment(payment: Payment, idempotencyKey: string): Promise<void>;
  shipOrder(order: Order, payment: Payment, idempotencyKey: string): Promise<Shipment>;
  confirmDelivery(shipment: Shipment, idempotencyKey: string): Promise<Delivery>;
  requestApproval(request: ApprovalRequest): Promise<void>;
}

export interface OrderProcessorConfig {
  /** Orders with amountCents >= this need a human approval. */
  approvalThresholdCents: number;
  /** How long an approval may take before the order is rejected. */
  approvalTimeout: Duration;
  /** Pause between charging and shipping. */
  paymentSettlement: Duration;
  /** Pause between shipping and confirming the delivery. */
  deliveryWindow: Duration;
  /** Passed to the approver in the approval request. */
  approverFunction?: string;
  /** Attempts (first one included) for the forward steps. */
  maxAttempts: number;
}

export type OrderResult =
  | {
      orderId: string;
      status: "COMPLETED";
      reservationId: string;
      paymentId: string;
      trackingNumber: string;
      delivered: boolean;
      approvedBy?: string;
    }
  | {
      orderId: string;
      status: "REJECTED";
      reason: string;
      compensations: string[];
    };

/** Thrown (after compensating) when the saga cannot complete. */
export class OrderFailedError extends Error {
  override readonly name = "OrderFailedError";
  constructor(
    message: string,
    readonly compensations: string[],
  ) {
    super(message);
  }
}

export const DEFAULT_CONFIG: OrderProcessorConfig = {
  approvalThresholdCents: 100_000,
  approvalTimeout: { hours: 24 },
  paymentSettlement: { hours: 1 },
  deliveryWindow: { days: 3 },
  maxAttempts: 3,
};

/**
 * Reads the function's environment. Lambda environment variables belong to the
 * published version an execution is pinned to, so they are stable across replays.
 *
 *   APPROVAL_THRESHOLD_CENTS  default 100000
 *   APPROVAL_TIMEOUT_HOURS    default 24
 *   APPROVER_FUNCTION_NAME    optional, echoed in the approval request
 */
export function configFromEnv(env: NodeJS.ProcessEnv): OrderProcessorConfig {
  return {
    ...DEFAULT_CONFIG,
    approvalThresholdCents: positiveInt(env.APPROVAL_THRESHOLD_CENTS, DEFAULT_CONFIG.approvalThresholdCents, "APPROVAL_THRESHOLD_CENTS"),
    approvalTimeout: { hours: positiveInt(env.APPROVAL_TIMEOUT_HOURS, 24, "APPROVAL_TIMEOUT_HOURS") },
    approverFunction: env.APPROVER_FUNCTION_NAME || undefined,
  };
}

function positiveInt(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

export function validateOrder(event: OrderEvent): Order {
  if (!event || typeof event !== "object") throw new TypeError("order event must be an object");
  if (typeof event.orderId !== "string" || event.orderId === "") throw new TypeError("orderId is required");
  if (typeof event.customerId !== "string" || event.customerId === "") throw new TypeError("customerId is required");
  if (!Array.isArray(event.items) || event.items.length === 0) throw new TypeError("items must be a non-empty array");
  for (const item of event.items) {
    if (typeof item?.sku !== "string" || !Number.isInteger(item.quantity) || item.quantity <= 0) {
      throw new TypeError(`invalid item ${JSON.stringify(item)}`);
    }
  }
  if (!Number.isInteger(event.amountCents) || event.amountCents <= 0) throw new TypeError("amountCents must be a positive integer");
  return { ...event, currency: event.currency ?? "USD" };
}

/** Parses the callback result; anything that is not a clear approval counts as a rejection. */
export function parseDecision(raw: string | undefined): ApprovalDecision {
  try {
    const value: unknown = JSON.parse(raw ?? "");
    if (value && typeof value === "object" && typeof (value as ApprovalDecision).approved === "boolean") {
      const v = value as ApprovalDecision;
      return { approved: v.approved, approver: String(v.approver ?? "unknown"), comment: v.comment };
    }
  } catch {
    // fall through
  }
  return { approved: false, approver: "unknown", comment: `unreadable approval payload: ${String(raw).slice(0, 200)}` };
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: unknown }).cause;
    return cause instanceof Error && cause.message && cause.message !== err.message
      ? `${err.message}: ${cause.message}`
      : err.message;
  }
  return String(err);
}

/** Builds the durable handler around a set of services (the tests pass fakes). */
export function createOrderProcessor(
  services: OrderServices,
  getConfig: () => OrderProcessorConfig = () => configFromEnv(process.env),
): DurableLambdaHandler {
  return withDurableExecution<OrderEvent, OrderResult>(async (event, context) => {
    const config = getConfig();
    const order = validateOrder(event);
    return runSaga(order, context, services, config);
  });
}

async function runSaga(
  order: Order,
  context: DurableContext,
  services: OrderServices,
  config: OrderProcessorConfig,
): Promise<OrderResult> {
  const key = (what: string) => `${order.orderId}:${what}`;
  const forward = createRetryStrategy({
    maxAttempts: config.maxAttempts,
    initialDelay: { seconds: 5 },
    maxDelay: { minutes: 1 },
  });
  // Undo steps must not give up easily: an unreleased reservation or an
  // unrefunded charge is worse than a slow one.
  const undo = createRetryStrategy({
    maxAttempts: 10,
    initialDelay: { seconds: 5 },
    maxDelay: { minutes: 5 },
  });

  // Compensations registered so far, run in reverse order.
  const compensations: Array<{ name: string; run: () => Promise<void> }> = [];
  const compensate = async (): Promise<string[]> => {
    const done: string[] = [];
    for (const c of [...compensations].reverse()) {
      await context.step(c.name, c.run, { retryStrategy: undo });
      done.push(c.name);
    }
    return done;
  };
  const failAfterCompensating = async (what: string, err: unknown): Promise<never> => {
    const done = await compensate();
    context.logger.error("order failed, compensated", { orderId: order.orderId, what, compensations: done });
    throw new OrderFailedError(`order ${order.orderId}: ${what} failed (${errorMessage(err)}); compensated: ${done.join(", ") || "nothing"}`, done);
  };

  // 1. Reserve the goods.
  const reservation = await context.step(
    "reserve-inventory",
    async () => services.reserveInventory(order, key("reserve")),
    { retryStrategy: forward },
  );
  compensations.push({
    name: "release-inventory",
    run: () => services.releaseInventory(reservation, key("release")),
  });

  // 2. Large orders wait for a person. The callback id goes to the approver;
  //    the approver function completes it with SendDurableExecutionCallbackSuccess.
  let approvedBy: string | undefined;
  if (order.amountCents >= config.approvalThresholdCents) {
    let decision: ApprovalDecision;
    try {
      const raw = await context.waitForCallback<string>(
        "manager-approval",
        async (callbackId) => {
          await services.requestApproval({
            callbackId,
            orderId: order.orderId,
            customerId: order.customerId,
            amountCents: order.amountCents,
            currency: order.currency,
            approverFunction: config.approverFunction,
          });
        },
        { timeout: config.approvalTimeout },
      );
      decision = parseDecision(raw);
    } catch (err) {
      if (!(err instanceof CallbackError)) throw err;
      // Timed out, or the approver sent SendDurableExecutionCallbackFailure.
      decision = { approved: false, approver: "none", comment: errorMessage(err) };
    }
    if (!decision.approved) {
      const done = await compensate();
      return {
        orderId: order.orderId,
        status: "REJECTED",
        reason: `not approved by ${decision.approver}${decision.comment ? `: ${decision.comment}` : ""}`,
        compensations: done,
      };
    }
    approvedBy = decision.approver;
  }

  // 3. Take the money.
  let payment: Payment;
  try {
    payment = await context.step("charge-payment", async () => services.chargePayment(order, key("charge")), {
      retryStrategy: forward,
    });
  } catch (err) {
    return failAfterCompensating("charge-payment", err);
  }
  compensations.push({
    name: "refund-payment",
    run: () => services.refundPayment(payment, key("refund")),
  });

  // 4. Let the payment settle before anything leaves the warehouse.
  await context.wait("payment-settlement", config.paymentSettlement);

  // 5. Ship.
  let shipment: Shipment;
  try {
    shipment = await context.step("ship-order", async () => services.shipOrder(order, payment, key("ship")), {
      retryStrategy: forward,
    });
  } catch (err) {
    return failAfterCompensating("ship-order", err);
  }

  // 6. Give the carrier a few days, then record the delivery.
  await context.wait("delivery-window", config.deliveryWindow);
  const delivery = await context.step("confirm-delivery", async () => services.confirmDelivery(shipment, key("delivery")), {
    retryStrategy: forward,
  });

  return {
    orderId: order.orderId,
    status: "COMPLETED",
    reservationId: reservation.reservationId,
    paymentId: payment.paymentId,
    trackingNumber: shipment.trackingNumber,
    delivered: delivery.delivered,
    ...(approvedBy !== undefined ? { approvedBy } : {}),
  };
}

const shortId = (prefix: string, key: string) =>
  `${prefix}-${createHash("sha256").update(key).digest("hex").slice(0, 12)}`;

/**
 * Stand-ins for an inventory, a payment and a shipping system: deterministic ids
 * derived from the idempotency keys, and structured log lines. requestApproval logs
 * the callback id together with the payload the approver function expects, which is
 * how a person (or a ticketing integration reading the logs) gets to approve.
 */
export const simulatedServices: OrderServices = {
  async reserveInventory(order, idempotencyKey) {
    log("INVENTORY_RESERVED", { orderId: order.orderId, items: order.items });
    return { reservationId: shortId("res", idempotencyKey) };
  },
  async releaseInventory(reservation) {
    log("INVENTORY_RELEASED", { reservationId: reservation.reservationId });
  },
  async chargePayment(order, idempotencyKey) {
    if (order.simulateFailure === "payment") throw new Error("card declined (simulated)");
    log("PAYMENT_CHARGED", { orderId: order.orderId, amountCents: order.amountCents, currency: order.currency });
    return { paymentId: shortId("pay", idempotencyKey), amountCents: order.amountCents, currency: order.currency };
  },
  async refundPayment(payment) {
    log("PAYMENT_REFUNDED", { paymentId: payment.paymentId, amountCents: payment.amountCents });
  },
  async shipOrder(order, _payment, idempotencyKey) {
    if (order.simulateFailure === "shipping") throw new Error("carrier rejected the parcel (simulated)");
    log("ORDER_SHIPPED", { orderId: order.orderId });
    return { trackingNumber: shortId("trk", idempotencyKey), carrier: "example-carrier" };
  },
  async confirmDelivery(shipment) {
    log("DELIVERY_CONFIRMED", { trackingNumber: shipment.trackingNumber });
    return { delivered: true };
  },
  async requestApproval(request) {
    log("APPROVAL_REQUESTED", {
      ...request,
      completeWith: {
        function: request.approverFunction ?? "<the Approver function>",
        payload: { callbackId: request.callbackId, approved: true, approver: "<your name>" },
      },
    });
  },
};

function log(type: string, data: Record<string, unknown>): void {
  console.log(JSON.stringify({ type, ...data }));
}

/** The Lambda entry point. */
export const handler: DurableLambdaHandler = createOrderProcessor(simulatedServices);
