// Search recall (issue 18): a generated course of 80 pages of Chinese text
// (a fixed seed), built by the real binary and searched from file://. For 40
// random substrings of the pages' text (1 to 6 characters), every page whose
// text holds the substring must be among the results: the brute-force scan of
// the text the test wrote is the reference. Kept for the sharded index, whose
// bigram shards and fragment checks must not lose a page.
//
//   COURSESITE_BIN=target/debug/coursesite node --test tests/browser/search-recall.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { collectingContext, courseFixture, siteUrl } from "./course.mjs";

// Characters of customer-service text, common ones first, so substrings repeat
// across pages as real words do.
const CHARS = Array.from("客户服务的是一不要和理人需在度有个求业用了分时到来对同这提心上方中问为能以出说话意好解本后把次员企例接多通过就目程买信法自得下会可课实看做重工情待题成案学与最位定面样听作常店关满项并先动应层行生点电事经类机小感营回量于让品进等家维地准再大念表质还现每从见组合明间型性门认识价断产少内语前别购确析标流或体发开考期种己任态手子想主些请供清结厅及决处按导新思当办观记向教反去几入步交受高正场倾基值售否容着诉口设息给真评改规调相站习示知力被商比如");

/** A small seeded PRNG (mulberry32): the same course and queries every run. */
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(18);
const pick = (n) => Math.floor(random() ** 2 * n); // skewed to the common characters
const run = (min, max) => Array.from({ length: min + Math.floor(random() * (max - min + 1)) }, () => CHARS[pick(CHARS.length)]).join("");

/** Pages: [{ file, title, paragraphs }], the text the test knows each page holds. */
const PAGES = Array.from({ length: 80 }, (_, i) => ({
  file: `p${String(i).padStart(2, "0")}.md`,
  title: `第${i + 1}页${run(2, 5)}`,
  heading: run(3, 8),
  paragraphs: Array.from({ length: 3 }, () => run(30, 90)),
}));

const course = courseFixture("recall", () => {
  const files = {
    "course.toml": 'title = "检索召回"\n[lint]\nboilerplate = false\npunctuation = false\n',
    "content/index.md": "# 首页\n",
  };
  for (const p of PAGES) {
    files[`content/${p.file}`] = `# ${p.title}\n\n${p.paragraphs[0]}\n\n## ${p.heading}\n\n${p.paragraphs.slice(1).join("\n\n")}\n`;
  }
  return files;
});

/** 40 substrings of 1 to 6 characters, each from a random page's text. */
function queries() {
  const out = [];
  while (out.length < 40) {
    const p = PAGES[Math.floor(random() * PAGES.length)];
    const texts = [p.title.replace(/^第\d+页/, ""), p.heading, ...p.paragraphs].filter((t) => t.length >= 6);
    const text = texts[Math.floor(random() * texts.length)];
    const len = 1 + Math.floor(random() * 6);
    const at = Math.floor(random() * (text.length - len + 1));
    out.push(text.slice(at, at + len));
  }
  return out;
}

/** Pages whose text holds q (each piece on its own: a match never spans two). */
function bruteForce(q) {
  return PAGES.filter((p) => [p.title, p.heading, ...p.paragraphs].some((t) => t.includes(q))).map((p) => p.file.replace(/\.md$/, ".html"));
}

describe("search recall against a brute-force scan", () => {
  test("every page holding each of 40 random substrings is found", async () => {
    const ctx = await collectingContext(course.browser, course.errors);
    const page = await ctx.newPage();
    await page.goto(siteUrl(course.dir, "search.html"));
    const ok = await page.evaluate(() => new Promise((done) => window.coursesiteSearch.ready(done)));
    assert.ok(ok, "the index loads from file://");
    const missed = [];
    let expectedTotal = 0;
    for (const q of queries()) {
      const expected = bruteForce(q);
      expectedTotal += expected.length;
      const got = new Set((await page.evaluate((q) => window.coursesiteSearch.query(q), q)).map((h) => decodeURIComponent(h.url)));
      for (const url of expected) if (!got.has(url)) missed.push(`${q}: ${url}`);
    }
    assert.ok(expectedTotal >= 80, `the queries match pages (${expectedTotal} expected hits)`);
    assert.deepEqual(missed, [], "pages the search missed");
    await ctx.close();
  });

  test("search.html lists 20 results a page and 更多结果 adds the next 20, until every candidate is checked", async () => {
    const ctx = await collectingContext(course.browser, course.errors);
    const page = await ctx.newPage();
    const q = "客";
    const expected = bruteForce(q).length;
    assert.ok(expected > 40, `${q} is on ${expected} pages`);
    await page.goto(siteUrl(course.dir, "search.html") + "?q=" + encodeURIComponent(q));
    const state = () => page.evaluate(() => ({
      n: document.querySelectorAll(".search-results li").length,
      more: !document.querySelector(".search-more").hidden,
      status: document.querySelector(".search-page .search-status").textContent,
    }));
    const until = async (pred, what) => {
      for (let i = 0; i < 100; i++) {
        const s = await state();
        if (pred(s)) return s;
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.fail(`timed out waiting for ${what}: ${JSON.stringify(await state())}`);
    };
    let s = await until((s) => s.n === 20, "the first 20 results");
    assert.ok(s.more, "a 更多结果 button");
    assert.match(s.status, /^(至少|找到) \d+ 条结果$/);
    await page.click(".search-more");
    s = await until((s) => s.n === 40, "40 results after one click");
    while (s.more) {
      const n = s.n;
      await page.click(".search-more");
      s = await until((t) => t.n > n || !t.more, "more results");
    }
    assert.equal(s.n, expected, "every page holding it, in the end");
    assert.equal(s.status, `找到 ${expected} 条结果`);
    await ctx.close();
  });

  test("a query stopped by its text budget shows only results known to rank first, in order", async () => {
    const ctx = await collectingContext(course.browser, course.errors);
    const full = await ctx.newPage();
    await full.goto(siteUrl(course.dir, "search.html"));
    let cut = 0;
    for (const q of queries().slice(0, 20)) {
      const all = (await full.evaluate((q) => window.coursesiteSearch.query(q), q)).map((h) => h.url);
      // A fresh page, so nothing is loaded yet: one text file at most.
      const page = await ctx.newPage();
      await page.goto(siteUrl(course.dir, "search.html"));
      const some = (await page.evaluate((q) => window.coursesiteSearch.query(q, 8, 1), q)).map((h) => h.url);
      await page.close();
      assert.deepEqual(some, all.slice(0, some.length), `${q}: a prefix of the full ranking`);
      if (some.length < Math.min(8, all.length)) cut++;
    }
    assert.ok(cut > 0, "some queries were cut short by the budget (else this test shows nothing)");
    await ctx.close();
  });
});
