/**
 * plain-worker: an ordinary (not durable) Lambda function that processes one
 * item. The orchestrator calls it through the durable SDK's context.invoke, so
 * its result is checkpointed in the orchestrator's execution.
 *
 * Lambda handler string: plain-worker.handler (code directory: handlers/dist)
 */
import { createHash } from "node:crypto";
import type { PlainWorkerInput, PlainWorkerOutput } from "./types.js";

export class InvalidItemError extends Error {
  override readonly name = "InvalidItemError";
}

export function processItem(input: PlainWorkerInput): PlainWorkerOutput {
  if (!input || typeof input !== "object") throw new InvalidItemError("input must be an object");
  const { index, item } = input;
  if (typeof item !== "string" || item.trim() === "") {
    throw new InvalidItemError(`item ${index} is empty or not a string`);
  }
  const normalized = item.trim().toLowerCase().replace(/\s+/g, " ");
  return {
    index,
    item,
    normalized,
    length: normalized.length,
    sha256: createHash("sha256").update(normalized).digest("hex"),
  };
}

/** The Lambda entry point. */
export const handler = async (event: PlainWorkerInput): Promise<PlainWorkerOutput> => processItem(event);
