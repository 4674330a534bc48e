/**
 * batch-job: a durable function that works through a data set one batch at a
 * time, pausing (by default 12 hours) between batches, so one execution runs
 * for days while the function is only billed for the minutes it computes.
 *
 *   batch-0 -> pause-after-batch-0 (wait) -> batch-1 -> ... -> batch-N -> report
 *
 * Each batch is a durable step: a batch that succeeded is never processed again
 * when the function is replayed, and a failing batch is retried with backoff.
 * The step also records the finished batch in the progress table (progress.ts),
 * so the record is written once per batch, not once per replay; a failed write
 * fails the step, which then runs the batch again (batches are cursor-based and
 * safe to re-run; the write sets absolute values).
 *
 * Environment:
 *   BATCH_INTERVAL_HOURS  optional, default 12: the pause between batches
 *   MAX_BATCHES           optional, default 14: the job stops (status "INCOMPLETE")
 *                         after this many batches; with the defaults an execution
 *                         lasts at most 13 x 12 h = 6.5 days, so ExecutionTimeout
 *                         should be at least 7 days (604800 s)
 *   PROGRESS_TABLE        optional: the DynamoDB table that records each finished
 *                         batch; unset, the job keeps no record outside its execution
 *
 * Lambda handler string: batch-job.handler (code directory: handlers/dist)
 */
import {
  createRetryStrategy,
  withDurableExecution,
  type DurableLambdaHandler,
  type Duration,
} from "@aws/durable-execution-sdk-js";
import { createHash } from "node:crypto";
import { progressWriterFromEnv, type ProgressWriter } from "./progress.js";

export interface BatchJobEvent {
  jobId: string;
  /** Size of the (simulated) data set. */
  totalItems: number;
  batchSize?: number;
}

export interface BatchOutcome {
  processed: number;
  /** Where the next batch starts, or null when the data set is exhausted. */
  nextCursor: number | null;
  checksum: string;
}

/** The data source. Cursor-based, so a batch can be re-run safely after a failure. */
export interface BatchSource {
  processBatch(job: Required<BatchJobEvent>, batchIndex: number, cursor: number): Promise<BatchOutcome>;
}

export interface BatchJobConfig {
  interval: Duration;
  maxBatches: number;
  /** Attempts (first one included) per batch. */
  maxAttempts: number;
}

export interface BatchJobResult {
  jobId: string;
  status: "COMPLETED" | "INCOMPLETE";
  batches: number;
  processed: number;
  /** Where a follow-up job would resume, when INCOMPLETE. */
  resumeCursor: number | null;
  checksums: string[];
}

export const DEFAULT_BATCH_SIZE = 1000;
/** Each batch costs two durable operations (step + wait); an execution allows 3,000. */
export const MAX_BATCHES_LIMIT = 1000;

export function configFromEnv(env: NodeJS.ProcessEnv): BatchJobConfig {
  const hours = intFrom(env.BATCH_INTERVAL_HOURS, 12, "BATCH_INTERVAL_HOURS");
  const maxBatches = intFrom(env.MAX_BATCHES, 14, "MAX_BATCHES");
  if (maxBatches > MAX_BATCHES_LIMIT) throw new Error(`MAX_BATCHES must be at most ${MAX_BATCHES_LIMIT}`);
  return { interval: { hours }, maxBatches, maxAttempts: 5 };
}

function intFrom(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

export function validateEvent(event: BatchJobEvent): Required<BatchJobEvent> {
  if (!event || typeof event.jobId !== "string" || event.jobId === "") throw new TypeError("jobId is required");
  if (!Number.isInteger(event.totalItems) || event.totalItems < 0) {
    throw new TypeError("totalItems must be a non-negative integer");
  }
  const batchSize = event.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new TypeError("batchSize must be a positive integer");
  return { jobId: event.jobId, totalItems: event.totalItems, batchSize };
}

/**
 * Builds the durable handler. `progress`, when given, is called inside each
 * batch's step once the batch succeeded; without it the job writes nothing.
 */
export function createBatchJob(
  source: BatchSource,
  getConfig: () => BatchJobConfig = () => configFromEnv(process.env),
  progress?: ProgressWriter,
): DurableLambdaHandler {
  return withDurableExecution<BatchJobEvent, BatchJobResult>(async (event, context) => {
    const config = getConfig();
    const job = validateEvent(event);
    const retryStrategy = createRetryStrategy({
      maxAttempts: config.maxAttempts,
      initialDelay: { minutes: 1 },
      maxDelay: { minutes: 30 },
    });

    let cursor: number | null = 0;
    let processed = 0;
    const checksums: string[] = [];
    let batch = 0;
    while (cursor !== null && batch < config.maxBatches) {
      const index = batch;
      const start: number = cursor;
      const processedBefore = processed;
      const outcome = await context.step(
        `batch-${index}`,
        async () => {
          const done = await source.processBatch(job, index, start);
          await progress?.({
            jobId: job.jobId,
            batchIndex: index,
            processed: processedBefore + done.processed,
            nextCursor: done.nextCursor,
            checksum: done.checksum,
          });
          return done;
        },
        { retryStrategy },
      );
      processed += outcome.processed;
      checksums.push(outcome.checksum);
      cursor = outcome.nextCursor;
      batch++;
      if (cursor !== null && batch < config.maxBatches) {
        // Suspends the function: no compute is billed while it waits.
        await context.wait(`pause-after-batch-${index}`, config.interval);
      }
    }

    const result: BatchJobResult = {
      jobId: job.jobId,
      status: cursor === null ? "COMPLETED" : "INCOMPLETE",
      batches: batch,
      processed,
      resumeCursor: cursor,
      checksums,
    };
    await context.step("report", async () => {
      console.log(JSON.stringify({ type: "BATCH_JOB_REPORT", ...result, checksums: undefined }));
    });
    return result;
  });
}

/**
 * A stand-in data source: "processes" the items [cursor, cursor + batchSize) of a
 * data set of totalItems items and returns a checksum over them.
 */
export const simulatedSource: BatchSource = {
  async processBatch(job, batchIndex, cursor) {
    const end = Math.min(cursor + job.batchSize, job.totalItems);
    const hash = createHash("sha256");
    for (let i = cursor; i < end; i++) hash.update(`${job.jobId}:${i}\n`);
    const outcome: BatchOutcome = {
      processed: end - cursor,
      nextCursor: end < job.totalItems ? end : null,
      checksum: hash.digest("hex").slice(0, 16),
    };
    console.log(JSON.stringify({ type: "BATCH_DONE", jobId: job.jobId, batchIndex, from: cursor, to: end }));
    return outcome;
  },
};

/** The Lambda entry point. A function's environment is fixed for its lifetime: read it once. */
export const handler: DurableLambdaHandler = createBatchJob(
  simulatedSource,
  () => configFromEnv(process.env),
  progressWriterFromEnv(process.env),
);
