// DOM builders for the console's pages. Text from the server only ever goes in through textContent.

/**
 * An element: `h("a", {href: "/x", class: "btn"}, "text", child)`. Attributes starting with "on" are
 * listeners; `null`/`false` attributes and children are skipped; strings become text nodes.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** Links to pages: ARNs and names URL-encoded in the path. */
export const href = {
  stateMachine: (arn) => `/state-machines/${encodeURIComponent(arn)}`,
  execution: (arn) => `/executions/${encodeURIComponent(arn)}`,
  bus: (name) => `/buses/${encodeURIComponent(name)}`,
  logGroup: (name) => `/logs/${encodeURIComponent(name)}`,
  func: (name) => `/functions/${encodeURIComponent(name)}`,
  table: (name) => `/tables/${encodeURIComponent(name)}`,
  bucket: (name) => `/buckets/${encodeURIComponent(name)}`,
};

/** The last segment of an ARN (`…:stateMachine:Order` → `Order`). */
export function arnName(arn) {
  return String(arn || "").split(":").pop();
}

/** A page heading with an optional kind above it and actions beside it. */
export function heading(title, { kind, actions = [] } = {}) {
  return h("div", { class: "heading" }, h("div", {}, kind ? h("div", { class: "kind" }, kind) : null, h("h1", {}, title)),
    h("div", { class: "actions" }, actions));
}

/** A section with a heading. */
export function section(title, ...children) {
  return h("section", { class: "panel", "aria-label": title }, h("h2", {}, title), children);
}

/**
 * A table: `table([{label: "Name", cell: (row) => …}], rows)`. Cells may be nodes or text. An empty list
 * shows `empty` in one row.
 */
