// /buses/{name}: one event bus. Its rules with their patterns and targets, a "Send events" form like AWS's,
// a pattern tester, the recent deliveries to targets and the dead letters, the last two kept live
// (topic `bus:{name}`; docs/architecture/console.md).
import { events, subscribe } from "../api.js";
import { h, replace, heading, section, table, fillTable, pager, badge, time, href, pretty, field, attempt, errorBox, title, notFound }
  from "../ui.js";
import { facts, jsonBox, later, serial } from "./_resources.js";

export async function render(main, { id: name }) {
  let bus;
  try {
    bus = await events("DescribeEventBus", { Name: name });
  } catch (e) {
    if (e.type !== "ResourceNotFoundException") throw e;
    notFound(main, `There is no event bus ${name}.`, { href: "/buses", label: "All event buses" }, e);
    return;
  }
  title(`${name} · Event bus`);
  // arn:aws:events:<region>:<account>:event-bus/<name>: the sample event's region and account.
  const [, , , region = "us-east-1", account = "000000000000"] = String(bus.Arn || "").split(":");

  const rules = rulesSection(name);
  const send = sendSection(name);
  const tester = testerSection(send, { region, account }, rules);
  const deliveries = deliveriesSection(name);
  const dead = deadLettersSection(name);

  replace(main,
    heading(name, { kind: "Event bus" }),
    section("Details", facts([["ARN", h("code", {}, bus.Arn)], ["Description", bus.Description], ["Created", time(bus.CreationTime)],
      ["Last modified", bus.LastModifiedTime ? time(bus.LastModifiedTime) : null]])),
    rules.element,
    h("div", { class: "grid start" }, send.element, tester.element),
    deliveries.element,
    dead.element);

  const refresh = serial(() => Promise.all([deliveries.reload(), dead.reload()]));
  await Promise.all([rules.reload(), refresh()]);
  return subscribe([`bus:${name}`], refresh);
}

// MARK: - Rules and targets

function rulesSection(bus) {
  const columns = [
    { label: "Rule", class: "rule-name", cell: (r) => [h("strong", {}, r.Name), " ", badge(r.State),
      r.Description ? h("div", { class: "muted" }, r.Description) : null] },
    { label: "Event pattern or schedule", cell: (r) => r.EventPattern
      ? h("pre", { class: "json", tabindex: "0", "aria-label": `${r.Name}'s event pattern` }, pretty(r.EventPattern))
      : h("span", {}, "Schedule: ", h("code", {}, r.ScheduleExpression || "—")) },
    { label: "Targets", cell: (r) => targetsCell(bus, r) },
  ];
  const t = table(columns, [], { empty: "No rules on this bus." });
  const withPattern = [];
  const listeners = [];
  const list = pager(async (token) => {
    const page = await events("ListRules", { EventBusName: bus, NextToken: token || undefined, Limit: 50 });
    return { items: page.Rules || [], nextToken: page.NextToken };
  }, (items, append) => {
    fillTable(t.tBodies[0], columns, items, { append, empty: "No rules on this bus.", rowAttrs: (r) => ({ dataset: { rule: r.Name } }) });
    const fresh = items.filter((r) => r.EventPattern);
    withPattern.push(...fresh);
    for (const fn of listeners) fn(fresh);
  });
  return {
    element: section("Rules", t, list.element),
    reload: list.reload,
    withPattern,
    /** `fn(rules)` hears each page's rules that have a pattern. */
    onRules: (fn) => listeners.push(fn),
  };
}

function targetsCell(bus, rule) {
  const all = async () => {
    const found = [];
    let token;
    do {
      const page = await events("ListTargetsByRule", { Rule: rule.Name, EventBusName: bus, NextToken: token });
      found.push(...(page.Targets || []));
      token = page.NextToken;
    } while (token);
    return found;
  };
  return later(all(), (targets) => (targets.length
    ? h("ul", { class: "target-list" }, targets.map(target))
    : h("span", { class: "muted" }, "No targets.")));
}

function target(t) {
  const input = t.InputTransformer
    ? [h("div", { class: "muted" }, "Input transformer"), h("pre", { class: "json" }, pretty({
      InputPathsMap: t.InputTransformer.InputPathsMap || {}, InputTemplate: t.InputTransformer.InputTemplate }))]
    : t.InputPath ? h("div", {}, h("span", { class: "muted" }, "Input path "), h("code", {}, t.InputPath))
    : t.Input !== undefined ? [h("div", { class: "muted" }, "Constant input"), h("pre", { class: "json" }, pretty(t.Input))]
    : h("div", { class: "muted" }, "Input: the matched event");
  return h("li", { dataset: { target: t.Id } }, h("div", {}, h("strong", {}, t.Id), " ", arnLink(t.Arn)), input);
}

