// /buckets/{name}?prefix=a/b/: one bucket's objects by prefix, as folders (ListObjectsV2's CommonPrefixes
// with the delimiter `/`) to open and objects to download, with breadcrumbs; the prefix stays in the URL.
import { s3 } from "../api.js";
import { h, replace, heading, section, table, fillTable, pager, time, href, title, notFound } from "../ui.js";

const child = (el, name) => [...el.children].find((e) => e.localName === name)?.textContent ?? "";

export async function render(main, { id: bucket, params }) {
  const prefix = params.get("prefix") || "";
  const at = (p) => (p ? `${href.bucket(bucket)}?prefix=${encodeURIComponent(p)}` : href.bucket(bucket));
  const list = async (token) => {
    const query = { "list-type": "2", prefix, delimiter: "/", "max-keys": "200" };
    if (token) query["continuation-token"] = token;
    const root = (await s3("GET", `/${encodeURIComponent(bucket)}`, query)).documentElement;
    const folders = [...root.children].filter((e) => e.localName === "CommonPrefixes").map((e) => ({ folder: child(e, "Prefix") }));
    const objects = [...root.children].filter((e) => e.localName === "Contents").map((e) => ({
      key: child(e, "Key"), size: Number(child(e, "Size")), modified: child(e, "LastModified"), storage: child(e, "StorageClass") }))
      .filter((o) => o.key !== prefix); // a "folder" object made by a console shows as the folder itself
    return { items: [...folders, ...objects], nextToken: child(root, "IsTruncated") === "true" ? child(root, "NextContinuationToken") : null };
  };
  let first;
  try {
    first = await list(null);
  } catch (e) {
    if (e.type !== "NoSuchBucket" && e.type !== "InvalidBucketName") throw e;
    notFound(main, `There is no bucket ${bucket}.`, { href: "/buckets", label: "All buckets" }, e);
    return;
  }
  title(`${prefix ? `${prefix} · ` : ""}${bucket} · Bucket`);

  const name = (key) => key.slice(prefix.length);
  const columns = [
    { label: "Name", cell: (o) => (o.folder
      ? h("a", { href: at(o.folder), class: "folder", dataset: { prefix: o.folder } }, name(o.folder))
      : h("span", { class: "object", dataset: { key: o.key } }, name(o.key))) },
    { label: "Size", class: "num", cell: (o) => (o.folder ? "" : h("span", { title: `${o.size.toLocaleString()} bytes` }, size(o.size))) },
    { label: "Last modified", cell: (o) => (o.folder ? "" : time(o.modified)) },
    { label: "Storage class", cell: (o) => o.storage || "" },
    { label: "", cell: (o) => (o.folder ? "" : h("a", { href: objectURL(bucket, o.key), download: name(o.key).split("/").pop() || "object",
      "aria-label": `Download ${o.key}` }, "Download")) },
  ];
  const empty = prefix ? "No objects under this prefix." : "The bucket is empty.";
  const t = table(columns, [], { empty });
  t.classList.add("objects");
  const objects = pager(async (token) => (token ? list(token) : first),
    (items, append) => fillTable(t.tBodies[0], columns, items, { append, empty }));

  replace(main,
    heading(bucket, { kind: "Bucket" }),
    section("Objects", breadcrumbs(bucket, prefix, at), t, objects.element));
  await objects.reload();
}

/** The bucket, then each folder of the prefix, each a link but the last. */
function breadcrumbs(bucket, prefix, at) {
  const parts = prefix.split("/");
  const crumbs = [{ label: bucket, to: "" }];
  parts.forEach((part, i) => {
    if (part === "" && i === parts.length - 1) return;
    crumbs.push({ label: part === "" ? "(empty)" : part, to: i === parts.length - 1 ? prefix : `${parts.slice(0, i + 1).join("/")}/` });
  });
  return h("nav", { class: "crumbs", "aria-label": "Prefix" }, h("ol", {}, crumbs.map((c, i) => h("li", {},
    i === crumbs.length - 1 ? h("span", { "aria-current": "location" }, c.label) : h("a", { href: at(c.to) }, c.label)))));
}

/** `/{bucket}/{key}` with each segment of the key encoded (S3 reads the path percent-decoded). */
function objectURL(bucket, key) {
  return `/${encodeURIComponent(bucket)}/${key.split("/").map(encodeURIComponent).join("/")}`;
}

function size(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = bytes;
  let u = -1;
  do {
    v /= 1024;
    u++;
  } while (v >= 1024 && u < units.length - 1);
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}
