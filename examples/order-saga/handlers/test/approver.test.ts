import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { SendDurableExecutionCallbackSuccessCommand } from "@aws-sdk/client-lambda";
import { createApprover, lambdaCallbackSender, type ApproverEvent } from "../dist/approver.js";

describe("approver (plain Lambda handler)", () => {
  it("builds a SendDurableExecutionCallbackSuccess request with the decision as JSON bytes", async () => {
    const commands: SendDurableExecutionCallbackSuccessCommand[] = [];
    // A stand-in for LambdaClient: records the command instead of calling AWS.
    const client = {
      async send(command: SendDurableExecutionCallbackSuccessCommand) {
        commands.push(command);
        return {};
      },
    };
    const approve = createApprover(lambdaCallbackSender(client));

    const result = await approve({ callbackId: "cb-123", approved: true, approver: "alice", comment: "fine" });

    assert.deepEqual(result, { callbackId: "cb-123", approved: true, sent: true });
    assert.equal(commands.length, 1);
    const [command] = commands;
    assert.ok(command instanceof SendDurableExecutionCallbackSuccessCommand);
    assert.equal(command.input.CallbackId, "cb-123");
    assert.ok(command.input.Result instanceof Uint8Array);
    assert.deepEqual(JSON.parse(new TextDecoder().decode(command.input.Result as Uint8Array)), {
      approved: true,
      approver: "alice",
      comment: "fine",
    });
  });

  it("sends a rejection as a successful callback with approved: false", async () => {
    const sent: Array<[string, string]> = [];
    const approve = createApprover(async (id, result) => {
      sent.push([id, result]);
    });
    await approve({ callbackId: "cb-9", approved: false, approver: "bob" });
    assert.deepEqual(sent, [["cb-9", '{"approved":false,"approver":"bob"}']]);
  });

  it("refuses incomplete events without calling AWS", async () => {
    let calls = 0;
    const approve = createApprover(async () => {
      calls++;
    });
    const bad: unknown[] = [
      null,
      { approved: true, approver: "a" },
      { callbackId: "cb", approver: "a" },
      { callbackId: "cb", approved: "yes", approver: "a" },
      { callbackId: "cb", approved: true },
    ];
    for (const event of bad) {
      await assert.rejects(approve(event as ApproverEvent), TypeError, JSON.stringify(event));
    }
    assert.equal(calls, 0);
  });

  it("propagates an API error (e.g. the callback already timed out)", async () => {
    const approve = createApprover(async () => {
      throw Object.assign(new Error("callback timed out"), { name: "CallbackTimeoutException" });
    });
    await assert.rejects(approve({ callbackId: "cb", approved: true, approver: "a" }), /callback timed out/);
  });
});
