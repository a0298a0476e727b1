// The state machine graph: laid out and drawn as SVG by the server (the same layout as
// `cortado graph`), coloured here by each state's status.
import { sfn } from "./api.js";
import { h } from "./ui.js";

/** The statuses a state can have in an execution, with the legend's words. */
export const STATUS_LABELS = {
  succeeded: "Succeeded",
  failed: "Failed",
  caught: "Caught error",
  running: "In progress",
  waiting: "Waiting for callback",
  cancelled: "Cancelled",
  notreached: "Not reached",
};

/**
 * Draws `definition` (JSON text) into `container`: answers the <svg> element, or throws the API's error
 * (a definition that is not JSON). Each state is a `<g class="state" data-state="Name">`. With `interactive`,
 * the page makes the boxes controls itself.
 */
export async function drawGraph(container, definition, { interactive = false } = {}) {
  const { svg } = await sfn("DescribeStateMachineGraph", { definition });
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  const root = doc.documentElement;
  if (root.nodeName !== "svg") throw new Error("the server's graph is not SVG");
  const el = document.importNode(root, true);
  // A picture, unless its boxes are controls (then a group the boxes' own roles describe).
  el.setAttribute("role", interactive ? "group" : "img");
  el.setAttribute("aria-label", "State machine graph");
  el.classList.add("graph");
  container.replaceChildren(el);
  return el;
}

/**
 * Colours the states of a drawn graph: `statuses` maps a state's name to a key of STATUS_LABELS.
 * States not named are "not reached". Sets `data-status` and a `<title>` on every state box.
 */
export function colourGraph(svg, statuses) {
  for (const g of svg.querySelectorAll("g.state[data-state]:not(.marker)")) {
    const name = g.getAttribute("data-state");
    const status = statuses[name] || "notreached";
    g.setAttribute("data-status", status);
    for (const key of Object.keys(STATUS_LABELS)) g.classList.remove(`st-${key}`);
    g.classList.add(`st-${status}`);
    let tip = g.querySelector(":scope > title");
    if (!tip) {
      tip = document.createElementNS("http://www.w3.org/2000/svg", "title");
      g.prepend(tip);
    }
    tip.textContent = `${name}: ${STATUS_LABELS[status]}`;
  }
}

/** The legend under a coloured graph. */
export function legend() {
  return h("ul", { class: "legend", "aria-label": "Graph legend" },
    Object.entries(STATUS_LABELS).map(([key, label]) => h("li", {}, h("span", { class: `swatch st-${key}` }), label)));
}
