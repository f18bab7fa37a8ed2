// Browser tests for quizzes (测验) in the built sample course, from file://: a
// quiz is answered, checked (right/wrong per question, explanation shown),
// scored, and the answers and score survive a reload; 重新作答 clears them.
//
//   SITE_DIR=/path/to/built/site node --test tests/browser/quiz.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launchChromium } from "./chromium.mjs";

if (!process.env.SITE_DIR) throw new Error("SITE_DIR is not set: build the site and point SITE_DIR at it");
const SITE_DIR = fs.realpathSync(path.resolve(process.env.SITE_DIR));
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const QUIZ_DIR = path.join(SITE_DIR, "quizzes");
const QUIZZES = fs.existsSync(QUIZ_DIR)
  ? fs.readdirSync(QUIZ_DIR).filter((f) => f.endsWith(".html") && f !== "index.html").sort()
  : [];
const html = (f) => fs.readFileSync(path.join(QUIZ_DIR, f), "utf8");
const TRUE_FALSE = QUIZZES.find((f) => html(f).includes('data-kind="tf"'));
const SORTING = QUIZZES.find((f) => html(f).includes('data-kind="sort"'));
const urlOf = (rel) => pathToFileURL(path.join(SITE_DIR, rel)).href;

let browser;
const errors = [];
before(async () => {
  browser = await launchChromium();
});
after(async () => {
  if (browser) await browser.close();
  assert.deepEqual(errors, [], "no script errors on quiz pages");
});

async function context() {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: "reduce" });
  ctx.setDefaultTimeout(10_000);
  ctx.on("page", (p) => p.on("pageerror", (e) => errors.push(String(e))));
  return ctx;
}

/** Answer every question of the page: right ones where `right(i)` holds, else wrong. */
async function answerAll(page, right) {
  const qs = await page.$$eval(".quiz-q", (qs) => qs.map((q) => ({ id: q.id, kind: q.dataset.kind, answer: q.dataset.answer })));
  let expected = 0;
  let total = 0;
  for (const [i, q] of qs.entries()) {
    const good = right(i);
    const sel = `#${q.id}`;
    if (q.kind === "tf") {
      const value = good ? q.answer : String(q.answer !== "true");
      await page.check(`${sel} input[value="${value}"]`);
    } else if (q.kind === "single") {
      const n = await page.locator(`${sel} input`).count();
      const value = good ? q.answer : String((Number(q.answer) + 1) % n);
      await page.check(`${sel} input[value="${value}"]`);
    } else if (q.kind === "multi") {
      const keys = q.answer.split(",");
      for (const k of good ? keys : keys.slice(0, 1)) await page.check(`${sel} input[value="${k}"]`);
    } else if (q.kind === "sort") {
      const keys = q.answer.split(",");
      const selects = page.locator(`${sel} select`);
      for (let k = 0; k < keys.length; k++) {
        const value = good ? keys[k] : String(keys[k] === "0" ? 1 : 0);
        await selects.nth(k).selectOption(value);
      }
    } else {
      await page.fill(`${sel} textarea`, "我的回答");
    }
    if (q.kind !== "short") {
      total++;
      if (good) expected++;
    }
  }
  return { qs, expected, total };
}

