// /state-machines: the state machines (ListStateMachines, paged), a filter by name or tag over what is
// loaded, and a form that creates one.
import { sfn } from "../api.js";
import { definitionEditor } from "../definition.js";
import { h, heading, section, table, fillTable, pager, time, href, field, button, title, attempt, replace } from "../ui.js";

const PAGE_SIZE = 50;
const DEFAULT_ROLE = "arn:aws:iam::000000000000:role/cortado";
const SAMPLE = JSON.stringify({
  Comment: "A first state machine",
  StartAt: "Hello",
  States: { Hello: { Type: "Pass", Result: { greeting: "Hello from Cortado" }, End: true } },
}, null, 2);

const COLUMNS = [
  { label: "Name", cell: (m) => h("a", { href: href.stateMachine(m.stateMachineArn) }, m.name) },
  { label: "Type", cell: (m) => m.type },
  { label: "Created", cell: (m) => time(m.creationDate) },
];

export async function render(main) {
  title("State machines");
  let loaded = []; // every machine loaded so far, in the API's order
  const tags = new Map(); // stateMachineArn → {key: value}, read when a tag filter first needs it
  let more = false; // whether ListStateMachines has more to load

  const filter = h("input", { type: "search", placeholder: "name, or key=value for a tag", autocomplete: "off" });
  const note = h("div", { class: "hint", role: "status", "aria-live": "polite" });
  const filterErrors = h("div");
  const list = table(COLUMNS, [], { empty: "No state machines yet.", rowAttrs: (m) => ({ dataset: { arn: m.stateMachineArn } }) });
  const body = list.querySelector("tbody");

  let shown = 0; // filters started; an older one's answer is dropped
  async function show() {
    const mine = ++shown;
    const query = filter.value.trim();
    let rows = loaded;
    if (query.includes("=")) {
      const at = query.indexOf("=");
      const key = query.slice(0, at).trim();
      const value = query.slice(at + 1).trim();
      await attempt(filterErrors, () => readTags(loaded.filter((m) => !tags.has(m.stateMachineArn))));
      if (mine !== shown) return;
      rows = loaded.filter((m) => {
        const t = tags.get(m.stateMachineArn) || {};
        return Object.hasOwn(t, key) && (value === "" || t[key] === value);
      });
    } else if (query) {
      filterErrors.replaceChildren();
      const needle = query.toLowerCase();
      rows = loaded.filter((m) => m.name.toLowerCase().includes(needle));
    }
    fillTable(body, COLUMNS, rows, {
      empty: query ? "No loaded state machine matches." : "No state machines yet.",
      rowAttrs: (m) => ({ dataset: { arn: m.stateMachineArn } }),
    });
    const of = `${loaded.length} loaded state machine${loaded.length === 1 ? "" : "s"}`;
    note.textContent = query
      ? `${rows.length} of ${of} match${more ? "; the filter looks only at what is loaded: Load more to look further" : ""}.`
      : more ? `${of}; more to load.` : "";
  }

  async function readTags(machines) {
    // One ListTagsForResource per machine not read yet, a few at a time.
    for (let i = 0; i < machines.length; i += 8) {
      await Promise.all(machines.slice(i, i + 8).map(async (m) => {
        const answer = await sfn("ListTagsForResource", { resourceArn: m.stateMachineArn });
        tags.set(m.stateMachineArn, Object.fromEntries((answer.tags || []).map((t) => [t.key, t.value])));
      }));
    }
  }

  const paging = pager(
    async (token) => {
      const answer = await sfn("ListStateMachines", { maxResults: PAGE_SIZE, ...(token ? { nextToken: token } : {}) });
      more = Boolean(answer.nextToken);
      return { items: answer.stateMachines || [], nextToken: answer.nextToken };
    },
    (items, append) => {
      loaded = append ? loaded.concat(items) : items;
      show();
    });

  let typing = null;
  filter.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(show, 200);
  });

  const create = createForm();
  const toggle = button("Create state machine", () => toggle.setAttribute("aria-expanded", String(create.toggle())), { kind: "primary" });
  toggle.setAttribute("aria-expanded", "false");
  toggle.setAttribute("aria-controls", "create-machine");

  replace(main,
    heading("State machines", { actions: [toggle] }),
    create.panel,
    h("section", { class: "panel", "aria-label": "State machines" },
      h("form", { class: "inline", role: "search", onsubmit: (e) => { e.preventDefault(); show(); } },
        field("Filter", filter, "Names containing the text, or machines tagged key=value (key= for any value)."), note),
      filterErrors, list, paging.element));
  await paging.reload();
  return () => clearTimeout(typing);
}

/** The "Create state machine" panel (hidden until toggled): name, type, a definition checked as you type, role. */
function createForm() {
  const name = h("input", { type: "text", required: true, maxlength: "80", autocomplete: "off", spellcheck: "false" });
  const type = h("select", {}, h("option", { value: "STANDARD" }, "STANDARD"), h("option", { value: "EXPRESS" }, "EXPRESS"));
  const role = h("input", { type: "text", value: DEFAULT_ROLE, spellcheck: "false" });
  const errors = h("div");
  const submit = h("button", { type: "submit", class: "btn primary" }, "Create");
  const editor = definitionEditor({ text: SAMPLE, type: () => type.value, onState: ({ ok }) => { submit.disabled = !ok; } });
  type.addEventListener("change", () => editor.recheck());

  const form = h("form", { class: "create-machine", "aria-label": "Create state machine" },
    h("div", { class: "row" }, field("Name", name), field("Type", type), field("Role ARN", role)),
    editor.element, errors, h("div", { class: "actions" }, submit));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (submit.disabled) return;
    submit.disabled = true;
    try {
      if (!(await editor.check())) return;
      const created = await attempt(errors, () => sfn("CreateStateMachine", {
        name: name.value.trim(), type: type.value, definition: editor.area.value, roleArn: role.value.trim(),
      }));
      if (created) location.assign(href.stateMachine(created.stateMachineArn));
    } finally {
      submit.disabled = !editor.ok();
    }
  });
  const panel = section("Create state machine", form);
  panel.id = "create-machine";
  panel.hidden = true;
  let opened = false;
  /** Shows or hides the panel; the sample definition is checked when it is first shown. */
  function toggle() {
    panel.hidden = !panel.hidden;
    if (!panel.hidden) {
      if (!opened) editor.check();
      opened = true;
      name.focus();
    }
    return !panel.hidden;
  }
  return { panel, toggle };
}
