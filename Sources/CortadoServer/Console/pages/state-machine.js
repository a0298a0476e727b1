// /state-machines/{stateMachineArn}: one state machine. Tabs: its executions (status filter, search, start),
// its graph, its definition (edited, checked and drawn as you type, saved as a new version), its versions
// and aliases, and its details.
import { sfn, subscribe } from "../api.js";
import { definitionEditor } from "../definition.js";
import { drawGraph } from "../graph.js";
import {
  h, heading, section, table, fillTable, pager, time, toDate, duration, href, badge, field, button, title, tabs, attempt,
  replace, notFound, pretty, jsonBlock, arnName,
} from "../ui.js";

const PAGE_SIZE = 50;
const STATUSES = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"];
/** What DescribeStateMachine answers for an ARN that names no state machine. */
const NOT_FOUND = new Set(["InvalidArn", "StateMachineDoesNotExist", "ResourceNotFound"]);

export async function render(main, route) {
  const arn = route.id;
  let machine;
  try {
    machine = await sfn("DescribeStateMachine", { stateMachineArn: arn });
  } catch (e) {
    if (!NOT_FOUND.has(e.type)) throw e;
    title("Not found");
    notFound(main, `There is no state machine ${arn}.`, { href: "/state-machines", label: "Back to the state machines" });
    main.querySelector(".notfound p").after(h("p", { class: "notfound-error" }, h("code", { class: "error-type" }, e.type), " ", e.message));
    return undefined;
  }
  title(machine.name);

  const stops = [];
  // Each tab, once drawn, can be told the machine changed (a new revision was saved).
  const onMachineChange = [];
  const changed = async () => {
    machine = await sfn("DescribeStateMachine", { stateMachineArn: arn });
    for (const f of onMachineChange) f();
  };

  const page = { arn, get machine() { return machine; }, stops, onMachineChange, changed };
  const versions = { reload: null };
  const list = [
    { id: "executions", label: "Executions", render: (panel) => executionsTab(panel, page) },
    { id: "graph", label: "Graph", render: (panel) => graphTab(panel, page) },
    { id: "definition", label: "Definition", render: (panel) => definitionTab(panel, page, versions) },
    { id: "versions", label: "Versions and aliases", render: (panel) => { versions.reload = versionsTab(panel, page); } },
    { id: "details", label: "Details", render: (panel) => detailsTab(panel, page) },
  ];
  const strip = tabs(list, { initial: "executions" });

  // A tab's link (#definition) followed or typed while the page is open.
  const followHash = () => {
    const wanted = location.hash.slice(1);
    if (list.some((t) => t.id === wanted)) strip.select(wanted);
  };
  window.addEventListener("hashchange", followHash);
  stops.push(() => window.removeEventListener("hashchange", followHash));

  replace(main,
    heading(machine.name, { kind: [h("a", { href: "/state-machines" }, "State machines"), " · ", h("span", { class: "machine-type" }, machine.type)] }),
    strip.element);
  return () => stops.forEach((stop) => stop());
}

// MARK: - Executions

const EXECUTION_COLUMNS = [
  { label: "Name", cell: (e) => h("a", { href: href.execution(e.executionArn) }, e.name) },
  { label: "Status", cell: (e) => badge(e.status) },
  { label: "Started", cell: (e) => time(e.startDate) },
  { label: "Ended", cell: (e) => time(e.stopDate) },
  { label: "Duration", class: "num", cell: (e) => e.stopDate ? duration(toDate(e.stopDate) - toDate(e.startDate)) : "—" },
];

