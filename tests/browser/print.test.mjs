// Browser test for the print book (print.html, issue 22): opened from file://
// with print media emulated, every page of the course starts on a new sheet,
// the screen-only parts are gone, every call-script node shows with each
// choice naming its target, figures load and math renders, page numbers
// (given as build --pdf gives them) fill the contents list without moving
// anything; on screen, a contents link jumps to its chapter. The sample course's book comes from
// SITE_DIR (and TEACHER_SITE_DIR, for the keys); math, which the sample has
// none of, from a small course of this file's own.
//
//   SITE_DIR=… TEACHER_SITE_DIR=… node --test --test-reporter=spec tests/browser/print.test.mjs
//
// COURSESITE_BIN (default target/debug/coursesite) builds the small course.

import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { collectingContext, courseFixture, siteUrl } from "./course.mjs";

if (!process.env.SITE_DIR) throw new Error("SITE_DIR is not set: build the sample course and point SITE_DIR at it");
const SITE_DIR = fs.realpathSync(path.resolve(process.env.SITE_DIR));
if (!process.env.TEACHER_SITE_DIR) throw new Error("TEACHER_SITE_DIR is not set: build the teacher's edition and point TEACHER_SITE_DIR at it");
const TEACHER_SITE_DIR = fs.realpathSync(path.resolve(process.env.TEACHER_SITE_DIR));
const book = (dir) => pathToFileURL(path.join(dir, "print.html")).href;

const fixture = courseFixture("print", () => ({
  "course.toml": 'title = "公式课"\n',
  "content/index.md": "# 首页\n\n见[第一课](notes/01.md)。\n",
  "content/notes/01.md": "# 第一课\n\n行内 $x^2$，显示：\n\n$$\\frac{a+b}{2c}$$\n\n![图](img/a.svg)\n\n## 小结\n\n完。\n",
  "content/notes/img/a.svg":
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60" fill="#36c"/></svg>\n',
  "content/about.md": "# 关于\n\n回到[第一课的小结](notes/01.md#小结)。\n",
}));

/** A page of the book in a context of its own, print media emulated unless `screen`. */
async function open(url, { screen = false } = {}) {
  const ctx = await collectingContext(fixture.browser, fixture.errors);
  const page = await ctx.newPage();
  await page.goto(url, { waitUntil: "load" });
  if (!screen) await page.emulateMedia({ media: "print" });
  return { ctx, page };
}

test("printed, every page of the course starts on a new sheet and the cover on the first", async () => {
  const { ctx, page } = await open(book(SITE_DIR));
  const breaks = await page.$$eval("main > .book-page", (els) =>
    els.map((el) => ({ id: el.id, before: getComputedStyle(el).breakBefore })),
  );
  // The cover, the contents, then the 21 pages of the sample course.
  assert.equal(breaks.length, 2 + 20);
  assert.deepEqual(breaks[0], { id: "page-1", before: "auto" }, "the cover opens the book");
  for (const b of breaks.slice(1)) assert.equal(b.before, "page", `${b.id} starts on a new sheet`);
  // A lesson's 教案 form fills its own sheet, as when the lesson prints alone.
  const formBreak = await page.$eval(".book-page.kind-lesson .lesson-form", (el) => getComputedStyle(el).breakAfter);
  assert.equal(formBreak, "page");
  // The site's bars and the screen's hint are not printed.
  const hidden = await page.$$eval(".topbar, .book-hint, .print-book > .site-footer", (els) =>
    els.map((el) => getComputedStyle(el).display),
  );
  assert.deepEqual(hidden, ["none", "none", "none"]);
  await ctx.close();
});

