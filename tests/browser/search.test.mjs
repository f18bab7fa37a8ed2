// Browser tests for search (issue 8): the header box, results as you type, keys,
// search.html?q=…, all from file:// in headless Chromium; and the English UI.
//
//   SITE_DIR=/path/to/built/site node --test --test-reporter=spec tests/browser/search.test.mjs
//
// SITE_DIR must hold the built sample course. The English-UI test builds a copy
// of the sample course with language = "en"; it runs the coursesite binary from
// COURSESITE_BIN (default: $CARGO_TARGET_DIR/debug/coursesite, else
// target/debug/coursesite). CHROMIUM_PATH overrides the browser.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import http from "node:http";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launchChromium } from "./chromium.mjs";

if (!process.env.SITE_DIR) {
  throw new Error("SITE_DIR is not set: build the site first, e.g. target/debug/coursesite build --out /tmp/site && SITE_DIR=/tmp/site node --test tests/browser/");
}
const SITE_DIR = fs.realpathSync(path.resolve(process.env.SITE_DIR));
for (const f of ["index.html", "search.html", "search/manifest.js"]) {
  if (!fs.existsSync(path.join(SITE_DIR, f))) throw new Error(`SITE_DIR=${SITE_DIR} has no ${f}: is it a site built by this coursesite?`);
}
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}`);
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const BIN =
  process.env.COURSESITE_BIN ||
  path.join(process.env.CARGO_TARGET_DIR ? path.resolve(REPO, process.env.CARGO_TARGET_DIR) : path.join(REPO, "target"), "debug", "coursesite");

const urlOf = (dir, rel) => pathToFileURL(path.join(dir, rel)).href;

let browser;
const requests = [];
const scriptErrors = [];

before(async () => {
  browser = await launchChromium();
});
after(async () => {
  if (browser) await browser.close();
});

async function newContext(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: "light", reducedMotion: "reduce", ...options });
  context.setDefaultTimeout(10_000);
  context.on("request", (req) => requests.push(req.url()));
  context.on("page", (page) => page.on("pageerror", (err) => scriptErrors.push(`${page.url()}: ${err}`)));
  return context;
}

async function waitUntil(fn, pred, what, timeout = 5000) {
  const end = Date.now() + timeout;
  let value;
  for (;;) {
    value = await fn();
    if (pred(value)) return value;
    if (Date.now() > end) assert.fail(`timed out after ${timeout} ms waiting for ${what}; last state: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What the header drop-down shows. */
const popupState = (page) =>
  page.evaluate(() => {
    const popup = document.querySelector(".search-popup");
    const hits = [...popup.querySelectorAll(".search-hit")].map((a) => ({
      kind: a.querySelector(".search-kind")?.textContent ?? "",
      title: a.querySelector(".search-hit-title")?.textContent ?? "",
      marks: [...a.querySelectorAll("mark")].map((m) => m.textContent),
      href: a.getAttribute("href"),
      selected: a.getAttribute("aria-selected"),
    }));
    return {
      open: !popup.hidden && popup.getBoundingClientRect().height > 0,
      status: popup.querySelector(".search-status")?.textContent ?? null,
      all: popup.querySelector(".search-all")?.textContent ?? null,
      hits,
      expanded: document.querySelector(".search-input").getAttribute("aria-expanded"),
    };
  });

async function typeQuery(page, q) {
  await page.fill(".search-input", "");
  await page.focus(".search-input");
  await page.keyboard.insertText(q);
  return waitUntil(() => popupState(page), (s) => s.open && (s.hits.length > 0 || (s.status && !/…|\.\.\./.test(s.status))), `results for ${q}`);
}