function executionsTab(panel, page) {
  const { arn } = page;
  if (page.machine.type === "EXPRESS") {
    // As on AWS, an express workflow's executions are not kept: ListExecutions refuses with
    // StateMachineTypeNotSupported, and DescribeExecution does not take their ARNs.
    replace(panel, startForm(page), h("section", { class: "panel express-note", "aria-label": "Executions" },
      h("p", {}, "Express workflows keep no execution history, so there is no list to show: AWS answers ",
        h("code", {}, "StateMachineTypeNotSupported"), " to ListExecutions for them. An express execution's events go to the log group in the machine's logging configuration (Details).")));
    return;
  }
  let rows = []; // what the table shows
  let pages = 0; // pages of ListExecutions loaded since the list was last reset
  let mode = "list"; // or "search"

  const status = h("select", {}, h("option", { value: "" }, "All"), STATUSES.map((s) => h("option", { value: s }, s.replaceAll("_", " "))));
  const list = table(EXECUTION_COLUMNS, [], { empty: "No executions.", rowAttrs: rowAttrs });
  const body = list.querySelector("tbody");
  const draw = () => fillTable(body, EXECUTION_COLUMNS, rows, { empty: emptyText(), rowAttrs });
  const filterBody = () => (status.value ? { statusFilter: status.value } : {});

  // The list: ListExecutions, newest first, a page at a time.
  const paging = pager(
    async (token) => {
      const answer = await sfn("ListExecutions", { stateMachineArn: arn, maxResults: PAGE_SIZE, ...filterBody(), ...(token ? { nextToken: token } : {}) });
      return { items: answer.executions || [], nextToken: answer.nextToken };
    },
    (items, append) => {
      pages = append ? pages + 1 : 1;
      rows = append ? rows.concat(items) : items;
      draw();
    });

  // Live: re-read the first page only. With one page loaded it replaces the rows; with more, it updates the
  // rows it covers and adds the new ones on top, so what Load more loaded stays.
  let refreshing = false;
  let again = false;
  async function refresh() {
    if (mode !== "list" || pages === 0) return;
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    try {
      do {
        again = false;
        if (pages <= 1) {
          await paging.reload();
        } else {
          // An error here is left to the next change or poll; Load more shows its own.
          const first = await sfn("ListExecutions", { stateMachineArn: arn, maxResults: PAGE_SIZE, ...filterBody() }).catch(() => null);
          if (!first || mode !== "list") return;
          rows = merge(rows, first.executions || []);
          draw();
        }
      } while (again && mode === "list");
    } finally {
      refreshing = false;
    }
  }
  page.stops.push(subscribe([`state-machine:${arn}`], refresh));

  status.addEventListener("change", () => (mode === "search" ? search.run(false) : paging.reload()));

  // The search: SearchExecutions, as many calls as the user asks for ("Search further").
  const search = searchForm(arn, status, filterBody, {
    show(found, append) {
      mode = "search";
      rows = append ? rows.concat(found) : found;
      paging.element.hidden = true;
      draw();
    },
    clear() {
      mode = "list";
      paging.element.hidden = false;
      rows = [];
      paging.reload();
    },
  });

  function emptyText() {
    if (mode === "search") return "No execution matches the search (yet: search further if there is more).";
    return status.value ? `No ${status.value.replaceAll("_", " ").toLowerCase()} executions.` : "No executions yet: start one above.";
  }

  replace(panel,
    startForm(page),
    h("section", { class: "panel", "aria-label": "Executions" },
      search.element,
      search.status,
      list,
      paging.element));
  paging.reload();
}

function rowAttrs(e) {
  return { dataset: { arn: e.executionArn, status: e.status } };
}

/** Rows after re-reading the first page: its rows replace theirs, new ones go on top, and rows the first page
 * should hold but does not (they left the status filter) go. Rows older than the first page stay as they were. */
function merge(rows, first) {
  if (!first.length) return [];
  const fresh = new Map(first.map((e) => [e.executionArn, e]));
  const oldest = Math.min(...first.map((e) => toDate(e.startDate).getTime()));
  const kept = rows.filter((r) => !fresh.has(r.executionArn) && toDate(r.startDate).getTime() < oldest);
  return first.concat(kept);
}

