import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { InvokeCommand } from "@aws-sdk/client-lambda";
import { LocalDurableTestRunner } from "@aws/durable-execution-sdk-js-testing";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import {
  createOrderApi,
  lambdaExecutionStarter,
  MAX_PAYLOAD_BYTES,
  processorArnFromEnv,
  type ExecutionStarter,
  type StartRequest,
  type StartResult,
} from "../dist/order-api.js";
import { createOrderProcessor, DEFAULT_CONFIG, type OrderResult, type OrderServices } from "../dist/order-processor.js";
import { useDurableTestEnvironment } from "./durable-test-env.js";

const ALIAS_ARN = "arn:aws:lambda:us-east-1:123456789012:function:OrderProcessor:live";
const EXECUTION_ARN =
  "arn:aws:lambda:us-east-1:123456789012:function:OrderProcessor:3/durable-execution/o-1/8f2a7c1e-0d4b-4c3a-9e1f-2b6d5a4c3e21";

/** A starter that records its calls; `answer` decides, per call (1-based), what it returns or throws. */
function recordingStarter(answer: (call: number) => StartResult | Error = () => ({})) {
  const calls: StartRequest[] = [];
  const start: ExecutionStarter = async (request) => {
    calls.push(request);
    const a = answer(calls.length);
    if (a instanceof Error) throw a;
    return a;
  };
  return { start, calls };
}

const awsError = (name: string, message: string) => Object.assign(new Error(message), { name });

/** An API Gateway HTTP API (payload format 2.0) request for POST /orders. */
function post(body: string | undefined, isBase64Encoded = false): APIGatewayProxyEventV2 {
  return {
    version: "2.0",
    routeKey: "POST /orders",
    rawPath: "/orders",
    rawQueryString: "",
    headers: { "content-type": "application/json" },
    requestContext: {
      accountId: "123456789012",
      apiId: "api",
      domainName: "api.execute-api.us-east-1.amazonaws.com",
      domainPrefix: "api",
      http: { method: "POST", path: "/orders", protocol: "HTTP/1.1", sourceIp: "192.0.2.1", userAgent: "test" },
      requestId: "req-1",
      routeKey: "POST /orders",
      stage: "$default",
      time: "30/Nov/2026:08:00:00 +0000",
      timeEpoch: 1_796_025_600_000,
    },
    isBase64Encoded,
    ...(body === undefined ? {} : { body }),
  };
}

const order = {
  orderId: "o-1",
  customerId: "c-1",
  items: [{ sku: "book", quantity: 2 }],
  amountCents: 250_000,
  currency: "EUR",
};

const api = (starter: ExecutionStarter) => createOrderApi(starter, () => ALIAS_ARN);
const bodyOf = (res: APIGatewayProxyStructuredResultV2) => JSON.parse(res.body ?? "");

