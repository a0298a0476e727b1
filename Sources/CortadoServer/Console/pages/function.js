// /functions/{name}: one function. Its configuration, an invoke form (RequestResponse with the log tail, as
// `aws lambda invoke --log-type Tail`), and its recent invocations read from its log group: the REPORT
// lines the host writes after each one, and the latest lines, live on topic `logs:/aws/lambda/{name}`.
import { lambda, logs, subscribe } from "../api.js";
import { h, replace, heading, section, table, fillTable, badge, time, href, field, attempt, title, jsonBlock, notFound }
  from "../ui.js";
import { facts, jsonBox, logFollower, serial } from "./_resources.js";

const INVOCATIONS = 20; // REPORT lines shown
const LINES = 40; // latest log lines shown

export async function render(main, { id: name }) {
  const path = `/2015-03-31/functions/${encodeURIComponent(name)}`;
  let fn;
  try {
    fn = await lambda("GET", path);
  } catch (e) {
    if (e.type !== "ResourceNotFoundException") throw e;
    notFound(main, `There is no function ${name}.`, { href: "/functions", label: "All functions" }, e);
    return;
  }
  const c = fn.Configuration || {};
  const group = c.LoggingConfig?.LogGroup || `/aws/lambda/${c.FunctionName || name}`;
  title(`${name} · Function`);

  const recent = recentSection(group);
  const invoke = invokeSection(path, recent.refresh);
  replace(main,
    heading(c.FunctionName || name, { kind: "Function" }),
    h("div", { class: "grid start" }, section("Configuration", configuration(c, group)), environment(c)),
    h("div", { class: "grid start" }, invoke.form, invoke.result),
    recent.invocations,
    recent.lines);
  await recent.refresh();
  return subscribe([`logs:${group}`], recent.refresh);
}

function configuration(c, group) {
  return facts([
    ["ARN", h("code", {}, c.FunctionArn)],
    ["State", c.State ? [badge(c.State), c.StateReason ? h("span", { class: "muted" }, " ", c.StateReason) : null] : null],
    ["Runtime", c.Runtime || c.PackageType],
    ["Handler", c.Handler ? h("code", {}, c.Handler) : null],
    ["Memory", `${c.MemorySize} MB`],
    ["Timeout", `${c.Timeout} s`],
    ["Code size", c.CodeSize !== undefined ? `${Number(c.CodeSize).toLocaleString()} bytes` : null],
    ["Last modified", time(c.LastModified)],
    ["Last update", c.LastUpdateStatus],
    ["Description", c.Description],
    ["Role", c.Role ? h("code", {}, c.Role) : null],
    ["Architectures", (c.Architectures || []).join(", ")],
    ["Log group", h("a", { href: href.logGroup(group) }, group)],
  ]);
}

function environment(c) {
  const vars = Object.entries(c.Environment?.Variables || {}).sort(([a], [b]) => a.localeCompare(b));
  return section("Environment variables", table([
    { label: "Name", class: "mono", cell: ([k]) => k },
    { label: "Value", class: "mono", cell: ([, v]) => v },
  ], vars, { empty: "No environment variables." }));
}

// MARK: - Invoke

function invokeSection(path, invoked) {
  const payload = jsonBox("Payload", { value: "{}", rows: 8, hint: "Any JSON value; the function's handler receives it as its event." });
  const type = h("select", { name: "invocation-type" },
    h("option", { value: "RequestResponse" }, "RequestResponse (wait for the answer)"),
    h("option", { value: "Event" }, "Event (asynchronous)"),
    h("option", { value: "DryRun" }, "DryRun (check only)"));
  const submit = h("button", { type: "submit", class: "btn primary" }, "Invoke");
  const out = h("div", { class: "invoke-result", "aria-live": "polite" },
    h("div", { class: "muted" }, "Invoke the function to see its answer here."));
  let running = false;
  payload.onChange((ok) => {
    if (!running) submit.disabled = !ok;
  });
  const form = h("form", { class: "invoke", onsubmit: async (e) => {
    e.preventDefault();
    if (!payload.ok() || running) return;
    running = true;
    submit.disabled = true;
    const headers = { "X-Amz-Invocation-Type": type.value };
    if (type.value === "RequestResponse") headers["X-Amz-Log-Type"] = "Tail";
    const started = performance.now();
    const answer = await attempt(out, () => lambda("POST", `${path}/invocations`, payload.area.value, { raw: true, headers }));
    if (answer) replace(out, result(answer, performance.now() - started));
    running = false;
    submit.disabled = !payload.ok();
    invoked();
  } }, payload.element, field("Invocation type", type), h("div", { class: "actions" }, submit));
  return { form: section("Invoke", form), result: section("Result", out) };
}

