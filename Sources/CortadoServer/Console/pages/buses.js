// /buses: the event buses (ListEventBuses, paged; `default` always exists).
import { events } from "../api.js";
import { h, href, time } from "../ui.js";
import { listPage } from "./_resources.js";

export async function render(main, { params }) {
  await listPage(main, {
    heading: "Event buses",
    params,
    prefix: "Name prefix",
    empty: "No event buses.",
    columns: [
      { label: "Name", cell: (b) => h("a", { href: href.bus(b.Name) }, b.Name) },
      { label: "Description", cell: (b) => b.Description || "" },
      { label: "ARN", class: "mono", cell: (b) => b.Arn },
      { label: "Created", cell: (b) => time(b.CreationTime) },
    ],
    load: async (token, prefix) => {
      const page = await events("ListEventBuses", { NamePrefix: prefix || undefined, NextToken: token || undefined, Limit: 50 });
      return { items: page.EventBuses || [], nextToken: page.NextToken };
    },
  });
}
