/**
 * orchestrator: a durable function that fans out over the items with
 * context.map, invoking the plain worker once per item (context.invoke inside
 * each map iteration), then hands the results to the durable worker
 * (context.invoke of a durable function, which must be called through a
 * qualified ARN: version or alias).
 *
 * Environment:
 *   PLAIN_WORKER_FUNCTION    required: name or ARN of the plain worker (qualified or not)
 *   DURABLE_WORKER_FUNCTION  required: name or ARN of the durable worker, WITH a qualifier
 *                            (e.g. arn:aws:lambda:us-east-1:123456789012:function:durable-worker:live)
 *   MAX_CONCURRENCY          optional, default 10: plain workers running at once
 *   MAX_FAILURE_PERCENT      optional, default 50: share of items that may fail (0-100);
 *                            beyond it the map stops early and the execution fails
 *
 * IAM: lambda:InvokeFunction on both targets' ARNs and on "<target ARN>:*".
 *
 * Lambda handler string: orchestrator.handler (code directory: handlers/dist)
 */
import { withDurableExecution, type DurableLambdaHandler } from "@aws/durable-execution-sdk-js";
import type {
  DurableWorkerInput,
  FanOutEvent,
  FanOutResult,
  JobSummary,
  PlainWorkerInput,
  PlainWorkerOutput,
} from "./types.js";

/** A durable execution can hold at most 3,000 operations; each item costs about three. */
export const MAX_ITEMS = 500;

export interface OrchestratorConfig {
  plainWorker: string;
  durableWorker: string;
  maxConcurrency: number;
  maxFailurePercent: number;
}

/**
 * True when a function name, partial ARN or ARN carries a version or alias:
 * "fn:live", "123456789012:function:fn:live", "arn:aws:lambda:r:123456789012:function:fn:live".
 */
export function isQualified(funcId: string): boolean {
  const parts = funcId.split(":");
  if (funcId.startsWith("arn:")) return parts.length === 8 && parts[7] !== "";
  if (parts.length >= 3 && parts[1] === "function") return parts.length === 4 && parts[3] !== "";
  return parts.length === 2 && parts[1] !== "";
}

export function configFromEnv(env: NodeJS.ProcessEnv): OrchestratorConfig {
  const plainWorker = env.PLAIN_WORKER_FUNCTION ?? "";
  const durableWorker = env.DURABLE_WORKER_FUNCTION ?? "";
  if (plainWorker === "") throw new Error("PLAIN_WORKER_FUNCTION is not set");
  if (durableWorker === "") throw new Error("DURABLE_WORKER_FUNCTION is not set");
  if (!isQualified(durableWorker)) {
    throw new Error(
      `DURABLE_WORKER_FUNCTION must name a version or alias (a durable function cannot be invoked unqualified): "${durableWorker}"`,
    );
  }
  const rawConcurrency = env.MAX_CONCURRENCY ?? "10";
  const maxConcurrency = Number(rawConcurrency);
  if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1) {
    throw new Error(`MAX_CONCURRENCY must be a positive integer, got "${rawConcurrency}"`);
  }
  const rawPercent = env.MAX_FAILURE_PERCENT ?? "50";
  const maxFailurePercent = Number(rawPercent);
  if (rawPercent === "" || !Number.isFinite(maxFailurePercent) || maxFailurePercent < 0 || maxFailurePercent > 100) {
    throw new Error(`MAX_FAILURE_PERCENT must be a number from 0 to 100, got "${rawPercent}"`);
  }
  return { plainWorker, durableWorker, maxConcurrency, maxFailurePercent };
}

export function validateEvent(event: FanOutEvent): FanOutEvent {
  if (!event || typeof event.jobId !== "string" || event.jobId === "") throw new TypeError("jobId is required");
  if (!Array.isArray(event.items) || event.items.length === 0) throw new TypeError("items must be a non-empty array");
  if (event.items.length > MAX_ITEMS) throw new TypeError(`at most ${MAX_ITEMS} items per execution`);
  return event;
}

function messageOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // Batch item errors wrap the worker's error (ChildContextError -> InvokeError -> cause).
  let e: unknown = err;
  let message = err.message;
  while (e instanceof Error && (e as Error & { cause?: unknown }).cause instanceof Error) {
    e = (e as Error & { cause?: unknown }).cause;
    message = (e as Error).message || message;
  }
  return message;
}

export function createOrchestrator(
  getConfig: () => OrchestratorConfig = () => configFromEnv(process.env),
): DurableLambdaHandler {
  return withDurableExecution<FanOutEvent, FanOutResult>(async (event, context) => {
    const config = getConfig();
    const { jobId, items } = validateEvent(event);

    // Fan out: one child context per item, each invoking the plain worker.
    // Without a completionConfig, map is fail-fast: the first failed item ends the
    // batch and items still running are reported as STARTED, not SUCCEEDED.
    const batch = await context.map(
      "process-items",
      items,
      async (itemContext, item, index) =>
        itemContext.invoke<PlainWorkerInput, PlainWorkerOutput>("plain-worker", config.plainWorker, {
          jobId,
          index,
          item,
        }),
      {
        maxConcurrency: config.maxConcurrency,
        itemNamer: (_item, index) => `item-${index}`,
        completionConfig: { toleratedFailurePercentage: config.maxFailurePercent },
      },
    );

    const results = batch.succeeded().map((i) => i.result);
    const failed = batch.failed().map((i) => ({ index: i.index, item: items[i.index], error: messageOf(i.error) }));
    if (batch.completionReason === "FAILURE_TOLERANCE_EXCEEDED" || results.length === 0) {
      throw new Error(
        `job ${jobId}: ${failed.length} of ${items.length} items failed (more than ${config.maxFailurePercent}% tolerated); first error: ${failed[0]?.error}`,
      );
    }
    context.logger.info("fan-out done", { jobId, succeeded: results.length, failed: failed.length });

    // Fan in: the durable worker aggregates, waits and publishes.
    const summary = await context.invoke<DurableWorkerInput, JobSummary>("summarize", config.durableWorker, {
      jobId,
      results,
    });

    return { jobId, succeeded: results.length, failed, summary };
  });
}

/** The Lambda entry point. */
export const handler: DurableLambdaHandler = createOrchestrator();
