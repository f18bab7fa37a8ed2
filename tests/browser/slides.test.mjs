// Browser tests for slide decks (issue 6): keys, swipe and click zones move the
// counter, the hash survives a reload, the overview jumps, the presenter window
// and the audience window follow each other, fragments appear one by one,
// auto-fit leaves no slide overflowing, notes stay off the audience deck, and
// printing gives an A4 handout with three slides a page. Headless Chromium,
// file:// URLs, no server.
//
//   SITE_DIR=/path/to/built/site node --test --test-reporter=spec tests/browser/slides.test.mjs
//
// SITE_DIR must hold the built sample course. CHROMIUM_PATH overrides the
// browser (default: /usr/bin/chromium).

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
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
const SITE_DIR = fs.realpathSync(path.resolve(process.env.SITE_DIR));
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!fs.existsSync(CHROMIUM_PATH)) {
  throw new Error(`Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
}

const DECKS = listHtml(SITE_DIR).filter((p) => p.endsWith(".slides.html"));
if (DECKS.length === 0) throw new Error(`SITE_DIR=${SITE_DIR} has no *.slides.html: build the sample course`);
// The sample lesson with speaker notes, a fragment list and a link to a case.
const DECK = DECKS.find((d) => d.includes("03-")) || DECKS[0];
const urlOf = (rel) => pathToFileURL(path.join(SITE_DIR, rel)).href;
// Speaker notes are teacher material: only the teacher's edition carries them.
if (!process.env.TEACHER_SITE_DIR) {
  throw new Error("TEACHER_SITE_DIR is not set: build the teacher's edition too (coursesite build --profile teacher --out DIR)");
}
const TEACHER_SITE_DIR = fs.realpathSync(path.resolve(process.env.TEACHER_SITE_DIR));
const deckUrl = (hash = "") => urlOf(DECK) + hash;

let browser;
const scriptErrors = [];
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  if (browser) await browser.close();
});

async function newContext(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: "reduce", ...options });
  context.setDefaultTimeout(10_000);
  context.on("page", (page) => page.on("pageerror", (err) => scriptErrors.push(`${page.url()}: ${err}`)));
  return context;
}

async function openDeck(context, hash = "#1", site = SITE_DIR) {
  const page = await context.newPage();
  page.on("pageerror", (err) => scriptErrors.push(`${page.url()}: ${err}`));
  await page.goto(pathToFileURL(path.join(site, DECK)).href + hash, { waitUntil: "load" });
  await page.waitForFunction(() => document.documentElement.dataset.fitted === "1");
  return page;
}

const counter = (page) => page.locator(".stage .deck-current").textContent();
const total = (page) => page.evaluate(() => document.querySelectorAll(".stage .slide-wrap").length);

/** Poll fn() until pred(value) holds; fail with the last value otherwise. */
async function waitUntil(fn, pred, what, timeout = 4000) {
  const end = Date.now() + timeout;
  let value;
  for (;;) {
    value = await fn();
    if (pred(value)) return value;
    if (Date.now() > end) assert.fail(`timed out after ${timeout} ms waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// The index of the first slide at or after `from` without fragments.
const plainSlide = (page) =>
  page.evaluate(() => [...document.querySelectorAll(".stage .slide")].findIndex((s) => !s.querySelector("[data-fragments]")));

// ------------------------------------------------------------ navigation ---

describe("navigation", () => {
  let context;
  before(async () => {
    context = await newContext({ hasTouch: true });
  });
  after(async () => {
    await context.close();
  });

  test("keys move the counter: → ← Space PageDown PageUp Home End", async () => {
    const page = await openDeck(context);
    const n = await total(page);
    assert.ok(n > 5, `deck has ${n} slides`);
    assert.equal(await page.locator(".stage .deck-total").textContent(), String(n));
    assert.equal(await counter(page), "1");
    await page.keyboard.press("ArrowRight");
    assert.equal(await counter(page), "2");
    await page.keyboard.press("Space");
    assert.equal(await counter(page), "3");
    await page.keyboard.press("PageDown");
    assert.equal(await counter(page), "4");
    await page.keyboard.press("ArrowLeft");
    assert.equal(await counter(page), "3");
    await page.keyboard.press("PageUp");
    assert.equal(await counter(page), "2");
    await page.keyboard.press("End");
    assert.equal(await counter(page), String(n));
    assert.equal(new URL(page.url()).hash, `#${n}`);
    await page.keyboard.press("Home");
    assert.equal(await counter(page), "1");
    // Only the current slide is visible.
    const visible = await page.evaluate(() =>
      [...document.querySelectorAll(".stage .slide-wrap")].filter((w) => getComputedStyle(w).visibility === "visible").length,
    );
    assert.equal(visible, 1);
    await page.close();
  });

  test("a swipe left goes forward, right goes back; click zones do the same", async () => {
    const page = await openDeck(context);
    const swipe = (from, to) =>
      page.evaluate(
        ([a, b]) => {
          const vp = document.querySelector(".viewport");
          const touch = (x) => new Touch({ identifier: 1, target: vp, clientX: x, clientY: 300 });
          vp.dispatchEvent(new TouchEvent("touchstart", { touches: [touch(a)], changedTouches: [touch(a)], bubbles: true, cancelable: true }));
          vp.dispatchEvent(new TouchEvent("touchend", { touches: [], changedTouches: [touch(b)], bubbles: true, cancelable: true }));
        },
        [from, to],
      );
    await swipe(900, 400);
    assert.equal(await counter(page), "2");
    await swipe(900, 400);
    assert.equal(await counter(page), "3");
    await swipe(300, 900);
    assert.equal(await counter(page), "2");
    // A short, vertical move is no swipe.
    await swipe(500, 480);
    assert.equal(await counter(page), "2");
    await page.mouse.click(1100, 400);
    assert.equal(await counter(page), "3");
    await page.mouse.click(100, 400);
    assert.equal(await counter(page), "2");
    await page.close();
  });

  test("#5 opens slide 5 and survives a reload", async () => {
    const page = await openDeck(context, "#5");
    assert.equal(await counter(page), "5");
    await page.reload({ waitUntil: "load" });
    await page.waitForFunction(() => document.documentElement.dataset.fitted === "1");
    assert.equal(await counter(page), "5");
    const current = await page.evaluate(() => [...document.querySelectorAll(".stage .slide-wrap")].findIndex((w) => w.classList.contains("is-current")));
    assert.equal(current, 4);
    // Moving on rewrites the hash, so a reload keeps the new place.
    await page.keyboard.press("ArrowRight");
    assert.equal(new URL(page.url()).hash, "#6");
    await page.reload({ waitUntil: "load" });
    assert.equal(await counter(page), "6");
    await page.close();
  });

  test("O opens the overview, a click on a slide jumps to it; Esc toggles it too", async () => {
    const page = await openDeck(context);
    const n = await total(page);
    await page.keyboard.press("o");
    await page.locator(".overview").waitFor({ state: "visible" });
    assert.equal(await page.locator(".overview .thumb").count(), n);
    // Thumbnails are whole slides, scaled down inside their cell.
    const box = await page.locator(".overview .thumb").nth(6).boundingBox();
    assert.ok(box.width > 150 && box.height > 80, JSON.stringify(box));
    await page.locator(".overview .thumb").nth(6).click();
    await page.locator(".overview").waitFor({ state: "hidden" });
    assert.equal(await counter(page), "7");
    await page.keyboard.press("Escape");
    await page.locator(".overview").waitFor({ state: "visible" });
    assert.equal(await page.locator(".overview .thumb.is-current").getAttribute("data-index"), "6");
    await page.keyboard.press("Escape");
    await page.locator(".overview").waitFor({ state: "hidden" });
    assert.equal(await counter(page), "7");
    // Keyboard: arrows move between thumbnails, Enter opens one.
    await page.keyboard.press("o");
    await page.locator(".overview").waitFor({ state: "visible" });
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await page.locator(".overview").waitFor({ state: "hidden" });
    assert.equal(await counter(page), "9");
    await page.close();
  });

  test("B blanks the screen and B again brings it back", async () => {
    const page = await openDeck(context);
    await page.keyboard.press("b");
    assert.equal(await page.locator(".deck-blank").isVisible(), true);
    await page.keyboard.press("b");
    assert.equal(await page.locator(".deck-blank").isVisible(), false);
    await page.close();
  });

  test("F asks for fullscreen, and F again leaves it", async () => {
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__fullscreen = [];
      Element.prototype.requestFullscreen = function () {
        window.__fullscreen.push("enter");
        Object.defineProperty(document, "fullscreenElement", { value: this, configurable: true });
        return Promise.resolve();
      };
      document.exitFullscreen = function () {
        window.__fullscreen.push("exit");
        Object.defineProperty(document, "fullscreenElement", { value: null, configurable: true });
        return Promise.resolve();
      };
    });
    await page.goto(deckUrl("#1"), { waitUntil: "load" });
    await page.keyboard.press("f");
    await page.keyboard.press("f");
    assert.deepEqual(await page.evaluate(() => window.__fullscreen), ["enter", "exit"]);
    await page.close();
  });

  test("?print opens the print dialog (the handout)", async () => {
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__printed = 0;
      window.print = () => { window.__printed++; };
    });
    await page.goto(urlOf(DECK) + "?print", { waitUntil: "load" });
    await waitUntil(() => page.evaluate(() => window.__printed), (n) => n === 1, "window.print()");
    await page.close();
  });

  test("glossary tooltips and images work on slides", async () => {
    const page = await openDeck(context);
    const index = await page.evaluate(() => [...document.querySelectorAll(".stage .slide")].findIndex((s) => s.querySelector("a.term")));
    assert.ok(index > 0, "a slide with a glossary term");
    await page.goto(deckUrl(`#${index + 1}`));
    await page.reload({ waitUntil: "load" });
    const term = page.locator(".stage .slide-wrap.is-current a.term").first();
    await term.hover();
    const tip = page.locator(".term-tip");
    await tip.waitFor({ state: "visible" });
    assert.equal(await tip.locator(".term-tip-title").textContent(), await term.textContent());
    // The definition, from the shared terms.js the deck loads.
    const def = await term.evaluate((a) => (window.coursesiteTerms || {})[decodeURIComponent(a.hash.slice(1))] || "");
    assert.ok(def.trim(), "terms.js holds the term's definition");
    assert.ok((await tip.textContent()).includes(def), "the tooltip shows it");
    // The tip sits just under the term, on screen.
    const [t, b] = [await term.boundingBox(), await tip.boundingBox()];
    assert.ok(b.y >= t.y + t.height - 1 && b.y < t.y + t.height + 40, `${JSON.stringify(t)} ${JSON.stringify(b)}`);
    // Images (the sample's SVG figures) load from the deck's folder.
    const other = DECKS.find((d) => fs.readFileSync(path.join(SITE_DIR, d), "utf8").includes("<img"));
    assert.ok(other, "a deck with an image");
    await page.goto(urlOf(other) + "#1", { waitUntil: "load" });
    const sizes = await page.evaluate(() => [...document.querySelectorAll(".stage img")].map((i) => i.naturalWidth));
    assert.ok(sizes.length > 0 && sizes.every((w) => w > 0), JSON.stringify(sizes));
    await page.close();
  });

  test("fragments: items of a + list appear one by one before the next slide", async () => {
    const page = await openDeck(context);
    const index = await page.evaluate(() => [...document.querySelectorAll(".stage .slide")].findIndex((s) => s.querySelector("[data-fragments]")));
    assert.ok(index > 0, "the sample lesson has a fragment list");
    await page.goto(deckUrl(`#${index}`));
    await page.reload({ waitUntil: "load" });
    await page.keyboard.press("ArrowRight");
    assert.equal(await counter(page), String(index + 1));
    const hiddenItems = () =>
      page.evaluate((i) => {
        const items = [...document.querySelectorAll(".stage .slide")[i].querySelectorAll("[data-fragments] > li")];
        return items.map((li) => getComputedStyle(li).visibility === "hidden");
      }, index);
    const items = (await hiddenItems()).length;
    assert.ok(items >= 2);
    assert.ok((await hiddenItems()).every(Boolean), "all items hidden at first");
    for (let k = 1; k <= items; k++) {
      await page.keyboard.press("ArrowRight");
      assert.equal(await counter(page), String(index + 1), "still on the same slide");
      assert.equal((await hiddenItems()).filter((h) => !h).length, k);
    }
    await page.keyboard.press("ArrowRight");
    assert.equal(await counter(page), String(index + 2));
    // Going back shows the slide with every item.
    await page.keyboard.press("ArrowLeft");
    assert.equal(await counter(page), String(index + 1));
    assert.ok((await hiddenItems()).every((h) => !h));
    await page.close();
  });
});

