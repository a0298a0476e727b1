// /executions/{executionArn}: one execution as AWS's console shows it: the graph coloured by each state's
// status, the event history (table and timeline), input and output, the callbacks it waits for, and the
// actions that steer it (Stop, Redrive, Start again, Fast-forward timer). Live through `execution:{arn}`.
import { sfn, subscribe } from "../api.js";
import {
  h, replace, href, arnName, badge, errorBox, notFound, time, toDate, duration, pretty, jsonBlock, field, button, title,
} from "../ui.js";
import { drawGraph, colourGraph, legend, STATUS_LABELS } from "../graph.js";
import { HistoryWalk, eventDetails, resourceOf, toMillis } from "./_history.js";
import { CallbackList } from "./_callbacks.js";

/** Rows per "Load more" of the event table. */
const TABLE_PAGE = 100;
/** Events per call when reading the whole history for the graph and the timeline (AWS's maximum). */
const WALK_PAGE = 1000;
/** Bars drawn in the timeline at most; a longer history says how many more there are. */
const TIMELINE_BARS = 400;

const NOT_FOUND = new Set(["ExecutionDoesNotExist", "InvalidArn", "ValidationException", "ResourceNotFound"]);
const CLOSED_REDRIVABLE = new Set(["FAILED", "TIMED_OUT", "ABORTED"]);

export async function render(main, { id }) {
  const arn = id;
  title(arnName(arn) || "Execution");
  let described;
  try {
    described = await sfn("DescribeExecution", { executionArn: arn });
  } catch (e) {
    if (NOT_FOUND.has(e.type)) {
      notFound(main, `There is no execution ${arn}.`, { href: "/state-machines", label: "Back to the state machines" }, e);
      return undefined;
    }
    replace(main, errorBox(e, { title: "The execution could not be read." }));
    return undefined;
  }
  const page = new ExecutionPage(main, arn, described);
  await page.start();
  return () => page.stop();
}

class ExecutionPage {
  constructor(main, arn, described) {
    this.main = main;
    this.arn = arn;
    this.described = described;
    this.walk = new HistoryWalk(); // the whole history, read in the background: graph, timeline, state details
    this.walkDone = false;
    this.tableWalk = new HistoryWalk(); // the rows shown so far: each row's step
    this.tableToken = null;
    this.tableAtEnd = false;
    this.selected = null;
    this.stopped = false;
    this.refreshing = null;
  }

  async start() {
    const d = this.described;
    title(d.name);
    this.headingActions = h("div", { class: "actions" });
    this.facts = h("dl", { class: "facts exec-facts" });
    this.actionResult = h("div", { class: "action-result", "aria-live": "polite" });
    this.stopForm = this.buildStopForm();
    this.ioPanel = h("div", { class: "exec-io" });

    this.graphHost = h("div", { class: "graph-wrap exec-graph" }, h("p", { class: "muted" }, "Drawing the graph…"));
    this.graphStatus = h("div", { class: "graph-status" });
    this.details = h("aside", { class: "state-details panel", "aria-label": "Selected state", "aria-live": "polite" },
      h("h2", {}, "State"), h("p", { class: "muted" }, "Select a state in the graph (click it, or Tab to it and press Enter) to see its input, output and error."));

    // Shown while the execution runs or while a token still waits (a closed execution has none).
    this.callbacks = new CallbackList({
      executionArn: this.arn, pageSize: 25,
      onChange: (l) => this.callbackSection && (this.callbackSection.hidden = l.size === 0 && this.described.status !== "RUNNING"),
    });

    this.tableBody = h("tbody");
    this.tableStatus = h("div", { class: "pager-status" });
    this.tableMore = button("Load more events", () => this.loadTablePage());
    this.tableMore.hidden = true;
    this.timeline = h("div", { class: "timeline" });
    this.timelineNote = h("p", { class: "muted timeline-note" });

    replace(this.main,
      h("div", { class: "heading" },
        h("div", {}, h("div", { class: "kind" }, "Execution"), h("h1", {}, d.name)),
        this.headingActions),
      h("section", { class: "panel exec-summary", "aria-label": "Summary" }, this.facts, this.stopForm, this.actionResult),
      this.callbackSection = h("section", { class: "panel exec-callbacks", "aria-label": "Waiting callbacks" },
        h("h2", {}, "Waiting for a callback"), this.callbacks.element),
      h("section", { class: "panel", "aria-label": "Graph" }, h("h2", {}, "Graph"),
        h("div", { class: "exec-graph-row" }, h("div", { class: "exec-graph-col" }, this.graphHost, legend(), this.graphStatus), this.details)),
      h("section", { class: "panel", "aria-label": "Input and output" }, h("h2", {}, "Input and output"), this.ioPanel),
      h("section", { class: "panel", "aria-label": "Event history" }, h("h2", {}, "Event history"),
        h("div", { class: "table-scroll" }, h("table", { class: "list events" },
          h("thead", {}, h("tr", {}, ["ID", "Type", "Step", "Resource", "Started after", "Timestamp"].map((c, i) =>
            h("th", { scope: "col", class: i === 0 || i === 4 ? "num" : null }, c)))),
          this.tableBody)),
        h("div", { class: "pager" }, this.tableStatus, this.tableMore)),
      h("section", { class: "panel", "aria-label": "Timeline" }, h("h2", {}, "Timeline"), this.timeline, this.timelineNote));

    this.buildActions();
    this.showDescription();
    this.clock = setInterval(() => this.tick(), 1000);
    // The first screen: the table's first page and the waiting callbacks; the graph follows (it needs the
    // definition, the server's drawing and the whole history).
    await Promise.all([this.loadTablePage(), this.callbacks.refresh()]);
    this.graphReady = this.drawGraph();
    this.walkReady = this.readWholeHistory();
    this.unsubscribe = subscribe([`execution:${this.arn}`], () => this.refresh());
    await this.graphReady;
  }

