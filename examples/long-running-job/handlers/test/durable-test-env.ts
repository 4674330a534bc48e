import { after, before } from "node:test";
import { LocalDurableTestRunner } from "@aws/durable-execution-sdk-js-testing";

/**
 * Installs LocalDurableTestRunner's environment (checkpoint server in a worker
 * thread, fake clock with skipTime) for the enclosing suite.
 *
 * With skipTime the runner replaces the global timers with @sinonjs/fake-timers.
 * Uninstalling that clock drops whatever is still queued on it, and node:test's
 * reporter queues its output there too: without the pause below, the events of
 * the last test are lost and `node --test` under-reports (seen with Node 22.23,
 * testing SDK 1.1.4). The pause runs on the fake clock, which advances with real
 * time (shouldAdvanceTime), so it lets those callbacks run before the teardown.
 */
export function useDurableTestEnvironment(): void {
  before(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
  after(async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    await LocalDurableTestRunner.teardownTestEnvironment();
  });
}
