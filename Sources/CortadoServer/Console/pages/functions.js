// /functions: the functions (Lambda's ListFunctions, paged with Marker/NextMarker).
import { lambda } from "../api.js";
import { h, href, time } from "../ui.js";
import { listPage } from "./_resources.js";

export async function render(main, { params }) {
  await listPage(main, {
    heading: "Functions",
    params,
    empty: "No functions.",
    columns: [
      { label: "Name", cell: (f) => h("a", { href: href.func(f.FunctionName) }, f.FunctionName) },
      { label: "Runtime", cell: (f) => f.Runtime || f.PackageType || "" },
      { label: "Handler", class: "mono", cell: (f) => f.Handler || "" },
      { label: "Memory", class: "num", cell: (f) => `${f.MemorySize} MB` },
      { label: "Timeout", class: "num", cell: (f) => `${f.Timeout} s` },
      { label: "Last modified", cell: (f) => time(f.LastModified) },
    ],
    load: async (token) => {
      const query = new URLSearchParams({ MaxItems: "50" });
      if (token) query.set("Marker", token);
      const page = await lambda("GET", `/2015-03-31/functions/?${query}`);
      return { items: page.Functions || [], nextToken: page.NextMarker };
    },
  });
}