// ------------------------------------------------------- presenter view ---

describe("presenter view", () => {
  let context;
  before(async () => {
    context = await newContext({ viewport: { width: 1280, height: 800 } });
  });
  after(async () => {
    await context.close();
  });

  test("the students' edition has no speaker notes, even in the presenter view", async () => {
    const audience = await openDeck(context, "#2");
    const [presenter] = await Promise.all([context.waitForEvent("page"), audience.keyboard.press("p")]);
    await presenter.waitForLoadState("load");
    await presenter.waitForFunction(() => document.body.classList.contains("presenter"));
    assert.equal((await presenter.locator(".pv-notes").textContent()).trim(), "（本页无讲稿）");
    await presenter.close();
    await audience.close();
  });

  test("P opens a presenter window that follows the audience window and vice versa (teacher's edition)", async () => {
    const audience = await openDeck(context, "#1", TEACHER_SITE_DIR);
    const [presenter] = await Promise.all([context.waitForEvent("page"), audience.keyboard.press("p")]);
    await presenter.waitForLoadState("load");
    await presenter.waitForFunction(() => document.body.classList.contains("presenter") && document.documentElement.dataset.fitted === "1");
    const n = await total(audience);
    const pvCount = () => presenter.locator(".pv-count").textContent();
    assert.equal(await pvCount(), `1 / ${n}`);
    // The presenter view shows the next slide, a clock, elapsed time and the step.
    assert.equal(await presenter.locator(".pv-next .slide").count(), 1);
    assert.match(await presenter.locator(".pv-clock").textContent(), /^\d\d:\d\d:\d\d$/);
    assert.match(await presenter.locator(".pv-elapsed").textContent(), /^\d\d:\d\d$/);
    assert.match(await presenter.locator(".pv-step").textContent(), /步骤一 组织教学.*5 分钟/);

    // Audience → presenter.
    await audience.keyboard.press("ArrowRight");
    await waitUntil(pvCount, (v) => v === `2 / ${n}`, "the presenter to follow to slide 2");
    // Slide 2 (步骤一 组织教学) has speaker notes: shown here only.
    assert.match(await presenter.locator(".pv-notes").textContent(), /点名/);
    assert.equal(await audience.getByText("点名，检查上次作业").isVisible().catch(() => false), false);
    // Presenter → audience.
    await presenter.keyboard.press("ArrowRight");
    await waitUntil(() => counter(audience), (v) => v === "3", "the audience to follow to slide 3");
    assert.equal(await pvCount(), `3 / ${n}`);
    // Slide 3 sits under 步骤二 案例导入, planned at 15 minutes (minutes 5–20).
    assert.match(await presenter.locator(".pv-step").textContent(), /步骤二 案例导入.*15 分钟.*5–20/);
    await presenter.keyboard.press("ArrowRight");
    await waitUntil(() => counter(audience), (v) => v === "4", "the audience to follow to slide 4");
    assert.match(await presenter.locator(".pv-step").textContent(), /步骤三 新课讲解.*135 分钟/);
    assert.match(await presenter.locator(".pv-status").textContent(), /提前|落后|按计划/);
    await presenter.close();
    await audience.close();
  });

  test("the presenter view says how far behind the plan the lesson is", async () => {
    const page = await context.newPage();
    // Class started 30 minutes ago; slide 3 belongs to 步骤二 (planned for minutes 5–20).
    await page.addInitScript(() => {
      sessionStorage.setItem("coursesite-deck:" + location.pathname + ":start", String(Date.now() - 30 * 60000));
    });
    await page.goto(urlOf(DECK) + "?presenter#3", { waitUntil: "load" });
    assert.match(await page.locator(".pv-elapsed").textContent(), /^3\d:\d\d$/);
    assert.equal(await page.locator(".pv-status").textContent(), "落后 10 分钟");
    assert.match(await page.locator(".pv-status").getAttribute("class"), /behind/);
    await page.close();
  });

  test("the sync also works through localStorage alone (no BroadcastChannel)", async () => {
    const ctx = await newContext();
    await ctx.addInitScript(() => {
      delete window.BroadcastChannel;
    });
    const a = await ctx.newPage();
    const b = await ctx.newPage();
    await a.goto(deckUrl("#1"), { waitUntil: "load" });
    await b.goto(deckUrl("#1") .replace("#1", "?presenter#1"), { waitUntil: "load" });
    await a.keyboard.press("ArrowRight");
    await waitUntil(() => counter(b), (v) => v === "2", "the second window to follow");
    await b.keyboard.press("ArrowRight");
    await waitUntil(() => counter(a), (v) => v === "3", "the first window to follow back");
    await ctx.close();
  });
});

