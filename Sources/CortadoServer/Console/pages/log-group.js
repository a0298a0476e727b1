// /logs/{logGroupName}: one log group. Its streams (newest first) and a live tail of its events: the last
// ~100, then each change on topic `logs:{group}` reads only what is newer (as `aws logs tail --follow`).
// A filter pattern narrows the tail (FilterLogEvents); a stream picked shows only that stream's events
// (GetLogEvents). The stream and pattern are kept in the URL.
import { logs, subscribe } from "../api.js";
import { h, replace, heading, section, table, fillTable, pager, time, field, attempt, title, notFound } from "../ui.js";
import { facts, logFollower, serial } from "./_resources.js";

const SHOWN = 100; // events the tail starts with
const KEPT = 1000; // events the tail keeps on the page

export async function render(main, { id: group, params }) {
  const streamQuery = { logGroupName: group, orderBy: "LastEventTime", descending: true, limit: 50 };
  let first;
  try {
    first = await logs("DescribeLogStreams", streamQuery);
  } catch (e) {
    if (e.type !== "ResourceNotFoundException") throw e;
    notFound(main, `There is no log group ${group}.`, { href: "/logs", label: "All log groups" }, e);
    return;
  }
  title(`${group} · Log group`);
  const info = (await logs("DescribeLogGroups", { logGroupNamePrefix: group, limit: 1 })).logGroups?.find((g) => g.logGroupName === group) || {};

  const tail = tailSection(group, { stream: params.get("stream") || null, pattern: params.get("filter") || "" });
  const streams = streamsSection(group, streamQuery, first, tail.showStream);
  replace(main,
    heading(group, { kind: "Log group" }),
    section("Details", facts([["ARN", info.arn ? h("code", {}, info.arn) : null], ["Created", time(info.creationTime)],
      ["Retention", info.retentionInDays ? `${info.retentionInDays} days` : "Never expire"],
      ["Stored bytes", (info.storedBytes ?? 0).toLocaleString()]])),
    h("div", { class: "logs-layout" }, streams.element, tail.element));
  await Promise.all([streams.reload(), tail.restart()]);
  const stop = subscribe([`logs:${group}`], tail.changed);
  return () => {
    tail.stop();
    stop();
  };
}

function streamsSection(group, query, first, showStream) {
  const columns = [
    { label: "Stream", class: "mono", cell: (s) => h("button", { type: "button", class: "linkish", dataset: { stream: s.logStreamName },
      onclick: () => showStream(s.logStreamName) }, s.logStreamName) },
    { label: "Last event", cell: (s) => time(s.lastEventTimestamp) },
  ];
  const t = table(columns, [], { empty: "No streams yet." });
  const list = pager(async (token) => {
    const page = !token && first ? first : await logs("DescribeLogStreams", { ...query, nextToken: token });
    first = null;
    return { items: page.logStreams || [], nextToken: page.nextToken };
  }, (items, append) => fillTable(t.tBodies[0], columns, items, { append, empty: "No streams yet." }));
  const refresh = h("button", { type: "button", class: "btn", onclick: () => list.reload() }, "Refresh");
  return { element: section("Streams", h("div", { class: "actions" }, refresh), t, list.element), reload: list.reload };
}

/** One stream's events through GetLogEvents: the last `count`, then forwards from the last token. */
function streamReader(group, stream) {
  let token;
  const read = async (body) => {
    const page = await logs("GetLogEvents", { logGroupName: group, logStreamName: stream, ...body });
    return [(page.events || []).map((e) => ({ ...e, logStreamName: stream })), page.nextForwardToken];
  };
  return {
    async first(count) {
      const [events, next] = await read({ limit: count, startFromHead: false });
      token = next;
      return events;
    },
    async next() {
      const found = [];
      for (;;) {
        const [events, next] = await read({ nextToken: token, startFromHead: true });
        token = next || token;
        if (!events.length) return found;
        found.push(...events);
      }
    },
  };
}