  stop() {
    this.stopped = true;
    clearInterval(this.clock);
    if (this.unsubscribe) this.unsubscribe();
  }

  // MARK: - Heading, facts, actions

  showDescription() {
    if (this.callbackSection) this.callbackSection.hidden = this.callbacks.size === 0 && this.described.status !== "RUNNING";
    this.showFacts();
    this.showActions();
    this.showIO();
  }

  /** A running execution's duration, once a second (only the text: the facts keep their focus). */
  tick() {
    const start = toDate(this.described.startDate);
    if (this.described.status === "RUNNING" && start && this.durationText) {
      this.durationText.textContent = duration(Date.now() - start.getTime());
    }
  }

  showFacts() {
    const d = this.described;
    const start = toDate(d.startDate);
    const end = toDate(d.stopDate);
    const ms = start ? (end || new Date()).getTime() - start.getTime() : null;
    const version = d.stateMachineAliasArn || d.stateMachineVersionArn;
    replace(this.facts,
      h("dt", {}, "Status"), h("dd", { class: "exec-status" }, badge(d.status)),
      h("dt", {}, "State machine"), h("dd", {}, h("a", { href: href.stateMachine(d.stateMachineArn), class: "exec-machine" }, arnName(d.stateMachineArn)),
        version ? h("span", { class: "muted" }, ` (${version.split(":").slice(-1)[0]})`) : null),
      h("dt", {}, "Execution ARN"), h("dd", { class: "mono" }, d.executionArn),
      h("dt", {}, "Started"), h("dd", {}, time(d.startDate)),
      h("dt", {}, "Stopped"), h("dd", {}, end ? time(d.stopDate) : h("span", { class: "muted" }, "—")),
      h("dt", {}, "Duration"), h("dd", { class: "exec-duration" }, this.durationText = h("span", {}, duration(ms)),
        d.status === "RUNNING" ? h("span", { class: "muted" }, " so far") : null),
      d.redriveCount ? [h("dt", {}, "Redriven"), h("dd", {}, `${d.redriveCount} time${d.redriveCount === 1 ? "" : "s"}, last `, time(d.redriveDate))] : null);
  }

