// Browser test for math (`$…$`, `$$…$$`, written as MathML at build time) and
// for collapsibles (`??? type "标题"`, `???+`, `::: details`, `> [!TIP]-`,
// `> [!NOTE]+`, raw `<details>`) in a course of its own, built by the real
// binary and opened from file://: every formula has a size, a display fraction
// is taller than a line, a superscript sits above its base and display limits
// above and below the ∑, display math is centred and stays inside a 360 px
// column, a formula that did not render shows its TeX in a caution box; every
// collapsible opens and closes by click, Enter and Space, with and without
// JavaScript (they are native <details>).
//
//   COURSESITE_BIN=target/debug/coursesite node --test --test-reporter=spec tests/browser/math.test.mjs
//
// COURSESITE_BIN defaults to target/debug/coursesite of this repository.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { launchChromium } from "./chromium.mjs";
import { buildCourse, collectingContext, removeCourse, siteUrl } from "./course.mjs";
import { HOOK } from "./timeouts.mjs";

const LONG = "f(x) = a_0 + a_1 x + a_2 x^2 + a_3 x^3 + a_4 x^4 + a_5 x^5 + a_6 x^6 + a_7 x^7 + a_8 x^8 + a_9 x^9 + a_{10} x^{10}";
const MATH = `# 公式

行内公式 $x^2$ 与 $a_i$。

$$\\frac{a+b}{2c}$$

求和：

$$\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}$$

很长的公式：

$$${LONG}$$

错误：$\\frac{1$ 之后的文字。

$$\\frac{1}{$$

错误之后的公式 $y^3$ 照常。
`;
// On a page of its own, so that it does not decide the display-math test at 360 px.
const INLINE = "# 行内\n\n行内长公式 $f(x) = a_0 + a_1 x + a_2 x^2 + a_3 x^3 + a_4 x^4 + a_5 x^5 + a_6 x^6 + a_7 x^7$ 结束。\n";

// Each collapsible: its summary, the text of its body, open at first or not.
const FOLDS = [
  { summary: "参考答案", body: "答案甲", open: false, md: '??? success "参考答案"\n\n    答案甲\n' },
  { summary: "展开", body: "答案乙", open: true, md: '???+ note "展开"\n\n    答案乙\n' },
  { summary: "点击查看", body: "答案丙", open: false, md: "::: details 点击查看\n答案丙\n:::\n" },
  { summary: "小提示", body: "答案丁", open: false, md: "> [!TIP]- 小提示\n> 答案丁\n" },
  { summary: "说明", body: "答案戊", open: true, md: "> [!NOTE]+\n> 答案戊\n" },
  { summary: "看答案", body: "答案正文", open: false, md: "<details><summary>看答案</summary>答案正文</details>\n" },
];

let dir;
let browser;
const errors = [];
before(async () => {
  dir = buildCourse("math", {
    "course.toml": 'title = "公式与折叠"\n',
    "content/index.md": "# 首页\n\n见 [公式](math.md) 与 [折叠](fold.md)。\n",
    "content/math.md": MATH,
    "content/inline.md": INLINE,
    "content/fold.md": `# 折叠\n\n${FOLDS.map((f) => f.md).join("\n")}\n结尾段落。\n`,
  }); // the two TeX errors are warnings on stderr, not a failed build
  browser = await launchChromium();
}, HOOK);
after(async () => {
  if (browser) await browser.close();
  removeCourse(dir);
  assert.deepEqual(errors, [], "no script errors on pages with math and collapsibles");
});

const url = (rel) => siteUrl(dir, rel);

const context = (options) => collectingContext(browser, errors, options);

async function open(rel, options) {
  const ctx = await context(options);
  const page = await ctx.newPage();
  await page.goto(url(rel));
  return { ctx, page };
}

/** A rounded bounding box, for messages that show what was measured. */
const BOX = `(e) => { const r = e.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height }; }`;

