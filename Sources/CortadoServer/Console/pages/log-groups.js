// /logs: the log groups (DescribeLogGroups, paged with nextToken, filtered by name prefix).
import { logs } from "../api.js";
import { h, href, time } from "../ui.js";
import { listPage } from "./_resources.js";

export async function render(main, { params }) {
  await listPage(main, {
    heading: "Log groups",
    params,
    prefix: "Name prefix",
    empty: "No log groups.",
    columns: [
      { label: "Name", cell: (g) => h("a", { href: href.logGroup(g.logGroupName) }, g.logGroupName) },
      { label: "Retention", cell: (g) => (g.retentionInDays ? `${g.retentionInDays} days` : "Never expire") },
      { label: "Stored bytes", class: "num", cell: (g) => (g.storedBytes ?? 0).toLocaleString() },
      { label: "Created", cell: (g) => time(g.creationTime) },
    ],
    load: async (token, prefix) => {
      const page = await logs("DescribeLogGroups", { logGroupNamePrefix: prefix || undefined, nextToken: token || undefined, limit: 50 });
      return { items: page.logGroups || [], nextToken: page.nextToken };
    },
  });
}