/** The filters: the status (applied at once, to the list or the search) and the search form: name contains,
 * input or output contains, started after / before. */
function searchForm(arn, statusSelect, filterBody, { show, clear }) {
  const name = h("input", { type: "search", autocomplete: "off", spellcheck: "false" });
  const text = h("input", { type: "search", autocomplete: "off", spellcheck: "false" });
  const after = h("input", { type: "datetime-local" });
  const before = h("input", { type: "datetime-local" });
  const summary = h("div", { class: "search-status", role: "status", "aria-live": "polite" });
  const errors = h("div");
  const further = button("Search further", () => step(true));
  further.hidden = true;
  const clearButton = button("Clear search", () => {
    name.value = text.value = after.value = before.value = "";
    further.hidden = clearButton.hidden = true;
    replace(summary);
    replace(errors);
    clear();
  });
  clearButton.hidden = true;

  let asked = null; // the search being continued
  let token = null;
  let scanned = 0;
  let found = 0;

  async function step(append) {
    if (!append) {
      const seconds = (input) => (input.value ? Math.floor(new Date(input.value).getTime() / 1000) : undefined);
      asked = { stateMachineArn: arn, ...filterBody(), name: name.value || undefined, text: text.value || undefined,
        startedAfter: seconds(after), startedBefore: seconds(before), maxResults: PAGE_SIZE };
      token = null;
      scanned = found = 0;
    }
    const answer = await attempt(errors, () => sfn("SearchExecutions", { ...asked, ...(token ? { nextToken: token } : {}) }));
    if (!answer) return;
    const executions = answer.executions || [];
    token = answer.nextToken || null;
    scanned += answer.scanned || 0;
    found += executions.length;
    replace(summary, `Searched ${scanned} execution${scanned === 1 ? "" : "s"}, ${found} found`,
      token ? "; there are more to search." : ".");
    further.hidden = !token;
    clearButton.hidden = false;
    show(executions, append);
  }

  const submit = h("button", { type: "submit", class: "btn" }, "Search");
  const form = h("form", { class: "inline search", role: "search", "aria-label": "Search executions" },
    field("Status", statusSelect), field("Name contains", name), field("Input or output contains", text), field("Started after", after),
    field("Started before", before), submit, further, clearButton);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    submit.disabled = true;
    try {
      await step(false);
    } finally {
      submit.disabled = false;
    }
  });
  return { element: form, status: h("div", {}, summary, errors), run: step };
}

/** "Start execution": an optional name and the input, checked as JSON as you type. A standard execution's
 * page opens once it has started; an express one has no page, so its ARN is shown. */
function startForm(page) {
  const name = h("input", { type: "text", maxlength: "80", autocomplete: "off", spellcheck: "false", placeholder: "generated when empty" });
  const input = h("textarea", { class: "code", rows: "5", spellcheck: "false" });
  input.value = "{}";
  const message = h("div", { class: "input-message", role: "status", "aria-live": "polite" });
  message.id = "start-input-message";
  input.setAttribute("aria-describedby", message.id);
  const result = h("div", { role: "status", "aria-live": "polite" });
  const submit = h("button", { type: "submit", class: "btn primary" }, "Start execution");

  const checkInput = () => {
    const problem = jsonProblem(input.value);
    message.textContent = problem ? `The input is not JSON: ${problem}` : "";
    input.classList.toggle("invalid", Boolean(problem));
    if (problem) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    submit.disabled = Boolean(problem);
    return !problem;
  };
  input.addEventListener("input", checkInput);

  const form = h("form", { "aria-label": "Start execution" },
    h("div", { class: "start-grid" }, field("Name (optional)", name), field("Input", input)), message, result,
    h("div", { class: "actions" }, submit));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!checkInput()) return;
    submit.disabled = true;
    try {
      const started = await attempt(result, () => sfn("StartExecution", {
        stateMachineArn: page.arn, input: input.value, ...(name.value.trim() ? { name: name.value.trim() } : {}),
      }));
      if (!started) return;
      if (page.machine.type === "EXPRESS") {
        replace(result, h("div", { class: "ok-note" }, "Started ", h("code", {}, started.executionArn)));
      } else {
        location.assign(href.execution(started.executionArn));
      }
    } finally {
      submit.disabled = !checkInput();
    }
  });
  return h("details", { class: "panel start" }, h("summary", {}, h("h2", {}, "Start execution")), form);
}