describe("order-api (plain starter behind POST /orders)", () => {
  it("starts one execution on the alias with the order, and answers 202 with the execution ARN", async () => {
    const starter = recordingStarter(() => ({ durableExecutionArn: EXECUTION_ARN }));
    const res = await api(starter.start)(post(JSON.stringify(order)));

    assert.equal(res.statusCode, 202);
    assert.equal(res.headers?.["content-type"], "application/json");
    assert.deepEqual(bodyOf(res), {
      status: "ACCEPTED",
      orderId: "o-1",
      executionName: "o-1",
      durableExecutionArn: EXECUTION_ARN,
    });
    assert.deepEqual(starter.calls, [{ functionArn: ALIAS_ARN, executionName: "o-1", payload: JSON.stringify(order) }]);
  });

  it("answers 202 without an execution ARN when Lambda's response has none", async () => {
    const starter = recordingStarter();
    const res = await api(starter.start)(post(JSON.stringify(order)));
    assert.equal(res.statusCode, 202);
    assert.deepEqual(bodyOf(res), { status: "ACCEPTED", orderId: "o-1", executionName: "o-1" });
    assert.equal(starter.calls.length, 1);
  });

  it("reads a base64-encoded body", async () => {
    const starter = recordingStarter();
    const res = await api(starter.start)(post(Buffer.from(JSON.stringify(order)).toString("base64"), true));
    assert.equal(res.statusCode, 202);
    assert.equal(starter.calls[0]?.payload, JSON.stringify(order));
  });

  it("sends the order in one canonical form, so that a retried POST sends the same payload", async () => {
    const starter = recordingStarter();
    const reordered = { currency: "EUR", amountCents: 250_000, items: [{ quantity: 2, sku: "book" }], customerId: "c-1", orderId: "o-1" };
    await api(starter.start)(post(JSON.stringify(order)));
    await api(starter.start)(post(JSON.stringify(reordered, null, 2)));
    assert.equal(starter.calls.length, 2);
    assert.equal(starter.calls[1]?.payload, starter.calls[0]?.payload);
  });

  it("answers 400 with every problem, before any AWS call, for a body that is not an order", async () => {
    const starter = recordingStarter();
    const handle = api(starter.start);
    const bad: Array<[string | undefined, string[]]> = [
      [undefined, ["a JSON body is required"]],
      ["", ["a JSON body is required"]],
      ["{orderId: o-1}", ["the body is not valid JSON"]],
      ["[]", ["the body must be a JSON object"]],
      ["null", ["the body must be a JSON object"]],
      [
        "{}",
        ["orderId is required", "customerId is required", "items must be a non-empty array", "amountCents must be a positive integer"],
      ],
      [JSON.stringify({ ...order, orderId: "order 1" }), ["orderId must be 1 to 64 letters, digits, - or _"]],
      [JSON.stringify({ ...order, orderId: "o".repeat(65) }), ["orderId must be 1 to 64 letters, digits, - or _"]],
      [JSON.stringify({ ...order, items: [] }), ["items must be a non-empty array"]],
      [
        JSON.stringify({ ...order, items: [{ sku: "", quantity: 1.5 }, "book", { sku: "pen", quantity: 1, colour: "red" }] }),
        [
          "items[0].sku is required",
          "items[0].quantity must be a positive integer",
          "items[1] must be an object",
          'items[2]: unknown key "colour" (allowed: sku, quantity)',
        ],
      ],
      [JSON.stringify({ ...order, amountCents: "250000" }), ["amountCents must be a positive integer"]],
      [JSON.stringify({ ...order, amountCents: 0 }), ["amountCents must be a positive integer"]],
      [JSON.stringify({ ...order, currency: "euro" }), ["currency must be a three-letter code such as EUR"]],
      [JSON.stringify({ ...order, simulateFailure: "inventory" }), ['simulateFailure must be "payment" or "shipping"']],
      [
        JSON.stringify({ ...order, coupon: "X" }),
        ['unknown key "coupon" (allowed: orderId, customerId, items, amountCents, currency, simulateFailure)'],
      ],
    ];
    for (const [body, errors] of bad) {
      const res = await handle(post(body));
      assert.equal(res.statusCode, 400, String(body));
      assert.deepEqual(bodyOf(res), { message: "invalid order", errors }, String(body));
    }
    assert.deepEqual(starter.calls, []);
  });

  it("answers 413, before any AWS call, for an order over Lambda's asynchronous payload limit", async () => {
    const starter = recordingStarter();
    const items = Array.from({ length: MAX_PAYLOAD_BYTES / 20 }, (_, i) => ({ sku: `sku-${i}`, quantity: 1 }));
    const res = await api(starter.start)(post(JSON.stringify({ ...order, items })));
    assert.equal(res.statusCode, 413);
    assert.deepEqual(starter.calls, []);
  });

  it("answers 409 when the orderId was already started with a different order", async () => {
    const starter = recordingStarter(() =>
      awsError("DurableExecutionAlreadyStartedException", "execution o-1 already started with a different payload"),
    );
    const res = await api(starter.start)(post(JSON.stringify(order)));
    assert.equal(res.statusCode, 409);
    assert.deepEqual(bodyOf(res), { message: "order o-1 was already submitted with different content" });
    assert.equal(starter.calls.length, 1);
  });

  it("fails the invocation with any other AWS error, after one call (API Gateway answers 500)", async () => {
    const starter = recordingStarter(() => awsError("TooManyRequestsException", "rate exceeded"));
    await assert.rejects(api(starter.start)(post(JSON.stringify(order))), {
      name: "TooManyRequestsException",
      message: "rate exceeded",
    });
    assert.equal(starter.calls.length, 1);
  });

  it("refuses a missing or unqualified ORDER_PROCESSOR_ARN: a durable function cannot be invoked unqualified", async () => {
    assert.equal(processorArnFromEnv({ ORDER_PROCESSOR_ARN: ALIAS_ARN }), ALIAS_ARN);
    assert.equal(
      processorArnFromEnv({ ORDER_PROCESSOR_ARN: "arn:aws-cn:lambda:cn-north-1:123456789012:function:OrderProcessor:7" }),
      "arn:aws-cn:lambda:cn-north-1:123456789012:function:OrderProcessor:7",
    );
    for (const value of [undefined, "", "arn:aws:lambda:us-east-1:123456789012:function:OrderProcessor", "OrderProcessor:live"]) {
      assert.throws(() => processorArnFromEnv({ ORDER_PROCESSOR_ARN: value }), /alias ARN.*unqualified ARN/, String(value));
    }

    const starter = recordingStarter();
    const unconfigured = createOrderApi(starter.start, () => processorArnFromEnv({}));
    await assert.rejects(unconfigured(post(JSON.stringify(order))), /ORDER_PROCESSOR_ARN/);
    assert.deepEqual(starter.calls, []);
  });

  it("builds an asynchronous Invoke request on the alias, named after the order, with the order as JSON bytes", async () => {
    const commands: InvokeCommand[] = [];
    // A stand-in for LambdaClient: records the command instead of calling AWS.
    const client = {
      async send(command: InvokeCommand) {
        commands.push(command);
        return { StatusCode: 202, DurableExecutionArn: EXECUTION_ARN };
      },
    };
    const res = await api(lambdaExecutionStarter(client))(post(JSON.stringify(order)));

    assert.equal(res.statusCode, 202);
    assert.equal(bodyOf(res).durableExecutionArn, EXECUTION_ARN);
    assert.equal(commands.length, 1);
    const [command] = commands;
    assert.ok(command instanceof InvokeCommand);
    assert.equal(command.input.FunctionName, ALIAS_ARN);
    assert.equal(command.input.InvocationType, "Event");
    assert.equal(command.input.DurableExecutionName, "o-1");
    assert.equal(command.input.Qualifier, undefined, "the qualifier is in the ARN");
    assert.ok(command.input.Payload instanceof Uint8Array);
    assert.deepEqual(JSON.parse(new TextDecoder().decode(command.input.Payload as Uint8Array)), order);
  });
});

