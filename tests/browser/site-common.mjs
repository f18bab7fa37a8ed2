// Shared by the site*.test.mjs files (split from one file so that each runs
// well within its hang guard on a slow machine): the built site's pages, a
// browser per file, contexts that record every request, failed load and script
// error, and the final check that none of them left the site or failed.
//
//   SITE_DIR=/path/to/built/site node --test --test-reporter=spec tests/browser/site*.test.mjs
//
// SITE_DIR is required (scripts/test.sh builds the sample course into a temp
// folder and sets it). CHROMIUM_PATH overrides the browser (default: Debian's
// /usr/bin/chromium; `npx playwright install` is not used).

import { after, before, describe, test } from "node:test";
import { HOOK, SLOW } from "./timeouts.mjs";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launchChromium } from "./chromium.mjs";
import { listHtml } from "./site-files.mjs";

// ---------------------------------------------------------------- setup ---

if (!process.env.SITE_DIR) {
  throw new Error(
    "SITE_DIR is not set: build the site first and point SITE_DIR at it, e.g.\n" +
      "  target/debug/coursesite build --out /tmp/site && SITE_DIR=/tmp/site node --test tests/browser/",
  );
}
export const SITE_DIR = fs.realpathSync(path.resolve(process.env.SITE_DIR));
if (!fs.existsSync(path.join(SITE_DIR, "index.html"))) {
  throw new Error(`SITE_DIR=${SITE_DIR} has no index.html: is it a built site?`);
}
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!fs.existsSync(CHROMIUM_PATH)) {
  throw new Error(`Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
}

export const MAX_STEPS = 500; // bound for the 下一页 / 上一页 walks
export const NOT_FOUND = "404.html"; // served by hosts at any URL, so it uses base_path-absolute links

// Every HTML page of the built site, relative to SITE_DIR with "/" separators.
export const ALL_HTML = listHtml(SITE_DIR);
export const PAGES = ALL_HTML.filter((p) => p !== NOT_FOUND);

export function bodyClasses(rel) {
  const html = fs.readFileSync(path.join(SITE_DIR, rel), "utf8");
  const m = html.match(/<body[^>]*\sclass="([^"]*)"/);
  return m ? m[1].split(/\s+/) : [];
}
export const LESSON_FILES = PAGES.filter((p) => bodyClasses(p).includes("kind-lesson"));
export const CASE_FILES = PAGES.filter((p) => bodyClasses(p).includes("kind-case"));

export const urlOf = (rel) => pathToFileURL(path.join(SITE_DIR, rel)).href;
export const stripHash = (u) => {
  const x = new URL(u);
  x.hash = "";
  return x.href;
};
/** Site-relative name of a file:// URL, for messages. */
export const nameOf = (u) => {
  try {
    return path.relative(SITE_DIR, fileURLToPath(stripHash(u))).split(path.sep).join("/") || ".";
  } catch {
    return u;
  }
};

// One browser for the file; a fresh context per test group. Every context
// records its requests, failed loads and script errors, checked at the end.
export let browser;
export const requests = []; // { url, from }
export const failedLoads = []; // { url, error, from }
export const scriptErrors = []; // { message, from }

/** Launch the browser before the file's tests and close it after; call once per file. */
export function useBrowser() {
  before(async () => {
    browser = await launchChromium();
  }, HOOK);
  after(async () => {
    if (browser) await browser.close();
  });
}

export async function newContext(options = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: "light",
    reducedMotion: "reduce",
    ...options,
  });
  context.setDefaultTimeout(10_000);
  const from = (req) => {
    try {
      return req.frame().url();
    } catch {
      return "";
    }
  };
  context.on("request", (req) => requests.push({ url: req.url(), from: from(req) }));
  context.on("requestfailed", (req) => failedLoads.push({ url: req.url(), error: req.failure()?.errorText ?? "?", from: from(req) }));
  context.on("page", (page) => page.on("pageerror", (err) => scriptErrors.push({ message: String(err), from: page.url() })));
  return context;
}

export async function open(page, rel) {
  await page.goto(urlOf(rel), { waitUntil: "load" });
}

/** Poll fn() until pred(value) holds; fail with the last value otherwise. */
export async function waitUntil(fn, pred, what, timeout = 3000) {
  const end = Date.now() + timeout;
  let value;
  for (;;) {
    value = await fn();
    if (pred(value)) return value;
    if (Date.now() > end) assert.fail(`timed out after ${timeout} ms waiting for ${what}; last state: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Run action() and wait until the page has loaded `target`; fail clearly otherwise. */
export async function expectNavigation(page, target, action, what, timeout = 10_000) {
  try {
    await Promise.all([
      page.waitForURL((u) => stripHash(u.href) === stripHash(target), { waitUntil: "load", timeout }),
      action(),
    ]);
  } catch (err) {
    assert.fail(`${what}: expected to open ${nameOf(target)}, but the page is ${nameOf(page.url())} (${String(err.message).split("\n")[0]})`);
  }
}

// ------------------------------------------------- nothing leaves the site ---

/** The last test of a file: every request its tests made stayed in the site,
 *  every load succeeded, no script threw. */
export function checkNothingLeftTheSite() {
  describe("nothing left the site", () => {
    test("every request of this file's tests was file://, every load succeeded, no script error", (t) => {
      assert.ok(requests.length > 0, "the pages made requests (their own stylesheet at least)");
      const outside = requests.filter((r) => !r.url.startsWith("file://") && !r.url.startsWith("data:") && !r.url.startsWith("blob:") && r.url !== "about:blank");
      assert.deepEqual(
        outside.map((r) => `${r.url} (from ${nameOf(r.from)})`),
        [],
        "requests left the site (CDN, web fonts, analytics, …)",
      );
      // Navigating away aborts loads of files that exist: not a failure. 404.html
      // (opened by the link test) uses site-absolute URLs, which only work when a
      // host serves it; its links are checked against the site root instead.
      const aborted = failedLoads.filter(
        (f) =>
          nameOf(f.from) !== NOT_FOUND &&
          (f.error !== "net::ERR_ABORTED" || !/^file:/.test(f.url) || !fs.existsSync(fileURLToPath(stripHash(f.url)))),
      );
      assert.deepEqual(
        aborted.map((f) => `${nameOf(f.url)}: ${f.error} (from ${nameOf(f.from)})`),
        [],
        "some resources failed to load",
      );
      assert.deepEqual(
        scriptErrors.map((e) => `${nameOf(e.from)}: ${e.message}`),
        [],
        "the theme's JavaScript threw errors",
      );
      t.diagnostic(`${requests.length} requests, all file://`);
    });
  });
}
