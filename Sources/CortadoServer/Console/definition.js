// A state machine definition being edited: checked as you type by ValidateStateMachineDefinition (the same
// diagnostics CreateStateMachine would refuse with), and optionally its graph redrawn beside it.
import { sfn } from "./api.js";
import { drawGraph } from "./graph.js";
import { h, replace, errorBox, field } from "./ui.js";

/** How long typing must pause before the definition is checked. */
const PAUSE_MS = 300;

/**
 * An editor for definition text: `definitionEditor({text, type: () => "STANDARD", graph: true, onState})`.
 * `onState({checking, ok})` is called whenever the verdict changes (`ok`: no ERROR diagnostic). Answers
 * `{element, area, check(), set(text), ok()}`; `check()` validates now and answers whether it is ok.
 */
export function definitionEditor({ text = "", type = () => "STANDARD", label = "Definition", graph = false, onState = () => {} } = {}) {
  const id = `def-${Math.random().toString(36).slice(2, 9)}`;
  const summary = h("div", { class: "validation", id: `${id}-status`, role: "status", "aria-live": "polite" });
  const list = h("ul", { class: "diagnostics", id: `${id}-diagnostics`, "aria-label": "Diagnostics" });
  const area = h("textarea", { class: "code definition", id, spellcheck: "false", autocomplete: "off", autocapitalize: "off",
    rows: "22", "aria-describedby": `${summary.id} ${list.id}` });
  area.value = text;
  const graphBox = graph ? h("div", { class: "graph-wrap" }) : null;
  const graphNote = h("div", { class: "graph-note" });
  const editor = h("div", { class: "editor-column" }, field(label, area), summary, list);
  const element = graph
    ? h("div", { class: "definition-editor" }, editor, h("div", { class: "graph-column" }, graphNote, graphBox))
    : h("div", { class: "definition-editor single" }, editor);

  let ok = false;
  let checked = null; // the text the last verdict is about
  let checkedOk = false; // that verdict
  let latest = 0; // the newest check started; older answers are dropped
  let timer = null;
  let drawn = null; // the text the graph shows

  /** While a check is pending the marking stays as the last check left it. */
  function verdict(value, checking) {
    ok = value;
    if (!checking) {
      area.classList.toggle("invalid", !value);
      if (value) area.removeAttribute("aria-invalid");
      else area.setAttribute("aria-invalid", "true");
    }
    onState({ checking, ok: value });
  }

  async function check() {
    clearTimeout(timer);
    timer = null;
    const definition = area.value;
    if (definition === checked) {
      latest++; // a check still under way is about other text
      verdict(checkedOk, false);
      return ok;
    }
    const mine = ++latest;
    summary.textContent = "Checking…";
    verdict(false, true);
    if (!definition.trim()) {
      checked = definition;
      checkedOk = false;
      replace(list);
      summary.textContent = "The definition is empty: write a JSON object with StartAt and States.";
      verdict(false, false);
      return false;
    }
    const drawing = graph ? redraw(definition, mine) : null;
    let answer;
    try {
      answer = await sfn("ValidateStateMachineDefinition", { definition, type: type() });
    } catch (e) {
      if (mine !== latest) return ok;
      checked = null; // not a verdict on the text: check again next time
      replace(list);
      replace(summary, errorBox(e, { title: "The definition could not be checked." }));
      verdict(false, false);
      return false;
    }
    await drawing;
    if (mine !== latest) return ok;
    checked = definition;
    const diagnostics = answer.diagnostics || [];
    replace(list, diagnostics.map(diagnostic));
    const count = (severity) => diagnostics.filter((d) => d.severity === severity).length;
    const errors = count("ERROR");
    const warnings = count("WARNING");
    summary.textContent = answer.result === "OK" && !errors
      ? warnings ? `Valid, with ${plural(warnings, "warning")}.` : "Valid: no diagnostics."
      : `${plural(errors, "error")}${warnings ? `, ${plural(warnings, "warning")}` : ""}.`;
    if (answer.truncated) summary.textContent += " (More diagnostics follow once these are fixed.)";
    checkedOk = answer.result === "OK" && !errors;
    verdict(checkedOk, false);
    return ok;
  }

  async function redraw(definition, mine) {
    try {
      JSON.parse(definition);
    } catch (e) {
      replace(graphNote, drawn === null ? "No graph: the definition is not JSON." : "The graph shows the last definition that could be drawn: this text is not JSON.");
      return;
    }
    const scratch = h("div");
    try {
      await drawGraph(scratch, definition);
    } catch (e) {
      if (mine === latest) replace(graphNote, errorBox(e, { title: "The graph could not be drawn; it shows the last definition that could be." }));
      return;
    }
    if (mine !== latest) return;
    replace(graphBox, ...scratch.childNodes);
    drawn = definition;
    replace(graphNote);
  }

  area.addEventListener("input", () => {
    clearTimeout(timer);
    verdict(false, true);
    timer = setTimeout(check, PAUSE_MS);
  });

  return {
    element,
    area,
    check,
    ok: () => ok && area.value === checked,
    /** Replaces the text (Revert, a type change) and checks it. */
    set(value) {
      area.value = value;
      checked = null;
      return check();
    },
    /** Checks again even if the text did not change (the type it is checked against did). */
    recheck() {
      checked = null;
      return check();
    },
  };
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** One diagnostic: severity, code, where, and the message. */
function diagnostic(d) {
  const severity = String(d.severity || "ERROR");
  return h("li", { class: `diagnostic sev-${severity.toLowerCase()}`, dataset: { code: d.code || "", location: d.location || "" } },
    h("span", { class: `badge s-${severity === "ERROR" ? "failed" : "aborted"}` }, severity),
    " ", h("code", { class: "diag-code" }, d.code || ""),
    d.location ? [" ", h("code", { class: "diag-location", title: "Where in the definition" }, d.location)] : null,
    h("div", { class: "diag-message" }, d.message || ""));
}
