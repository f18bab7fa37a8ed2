// Search cost per query in headless Chromium (docs/search.md): for each query,
// a fresh page, the box focused (the manifest loads), the query typed, and
// then: which search files were loaded until the first results were drawn,
// their bytes (gzip -9 of each file, search.js included), the time from typing
// to results drawn, and the time of the same query once its files are loaded
// (run again, loading nothing more).
//
//   node tests/browser/search-bench.mjs SITE_DIR [--http] [--json] QUERY…
//
// --http serves SITE_DIR on 127.0.0.1 (a static server in this process) and
// loads it from there; the default is file://. Prints a Markdown table.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { launchChromium } from "./chromium.mjs";

const args = process.argv.slice(2);
const flag = (f) => { const i = args.indexOf(f); if (i >= 0) args.splice(i, 1); return i >= 0; };
const overHttp = flag("--http");
const asJson = flag("--json");
const site = path.resolve(args.shift() || ".");
const queries = args;

const gz = new Map();
const gzipOf = (rel) => {
  if (!gz.has(rel)) gz.set(rel, zlib.gzipSync(fs.readFileSync(path.join(site, rel)), { level: 9 }).length);
  return gz.get(rel);
};

let server = null;
let origin = `file://${site}/`;
if (overHttp) {
  server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, "http://x").pathname).replace(/^\/+/, "");
    const file = path.join(site, rel || "index.html");
    if (!file.startsWith(site) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); res.end(); return; }
    const type = file.endsWith(".js") ? "text/javascript" : file.endsWith(".html") ? "text/html" : file.endsWith(".css") ? "text/css" : "application/octet-stream";
    res.writeHead(200, { "content-type": `${type}; charset=utf-8`, "cache-control": "no-store" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${server.address().port}/`;
}

const browser = await launchChromium();
const rows = [];
for (const q of queries) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("page error:", String(e)));
  await page.goto(origin + "index.html", { waitUntil: "load" });
  await page.focus(".search-input");
  await page.evaluate(() => new Promise((r) => window.coursesiteSearch.ready(r)));
  const typed = await page.evaluate((q) => new Promise((done) => {
    const input = document.querySelector(".search-input");
    const popup = document.querySelector(".search-popup");
    const t0 = performance.now();
    const check = () => {
      const hits = popup.querySelectorAll(".search-hit").length;
      const all = popup.querySelector(".search-all");
      const status = popup.querySelector(".search-status")?.textContent || "";
      if (!popup.hidden && (hits || all || (status && !/…/.test(status)))) { obs.disconnect(); done({ ms: performance.now() - t0, shown: hits }); }
    };
    const obs = new MutationObserver(check);
    obs.observe(popup, { childList: true, subtree: true, attributes: true });
    input.value = q;
    input.dispatchEvent(new Event("input"));
  }), q);
  const parts = await page.evaluate(() => window.coursesiteSearch.parts());
  const scripts = await page.evaluate(() => document.querySelectorAll("script[data-search-part]").length);
  const warm = await page.evaluate(async (q) => {
    const t0 = performance.now();
    const r = await window.coursesiteSearch.query(q, 8, 0); // no file more: compute only
    return { ms: performance.now() - t0, n: r.length };
  }, q);
  const files = parts.map((p) => `search/${p}.js`).concat(["theme/search.js"]);
  const bytes = files.reduce((s, f) => s + gzipOf(f), 0);
  rows.push({ q, shown: typed.shown, scripts, files: files.length, kb: bytes / 1024, typedMs: typed.ms, warmMs: warm.ms,
    kinds: ["k", "h", "t"].map((k) => parts.filter((p) => p.startsWith(k + "-")).length).join("/") });
  await context.close();
}
await browser.close();
if (server) server.close();

if (asJson) {
  console.log(JSON.stringify(rows, null, 1));
} else {
  console.log(`| query | shown | files (k/h/t) | KB gzip | typed → drawn ms | warm ms |`);
  console.log(`|---|---|---|---|---|---|`);
  for (const r of rows) {
    console.log(`| ${r.q} | ${r.shown} | ${r.files} (${r.kinds}) | ${r.kb.toFixed(1)} | ${r.typedMs.toFixed(0)} | ${r.warmMs.toFixed(1)} |`);
  }
  const kb = rows.map((r) => r.kb).sort((a, b) => a - b);
  console.log(`\nmax ${kb[kb.length - 1].toFixed(1)} KB, median ${kb[Math.floor(kb.length / 2)].toFixed(1)} KB; max warm ${Math.max(...rows.map((r) => r.warmMs)).toFixed(1)} ms`);
}