describe("quizzes", () => {
  test("the sample course has a 判断题 set and a classification exercise", () => {
    assert.ok(TRUE_FALSE, `a quiz with true/false questions among ${QUIZZES}`);
    assert.ok(SORTING, `a quiz with a classification question among ${QUIZZES}`);
  });

  for (const which of ["TRUE_FALSE", "SORTING"]) {
    test(`${which}: answered, checked, scored; the score survives a reload; reset clears`, async () => {
      const file = which === "TRUE_FALSE" ? TRUE_FALSE : SORTING;
      const ctx = await context();
      const page = await ctx.newPage();
      await page.goto(urlOf(`quizzes/${file}`));
      assert.ok(!(await page.isVisible(".quiz-feedback")), "explanations are hidden before checking");
      const { qs, expected, total } = await answerAll(page, (i) => i % 2 === 0);
      await page.click(".quiz-check");
      const score = `${expected} / ${total}`;
      assert.ok((await page.textContent(".quiz-score")).includes(score), `score ${score}`);
      // Right/wrong per question, with the explanation.
      for (const [i, q] of qs.entries()) {
        const cls = await page.getAttribute(`#${q.id}`, "class");
        if (q.kind === "short") {
          assert.ok(await page.isVisible(`#${q.id} .quiz-feedback`), "model answer shown");
          continue;
        }
        assert.ok(cls.includes(i % 2 === 0 ? "is-right" : "is-"), `${q.id}: ${cls}`);
        if (i % 2 === 1) assert.ok(!cls.includes("is-right"), `${q.id} answered wrong: ${cls}`);
        assert.ok(await page.isVisible(`#${q.id} .quiz-feedback`));
        assert.notEqual((await page.textContent(`#${q.id} .quiz-verdict`)).trim(), "");
      }
      // Reload: the answers and the score are still there.
      await page.reload();
      assert.ok((await page.textContent(".quiz-score")).includes(score), "score after reload");
      assert.ok(await page.isVisible(`#${qs[0].id} .quiz-feedback`));
      // 重新作答 clears answers, marks and the stored state.
      await page.click(".quiz-reset");
      assert.equal((await page.textContent(".quiz-score")).trim(), "");
      assert.equal(await page.locator(".quiz-q input:checked").count(), 0);
      await page.reload();
      assert.equal((await page.textContent(".quiz-score")).trim(), "");
      assert.equal(await page.locator(".quiz-q input:checked").count(), 0);
      await ctx.close();
    });
  }

  test("a quiz block inside a lesson checks, scores and survives a reload", async () => {
    const lessons = fs.readdirSync(path.join(SITE_DIR, "lessons")).filter((f) => f.endsWith(".html")).sort();
    const lesson = lessons.find((f) => fs.readFileSync(path.join(SITE_DIR, "lessons", f), "utf8").includes('<div class="quiz"'));
    assert.ok(lesson, "a sample lesson with a ```quiz block");
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(urlOf(`lessons/${lesson}`));
    const { total } = await answerAll(page, () => true);
    await page.click(".quiz .quiz-check");
    assert.ok((await page.textContent(".quiz .quiz-score")).includes(`${total} / ${total}`));
    await page.reload();
    assert.ok((await page.textContent(".quiz .quiz-score")).includes(`${total} / ${total}`));
    await ctx.close();
  });

  test("all right gives a full score", async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(urlOf(`quizzes/${SORTING}`));
    const { total } = await answerAll(page, () => true);
    await page.click(".quiz-check");
    assert.ok((await page.textContent(".quiz-score")).includes(`${total} / ${total}`));
    await ctx.close();
  });

  test("checking a half-answered quiz asks first; dismissed, no key is shown", async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(urlOf(`quizzes/${TRUE_FALSE}`));
    const first = await page.$eval(".quiz-q", (q) => ({ id: q.id, answer: q.dataset.answer }));
    await page.check(`#${first.id} input[value="${first.answer}"]`);
    const asked = [];
    page.once("dialog", (d) => { asked.push(d.message()); d.dismiss(); });
    await page.click(".quiz-check");
    assert.equal(asked.length, 1, "a question before the keys are shown");
    assert.match(asked[0], /未作答/);
    assert.equal((await page.textContent(".quiz-score")).trim(), "", "dismissed: not checked");
    assert.ok(!(await page.isVisible(".quiz-feedback")), "dismissed: no explanation shown");
    page.once("dialog", (d) => d.accept());
    await page.click(".quiz-check");
    assert.notEqual((await page.textContent(".quiz-score")).trim(), "", "accepted: checked");
    await ctx.close();
  });

  test("a wrongly classified item names its right group", async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(urlOf(`quizzes/${SORTING}`));
    await answerAll(page, () => false);
    await page.click(".quiz-check");
    const items = await page.$$eval(".quiz-sort li.is-wrong", (lis) =>
      lis.map((li) => {
        const q = li.closest(".quiz-q");
        const k = [...li.parentNode.children].indexOf(li);
        const key = q.dataset.answer.split(",")[k];
        const right = [...li.querySelector("select").options].find((o) => o.value === key).textContent;
        return { right, said: li.querySelector(".quiz-belongs")?.textContent ?? "" };
      }),
    );
    assert.ok(items.length > 0, "wrong items after wrong answers");
    for (const { right, said } of items) assert.equal(said, `应归入：${right}`);
    await ctx.close();
  });
});
