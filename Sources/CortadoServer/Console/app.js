// The console's router: every page has its own URL (docs/architecture/console.md); this module reads
// location.pathname, loads the page's module and hands it the <main> element.
import { h, notFound, replace, errorBox } from "./ui.js";

/** Path prefix → page module and whether it takes an id (the rest of the path, URL-decoded). */
const ROUTES = [
  ["/state-machines/", "state-machine"],
  ["/state-machines", "state-machines"],
  ["/executions/", "execution"],
  ["/callbacks", "callbacks"],
  ["/buses/", "bus"],
  ["/buses", "buses"],
  ["/logs/", "log-group"],
  ["/logs", "log-groups"],
  ["/functions/", "function"],
  ["/functions", "functions"],
  ["/tables/", "table"],
  ["/tables", "tables"],
  ["/buckets/", "bucket"],
  ["/buckets", "buckets"],
  ["/", "overview"],
];

/** The page for a path: {page, id, section}, or null. */
export function route(pathname) {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") || "/" : pathname;
  for (const [prefix, page] of ROUTES) {
    if (prefix.endsWith("/") && prefix !== "/") {
      if (path.startsWith(prefix) && path.length > prefix.length) {
        let id;
        try {
          id = decodeURIComponent(path.slice(prefix.length));
        } catch {
          return { page: "bad-url", id: path };
        }
        return { page, id, section: prefix.slice(1, -1) };
      }
    } else if (path === prefix) {
      return { page, id: null, section: prefix.slice(1) };
    }
  }
  return null;
}

let cleanup = null;
let generation = 0;

async function show() {
  const main = document.getElementById("page");
  const mine = ++generation;
  if (typeof cleanup === "function") cleanup();
  cleanup = null;
  const r = route(location.pathname);
  for (const a of document.querySelectorAll("nav a[data-section]")) {
    const current = r && (r.section === a.dataset.section || (r.section === "executions" && a.dataset.section === "state-machines"));
    if (current) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  if (!r || r.page === "bad-url") {
    notFound(main, `There is no console page at ${location.pathname}.`, { href: "/", label: "Back to the overview" });
    return;
  }
  let module;
  try {
    module = await import(`./pages/${r.page}.js`);
  } catch (e) {
    replace(main, errorBox(e, { title: "The page could not be loaded." }));
    return;
  }
  const params = new URLSearchParams(location.search);
  try {
    main.setAttribute("aria-busy", "true");
    const done = await module.render(main, { id: r.id, params });
    // The user went elsewhere while this page rendered: stop what it started.
    if (mine !== generation) {
      if (typeof done === "function") done();
    } else {
      cleanup = done;
    }
  } catch (e) {
    replace(main, h("div", {}, errorBox(e, { title: "The page failed." })));
  } finally {
    main.removeAttribute("aria-busy");
  }
}

window.addEventListener("popstate", show);
// Leaving the page stops its streams; coming back to it from the back/forward cache starts it again.
window.addEventListener("pagehide", () => {
  if (typeof cleanup === "function") cleanup();
  cleanup = null;
});
window.addEventListener("pageshow", (e) => {
  if (e.persisted) show();
});
show();