  /** The heading's buttons, made once (focus stays on them across live updates); showActions sets their state. */
  buildActions() {
    const make = (action, label, run, kind = "") => {
      const b = h("button", { type: "button", class: `btn ${kind}`, dataset: { action } }, label);
      b.addEventListener("click", async () => {
        if (this.busyAction) return;
        this.busyAction = action;
        b.disabled = true;
        try {
          await run();
        } finally {
          this.busyAction = null;
          this.showActions();
        }
      });
      return b;
    };
    this.buttons = {
      stop: make("stop", "Stop", async () => this.toggleStopForm(true), "danger"),
      redrive: make("redrive", "Redrive", () => this.act("RedriveExecution", { executionArn: this.arn },
        "Redriven: the execution runs again from the states that failed.")),
      again: make("start", "Start again with the same input", () => this.startAgain()),
      fast: make("fast-forward", "Fast-forward timer", () => this.fastForward()),
    };
    replace(this.headingActions, Object.values(this.buttons));
  }

  showActions() {
    const d = this.described;
    const running = d.status === "RUNNING";
    const redrivable = CLOSED_REDRIVABLE.has(d.status) && d.redriveStatus !== "NOT_REDRIVABLE";
    const { stop, redrive, fast } = this.buttons;
    stop.disabled = !running;
    stop.title = running ? "Stop the execution (StopExecution), with an optional error and cause" : `The execution is ${d.status}`;
    redrive.disabled = !redrivable;
    redrive.title = redrivable ? "Run again from where it failed (RedriveExecution)"
      : d.redriveStatusReason || "Only failed, timed out or aborted executions can be redriven";
    fast.disabled = !running;
    fast.title = running ? "Fire the execution's next timer (Wait, retry backoff, timeout) now" : `The execution is ${d.status}`;
    if (this.busyAction) for (const b of Object.values(this.buttons)) if (b.dataset.action === this.busyAction) b.disabled = true;
    if (!running) this.toggleStopForm(false);
  }