/** Why `text` is not JSON (JSON.parse's words), or null when it is. */
function jsonProblem(text) {
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    return e.message;
  }
}

// MARK: - Graph

function graphTab(panel, page) {
  const box = h("div", { class: "graph-wrap" });
  const errors = h("div");
  const draw = () => attempt(errors, () => drawGraph(box, page.machine.definition));
  page.onMachineChange.push(draw);
  replace(panel, errors, box);
  draw();
}

// MARK: - Definition

function definitionTab(panel, page, versions) {
  const description = h("input", { type: "text", maxlength: "256", autocomplete: "off", placeholder: "optional" });
  const result = h("div", { role: "status", "aria-live": "polite" });
  const save = h("button", { type: "button", class: "btn primary" }, "Save as new version");
  let saving = false;
  const editor = definitionEditor({
    text: pretty(page.machine.definition), type: () => page.machine.type, graph: true,
    onState: ({ ok }) => {
      if (!saving) save.disabled = !ok;
    },
  });
  save.addEventListener("click", async () => {
    if (saving) return;
    saving = true;
    save.disabled = true;
    try {
      if (!(await editor.check()) || !editor.ok()) return;
      const answer = await attempt(result, () => sfn("UpdateStateMachine", {
        stateMachineArn: page.arn, definition: editor.area.value, publish: true,
        ...(description.value.trim() ? { versionDescription: description.value.trim() } : {}),
      }));
      if (!answer) return;
      description.value = "";
      const after = h("div");
      replace(result, h("div", { class: "ok-note" }, "Saved as version ",
        h("strong", { class: "version-number" }, arnName(answer.stateMachineVersionArn)), ": ",
        h("code", { class: "version-arn" }, answer.stateMachineVersionArn)), after);
      await attempt(after, page.changed);
      versions.reload?.();
    } finally {
      saving = false;
      save.disabled = !editor.ok();
    }
  });
  const revert = button("Revert", () => {
    replace(result);
    return editor.set(pretty(page.machine.definition));
  });
  replace(panel, h("section", { class: "panel", "aria-label": "Definition" },
    editor.element,
    h("div", { class: "row save-bar" }, field("Version description", description), save, revert),
    result));
  editor.check();
}

// MARK: - Versions and aliases

