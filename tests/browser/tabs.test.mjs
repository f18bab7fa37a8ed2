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
import { launchChromium } from "./chromium.mjs";
import { buildCourse, collectingContext, removeCourse, siteUrl } from "./course.mjs";

const TABS = '=== "Python"\n\n    ```python\n    print(1)\n    ```\n\n=== "Java"\n\n    JAVA正文\n\n=== "C"\n\n    C正文\n';
let dir;
let browser;
const errors = [];
before(async () => {
  dir = buildCourse("tabs", {
    "course.toml": 'title = "标签页"\n',
    "content/index.md": `# 首页\n\n${TABS}\n段落\n\n${TABS}`,
    "content/other.md": `# 另一页\n\n${TABS}`,
  });
  browser = await launchChromium();
});
after(async () => {
  if (browser) await browser.close();
  removeCourse(dir);
  assert.deepEqual(errors, [], "no script errors on pages with tabs");
});

const url = (rel) => siteUrl(dir, rel);
const context = (options) => collectingContext(browser, errors, options);

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