  buildStopForm() {
    const error = h("input", { type: "text", maxlength: "256", placeholder: "optional, e.g. Cancelled" });
    const cause = h("input", { type: "text", maxlength: "32768", placeholder: "optional" });
    const confirm = h("button", { type: "submit", class: "btn danger" }, "Stop execution");
    const cancel = h("button", { type: "button", class: "btn" }, "Cancel");
    const form = h("form", { class: "inline stop-form", "aria-label": "Stop the execution", hidden: true },
      field("Error", error), field("Cause", cause), confirm, cancel);
    cancel.addEventListener("click", () => this.toggleStopForm(false));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      confirm.disabled = true;
      const body = { executionArn: this.arn };
      if (error.value) body.error = error.value;
      if (cause.value) body.cause = cause.value;
      try {
        await this.act("StopExecution", body, "Stopped.");
      } finally {
        confirm.disabled = false;
      }
    });
    this.stopFields = { error };
    return form;
  }

  toggleStopForm(open) {
    this.stopForm.hidden = !open;
    if (open) this.stopFields.error.focus();
  }

  /** Runs an action on the execution, shows its outcome, then re-reads everything. */
  async act(action, body, done) {
    try {
      await sfn(action, body);
    } catch (e) {
      this.actionResult.replaceChildren(errorBox(e, { title: `${action} failed:` }));
      return;
    }
    this.actionResult.replaceChildren(h("div", { class: "ok-note" }, done));
    this.toggleStopForm(false);
    await this.refresh();
  }

  async startAgain() {
    const d = this.described;
    const machine = d.stateMachineAliasArn || d.stateMachineVersionArn || d.stateMachineArn;
    let started;
    try {
      started = await sfn("StartExecution", { stateMachineArn: machine, input: d.input });
    } catch (e) {
      this.actionResult.replaceChildren(errorBox(e, { title: "StartExecution failed:" }));
      return;
    }
    location.assign(href.execution(started.executionArn));
  }

  async fastForward() {
    let answer;
    try {
      answer = await sfn("FastForwardExecution", { executionArn: this.arn });
    } catch (e) {
      this.actionResult.replaceChildren(errorBox(e, { title: "FastForwardExecution failed:" }));
      return;
    }
    this.actionResult.replaceChildren(h("div", { class: "ok-note fast-forward-note" }, answer.timerFired
      ? ["Timer fired now; it was due ", time(answer.dueDate), "."]
      : "No timer was waiting."));
    await this.refresh();
  }

  showIO() {
    const d = this.described;
    const failed = d.error !== undefined || d.cause !== undefined;
    replace(this.ioPanel,
      h("div", { class: "grid" },
        h("div", { class: "exec-input" }, h("h3", {}, "Input"), jsonBlock(d.input ?? "", { label: "Execution input" })),
        h("div", { class: "exec-output" }, h("h3", {}, "Output"),
          d.output !== undefined ? jsonBlock(d.output, { label: "Execution output" })
            : h("p", { class: "muted" }, d.status === "RUNNING" ? "Not yet: the execution is running." : "No output."))),
      failed ? h("div", { class: "error exec-error", role: "note" },
        h("strong", {}, d.status === "ABORTED" ? "Stopped: " : "Failed: "),
        d.error ? h("code", { class: "error-type" }, d.error) : null, " ",
        d.cause ? h("div", { class: "exec-cause" }, pretty(d.cause)) : null) : null);
  }

  // MARK: - Live

  /**
   * Re-reads what changed: the execution, the new events, the callbacks. Calls while one runs are coalesced
   * into one more after it.
   */
  refresh() {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        if (this.stopped) break;
        try {
          const described = await sfn("DescribeExecution", { executionArn: this.arn });
          const changed = JSON.stringify(described) !== JSON.stringify(this.described);
          this.described = described;
          if (changed) this.showDescription();
        } catch (e) {
          this.actionResult.replaceChildren(errorBox(e, { title: "The execution could not be re-read." }));
        }
        await Promise.all([this.readNewEvents(), this.callbacks.refresh()]);
      } while (this.refreshAgain);
      this.refreshing = null;
    })();
    return this.refreshing;
  }

  /**
   * The events added since the last one read, newest first until the last id we hold (reverseOrder). Why not
   * the forward nextToken: the forward read ends on a page without a token, so it cannot resume where it
   * stopped, and re-reading from the start costs the whole history on every change. Newest first costs one
   * short call per change, however long the history is.
   */
  async readNewEvents() {
    if (!this.walkDone) return; // the forward read is still going and will reach them
    const fresh = [];
    let token = null;
    try {
      outer: do {
        const body = { executionArn: this.arn, reverseOrder: true, maxResults: TABLE_PAGE };
        if (token) body.nextToken = token;
        const page = await sfn("GetExecutionHistory", body);
        for (const e of page.events || []) {
          if (e.id <= this.walk.lastId) break outer;
          fresh.push(e);
        }
        token = page.nextToken;
      } while (token);
    } catch (e) {
      this.graphStatus.replaceChildren(errorBox(e, { title: "New events could not be read." }));
      return;
    }
    if (!fresh.length) return;
    fresh.reverse();
    this.walk.add(fresh);
    if (this.tableAtEnd) this.appendRows(fresh);
    this.showWalk();
  }

  // MARK: - Event table

  async loadTablePage() {
    const body = { executionArn: this.arn, maxResults: TABLE_PAGE };
    if (this.tableToken) body.nextToken = this.tableToken;
    let page;
    try {
      page = await sfn("GetExecutionHistory", body);
    } catch (e) {
      this.tableStatus.replaceChildren(errorBox(e, { title: "The history could not be read." }));
      return;
    }
    this.tableStatus.replaceChildren();
    this.tableToken = page.nextToken || null;
    this.tableAtEnd = !this.tableToken;
    this.appendRows(page.events || []);
    this.tableMore.hidden = this.tableAtEnd;
  }

  appendRows(events) {
    const fresh = events.filter((e) => e.id > this.tableWalk.lastId);
    this.tableWalk.add(fresh);
    const started = this.tableWalk.startedAt ?? toMillis(this.described.startDate);
    for (const e of fresh) this.tableBody.append(...this.eventRows(e, started));
  }

  eventRows(event, started) {
    const details = eventDetails(event);
    const at = toMillis(event.timestamp);
    const res = resourceOf(event);
    const detailsId = `event-${event.id}-details`;
    const expand = h("button", { type: "button", class: "expand", "aria-expanded": "false", "aria-controls": detailsId,
      "aria-label": `Details of event ${event.id}` }, "▸");
    const step = this.tableWalk.stepOf(event);
    const failed = /(Failed|TimedOut|Aborted)$/.test(event.type);
    const row = h("tr", { class: `event${failed ? " event-failed" : ""}`, dataset: { eventId: event.id, type: event.type } },
      h("td", { class: "num event-id" }, expand, " ", String(event.id)),
      h("td", { class: "event-type" }, event.type),
      h("td", { class: "event-step" }, step ? h("button", { type: "button", class: "link", onclick: () => this.select(step, true) }, step) : ""),
      h("td", { class: "event-resource" }, res ? [h("code", {}, res.resource), res.functionName
        ? h("div", {}, h("a", { href: href.func(res.functionName), title: "The function" }, res.functionName)) : null] : ""),
      h("td", { class: "num event-after" }, started !== null && at !== null ? `${Math.max(0, Math.round(at - started))} ms` : ""),
      h("td", { class: "event-time" }, time(event.timestamp)));
    const more = h("tr", { class: "event-details", id: detailsId, hidden: true },
      h("td", { colspan: "6" }, jsonBlock(readable(details), { label: `Details of event ${event.id}` })));
    expand.addEventListener("click", () => {
      const open = expand.getAttribute("aria-expanded") !== "true";
      expand.setAttribute("aria-expanded", String(open));
      expand.textContent = open ? "▾" : "▸";
      more.hidden = !open;
    });
    return [row, more];
  }

  // MARK: - Graph, state details, timeline

  async drawGraph() {
    let definition;
    try {
      ({ definition } = await sfn("DescribeStateMachineForExecution", { executionArn: this.arn }));
      this.svg = await drawGraph(this.graphHost, definition, { interactive: true });
    } catch (e) {
      this.graphHost.replaceChildren(errorBox(e, { title: "The graph could not be drawn." }));
      return;
    }
    // The boxes are controls: the drawing as a whole is a group of them, not one image.
    for (const g of this.svg.querySelectorAll("g.state[data-state]:not(.marker)")) {
      const name = g.getAttribute("data-state");
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "button");
      g.addEventListener("click", () => this.select(name));
      g.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          this.select(name);
        }
      });
    }
    this.showWalk();
  }

  /** Reads the whole history for the graph, a page at a time, colouring as it goes. */
  async readWholeHistory() {
    let token = null;
    do {
      const body = { executionArn: this.arn, maxResults: WALK_PAGE };
      if (token) body.nextToken = token;
      let page;
      try {
        page = await sfn("GetExecutionHistory", body);
      } catch (e) {
        this.graphStatus.replaceChildren(errorBox(e, { title: "The history could not be read for the graph." }));
        return;
      }
      if (this.stopped) return;
      this.walk.add(page.events || []);
      token = page.nextToken;
      this.graphStatus.textContent = token ? `Read ${this.walk.lastId} events so far…` : "";
      this.showWalk();
    } while (token);
    this.walkDone = true;
    // Events may have come while the forward read was under way.
    await this.readNewEvents();
  }

  showWalk() {
    if (this.svg) {
      colourGraph(this.svg, this.walk.statuses());
      for (const g of this.svg.querySelectorAll("g.state[data-state]:not(.marker)")) {
        const name = g.getAttribute("data-state");
        g.setAttribute("aria-label", `${name}: ${STATUS_LABELS[g.getAttribute("data-status")] || ""}`);
        g.classList.toggle("selected", name === this.selected);
        g.setAttribute("aria-pressed", String(name === this.selected));
      }
    }
    if (this.selected) this.showDetails(this.selected, this.selectedVisit);
    this.showTimeline();
  }

  select(name, scroll = false) {
    this.selected = name;
    this.selectedVisit = null;
    this.showWalk();
    if (scroll) this.details.scrollIntoView({ block: "nearest" });
  }

  showDetails(name, visitIndex) {
    const visits = this.walk.visitsOf(name);
    const g = this.svg?.querySelector(`g.state[data-state="${CSS.escape(name)}"]`);
    const kind = g ? [...g.classList].find((c) => !["state", "container", "selected"].includes(c) && !c.startsWith("st-")) : null;
    if (!visits.length) {
      replace(this.details, h("h2", {}, name), kind ? h("div", { class: "kind" }, kind) : null,
        h("p", { class: "state-status" }, "Not reached."));
      return;
    }
    const index = visitIndex !== null && visitIndex !== undefined && visitIndex < visits.length ? visitIndex : visits.length - 1;
    const visit = visits[index];
    const status = HistoryWalk.statusOf(visit);
    let chooser = null;
    if (visits.length > 1) {
      const select = h("select", {}, visits.slice(0, 500).map((v, i) =>
        h("option", { value: String(i), selected: i === index }, `Visit ${i + 1} · ${HistoryWalk.statusOf(v)}`)));
      select.addEventListener("change", () => {
        this.selectedVisit = Number(select.value);
        this.showDetails(name, this.selectedVisit);
        this.details.querySelector("select")?.focus();
      });
      chooser = field(`Visited ${visits.length} times`, select);
    }
    const until = visit.exitedAt ?? (this.walk.end ? this.walk.end.at : Date.now());
    const lastError = visit.errors[visit.errors.length - 1];
    replace(this.details,
      h("h2", {}, name), kind ? h("div", { class: "kind" }, kind) : null,
      h("p", { class: "state-status" }, h("span", { class: `swatch st-${status}` }), STATUS_LABELS[status],
        h("span", { class: "muted" }, ` · ${duration(until - visit.enteredAt)}`)),
      chooser,
      visit.resource ? h("p", { class: "mono" }, visit.resourceType ? `${visit.resourceType}:${visit.resource}` : visit.resource) : null,
      lastError ? h("div", { class: "error state-error" }, h("code", { class: "error-type" }, lastError.error || lastError.type), " ",
        lastError.cause ? h("div", { class: "exec-cause" }, pretty(lastError.cause)) : null,
        visit.errors.length > 1 ? h("div", { class: "muted" }, `${visit.errors.length} errors in this visit (retries).`) : null) : null,
      h("h3", {}, "Input"), jsonBlock(visit.input ?? "", { label: `Input of ${name}` }),
      visit.parameters !== undefined ? [h("h3", {}, "Parameters"), jsonBlock(visit.parameters, { label: `Parameters of ${name}` })] : null,
      h("h3", {}, "Output"), visit.output !== undefined ? jsonBlock(visit.output, { label: `Output of ${name}` })
        : h("p", { class: "muted" }, status === "running" || status === "waiting" ? "Not yet." : "No output."));
  }

  showTimeline() {
    const visits = this.walk.visits;
    const start = this.walk.startedAt ?? toMillis(this.described.startDate);
    const end = this.walk.end ? this.walk.end.at : Math.max(Date.now(), ...visits.slice(-50).map((v) => v.exitedAt || 0));
    const span = Math.max(1, end - start);
    const shown = visits.slice(0, TIMELINE_BARS);
    const rows = [];
    for (const v of shown) {
      const status = HistoryWalk.statusOf(v);
      const from = v.enteredAt - start;
      const to = (v.exitedAt ?? end) - start;
      const text = `${v.name}: ${STATUS_LABELS[status]}, ${duration(to - from)} from ${duration(from)}`;
      rows.push(
        h("div", { class: "tl-label" }, h("button", { type: "button", class: "link", title: text, onclick: () => this.select(v.name, true) }, v.name)),
        h("div", { class: "bar-track", title: text },
          h("div", { class: `bar ${status}`, style: `left: ${(100 * from) / span}%; width: ${(100 * Math.max(0, to - from)) / span}%`, dataset: { state: v.name, status } })));
    }
    replace(this.timeline, rows);
    this.timelineNote.textContent = !visits.length ? "No state has been entered yet."
      : `0 to ${duration(span)}${visits.length > shown.length ? `; the first ${shown.length} of ${visits.length} state visits are drawn` : ""}.`;
  }
}

/** An event's details for reading: the members that carry JSON text (input, output, parameters) parsed. */
function readable(details) {
  const out = {};
  for (const [key, value] of Object.entries(details)) {
    if (typeof value === "string" && ["input", "output", "parameters", "cause"].includes(key)) {
      try {
        out[key] = JSON.parse(value);
        continue;
      } catch {
        /* not JSON: shown as text */
      }
    }
    out[key] = value;
  }
  return out;
}