/** A target's ARN, linked to its console page when Cortado has one. */
function arnLink(arn) {
  const parts = String(arn || "").split(":");
  const [service, resource] = [parts[2], parts.slice(5).join(":")];
  let to = null;
  if (service === "states" && resource.startsWith("stateMachine:")) to = href.stateMachine(parts.slice(0, 7).join(":"));
  else if (service === "lambda" && resource.startsWith("function:")) to = href.func(parts[6]);
  else if (service === "logs" && resource.startsWith("log-group:")) to = href.logGroup(resource.slice(10).replace(/:\*$/, ""));
  else if (service === "events" && resource.startsWith("event-bus/")) to = href.bus(resource.slice(10));
  const code = h("code", { class: "arn" }, arn);
  return to ? h("a", { href: to }, code) : code;
}

// MARK: - Send events

function sendSection(bus) {
  const source = h("input", { name: "source", autocomplete: "off", placeholder: "com.mycompany.myapp" });
  const detailType = h("input", { name: "detail-type", autocomplete: "off", placeholder: "Order Placed" });
  const detail = jsonBox("Event detail", { value: '{\n  "key": "value"\n}', object: true, rows: 7 });
  const resources = h("textarea", { class: "code", name: "resources", rows: 2, placeholder: "One ARN per line" });
  const submit = h("button", { type: "submit", class: "btn primary" }, "Send");
  const result = h("div", { class: "send-result", "aria-live": "polite" });
  let sending = false;
  detail.onChange((ok) => {
    if (!sending) submit.disabled = !ok;
  });
  const listeners = [];
  const changed = () => listeners.forEach((fn) => fn());
  for (const el of [source, detailType, detail.area, resources]) el.addEventListener("input", changed);
  const resourceList = () => resources.value.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);

  const form = h("form", { class: "send-events", novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    if (!detail.ok() || sending) return;
    sending = true;
    submit.disabled = true;
    await attempt(result, async () => {
      const entry = { EventBusName: bus, Source: source.value, DetailType: detailType.value, Detail: detail.area.value };
      if (resourceList().length) entry.Resources = resourceList();
      const answer = await events("PutEvents", { Entries: [entry] });
      const one = answer.Entries?.[0] || {};
      replace(result, one.EventId
        ? h("div", { class: "ok-note", role: "status" }, "Event sent. Event ID ", h("code", { class: "event-id" }, one.EventId))
        : errorBox({ type: one.ErrorCode || "FailedEntry", message: one.ErrorMessage || "The event was not accepted." },
          { title: "The event was not accepted." }));
    });
    sending = false;
    submit.disabled = !detail.ok();
  } },
  field("Event bus", h("input", { value: bus, readonly: true, name: "bus" })),
  field("Event source", source),
  field("Detail type", detailType),
  detail.element,
  field("Resources (optional)", resources),
  h("div", { class: "actions" }, submit),
  result);

  return {
    element: section("Send events", form),
    /** The event the form describes, as EventBridge would deliver it. */
    sample({ id, region, account }) {
      let d = {};
      try {
        d = JSON.parse(detail.area.value);
      } catch {
        /* the tester shows the event anyway */
      }
      return { version: "0", id, "detail-type": detailType.value, source: source.value, account,
        time: new Date().toISOString().replace(/\.\d+Z$/, "Z"), region, resources: resourceList(), detail: d };
    },
    onChange: (fn) => listeners.push(fn),
  };
}

// MARK: - Pattern tester

