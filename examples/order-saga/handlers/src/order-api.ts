/**
 * order-api: a plain (not durable) Lambda function behind the HTTP API route
 * POST /orders, the starter of the order saga.
 *
 * API Gateway waits 30 seconds at most for an answer, and an HTTP route
 * invokes synchronously, which would cut a durable execution off at 15
 * minutes; the saga runs for days. So this function only checks the order,
 * starts the order-processor asynchronously (Invoke with InvocationType
 * "Event" on its alias) and answers 202 Accepted at once. durable.yaml
 * declares it without a `durable:` block; the order processor's
 * `starters: [{function: OrderApi}]` gives its role lambda:InvokeFunction on
 * the order processor's alias.
 *
 * POST /orders with a JSON body, the order processor's order event:
 *   {"orderId": "o-1", "customerId": "c-1", "items": [{"sku": "book", "quantity": 1}],
 *    "amountCents": 250000, "currency": "EUR"}
 * (currency and simulateFailure, "payment" or "shipping", are optional; other
 * keys are refused). Answers:
 *   202 {"status": "ACCEPTED", "orderId", "executionName", "durableExecutionArn"?}
 *       the saga is started (durableExecutionArn when Lambda's response
 *       carries it: InvokeCommandOutput.DurableExecutionArn);
 *   400 {"message", "errors": [...]} an invalid body, every problem listed,
 *       before any AWS call;
 *   413 an order over 256 KB, Lambda's limit for an asynchronous payload;
 *   409 the orderId was already started with a different order.
 *
 * The orderId is the durable execution's name (DurableExecutionName), so a
 * start is idempotent: a client that retries the same POST (after a timeout,
 * a 5xx) gets 202 again and no second saga; the same orderId with another
 * order is DurableExecutionAlreadyStartedException, answered 409. Execution
 * names are 1 to 64 letters, digits, - and _, hence the orderId's rule here.
 * The order is sent in one canonical JSON form so that a retry sends the same
 * bytes.
 *
 * Any other AWS error fails the invocation as it came (the SDK client has
 * already retried throttling and service faults): API Gateway answers 500
 * without details, the error is in this function's log and Errors metric, and
 * the client may retry safely. A missing or unqualified ORDER_PROCESSOR_ARN
 * fails the same way: a durable function cannot be invoked through its
 * unqualified ARN.
 *
 * Environment: ORDER_PROCESSOR_ARN, the order processor's alias ARN
 * (durable.yaml: ${OrderProcessor.AliasArn}).
 * IAM: lambda:InvokeFunction on that alias ARN.
 *
 * Lambda handler string: order-api.handler (code directory examples/order-saga/handlers/dist)
 */
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { OrderEvent } from "./order-processor.js";

/** What the order API asks of Lambda: one asynchronous start of a durable execution. */
export interface StartRequest {
  /** The order processor's alias ARN. */
  functionArn: string;
  /** The durable execution's name: the orderId. */
  executionName: string;
  /** The order as JSON, the execution's input. */
  payload: string;
}

export interface StartResult {
  /** The started execution's ARN, when Lambda's response carries one. */
  durableExecutionArn?: string;
}

/** The single AWS call this function makes. Tests replace it. */
export type ExecutionStarter = (request: StartRequest) => Promise<StartResult>;

/** The part of a LambdaClient that the starter needs (a LambdaClient satisfies it). */
export interface InvokeClient {
  send(command: InvokeCommand): Promise<{ DurableExecutionArn?: string }>;
}

/** A starter that calls the Lambda Invoke API asynchronously (InvocationType "Event"). */
export function lambdaExecutionStarter(client: InvokeClient): ExecutionStarter {
  return async ({ functionArn, executionName, payload }) => {
    const output = await client.send(
      new InvokeCommand({
        FunctionName: functionArn,
        InvocationType: "Event",
        DurableExecutionName: executionName,
        Payload: new TextEncoder().encode(payload),
      }),
    );
    return output.DurableExecutionArn ? { durableExecutionArn: output.DurableExecutionArn } : {};
  };
}

/** Lambda's limit for an asynchronous invocation's payload. */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

/** A durable execution name's rule (the orderId becomes one). */
const EXECUTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

const ORDER_KEYS = ["orderId", "customerId", "items", "amountCents", "currency", "simulateFailure"];
const ITEM_KEYS = ["sku", "quantity"];

