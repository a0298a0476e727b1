// What the resource pages (buses, logs, functions, tables, buckets) share: a list page paged with the
// API's token, a JSON box checked as you type, and reading the newest events of a log group
// (docs/architecture/console.md).
import { logs } from "../api.js";
import { h, replace, heading, table, fillTable, pager, title, field } from "../ui.js";

/**
 * A list page: a heading, an optional name-prefix filter kept in the URL (`?prefix=`), a table and
 * "Load more". `load(token, prefix)` answers `{items, nextToken}`.
 */
export async function listPage(main, { heading: text, columns, load, empty, prefix, params }) {
  title(text);
  const t = table(columns, [], { empty });
  const body = t.tBodies[0];
  const wanted = prefix ? params.get("prefix") || "" : "";
  const list = pager((token) => load(token, wanted), (items, append) =>
    fillTable(body, columns, items, { append, empty: wanted ? `${empty} None starts with “${wanted}”.` : empty }));
  let filter = null;
  if (prefix) {
    const input = h("input", { type: "search", name: "prefix", value: wanted, placeholder: prefix, autocomplete: "off" });
    filter = h("form", { class: "inline", method: "get", role: "search" }, field(prefix, input),
      h("button", { type: "submit", class: "btn" }, "Filter"),
      wanted ? h("a", { class: "btn", href: location.pathname }, "Clear") : null);
  }
  replace(main, heading(text), h("section", { class: "panel", "aria-label": text }, filter, t, list.element));
  await list.reload();
}

/** The page's facts as a definition list; rows whose value is null or "" are left out. */
export function facts(rows) {
  return h("dl", { class: "facts" }, rows.filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
}

/**
 * A textarea of JSON checked as you type: `jsonBox("Detail", {value, object: true})` answers
 * `{element, area, ok(), value(), set(text), onChange(fn)}`. Text that is not JSON (or not an object when
 * `object` is set) shows why under the box and marks it invalid; `onChange(fn)` hears every check.
 */
export function jsonBox(label, { value = "", rows = 8, object = false, hint } = {}) {
  const area = h("textarea", { class: "code", rows, spellcheck: "false", autocomplete: "off" });
  area.value = value;
  const message = h("div", { class: "json-check", id: `c-${Math.random().toString(36).slice(2, 9)}`, "aria-live": "polite" });
  area.setAttribute("aria-describedby", message.id);
  const listeners = [];
  let parsed = { ok: false };
  const check = () => {
    try {
      const v = JSON.parse(area.value);
      if (object && (typeof v !== "object" || v === null || Array.isArray(v))) throw new SyntaxError("it must be a JSON object ({…})");
      parsed = { ok: true, value: v };
      message.textContent = "";
    } catch (e) {
      parsed = { ok: false };
      message.textContent = area.value.trim() ? `${label} is not valid JSON: ${e.message}` : `${label} is empty: write JSON.`;
    }
    area.classList.toggle("invalid", !parsed.ok);
    area.setAttribute("aria-invalid", String(!parsed.ok));
    for (const fn of listeners) fn(parsed.ok);
  };
  area.addEventListener("input", check);
  check();
  return {
    element: h("div", {}, field(label, area, hint), message),
    area,
    ok: () => parsed.ok,
    value: () => parsed.value,
    set(text) {
      area.value = text;
      check();
    },
    onChange(fn) {
      listeners.push(fn);
      fn(parsed.ok);
    },
  };
}

// MARK: - Log events

/**
 * Every event FilterLogEvents answers from `startTime` on, following its nextToken (a page may be short
 * or empty and still have one). `query` adds filterPattern, logStreamNames.
 */
export async function logEventsSince(group, startTime, query = {}) {
  const found = [];
  let nextToken;
  do {
    const page = await logs("FilterLogEvents", { logGroupName: group, startTime, interleaved: true, ...query, nextToken });
    found.push(...(page.events || []));
    nextToken = page.nextToken;
  } while (nextToken);
  return found;
}

/**
 * The newest `count` events of a group (oldest first), and `last`, the timestamp of the group's newest event
 * whether or not it matched: FilterLogEvents reads forwards only, so this reads windows of time that end at
 * the newest event and grow eightfold into the past (10 s, 80 s, …) until one holds `count` events or
 * reaches the start. A quiet group and a busy one both cost a few calls.
 */
export async function recentLogEvents(group, { count = 100, ...query } = {}) {
  const newest = await logs("DescribeLogStreams", { logGroupName: group, orderBy: "LastEventTime", descending: true, limit: 1 });
  const last = newest.logStreams?.[0]?.lastEventTimestamp;
  if (!last) return { events: [], last: null };
  for (let span = 10_000; ; span *= 8) {
    const start = span > 3e11 ? 0 : Math.max(0, last - span);
    const found = await logEventsSince(group, start, query);
    if (found.length >= count || start === 0) return { events: found.slice(-count), last };
  }
}

/**
 * Follows a group as `aws logs tail --follow` does: `first(count)` answers the newest events, then each
 * `next()` the events written since the newest one answered (read from its timestamp on, dropping the event
 * ids already answered at that timestamp).
 */
export function logFollower(group, query = {}) {
  let newest = null;
  let seenAtNewest = new Set();
  const keep = (events) => {
    const fresh = events.filter((e) => !(e.timestamp === newest && seenAtNewest.has(e.eventId)));
    for (const e of fresh) {
      if (newest === null || e.timestamp > newest) {
        newest = e.timestamp;
        seenAtNewest = new Set();
      }
      seenAtNewest.add(e.eventId);
    }
    return fresh;
  };
  return {
    async first(count) {
      const { events, last } = await recentLogEvents(group, { count, ...query });
      // Nothing matched: go on from the group's newest event, not from its start.
      if (!events.length && last) newest = last;
      return keep(events);
    },
    next: async () => keep(await logEventsSince(group, newest ?? 0, query)),
  };
}

/**
 * `fn` made safe to call from many change notifications: calls while it runs make it run once more after,
 * never twice at once.
 */
export function serial(fn) {
  let running = null;
  let again = false;
  return async function run() {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await fn();
        } catch {
          /* fn shows its own errors */
        }
      } while (again);
      running = null;
    })();
    return running;
  };
}

/** A cell filled when `promise` settles: `draw(value)`, or the error's AWS name (its message on hover). */
export function later(promise, draw) {
  const el = h("span", { class: "later" }, h("span", { class: "muted" }, "…"));
  promise.then((value) => replace(el, draw(value)),
    (e) => replace(el, h("code", { class: "error-type", title: e.message }, e.type || "Error")));
  return el;
}
