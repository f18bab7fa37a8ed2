// A large course's sidebar (issue 19): above NAV_FULL pages the pages do not
// carry the sidebar; the shared nav.js does, and main.js builds it. Built by
// the real binary (250 cases and 3 notes), opened from file://.
//
//   COURSESITE_BIN=target/debug/coursesite node --test tests/browser/nav-shared.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { collectingContext, courseFixture, siteUrl } from "./course.mjs";

const CASES = 250;
const WINDOW = 12; // NAV_WINDOW: pages listed each side of the current one
const SPAN = 2 * WINDOW + 1;
const title = (i) => `案例${String(i).padStart(3, "0")}`;

const course = courseFixture("navshared", () => {
  const files = { "course.toml": 'title = "大课程"\n', "content/index.md": "# 首页\n" };
  for (let i = 0; i < CASES; i++) files[`content/cases/${String(i).padStart(3, "0")}.md`] = `+++\ntitle = "${title(i)}"\n+++\n故事。\n`;
  for (let i = 1; i <= 3; i++) files[`content/notes/0${i}.md`] = `+++\ntitle = "笔记${i}"\n+++\n正文。\n`;
  return files;
});

/** The sidebar as a reader sees it: each section's listed page titles, the current link, folded counts. */
const sidebar = (page) =>
  page.evaluate(() => {
    const nav = document.getElementById("sidebar");
    const sections = {};
    for (const li of nav.querySelectorAll(".nav-tree > li.nav-section")) {
      const a = li.querySelector(":scope > a");
      sections[a.getAttribute("href").replace(/^(\.\.\/)+/, "")] = {
        open: li.classList.contains("is-open"),
        pages: [...li.querySelectorAll(":scope > ul > li > a")].map((x) => x.textContent),
        count: li.querySelector(":scope > .nav-count")?.textContent ?? null,
      };
    }
    const current = [...nav.querySelectorAll('a[aria-current="page"]')];
    return { sections, current: current.map((a) => a.textContent), currentVisible: current.map((a) => { const r = a.getBoundingClientRect(); const n = nav.getBoundingClientRect(); return r.top >= n.top && r.bottom <= n.bottom; }) };
  });

describe("the shared sidebar of a large course (file://)", () => {
  test("each page is small and loads the one nav.js; the sidebar lists the sections and a window of the current one", async () => {
    const html = fs.readFileSync(path.join(course.dir, "site/cases/100.html"), "utf8");
    assert.ok(!html.includes(title(90)) && !html.includes("笔记1"), "the page does not carry other pages' titles (its prev and next aside)");
    assert.ok(Buffer.byteLength(html) < 8 * 1024, `cases/100.html is ${Buffer.byteLength(html)} bytes`);
    const ctx = await collectingContext(course.browser, course.errors);
    const page = await ctx.newPage();
    const scripts = [];
    page.on("request", (r) => { if (r.url().endsWith("/nav.js")) scripts.push(r.url()); });
    await page.goto(siteUrl(course.dir, "cases/100.html"));
    assert.equal(scripts.length, 1);
    assert.ok(scripts[0].startsWith("file://") && scripts[0].endsWith("/site/nav.js"), scripts[0]);
    const s = await sidebar(page);
    const more = `全部 ${CASES} 篇 →`;
    const cases = s.sections["cases/index.html"];
    assert.ok(cases.open, "the current section is open");
    assert.deepEqual(cases.pages, Array.from({ length: SPAN }, (_, k) => title(100 - WINDOW + k)).concat([more]));
    assert.deepEqual(s.current, [title(100)]);
    assert.deepEqual(s.currentVisible, [true], "the current page is scrolled into view");
    // The other section is folded to its link and page count.
    assert.deepEqual(s.sections["notes/index.html"], { open: false, pages: [], count: "3" });
    // The "all" link goes to the section index.
    assert.equal(await page.getAttribute(".nav-more a", "href"), "../cases/index.html");
    await ctx.close();
  });

  test("at the ends the window keeps its size; a small section is listed whole; the section index shows the first pages", async () => {
    const ctx = await collectingContext(course.browser, course.errors);
    const page = await ctx.newPage();
    const more = `全部 ${CASES} 篇 →`;
    await page.goto(siteUrl(course.dir, "cases/000.html"));
    const first = Array.from({ length: SPAN }, (_, k) => title(k)).concat([more]);
    assert.deepEqual((await sidebar(page)).sections["cases/index.html"].pages, first);
    await page.goto(siteUrl(course.dir, `cases/${CASES - 1}.html`));
    assert.deepEqual((await sidebar(page)).sections["cases/index.html"].pages, Array.from({ length: SPAN }, (_, k) => title(CASES - SPAN + k)).concat([more]));
    await page.goto(siteUrl(course.dir, "cases/index.html"));
    const idx = await sidebar(page);
    assert.deepEqual(idx.sections["cases/index.html"].pages, first);
    assert.equal(idx.current.length, 1, "the section's own link is current");
    await page.goto(siteUrl(course.dir, "notes/02.html"));
    const notes = await sidebar(page);
    assert.deepEqual(notes.sections["notes/index.html"].pages, ["笔记1", "笔记2", "笔记3"]);
    assert.deepEqual(notes.sections["cases/index.html"], { open: false, pages: [], count: String(CASES) });
    await ctx.close();
  });

  test("filling the sidebar shifts no layout", async () => {
    const ctx = await collectingContext(course.browser, course.errors);
    const page = await ctx.newPage();
    await page.addInitScript(() => {
      window.__shift = 0;
      new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; }).observe({ type: "layout-shift", buffered: true });
    });
    await page.goto(siteUrl(course.dir, "cases/120.html"), { waitUntil: "load" });
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__shift), 0, "cumulative layout shift");
    await ctx.close();
  });

  test("with scripts off the page keeps its way around: home, breadcrumbs, previous and next", async () => {
    const ctx = await collectingContext(course.browser, course.errors, { javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(siteUrl(course.dir, "cases/100.html"));
    const s = await page.evaluate(() => ({
      sidebar: [...document.querySelectorAll("#sidebar a")].map((a) => a.getAttribute("href")),
      crumbs: [...document.querySelectorAll(".breadcrumbs a")].map((a) => a.getAttribute("href")),
      pager: [...document.querySelectorAll("a[rel=prev], a[rel=next], .pager a")].map((a) => a.getAttribute("href")),
    }));
    assert.deepEqual(s.sidebar, ["../index.html"], "the home page, which lists every section");
    assert.ok(s.crumbs.includes("../cases/index.html"), `the section in the breadcrumbs: ${s.crumbs}`);
    assert.ok(s.pager.includes("../cases/099.html") && s.pager.includes("../cases/101.html"), `prev and next: ${s.pager}`);
    await ctx.close();
  });
});
