// The colour-scheme button (issue 20): 跟随系统 → 浅色 → 深色 in the top bar of
// every page, kept in localStorage from file://, applied before the first
// paint by theme/colour.js; every dark rule (style.css, search.css,
// slides.css, teacher.css, highlight.css) follows the choice; print stays light.
//
//   SITE_DIR=/path/to/site TEACHER_SITE_DIR=/path/to/site-teacher COURSESITE_BIN=target/debug/coursesite \
//     node --test tests/browser/theme.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launchChromium } from "./chromium.mjs";
import { buildCourse, collectingContext, removeCourse, siteUrl } from "./course.mjs";
import { HOOK } from "./timeouts.mjs";

if (!process.env.SITE_DIR) throw new Error("SITE_DIR is not set: build the site and point SITE_DIR at it");
if (!process.env.TEACHER_SITE_DIR) throw new Error("TEACHER_SITE_DIR is not set: build --profile teacher and point it there");
const SITE_DIR = fs.realpathSync(path.resolve(process.env.SITE_DIR));
const TEACHER_DIR = fs.realpathSync(path.resolve(process.env.TEACHER_SITE_DIR));
const inSite = (dir, rel) => pathToFileURL(path.join(dir, rel)).href;
const sample = (rel) => inSite(SITE_DIR, rel);
const lesson = fs
  .readdirSync(path.join(SITE_DIR, "lessons"))
  .filter((f) => f.endsWith(".html") && !f.endsWith(".slides.html") && f !== "index.html")
  .sort()[0];
const deck = fs.readdirSync(path.join(SITE_DIR, "lessons")).filter((f) => f.endsWith(".slides.html")).sort()[0];

// A course of the test's own with highlighted code (the sample has none).
const CODE_PAGE = "# 代码\n\n```rust\n// 注释\nfn main() { let s = \"字符串\"; println!(\"{}\", 42); }\n```\n\n```python\ndef f(x):\n    return x + 1  # 注释\n```\n";

let dir;
let browser;
const errors = [];
before(async () => {
  dir = buildCourse("theme", {
    "course.toml": 'title = "配色"\n',
    "content/index.md": "# 首页\n\n见 [代码](code.md)。\n",
    "content/code.md": CODE_PAGE,
  });
  browser = await launchChromium();
}, HOOK);
after(async () => {
  if (browser) await browser.close();
  removeCourse(dir);
  assert.deepEqual(errors, [], "no script errors");
});

/** A new context (light or dark system) whose pages record what <html
    data-theme> held when the body began and at DOMContentLoaded, and the
    background colour of the first frame. */
