// The finish a student notices (issue 20), in the real site from file://:
// a jump lands below every bar stuck to the top and the on-page contents marks
// one entry; task items have one marker (pages and print); headings scale
// down to h6; form controls take the theme's colour; figures keep their
// contrast in dark mode.
//
//   SITE_DIR=/path/to/built/site COURSESITE_BIN=target/debug/coursesite \
//     node --test tests/browser/finish.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launchChromium } from "./chromium.mjs";
import { buildCourse, collectingContext, removeCourse, siteUrl } from "./course.mjs";

if (!process.env.SITE_DIR) throw new Error("SITE_DIR is not set: build the site and point SITE_DIR at it");
const SITE_DIR = fs.realpathSync(path.resolve(process.env.SITE_DIR));
const sample = (rel) => pathToFileURL(path.join(SITE_DIR, rel)).href;
const firstPage = (dir, has) =>
  fs
    .readdirSync(path.join(SITE_DIR, dir))
    .filter((f) => f.endsWith(".html") && !f.endsWith(".slides.html") && f !== "index.html")
    .sort()
    .find((f) => fs.readFileSync(path.join(SITE_DIR, dir, f), "utf8").includes(has));

const PAGE = `+++
title = "收尾检查"
+++

## 任务清单

- [ ] 准备开场白
- [x] 复习上节课

- [ ] 松散列表的一项

- [x] 第二项

## 标题层级

#### 四级标题

##### 五级标题

###### 六级标题

**加粗的段落文字**

![客户分类](img/fig.svg)

<input type="checkbox" aria-label="样例">
`;
const FIGURE =
  '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80"><text x="10" y="40" fill="#334155">坐标轴</text></svg>';

// Five reactions to the opening (as in a bank's outbound call), a loop back,
// and arrows that skip a row: the flow map's hard case.
const FIVE = `+++
title = "五种反应"
kind = "script"
+++

## 开场问候 {#open step="开场"}
坐席：您好，这里是银行客户服务中心，请问是王先生吗？

? 客户的反应
- 我现在正在开会很忙 -> #busy
- 我对这种业务完全不感兴趣 -> #nope
- 你们怎么知道我的电话号码 -> #privacy
- 好的，请说吧 -> #pitch
- 上次的投诉还没有处理完 -> #complaint

## 客户很忙 {#busy step="约时间"}
坐席：好的，那我明天上午再打给您。
-> 结束

## 不感兴趣 {#nope step="化解异议"}
坐席：理解，这次是免费服务。
? 客户
- 那你说说看 -> #pitch
- 还是不要 -> #close

## 隐私疑虑 {#privacy step="解释来源"}
坐席：您的号码是您开户时预留的。
-> #open

## 介绍业务 {#pitch step="说明价值"}
坐席：这项服务可以帮您节省手续费。

## 礼貌结束通话 {#close step="结束"}
坐席：感谢您的接听，祝您生活愉快。
-> 结束

## 先处理投诉 {#complaint step="转接投诉"}
坐席：非常抱歉，我马上为您转接投诉专员。
-> #close
`;

let dir;
let browser;
const errors = [];
before(async () => {
  dir = buildCourse("finish", {
    "course.toml": 'title = "收尾"\n',
    "content/index.md": "# 首页\n\n见 [收尾检查](page.md)。\n",
    "content/page.md": PAGE,
    "content/img/fig.svg": FIGURE,
    "content/scripts/five.md": FIVE,
  });
  browser = await launchChromium();
});
after(async () => {
  if (browser) await browser.close();
  removeCourse(dir);
  assert.deepEqual(errors, [], "no script errors");
});
const context = (options) => collectingContext(browser, errors, options);
/** A new context with `options` and a page at `url` in it. */
async function open(url, options) {
  const ctx = await context(options);
  const page = await ctx.newPage();
  await page.goto(url);
  return { ctx, page };
}

