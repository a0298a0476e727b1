// /buckets: the buckets (S3's ListBuckets, `GET /`, XML; paged with its continuation token where the
// server pages).
import { s3 } from "../api.js";
import { h, href, time } from "../ui.js";
import { listPage } from "./_resources.js";

const text = (el, name) => el.getElementsByTagName(name)[0]?.textContent ?? "";

export async function render(main, { params }) {
  await listPage(main, {
    heading: "Buckets",
    params,
    empty: "No buckets.",
    columns: [
      { label: "Name", cell: (b) => h("a", { href: href.bucket(b.name) }, b.name) },
      { label: "Region", cell: (b) => b.region },
      { label: "Created", cell: (b) => time(b.created) },
    ],
    load: async (token) => {
      const doc = await s3("GET", "/", token ? { "max-buckets": "100", "continuation-token": token } : { "max-buckets": "100" });
      const root = doc.documentElement;
      const items = [...root.getElementsByTagName("Bucket")].map((b) => ({
        name: text(b, "Name"), created: text(b, "CreationDate"), region: text(b, "BucketRegion") }));
      // The token is a child of the root (Owner and Buckets come before it).
      const next = [...root.children].find((e) => e.localName === "ContinuationToken")?.textContent;
      return { items, nextToken: next || null };
    },
  });
}