export function table(columns, rows, { empty = "Nothing here yet.", caption, rowAttrs } = {}) {
  const body = h("tbody");
  fillTable(body, columns, rows, { empty, rowAttrs });
  return h("table", { class: "list" }, caption ? h("caption", {}, caption) : null,
    h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col", class: c.class }, c.label)))), body);
}

/** Appends rows to a table made by `table` (for "Load more"). */
export function fillTable(body, columns, rows, { empty, rowAttrs, append: keep = false } = {}) {
  if (!keep) body.replaceChildren();
  if (!rows.length && !keep) {
    body.append(h("tr", { class: "empty" }, h("td", { colspan: columns.length }, empty || "Nothing here yet.")));
    return;
  }
  for (const row of rows) {
    body.append(h("tr", rowAttrs ? rowAttrs(row) : {}, columns.map((c) => h("td", { class: c.class }, c.cell(row)))));
  }
}

/** Status of an execution, a stack, a task: a coloured badge with the word in it. */
export function badge(status) {
  const s = String(status || "");
  return h("span", { class: `badge s-${s.toLowerCase()}` }, s.replaceAll("_", " "));
}

/** An error as the page shows it: AWS's error name, then the message. */
export function errorBox(error, { title } = {}) {
  const type = error?.type || error?.name || "Error";
  return h("div", { class: "error", role: "alert" }, title ? h("strong", {}, title, " ") : null,
    h("code", { class: "error-type" }, type), " ", error?.message || String(error));
}

/** Runs `fn`, showing its error in `where` (cleared first); answers what fn answered, or undefined. */
export async function attempt(where, fn) {
  where.replaceChildren();
  try {
    return await fn();
  } catch (e) {
    where.append(errorBox(e));
    return undefined;
  }
}

/** A "not found" page body: what was asked for, the API's error (its AWS name) if given, and a way back. */
export function notFound(main, what, back, error) {
  replace(main, h("div", { class: "notfound", role: "alert" }, h("h1", {}, "Not found"), h("p", {}, what),
    error ? errorBox(error) : null, back ? h("p", {}, h("a", { href: back.href }, back.label)) : null));
}

/** A date as ISO-like local text, in a <time> with the exact instant. Takes seconds or milliseconds or text. */
export function time(value) {
  const d = toDate(value);
  if (!d) return h("span", { class: "muted" }, "—");
  const pad = (n, w = 2) => String(n).padStart(w, "0");
  const text = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
  return h("time", { datetime: d.toISOString(), title: d.toISOString() }, text);
}

/** A Date from epoch seconds (AWS JSON timestamps), epoch milliseconds, or ISO text. */
export function toDate(value) {
  if (value === null || value === undefined || value === "") return null;
  if (value instanceof Date) return value;
  if (typeof value === "number") return new Date(value < 1e11 ? value * 1000 : value);
  const d = new Date(value);
  return isNaN(d) ? null : d;
}

/** A duration in ms as "850 ms", "3.2 s", "4 min 10 s", "2 h 5 min". */
export function duration(ms) {
  if (ms === null || ms === undefined || isNaN(ms)) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** JSON text pretty-printed (text that is not JSON is shown as it is). */
export function pretty(value) {
  if (typeof value === "string") {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2);
}

/** A read-only JSON block. */
export function jsonBlock(value, { label } = {}) {
  return h("pre", { class: "json", tabindex: "0", "aria-label": label || "JSON" }, pretty(value));
}

/** A labelled form field: `field("Name", input)`. */
export function field(label, control, hint) {
  const id = control.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  control.id = id;
  return h("div", { class: "field" }, h("label", { for: id }, label), control, hint ? h("div", { class: "hint" }, hint) : null);
}

/** A button: `button("Stop", onClick, {kind: "danger"})`. Disabled while its action runs. */
export function button(label, onClick, { kind = "", type = "button", title } = {}) {
  const b = h("button", { type, class: `btn ${kind}`, title });
  b.textContent = label;
  if (onClick) {
    b.addEventListener("click", async (e) => {
      if (b.disabled) return;
      b.disabled = true;
      try {
        await onClick(e);
      } finally {
        b.disabled = false;
      }
    });
  }
  return b;
}

/**
 * A "Load more" pager over an API that answers `nextToken`: `pager(async (token) => ({items, nextToken}), render)`.
 * `render(items, append)` draws them. Answers {element, reload}.
 */
export function pager(load, render, { label = "Load more" } = {}) {
  let token = null;
  const status = h("div", { class: "pager-status" });
  const more = button(label, async () => {
    await step(true);
  });
  more.hidden = true;
  async function step(appendRows) {
    const page = await attempt(status, () => load(appendRows ? token : null));
    if (!page) return;
    token = page.nextToken || null;
    render(page.items, appendRows);
    more.hidden = !token;
  }
  return { element: h("div", { class: "pager" }, status, more), reload: () => step(false) };
}

/** Sets the document title: "<what> · Cortado". */
export function title(text) {
  document.title = text ? `${text} · Cortado` : "Cortado";
}

/** A tab strip with panels: `tabs([{id, label, render: (panel) => …}])`; the hash keeps the open tab. */
export function tabs(list, { initial } = {}) {
  const bar = h("div", { class: "tabs", role: "tablist" });
  const panels = h("div", {});
  const rendered = new Set();
  const select = (id, focus) => {
    for (const t of list) {
      const selected = t.id === id;
      t.tab.setAttribute("aria-selected", String(selected));
      t.tab.tabIndex = selected ? 0 : -1;
      t.panel.hidden = !selected;
      if (selected && !rendered.has(t.id)) {
        rendered.add(t.id);
        t.render(t.panel);
      }
      if (selected && focus) t.tab.focus();
    }
    if (history.replaceState) history.replaceState(null, "", `#${id}`);
  };
  list.forEach((t, i) => {
    t.tab = h("button", { type: "button", role: "tab", id: `tab-${t.id}`, "aria-controls": `panel-${t.id}`, class: "tab",
      onclick: () => select(t.id) }, t.label);
    t.tab.addEventListener("keydown", (e) => {
      const next = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
      if (next) select(list[(i + next + list.length) % list.length].id, true);
    });
    t.panel = h("div", { role: "tabpanel", id: `panel-${t.id}`, "aria-labelledby": `tab-${t.id}`, hidden: true });
    bar.append(t.tab);
    panels.append(t.panel);
  });
  const wanted = location.hash.slice(1);
  select(list.some((t) => t.id === wanted) ? wanted : initial || list[0].id);
  return { element: h("div", { class: "tabbed" }, bar, panels), select };
}