// ------------------------------------------------------------- auto-fit ---

describe("auto-fit", () => {
  for (const viewport of [{ width: 1280, height: 720 }, { width: 1024, height: 768 }]) {
    test(`no slide of any deck overflows at ${viewport.width}×${viewport.height}`, async () => {
      const context = await newContext({ viewport });
      const problems = [];
      let slides = 0;
      for (const deck of DECKS) {
        const page = await context.newPage();
        await page.goto(urlOf(deck) + "#1", { waitUntil: "load" });
        await page.waitForFunction(() => document.documentElement.dataset.fitted === "1");
        const result = await page.evaluate(() => {
          const stage = document.querySelector(".stage").getBoundingClientRect();
          const out = { stage: [stage.left, stage.top, stage.right, stage.bottom], bad: [], n: 0 };
          document.querySelectorAll(".stage .slide").forEach((s, i) => {
            const body = s.querySelector(".slide-body");
            out.n++;
            if (body.scrollHeight > body.clientHeight + 1 || body.scrollWidth > body.clientWidth + 1 || s.dataset.fit === "overfull") {
              out.bad.push(`slide ${i + 1}: ${body.scrollWidth}×${body.scrollHeight} in ${body.clientWidth}×${body.clientHeight} (${s.dataset.fit || ""})`);
            }
            if (s.scrollHeight > s.clientHeight + 1) out.bad.push(`slide ${i + 1}: the slide itself overflows`);
          });
          return out;
        });
        slides += result.n;
        problems.push(...result.bad.map((b) => `${deck} ${b}`));
        // The 16:9 stage sits inside the window.
        const [l, t, r, b] = result.stage;
        assert.ok(l >= -1 && t >= -1 && r <= viewport.width + 1 && b <= viewport.height + 1, `${deck}: stage ${result.stage}`);
        await page.close();
      }
      assert.deepEqual(problems, []);
      assert.ok(slides > 50, `${slides} slides checked`);
      await context.close();
    });
  }
});