function tailSection(group, state) {
  const columns = [
    { label: "Time", class: "when", cell: (e) => time(e.timestamp) },
    { label: "Stream", class: "mono stream", cell: (e) => h("button", { type: "button", class: "linkish", title: "Show only this stream",
      onclick: () => showStream(e.logStreamName) }, e.logStreamName) },
    { label: "Message", cell: (e) => h("pre", { class: "log-message" }, e.message) },
  ];
  const t = table(columns, [], { empty: "No events yet." });
  t.classList.add("log-events");
  const body = t.tBodies[0];
  const view = h("div", { class: "log-view", tabindex: "0", "aria-label": "Log events, newest last" }, t);
  const status = h("div", { class: "tail-status", "aria-live": "polite" });
  const errors = h("div", {});
  const pattern = h("input", { type: "search", name: "filterPattern", value: state.pattern, autocomplete: "off",
    placeholder: 'ERROR  or  "two words"  or  { $.level = "error" }' });
  const pause = h("button", { type: "button", class: "btn", "aria-pressed": "false", onclick: () => (paused ? resume() : doPause()) }, "Pause");
  const scope = h("div", { class: "tail-scope" });
  let paused = false;
  let pending = false;
  let shown = 0;
  let generation = 0;
  let reader = null;

  const remember = () => {
    const q = new URLSearchParams();
    if (state.stream) q.set("stream", state.stream);
    if (state.pattern) q.set("filter", state.pattern);
    history.replaceState(null, "", `${location.pathname}${q.size ? `?${q}` : ""}`);
  };
  const describe = () => {
    replace(scope, state.stream
      ? [h("span", {}, "Stream ", h("code", {}, state.stream), " "),
        h("button", { type: "button", class: "btn", onclick: () => showStream(null) }, "All streams")]
      : h("span", { class: "muted" }, "All streams, interleaved"));
    status.textContent = `${shown} event${shown === 1 ? "" : "s"}${paused ? ` · paused${pending ? ", new events waiting" : ""}` : " · live"}`;
  };
  const add = (events, fresh) => {
    const atBottom = view.scrollHeight - view.scrollTop - view.clientHeight < 40;
    if (fresh || (events.length && body.querySelector("tr.empty"))) body.replaceChildren();
    if (events.length) {
      fillTable(body, columns, events, { append: true, rowAttrs: (e) => ({ dataset: { eventId: e.eventId || "" } }) });
      while (body.rows.length > KEPT) body.rows[0].remove();
    } else if (fresh) {
      fillTable(body, columns, [], { empty: state.pattern ? "No events match the filter pattern." : "No events yet." });
    }
    shown = body.querySelectorAll("tr:not(.empty)").length;
    if (atBottom || fresh) view.scrollTop = view.scrollHeight;
  };

  const follow = serial(async () => {
    if (paused || !reader) return;
    const mine = generation;
    const events = await attempt(errors, () => reader.next());
    if (events && mine === generation) add(events, false);
    describe();
  });
  // A new reader follows only once its first read is done (so `next` starts where `first` ended); one
  // whose first read failed follows nothing until the filter or stream changes.
  async function restart() {
    const mine = ++generation;
    reader = null;
    const fresh = state.stream && !state.pattern ? streamReader(group, state.stream)
      : logFollower(group, {
        ...(state.pattern ? { filterPattern: state.pattern } : {}),
        ...(state.stream ? { logStreamNames: [state.stream] } : {}),
      });
    remember();
    const events = await attempt(errors, () => fresh.first(SHOWN));
    if (mine !== generation) return;
    if (events) reader = fresh;
    add(events || [], true);
    describe();
  }
  function showStream(stream) {
    state.stream = stream;
    restart();
  }
  function doPause() {
    paused = true;
    pause.textContent = "Resume";
    pause.setAttribute("aria-pressed", "true");
    describe();
  }
  function resume() {
    paused = false;
    pause.textContent = "Pause";
    pause.setAttribute("aria-pressed", "false");
    describe();
    if (pending) {
      pending = false;
      follow();
    }
  }
  const form = h("form", { class: "inline tail-filter", role: "search", onsubmit: (e) => {
    e.preventDefault();
    state.pattern = pattern.value.trim();
    restart();
  } }, field("Filter pattern", pattern), h("button", { type: "submit", class: "btn" }, "Apply"), pause);

  return {
    element: section("Live tail", form, h("div", { class: "row tail-bar" }, scope, status), errors, view),
    restart,
    showStream,
    changed() {
      if (paused) {
        pending = true;
        describe();
      } else follow();
    },
    stop() {
      generation++;
      reader = null;
    },
  };
}
