import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { LocalDurableTestRunner, OperationStatus, type TestResult } from "@aws/durable-execution-sdk-js-testing";
import { configFromEnv, createOrchestrator, isQualified, type OrchestratorConfig } from "../dist/orchestrator.js";
import { aggregate, createDurableWorker } from "../dist/durable-worker.js";
import { processItem } from "../dist/plain-worker.js";
import type { FanOutResult, JobSummary, PlainWorkerInput } from "../dist/types.js";
import { useDurableTestEnvironment } from "./durable-test-env.js";

// What the orchestrator's environment would hold in AWS; the names are what the
// local runner's function registry is keyed by.
const config: OrchestratorConfig = {
  plainWorker: "arn:aws:lambda:us-east-1:123456789012:function:plain-worker",
  durableWorker: "arn:aws:lambda:us-east-1:123456789012:function:durable-worker:live",
  maxConcurrency: 2,
  maxFailurePercent: 50,
};

/** The error of a failed execution, for assertion messages (getError() throws on success). */
function describeFailure(execution: TestResult): string {
  return execution.getStatus() === "FAILED" ? JSON.stringify(execution.getError()) : `status ${execution.getStatus()}`;
}

describe("orchestrator (context.map + context.invoke)", () => {
  useDurableTestEnvironment();

  let runner: LocalDurableTestRunner<FanOutResult>;
  let plainCalls: PlainWorkerInput[];
  let published: JobSummary[];

  beforeEach(() => {
    plainCalls = [];
    published = [];
    runner = new LocalDurableTestRunner<FanOutResult>({ handlerFunction: createOrchestrator(() => config) });
    // The invoked targets: the real worker code, registered under the names the
    // orchestrator invokes (the plain one wrapped to count its invocations).
    runner
      .registerFunction(config.plainWorker, async (event: PlainWorkerInput) => {
        plainCalls.push(event);
        return processItem(event);
      })
      .registerDurableFunction(
        config.durableWorker,
        createDurableWorker(async (summary) => {
          published.push(summary);
        }),
      );
  });
  afterEach(() => runner.reset());

  it("fans out to the plain worker per item and fans in through the durable worker", async () => {
    const items = ["Alpha", "  beta  ", "GAMMA ray"];
    const execution = await runner.run({ payload: { jobId: "job-1", items } });

    assert.equal(execution.getStatus(), "SUCCEEDED", describeFailure(execution));
    const result = execution.getResult()!;
    const expected = aggregate({ jobId: "job-1", results: items.map((item, index) => processItem({ jobId: "job-1", index, item })) });
    assert.equal(result.jobId, "job-1");
    assert.equal(result.succeeded, 3);
    assert.deepEqual(result.failed, []);
    assert.deepEqual({ ...result.summary, publishedAt: undefined }, { ...expected, publishedAt: undefined });

    // Each worker ran once per item / once in all, although the orchestrator was
    // suspended while its invocations ran and then replayed.
    assert.deepEqual(
      plainCalls.map((c) => [c.index, c.item]).sort(),
      [
        [0, "Alpha"],
        [1, "  beta  "],
        [2, "GAMMA ray"],
      ],
    );
    assert.equal(published.length, 1);
    assert.deepEqual(published[0], result.summary);
    assert.ok(execution.getInvocations().length >= 2, `invocations: ${execution.getInvocations().length}`);

    // The operations, looked up by name.
    const map = runner.getOperation("process-items");
    assert.equal(map.getStatus(), OperationStatus.SUCCEEDED);
    const iterations = map.getChildOperations() ?? [];
    assert.deepEqual(
      iterations.map((o) => o.getName()),
      ["item-0", "item-1", "item-2"],
    );
    const firstInvoke = runner.getOperationByNameAndIndex("plain-worker", 0);
    assert.equal(firstInvoke.getType(), "CHAINED_INVOKE");
    assert.deepEqual(firstInvoke.getChainedInvokeDetails()?.result, processItem({ jobId: "job-1", index: 0, item: "Alpha" }));

    const summarize = runner.getOperation("summarize");
    assert.equal(summarize.getType(), "CHAINED_INVOKE");
    assert.equal(summarize.getStatus(), OperationStatus.SUCCEEDED);
    assert.deepEqual(summarize.getChainedInvokeDetails()?.result, result.summary);
  });

  it("reports items the plain worker rejects and summarizes the rest", async () => {
    const execution = await runner.run({ payload: { jobId: "job-2", items: ["ok", "   ", "also ok"] } });

    assert.equal(execution.getStatus(), "SUCCEEDED", describeFailure(execution));
    const result = execution.getResult()!;
    assert.equal(result.succeeded, 2);
    assert.equal(result.failed.length, 1);
    assert.equal(result.failed[0].index, 1);
    assert.match(result.failed[0].error, /item 1 is empty/);
    assert.equal(result.summary.itemCount, 2);
    assert.equal(runner.getOperation("item-1").getStatus(), OperationStatus.FAILED);
  });

  it("fails the execution when more items fail than tolerated, without calling the durable worker", async () => {
    const execution = await runner.run({ payload: { jobId: "job-3", items: ["", "fine", " ", "\t"] } });
    assert.equal(execution.getStatus(), "FAILED");
    assert.match(execution.getError().errorMessage ?? "", /job job-3: \d of 4 items failed \(more than 50% tolerated\)/);
    assert.equal(runner.getOperation("process-items").getStatus(), OperationStatus.SUCCEEDED);
    assert.equal(published.length, 0);
    assert.ok(!execution.getOperations().some((o) => o.getName() === "summarize"));
  });

  it("rejects an event without items", async () => {
    const execution = await runner.run({ payload: { jobId: "job-4", items: [] } });
    assert.equal(execution.getStatus(), "FAILED");
    assert.match(execution.getError().errorMessage ?? "", /items must be a non-empty array/);
    assert.equal(plainCalls.length, 0);
  });
});

