// `/`: what runs here at a glance: counts, each state machine's latest executions, the oldest callbacks.
import { dynamodb, events, lambda, logs, s3, sfn, subscribe } from "../api.js";
import { badge, errorBox, h, heading, href, replace, section, table, time, title } from "../ui.js";

/** How many items one page of a list shows: "100+" when there are more. */
function count(items, more) {
  return `${items.length}${more ? "+" : ""}`;
}

const CARDS = [
  ["State machines", "/state-machines", async () => {
    const r = await sfn("ListStateMachines", { maxResults: 100 });
    return count(r.stateMachines, r.nextToken);
  }],
  ["Waiting callbacks", "/callbacks", async () => {
    const r = await sfn("ListWaitingCallbacks", { maxResults: 100 });
    return count(r.callbacks, r.nextToken);
  }],
  ["Event buses", "/buses", async () => {
    const r = await events("ListEventBuses", { Limit: 100 });
    return count(r.EventBuses, r.NextToken);
  }],
  ["Functions", "/functions", async () => {
    const r = await lambda("GET", "/2015-03-31/functions/?MaxItems=50");
    return count(r.Functions || [], r.NextMarker);
  }],
  ["Tables", "/tables", async () => {
    const r = await dynamodb("ListTables", { Limit: 100 });
    return count(r.TableNames, r.LastEvaluatedTableName);
  }],
  ["Log groups", "/logs", async () => {
    const r = await logs("DescribeLogGroups", { limit: 50 });
    return count(r.logGroups, r.nextToken);
  }],
  ["Buckets", "/buckets", async () => {
    const doc = await s3("GET", "/");
    return String(doc.querySelectorAll("Buckets > Bucket").length);
  }],
];

export async function render(main) {
  title("Overview");
  const cards = h("div", { class: "cards" });
  const machines = h("div", {});
  const callbacks = h("div", {});
  replace(main, heading("Overview", { kind: "Cortado" }), cards,
    h("div", { class: "grid" }, section("Latest executions", machines), section("Oldest waiting callbacks", callbacks)));

  for (const [label, link, load] of CARDS) {
    const n = h("div", { class: "n" }, "…");
    cards.append(h("a", { class: "card", href: link }, n, h("div", { class: "l" }, label)));
    load().then((text) => (n.textContent = text), (e) => {
      n.textContent = "—";
      n.title = `${e.type}: ${e.message}`;
    });
  }

  async function refresh() {
    try {
      const list = await sfn("ListStateMachines", { maxResults: 10 });
      const rows = await Promise.all(list.stateMachines.map(async (m) => {
        if (m.type === "EXPRESS") return { machine: m, executions: [] };
        const r = await sfn("ListExecutions", { stateMachineArn: m.stateMachineArn, maxResults: 5 });
        return { machine: m, executions: r.executions };
      }));
      replace(machines, table([
        { label: "State machine", cell: (r) => h("a", { href: href.stateMachine(r.machine.stateMachineArn) }, r.machine.name) },
        { label: "Latest executions", cell: (r) => r.machine.type === "EXPRESS"
          ? h("span", { class: "muted" }, "Express: executions are not listed")
          : r.executions.length
            ? h("span", { class: "latest" }, r.executions.map((e) => h("a", { href: href.execution(e.executionArn), title: e.name, class: "latest-run" }, badge(e.status))))
            : h("span", { class: "muted" }, "none yet") },
        { label: "Last started", cell: (r) => (r.executions[0] ? time(r.executions[0].startDate) : "—") },
      ], rows, { empty: "No state machine yet. Create one on the State machines page or with `aws stepfunctions create-state-machine`." }),
      list.nextToken ? h("p", {}, h("a", { href: "/state-machines" }, "All state machines")) : null);
    } catch (e) {
      replace(machines, errorBox(e));
    }
    try {
      const r = await sfn("ListWaitingCallbacks", { maxResults: 5 });
      replace(callbacks, table([
        { label: "Execution", cell: (c) => h("a", { href: href.execution(c.executionArn) }, c.executionName) },
        { label: "State", cell: (c) => c.stateName },
        { label: "Waiting since", cell: (c) => time(c.scheduledDate) },
      ], r.callbacks, { empty: "No task is waiting for a callback." }),
      h("p", {}, h("a", { href: "/callbacks" }, "All waiting callbacks")));
    } catch (e) {
      replace(callbacks, errorBox(e));
    }
  }

  await refresh();
  let queued = false;
  return subscribe(["executions", "callbacks"], () => {
    if (queued) return;
    queued = true;
    setTimeout(() => {
      queued = false;
      refresh();
    }, 1000);
  });
}