describe("math", () => {
  test("the build writes MathML, and the TeX that failed as code.math-error", () => {
    const html = fs.readFileSync(path.join(dir, "site/math.html"), "utf8");
    const content = html.slice(html.indexOf('<div class="content">'));
    assert.equal((content.match(/<math display="inline">/g) || []).length, 3, "three inline formulas rendered");
    assert.equal((content.match(/<span class="math-display"><math display="block">/g) || []).length, 3, "three display formulas rendered");
    assert.match(content, /<code class="math-error" title="[^"]+">\\frac\{1<\/code> 之后的文字/);
    assert.match(content, /<span class="math-display"><code class="math-error" title="[^"]+">\\frac\{1\}\{<\/code><\/span>/);
    assert.doesNotMatch(content, /\$/, "no dollar sign left in the page");
  });

  test("every formula has a size; fraction, superscript, subscript and limits are laid out", async () => {
    const { ctx, page } = await open("math.html");
    const m = await page.evaluate((BOX) => {
      const box = eval(BOX);
      const content = document.querySelector(".content");
      const para = [...content.querySelectorAll("p")].find((p) => p.textContent === "求和：");
      const msup = content.querySelector("msup");
      const msub = content.querySelector("msub");
      const mfrac = content.querySelector(".math-display mfrac");
      const under = content.querySelector(".math-display munderover");
      return {
        maths: [...content.querySelectorAll("math")].map((e) => ({ tex: e.querySelector("annotation").textContent, ...box(e) })),
        line: box(para).height,
        lineHeight: parseFloat(getComputedStyle(para).lineHeight),
        frac: box(mfrac),
        fracParts: [...mfrac.children].map(box),
        sup: [...msup.children].map(box),
        sub: [...msub.children].map(box),
        sum: [...under.children].map(box),
        sumText: under.firstElementChild.textContent,
      };
    }, BOX);
    assert.equal(m.maths.length, 6);
    for (const f of m.maths) assert.ok(f.width > 0 && f.height > 0, `formula ${f.tex} has a size: ${f.width}×${f.height}`);

    assert.ok(m.line < 1.5 * m.lineHeight, `the paragraph measured is one line (${m.line} px, line-height ${m.lineHeight} px)`);
    assert.ok(
      m.frac.height > m.line && m.frac.height > m.lineHeight,
      `display fraction (${m.frac.height} px) taller than a line of text (${m.line} px, line-height ${m.lineHeight} px)`,
    );
    const [num, den] = m.fracParts;
    assert.ok(num.bottom <= den.top + 1, `numerator (bottom ${num.bottom}) above denominator (top ${den.top})`);

    const [base, sup] = m.sup;
    assert.ok(sup.top < base.top, `x² superscript top ${sup.top} above base top ${base.top}`);
    assert.ok(sup.left >= base.right - 1, `superscript (left ${sup.left}) right of its base (right ${base.right})`);
    const [subBase, sub] = m.sub;
    assert.ok(sub.bottom > subBase.bottom, `a_i subscript bottom ${sub.bottom} below base bottom ${subBase.bottom}`);

    assert.equal(m.sumText, "∑");
    const [op, lower, upper] = m.sum;
    assert.ok(upper.bottom <= op.top + 1, `∑ upper limit (bottom ${upper.bottom}) above the sign (top ${op.top})`);
    assert.ok(lower.top >= op.bottom - 1, `∑ lower limit (top ${lower.top}) below the sign (bottom ${op.bottom})`);
    for (const [name, lim] of [["upper", upper], ["lower", lower]]) {
      assert.ok(lim.left < op.right && lim.right > op.left, `${name} limit [${lim.left}, ${lim.right}] overlaps the sign [${op.left}, ${op.right}] horizontally (stacked, not beside it)`);
    }
    await ctx.close();
  });

  test("in display math ∑ is a large operator, drawn from a math font", async () => {
    const { ctx, page } = await open("math.html");
    const m = await page.evaluate(() => {
      const h = (e) => e.getBoundingClientRect().height;
      const op = document.querySelector(".math-display munderover > mo");
      return { sum: h(op), letter: h(op.parentElement.nextElementSibling) };
    });
    // TeX's display ∑ is about twice a letter's height (DejaVu Math TeX Gyre: 28 px to 17.6 px text).
    assert.ok(m.sum >= 1.5 * m.letter, `display ∑ is ${m.sum} px tall, the letter i beside it ${m.letter} px`);
    await ctx.close();
  });

  for (const width of [1280, 360]) {
    test(`display math is centred and stays inside the column at ${width} px`, async () => {
      const { ctx, page } = await open("math.html", { viewport: { width, height: 740 } });
      const m = await page.evaluate((BOX) => {
        const box = eval(BOX);
        return {
          scrollWidth: document.documentElement.scrollWidth,
          content: box(document.querySelector(".content")),
          displays: [...document.querySelectorAll(".math-display")].filter((d) => d.querySelector("math")).map((d) => {
            const row = d.querySelector("math > semantics > mrow");
            const out = { tex: d.querySelector("annotation").textContent, box: box(d), row: box(row), scrollWidth: d.scrollWidth, clientWidth: d.clientWidth };
            d.scrollLeft = d.scrollWidth;
            out.lastScrolled = box(row.lastElementChild);
            d.scrollLeft = 0;
            out.first = box(row.firstElementChild);
            return out;
          }),
        };
      }, BOX);
      assert.ok(m.scrollWidth <= width + 1, `page does not scroll sideways: scrollWidth ${m.scrollWidth} at ${width} px`);
      assert.equal(m.displays.length, 3);
      for (const d of m.displays) {
        assert.ok(d.box.left >= m.content.left - 1 && d.box.right <= m.content.right + 1, `${d.tex}: box [${d.box.left}, ${d.box.right}] inside the column [${m.content.left}, ${m.content.right}]`);
        assert.ok(d.box.right <= width + 1, `${d.tex}: right edge ${d.box.right} inside the ${width} px viewport`);
        if (d.scrollWidth <= d.clientWidth) {
          const mid = (d.row.left + d.row.right) / 2;
          const colMid = (d.box.left + d.box.right) / 2;
          assert.ok(Math.abs(mid - colMid) <= 2, `${d.tex}: centred (formula middle ${mid}, column middle ${colMid})`);
        } else {
          // Too wide for the column: it scrolls in its own box, from its start to its end.
          assert.ok(d.first.left >= d.box.left - 1, `${d.tex}: start (left ${d.first.left}) reachable, not cut off left of ${d.box.left}`);
          assert.ok(d.lastScrolled.right <= d.box.right + 1, `${d.tex}: end (right ${d.lastScrolled.right}) reachable by scrolling to ${d.box.right}`);
        }
      }
      const long = m.displays.find((d) => d.tex.startsWith("f(x)"));
      if (width === 360) assert.ok(long.scrollWidth > long.clientWidth, `the long formula (${long.scrollWidth} px) scrolls inside its ${long.clientWidth} px box`);
      await ctx.close();
    });
  }

  test("a long inline formula does not widen the page at 360 px", async () => {
    const { ctx, page } = await open("inline.html", { viewport: { width: 360, height: 740 } });
    const m = await page.evaluate((BOX) => {
      const box = eval(BOX);
      const p = [...document.querySelectorAll(".content p")].find((e) => e.textContent.startsWith("行内长公式"));
      const wide = p.querySelector(".math-wide");
      return {
        box: wide && box(wide),
        scrolls: wide && wide.scrollWidth > wide.clientWidth,
        scrollWidth: document.documentElement.scrollWidth,
      };
    }, BOX);
    assert.ok(m.box, "the long inline formula sits in a .math-wide box");
    assert.ok(m.box.right <= 360 + 1, `its box's right edge ${m.box.right} inside the 360 px viewport`);
    assert.ok(m.scrolls, "the formula scrolls sideways inside its box");
    assert.ok(m.scrollWidth <= 360 + 1, `page does not scroll sideways: scrollWidth ${m.scrollWidth}`);
    await ctx.close();
  });

  test("a TeX error shows its source in a caution box and the page goes on", async () => {
    const { ctx, page } = await open("math.html");
    const errs = page.locator(".content code.math-error");
    assert.equal(await errs.count(), 2);
    assert.deepEqual(await errs.allTextContents(), ["\\frac{1", "\\frac{1}{"]);
    for (const e of await errs.all()) {
      assert.ok(await e.isVisible());
      assert.ok((await e.getAttribute("title")).length > 0, "the error message is in the title");
      const s = await e.evaluate((el) => {
        const cs = getComputedStyle(el);
        const p = getComputedStyle(el.closest("p"));
        return { border: cs.borderTopStyle, bg: cs.backgroundColor, color: cs.color, pColor: p.color };
      });
      assert.equal(s.border, "dashed", "a dashed border marks the box");
      assert.notEqual(s.bg, "rgba(0, 0, 0, 0)", "the box has a background");
      assert.notEqual(s.color, s.pColor, `its text colour (${s.color}) differs from the paragraph's (${s.pColor})`);
    }
    assert.ok(await page.getByText("之后的文字").isVisible(), "the text after the error shows");
    const after = await page.locator("p", { hasText: "错误之后的公式" }).locator("math").evaluate((e) => e.getBoundingClientRect().height);
    assert.ok(after > 0, "a formula after the errors still renders");
    await ctx.close();
  });

  test("in dark mode formulas take the text colour", async () => {
    const { ctx, page } = await open("math.html", { colorScheme: "dark" });
    const c = await page.evaluate(() => {
      const p = [...document.querySelectorAll(".content p")].find((e) => e.textContent.startsWith("行内公式"));
      return { p: getComputedStyle(p).color, math: getComputedStyle(p.querySelector("mi")).color, body: getComputedStyle(document.body).backgroundColor };
    });
    assert.equal(c.math, c.p, `formula colour ${c.math} is the paragraph's ${c.p} (page background ${c.body})`);
    await ctx.close();
  });
});

