/** Payloads exchanged between the orchestrator and its two workers. */

/** What the orchestrator is started with. */
export interface FanOutEvent {
  jobId: string;
  items: string[];
}

/** Input of the plain worker: one item. */
export interface PlainWorkerInput {
  jobId: string;
  index: number;
  item: string;
}

/** Output of the plain worker. */
export interface PlainWorkerOutput {
  index: number;
  item: string;
  normalized: string;
  length: number;
  sha256: string;
}

/** Input of the durable worker: everything the plain workers produced. */
export interface DurableWorkerInput {
  jobId: string;
  results: PlainWorkerOutput[];
}

/** Output of the durable worker. */
export interface JobSummary {
  jobId: string;
  itemCount: number;
  totalLength: number;
  /** sha256 over the items' hashes, in index order. */
  digest: string;
  publishedAt: string;
}

/** What the orchestrator returns. */
export interface FanOutResult {
  jobId: string;
  succeeded: number;
  failed: Array<{ index: number; item: string; error: string }>;
  summary: JobSummary;
}