async function context(colorScheme, options = {}) {
  const ctx = await collectingContext(browser, errors, { viewport: { width: 1280, height: 900 }, colorScheme, ...options });
  await ctx.addInitScript(() => {
    const seen = (window.__theme = { atBody: "unset", atReady: "unset" });
    const attr = () => document.documentElement && document.documentElement.getAttribute("data-theme");
    new MutationObserver((_, obs) => {
      if (document.body) {
        seen.atBody = attr();
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
    document.addEventListener("DOMContentLoaded", () => { seen.atReady = attr(); });
    // The first frame (rendering waits for the stylesheets): the colours it paints.
    requestAnimationFrame(() => {
      seen.bgAtFirstFrame = getComputedStyle(document.documentElement).getPropertyValue("--bg").trim();
    });
  });
  return ctx;
}

// Luminance of a computed colour (through a canvas: any CSS colour syntax).
const looks = (page) =>
  page.evaluate(() => {
    const cv = document.createElement("canvas");
    cv.width = cv.height = 1;
    const g = cv.getContext("2d", { willReadFrequently: true });
    const lum = (css) => {
      g.clearRect(0, 0, 1, 1);
      g.fillStyle = "#000";
      g.fillStyle = css;
      g.fillRect(0, 0, 1, 1);
      const lin = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      const [r, gg, b] = g.getImageData(0, 0, 1, 1).data;
      return 0.2126 * lin(r) + 0.7152 * lin(gg) + 0.0722 * lin(b);
    };
    const body = getComputedStyle(document.body);
    return {
      theme: document.documentElement.getAttribute("data-theme"),
      bg: lum(body.backgroundColor),
      text: lum(body.color),
      scheme: getComputedStyle(document.documentElement).colorScheme,
    };
  });
const isDark = (l) => l.bg < 0.1 && l.text > 0.35;
const isLight = (l) => l.bg > 0.6 && l.text < 0.2;
const button = (page) => page.locator(".topbar .theme-toggle");
const nameOf = (page) => button(page).getAttribute("aria-label");

/** Press the button until the page's scheme is `want` (at most three presses). */
async function choose(page, want) {
  for (let i = 0; i < 3 && (await page.getAttribute("html", "data-theme")) !== want; i++) await button(page).click();
  assert.equal(await page.getAttribute("html", "data-theme"), want);
}

/** Colours of every element matching `selector` (the first 40). */
const colours = (page, selector) =>
  page.$$eval(selector, (els) =>
    els.slice(0, 40).map((e) => {
      const s = getComputedStyle(e);
      return `${s.color} on ${s.backgroundColor}`;
    }),
  );

describe("the colour-scheme button", () => {
  test("under a light system, 深色 makes the page dark; it survives a reload and a new page from file://, set before the first paint", async () => {
    const ctx = await context("light");
    const page = await ctx.newPage();
    await page.goto(sample(`lessons/${lesson}`));
    assert.ok(isLight(await looks(page)), "light to begin with");
    assert.equal(await nameOf(page), "配色：跟随系统");
    await button(page).click();
    assert.equal(await nameOf(page), "配色：浅色");
    assert.ok(isLight(await looks(page)));
    await button(page).click();
    assert.equal(await nameOf(page), "配色：深色");
    const now = await looks(page);
    assert.ok(isDark(now), `dark after choosing 深色: ${JSON.stringify(now)}`);
    assert.equal(now.scheme, "dark", "form controls and scroll bars dark too");
    await page.reload();
    assert.ok(isDark(await looks(page)), "dark after a reload");
    assert.equal(await nameOf(page), "配色：深色", "the button says so after a reload");
    for (const rel of ["index.html", "search.html", "glossary.html"]) {
      await page.goto(sample(rel));
      assert.ok(isDark(await looks(page)), `${rel} dark`);
      const seen = await page.evaluate(() => window.__theme);
      assert.equal(seen.atBody, "dark", `${rel}: data-theme set before the body is parsed`);
      assert.equal(seen.atReady, "dark", `${rel}: data-theme set at DOMContentLoaded`);
      assert.equal(seen.bgAtFirstFrame, "#14171c", `${rel}: the first frame is dark`);
    }
    // The search drop-down and the search page's own button follow it too.
    await page.goto(`${sample("search.html")}?q=${encodeURIComponent("客户")}`);
    await page.waitForSelector(".search-results .search-hit mark");
    assert.deepEqual(await colours(page, ".search-results mark").then((c) => c[0]), "rgb(255, 246, 213) on rgb(107, 83, 16)");
    await ctx.close();
  });

  test("under a dark system, 浅色 makes every page light: highlighted code, the search page, the figures", async () => {
    const dark = await context("dark");
    const light = await context("light");
    const [pd, pl] = [await dark.newPage(), await light.newPage()];
    await pd.goto(siteUrl(dir, "code.html"));
    await pl.goto(siteUrl(dir, "code.html"));
    assert.ok(isDark(await looks(pd)), "dark system: dark page");
    const code = "pre.code, pre.code span";
    const darkCode = await colours(pd, code);
    const lightCode = await colours(pl, code);
    assert.ok(lightCode.length > 5, "highlighted tokens");
    assert.notDeepEqual(darkCode, lightCode, "the code's colours differ between the schemes");
    await choose(pd, "light");
    assert.equal(await nameOf(pd), "配色：浅色");
    assert.ok(isLight(await looks(pd)), "light chosen under a dark system");
    assert.equal((await looks(pd)).scheme, "light");
    assert.deepEqual(await colours(pd, code), lightCode, "code as under a light system");
    // 深色 under the light system gives the dark system's code colours.
    await choose(pl, "dark");
    assert.deepEqual(await colours(pl, code), darkCode, "code as under a dark system");
    // The choice holds on the search page and the lesson (its figures lose their card).
    const parts = ".topbar, .search-input, .search-page-input, .search-page-form button, .page-header h1";
    const fresh = await (await context("light")).newPage();
    for (const rel of ["search.html", `lessons/${lesson}`]) {
      await pd.goto(sample(rel));
      await fresh.goto(sample(rel));
      assert.ok(isLight(await looks(pd)), `${rel} light`);
      assert.deepEqual(await colours(pd, parts), await colours(fresh, parts), `${rel}: as under a light system`);
    }
    await dark.close();
    await light.close();
    await fresh.context().close();
  });

  test("跟随系统 follows the system, also when it changes while the page is open", async () => {
    const ctx = await context("dark");
    const page = await ctx.newPage();
    await page.goto(sample("index.html"));
    assert.equal(await page.getAttribute("html", "data-theme"), "system");
    assert.ok(isDark(await looks(page)));
    await page.emulateMedia({ colorScheme: "light" });
    assert.ok(isLight(await looks(page)), "light when the system turns light");
    // Round the cycle: 浅色, 深色, back to 跟随系统 (which forgets the choice).
    await choose(page, "dark");
    assert.ok(isDark(await looks(page)), "深色 under a light system");
    await button(page).click();
    assert.equal(await nameOf(page), "配色：跟随系统");
    assert.ok(isLight(await looks(page)), "back to the (light) system");
    assert.equal(await page.evaluate(() => localStorage.getItem("coursesite:theme")), null);
    await page.reload();
    await page.emulateMedia({ colorScheme: "dark" });
    assert.ok(isDark(await looks(page)), "system again after a reload");
    await ctx.close();
  });

  test("a choice made in one tab is taken up by the others; without scripts there is no button and the system decides", async () => {
    const ctx = await context("light");
    const [a, b] = [await ctx.newPage(), await ctx.newPage()];
    await a.goto(sample("index.html"));
    await b.goto(sample(`lessons/${lesson}`));
    await choose(a, "dark");
    await b.waitForFunction(() => document.documentElement.getAttribute("data-theme") === "dark");
    assert.ok(isDark(await looks(b)), "the other tab turned dark");
    assert.equal(await nameOf(b), "配色：深色");
    await ctx.close();
    for (const colorScheme of ["light", "dark"]) {
      const off = await context(colorScheme, { javaScriptEnabled: false });
      const page = await off.newPage();
      await page.goto(sample(`lessons/${lesson}`));
      assert.equal(await button(page).isVisible(), false, "no button that could do nothing");
      assert.ok((colorScheme === "dark" ? isDark : isLight)(await looks(page)), `${colorScheme} system without scripts`);
      await off.close();
    }
  });

  test("the button works from the keyboard, is a 44 px target and fits the top bar at 1280 and 360 px", async () => {
    for (const width of [1280, 360]) {
      const ctx = await context("light", { viewport: { width, height: 780 } });
      const page = await ctx.newPage();
      await page.goto(sample(`lessons/${lesson}`));
      const b = button(page);
      const box = await b.boundingBox();
      assert.ok(box.width >= 44 && box.height >= 44, `${width}px: ${box.width}×${box.height}`);
      assert.ok(box.x >= 0 && box.x + box.width <= width, `${width}px: inside the window (${box.x}+${box.width})`);
      const search = await page.locator(".topbar .search").boundingBox();
      assert.ok(search.x + search.width <= box.x, `${width}px: the search box ends before the button`);
      const icons = await page.$$eval(".topbar .theme-icon", (is) => is.filter((i) => i.getBoundingClientRect().width > 0).length);
      assert.equal(icons, 1, "one icon shown");
      await b.focus();
      await page.keyboard.press("Enter");
      assert.equal(await nameOf(page), "配色：浅色");
      await page.keyboard.press("Space");
      assert.equal(await nameOf(page), "配色：深色");
      assert.ok(isDark(await looks(page)));
      const role = await page.getByRole("button", { name: "配色：深色" }).count();
      assert.equal(role, 1, "found by its role and name");
      await ctx.close();
    }
  });

  test("a slide deck follows the stored choice and has the button in its toolbar; print stays light", async () => {
    const ctx = await context("light");
    const page = await ctx.newPage();
    await page.goto(sample(`lessons/${deck}`));
    const deckBg = () => page.$eval(".deck-body", (b) => getComputedStyle(b).backgroundColor);
    const slideBg = () => page.$eval(".slide", (s) => getComputedStyle(s).backgroundColor);
    const [lightDeck, lightSlide] = [await deckBg(), await slideBg()];
    await page.goto(sample(`lessons/${lesson}`));
    await choose(page, "dark");
    await page.goto(sample(`lessons/${deck}`));
    assert.equal(await page.evaluate(() => window.__theme.atBody), "dark");
    assert.equal(await deckBg(), "rgb(0, 0, 0)", "the deck's dark backdrop");
    assert.notEqual(await slideBg(), lightSlide, "the slide is dark");
    const toggle = page.locator(".deck-chrome .theme-toggle");
    assert.equal(await toggle.getAttribute("aria-label"), "配色：深色");
    await toggle.click(); // 深色 → 跟随系统 (light here)
    assert.equal(await deckBg(), lightDeck);
    await toggle.click(); // → 浅色
    await toggle.click(); // → 深色
    await page.goto(sample(`lessons/${lesson}`));
    await page.emulateMedia({ media: "print" });
    assert.ok(isLight(await looks(page)), "a page prints light with 深色 chosen");
    await ctx.close();
  });

  test("the teacher's edition: the badge and teacher-only styles follow the choice", async () => {
    const teacherLesson = fs.readdirSync(path.join(TEACHER_DIR, "lessons")).find((f) => f === lesson);
    assert.ok(teacherLesson, "the teacher's edition has the lesson");
    const badge = (page) => page.$eval(".teacher-badge", (b) => getComputedStyle(b).backgroundColor);
    const ctx = await context("light");
    const page = await ctx.newPage();
    await page.goto(inSite(TEACHER_DIR, `lessons/${lesson}`));
    assert.equal(await badge(page), "rgb(180, 83, 9)");
    await choose(page, "dark");
    assert.ok(isDark(await looks(page)));
    assert.equal(await badge(page), "rgb(245, 158, 11)", "the dark badge under a light system");
    const dark = await context("dark");
    const pd = await dark.newPage();
    await pd.goto(inSite(TEACHER_DIR, `lessons/${lesson}`));
    assert.equal(await badge(pd), "rgb(245, 158, 11)");
    await choose(pd, "light");
    assert.ok(isLight(await looks(pd)));
    assert.equal(await badge(pd), "rgb(180, 83, 9)", "the light badge under a dark system");
    await ctx.close();
    await dark.close();
  });
});
