// axe-core on the states that exist only after a click or a key (phone menu
// open, search drop-down, search page, a deck's slide 2 and overview) in both
// student's editions, and a check that the axe harness catches what it must.
// quality-common.mjs has the setup.
//
//   SITE_DIR=… TEACHER_SITE_DIR=… node --test --test-reporter=spec tests/browser/quality-interactive.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { axeFindings, browser, sites, summary, useSites } from "./quality-common.mjs";
import { SLOW } from "./timeouts.mjs";

useSites(["zh", "en"]);

describe("axe-core: 0 serious or critical violations", () => {
  // The harness itself: a page with faint text and an unlabelled box must be caught,
  // in both colour schemes, or the zeros below would prove nothing.
  test("the harness reports a known contrast and label failure", async () => {
    for (const colorScheme of ["light", "dark"]) {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      await page.setContent('<!DOCTYPE html><html lang="en"><head><title>t</title><style>body { background: #fff } p { color: #ccc } @media (prefers-color-scheme: dark) { body { background: #000 } p { color: #333 } }</style></head><body><main><p>faint text</p><input type="checkbox"></main></body></html>');
      const found = (await axeFindings(page, colorScheme)).join("\n");
      assert.match(found, /color-contrast/, `${colorScheme}: ${found}`);
      assert.match(found, /\blabel\b/, `${colorScheme}: ${found}`);
      await context.close();
    }
  });

  // The states that only exist after a click or a key: the phone layout with
  // the menu drawer open, the search drop-down with results, a deck's second slide and overview.
  for (const colorScheme of ["light", "dark"]) {
    test(`interactive states, ${colorScheme} mode`, SLOW, async () => {
      const findings = [];
      for (const site of sites.filter((s) => !s.teacher)) {
        const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, colorScheme, reducedMotion: "reduce", hasTouch: true, isMobile: true });
        let page = await phone.newPage();
        await page.goto(pathToFileURL(path.join(site.dir, "lessons/index.html")).href, { waitUntil: "load" });
        findings.push(...(await axeFindings(page, `${site.lang} ${colorScheme} 360px lessons/index.html`)));
        await page.click(".menu-toggle");
        assert.ok(await page.evaluate(() => document.body.classList.contains("nav-open")), "the menu drawer opens");
        findings.push(...(await axeFindings(page, `${site.lang} ${colorScheme} 360px menu open`)));
        await phone.close();

        const desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme, reducedMotion: "reduce" });
        page = await desk.newPage();
        await page.goto(pathToFileURL(path.join(site.dir, "index.html")).href, { waitUntil: "load" });
        await page.focus(".search-input");
        await page.keyboard.type("客户");
        await page.waitForFunction(() => document.querySelectorAll("#search-popup [role=option]").length > 0, null, { timeout: 10_000 });
        await page.keyboard.press("ArrowDown");
        findings.push(...(await axeFindings(page, `${site.lang} ${colorScheme} search drop-down`)));
        await page.goto(pathToFileURL(path.join(site.dir, "search.html")).href + "?q=" + encodeURIComponent("客户"), { waitUntil: "load" });
        await page.waitForFunction(() => document.querySelectorAll(".search-page a").length > 0, null, { timeout: 10_000 });
        findings.push(...(await axeFindings(page, `${site.lang} ${colorScheme} search.html?q=客户`)));
        const deck = site.pages.find((p) => p.endsWith(".slides.html"));
        await page.goto(pathToFileURL(path.join(site.dir, deck)).href, { waitUntil: "load" });
        await page.keyboard.press("ArrowRight");
        findings.push(...(await axeFindings(page, `${site.lang} ${colorScheme} ${deck} slide 2`)));
        await page.keyboard.press("o");
        findings.push(...(await axeFindings(page, `${site.lang} ${colorScheme} ${deck} overview`)));
        await desk.close();
      }
      assert.equal(findings.length, 0, `${findings.length} axe findings:\n${summary(findings)}`);
    });
  }
});
