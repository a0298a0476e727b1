// /tables/{name}: one table. Its keys, attributes and indexes; an item explorer (Scan, 50 at a time, "Load
// more" with LastEvaluatedKey) that a query form narrows (Query on the table or an index, a partition key
// value and a sort key condition); an item's DynamoDB JSON, put and delete.
import { dynamodb } from "../api.js";
import { h, replace, heading, section, table, badge, time, field, attempt, title, jsonBlock, notFound } from "../ui.js";
import { facts, jsonBox } from "./_resources.js";

const PAGE = 50;

export async function render(main, { id: name }) {
  let t;
  try {
    t = (await dynamodb("DescribeTable", { TableName: name })).Table;
  } catch (e) {
    if (e.type !== "ResourceNotFoundException") throw e;
    notFound(main, `There is no table ${name}.`, { href: "/tables", label: "All tables" }, e);
    return;
  }
  title(`${name} · Table`);
  const types = Object.fromEntries((t.AttributeDefinitions || []).map((d) => [d.AttributeName, d.AttributeType]));
  const indexes = [
    { name: null, kind: "Table", ...keysOf(t.KeySchema) },
    ...(t.GlobalSecondaryIndexes || []).map((i) => ({ name: i.IndexName, kind: "Global", ...keysOf(i.KeySchema), source: i })),
    ...(t.LocalSecondaryIndexes || []).map((i) => ({ name: i.IndexName, kind: "Local", ...keysOf(i.KeySchema), source: i })),
  ];
  const explorer = explorerSection(t, indexes, types);
  replace(main,
    heading(name, { kind: "Table" }),
    h("div", { class: "grid start" }, section("Details", details(t)), section("Keys and attributes", attributes(t, indexes))),
    indexes.length > 1 ? section("Indexes", indexTable(indexes.slice(1), types)) : null,
    explorer.element);
  await explorer.scan();
}

function keysOf(schema = []) {
  return { hash: schema.find((k) => k.KeyType === "HASH")?.AttributeName, range: schema.find((k) => k.KeyType === "RANGE")?.AttributeName };
}

function details(t) {
  const stream = t.StreamSpecification?.StreamEnabled
    ? [`${t.StreamSpecification.StreamViewType}`, t.LatestStreamArn ? h("div", {}, h("code", {}, t.LatestStreamArn)) : null] : "Off";
  return facts([
    ["ARN", h("code", {}, t.TableArn)],
    ["Status", badge(t.TableStatus)],
    ["Items", (t.ItemCount ?? 0).toLocaleString()],
    ["Size", `${(t.TableSizeBytes ?? 0).toLocaleString()} bytes`],
    ["Capacity", t.BillingModeSummary?.BillingMode === "PAY_PER_REQUEST" ? "On demand"
      : t.ProvisionedThroughput
        ? `Provisioned: ${t.ProvisionedThroughput.ReadCapacityUnits} read, ${t.ProvisionedThroughput.WriteCapacityUnits} write` : null],
    ["Stream", stream],
    ["Deletion protection", t.DeletionProtectionEnabled ? "On" : null],
    ["Created", time(t.CreationDateTime)],
  ]);
}

function attributes(t, indexes) {
  const roles = (attr) => indexes.flatMap((i) => [i.hash === attr ? `${i.name || "table"} partition key` : null,
    i.range === attr ? `${i.name || "table"} sort key` : null]).filter(Boolean).join(", ");
  return table([
    { label: "Attribute", class: "mono", cell: (d) => d.AttributeName },
    { label: "Type", cell: (d) => ({ S: "String", N: "Number", B: "Binary" })[d.AttributeType] || d.AttributeType },
    { label: "Key of", cell: (d) => roles(d.AttributeName) },
  ], t.AttributeDefinitions || []);
}

function indexTable(indexes, types) {
  const key = (a) => (a ? [h("code", {}, a), h("span", { class: "muted" }, ` (${types[a] || "?"})`)] : "—");
  return table([
    { label: "Index", class: "mono", cell: (i) => i.name },
    { label: "Kind", cell: (i) => i.kind },
    { label: "Partition key", cell: (i) => key(i.hash) },
    { label: "Sort key", cell: (i) => key(i.range) },
    { label: "Projection", cell: (i) => [i.source.Projection?.ProjectionType || "",
      i.source.Projection?.NonKeyAttributes ? ` (${i.source.Projection.NonKeyAttributes.join(", ")})` : ""] },
    { label: "Status", cell: (i) => (i.source.IndexStatus ? badge(i.source.IndexStatus) : "") },
    { label: "Items", class: "num", cell: (i) => (i.source.ItemCount ?? 0).toLocaleString() },
  ], indexes);
}

