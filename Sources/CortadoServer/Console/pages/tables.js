// /tables: the tables (DynamoDB ListTables, paged with ExclusiveStartTableName/LastEvaluatedTableName), each
// described as its row is drawn.
import { dynamodb } from "../api.js";
import { h, href, badge } from "../ui.js";
import { listPage, later } from "./_resources.js";

export async function render(main, { params }) {
  const described = new Map();
  const describe = (name) => {
    if (!described.has(name)) described.set(name, dynamodb("DescribeTable", { TableName: name }).then((r) => r.Table));
    return described.get(name);
  };
  const key = (type) => (name) => later(describe(name), (t) => {
    const k = (t.KeySchema || []).find((s) => s.KeyType === type);
    const a = k && (t.AttributeDefinitions || []).find((d) => d.AttributeName === k.AttributeName);
    return k ? [h("code", {}, k.AttributeName), a ? h("span", { class: "muted" }, ` (${a.AttributeType})`) : null] : "—";
  });
  await listPage(main, {
    heading: "Tables",
    params,
    empty: "No tables.",
    columns: [
      { label: "Name", cell: (name) => h("a", { href: href.table(name) }, name) },
      { label: "Status", cell: (name) => later(describe(name), (t) => badge(t.TableStatus)) },
      { label: "Partition key", cell: key("HASH") },
      { label: "Sort key", cell: key("RANGE") },
      { label: "Indexes", class: "num", cell: (name) => later(describe(name), (t) =>
        String((t.GlobalSecondaryIndexes || []).length + (t.LocalSecondaryIndexes || []).length)) },
      { label: "Items", class: "num", cell: (name) => later(describe(name), (t) => (t.ItemCount ?? 0).toLocaleString()) },
    ],
    load: async (token) => {
      const page = await dynamodb("ListTables", { ExclusiveStartTableName: token || undefined, Limit: 50 });
      return { items: page.TableNames || [], nextToken: page.LastEvaluatedTableName };
    },
  });
}
