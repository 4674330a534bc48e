/**
 * progress: where batch-job records each finished batch, so that a dashboard
 * (or a person with the console) sees how far a job got without reading the
 * durable execution's history.
 *
 * One item per job in the table named by PROGRESS_TABLE (durable.yaml's
 * ProgressTable, key `jobId`), updated after every batch. The update sets
 * absolute values (never ADD), so writing the same batch twice — the step is
 * retried after a failed write — leaves the same item. A later execution of the
 * same jobId overwrites it: the item shows the latest run.
 *
 * IAM: dynamodb:UpdateItem on the table (durable.yaml's `policies`).
 */
import { DynamoDBClient, UpdateItemCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";

/** What is recorded after a batch. */
export interface BatchProgress {
  jobId: string;
  batchIndex: number;
  /** Items processed by this execution so far, this batch included. */
  processed: number;
  /** Where the next batch starts, or null when the data set is exhausted. */
  nextCursor: number | null;
  checksum: string;
}

/** Records one finished batch. Tests replace it. */
export type ProgressWriter = (progress: BatchProgress) => Promise<void>;

/** The part of a DynamoDBClient that the writer needs (a DynamoDBClient satisfies it). */
export interface ProgressClient {
  send(command: UpdateItemCommand): Promise<unknown>;
}

/** A writer that updates the job's item in `tableName`. */
export function dynamoProgressWriter(client: ProgressClient, tableName: string): ProgressWriter {
  return async (p) => {
    const values: Record<string, AttributeValue> = {
      ":batches": { N: String(p.batchIndex + 1) },
      ":processed": { N: String(p.processed) },
      ":cursor": p.nextCursor === null ? { NULL: true } : { N: String(p.nextCursor) },
      ":checksum": { S: p.checksum },
      ":now": { S: new Date().toISOString() },
    };
    await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { jobId: { S: p.jobId } },
        UpdateExpression:
          "SET batchesDone = :batches, processed = :processed, nextCursor = :cursor, " +
          "lastChecksum = :checksum, updatedAt = :now",
        ExpressionAttributeValues: values,
      }),
    );
  };
}

/**
 * The writer for this environment: none when PROGRESS_TABLE is unset or empty
 * (the job runs the same, it only keeps no record outside its execution), so
 * that the handler also runs where no table was deployed. The client is created
 * on first write, so that importing this module needs no AWS region.
 */
export function progressWriterFromEnv(env: NodeJS.ProcessEnv): ProgressWriter | undefined {
  const tableName = env.PROGRESS_TABLE;
  if (!tableName) return undefined;
  let client: DynamoDBClient | undefined;
  return (p) => dynamoProgressWriter((client ??= new DynamoDBClient({})), tableName)(p);
}
