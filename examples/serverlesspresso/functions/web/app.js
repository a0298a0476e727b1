// The Serverlesspresso pages: a plain ES module, no build step, no libraries.
//
// The API serves these files itself at <base>/web/<page>, so every route is one level up from the page:
// ../orders, ../config, ../neworder. The workshop's apps got live updates from IoT Core; these pages
// poll the routes instead, every POLL_MS (1.5 s), and redraw only what changed so focus and keyboard
// position survive a refresh.

export const POLL_MS = 1500;

/** The URL of an API route, relative to the page. */
export const route = (path) => new URL(`../${path}`, location.href);

/** Calls a route; resolves to its JSON, or throws an Error carrying the route's `message` and `status`. */
export async function call(method, path, body) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(route(path), init);
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { message: text };
  }
  if (!response.ok) {
    const error = new Error(data?.message ?? `${method} ${path}: HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return data;
}

/** Runs `refresh` now and then POLL_MS after each run ends; errors go to `onError`. Returns a stop function. */
export function poll(refresh, onError = () => {}) {
  let stopped = false;
  const tick = async () => {
    try {
      await refresh();
    } catch (error) {
      onError(error);
    }
    if (!stopped) setTimeout(tick, POLL_MS);
  };
  tick();
  return () => (stopped = true);
}

/** An element: `el("li", {class: "order"}, "text", child)`. Text goes in as text, never as HTML. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value == null) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.flat().filter((c) => c != null && c !== false));
  return node;
}

/** Replaces `container`'s children when `key` (what they were drawn from) changed since the last draw. */
export function redraw(container, key, draw) {
  const text = JSON.stringify(key);
  if (container.dataset.drawn === text) return;
  container.dataset.drawn = text;
  container.replaceChildren(...[draw()].flat());
}

/** Says something in a page's status line (an aria-live region). */
export function say(element, text, kind = "info") {
  element.textContent = text;
  element.dataset.kind = kind;
}

export const drinkOf = (order) => order.drinkOrder?.drink ?? "…";
export const numberOf = (order) => (order.orderNumber == null ? "" : `#${order.orderNumber}`);

/** Where an order is, in the customer's words. */
export function progress(order) {
  if (order.state === "Completed") return "Ready: pick it up!";
  if (order.state === "Cancelled") return "Cancelled";
  if (!order.drinkOrder) return "Waiting for the shop";
  if (order.orderNumber == null) return "Accepted";
  if (order.baristaUserId) return "Being made";
  return "In the queue";
}