describe("auto-fit limits", () => {
  test("text shrinks to fit; a slide too full even at 18 px is zoomed out whole, never clipped", async () => {
    const context = await newContext();
    const page = await openDeck(context);
    const result = await page.evaluate(() => {
      const slides = document.querySelectorAll(".stage .slide");
      const grow = (slide, n) => {
        const inner = slide.querySelector(".slide-inner");
        for (let i = 0; i < n; i++) {
          const p = document.createElement("p");
          p.textContent = "客户服务是企业选择合适的时机和场所，用合适的方式把合适的产品送到客户手中。";
          inner.appendChild(p);
        }
      };
      grow(slides[1], 12);
      grow(slides[2], 80);
      window.coursesiteSlides.refit();
      return [1, 2].map((i) => {
        const s = slides[i];
        const body = s.querySelector(".slide-body");
        return {
          fit: s.dataset.fit,
          font: parseFloat(body.style.fontSize),
          fits: body.scrollHeight <= body.clientHeight + 1 && body.scrollWidth <= body.clientWidth + 1,
        };
      });
    });
    assert.equal(result[0].fit, "shrunk");
    assert.ok(result[0].font >= 18 && result[0].font < 30, JSON.stringify(result[0]));
    assert.ok(result[0].fits);
    assert.equal(result[1].fit, "overfull");
    assert.equal(result[1].font, 18);
    assert.ok(result[1].fits, "the overfull slide is zoomed out to fit, not clipped");
    await context.close();
  });
});

