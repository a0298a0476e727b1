// The execution page's history walk (Console/pages/_history.js) on histories recorded from `cortado serve`
// (fixtures/histories.json): `node --test Tests/browser/history_walk.test.mjs`. test_console_executions.py runs it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { HistoryWalk, stateStatuses, resourceOf } from "../../Sources/CortadoServer/Console/pages/_history.js";

const histories = JSON.parse(readFileSync(new URL("./fixtures/histories.json", import.meta.url)));

test("a bookstore order in stock takes the Pass branch; OrderPrint is not reached", () => {
  const s = stateStatuses(histories["bookstore-in-stock"]);
  for (const name of ["Order Handling", "CheckInventory", "Choice", "Pass", "Parallel", "CheckFurtherDiscountEligibility",
    "GenerateDiscountCode", "UpdateLoyaltyPoints", "PrepareOrder", "SendToShipment", "UpdateRecoEngine", "Order Handled"]) {
    assert.equal(s[name], "succeeded", name);
  }
  assert.equal(s.OrderPrint, undefined);
});

test("an order to print takes OrderPrint and not Pass", () => {
  const s = stateStatuses(histories["bookstore-print"]);
  assert.equal(s.OrderPrint, "succeeded");
  assert.equal(s.Pass, undefined);
});

test("a caught failure, Map iterations and a task waiting for its token", () => {
  const walk = new HistoryWalk().add(histories["catch-map-waiting"]);
  assert.deepEqual(walk.statuses(), { Try: "caught", Recover: "succeeded", M: "succeeded", Inner: "succeeded", Cb: "waiting" });
  assert.equal(walk.visitsOf("Inner").length, 2);
  const [tried] = walk.visitsOf("Try");
  assert.equal(tried.errors[0].error, "Lambda.ResourceNotFoundException");
  const [cb] = walk.visitsOf("Cb");
  assert.equal(cb.resource, "putEvents.waitForTaskToken");
  assert.match(cb.parameters, /TaskToken/);
  assert.equal(walk.end, null);
});

test("stopping cancels the waiting task", () => {
  const walk = new HistoryWalk().add(histories["catch-map-aborted"]);
  assert.equal(walk.statuses().Cb, "cancelled");
  assert.equal(walk.end.type, "ExecutionAborted");
});

test("a Fail state in a branch fails the branch and the Parallel", () => {
  const walk = new HistoryWalk().add(histories["parallel-fail"]);
  const s = walk.statuses();
  assert.equal(s.A, "failed");
  assert.equal(s.P, "failed");
  assert.equal(walk.visitsOf("A")[0].errors.at(-1).error, "E1");
});

test("a retried task that fails again is failed, with both errors", () => {
  const walk = new HistoryWalk().add(histories["retry-fail"]);
  assert.equal(walk.statuses().T, "failed");
  assert.equal(walk.visitsOf("T")[0].errors.length, 2);
});

test("a Choice with no match fails the Choice", () => {
  assert.deepEqual(stateStatuses(histories["choice-no-match"]), { C: "failed" });
});

test("a Wait runs until its timer fires", () => {
  assert.deepEqual(stateStatuses(histories["wait-running"]), { W: "running" });
  assert.deepEqual(stateStatuses(histories["wait-fast-forwarded"]), { W: "succeeded", D: "succeeded" });
});

test("page by page gives the same answer as all at once, and repeated events are skipped", () => {
  const events = histories["bookstore-print"];
  const walk = new HistoryWalk();
  for (let i = 0; i < events.length; i += 7) walk.add(events.slice(Math.max(0, i - 3), i + 7));
  assert.deepEqual(walk.statuses(), stateStatuses(events));
  assert.equal(walk.lastId, events.at(-1).id);
});

test("each event's step is its state; tasks name their function", () => {
  const events = histories["bookstore-in-stock"];
  const walk = new HistoryWalk().add(events);
  const scheduled = events.filter((e) => e.type === "TaskScheduled");
  assert.deepEqual(scheduled.map((e) => walk.stepOf(e)).slice(0, 2), ["CheckInventory", "CheckFurtherDiscountEligibility"]);
  assert.equal(walk.stepOf(events[0]), "");
  assert.deepEqual(resourceOf(scheduled[0]), { resource: "lambda:invoke", functionName: "checkInventory" });
  const exits = events.filter((e) => e.type === "ParallelStateExited");
  assert.equal(walk.stepOf(exits[0]), "Parallel");
});

test("a redrive runs the cancelled state again: the earlier visit no longer colours it", () => {
  const walk = new HistoryWalk().add(histories["wait-aborted-redriven"]);
  assert.deepEqual(walk.statuses(), { Pause: "running" });
  assert.deepEqual(walk.visitsOf("Pause").map((v) => HistoryWalk.statusOf(v)), ["cancelled", "running"]);
  assert.equal(walk.end, null);
  assert.equal(walk.redrives, 1);
});