// MARK: - Attribute values as text

/** An attribute value as compact JSON with the type descriptors taken away: `{"M": {"a": {"N": "1"}}}` → `{"a":1}`. */
function compact(v) {
  const [type, x] = Object.entries(v || {})[0] || ["NULL", true];
  switch (type) {
    case "S": case "B": return JSON.stringify(x);
    case "N": return String(x);
    case "BOOL": return String(x);
    case "NULL": return "null";
    case "SS": case "BS": return JSON.stringify(x);
    case "NS": return `[${x.join(",")}]`;
    case "L": return `[${x.map(compact).join(",")}]`;
    case "M": return `{${Object.entries(x).map(([k, e]) => `${JSON.stringify(k)}:${compact(e)}`).join(",")}}`;
    default: return JSON.stringify(v);
  }
}

/** An attribute value as a cell shows it: a string as itself, a number as its digits, the rest as compact JSON. */
function text(v) {
  const [type, x] = Object.entries(v || {})[0] || [];
  if (type === "S" || type === "N") return x;
  if (type === "B") return `base64: ${x}`;
  return compact(v);
}

// MARK: - Item explorer

function explorerSection(t, indexes, types) {
  const name = t.TableName;
  const tableKeys = [indexes[0].hash, indexes[0].range].filter(Boolean);

  // The query form.
  const index = h("select", { name: "index" }, indexes.map((i, n) => h("option", { value: String(n) },
    i.name ? `${i.name} (${i.kind.toLowerCase()} index)` : "Table")));
  const pk = h("input", { name: "partition", autocomplete: "off" });
  const op = h("select", { name: "sort-op" }, [["", "(any)"], ["=", "="], ["<", "<"], ["<=", "<="], [">", ">"], [">=", ">="],
    ["begins_with", "begins with"], ["between", "between"]].map(([v, l]) => h("option", { value: v }, l)));
  const sk = h("input", { name: "sort", autocomplete: "off" });
  const sk2 = h("input", { name: "sort-to", autocomplete: "off" });
  const pkField = field("Partition key", pk);
  const opField = field("Sort key", op);
  const skField = field("Value", sk);
  const sk2Field = field("and", sk2);
  const chosen = () => indexes[Number(index.value)];
  const label = (attr) => `${attr} (${types[attr] || "S"})`;
  const shape = () => {
    const i = chosen();
    pkField.querySelector("label").textContent = `Partition key: ${label(i.hash)}`;
    opField.hidden = !i.range;
    if (i.range) opField.querySelector("label").textContent = `Sort key: ${label(i.range)}`;
    skField.hidden = !i.range || !op.value;
    sk2Field.hidden = skField.hidden || op.value !== "between";
  };
  index.addEventListener("change", shape);
  op.addEventListener("change", shape);
  shape();

  const status = h("div", { class: "explorer-status", "aria-live": "polite" });
  const errors = h("div", {});
  const wrap = h("div", { class: "items-wrap" });
  const more = h("button", { type: "button", class: "btn", hidden: true, onclick: () => next(true) }, "Load more");
  const item = h("div", { class: "item-detail" }, h("div", { class: "muted" }, "Pick an item to see its DynamoDB JSON."));
  let current = null; // {what, request, keys}
  let items = [];
  let lastKey = null;
  let selected = null;

  async function next(append) {
    const body = { TableName: name, Limit: PAGE, ...current.request };
    if (append && lastKey) body.ExclusiveStartKey = lastKey;
    const answer = await attempt(errors, () => dynamodb(current.action, body));
    if (!answer) {
      if (!append) {
        items = [];
        draw();
      }
      return;
    }
    items = append ? [...items, ...(answer.Items || [])] : answer.Items || [];
    lastKey = answer.LastEvaluatedKey || null;
    // A new scan or query: the item picked from the last one is no longer on the page.
    if (!append && !items.includes(selected)) {
      selected = null;
      replace(item, h("div", { class: "muted" }, "Pick an item to see its DynamoDB JSON."));
    }
    draw();
  }
  function draw() {
    const seen = new Set(current.keys);
    const others = [];
    for (const k of items.flatMap(Object.keys)) {
      if (!seen.has(k)) others.push(k);
      seen.add(k);
    }
    const columns = [...current.keys, ...others].map((attr, n) => ({
      label: attr,
      class: current.keys.includes(attr) ? "key mono" : "mono",
      cell: (it) => (n === 0 ? h("button", { type: "button", class: "linkish", onclick: () => pick(it) }, it[attr] ? text(it[attr]) : "—")
        : it[attr] ? text(it[attr]) : h("span", { class: "muted" }, "")),
    }));
    const list = table(columns.length ? columns : [{ label: "Items", cell: () => "" }], items, {
      empty: current.action === "Query" ? "No items match the query." : "The table is empty.",
      rowAttrs: (it) => ({ class: it === selected ? "selected" : null, onclick: (e) => e.target.tagName !== "BUTTON" && pick(it) }),
    });
    list.classList.add("items");
    replace(wrap, list);
    more.hidden = !lastKey;
    status.textContent = `${current.what}: ${items.length} item${items.length === 1 ? "" : "s"}${lastKey ? ", more to load" : ""}`;
  }
  function pick(it) {
    selected = it;
    for (const row of wrap.querySelectorAll("tr.selected")) row.classList.remove("selected");
    wrap.querySelector("tbody")?.rows[items.indexOf(it)]?.classList.add("selected");
    const key = Object.fromEntries(tableKeys.map((k) => [k, it[k]]));
    const done = h("div", {});
    replace(item, jsonBlock(it, { label: "The item's DynamoDB JSON" }), h("div", { class: "actions" },
      h("button", { type: "button", class: "btn", onclick: () => editor.set(JSON.stringify(it, null, 2)) }, "Edit in the put form"),
      h("button", { type: "button", class: "btn danger", onclick: async () => {
        if (!confirm(`Delete the item ${compact({ M: key })}?`)) return;
        const ok = await attempt(done, () => dynamodb("DeleteItem", { TableName: name, Key: key }));
        if (ok) {
          replace(done, h("div", { class: "ok-note" }, "Deleted."));
          await next(false);
        }
      } }, "Delete item")), done);
  }

  async function scan() {
    current = { action: "Scan", what: "Scan", request: {}, keys: tableKeys };
    await next(false);
  }
  async function query() {
    const i = chosen();
    const typed = (attr, value) => ({ [types[attr] || "S"]: value });
    const names = { "#pk": i.hash };
    const values = { ":pk": typed(i.hash, pk.value) };
    let condition = "#pk = :pk";
    if (i.range && op.value) {
      names["#sk"] = i.range;
      values[":sk"] = typed(i.range, sk.value);
      if (op.value === "between") {
        values[":sk2"] = typed(i.range, sk2.value);
        condition += " AND #sk BETWEEN :sk AND :sk2";
      } else if (op.value === "begins_with") condition += " AND begins_with(#sk, :sk)";
      else condition += ` AND #sk ${op.value} :sk`;
    }
    const request = { KeyConditionExpression: condition, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
    if (i.name) request.IndexName = i.name;
    const keys = [...new Set([...tableKeys, i.hash, i.range].filter(Boolean))];
    current = { action: "Query", what: `Query on ${i.name || "the table"}`, request, keys };
    await next(false);
  }

  const form = h("form", { class: "inline query-form", "aria-label": "Query", onsubmit: async (e) => {
    e.preventDefault();
    await query();
  } }, field("Table or index", index), pkField, opField, skField, sk2Field,
  h("button", { type: "submit", class: "btn primary" }, "Query"),
  h("button", { type: "button", class: "btn", onclick: () => scan() }, "Scan all items"));

  // Put an item.
  const skeleton = Object.fromEntries(tableKeys.map((k) => [k, { [types[k] || "S"]: "" }]));
  const editor = jsonBox("Item (DynamoDB JSON)", { value: JSON.stringify(skeleton, null, 2), object: true, rows: 8 });
  const putButton = h("button", { type: "submit", class: "btn" }, "Put item");
  editor.onChange((ok) => (putButton.disabled = !ok));
  const putResult = h("div", {});
  const put = h("form", { class: "put-item", onsubmit: async (e) => {
    e.preventDefault();
    if (!editor.ok()) return;
    const ok = await attempt(putResult, () => dynamodb("PutItem", { TableName: name, Item: editor.value() }));
    if (ok) {
      replace(putResult, h("div", { class: "ok-note" }, "Item saved."));
      await next(false);
    }
  } }, editor.element, h("div", { class: "actions" }, putButton), putResult);

  return {
    element: section("Items", form, errors, h("div", { class: "row explorer-bar" }, status),
      h("div", { class: "explorer" }, h("div", {}, wrap, h("div", { class: "pager" }, more)),
        h("div", { class: "item-side" }, h("h3", {}, "Item"), item, h("h3", {}, "Put an item"), put))),
    scan,
  };
}