test("printed, a call script shows every node and each choice names the step it leads to", async () => {
  const { ctx, page } = await open(book(SITE_DIR));
  const nodes = await page.$$eval(".book-page.kind-script .script-node", (els) =>
    els.map((el) => el.getBoundingClientRect().height > 0),
  );
  assert.ok(nodes.length >= 6 && nodes.every(Boolean), `every node shows (${nodes.length})`);
  const choices = await page.$$eval(".book-page.kind-script .script-choice[data-title]", (els) =>
    els.map((el) => ({ after: getComputedStyle(el, "::after").content, title: el.dataset.title, href: el.getAttribute("href") })),
  );
  assert.ok(choices.length > 0);
  for (const c of choices) {
    assert.equal(c.after, `" → ${c.title}"`, "the choice names its target");
    assert.match(c.href, /^#page-\d+-/, "and jumps to it inside the book");
  }
  // No button of the website's scripts is in the book (no script runs it).
  assert.equal(await page.locator(".quiz-actions, .script-toolbar, .book-page nav.toc, .backlinks").count(), 0);
  await ctx.close();
});

test("figures load and math renders in the printed book", async () => {
  const sample = await open(book(SITE_DIR));
  const figures = await sample.page.$$eval(".book-page img", (imgs) =>
    imgs.map((img) => ({ src: img.getAttribute("src"), ok: img.complete && img.naturalWidth > 0 })),
  );
  assert.ok(figures.length >= 2, "the sample lessons' figures are in the book");
  for (const f of figures) assert.ok(f.ok, `${f.src} loads from the book`);
  await sample.ctx.close();

  const { ctx, page } = await open(siteUrl(fixture.dir, "print.html"));
  const maths = await page.$$eval(".book-page math", (els) =>
    els.map((m) => ({ display: m.getAttribute("display"), h: m.getBoundingClientRect().height, w: m.getBoundingClientRect().width })),
  );
  assert.equal(maths.length, 2, "inline and display math");
  for (const m of maths) assert.ok(m.h > 5 && m.w > 5, `a formula has a size: ${JSON.stringify(m)}`);
  const frac = await page.$eval(".book-page math[display=block] mfrac", (f) => f.getBoundingClientRect().height);
  const line = await page.$eval(".book-page p", (p) => parseFloat(getComputedStyle(p).lineHeight));
  assert.ok(frac > line, `a display fraction (${frac}px) is taller than a line (${line}px)`);
  const figure = await page.$eval(".book-page img", (img) => ({ src: img.getAttribute("src"), w: img.naturalWidth }));
  assert.deepEqual(figure, { src: "notes/img/a.svg", w: 120 });
  await ctx.close();
});

test("on screen, a contents link and a link between pages jump to their chapter", async () => {
  const { ctx, page } = await open(siteUrl(fixture.dir, "print.html"), { screen: true });
  const lesson = await page.$eval('main > .book-page[aria-label="第一课"]', (el) => el.id);
  await page.click('nav.book-contents a:has-text("第一课")');
  assert.equal(new URL(page.url()).hash, `#${lesson}`);
  const top = await page.$eval(`#${lesson}`, (el) => el.getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 200, `the chapter is at the top of the window (${top})`);
  await page.click('main > .book-page[aria-label="关于"] .content a:has-text("第一课的小结")');
  assert.equal(decodeURIComponent(new URL(page.url()).hash), `#${lesson}-小结`);
  // The book may end before the heading reaches the top: it is in the window.
  const heading = await page.$eval(`[id="${lesson}-小结"]`, (el) => el.getBoundingClientRect().top);
  assert.ok(heading >= 0 && heading < 800 - 40, `the heading is in the window (${heading})`);
  await ctx.close();
});

test("on screen, a glossary term in the book shows its definition from terms.js", async () => {
  const { ctx, page } = await open(book(SITE_DIR), { screen: true });
  const term = page.locator("main a.term").first();
  assert.ok((await term.count()) > 0, "the book links a glossary term");
  // The book's anchors carry their chapter's prefix (page-N-term-id).
  const def = await term.evaluate((a) => {
    const id = decodeURIComponent(a.hash.slice(1)).replace(/^page-\d+-/, "");
    return (window.coursesiteTerms || {})[id] || "";
  });
  assert.ok(def.trim(), "terms.js holds the term's definition");
  await term.scrollIntoViewIfNeeded();
  await term.hover();
  const tip = page.locator(".term-tip");
  await tip.waitFor({ state: "visible" });
  assert.ok((await tip.textContent()).includes(def), `the tooltip shows "${def}"`);
  await ctx.close();
});

test("the contents list shows page numbers only when the book is opened with them (build --pdf's second print)", async () => {
  const plain = await open(book(SITE_DIR));
  const empty = await plain.page.$$eval(".book-toc-page", (els) => els.map((el) => el.textContent));
  assert.ok(empty.length >= 20 && empty.every((t) => t === ""), "a reader's book has no numbers");
  const before = await plain.page.$$eval(".book-toc-entry", (els) => els.map((el) => el.getBoundingClientRect().height));
  await plain.ctx.close();
  const pages = Array.from({ length: 21 }, (_, i) => 2 * i + 1);
  const numbered = await open(`${book(SITE_DIR)}?pages=${pages.join(",")}`);
  const shown = await numbered.page.$$eval(".book-toc a[href^='#page-']", (els) =>
    els.map((a) => [a.getAttribute("href"), a.querySelector(".book-toc-page").textContent]),
  );
  for (const [href, n] of shown) assert.equal(n, String(pages[Number(href.slice("#page-".length)) - 1]), href);
  // The numbers fill room kept for them: no entry grows, so no chapter moves.
  const after = await numbered.page.$$eval(".book-toc-entry", (els) => els.map((el) => el.getBoundingClientRect().height));
  assert.deepEqual(after, before);
  await numbered.ctx.close();
});

test("the teacher's book shows every key, the student's none", async () => {
  const student = await open(book(SITE_DIR));
  assert.equal(await student.page.locator(".quiz-key, .is-key, [data-answer]").count(), 0);
  const questions = await student.page.locator(".quiz-q").count();
  assert.ok(questions >= 10);
  await student.ctx.close();
  const teacher = await open(book(TEACHER_SITE_DIR));
  const keys = await teacher.page.$$eval(".quiz-key", (els) => els.filter((el) => el.getBoundingClientRect().height > 0).length);
  assert.ok(keys > 0, "keys are printed in the teacher's book");
  await teacher.ctx.close();
});