// ---------------------------------------------------------------- content ---

describe("deck content", () => {
  test("links resolve from the deck's folder, notes stay off the audience deck, the page links its deck", async () => {
    const context = await newContext();
    const page = await openDeck(context);
    const hrefs = await page.evaluate(() =>
      [...document.querySelectorAll(".stage a[href]")].map((a) => a.href).filter((h) => h.startsWith("file:")),
    );
    assert.ok(hrefs.length > 0, "the deck links somewhere");
    const missing = hrefs.filter((h) => !fs.existsSync(fileURLToPath(h.split("#")[0])));
    assert.deepEqual(missing, []);
    assert.ok(hrefs.some((h) => h.includes("/cases/")), "a link to a case");
    // Glossary terms keep their tooltip.
    const term = page.locator(".stage a.term").first();
    assert.ok((await term.count()) > 0);
    assert.equal(await page.locator(".slide-notes").first().isVisible(), false);
    // The lesson page: a 放映幻灯片 link to the deck, and no notes.
    const lesson = DECK.replace(/\.slides\.html$/, ".html");
    await page.goto(urlOf(lesson));
    const link = page.locator(".deck-link a");
    assert.equal(await link.textContent(), "▶ 放映幻灯片");
    assert.equal(stripHash(await link.evaluate((a) => a.href)), urlOf(DECK));
    assert.equal(await page.getByText("点名，检查上次作业").count(), 0);
    await context.close();
  });
});