describe("search from the header box (file://)", () => {
  let context;
  let page;
  before(async () => {
    context = await newContext();
    page = await context.newPage();
    await page.goto(urlOf(SITE_DIR, "lessons/index.html"), { waitUntil: "load" });
  });
  after(async () => {
    await context.close();
  });

  test("the index is not loaded until the box is used, then comes in through <script> tags, a file at a time", async () => {
    const partScripts = () => page.evaluate(() => [...document.querySelectorAll("script[data-search-part]")].map((s) => s.src));
    assert.deepEqual(await partScripts(), [], "no search file is loaded with the page");
    await page.keyboard.press("/");
    assert.equal(await page.evaluate(() => document.activeElement?.className), "search-input", "/ focuses the search box");
    const loaded = await waitUntil(partScripts, (s) => s.length > 0, "the manifest to load after focusing");
    assert.equal(loaded.length, 1, `focusing loads the manifest only: ${loaded}`);
    assert.ok(loaded[0].startsWith("file://") && loaded[0].endsWith("/search/manifest.js"), `the manifest is loaded from file:// (${loaded[0]})`);
    // A query adds its key shard(s), the head file and the text buckets of the results shown: not the whole index.
    await typeQuery(page, "售后服务");
    const after = await partScripts();
    const names = after.map((s) => s.split("/").pop());
    const all = fs.readdirSync(path.join(SITE_DIR, "search"));
    assert.ok(names.some((n) => /^k-\d+\.js$/.test(n)) && names.includes("h-0.js") && names.some((n) => /^t-\d+\.js$/.test(n)), `${names}`);
    assert.ok(after.length < all.length, `${after.length} of ${all.length} files loaded`);
    assert.equal(new Set(after).size, after.length, "no file is loaded twice");
    assert.deepEqual((await page.evaluate(() => window.coursesiteSearch.parts())).sort(), names.map((n) => n.replace(/\.js$/, "")).sort());
  });

  test("Ctrl+K focuses the box from the page", async () => {
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    await page.keyboard.press("Control+k");
    assert.equal(await page.evaluate(() => document.activeElement?.className), "search-input");
  });

  test("typing 大客户 shows the glossary term 关键客户 and the lessons using it, highlighted", async () => {
    const s = await typeQuery(page, "大客户");
    assert.equal(s.expanded, "true");
    const first = s.hits[0];
    assert.equal(first.kind, "术语", `the first result is the glossary term: ${JSON.stringify(s.hits)}`);
    assert.equal(first.title, "关键客户");
    assert.match(decodeURIComponent(first.href), /glossary\.html#关键客户$/);
    const lessons = s.hits.filter((h) => h.kind === "教案");
    assert.ok(lessons.length >= 2, `lessons using 大客户/关键客户 are listed: ${JSON.stringify(s.hits.map((h) => h.kind + " " + h.title))}`);
    assert.ok(lessons.some((h) => h.title.includes("理解客户服务")) && lessons.some((h) => h.title.includes("认知客户")), JSON.stringify(lessons));
    assert.ok(lessons.every((h) => h.marks.includes("大客户") || h.marks.includes("关键客户")), `each lesson's snippet highlights the match: ${JSON.stringify(lessons)}`);
    assert.ok(s.all && /查看全部( \d+ 条)?结果/.test(s.all), `a link to all results: ${s.all}`);
  });

  test("every Chinese substring is found: 售后服务, 投诉, one character 厅", async () => {
    for (const q of ["售后服务", "投诉", "厅"]) {
      const s = await typeQuery(page, q);
      assert.ok(s.hits.length > 0, `${q} finds something: ${JSON.stringify(s)}`);
      assert.ok(s.hits.some((h) => h.marks.some((m) => m.includes(q))), `${q} is highlighted in a result: ${JSON.stringify(s.hits)}`);
    }
  });

  test("mixed query ＣＲＭ 系统: full-width and upper case fold to crm", async () => {
    const s = await typeQuery(page, "ＣＲＭ 系统");
    assert.ok(s.hits.length > 0, JSON.stringify(s));
    assert.ok(s.hits[0].marks.length > 0);
  });

  test("a query in traditional characters finds the simplified text: 售後服務, 投訴", async () => {
    for (const [q, simplified] of [["售後服務", "售后服务"], ["投訴", "投诉"]]) {
      const s = await typeQuery(page, q);
      assert.ok(s.hits.length > 0, `${q} finds something: ${JSON.stringify(s)}`);
      assert.ok(s.hits.some((h) => h.marks.some((m) => m.includes(simplified))), `${simplified} is highlighted for ${q}: ${JSON.stringify(s.hits)}`);
    }
  });

  test("a query with no result says so", async () => {
    const s = await typeQuery(page, "量子纠缠");
    assert.equal(s.hits.length, 0);
    assert.equal(s.status, "没有找到与“量子纠缠”相关的内容。");
  });

  test("↓ ↓ ↑ moves the selection, Enter opens the selected result", async () => {
    await typeQuery(page, "大客户");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowUp");
    const s = await popupState(page);
    assert.deepEqual(s.hits.map((h) => h.selected).slice(0, 2), ["true", "false"], "the first result is selected");
    const target = new URL(s.hits[0].href, page.url()).href;
    await Promise.all([page.waitForURL((u) => u.href === target, { waitUntil: "load" }), page.keyboard.press("Enter")]);
    assert.match(decodeURIComponent(page.url()), /glossary\.html#关键客户$/);
  });

  test("Enter with nothing selected opens search.html?q=…, a shareable full result page", async () => {
    await page.goto(urlOf(SITE_DIR, "index.html"), { waitUntil: "load" });
    await typeQuery(page, "客户服务");
    await Promise.all([page.waitForURL(/search\.html\?q=/, { waitUntil: "load" }), page.keyboard.press("Enter")]);
    const res = await waitUntil(
      () => page.evaluate(() => ({ status: document.querySelector(".search-page .search-status")?.textContent, n: document.querySelectorAll(".search-results li").length, value: document.querySelector(".search-page-input")?.value })),
      (r) => r.n > 0,
      "the results page to list results",
    );
    assert.equal(res.value, "客户服务");
    assert.match(res.status, new RegExp(`找到 ${res.n} 条结果`));
    assert.ok(res.n > 8, `the full page lists more than the drop-down (${res.n})`);
  });

  test("search.html?q= for a missing word says there is no result", async () => {
    await page.goto(urlOf(SITE_DIR, "search.html") + "?q=" + encodeURIComponent("不存在的词语"), { waitUntil: "load" });
    const res = await waitUntil(() => page.evaluate(() => document.querySelector(".search-page .search-status")?.textContent), (t) => t && t.includes("没有找到"), "the no-result message");
    assert.equal(res, "没有找到与“不存在的词语”相关的内容。");
  });

  test("first results come within 50 ms of the files they need being loaded", async () => {
    await page.goto(urlOf(SITE_DIR, "index.html"), { waitUntil: "load" });
    await page.evaluate(() => new Promise((r) => window.coursesiteSearch.ready(r)));
    const ms = await page.evaluate(async () => {
      await window.coursesiteSearch.query("售后服务", 8); // loads what the query needs
      const t0 = performance.now();
      const r = await window.coursesiteSearch.query("售后服务", 8);
      return { ms: performance.now() - t0, n: r.length };
    });
    assert.ok(ms.n > 0);
    assert.ok(ms.ms < 50, `query took ${ms.ms} ms`);
  });

  test("no request left file://, no script error", () => {
    assert.deepEqual(requests.filter((u) => !u.startsWith("file:")), []);
    assert.deepEqual(scriptErrors, []);
  });
});

describe("search on a static host under a sub-path (http://…/courses/cs/)", () => {
  let server;
  let base;
  const served = [];
  before(async () => {
    // A plain static host: the site's files under /courses/cs/, nothing else.
    server = http.createServer((req, res) => {
      const url = decodeURIComponent(new URL(req.url, "http://x").pathname);
      served.push(url);
      const rel = url.startsWith("/courses/cs/") ? url.slice("/courses/cs/".length) || "index.html" : null;
      const file = rel && path.join(SITE_DIR, rel);
      if (!file || !file.startsWith(SITE_DIR) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
        res.writeHead(404);
        res.end();
        return;
      }
      const type = { ".js": "text/javascript", ".html": "text/html", ".css": "text/css" }[path.extname(file)] || "application/octet-stream";
      res.writeHead(200, { "content-type": `${type}; charset=utf-8` });
      fs.createReadStream(file).pipe(res);
    });
    await new Promise((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${server.address().port}/courses/cs/`;
  });
  after(() => new Promise((r) => server.close(r)));

  test("the box finds 售后服务 from a lesson page, loading every search file from under the sub-path", async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(base + "lessons/index.html", { waitUntil: "load" });
    const s = await typeQuery(page, "售后服务");
    assert.ok(s.hits.length > 0, "results");
    assert.ok(s.hits.every((h) => !h.href.startsWith("/")), `relative result links: ${s.hits.map((h) => h.href)}`);
    const searchFiles = served.filter((u) => u.includes("/search/"));
    assert.ok(searchFiles.length >= 3, `${searchFiles}`);
    assert.deepEqual(searchFiles.filter((u) => !u.startsWith("/courses/cs/search/")), [], "every search file from under the sub-path");
    // (Chromium asks for /favicon.ico itself when a page names no icon.)
    assert.deepEqual(served.filter((u) => !u.startsWith("/courses/cs/") && u !== "/favicon.ico"), [], "no request outside the sub-path");
    // A result opens under the sub-path too.
    await Promise.all([page.waitForURL((u) => u.href.startsWith(base), { waitUntil: "load" }), page.click(".search-hit")]);
    await context.close();
  });
});

describe("English UI (language = \"en\")", () => {
  let dir;
  let context;
  before(async () => {
    assert.ok(fs.existsSync(BIN), `coursesite binary not found at ${BIN}: run cargo build or set COURSESITE_BIN`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "coursesite-en-"));
    fs.cpSync(path.join(REPO, "content"), path.join(dir, "content"), { recursive: true });
    const toml = fs.readFileSync(path.join(REPO, "course.toml"), "utf8").replace(/^language = .*$/m, 'language = "en"');
    assert.match(toml, /language = "en"/);
    fs.writeFileSync(path.join(dir, "course.toml"), toml);
    execFileSync(BIN, ["build", "--quiet", dir, "--out", path.join(dir, "site")], { stdio: "pipe" });
    context = await newContext();
  });
  after(async () => {
    if (context) await context.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test("the pages and the search UI speak English", async () => {
    const site = path.join(dir, "site");
    const page = await context.newPage();
    await page.goto(urlOf(site, "lessons/index.html"), { waitUntil: "load" });
    const ui = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      placeholder: document.querySelector(".search-input").placeholder,
      label: document.querySelector(".search-input").getAttribute("aria-label"),
      skip: document.querySelector(".skip-link").textContent,
      crumbs: document.querySelector(".breadcrumbs a")?.textContent,
    }));
    assert.deepEqual(ui, { lang: "en", placeholder: "Search the course", label: "Search", skip: "Skip to content", crumbs: "Home" });
    const s = await typeQuery(page, "大客户");
    assert.equal(s.hits[0].kind, "Term");
    assert.ok(s.hits.some((h) => h.kind === "Lesson plan"), JSON.stringify(s.hits));
    assert.match(s.all, /^See all (\d+ )?results$/);
    const none = await typeQuery(page, "zzzqqq");
    assert.equal(none.status, "No results for “zzzqqq”.");
    await page.goto(urlOf(site, "search.html") + "?q=CRM", { waitUntil: "load" });
    const status = await waitUntil(() => page.evaluate(() => document.querySelector(".search-page .search-status").textContent), (t) => /results/.test(t), "the English result count");
    assert.match(status, /^(\d+|At least \d+) results$/);
    assert.equal(await page.evaluate(() => document.querySelector("h1").textContent), "Search results");
    // No Chinese UI word left in the chrome around the teacher's content.
    const chrome = await page.evaluate(() => [...document.querySelectorAll(".topbar, .breadcrumbs, .page-header, .site-footer, .search-page-form")].map((e) => e.textContent + " " + [...e.querySelectorAll("[placeholder],[aria-label],[title]")].map((x) => x.getAttribute("placeholder") + x.getAttribute("aria-label") + x.getAttribute("title")).join(" ")).join(" "));
    const courseTitle = await page.evaluate(() => document.querySelector(".brand").textContent);
    const leftover = chrome.split(courseTitle).join("").split("coursesite 示例课程组").join("").match(/[\u4e00-\u9fff]+/g);
    assert.equal(leftover, null, `Chinese UI strings in the English site: ${leftover}`);
    // The 教案 form and the footer: English labels and punctuation.
    await page.goto(urlOf(site, "lessons/01-理解客户服务.html"), { waitUntil: "load" });
    const lesson = await page.evaluate(() => ({
      step: document.querySelector(".step-label")?.textContent,
      sub: document.querySelector(".form-sub")?.textContent,
      footer: document.querySelector(".site-footer p")?.textContent,
      pager: document.querySelector(".pager-label")?.textContent,
    }));
    assert.equal(lesson.step, "Step 1");
    assert.equal(lesson.sub, "Knowledge objectives");
    assert.match(lesson.footer, /· Authors: /);
    assert.match(lesson.pager, /Previous|Next/);
    await page.close();
  });
});