/** Whether the text is on screen: hit-testing the middle of it finds it (closed <details> content is laid out but not rendered, so its rectangles alone do not tell). */
const shown = (page, text) =>
  page.evaluate((text) => {
    const walk = document.createTreeWalker(document.querySelector(".content"), NodeFilter.SHOW_TEXT);
    for (let n; (n = walk.nextNode()); ) {
      if (!n.data.includes(text)) continue;
      n.parentElement.closest("details").scrollIntoView({ block: "center" });
      const range = document.createRange();
      range.selectNodeContents(n);
      const r = range.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return false;
      const hit = document.caretPositionFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return !!hit && hit.offsetNode === n;
    }
    throw new Error(`text ${text} not in the page`);
  }, text);

describe("collapsibles", () => {
  test("the build writes each as a native <details>", () => {
    const html = fs.readFileSync(path.join(dir, "site/fold.html"), "utf8");
    const details = [...html.matchAll(/<details([^>]*)>\s*<summary[^>]*>([^<]*)<\/summary>/g)].map((m) => ({ summary: m[2], open: /\sopen(\s|$)/.test(m[1]) }));
    assert.deepEqual(details, FOLDS.map((f) => ({ summary: f.summary, open: f.open })));
  });

  for (const js of [true, false]) {
    test(`click, Enter and Space open and close each ${js ? "with" : "without"} JavaScript`, async () => {
      const { ctx, page } = await open("fold.html", { javaScriptEnabled: js });
      for (const f of FOLDS) {
        const summary = page.locator(".content summary", { hasText: f.summary });
        assert.equal(await summary.count(), 1, `one summary ${f.summary}`);
        const is = async (want, how) => assert.equal(await shown(page, f.body), want, `${f.summary}: body ${want ? "shown" : "hidden"} ${how}`);
        await is(f.open, "at first");
        await summary.click();
        await is(!f.open, "after a click");
        await summary.click();
        await is(f.open, "after a second click");
        await summary.focus();
        assert.equal(await page.evaluate(() => document.activeElement.textContent), f.summary, "the summary takes focus");
        await page.keyboard.press("Enter");
        await is(!f.open, "after Enter");
        await page.keyboard.press("Enter");
        await is(f.open, "after Enter again");
        await page.keyboard.press("Space");
        await is(!f.open, "after Space");
        await page.keyboard.press("Space");
        await is(f.open, "after Space again");
      }
      // Tab goes from one summary to the next (each is in the tab order).
      await page.locator(".content summary").first().focus();
      const reached = [await page.evaluate(() => document.activeElement.textContent)];
      for (let i = 1; i < FOLDS.length; i++) {
        await page.keyboard.press("Tab");
        reached.push(await page.evaluate(() => document.activeElement.textContent));
      }
      assert.deepEqual(reached, FOLDS.map((f) => f.summary), "Tab reaches every summary in order");
      await page.keyboard.press("Enter");
      assert.equal(await shown(page, FOLDS.at(-1).body), !FOLDS.at(-1).open, "Enter opens the summary reached by Tab");
      await ctx.close();
    });
  }
});