describe("the finish", () => {
  test("a jump to a script node lands below the top bar and the toolbar; the contents mark one entry", async () => {
    const script = firstPage("scripts", "script-toolbar");
    assert.ok(script, "a sample script page with its toolbar");
    for (const width of [1280, 360]) {
      const { ctx, page } = await open(sample(`scripts/${script}`), { viewport: { width, height: 780 } });
      const ids = await page.$$eval(".content h2[id]", (hs) => hs.map((h) => h.id));
      assert.ok(ids.length >= 3, `nodes on ${script}`);
      for (const id of [ids[2], ids[ids.length - 1]]) {
        await page.evaluate((id) => { location.hash = encodeURIComponent(id); }, id);
        await page.waitForTimeout(150);
        const { top, covered } = await page.evaluate((id) => {
          const h = document.getElementById(id);
          const bars = [...document.querySelectorAll(".topbar, .script-toolbar")].filter((b) => getComputedStyle(b).position === "sticky");
          return { top: h.getBoundingClientRect().top, covered: Math.max(...bars.map((b) => b.getBoundingClientRect().bottom)) };
        }, id);
        // The page may end before the heading can reach the top: then it is lower, never under a bar.
        assert.ok(top >= covered - 1, `${width}px, #${id}: heading at ${top}, bars end at ${covered}`);
      }
      if (width === 1280) {
        const active = await page.$$eval(".toc a.is-active", (as) => as.length);
        assert.ok(active <= 1, `${active} contents entries marked at once`);
      }
      await ctx.close();
    }
  });

  test("a script's step labels are inside the content column, at 1280 and 360 px", async () => {
    const script = firstPage("scripts", "script-step");
    assert.ok(script, "a sample script with step labels");
    for (const width of [1280, 1600, 360]) {
      const { ctx, page } = await open(sample(`scripts/${script}`), { viewport: { width, height: 900 } });
      await page.click(".script-all"); // 显示全部: every node
      const out = await page.$$eval(".script-step span", (labels) => {
        const column = document.querySelector(".content").getBoundingClientRect();
        return labels
          .map((l) => ({ text: l.textContent, box: l.getBoundingClientRect() }))
          .filter(({ box }) => box.width > 0 && (box.left < column.left - 1 || box.right > column.right + 1))
          .map(({ text }) => text);
      });
      assert.deepEqual(out, [], `${width}px: labels outside the column`);
      await ctx.close();
    }
  });

  test("a short table cell stays on one line at 360 px", async () => {
    const script = firstPage("scripts", "objection-table");
    const lesson = firstPage("lessons", "<table");
    const ctx = await context({ viewport: { width: 360, height: 780 } });
    const page = await ctx.newPage();
    for (const rel of [`scripts/${script}`, `lessons/${lesson}`]) {
      await page.goto(sample(rel));
      const split = await page.$$eval(".content td, .content th", (cells) =>
        cells
          .map((c) => {
            const range = document.createRange();
            range.selectNodeContents(c);
            const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom)));
            return { text: c.textContent.trim(), lines: lines.size };
          })
          .filter((c) => c.text.length > 1 && c.text.length <= 6 && c.lines > 1)
          .map((c) => c.text),
      );
      assert.deepEqual(split, [], `${rel}: short cells split over lines`);
    }
    await ctx.close();
  });

  test("a task item shows its checkbox and no bullet, on screen and in print", async () => {
    const { ctx, page } = await open(siteUrl(dir, "page.html"), { viewport: { width: 1280, height: 900 } });
    for (const media of ["screen", "print"]) {
      await page.emulateMedia({ media });
      const items = await page.$$eval("li:has(input[type=checkbox])", (lis) =>
        lis.map((li) => ({ marker: getComputedStyle(li).listStyleType, boxes: li.querySelectorAll("input").length })),
      );
      assert.equal(items.length, 4, `${media}: four task items`);
      for (const item of items) assert.deepEqual(item, { marker: "none", boxes: 1 }, media);
    }
    await ctx.close();
  });

  test("headings scale down to h6, none weaker than a bold paragraph", async () => {
    const { ctx, page } = await open(siteUrl(dir, "page.html"), { viewport: { width: 1280, height: 900 } });
    const style = await page.evaluate(() => {
      const of = (sel) => {
        const s = getComputedStyle(document.querySelector(sel));
        return { size: parseFloat(s.fontSize), weight: Number(s.fontWeight), wrap: s.textWrapStyle || s.textWrap };
      };
      return { h4: of(".content h4"), h5: of(".content h5"), h6: of(".content h6"), p: of(".content p") };
    });
    assert.ok(style.h4.size > style.h5.size && style.h5.size > style.h6.size, JSON.stringify(style));
    for (const h of [style.h4, style.h5, style.h6]) {
      assert.ok(h.weight >= 700, `heading weight ${h.weight}`);
      assert.match(String(h.wrap), /balance/);
    }
    assert.ok(style.h6.size >= style.p.size * 0.9, "h6 is not smaller than body text by much");
    await ctx.close();
  });

  test("form controls take the theme's colour; figures sit on a light card in dark mode", async () => {
    for (const colorScheme of ["light", "dark"]) {
      const { ctx, page } = await open(siteUrl(dir, "page.html"), { viewport: { width: 360, height: 780 }, colorScheme });
      const got = await page.evaluate(() => {
        const accent = getComputedStyle(document.documentElement).getPropertyValue("--accent").trim();
        const probe = document.createElement("span");
        probe.style.color = accent;
        document.body.appendChild(probe);
        const want = getComputedStyle(probe).color;
        const input = document.querySelector(".content input[type=checkbox]");
        const img = document.querySelector(".content img");
        return { want, accent: getComputedStyle(input).accentColor, card: getComputedStyle(img).backgroundColor };
      });
      assert.equal(got.accent, got.want, `${colorScheme}: accent-color`);
      if (colorScheme === "dark") assert.equal(got.card, "rgb(255, 255, 255)", "a figure's card in dark mode");
      else assert.notEqual(got.card, "rgb(255, 255, 255)", "no card in light mode");
      await ctx.close();
    }
  });

  test("the term tooltip leads on to the glossary", async () => {
    const lesson = firstPage("lessons", 'class="term"');
    const { ctx, page } = await open(sample(`lessons/${lesson}`), { viewport: { width: 1280, height: 900 } });
    const term = page.locator("a.term").first();
    await term.scrollIntoViewIfNeeded();
    await term.hover();
    const more = page.locator(".term-tip:not([hidden]) a.term-tip-more");
    assert.equal(await more.textContent(), "查看术语表 →");
    assert.equal(await more.getAttribute("href"), await term.evaluate((a) => a.href));
    await ctx.close();
  });

  test("on a phone the menu has a close button and every way around is a 44 px target", async () => {
    const script = firstPage("scripts", "script-toolbar");
    const { ctx, page } = await open(sample(`scripts/${script}`), { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });
    await page.click(".menu-toggle");
    assert.ok(await page.evaluate(() => document.body.classList.contains("nav-open")));
    const small = await page.evaluate(() =>
      [...document.querySelectorAll(".nav-tree a, .breadcrumbs a, .script-toolbar button, .menu-toggle, .menu-close")]
        .filter((el) => el.offsetParent !== null)
        .map((el) => ({ what: el.textContent.trim() || el.className, h: el.getBoundingClientRect().height }))
        .filter(({ h }) => h < 43.5),
    );
    assert.deepEqual(small, [], "targets under 44 px");
    await page.click(".menu-close");
    assert.ok(!(await page.evaluate(() => document.body.classList.contains("nav-open"))), "closed");
    assert.equal(await page.evaluate(() => document.activeElement.className), "menu-toggle", "focus back on the menu button");
    await ctx.close();
  });

  test("in print a heading never ends a page without its text", async () => {
    const { ctx, page } = await open(siteUrl(dir, "page.html"), { viewport: { width: 1280, height: 900 } });
    await page.emulateMedia({ media: "print" });
    const breaks = await page.$$eval(".content h2, .content h4, .content h5, .content h6", (hs) => hs.map((h) => getComputedStyle(h).breakAfter));
    assert.ok(breaks.length >= 4 && breaks.every((b) => b === "avoid"), breaks.join(", "));
    await ctx.close();
  });

  test("the home page opens with 开始学习 → and cards above the fold; a checked quiz's card shows its score", async () => {
    const quiz = firstPage("quizzes", 'class="quiz"');
    const { ctx, page } = await open(sample("index.html"), { viewport: { width: 1280, height: 900 } });
    const start = page.locator(".hero .start-link");
    assert.equal(await start.textContent(), "开始学习 →");
    const box = await start.boundingBox();
    assert.ok(box && box.y + box.height <= 900, `开始学习 at ${box?.y}`);
    const firstCard = await page.locator(".card").first().boundingBox();
    assert.ok(firstCard && firstCard.y < 900, `first card at ${firstCard?.y}`);
    assert.match(await start.getAttribute("href"), /lessons/);
    assert.equal(await page.locator(".card-score").count(), 0, "no score before any quiz is checked");
    // Check a quiz, then come back: its card carries the score.
    await page.goto(sample(`quizzes/${quiz}`));
    page.on("dialog", (d) => d.accept());
    await page.click(".quiz-check");
    const score = (await page.getAttribute(".quiz", "data-score")).split("/");
    for (const where of ["index.html", "quizzes/index.html"]) {
      await page.goto(sample(where));
      const tag = page.locator(`.card.kind-quiz:has(a[href$="${quiz}"]) .card-score`);
      assert.equal(await tag.textContent(), `得分：${score[0]} / ${score[1]}`, where);
    }
    await ctx.close();
  });

  test("a long page on a phone: contents and back-to-top at hand, reading progress; a one-row glossary bar", async () => {
    const lesson = firstPage("lessons", 'class="toc"');
    const { ctx, page } = await open(sample(`lessons/${lesson}`), { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });
    const contents = page.locator(".page-tools-toc");
    assert.ok(await contents.isVisible(), "本页内容 at hand without scrolling");
    assert.ok(!(await page.locator(".page-tools-top").isVisible()), "no back-to-top at the top");
    await contents.click();
    const links = await page.$$eval(".page-tools-panel a", (as) => as.map((a) => a.getAttribute("href")));
    const toc = await page.$$eval(".toc a", (as) => as.map((a) => a.getAttribute("href")));
    assert.deepEqual(links, toc);
    await page.locator(".page-tools-panel a").last().click();
    assert.ok(!(await page.locator(".page-tools-panel").isVisible()), "the panel closes on a jump");
    assert.ok((await page.evaluate(() => window.scrollY)) > 780, "jumped down the page");
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(100);
    const progress = await page.$eval(".read-progress", (b) => new DOMMatrix(getComputedStyle(b).transform).a);
    assert.ok(progress > 0.95, `progress bar at ${progress}`);
    await page.click(".page-tools-top");
    assert.equal(await page.evaluate(() => window.scrollY), 0);
    await page.goto(sample("glossary.html"));
    const bars = await page.evaluate(() => {
      const h = (sel) => document.querySelector(sel).getBoundingClientRect().height;
      return { letters: h(".letter-bar"), top: h(".topbar") };
    });
    assert.ok(bars.letters < 60, `letter bar ${bars.letters}px: one row`);
    assert.ok((bars.letters + bars.top) / 780 < 0.15, `bars take ${Math.round(((bars.letters + bars.top) / 780) * 100)} % of the screen`);
    await ctx.close();
    const wide = await context({ viewport: { width: 1280, height: 900 } });
    const desk = await wide.newPage();
    await desk.goto(sample(`lessons/${lesson}`));
    assert.ok(!(await desk.locator(".page-tools").isVisible()), "no floating buttons on a desktop");
    await wide.close();
  });

  test("on a phone a figure opens full screen at twice the width, and a deck held upright says to turn it", async () => {
    const lesson = firstPage("lessons", "<img");
    const { ctx, page } = await open(sample(`lessons/${lesson}`), { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });
    const img = page.locator(".content img").first();
    await img.scrollIntoViewIfNeeded();
    await img.click();
    const zoom = page.locator(".img-zoom");
    assert.ok(await zoom.isVisible(), "the figure opened");
    const sizes = await page.$eval(".img-zoom", (z) => ({ picture: z.querySelector("img").getBoundingClientRect().width, scroll: z.scrollWidth, view: z.clientWidth }));
    assert.ok(sizes.picture >= 700 && sizes.scroll > sizes.view, JSON.stringify(sizes));
    assert.equal(await page.evaluate(() => document.activeElement.className), "img-zoom-close");
    await page.keyboard.press("Escape");
    assert.equal(await zoom.count(), 0, "Esc closes it");
    await img.click();
    await page.click(".img-zoom-close");
    assert.equal(await zoom.count(), 0, "the close button closes it");
    // A deck: upright on a phone, the hint and the way to the page; sideways, none.
    const deck = fs.readdirSync(path.join(SITE_DIR, "lessons")).find((f) => f.endsWith(".slides.html"));
    await page.goto(sample(`lessons/${deck}`));
    const hint = page.locator(".rotate-hint");
    assert.ok(await hint.isVisible(), "the rotate hint, upright");
    assert.match(await hint.locator("a").getAttribute("href"), /\.html$/);
    await page.setViewportSize({ width: 780, height: 360 });
    assert.ok(!(await hint.isVisible()), "no hint held sideways");
    await ctx.close();
  });

  test("the teacher edition's top bar: the search box stays at the right (then the colour-scheme button), the title whole on a phone", async () => {
    const teacher = process.env.TEACHER_SITE_DIR;
    assert.ok(teacher, "TEACHER_SITE_DIR is set");
    const home = pathToFileURL(path.join(fs.realpathSync(teacher), "index.html")).href;
    for (const width of [1280, 360]) {
      const { ctx, page } = await open(home, { viewport: { width, height: 780 } });
      const bar = await page.evaluate(() => {
        const r = (sel) => document.querySelector(sel).getBoundingClientRect();
        const brand = document.querySelector(".brand");
        return { search: r(".search"), toggle: r(".theme-toggle"), badge: r(".teacher-badge"), brand: r(".brand"), cut: brand.scrollWidth > brand.clientWidth };
      });
      // At the right: only the colour-scheme button comes after it.
      assert.ok(bar.toggle.right >= width - 24, `${width}px: the colour-scheme button ends at ${bar.toggle.right}`);
      assert.ok(bar.search.right <= bar.toggle.left && bar.toggle.left - bar.search.right <= 16, `${width}px: search box ends at ${bar.search.right}`);
      assert.ok(bar.badge.left >= bar.brand.right && bar.badge.right <= bar.search.left, `${width}px: the badge sits between title and search`);
      assert.ok(!bar.cut, `${width}px: the title is cut`);
      await ctx.close();
    }
  });

  test("a printed call script names the step each choice leads to", async () => {
    const script = firstPage("scripts", 'data-target="busy"');
    const { ctx, page } = await open(sample(`scripts/${script}`), { viewport: { width: 1280, height: 900 } });
    await page.emulateMedia({ media: "print" });
    const shown = await page.$$eval(".script-branch .script-choice", (as) =>
      as.map((a) => ({ after: getComputedStyle(a, "::after").content, title: document.getElementById(a.dataset.target).textContent.trim() })),
    );
    assert.ok(shown.length >= 2, "choices on the sample script");
    for (const { after, title } of shown) assert.equal(after, `" → ${title}"`);
    await ctx.close();
  });
  test("a five-branch flow map fits the desktop column whole; on a phone it scrolls and says so", async () => {
    for (const [width, fits] of [[1280, true], [360, false]]) {
      const { ctx, page } = await open(siteUrl(dir, "scripts/five.html"), { viewport: { width, height: 800 } });
      const [scroll, client] = await page.$eval(".flowmap-scroll", (el) => [el.scrollWidth, el.clientWidth]);
      assert.equal(scroll <= client + 1, fits, `${width}px: map ${scroll}px in ${client}px`);
      assert.equal(await page.isVisible(".flowmap-swipe"), !fits);
      // Every reaction is on the map whole (wrapped, never cut with …).
      const labels = await page.$$eval(".flowmap .fm-label", (ts) => ts.map((t) => [...t.querySelectorAll("tspan")].map((s) => s.textContent).join("")));
      for (const reaction of ["我现在正在开会很忙", "我对这种业务完全不感兴趣", "你们怎么知道我的电话号码", "上次的投诉还没有处理完"]) {
        assert.ok(labels.includes(reaction), `${reaction} in ${labels}`);
      }
      // No box is drawn over another, and at 1280 none is outside the column.
      const boxes = await page.$$eval(".flowmap .fm-node rect", (rs) => rs.map((r) => r.getBoundingClientRect().toJSON()));
      const frame = await page.$eval(".flowmap-scroll", (el) => el.getBoundingClientRect().toJSON());
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          assert.ok(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top, "boxes overlap");
        }
        if (fits) assert.ok(a.left >= frame.left - 1 && a.right <= frame.right + 1, `box clipped at ${a.left}..${a.right}`);
      }
      await ctx.close();
    }
  });

  test("404.html opened from file:// is styled, in both editions", async () => {
    const teacher = fs.realpathSync(path.resolve(process.env.TEACHER_SITE_DIR));
    for (const url of [sample("404.html"), pathToFileURL(path.join(teacher, "404.html")).href]) {
      const { ctx, page } = await open(url, { viewport: { width: 1280, height: 900 } });
      await page.waitForLoadState("load");
      assert.equal(await page.$eval(".topbar", (b) => getComputedStyle(b).position), "sticky", url);
      assert.notEqual(await page.$eval("body", (b) => getComputedStyle(b).fontFamily), "", url);
      // The sheet that styled it is the site's own, found next to the page.
      const sheets = await page.$$eval('link[rel="stylesheet"]', (ls) => ls.filter((l) => l.sheet).map((l) => l.href));
      assert.ok(sheets.includes(new URL("theme/style.css", url).href), `${url}: ${sheets}`);
      await ctx.close();
    }
  });
});