describe("order-api and order processor together", () => {
  useDurableTestEnvironment();

  let orders: LocalDurableTestRunner<OrderResult> | undefined;
  afterEach(() => orders?.reset());

  it("the payload the API sends is an order the saga takes and completes", async () => {
    const services: OrderServices = {
      reserveInventory: async (o) => ({ reservationId: `res-${o.orderId}` }),
      releaseInventory: async () => {},
      chargePayment: async (o) => ({ paymentId: `pay-${o.orderId}`, amountCents: o.amountCents, currency: o.currency }),
      refundPayment: async () => {},
      shipOrder: async (o) => ({ trackingNumber: `trk-${o.orderId}`, carrier: "test" }),
      confirmDelivery: async () => ({ delivered: true }),
      requestApproval: async () => {},
    };
    orders = new LocalDurableTestRunner<OrderResult>({
      handlerFunction: createOrderProcessor(services, () => ({ ...DEFAULT_CONFIG, approvalThresholdCents: 10_000_000 })),
    });

    const starter = recordingStarter();
    assert.equal((await api(starter.start)(post(JSON.stringify(order)))).statusCode, 202);
    const [request] = starter.calls;
    assert.ok(request);

    const execution = await orders.run({ payload: JSON.parse(request.payload) });
    assert.equal(execution.getStatus(), "SUCCEEDED");
    assert.deepEqual(execution.getResult(), {
      orderId: "o-1",
      status: "COMPLETED",
      reservationId: "res-o-1",
      paymentId: "pay-o-1",
      trackingNumber: "trk-o-1",
      delivered: true,
    });
  });
});