function stripHash(u) {
  return u.split("#")[0];
}

// ----------------------------------------------------------------- print ---

describe("print", () => {
  test("chromium --print-to-pdf gives an A4 handout, three slides a page", async () => {
    const html = fs.readFileSync(path.join(SITE_DIR, DECK), "utf8");
    const slides = (html.match(/class="slide-wrap/g) || []).length;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "coursesite-pdf-"));
    const pdf = path.join(dir, "deck.pdf");
    try {
      execFileSync(
        CHROMIUM_PATH,
        ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", `--user-data-dir=${dir}/profile`, `--print-to-pdf=${pdf}`, "--virtual-time-budget=5000", urlOf(DECK)],
        { stdio: "ignore", timeout: 60_000 },
      );
      const bytes = fs.readFileSync(pdf).toString("latin1");
      const pages = (bytes.match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
      assert.equal(pages, Math.ceil(slides / 3), `${slides} slides`);
      // A4 portrait: 595 × 842 points.
      const box = bytes.match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/);
      assert.ok(box, "a MediaBox");
      assert.ok(Math.abs(Number(box[1]) - 595) < 2 && Math.abs(Number(box[2]) - 842) < 2, box[0]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("errors", () => {
  test("no script errors in any deck window", () => {
    assert.deepEqual(scriptErrors, []);
  });
});
