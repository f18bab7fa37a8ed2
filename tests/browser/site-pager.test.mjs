// Browser tests of the built site (site-common.mjs has the setup): 下一页 / 上一页
// through the whole course, and ← → on the keyboard.
//
//   SITE_DIR=/path/to/built/site node --test --test-reporter=spec tests/browser/site-pager.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { SLOW } from "./timeouts.mjs";
import {
  LESSON_FILES,
  MAX_STEPS,
  checkNothingLeftTheSite,
  expectNavigation,
  nameOf,
  newContext,
  open,
  stripHash,
  urlOf,
  useBrowser,
} from "./site-common.mjs";

useBrowser();

// ------------------------------------------------------ 上一页 / 下一页 ---

describe("pager: 下一页 / 上一页 through the whole course", () => {
  let context;
  before(async () => {
    context = await newContext();
  });
  after(async () => {
    await context.close();
  });

  const pageInfo = (page) =>
    page.evaluate(() => {
      const next = document.querySelector("a[rel=next]");
      const prev = document.querySelector("a[rel=prev]");
      return {
        url: location.href,
        classes: [...document.body.classList],
        title: document.querySelector("h1")?.textContent.trim() ?? "",
        next: next ? next.href : null,
        nextLabel: next?.querySelector(".pager-title")?.textContent.trim() ?? null,
        prev: prev ? prev.href : null,
        prevLabel: prev?.querySelector(".pager-title")?.textContent.trim() ?? null,
      };
    });

  test("clicking 下一页 from the home page visits every lesson in order, and 上一页 leads back", SLOW, async (t) => {
    assert.ok(LESSON_FILES.length >= 5, `the sample course has at least 5 lessons; found ${LESSON_FILES.length}: ${LESSON_FILES}`);
    const page = await context.newPage();
    await open(page, "index.html");

    // Forward: click 下一页 until there is none.
    const visited = [];
    for (let step = 0; ; step++) {
      assert.ok(step < MAX_STEPS, `still following 下一页 after ${MAX_STEPS} pages`);
      const info = await pageInfo(page);
      const seen = visited.findIndex((v) => stripHash(v.url) === stripHash(info.url));
      assert.equal(seen, -1, `下一页 loops: ${nameOf(info.url)} reached twice (after ${visited.map((v) => nameOf(v.url)).join(" → ")})`);
      visited.push(info);
      if (!info.next) break;
      assert.ok(info.next.startsWith("file://"), `下一页 on ${nameOf(info.url)} leaves the site: ${info.next}`);
      await expectNavigation(page, info.next, () => page.click("a[rel=next]"), `clicking 下一页 on ${nameOf(info.url)}`);
    }
    t.diagnostic(`下一页 walk (${visited.length} pages): ${visited.map((v) => nameOf(v.url)).join(" → ")}`);

    // Every lesson, in file-name order (01 … 05), with a title read from the page.
    const lessons = visited.filter((v) => v.classes.includes("kind-lesson"));
    assert.deepEqual(
      lessons.map((v) => nameOf(v.url)),
      LESSON_FILES,
      "the 下一页 walk visits every lesson page (body.kind-lesson) exactly once, in order",
    );
    for (const l of lessons) assert.ok(l.title, `lesson ${nameOf(l.url)} has an <h1> title`);
    assert.equal(new Set(lessons.map((l) => l.title)).size, lessons.length, "lesson titles are distinct");
    t.diagnostic(`lessons: ${lessons.map((l) => l.title).join(" | ")}`);

    // The walk starts at home (no 上一页) and each 下一页 label names the page it leads to.
    assert.equal(visited[0].prev, null, "the home page has no 上一页");
    for (let i = 0; i + 1 < visited.length; i++) {
      if (visited[i].nextLabel !== null) {
        assert.equal(visited[i].nextLabel, visited[i + 1].title, `下一页 label on ${nameOf(visited[i].url)} names the next page's title`);
      }
    }

    // Backward: from the last page, click 上一页 and retrace the walk exactly.
    for (let i = visited.length - 1; i > 0; i--) {
      const here = await pageInfo(page);
      assert.equal(stripHash(here.url), stripHash(visited[i].url), "backward walk is in step");
      assert.ok(here.prev, `${nameOf(here.url)} has a 上一页 link`);
      assert.equal(
        stripHash(here.prev),
        stripHash(visited[i - 1].url),
        `上一页 on ${nameOf(here.url)} leads back to ${nameOf(visited[i - 1].url)}`,
      );
      if (here.prevLabel !== null) {
        assert.equal(here.prevLabel, visited[i - 1].title, `上一页 label on ${nameOf(here.url)} names the previous page's title`);
      }
      await expectNavigation(page, visited[i - 1].url, () => page.click("a[rel=prev]"), `clicking 上一页 on ${nameOf(here.url)}`);
    }
    assert.equal(stripHash(page.url()), stripHash(urlOf("index.html")), "上一页 leads all the way back to the home page");
    await page.close();
  });
});
// ------------------------------------------------------------ keyboard ---

describe("keyboard: ← → turn the pages", () => {
  let context;
  before(async () => {
    context = await newContext();
  });
  after(async () => {
    await context.close();
  });

  test("on a lesson page ArrowRight opens 下一页 and ArrowLeft comes back; not while typing in a field", async () => {
    assert.ok(LESSON_FILES.length > 0, "the site has a lesson page");
    const lesson = LESSON_FILES[0];
    const page = await context.newPage();
    await open(page, lesson);
    const here = page.url();
    const next = await page.evaluate(() => document.querySelector("a[rel=next]")?.href ?? null);
    assert.ok(next, `${lesson} has a 下一页 link`);

    // Focus in a text field: the arrow keys belong to the field.
    await page.evaluate(() => {
      const input = document.createElement("input");
      input.id = "__arrow_probe";
      document.querySelector("main")?.prepend(input) ?? document.body.prepend(input);
      input.focus();
    });
    await page.keyboard.press("ArrowRight");
    await page.waitForTimeout(300);
    assert.equal(stripHash(page.url()), stripHash(here), "ArrowRight inside a text field does not turn the page");
    await page.evaluate(() => {
      document.getElementById("__arrow_probe").remove();
      document.activeElement?.blur();
    });

    await expectNavigation(page, next, () => page.keyboard.press("ArrowRight"), `pressing ArrowRight on ${lesson}`, 3000);
    assert.equal(stripHash(page.url()), stripHash(next), "ArrowRight opened 下一页");

    await expectNavigation(page, here, () => page.keyboard.press("ArrowLeft"), `pressing ArrowLeft on ${nameOf(next)}`, 3000);
    assert.equal(stripHash(page.url()), stripHash(here), "ArrowLeft on the next page came back (上一页)");
    await page.close();
  });
});

checkNothingLeftTheSite();