function testerSection(send, where, rules) {
  const id = uuid();
  const pattern = h("textarea", { class: "code", name: "pattern", rows: 6, spellcheck: "false" });
  pattern.value = '{\n  "source": [""]\n}';
  const event = h("textarea", { class: "code", name: "event", rows: 12, spellcheck: "false" });
  // The event follows the Send form until the user edits it.
  let following = true;
  const follow = () => {
    if (following) event.value = pretty(send.sample({ id, ...where }));
  };
  send.onChange(follow);
  follow();
  event.addEventListener("input", () => {
    following = false;
    useForm.hidden = false;
  });
  const useForm = h("button", { type: "button", class: "btn", hidden: true, onclick: () => {
    following = true;
    useForm.hidden = true;
    follow();
  } }, "Use the Send form's event");

  // The first rule's pattern, unless the user has picked one or written one by then.
  const pick = h("select", { name: "rule" }, h("option", { value: "" }, "—"));
  let chosen = false;
  pattern.addEventListener("input", () => (chosen = true));
  rules.onRules((found) => {
    pick.append(...found.map((r) => h("option", { value: r.Name }, r.Name)));
    if (!chosen && found.length) {
      chosen = true;
      pick.value = found[0].Name;
      pattern.value = pretty(found[0].EventPattern);
    }
  });
  pick.addEventListener("change", () => {
    chosen = true;
    const rule = rules.withPattern.find((r) => r.Name === pick.value);
    if (rule) pattern.value = pretty(rule.EventPattern);
  });

  const result = h("div", { class: "test-result", "aria-live": "polite" });
  const form = h("form", { class: "pattern-tester", onsubmit: async (e) => {
    e.preventDefault();
    await attempt(result, async () => {
      const answer = await events("TestEventPattern", { EventPattern: pattern.value, Event: event.value });
      replace(result, answer.Result
        ? h("div", { class: "ok-note match", role: "status", dataset: { result: "match" } }, "✓ The event matches the pattern.")
        : h("div", { class: "no-match", role: "status", dataset: { result: "no-match" } }, "✗ The event does not match the pattern."));
    });
  } },
  field("Load a rule's pattern", pick),
  field("Event pattern", pattern),
  field("Event", event, "A sample event built from the Send form's fields; edit it freely."),
  h("div", { class: "actions" }, h("button", { type: "submit", class: "btn primary" }, "Test pattern"), useForm),
  result);
  return { element: section("Pattern tester", form) };
}

/** A version 4 UUID (crypto.randomUUID needs a secure context; a console on a LAN address is not one). */
function uuid() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = [...b].map((v) => v.toString(16).padStart(2, "0")).join("");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

// MARK: - Deliveries and dead letters

const ruleName = (arn) => String(arn || "").split("/").pop();

function targetCell(d) {
  return [h("div", {}, h("strong", {}, d.TargetId || "")), d.TargetArn ? arnLink(d.TargetArn) : null];
}

function errorCell(d) {
  return d.ErrorCode ? h("span", { class: "delivery-error" }, h("code", { class: "error-type" }, d.ErrorCode), " ", d.ErrorMessage || "") : "";
}

function deliveriesSection(bus) {
  const columns = [
    { label: "Time", cell: (d) => time(d.Time) },
    { label: "Rule", cell: (d) => d.RuleName },
    { label: "Target", cell: targetCell },
    { label: "Event", cell: (d) => [h("div", {}, d.Source, " · ", d.DetailType), h("code", { class: "muted" }, d.EventId)] },
    { label: "Attempts", class: "num", cell: (d) => String(d.Attempts ?? "") },
    { label: "Status", cell: (d) => badge(d.Status) },
    { label: "Error", cell: errorCell },
  ];
  const empty = "No deliveries since the server started.";
  const t = table(columns, [], { empty });
  const status = h("div", {});
  return {
    element: section("Recent deliveries", h("p", { class: "hint" }, "The last deliveries to this bus's targets, newest first."), status, t),
    async reload() {
      const answer = await attempt(status, () => events("ListRecentDeliveries", { EventBusName: bus, Limit: 50 }));
      if (answer) fillTable(t.tBodies[0], columns, answer.Deliveries || [], { empty, rowAttrs: (d) => ({ dataset: { status: d.Status } }) });
    },
  };
}

function deadLettersSection(bus) {
  const columns = [
    { label: "Time", cell: (d) => time(d.Time) },
    { label: "Rule", cell: (d) => ruleName(d.RuleArn) },
    { label: "Target", cell: targetCell },
    { label: "Attempts", class: "num", cell: (d) => String(d.Attempts ?? "") },
    { label: "Error", cell: errorCell },
    { label: "Event", cell: (d) => h("details", {}, h("summary", {}, d.Event?.source || "", " · ", d.Event?.["detail-type"] || ""),
      h("pre", { class: "json" }, pretty(d.Event))) },
  ];
  const empty = "No dead letters for this bus.";
  const t = table(columns, [], { empty });
  // ListDeadLetters lists every bus's, oldest first: the page keeps this bus's.
  const list = pager(async (token) => {
    const page = await events("ListDeadLetters", { Limit: 100, NextToken: token || undefined });
    return { items: (page.DeadLetters || []).filter((d) => d.EventBusName === bus), nextToken: page.NextToken };
  }, (items, append) => fillTable(t.tBodies[0], columns, items, { append, empty }));
  return {
    element: section("Dead letters", h("p", { class: "hint" }, "Events a target of this bus could not take, oldest first."), t, list.element),
    reload: list.reload,
  };
}
