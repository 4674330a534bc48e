import { afterEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { LocalDurableTestRunner, OperationStatus, type TestResult } from "@aws/durable-execution-sdk-js-testing";
import {
  configFromEnv,
  createBatchJob,
  handler,
  simulatedSource,
  type BatchJobConfig,
  type BatchJobResult,
  type BatchSource,
} from "../dist/batch-job.js";
import type { BatchProgress, ProgressWriter } from "../dist/progress.js";
import { useDurableTestEnvironment } from "./durable-test-env.js";

const TWELVE_HOURS = 12 * 3600;
const config: BatchJobConfig = { interval: { hours: 12 }, maxBatches: 14, maxAttempts: 3 };

/** The simulated source, wrapped to record calls and to fail on demand. */
function recordingSource(failures: Record<number, number> = {}) {
  const calls: Array<{ batch: number; cursor: number }> = [];
  const remaining = { ...failures };
  const source: BatchSource = {
    async processBatch(job, batch, cursor) {
      calls.push({ batch, cursor });
      if ((remaining[batch] ?? 0) > 0) {
        remaining[batch]--;
        throw new Error(`source unavailable (batch ${batch})`);
      }
      return simulatedSource.processBatch(job, batch, cursor);
    },
  };
  return { source, calls };
}

/** A progress writer that records what it was given; `fail` decides, per call (1-based), whether to throw. */
function recordingWriter(fail: (call: number) => boolean = () => false) {
  const writes: BatchProgress[] = [];
  const write: ProgressWriter = async (progress) => {
    writes.push(progress);
    if (fail(writes.length)) throw new Error("ProvisionedThroughputExceededException (simulated)");
  };
  return { write, writes };
}

function describeFailure(execution: TestResult): string {
  return execution.getStatus() === "FAILED" ? JSON.stringify(execution.getError()) : `status ${execution.getStatus()}`;
}

describe("batch-job (days of batches with waits in between)", () => {
  useDurableTestEnvironment();

  let runner: LocalDurableTestRunner<BatchJobResult>;
  const newRunner = (source: BatchSource, cfg: BatchJobConfig = config, progress?: ProgressWriter) => {
    runner = new LocalDurableTestRunner<BatchJobResult>({
      handlerFunction: createBatchJob(source, () => cfg, progress),
    });
    return runner;
  };
  afterEach(() => runner?.reset());

  it("processes and records every batch once, pausing 12 hours between batches", async () => {
    const { source, calls } = recordingSource();
    const progress = recordingWriter();
    const execution = await newRunner(source, config, progress.write).run({
      payload: { jobId: "job-1", totalItems: 3_500, batchSize: 1_000 },
    });

    assert.equal(execution.getStatus(), "SUCCEEDED", describeFailure(execution));
    const result = execution.getResult()!;
    assert.equal(result.status, "COMPLETED");
    assert.equal(result.batches, 4);
    assert.equal(result.processed, 3_500);
    assert.equal(result.resumeCursor, null);
    assert.equal(result.checksums.length, 4);

    // Exactly one call and one progress record per batch, although the waits
    // suspended the function and each resumption replayed the batches before it.
    assert.deepEqual(calls, [
      { batch: 0, cursor: 0 },
      { batch: 1, cursor: 1_000 },
      { batch: 2, cursor: 2_000 },
      { batch: 3, cursor: 3_000 },
    ]);
    assert.deepEqual(
      progress.writes.map((w) => [w.batchIndex, w.processed, w.nextCursor]),
      [
        [0, 1_000, 1_000],
        [1, 2_000, 2_000],
        [2, 3_000, 3_000],
        [3, 3_500, null],
      ],
    );
    // (How many times depends on timing in the local backend: a wait does not always
    // end the invocation when skipTime resolves it at once.)
    assert.ok(execution.getInvocations().length >= 2, `invocations: ${execution.getInvocations().length}`);

    assert.deepEqual(
      execution.getOperations().map((o) => o.getName()),
      ["batch-0", "pause-after-batch-0", "batch-1", "pause-after-batch-1", "batch-2", "pause-after-batch-2", "batch-3", "report"],
    );
    for (const i of [0, 1, 2]) {
      const pause = runner.getOperation(`pause-after-batch-${i}`);
      assert.equal(pause.getWaitDetails()?.waitSeconds, TWELVE_HOURS);
      assert.equal(pause.getStatus(), OperationStatus.SUCCEEDED);
    }
    assert.deepEqual(runner.getOperation("batch-3").getStepDetails()?.result, {
      processed: 500,
      nextCursor: null,
      checksum: result.checksums[3],
    });
  });

  it("gives the same checksums when the job is run again (deterministic batches)", async () => {
    const payload = { jobId: "job-2", totalItems: 2_001, batchSize: 1_000 };
    const first = await newRunner(recordingSource().source).run({ payload });
    const second = await newRunner(recordingSource().source).run({ payload });
    assert.deepEqual(second.getResult(), first.getResult());
    assert.equal(first.getResult()?.batches, 3);
  });

  it("stops after MAX_BATCHES and reports where to resume", async () => {
    const { source, calls } = recordingSource();
    const execution = await newRunner(source, { ...config, maxBatches: 2 }).run({
      payload: { jobId: "job-3", totalItems: 10_000, batchSize: 1_000 },
    });
    assert.equal(execution.getStatus(), "SUCCEEDED", describeFailure(execution));
    assert.deepEqual(
      { ...execution.getResult(), checksums: undefined },
      { jobId: "job-3", status: "INCOMPLETE", batches: 2, processed: 2_000, resumeCursor: 2_000, checksums: undefined },
    );
    assert.equal(calls.length, 2);
    // No pause after the last batch that is allowed to run.
    assert.deepEqual(
      execution.getOperations().map((o) => o.getName()),
      ["batch-0", "pause-after-batch-0", "batch-1", "report"],
    );
  });

  it("retries a failing batch and carries on", async () => {
    const { source, calls } = recordingSource({ 1: 2 });
    const execution = await newRunner(source).run({ payload: { jobId: "job-4", totalItems: 3_000, batchSize: 1_000 } });
    assert.equal(execution.getStatus(), "SUCCEEDED", describeFailure(execution));
    assert.deepEqual(
      calls.map((c) => c.batch),
      [0, 1, 1, 1, 2],
    );
    assert.equal(runner.getOperation("batch-1").getStepDetails()?.attempt, 3);
    assert.equal(execution.getResult()?.processed, 3_000);
  });

  it("fails the execution when a batch keeps failing, without running later batches", async () => {
    const { source, calls } = recordingSource({ 1: Infinity });
    const execution = await newRunner(source).run({ payload: { jobId: "job-5", totalItems: 3_000, batchSize: 1_000 } });
    assert.equal(execution.getStatus(), "FAILED");
    assert.match(execution.getError().errorMessage ?? "", /source unavailable \(batch 1\)/);
    assert.deepEqual(
      calls.map((c) => c.batch),
      [0, 1, 1, 1],
    );
    assert.equal(runner.getOperation("batch-1").getStatus(), OperationStatus.FAILED);
    assert.ok(!execution.getOperations().some((o) => o.getName() === "batch-2"));
  });

  it("records each finished batch in the progress table: the cumulative count and where the next batch starts", async () => {
    const progress = recordingWriter();
    const execution = await newRunner(recordingSource().source, config, progress.write).run({
      payload: { jobId: "job-7", totalItems: 2_500, batchSize: 1_000 },
    });

    assert.equal(execution.getStatus(), "SUCCEEDED", describeFailure(execution));
    const { checksums } = execution.getResult()!;
    assert.deepEqual(progress.writes, [
      { jobId: "job-7", batchIndex: 0, processed: 1_000, nextCursor: 1_000, checksum: checksums[0] },
      { jobId: "job-7", batchIndex: 1, processed: 2_000, nextCursor: 2_000, checksum: checksums[1] },
      { jobId: "job-7", batchIndex: 2, processed: 2_500, nextCursor: null, checksum: checksums[2] },
    ]);
  });

  it("runs the batch again when recording its progress fails, and records it once the write goes through", async () => {
    const { source, calls } = recordingSource();
    const progress = recordingWriter((call) => call === 2); // the first write of batch 1
    const execution = await newRunner(source, config, progress.write).run({
      payload: { jobId: "job-8", totalItems: 3_000, batchSize: 1_000 },
    });

    assert.equal(execution.getStatus(), "SUCCEEDED", describeFailure(execution));
    assert.deepEqual(
      calls.map((c) => c.batch),
      [0, 1, 1, 2],
    );
    assert.deepEqual(
      progress.writes.map((w) => [w.batchIndex, w.processed]),
      [[0, 1_000], [1, 2_000], [1, 2_000], [2, 3_000]],
    );
    assert.equal(runner.getOperation("batch-1").getStepDetails()?.attempt, 2);
  });

  it("writes no progress for an invalid event", async () => {
    const progress = recordingWriter();
    const execution = await newRunner(recordingSource().source, config, progress.write).run({
      payload: { jobId: "", totalItems: 10 },
    });
    assert.equal(execution.getStatus(), "FAILED");
    assert.deepEqual(progress.writes, []);
  });

  it("runs as deployed without PROGRESS_TABLE: the Lambda entry point writes nothing and completes", async () => {
    assert.equal(process.env.PROGRESS_TABLE, undefined, "the test environment sets no table");
    runner = new LocalDurableTestRunner<BatchJobResult>({ handlerFunction: handler });
    const execution = await runner.run({ payload: { jobId: "job-9", totalItems: 1_500, batchSize: 1_000 } });
    assert.equal(execution.getStatus(), "SUCCEEDED", describeFailure(execution));
    assert.equal(execution.getResult()?.status, "COMPLETED");
    assert.equal(execution.getResult()?.processed, 1_500);
  });

  it("rejects an invalid event before any durable operation", async () => {
    const { source, calls } = recordingSource();
    const execution = await newRunner(source).run({ payload: { jobId: "job-6", totalItems: -1 } });
    assert.equal(execution.getStatus(), "FAILED");
    assert.match(execution.getError().errorMessage ?? "", /totalItems/);
    assert.equal(calls.length, 0);
  });
});

describe("batch-job configuration", () => {
  it("defaults to 12-hour pauses and 14 batches", () => {
    assert.deepEqual(configFromEnv({}), { interval: { hours: 12 }, maxBatches: 14, maxAttempts: 5 });
    assert.deepEqual(configFromEnv({ BATCH_INTERVAL_HOURS: "6", MAX_BATCHES: "28" }).interval, { hours: 6 });
  });

  it("refuses nonsense", () => {
    assert.throws(() => configFromEnv({ BATCH_INTERVAL_HOURS: "0" }), /BATCH_INTERVAL_HOURS/);
    assert.throws(() => configFromEnv({ MAX_BATCHES: "1.5" }), /MAX_BATCHES/);
    assert.throws(() => configFromEnv({ MAX_BATCHES: "5000" }), /at most 1000/);
  });
});
