// Browser tests for call scripts (话术) in the built sample course, from file://:
// choosing a branch shows the right node, practice mode hides and reveals the
// agent's lines, progress survives a reload, and the flow map is an inline SVG
// that needs no JS.
//
//   SITE_DIR=/path/to/built/site node --test tests/browser/scripts.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launchChromium } from "./chromium.mjs";

if (!process.env.SITE_DIR) throw new Error("SITE_DIR is not set: build the site and point SITE_DIR at it");
const SITE_DIR = fs.realpathSync(path.resolve(process.env.SITE_DIR));
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

// The sample script with the 我很忙 / 我不感兴趣 branches: the first script page
// whose HTML has a choice leading to #busy.
const SCRIPT_DIR = path.join(SITE_DIR, "scripts");
const SCRIPTS = fs.existsSync(SCRIPT_DIR)
  ? fs.readdirSync(SCRIPT_DIR).filter((f) => f.endsWith(".html") && f !== "index.html").sort()
  : [];
const FOLLOW_UP = SCRIPTS.find((f) => fs.readFileSync(path.join(SCRIPT_DIR, f), "utf8").includes('data-target="busy"'));
const urlOf = (rel) => pathToFileURL(path.join(SITE_DIR, rel)).href;

let browser;
const errors = [];
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  if (browser) await browser.close();
  assert.deepEqual(errors, [], "no script errors on script pages");
});

async function context(options = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: "reduce", ...options });
  ctx.setDefaultTimeout(10_000);
  ctx.on("page", (p) => p.on("pageerror", (e) => errors.push(String(e))));
  ctx.on("request", (r) => {
    if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) errors.push(`request left file://: ${r.url()}`);
  });
  return ctx;
}

const visibleNodes = (page) =>
  page.$$eval(".script-node", (ns) => ns.filter((n) => !n.hidden && n.offsetParent !== null).map((n) => n.dataset.node));