/** A body that is not an order: every problem found, in the client's terms. */
export class InvalidOrderError extends Error {
  override readonly name = "InvalidOrderError";
  constructor(readonly errors: string[]) {
    super(`invalid order: ${errors.join("; ")}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === "string" && v !== "";
const positiveInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;

/**
 * Checks a parsed body and returns the order in canonical form (known keys
 * only, in a fixed order), or throws InvalidOrderError listing every problem.
 * It accepts no less than the order processor's own check, and a little
 * more strictly: unknown keys, an orderId that cannot name an execution, a
 * currency that is not three capital letters.
 */
export function parseOrder(body: unknown): OrderEvent {
  if (!isObject(body)) throw new InvalidOrderError(["the body must be a JSON object"]);
  const errors: string[] = [];
  for (const key of Object.keys(body)) {
    if (!ORDER_KEYS.includes(key)) errors.push(`unknown key ${JSON.stringify(key)} (allowed: ${ORDER_KEYS.join(", ")})`);
  }
  const { orderId, customerId, items, amountCents, currency, simulateFailure } = body;
  if (!nonEmpty(orderId)) errors.push("orderId is required");
  else if (!EXECUTION_NAME.test(orderId)) errors.push("orderId must be 1 to 64 letters, digits, - or _");
  if (!nonEmpty(customerId)) errors.push("customerId is required");
  if (!Array.isArray(items) || items.length === 0) errors.push("items must be a non-empty array");
  else {
    items.forEach((item: unknown, i) => {
      if (!isObject(item)) {
        errors.push(`items[${i}] must be an object`);
        return;
      }
      for (const key of Object.keys(item)) {
        if (!ITEM_KEYS.includes(key)) errors.push(`items[${i}]: unknown key ${JSON.stringify(key)} (allowed: ${ITEM_KEYS.join(", ")})`);
      }
      if (!nonEmpty(item.sku)) errors.push(`items[${i}].sku is required`);
      if (!positiveInt(item.quantity)) errors.push(`items[${i}].quantity must be a positive integer`);
    });
  }
  if (!positiveInt(amountCents)) errors.push("amountCents must be a positive integer");
  if (currency !== undefined && (typeof currency !== "string" || !/^[A-Z]{3}$/.test(currency))) {
    errors.push("currency must be a three-letter code such as EUR");
  }
  if (simulateFailure !== undefined && simulateFailure !== "payment" && simulateFailure !== "shipping") {
    errors.push('simulateFailure must be "payment" or "shipping"');
  }
  if (errors.length > 0) throw new InvalidOrderError(errors);

  const order: OrderEvent = {
    orderId: orderId as string,
    customerId: customerId as string,
    items: (items as Array<{ sku: string; quantity: number }>).map(({ sku, quantity }) => ({ sku, quantity })),
    amountCents: amountCents as number,
  };
  if (currency !== undefined) order.currency = currency as string;
  if (simulateFailure !== undefined) order.simulateFailure = simulateFailure as OrderEvent["simulateFailure"];
  return order;
}

/** Reads the request body: text, or base64 when API Gateway encoded it. */
function bodyText(event: APIGatewayProxyEventV2): string | undefined {
  if (event.body === undefined || event.body === null || event.body === "") return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
}

/** Reads ORDER_PROCESSOR_ARN, which must be a qualified function ARN (the alias). */
export function processorArnFromEnv(env: NodeJS.ProcessEnv): string {
  const arn = env.ORDER_PROCESSOR_ARN ?? "";
  // arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME:QUALIFIER
  if (!/^arn:[a-z-]+:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+:[A-Za-z0-9_$-]+$/.test(arn)) {
    throw new Error(
      `ORDER_PROCESSOR_ARN must be the order processor's alias ARN (arn:...:function:NAME:ALIAS), got "${arn}": ` +
        "a durable function cannot be invoked through its unqualified ARN",
    );
  }
  return arn;
}

const json = (statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

const isAwsError = (err: unknown, name: string) => err instanceof Error && err.name === name;

/**
 * The Lambda handler around a starter: parses and checks the body, starts
 * the saga once with `start` and logs ORDER_ACCEPTED. The tests pass starters
 * that do not call AWS.
 */
export function createOrderApi(
  start: ExecutionStarter,
  getProcessorArn: () => string = () => processorArnFromEnv(process.env),
): (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2> {
  return async (event) => {
    const functionArn = getProcessorArn();
    const text = bodyText(event);
    if (text === undefined) return json(400, { message: "invalid order", errors: ["a JSON body is required"] });
    let order: OrderEvent;
    try {
      order = parseOrder(JSON.parse(text));
    } catch (err) {
      if (err instanceof SyntaxError) return json(400, { message: "invalid order", errors: ["the body is not valid JSON"] });
      if (err instanceof InvalidOrderError) return json(400, { message: "invalid order", errors: err.errors });
      throw err;
    }
    const payload = JSON.stringify(order);
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
      return json(413, { message: `the order is over ${MAX_PAYLOAD_BYTES} bytes, Lambda's limit for starting an execution` });
    }

    let result: StartResult;
    try {
      result = await start({ functionArn, executionName: order.orderId, payload });
    } catch (err) {
      if (!isAwsError(err, "DurableExecutionAlreadyStartedException")) throw err;
      return json(409, { message: `order ${order.orderId} was already submitted with different content` });
    }
    console.log(JSON.stringify({ type: "ORDER_ACCEPTED", orderId: order.orderId, ...result }));
    return json(202, {
      status: "ACCEPTED",
      orderId: order.orderId,
      executionName: order.orderId,
      ...(result.durableExecutionArn ? { durableExecutionArn: result.durableExecutionArn } : {}),
    });
  };
}

// The client is created on first use, so that importing this module needs no
// AWS region or credentials (the tests import it).
let client: LambdaClient | undefined;
const defaultStarter: ExecutionStarter = (request) => lambdaExecutionStarter((client ??= new LambdaClient({})))(request);

/** The Lambda entry point. */
export const handler = createOrderApi(defaultStarter);
