import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { dynamoProgressWriter, progressWriterFromEnv } from "../dist/progress.js";

/** A stand-in for DynamoDBClient: records the commands instead of calling AWS. */
function recordingClient(error?: Error) {
  const commands: UpdateItemCommand[] = [];
  const client = {
    async send(command: UpdateItemCommand) {
      commands.push(command);
      if (error) throw error;
      return {};
    },
  };
  return { client, commands };
}

describe("progress table", () => {
  it("updates the job's item with the batch's absolute figures", async () => {
    const { client, commands } = recordingClient();
    await dynamoProgressWriter(client, "progress-table")({
      jobId: "nightly-1",
      batchIndex: 2,
      processed: 3_000,
      nextCursor: 3_000,
      checksum: "abc123",
    });

    assert.equal(commands.length, 1);
    const [command] = commands;
    assert.ok(command instanceof UpdateItemCommand);
    assert.equal(command.input.TableName, "progress-table");
    assert.deepEqual(command.input.Key, { jobId: { S: "nightly-1" } });
    // SET only: writing the same batch twice leaves the same item.
    assert.match(command.input.UpdateExpression ?? "", /^SET /);
    assert.doesNotMatch(command.input.UpdateExpression ?? "", /\bADD\b/);
    const values = command.input.ExpressionAttributeValues!;
    assert.deepEqual(values[":batches"], { N: "3" });
    assert.deepEqual(values[":processed"], { N: "3000" });
    assert.deepEqual(values[":cursor"], { N: "3000" });
    assert.deepEqual(values[":checksum"], { S: "abc123" });
    assert.ok(!Number.isNaN(Date.parse(values[":now"].S ?? "")), "updatedAt is a timestamp");
  });

  it("records an exhausted data set as a NULL cursor", async () => {
    const { client, commands } = recordingClient();
    await dynamoProgressWriter(client, "t")({ jobId: "j", batchIndex: 0, processed: 5, nextCursor: null, checksum: "c" });
    assert.deepEqual(commands[0].input.ExpressionAttributeValues?.[":cursor"], { NULL: true });
  });

  it("passes DynamoDB's error on, so that the batch's step fails and is retried", async () => {
    const throttled = Object.assign(new Error("Rate of requests exceeds the allowed throughput"), {
      name: "ProvisionedThroughputExceededException",
    });
    const { client } = recordingClient(throttled);
    await assert.rejects(
      dynamoProgressWriter(client, "t")({ jobId: "j", batchIndex: 0, processed: 1, nextCursor: 1, checksum: "c" }),
      { name: "ProvisionedThroughputExceededException" },
    );
  });

  it("has no writer when PROGRESS_TABLE is unset or empty, and one when it names a table", () => {
    assert.equal(progressWriterFromEnv({}), undefined);
    assert.equal(progressWriterFromEnv({ PROGRESS_TABLE: "" }), undefined);
    // Built without calling AWS: the client is only created on the first write.
    assert.equal(typeof progressWriterFromEnv({ PROGRESS_TABLE: "progress-table" }), "function");
  });
});
