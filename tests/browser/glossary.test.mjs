// Browser tests for the glossary (issue 4): the term tooltip on hover, keyboard
// focus and touch, and glossary.html's letter bar and links, in headless
// Chromium from file:// URLs.
//
//   SITE_DIR=/path/to/built/site node --test --test-reporter=spec tests/browser/glossary.test.mjs
//
// SITE_DIR must hold the built sample course. CHROMIUM_PATH overrides the
// browser (default: /usr/bin/chromium).

import { after, before, describe, test } from "node:test";
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
const SITE_DIR = fs.realpathSync(path.resolve(process.env.SITE_DIR));
if (!fs.existsSync(path.join(SITE_DIR, "index.html"))) {
  throw new Error(`SITE_DIR=${SITE_DIR} has no index.html: is it a built site?`);
}
if (!fs.existsSync(path.join(SITE_DIR, "glossary.html"))) {
  throw new Error(`SITE_DIR=${SITE_DIR} has no glossary.html: build the sample course (it has content/glossary.md)`);
}
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!fs.existsSync(CHROMIUM_PATH)) {
  throw new Error(`Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
}

function bodyClasses(rel) {
  const html = fs.readFileSync(path.join(SITE_DIR, rel), "utf8");
  const m = html.match(/<body[^>]*\sclass="([^"]*)"/);
  return m ? m[1].split(/\s+/) : [];
}
const LESSON_FILES = listHtml(SITE_DIR).filter((p) => bodyClasses(p).includes("kind-lesson"));

const urlOf = (rel) => pathToFileURL(path.join(SITE_DIR, rel)).href;
const stripHash = (u) => {
  const x = new URL(u);
  x.hash = "";
  return x.href;
};
const nameOf = (u) => {
  try {
    const x = new URL(u);
    return path.relative(SITE_DIR, fileURLToPath(stripHash(u))).split(path.sep).join("/") + decodeURIComponent(x.hash);
  } catch {
    return u;
  }
};

let browser;
const scriptErrors = []; // { message, from }

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  if (browser) await browser.close();
});

async function newContext(options = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: "light",
    reducedMotion: "reduce",
    ...options,
  });
  context.setDefaultTimeout(10_000);
  context.on("page", (page) => page.on("pageerror", (err) => scriptErrors.push({ message: String(err), from: page.url() })));
  return context;
}

async function open(page, rel) {
  await page.goto(urlOf(rel), { waitUntil: "load" });
}

/** Poll fn() until pred(value) holds; fail with the last value otherwise. */
async function waitUntil(fn, pred, what, timeout = 3000) {
  const end = Date.now() + timeout;
  let value;
  for (;;) {
    value = await fn();
    if (pred(value)) return value;
    if (Date.now() > end) assert.fail(`timed out after ${timeout} ms waiting for ${what}; last state: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// ------------------------------------------------------------ tooltip ---

/** The tooltip's state: does it exist, is it shown, its text, who it describes. */
const tipState = (page) =>
  page.evaluate(() => {
    const tip = document.querySelector(".term-tip");
    if (!tip) return { exists: false, visible: false, text: "" };
    const r = tip.getBoundingClientRect();
    const style = getComputedStyle(tip);
    return {
      exists: true,
      visible: !tip.hidden && style.display !== "none" && style.visibility !== "hidden" && r.width > 0 && r.height > 0,
      text: tip.textContent,
      describes: document.querySelector("a.term[aria-describedby]")?.textContent ?? null,
      active: document.activeElement?.matches?.("a.term") ? document.activeElement.textContent : null,
    };
  });

const shown = (page, what) => waitUntil(() => tipState(page), (s) => s.visible, `${what}: the tooltip to show`);
const hidden = (page, what) => waitUntil(() => tipState(page), (s) => s.exists && !s.visible, `${what}: the tooltip to hide`);

/** The first linked term in the page's text, scrolled into view, with its text, definition and target.
    The definition is the one the shared terms.js holds for the link's fragment (the term's id). */
async function firstTerm(page) {
  const term = page.locator(".content a.term").first();
  assert.ok((await page.locator(".content a.term").count()) > 0, `${nameOf(page.url())} has no a.term`);
  await term.scrollIntoViewIfNeeded();
  const info = await term.evaluate((a) => ({
    text: a.textContent,
    def: (window.coursesiteTerms || {})[decodeURIComponent(a.hash.slice(1))] || "",
    href: a.href,
    inline: a.hasAttribute("data-def"),
  }));
  assert.ok(info.text.trim(), "the term has text");
  assert.ok(info.def.trim(), `terms.js holds no definition for ${info.text} (${nameOf(info.href)})`);
  assert.ok(!info.inline, "the definition is not repeated in the link");
  assert.ok(stripHash(info.href).endsWith("/glossary.html"), `term ${info.text} links to ${nameOf(info.href)}`);
  return { term, ...info };
}

/** Mark the document, to tell later whether the page was replaced by a navigation. */
const mark = (page) => page.evaluate(() => { window.__glossaryTestMark = 42; });
const stillSameDocument = (page) => page.evaluate(() => window.__glossaryTestMark === 42);

describe("term tooltip on a lesson page", () => {
  let lesson;
  before(() => {
    assert.ok(LESSON_FILES.length > 0, "the site has lesson pages (body.kind-lesson)");
    lesson = LESSON_FILES[0];
  });

  test("hovering a term shows its definition; moving away hides it", async () => {
    const context = await newContext();
    const page = await context.newPage();
    await open(page, lesson);
    await page.mouse.move(1, 1);
    const { term, text, def } = await firstTerm(page);
    const before = await tipState(page);
    assert.ok(!before.visible, "no tooltip before hovering");

    await term.hover();
    const s = await shown(page, `hovering ${text}`);
    assert.ok(s.text.includes(text), `tooltip "${s.text}" names the term "${text}"`);
    assert.ok(s.text.includes(def), `tooltip "${s.text}" holds the definition "${def}"`);
    assert.equal(s.describes, text, "the hovered term is described by the tooltip (aria-describedby)");

    // The tooltip sits next to its term, inside the viewport.
    const box = await page.locator(".term-tip").boundingBox();
    const termBox = await term.boundingBox();
    const vw = await page.evaluate(() => document.documentElement.clientWidth);
    assert.ok(box.x >= 0 && box.x + box.width <= vw, `tooltip inside the viewport: ${JSON.stringify(box)}`);
    assert.ok(box.y >= termBox.y + termBox.height - 1, `tooltip below the term: ${JSON.stringify({ box, termBox })}`);

    // Away onto the page title (headings never hold term links).
    await page.locator("h1").first().hover();
    await hidden(page, "moving the mouse away");
    assert.equal(page.url(), urlOf(lesson), "hovering does not navigate");
    await context.close();
  });

  test("keyboard: tabbing onto a term shows the tooltip, Escape hides it", async () => {
    const context = await newContext();
    const page = await context.newPage();
    await open(page, lesson);
    await page.mouse.move(1, 1);
    const { text } = await firstTerm(page);
    await page.evaluate(() => window.scrollTo(0, 0));

    let active = null;
    for (let i = 0; i < 500 && !active; i++) {
      await page.keyboard.press("Tab");
      active = await page.evaluate(() => (document.activeElement?.matches("a.term") ? document.activeElement.textContent : null));
    }
    assert.ok(active, "Tab reaches a glossary term");
    assert.equal(active, text, "the first term in tab order is the first term of the text");
    const s = await shown(page, `focusing ${active} with Tab`);
    assert.ok(s.text.includes(active), `tooltip "${s.text}" names the focused term`);

    await page.keyboard.press("Escape");
    await hidden(page, "pressing Escape");
    assert.equal(page.url(), urlOf(lesson), "focus and Escape do not navigate");
    await context.close();
  });

  test("touch: a tap shows the tooltip without leaving the page; a tap elsewhere closes it", async () => {
    const context = await newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    const page = await context.newPage();
    await open(page, lesson);
    const { term, text, def } = await firstTerm(page);
    await mark(page);

    await term.tap();
    const s = await shown(page, `tapping ${text}`);
    assert.ok(s.text.includes(text) && s.text.includes(def), `tooltip "${s.text}" shows ${text}: ${def}`);
    assert.equal(page.url(), urlOf(lesson), "the first tap does not follow the link");

    await page.locator("h1").first().tap();
    await hidden(page, "tapping elsewhere");
    assert.ok(await stillSameDocument(page), "the page was not replaced by a navigation");
    assert.equal(page.url(), urlOf(lesson), "still on the lesson page");
    await context.close();
  });

  test("touch: a second tap on the same term opens its glossary entry", async () => {
    const context = await newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    const page = await context.newPage();
    await open(page, lesson);
    const { term, text, href } = await firstTerm(page);
    await mark(page);
    await term.tap();
    await shown(page, `tapping ${text}`);
    assert.ok(await stillSameDocument(page), "the first tap did not navigate");

    try {
      await Promise.all([page.waitForURL((u) => u.href === href, { waitUntil: "load" }), term.tap()]);
    } catch (err) {
      assert.fail(`second tap on ${text}: expected ${nameOf(href)}, but the page is ${nameOf(page.url())} (${String(err.message).split("\n")[0]})`);
    }
    const id = decodeURIComponent(new URL(href).hash.slice(1));
    assert.ok(id, `the term link has an anchor: ${href}`);
    const entry = await page.evaluate((id) => {
      const el = document.getElementById(id);
      return el ? { isEntry: el.matches(".term-entry"), text: el.textContent } : null;
    }, id);
    assert.ok(entry, `glossary.html has no element #${id}`);
    assert.ok(entry.isEntry, `#${id} is not a .term-entry`);
    assert.ok(entry.text.includes(text), `the entry #${id} names "${text}" (as the term or an alias)`);
    await context.close();
  });
});

// ------------------------------------------------------- glossary.html ---

describe("glossary.html", () => {
  test("each letter of the jump bar brings its group heading into view", async () => {
    const context = await newContext();
    const page = await context.newPage();
    await open(page, "glossary.html");
    const letters = await page.$$eval(".letter-bar a", (as) => as.map((a) => ({ href: a.getAttribute("href"), text: a.textContent.trim() })));
    assert.ok(letters.length >= 5, `the sample glossary spans at least 5 letters: ${JSON.stringify(letters)}`);

    const headingTop = (id) =>
      page.evaluate((id) => {
        const h = document.getElementById(id);
        if (!h) return null;
        const r = h.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, vh: window.innerHeight, text: h.textContent.trim(), tag: h.tagName };
      }, id);
    const inView = (s) => s !== null && s.top >= -1 && s.bottom <= s.vh + 1;

    // The last group starts below the first screen, so its link has to scroll.
    const lastId = decodeURIComponent(letters[letters.length - 1].href.slice(1));
    const start = await headingTop(lastId);
    assert.ok(start, `no element #${lastId}`);
    assert.ok(!inView(start), `precondition: group ${lastId} starts off-screen (${JSON.stringify(start)})`);

    for (const { href, text } of letters) {
      assert.ok(href.startsWith("#"), `letter ${text} links within the page: ${href}`);
      const id = decodeURIComponent(href.slice(1));
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.locator(".letter-bar a", { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) }).first().click();
      const s = await waitUntil(() => headingTop(id), inView, `group ${id} to scroll into view after clicking ${text}`);
      assert.equal(s.text, text, `#${id} is the heading of letter ${text}`);
      assert.equal(decodeURIComponent(new URL(page.url()).hash.slice(1)), id, `the URL names group ${id}`);
    }
    await context.close();
  });

  test("every link of glossary.html resolves to an existing file and anchor", async (t) => {
    const context = await newContext();
    const page = await context.newPage();
    await open(page, "glossary.html");
    const hrefs = await page.$$eval("a[href]", (as) => as.map((a) => a.href));
    const internal = hrefs.filter((h) => h.startsWith("file:"));
    assert.ok(internal.length > 0);

    const byFile = new Map(); // file URL → Set of anchors
    for (const href of internal) {
      const file = stripHash(href);
      const p = fileURLToPath(file);
      assert.ok(fs.existsSync(p) && fs.statSync(p).isFile(), `glossary.html links ${nameOf(href)}, which does not exist`);
      if (!byFile.has(file)) byFile.set(file, new Set());
      const hash = new URL(href).hash;
      if (hash.length > 1) byFile.get(file).add(decodeURIComponent(hash.slice(1)));
    }
    // The page links other pages at their headings (出现在), not only itself.
    const others = [...byFile.entries()].filter(([f, ids]) => f !== urlOf("glossary.html") && ids.size > 0);
    assert.ok(others.length > 0, "glossary.html links no heading of another page");

    let anchors = 0;
    for (const [file, ids] of byFile) {
      if (ids.size === 0) continue;
      const target = file === stripHash(page.url()) ? page : await context.newPage();
      if (target !== page) await target.goto(file, { waitUntil: "load" });
      const missing = await target.evaluate((ids) => ids.filter((id) => !document.getElementById(id)), [...ids]);
      assert.deepEqual(missing, [], `${nameOf(file)} lacks anchors linked from glossary.html`);
      anchors += ids.size;
      if (target !== page) await target.close();
    }
    t.diagnostic(`${internal.length} links to ${byFile.size} files, ${anchors} distinct anchors checked`);
    await context.close();
  });
});

describe("no script errors", () => {
  test("no page raised a script error", () => {
    assert.deepEqual(scriptErrors, [], "script errors");
  });
});