/** Draws the tab; answers a function that re-reads its lists. */
function versionsTab(panel, page) {
  const { arn } = page;
  let loadedVersions = [];
  const versionColumns = [
    { label: "Version", class: "num", cell: (v) => h("strong", {}, arnName(v.stateMachineVersionArn)) },
    { label: "ARN", class: "mono", cell: (v) => v.stateMachineVersionArn },
    { label: "Created", cell: (v) => time(v.creationDate) },
  ];
  const versionList = table(versionColumns, [], { empty: "No versions yet: publish one.", rowAttrs: versionAttrs });
  const versionPager = pager(
    async (token) => {
      const answer = await sfn("ListStateMachineVersions", { stateMachineArn: arn, maxResults: PAGE_SIZE, ...(token ? { nextToken: token } : {}) });
      return { items: answer.stateMachineVersions || [], nextToken: answer.nextToken };
    },
    (items, append) => {
      // AWS answers newest first; kept so within each page too.
      const sorted = [...items].sort((a, b) => versionNumber(b) - versionNumber(a));
      loadedVersions = append ? loadedVersions.concat(sorted) : sorted;
      fillTable(versionList.querySelector("tbody"), versionColumns, sorted, { append, empty: "No versions yet: publish one.", rowAttrs: versionAttrs });
      aliasForm.versions(loadedVersions);
    });

  const aliasColumns = [
    { label: "Alias", cell: (a) => h("strong", {}, a.name) },
    { label: "Routing", cell: (a) => h("ul", { class: "routing" }, (a.routingConfiguration || []).map((r) =>
      h("li", {}, `version ${arnName(r.stateMachineVersionArn)} → ${r.weight}%`))) },
    { label: "Description", cell: (a) => a.description || "" },
    { label: "Created", cell: (a) => time(a.creationDate) },
  ];
  const aliasList = table(aliasColumns, [], { empty: "No aliases yet.", rowAttrs: (a) => ({ dataset: { alias: a.name } }) });
  const aliasPager = pager(
    async (token) => {
      const answer = await sfn("ListStateMachineAliases", { stateMachineArn: arn, maxResults: PAGE_SIZE, ...(token ? { nextToken: token } : {}) });
      // The list has ARNs only; the routing comes from DescribeStateMachineAlias.
      const items = await Promise.all((answer.stateMachineAliases || []).map((a) =>
        sfn("DescribeStateMachineAlias", { stateMachineAliasArn: a.stateMachineAliasArn })));
      return { items, nextToken: answer.nextToken };
    },
    (items, append) => fillTable(aliasList.querySelector("tbody"), aliasColumns, items,
      { append, empty: "No aliases yet.", rowAttrs: (a) => ({ dataset: { alias: a.name } }) }));

  const reload = () => Promise.all([versionPager.reload(), aliasPager.reload()]);

  // Publish the current revision.
  const publishDescription = h("input", { type: "text", maxlength: "256", autocomplete: "off", placeholder: "optional" });
  const publishResult = h("div", { role: "status", "aria-live": "polite" });
  const publish = h("form", { class: "inline", "aria-label": "Publish a version" },
    field("Description", publishDescription), h("button", { type: "submit", class: "btn" }, "Publish version"));
  publish.addEventListener("submit", async (e) => {
    e.preventDefault();
    const answer = await attempt(publishResult, () => sfn("PublishStateMachineVersion", {
      stateMachineArn: arn, ...(publishDescription.value.trim() ? { description: publishDescription.value.trim() } : {}),
    }));
    if (!answer) return;
    publishDescription.value = "";
    replace(publishResult, h("div", { class: "ok-note" }, `Version ${arnName(answer.stateMachineVersionArn)}: `,
      h("code", {}, answer.stateMachineVersionArn)));
    reload();
  });

  const aliasForm = createAliasForm(arn, reload);
  replace(panel, h("div", {},
    section("Versions", h("p", { class: "hint" }, "Publishing the current revision again answers the version it already has."),
      publish, publishResult, versionList, versionPager.element),
    section("Aliases", aliasForm.element, aliasList, aliasPager.element)));
  reload();
  return reload;
}

function versionNumber(v) {
  return Number(arnName(v.stateMachineVersionArn)) || 0;
}

function versionAttrs(v) {
  return { dataset: { version: arnName(v.stateMachineVersionArn), arn: v.stateMachineVersionArn } };
}

