// Search timing in headless Chromium (docs/search.md): how long search-index.js
// takes to load and prepare, and how long queries take, on a built site.
//
//   node tests/browser/search-bench.mjs SITE_DIR [QUERY…]
//
// e.g. after `cargo run --example gen_corpus -- 1000 /tmp/corpus` and a build:
//   node tests/browser/search-bench.mjs /tmp/corpus-site 客户 大客户 "客户 服务"
import { chromium } from "playwright-core";
const site = (await import("node:path")).resolve(process.argv[2] || ".");
const queries = process.argv.slice(3);
const b = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox"] });
const p = await b.newPage();
p.on("pageerror", e => console.log("ERR", e));
await p.goto(`file://${site}/index.html`);
const load = await p.evaluate(() => new Promise((r) => { const t0 = performance.now(); window.coursesiteSearch.ready(() => r(performance.now() - t0)); }));
console.log("load+prepare ms", load.toFixed(1));
for (const q of queries) {
  const r = await p.evaluate((q) => { const t0 = performance.now(); const n = window.coursesiteSearch.query(q).length; return [performance.now() - t0, n]; }, q);
  console.log(`query ${q}: ${r[0].toFixed(2)} ms, ${r[1]} hits`);
}
// time to results in the popup as a user sees it (type → DOM)
const ui = await p.evaluate(() => new Promise((r) => {
  const input = document.querySelector(".search-input");
  input.focus();
  const t0 = performance.now();
  input.value = "客户"; input.dispatchEvent(new Event("input"));
  r([performance.now() - t0, document.querySelectorAll(".search-hit").length]);
}));
console.log("type 客户 → popup rendered ms", ui[0].toFixed(2), "hits shown", ui[1]);
await b.close();
