// What an execution's history says about its states: one visit per *StateEntered, closed by its
// *StateExited, a failure, an abort or the execution's end. Pure (no DOM, no fetch), so it can be fed page by
// page as GetExecutionHistory answers and tested on recorded histories.
//
// Events are tied to the state they belong to through `previousEventId`, as AWS chains them: a TaskScheduled
// points at its TaskStateEntered, a TaskFailed at its TaskStarted, a branch's first state at its
// ParallelStateStarted. Names alone cannot do it (a Map runs the same state in many iterations at once).

/** Visit statuses, the same keys as graph.js's STATUS_LABELS. */
export const VISIT_STATUSES = ["succeeded", "failed", "caught", "running", "waiting", "cancelled"];

const CONTAINERS = new Set(["Parallel", "Map"]);

/**
 * The details member of an event: `stateEnteredEventDetails` for every *StateEntered (likewise exits),
 * `<type>EventDetails` for the rest (`taskScheduledEventDetails`), or {}.
 */
export function eventDetails(event) {
  const type = String(event.type || "");
  const key = type.endsWith("StateEntered") ? "stateEnteredEventDetails"
    : type.endsWith("StateExited") ? "stateExitedEventDetails"
    : `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
  if (event[key]) return event[key];
  const other = Object.keys(event).find((k) => k.endsWith("EventDetails"));
  return other ? event[other] : {};
}

/** Whether an event type reports a failure of the state it belongs to. */
function isFailure(type) {
  return /(Failed|TimedOut|StartFailed|SubmitFailed)$/.test(type) && !type.startsWith("Execution") &&
    !type.startsWith("MapIteration");
}

/** Whether an event type reports a success of the work a state started (a retry's success clears a failure). */
function isSuccess(type) {
  return /Succeeded$/.test(type) && !type.startsWith("Execution") && !type.startsWith("MapIteration");
}

/**
 * A fold over an execution's history. `walk.add(events)` takes events in id order (several calls for
 * several pages); the rest reads what has been added so far.
 */
export class HistoryWalk {
  constructor() {
    /** Every visit in the order entered: {id, name, type, parent, enteredAt, exitedAt, input, output, resource, resourceType, parameters, errors, failedLast, status}. */
    this.visits = [];
    /** The execution's own end: {type, at, error, cause} once closed. */
    this.end = null;
    this.startedAt = null;
    this.lastId = 0;
    this.redrives = 0;
    // Event id → the visit that is current after it (null: the execution's top level).
    this.context = new Map();
    this.open = new Set();
  }

  /** Adds events (ids above the last added are taken, others skipped, so overlapping pages are harmless). */
  add(events) {
    for (const event of events) {
      if (typeof event.id !== "number" || event.id <= this.lastId) continue;
      this.lastId = event.id;
      this.step(event);
    }
    return this;
  }

  /** The visit current after event `id` (or the latest open visit when the chain is unknown). */
  contextOf(id) {
    if (this.context.has(id)) return this.context.get(id);
    let latest = null;
    for (const v of this.open) latest = v;
    return latest;
  }

  step(event) {
    const { type, id } = event;
    const at = toMillis(event.timestamp);
    const details = eventDetails(event);
    const prev = this.contextOf(event.previousEventId);

    if (type === "ExecutionStarted") {
      this.startedAt = at;
      this.context.set(id, null);
      return;
    }
    if (type.endsWith("StateEntered")) {
      const stateType = type.slice(0, -"StateEntered".length);
      // The event before a state's entry belongs to the state before it in the same branch, if that is not a
      // container the new state runs in: that state is over (AWS does not always record its exit, e.g. on a catch).
      let parent = prev;
      while (parent && !(CONTAINERS.has(parent.type) && parent.status === "open")) {
        if (parent.status === "open") this.close(parent, at, parent.failedLast ? "caught" : "succeeded");
        parent = parent.parent;
      }
      const visit = {
        id, name: details.name, type: stateType, parent, enteredAt: at, exitedAt: null, input: details.input,
        output: undefined, resource: null, resourceType: null, parameters: undefined, errors: [], failedLast: false,
        status: "open", superseded: false,
      };
      this.visits.push(visit);
      this.open.add(visit);
      this.context.set(id, visit);
      // A Fail state fails as it is entered; Succeed states never record an exit on some paths.
      if (stateType === "Fail") {
        visit.errors.push({ error: undefined, cause: undefined, type });
        visit.failedLast = true;
      }
      return;
    }
    if (type.endsWith("StateExited")) {
      const visit = this.findOpen(prev, details.name);
      if (visit) {
        visit.output = details.output;
        this.close(visit, at, visit.failedLast ? "caught" : "succeeded");
        this.context.set(id, visit.parent);
      } else {
        this.context.set(id, prev);
      }
      return;
    }
    if (type.endsWith("StateAborted")) {
      if (prev) this.close(prev, at, "cancelled");
      this.context.set(id, prev ? prev.parent : null);
      return;
    }
    if (type === "ExecutionRedriven") {
      this.redrives += 1;
      this.end = null;
      // What failed before the redrive is history: the graph shows what the redriven run does.
      for (const v of this.visits) if (v.status === "failed" || v.status === "cancelled") v.superseded = true;
      this.context.set(id, null);
      return;
    }
    if (type.startsWith("Execution")) {
      // Succeeded, Failed, Aborted, TimedOut: the execution is over, and so is every visit still open.
      this.end = { type, at, error: details.error, cause: details.cause, output: details.output };
      if (type === "ExecutionFailed" || type === "ExecutionTimedOut") {
        // The state the failure came from (and the containers it travelled up through) failed.
        for (let v = prev; v; v = v.parent) {
          if (v.status === "open") {
            const last = v.errors[v.errors.length - 1];
            if (!v.failedLast || !last) v.errors.push({ error: details.error, cause: details.cause, type });
            else if (last.error === undefined) Object.assign(last, { error: details.error, cause: details.cause });
            v.failedLast = true;
            this.close(v, at, "failed");
          }
        }
      }
      for (const v of [...this.open]) {
        const status = type === "ExecutionSucceeded" ? "succeeded"
          : type === "ExecutionAborted" ? "cancelled"
          : v.failedLast || type === "ExecutionTimedOut" ? "failed" : "cancelled";
        this.close(v, at, status);
      }
      this.context.set(id, null);
      return;
    }

    // Everything else happens inside the state it is chained to.
    this.context.set(id, prev);
    if (!prev) return;
    if (type === "TaskScheduled" || type === "ActivityScheduled" || type === "LambdaFunctionScheduled") {
      if (details.resource !== undefined) prev.resource = details.resource;
      if (details.resourceType !== undefined) prev.resourceType = details.resourceType;
      if (details.parameters !== undefined) prev.parameters = details.parameters;
      prev.failedLast = false; // a retry starts afresh
    } else if (isFailure(type)) {
      prev.errors.push({ error: details.error, cause: details.cause, type });
      prev.failedLast = true;
      // A container's failure is its failing child's too.
    } else if (isSuccess(type)) {
      prev.failedLast = false;
      if (details.output !== undefined && prev.taskOutput === undefined) prev.taskOutput = details.output;
    } else if (type === "ParallelStateStarted" || type === "MapStateStarted") {
      prev.failedLast = false;
    }
    // A container that failed because of a child: the child's visit is where the failure is.
    if ((type === "ParallelStateFailed" || type === "MapStateFailed") && event.previousEventId) {
      const child = this.context.get(event.previousEventId);
      for (let v = child; v && v !== prev; v = v.parent) {
        if (v.status === "open") this.close(v, at, "failed");
      }
    }
  }

  /** The open visit an exit event closes: the chained one or an ancestor of it with that name, else the latest open visit so named. */
  findOpen(from, name) {
    for (let v = from; v; v = v.parent) if (v.status === "open" && v.name === name) return v;
    let found = null;
    for (const v of this.open) if (v.name === name) found = v;
    return found;
  }

  close(visit, at, status) {
    visit.status = status;
    visit.exitedAt = at;
    this.open.delete(visit);
  }

  /** A visit's status as the graph shows it: open visits are running, or waiting for a callback. */
  static statusOf(visit) {
    if (visit.status !== "open") return visit.status;
    return visit.type === "Task" && /\.waitForTaskToken$/.test(visit.resource || "") ? "waiting" : "running";
  }

  /**
   * Each state's status by name, for graph.colourGraph. A state visited more than once (loops, Map
   * iterations) shows the most telling of its visits: in progress first, then failed, cancelled, caught,
   * succeeded. Visits superseded by a redrive do not count.
   */
  statuses() {
    const rank = { waiting: 6, running: 5, failed: 4, cancelled: 3, caught: 2, succeeded: 1 };
    const out = {};
    for (const v of this.visits) {
      if (v.superseded || !v.name) continue;
      const s = HistoryWalk.statusOf(v);
      if (!out[v.name] || rank[s] > rank[out[v.name]]) out[v.name] = s;
    }
    return out;
  }

  /** The visits of one state, in the order entered. */
  visitsOf(name) {
    return this.visits.filter((v) => v.name === name);
  }

  /** The name of the state an event belongs to (its "step"), or "" for the execution's own events. */
  stepOf(event) {
    const details = eventDetails(event);
    if (details.name && (event.type.endsWith("StateEntered") || event.type.endsWith("StateExited"))) return details.name;
    const v = this.context.get(event.id);
    return v ? v.name : "";
  }
}

/** Each state's status by name, from a whole history (events in id order). */
export function stateStatuses(events) {
  return new HistoryWalk().add(events).statuses();
}

/** Epoch milliseconds from an AWS timestamp (epoch seconds, with fractions), milliseconds, or ISO text. */
export function toMillis(value) {
  if (typeof value === "number") return value < 1e11 ? value * 1000 : value;
  const t = Date.parse(value);
  return isNaN(t) ? null : t;
}

/**
 * The resource a task event names, as the history table shows it: `lambda:invoke` (with the function's
 * name when the parameters give one), `events:putEvents.waitForTaskToken`, an activity's ARN.
 */
export function resourceOf(event) {
  const d = eventDetails(event);
  if (!d.resource) return null;
  const resource = d.resourceType ? `${d.resourceType}:${d.resource}` : d.resource;
  let fn = null;
  if (d.resourceType === "lambda" && typeof d.parameters === "string") {
    try {
      const name = JSON.parse(d.parameters).FunctionName;
      if (typeof name === "string") fn = name.split(":function:").pop().split(":")[0];
    } catch {
      /* parameters that are not JSON name no function */
    }
  }
  return { resource, functionName: fn };
}
