/**
 * durable-worker: a durable function the orchestrator invokes (through a
 * qualified ARN: a version or the `live` alias). It aggregates the plain
 * workers' results, waits, and publishes a summary.
 *
 * Lambda handler string: durable-worker.handler (code directory: handlers/dist)
 */
import { withDurableExecution, type DurableLambdaHandler, type Duration } from "@aws/durable-execution-sdk-js";
import { createHash } from "node:crypto";
import type { DurableWorkerInput, JobSummary } from "./types.js";

export interface Aggregate {
  jobId: string;
  itemCount: number;
  totalLength: number;
  digest: string;
}

export function aggregate(input: DurableWorkerInput): Aggregate {
  if (!input || typeof input.jobId !== "string" || !Array.isArray(input.results)) {
    throw new TypeError("expected {jobId, results[]}");
  }
  const sorted = [...input.results].sort((a, b) => a.index - b.index);
  const hash = createHash("sha256");
  for (const r of sorted) hash.update(r.sha256);
  return {
    jobId: input.jobId,
    itemCount: sorted.length,
    totalLength: sorted.reduce((n, r) => n + r.length, 0),
    digest: hash.digest("hex"),
  };
}

/** Where the summary goes. The example logs it; tests pass a recorder. */
export type Publisher = (summary: JobSummary) => Promise<void>;

export const logPublisher: Publisher = async (summary) => {
  console.log(JSON.stringify({ type: "JOB_SUMMARY", ...summary }));
};

export function createDurableWorker(
  publish: Publisher = logPublisher,
  settle: Duration = { seconds: 30 },
): DurableLambdaHandler {
  return withDurableExecution<DurableWorkerInput, JobSummary>(async (event, context) => {
    const totals = await context.step("aggregate", async () => aggregate(event));
    // Give downstream consumers a moment (e.g. eventually consistent stores)
    // before publishing; the function is suspended, not billed, meanwhile.
    await context.wait("settle", settle);
    return context.step("publish-summary", async () => {
      const summary: JobSummary = { ...totals, publishedAt: new Date().toISOString() };
      await publish(summary);
      return summary;
    });
  });
}

/** The Lambda entry point. */
export const handler: DurableLambdaHandler = createDurableWorker();