/** "Create alias": a name, a version, and optionally a second version with the weight it gets. */
function createAliasForm(arn, reload) {
  const name = h("input", { type: "text", maxlength: "80", autocomplete: "off", spellcheck: "false" });
  const description = h("input", { type: "text", maxlength: "256", autocomplete: "off", placeholder: "optional" });
  const first = h("select", {});
  const second = h("select", {});
  const weight = h("input", { type: "number", min: "0", max: "100", step: "1", value: "0", disabled: true });
  const split = h("div", { class: "hint", "aria-live": "polite" });
  const result = h("div", { role: "status", "aria-live": "polite" });
  const showSplit = () => {
    weight.disabled = !second.value;
    const w = Number(weight.value) || 0;
    split.textContent = second.value
      ? `version ${arnName(first.value)} gets ${100 - w}%, version ${arnName(second.value)} gets ${w}%`
      : first.value ? `version ${arnName(first.value)} gets 100%` : "Publish a version first.";
  };
  second.addEventListener("change", showSplit);
  first.addEventListener("change", showSplit);
  weight.addEventListener("input", showSplit);

  const form = h("form", { "aria-label": "Create alias" },
    h("div", { class: "row" }, field("Alias name", name), field("Version", first), field("Second version", second),
      field("Second version's weight (%)", weight), field("Description", description)),
    split, result, h("div", { class: "actions" }, h("button", { type: "submit", class: "btn" }, "Create alias")));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const w = second.value ? Number(weight.value) : 0;
    const routingConfiguration = [{ stateMachineVersionArn: first.value, weight: 100 - w }];
    if (second.value) routingConfiguration.push({ stateMachineVersionArn: second.value, weight: w });
    const answer = await attempt(result, () => sfn("CreateStateMachineAlias", {
      name: name.value.trim(), routingConfiguration,
      ...(description.value.trim() ? { description: description.value.trim() } : {}),
    }));
    if (!answer) return;
    name.value = description.value = "";
    replace(result, h("div", { class: "ok-note" }, "Created ", h("code", {}, answer.stateMachineAliasArn)));
    reload();
  });

  return {
    element: form,
    /** Offers the loaded versions, keeping what was chosen. */
    versions(list) {
      const keep = [first.value, second.value];
      replace(first, list.map((v) => h("option", { value: v.stateMachineVersionArn }, `version ${arnName(v.stateMachineVersionArn)}`)));
      replace(second, h("option", { value: "" }, "none"),
        list.map((v) => h("option", { value: v.stateMachineVersionArn }, `version ${arnName(v.stateMachineVersionArn)}`)));
      if (keep[0] && list.some((v) => v.stateMachineVersionArn === keep[0])) first.value = keep[0];
      if (keep[1] && list.some((v) => v.stateMachineVersionArn === keep[1])) second.value = keep[1];
      showSplit();
    },
  };
}

// MARK: - Details

function detailsTab(panel, page) {
  const facts = h("dl", { class: "facts" });
  const tagErrors = h("div");
  const tagColumns = [{ label: "Key", cell: (t) => t.key }, { label: "Value", cell: (t) => t.value }];
  const tagList = table(tagColumns, [], { empty: "No tags." });
  const draw = () => {
    const m = page.machine;
    const fact = (label, value) => [h("dt", {}, label), h("dd", {}, value ?? h("span", { class: "muted" }, "—"))];
    replace(facts,
      fact("ARN", h("code", {}, m.stateMachineArn)),
      fact("Name", m.name),
      fact("Type", m.type),
      fact("Status", m.status ? badge(m.status) : null),
      fact("Role", h("code", {}, m.roleArn)),
      fact("Created", time(m.creationDate)),
      fact("Revision", m.revisionId ? h("code", {}, m.revisionId) : null),
      m.description ? fact("Description", m.description) : null,
      fact("Logging", m.loggingConfiguration ? jsonBlock(m.loggingConfiguration, { label: "Logging configuration" }) : null),
      fact("Tracing", m.tracingConfiguration ? jsonBlock(m.tracingConfiguration, { label: "Tracing configuration" }) : null));
  };
  const readTags = () => attempt(tagErrors, async () => {
    const answer = await sfn("ListTagsForResource", { resourceArn: page.arn });
    fillTable(tagList.querySelector("tbody"), tagColumns, answer.tags || [], { empty: "No tags." });
  });
  page.onMachineChange.push(draw);
  replace(panel, h("div", { class: "grid" }, section("Details", facts), section("Tags", tagErrors, tagList)));
  draw();
  readTags();
}