describe("durable-worker", () => {
  useDurableTestEnvironment();

  it("aggregates, waits, and publishes exactly once across the replay", async () => {
    const published: JobSummary[] = [];
    const runner = new LocalDurableTestRunner<JobSummary>({
      handlerFunction: createDurableWorker(async (s) => {
        published.push(s);
      }),
    });
    const results = ["x", "y"].map((item, index) => processItem({ jobId: "j", index, item }));
    const execution = await runner.run({ payload: { jobId: "j", results: [results[1], results[0]] } });

    assert.equal(execution.getStatus(), "SUCCEEDED");
    assert.equal(runner.getOperation("settle").getWaitDetails()?.waitSeconds, 30);
    assert.deepEqual(runner.getOperation("aggregate").getStepDetails()?.result, aggregate({ jobId: "j", results }));
    assert.equal(published.length, 1);
    assert.deepEqual(execution.getResult(), published[0]);
    assert.ok(execution.getInvocations().length >= 2);
  });
});

describe("plain-worker", () => {
  it("normalizes and hashes an item", () => {
    const out = processItem({ jobId: "j", index: 4, item: "  Hello   World " });
    assert.equal(out.normalized, "hello world");
    assert.equal(out.length, 11);
    assert.equal(out.sha256, "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
    assert.equal(out.index, 4);
  });

  it("rejects empty items", () => {
    assert.throws(() => processItem({ jobId: "j", index: 0, item: " " }), { name: "InvalidItemError" });
  });
});

describe("orchestrator configuration", () => {
  it("requires a qualified durable worker", () => {
    const env = { PLAIN_WORKER_FUNCTION: "plain-worker", DURABLE_WORKER_FUNCTION: "durable-worker" };
    assert.throws(() => configFromEnv(env), /must name a version or alias/);
    assert.deepEqual(configFromEnv({ ...env, DURABLE_WORKER_FUNCTION: "durable-worker:live" }), {
      plainWorker: "plain-worker",
      durableWorker: "durable-worker:live",
      maxConcurrency: 10,
      maxFailurePercent: 50,
    });
    assert.throws(() => configFromEnv({ DURABLE_WORKER_FUNCTION: "d:1" }), /PLAIN_WORKER_FUNCTION is not set/);
    assert.throws(() => configFromEnv({ ...env, DURABLE_WORKER_FUNCTION: "d:1", MAX_CONCURRENCY: "0" }), /MAX_CONCURRENCY/);
    assert.throws(() => configFromEnv({ ...env, DURABLE_WORKER_FUNCTION: "d:1", MAX_FAILURE_PERCENT: "101" }), /MAX_FAILURE_PERCENT/);
  });

  it("recognizes qualifiers in names, partial ARNs and ARNs", () => {
    for (const id of [
      "fn:live",
      "fn:7",
      "fn:$LATEST",
      "123456789012:function:fn:live",
      "arn:aws:lambda:us-east-1:123456789012:function:fn:live",
      "arn:aws-cn:lambda:cn-north-1:123456789012:function:fn:3",
    ]) {
      assert.equal(isQualified(id), true, id);
    }
    for (const id of [
      "fn",
      "fn:",
      "123456789012:function:fn",
      "arn:aws:lambda:us-east-1:123456789012:function:fn",
    ]) {
      assert.equal(isQualified(id), false, id);
    }
  });
});
