// Browser test for content tabs (`=== "标签"`, issue 17) in a course of its
// own, built by the real binary and opened from file://: clicking and the arrow
// keys switch panels, the label chosen is selected in every tab set of the page
// and of other pages (localStorage), and without JavaScript every panel shows
// under its label.
//
//   COURSESITE_BIN=target/debug/coursesite node --test --test-reporter=spec tests/browser/tabs.test.mjs
//
// COURSESITE_BIN defaults to target/debug/coursesite of this repository.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launchChromium } from "./chromium.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = path.resolve(process.env.COURSESITE_BIN || path.join(REPO, "target/debug/coursesite"));
if (!fs.existsSync(BIN)) {
  throw new Error(`coursesite binary not found at ${BIN}: run cargo build first (or set COURSESITE_BIN)`);
}

const TABS = '=== "Python"\n\n    ```python\n    print(1)\n    ```\n\n=== "Java"\n\n    JAVA正文\n\n=== "C"\n\n    C正文\n';
let dir;
let browser;
const errors = [];
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "coursesite-tabs-"));
  fs.mkdirSync(path.join(dir, "content"));
  fs.writeFileSync(path.join(dir, "course.toml"), 'title = "标签页"\n');
  fs.writeFileSync(path.join(dir, "content/index.md"), `# 首页\n\n${TABS}\n段落\n\n${TABS}`);
  fs.writeFileSync(path.join(dir, "content/other.md"), `# 另一页\n\n${TABS}`);
  execFileSync(BIN, ["build", dir, "--quiet"], { env: { ...process.env, NO_COLOR: "1" } });
  browser = await launchChromium();
});
after(async () => {
  if (browser) await browser.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  assert.deepEqual(errors, [], "no script errors on pages with tabs");
});

const url = (rel) => pathToFileURL(path.join(dir, "site", rel)).href;

async function context(options = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: "reduce", ...options });
  ctx.setDefaultTimeout(10_000);
  ctx.on("page", (p) => p.on("pageerror", (e) => errors.push(String(e))));
  return ctx;
}

/** For each tab set of the page: the label of its selected tab and of its visible panels. */
const state = (page) =>
  page.$$eval(".tabs", (sets) =>
    sets.map((s) => ({
      selected: [...s.querySelectorAll('[role="tab"][aria-selected="true"]')].map((t) => t.textContent),
      visible: [...s.querySelectorAll('[role="tabpanel"]')].filter((p) => p.offsetParent !== null).map((p) => p.querySelector(".tab-label").textContent),
    })),
  );

describe("content tabs", () => {
  test("click and arrow keys switch; the choice reaches every set and other pages", async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(url("index.html"));
    await page.waitForSelector(".tabs.js");
    assert.deepEqual(await state(page), [
      { selected: ["Python"], visible: ["Python"] },
      { selected: ["Python"], visible: ["Python"] },
    ]);
    await page.locator(".tabs").first().getByRole("tab", { name: "Java" }).click();
    assert.deepEqual(await state(page), [
      { selected: ["Java"], visible: ["Java"] },
      { selected: ["Java"], visible: ["Java"] },
    ]);
    await page.keyboard.press("ArrowRight");
    assert.equal(await page.evaluate(() => document.activeElement.textContent), "C");
    assert.deepEqual((await state(page))[1], { selected: ["C"], visible: ["C"] });
    await page.keyboard.press("ArrowRight");
    assert.equal(await page.evaluate(() => document.activeElement.textContent), "Python", "wraps around");
    await page.keyboard.press("End");
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute("tabindex")), "0");
    const other = await ctx.newPage();
    await other.goto(url("other.html"));
    await other.waitForSelector(".tabs.js");
    assert.deepEqual(await state(other), [{ selected: ["C"], visible: ["C"] }], "remembered across pages");
    await ctx.close();
  });

  test("without JavaScript every panel shows under its label", async () => {
    const ctx = await context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(url("index.html"));
    assert.equal(await page.locator(".tab-list").first().isVisible(), false);
    const labels = await page.locator(".tabs").first().locator(".tab-label").evaluateAll((ls) =>
      ls.filter((l) => l.offsetParent !== null).map((l) => l.textContent),
    );
    assert.deepEqual(labels, ["Python", "Java", "C"]);
    assert.ok(await page.getByText("JAVA正文").first().isVisible());
    await ctx.close();
  });
});