describe("call scripts", () => {
  test("the sample course has three scripts, one with 我很忙 branches", () => {
    assert.ok(SCRIPTS.length >= 3, `scripts: ${SCRIPTS}`);
    assert.ok(FOLLOW_UP, "a script with a branch to #busy");
  });

  test("choosing a branch shows the node it leads to, and only the path walked", async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(urlOf(`scripts/${FOLLOW_UP}`));
    assert.deepEqual(await visibleNodes(page), ["open"], "walk mode starts at the first node");
    await page.click('.script-node[data-node="open"] .script-choice[data-target="busy"]');
    assert.deepEqual(await visibleNodes(page), ["open", "busy"]);
    assert.ok(await page.isVisible("#busy"));
    assert.equal(await page.getAttribute('.script-choice[data-target="busy"]', "aria-current"), "step");
    // Change your mind: the other objection replaces the path after the branch point.
    await page.click('.script-node[data-node="open"] .script-choice[data-target="not-interested"]');
    assert.deepEqual(await visibleNodes(page), ["open", "not-interested"]);
    await page.click('.script-node[data-node="not-interested"] .script-choice[data-target="purpose"]');
    await page.click('.script-node[data-node="purpose"] .script-choice[data-target="close"]');
    assert.deepEqual(await visibleNodes(page), ["open", "not-interested", "purpose", "close"]);
    // The path survives a reload.
    await page.reload();
    assert.deepEqual(await visibleNodes(page), ["open", "not-interested", "purpose", "close"]);
    // 显示全部 shows every node in source order; 从头开始 goes back to the start.
    await page.click(".script-all");
    assert.equal((await visibleNodes(page)).length, await page.locator(".script-node").count());
    await page.click(".script-walk");
    await page.click(".script-restart");
    assert.deepEqual(await visibleNodes(page), ["open"]);
    await ctx.close();
  });

  test("practice mode hides the agent's lines until revealed; customer lines stay", async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(urlOf(`scripts/${FOLLOW_UP}`));
    const agent = '.script-node[data-node="open"] .say-agent';
    const agentText = `${agent} .say-text`;
    const customerText = '.script-node[data-node="open"] .say-customer .say-text';
    assert.ok(await page.isVisible(agentText));
    assert.ok(!(await page.isVisible(`${agent} .say-practice`)), "no practice box outside practice mode");
    await page.click(".script-practice");
    assert.equal(await page.getAttribute(".script-practice", "aria-pressed"), "true");
    assert.ok(!(await page.isVisible(agentText)), "agent line hidden in practice mode");
    assert.ok(await page.isVisible(customerText), "customer line still shown");
    await page.fill(`${agent} .say-practice textarea`, "您好，我是门店的客服。");
    assert.match(await page.textContent(".script-progress"), /^已练 0\/\d+$/);
    await page.click(`${agent} .say-reveal`);
    assert.ok(await page.isVisible(agentText), "model line revealed");
    // The reply stays, read-only, beside the model line (not replaced by it).
    const mine = page.locator(`${agent} .say-practice textarea`);
    assert.ok(await mine.isVisible(), "the student's reply is still shown");
    assert.equal(await mine.inputValue(), "您好，我是门店的客服。");
    assert.equal(await mine.getAttribute("readonly"), "");
    assert.equal((await page.textContent(`${agent} .say-practice-label`)).trim(), "你的回答");
    const [a, b] = [await mine.boundingBox(), await page.locator(agentText).boundingBox()];
    assert.ok(a.x + a.width <= b.x + 1 && Math.abs(a.y - b.y) < 40, `side by side: ${JSON.stringify([a, b])}`);
    const [done, total] = (await page.textContent(".script-progress")).match(/\d+/g).map(Number);
    assert.ok(done === 1 && total >= 1, `progress ${done}/${total}`);
    // Walk on in practice mode: the next node's agent lines are hidden too.
    await page.click('.script-node[data-node="open"] .script-choice[data-target="busy"]');
    assert.ok(!(await page.isVisible('.script-node[data-node="busy"] .say-agent .say-text')));
    // Practice state and revealed lines survive a reload.
    await page.reload();
    assert.ok(await page.isVisible(agentText));
    assert.equal(await page.locator(`${agent} .say-practice textarea`).inputValue(), "您好，我是门店的客服。", "the reply survives a reload");
    assert.ok(!(await page.isVisible('.script-node[data-node="busy"] .say-agent .say-text')));
    await page.click(".script-practice");
    assert.ok(await page.isVisible('.script-node[data-node="busy"] .say-agent .say-text'));
    await ctx.close();
  });

  test("a link to a hidden node (contents, objection table) opens the path to it", async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(urlOf(`scripts/${FOLLOW_UP}`));
    assert.deepEqual(await visibleNodes(page), ["open"]);
    await page.click('.objection-table a[href="#busy"]');
    await page.waitForFunction(() => !document.querySelector('.script-node[data-node="busy"]').hidden);
    assert.deepEqual(await visibleNodes(page), ["open", "busy"]);
    await page.click('.toc a[href="#follow"]');
    await page.waitForFunction(() => !document.querySelector('.script-node[data-node="follow"]').hidden);
    const shown = await visibleNodes(page);
    assert.equal(shown[0], "open");
    assert.equal(shown[shown.length - 1], "follow");
    // Opening the page at #node opens its path too.
    const fresh = await (await context()).newPage();
    await fresh.goto(urlOf(`scripts/${FOLLOW_UP}`) + "#close");
    assert.ok((await visibleNodes(fresh)).includes("close"));
    await fresh.context().close();
    await ctx.close();
  });

  test("without JS every node, choice and the flow map are there as plain HTML", async () => {
    const ctx = await context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(urlOf(`scripts/${FOLLOW_UP}`));
    const total = await page.locator(".script-node").count();
    assert.equal((await visibleNodes(page)).length, total);
    assert.ok(await page.isVisible(".flowmap svg .fm-node"));
    assert.equal(await page.locator(".flowmap .fm-node").count(), total);
    assert.ok(!(await page.isVisible(".script-toolbar")));
    // A choice is an anchor to its node.
    await page.click('.script-choice[data-target="busy"]');
    assert.ok(page.url().endsWith("#busy"));
    await ctx.close();
  });

  test("at 1280 px every flow map fits its column: nothing clipped, no scrolling, no swipe hint", async () => {
    const ctx = await context({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    for (const file of SCRIPTS) {
      await page.goto(urlOf(`scripts/${file}`));
      if (!(await page.$(".flowmap-scroll"))) continue;
      const [scroll, client] = await page.$eval(".flowmap-scroll", (el) => [el.scrollWidth, el.clientWidth]);
      assert.ok(scroll <= client + 1, `${file}: the map is ${scroll}px in a ${client}px column`);
      assert.ok(!(await page.isVisible(".flowmap-swipe")), `${file}: swipe hint shown on a desktop`);
      // Every box lies inside the visible part of the map.
      const outside = await page.$$eval(".flowmap .fm-node rect", (rects) => {
        const frame = document.querySelector(".flowmap-scroll").getBoundingClientRect();
        return rects.map((r) => r.getBoundingClientRect()).filter((b) => b.left < frame.left - 1 || b.right > frame.right + 1).length;
      });
      assert.equal(outside, 0, `${file}: ${outside} boxes clipped`);
    }
    await ctx.close();
  });

  test("the flow map fits a 360 px phone by scrolling, and its boxes open the path", async () => {
    const ctx = await context({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    await page.goto(urlOf(`scripts/${FOLLOW_UP}`));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `page scrolls sideways by ${overflow}px`);
    const box = await page.$eval(".flowmap-scroll", (el) => el.getBoundingClientRect().width);
    assert.ok(box <= 360, `flow map box is ${box}px wide`);
    // When it scrolls sideways it says so (finish.test.mjs has a map that must).
    const wide = await page.$eval(".flowmap-scroll", (el) => el.scrollWidth > el.clientWidth + 1);
    assert.equal(await page.isVisible(".flowmap-swipe"), wide);
    await page.click('.fm-node[data-target="close"]');
    const shown = await visibleNodes(page);
    assert.equal(shown[0], "open");
    assert.equal(shown[shown.length - 1], "close");
    await ctx.close();
  });
});