function result({ status, headers, text }, ms) {
  const failed = headers.get("X-Amz-Function-Error");
  const version = headers.get("X-Amz-Executed-Version");
  const tail = headers.get("X-Amz-Log-Result");
  return [
    h("div", { class: `invoke-status ${failed ? "failed" : "ok"}`, role: "status" },
      h("strong", {}, `Status ${status}`), version ? ` · version ${version}` : "", ` · answered in ${Math.round(ms)} ms`,
      failed ? [" · ", h("span", { class: "function-error" }, "X-Amz-Function-Error: ", h("code", {}, failed))] : null),
    text ? [h("h3", {}, "Response payload"), jsonBlock(text, { label: "Response payload" })]
      : h("div", { class: "muted" }, status === 202 ? "Queued: an Event invocation answers no payload." : "No payload."),
    tail ? [h("h3", {}, "Log output (X-Amz-Log-Result)"), h("pre", { class: "log-tail", tabindex: "0" }, decodeBase64(tail))] : null,
  ];
}

function decodeBase64(text) {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0)));
  } catch {
    return text;
  }
}

// MARK: - Recent invocations

/** A REPORT line's fields: `REPORT RequestId: id\tDuration: 1.2 ms\tBilled Duration: 2 ms\t…`. */
function report(event) {
  const [head, ...rest] = String(event.message).trim().split("\t");
  const id = /^REPORT RequestId: (\S+)/.exec(head);
  if (!id) return null;
  const fields = Object.fromEntries(rest.map((p) => p.split(": ")).filter((kv) => kv.length === 2).map(([k, v]) => [k.trim(), v.trim()]));
  return { time: event.timestamp, requestId: id[1], fields };
}

const PLATFORM = /^(START|END|REPORT|INIT_START|EXTENSION) /;
const ERROR = /\[ERROR\]|Traceback \(most recent call last\)|"errorType"|Task timed out|Runtime\.\w+|\bERROR\b|Error:/;

function recentSection(group) {
  const columns = [
    { label: "Time", cell: (r) => time(r.time) },
    { label: "Request ID", class: "mono", cell: (r) => r.requestId },
    { label: "Duration", class: "num", cell: (r) => r.fields["Duration"] || "" },
    { label: "Billed", class: "num", cell: (r) => r.fields["Billed Duration"] || "" },
    { label: "Memory used / size", class: "num", cell: (r) => `${r.fields["Max Memory Used"] || "?"} / ${r.fields["Memory Size"] || "?"}` },
    { label: "Init", class: "num", cell: (r) => r.fields["Init Duration"] || "" },
  ];
  const invocations = table(columns, [], { empty: "No invocations yet." });
  const lineColumns = [
    { label: "Time", class: "when", cell: (e) => time(e.timestamp) },
    { label: "Message", cell: (e) => h("pre", { class: "log-message" }, e.message) },
  ];
  const lines = table(lineColumns, [], { empty: "No log lines yet." });
  lines.classList.add("log-events");
  const invocationErrors = h("div", {});
  const lineErrors = h("div", {});
  let reports = [];
  let latest = [];
  const reportLog = followGroup(group, { filterPattern: "REPORT" }, INVOCATIONS);
  const lineLog = followGroup(group, {}, LINES);

  const refresh = serial(async () => {
    const [moreReports, moreLines] = await Promise.all([attempt(invocationErrors, reportLog), attempt(lineErrors, lineLog)]);
    if (moreReports) {
      reports = [...moreReports.map(report).filter(Boolean).reverse(), ...reports].slice(0, INVOCATIONS);
      fillTable(invocations.tBodies[0], columns, reports, {
        empty: "No invocations yet.", rowAttrs: (r) => ({ dataset: { requestId: r.requestId } }) });
    }
    if (moreLines) {
      latest = [...latest, ...moreLines].slice(-LINES);
      fillTable(lines.tBodies[0], lineColumns, latest, { empty: "No log lines yet.", rowAttrs: (e) => ({
        class: PLATFORM.test(e.message) ? "platform" : ERROR.test(e.message) ? "log-error" : null }) });
    }
  });
  return {
    invocations: section("Recent invocations", h("p", { class: "hint" }, "From the REPORT line the host writes after each invocation, newest first."),
      invocationErrors, invocations),
    lines: section("Latest log lines", h("p", { class: "hint" }, "START, END and REPORT lines, what the function printed, errors in red. ",
      h("a", { href: href.logGroup(group) }, "Open the log group")), lineErrors, lines),
    refresh,
  };
}

/**
 * The group's newest `count` events, then only newer ones on each call. A group not made yet (a function
 * never invoked) reads as no events, and is looked for again on the next call (DescribeLogGroups, which
 * answers an empty list rather than an error the browser would log).
 */
function followGroup(group, query, count) {
  let follower = null;
  return async () => {
    if (follower) return follower.next();
    const found = await logs("DescribeLogGroups", { logGroupNamePrefix: group, limit: 1 });
    if (found.logGroups?.[0]?.logGroupName !== group) return [];
    const fresh = logFollower(group, query);
    const events = await fresh.first(count);
    follower = fresh;
    return events;
  };
}
