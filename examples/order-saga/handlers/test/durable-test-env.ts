import { after, before } from "node:test";
import { LocalDurableTestRunner } from "@aws/durable-execution-sdk-js-testing";

/**
 * Installs LocalDurableTestRunner's environment (checkpoint server in a worker
 * thread, fake clock with skipTime) for the enclosing suite.
 *
 * With skipTime the runner replaces the global timers with @sinonjs/fake-timers.
 * Uninstalling that clock drops whatever is still queued on it, and node:test's
 * reporter queues its output there too: without the pause after the suite, the
 * events of the last test are lost and `node --test` under-reports (seen with
 * Node 22.23, testing SDK 1.1.4). The pause runs on the fake clock, which
 * advances with real time (shouldAdvanceTime), so it lets those callbacks run
 * before the teardown.
 *
 * The pause before the suite does the same for the suites that ran before it
 * in the same file: installing the clock while the reporter still has their
 * events to write lost them too (a plain suite followed by a durable one
 * reported 5 to 9 of its 11 tests; a failing test still failed the run).
 */
export function useDurableTestEnvironment(): void {
  before(async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    await LocalDurableTestRunner.setupTestEnvironment({ skipTime: true });
  });
  after(async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    await LocalDurableTestRunner.teardownTestEnvironment();
  });
}
