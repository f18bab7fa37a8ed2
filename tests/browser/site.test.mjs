// Browser tests for a site built by coursesite: they drive the real pages in
// headless Chromium from file:// URLs (no server), with keys and clicks.
//
//   SITE_DIR=/path/to/built/site node --test --test-reporter=spec tests/browser/
//
// SITE_DIR is required (scripts/test.sh builds the sample course into a temp
// folder and sets it). CHROMIUM_PATH overrides the browser (default: Debian's
// /usr/bin/chromium; `npx playwright install` is not used).

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
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!fs.existsSync(CHROMIUM_PATH)) {
  throw new Error(`Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
}

const MAX_STEPS = 500; // bound for the 下一页 / 上一页 walks
const NOT_FOUND = "404.html"; // served by hosts at any URL, so it uses base_path-absolute links

// Every HTML page of the built site, relative to SITE_DIR with "/" separators.
const ALL_HTML = listHtml(SITE_DIR);
const PAGES = ALL_HTML.filter((p) => p !== NOT_FOUND);

function bodyClasses(rel) {
  const html = fs.readFileSync(path.join(SITE_DIR, rel), "utf8");
  const m = html.match(/<body[^>]*\sclass="([^"]*)"/);
  return m ? m[1].split(/\s+/) : [];
}
const LESSON_FILES = PAGES.filter((p) => bodyClasses(p).includes("kind-lesson"));
const CASE_FILES = PAGES.filter((p) => bodyClasses(p).includes("kind-case"));

const urlOf = (rel) => pathToFileURL(path.join(SITE_DIR, rel)).href;
const stripHash = (u) => {
  const x = new URL(u);
  x.hash = "";
  return x.href;
};
/** Site-relative name of a file:// URL, for messages. */
const nameOf = (u) => {
  try {
    return path.relative(SITE_DIR, fileURLToPath(stripHash(u))).split(path.sep).join("/") || ".";
  } catch {
    return u;
  }
};

// One browser for the file; a fresh context per test group. Every context
// records its requests, failed loads and script errors, checked at the end.
let browser;
const requests = []; // { url, from }
const failedLoads = []; // { url, error, from }
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
  const from = (req) => {
    try {
      return req.frame().url();
    } catch {
      return "";
    }
  };
  context.on("request", (req) => requests.push({ url: req.url(), from: from(req) }));
  context.on("requestfailed", (req) => failedLoads.push({ url: req.url(), error: req.failure()?.errorText ?? "?", from: from(req) }));
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

/** Run action() and wait until the page has loaded `target`; fail clearly otherwise. */
async function expectNavigation(page, target, action, what, timeout = 10_000) {
  try {
    await Promise.all([
      page.waitForURL((u) => stripHash(u.href) === stripHash(target), { waitUntil: "load", timeout }),
      action(),
    ]);
  } catch (err) {
    assert.fail(`${what}: expected to open ${nameOf(target)}, but the page is ${nameOf(page.url())} (${String(err.message).split("\n")[0]})`);
  }
}

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

  test("clicking 下一页 from the home page visits every lesson in order, and 上一页 leads back", async (t) => {
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

// ------------------------------------------------------- phone, 360 px ---

describe("phone viewport 360×740", () => {
  let context;
  before(async () => {
    // isMobile stays false on purpose: mobile emulation zooms out a page that
    // overflows, which would hide exactly the horizontal scroll we look for.
    context = await newContext({ viewport: { width: 360, height: 740 }, hasTouch: true });
  });
  after(async () => {
    await context.close();
  });

  const overflow = (page) =>
    page.evaluate(() => {
      const doc = document.documentElement;
      const w = window.innerWidth;
      const culprits = [];
      if (doc.scrollWidth > w) {
        for (const el of document.body.querySelectorAll("*")) {
          const r = el.getBoundingClientRect();
          if (r.right > w + 0.5 && r.width > 0 && !(el.parentElement && el.parentElement.getBoundingClientRect().right > w + 0.5)) {
            culprits.push(`${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : ""} (right=${Math.round(r.right)})`);
          }
          if (culprits.length >= 5) break;
        }
      }
      return { scrollWidth: doc.scrollWidth, bodyScrollWidth: document.body.scrollWidth, innerWidth: w, culprits };
    });

  const menuState = (page) =>
    page.evaluate(() => {
      const toggle = document.querySelector(".menu-toggle");
      const bar = document.getElementById("sidebar");
      if (!toggle || !bar) return { missing: !toggle ? ".menu-toggle" : "#sidebar" };
      const cs = getComputedStyle(bar);
      const r = bar.getBoundingClientRect();
      const vw = window.innerWidth;
      const vh = window.innerHeight;
      const ox = Math.max(0, Math.min(r.right, vw) - Math.max(r.left, 0));
      const oy = Math.max(0, Math.min(r.bottom, vh) - Math.max(r.top, 0));
      let onTop = false;
      if (ox > 1 && oy > 1) {
        const x = Math.max(r.left, 0) + ox / 2;
        const y = Math.max(r.top, 0) + Math.min(oy, 200) / 2;
        const hit = document.elementFromPoint(x, y);
        onTop = !!hit && bar.contains(hit);
      }
      const painted = cs.display !== "none" && cs.visibility !== "hidden" && parseFloat(cs.opacity) > 0.1;
      const fraction = r.width > 0 ? ox / Math.min(r.width, vw) : 0;
      return {
        expanded: toggle.getAttribute("aria-expanded"),
        toggleVisible: toggle.getBoundingClientRect().width > 0 && getComputedStyle(toggle).visibility !== "hidden",
        // Shown: drawn, (almost) fully inside the viewport and not covered.
        shown: painted && fraction >= 0.9 && oy > 40 && onTop,
        // Hidden: not drawn, or off-screen, or covered.
        hidden: !(painted && fraction > 0.05 && oy > 1 && onTop),
        rect: [Math.round(r.left), Math.round(r.top), Math.round(r.width), Math.round(r.height)].join(","),
        display: cs.display,
        visibility: cs.visibility,
      };
    });

  for (const rel of PAGES) {
    test(`${rel}: no horizontal scroll`, async () => {
      const page = await context.newPage();
      await open(page, rel);
      const o = await overflow(page);
      assert.ok(
        o.scrollWidth <= o.innerWidth && o.bodyScrollWidth <= o.innerWidth && o.innerWidth === 360,
        `${rel} scrolls sideways at 360 px: scrollWidth ${o.scrollWidth} (body ${o.bodyScrollWidth}) > innerWidth ${o.innerWidth}; wide: ${o.culprits.join(", ")}`,
      );
      await page.close();
    });

    // Slide decks (*.slides.html) have no sidebar: slides.test.mjs covers them.
    if (!rel.endsWith(".slides.html")) test(`${rel}: the menu button opens the sidebar, Escape closes it`, async () => {
      const page = await context.newPage();
      await open(page, rel);
      const start = await waitUntil(() => menuState(page), (s) => s.missing || s.hidden, "the sidebar to start closed", 1500);
      assert.equal(start.missing, undefined, `${rel} has no ${start.missing}`);
      assert.ok(start.toggleVisible, "the menu button is visible at 360 px");
      assert.equal(start.expanded, "false", "the menu button starts with aria-expanded=false");

      await page.click(".menu-toggle");
      await waitUntil(() => menuState(page), (s) => s.expanded === "true" && s.shown, "the sidebar to open after clicking the menu button");
      const o = await overflow(page);
      assert.ok(o.scrollWidth <= o.innerWidth, `opening the menu makes ${rel} scroll sideways (${o.scrollWidth} > ${o.innerWidth})`);

      await page.keyboard.press("Escape");
      await waitUntil(() => menuState(page), (s) => s.expanded === "false" && s.hidden, "Escape to close the sidebar");
      await page.close();
    });
  }
});

// ------------------------------------------------------ internal links ---

describe("every internal link resolves to a file", () => {
  let context;
  const idCache = new Map(); // file path → Set of ids (and <a name>)
  before(async () => {
    context = await newContext();
  });
  after(async () => {
    await context.close();
  });

  const collectLinks = (page) =>
    page.evaluate(() => {
      const out = [];
      for (const [sel, attr] of [["a[href]", "href"], ["link[href]", "href"], ["img[src]", "src"], ["script[src]", "src"], ["source[src]", "src"], ["iframe[src]", "src"]]) {
        for (const el of document.querySelectorAll(sel)) out.push({ tag: el.tagName.toLowerCase(), raw: el.getAttribute(attr) });
      }
      for (const el of document.querySelectorAll("img[srcset], source[srcset]")) {
        for (const part of el.getAttribute("srcset").split(",")) {
          const raw = part.trim().split(/\s+/)[0];
          if (raw) out.push({ tag: el.tagName.toLowerCase() + "[srcset]", raw });
        }
      }
      return out;
    });
  const collectIds = (page) =>
    page.evaluate(() => [...document.querySelectorAll("[id]")].map((e) => e.id).concat([...document.querySelectorAll("a[name]")].map((e) => e.getAttribute("name"))));

  async function idsOf(file) {
    if (!idCache.has(file)) {
      const page = await context.newPage();
      await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
      idCache.set(file, new Set(await collectIds(page)));
      await page.close();
    }
    return idCache.get(file);
  }

  /** Problems with the links of one page; `root` resolves "/…" links (404.html). */
  async function checkPage(rel, { rootRelative = false } = {}) {
    const page = await context.newPage();
    const pageUrl = urlOf(rel);
    await page.goto(pageUrl, { waitUntil: "load" });
    idCache.set(fileURLToPath(pageUrl), new Set(await collectIds(page)));
    const links = await collectLinks(page);
    await page.close();

    const problems = [];
    let checked = 0;
    for (const { tag, raw } of links) {
      const href = raw.trim();
      if (/^(https?:|mailto:|tel:)/i.test(href)) continue;
      let target;
      try {
        const base = rootRelative && href.startsWith("/") && !href.startsWith("//") ? pathToFileURL(SITE_DIR + "/").href : pageUrl;
        target = new URL(rootRelative && href.startsWith("/") ? href.slice(1) : href, base);
      } catch {
        problems.push(`<${tag}> "${raw}": not a valid URL`);
        continue;
      }
      if (target.protocol === "data:") continue;
      if (target.protocol !== "file:") {
        problems.push(`<${tag}> "${raw}": unexpected scheme ${target.protocol}`);
        continue;
      }
      checked++;
      const fragment = target.hash ? decodeURIComponent(target.hash.slice(1)) : "";
      target.hash = "";
      target.search = "";
      const file = fileURLToPath(target);
      if (!(file === SITE_DIR || file.startsWith(SITE_DIR + path.sep))) {
        problems.push(`<${tag}> "${raw}": points outside the site (${file})`);
        continue;
      }
      if (!fs.existsSync(file)) {
        problems.push(`<${tag}> "${raw}": no such file ${path.relative(SITE_DIR, file)}`);
        continue;
      }
      if (fs.statSync(file).isDirectory()) {
        problems.push(`<${tag}> "${raw}": is a folder; file:// does not open index.html, name the file`);
        continue;
      }
      if (fragment && file.endsWith(".html")) {
        const ids = await idsOf(file);
        if (!ids.has(fragment)) problems.push(`<${tag}> "${raw}": ${path.relative(SITE_DIR, file)} has no element with id "${fragment}"`);
      }
    }
    return { problems, checked };
  }

  for (const rel of PAGES) {
    test(`${rel}: a[href], link[href], img[src], script[src] and #fragments resolve`, async (t) => {
      const { problems, checked } = await checkPage(rel);
      assert.ok(checked > 0, `${rel} has no internal links at all (stylesheet, navigation)`);
      assert.deepEqual(problems, [], `${rel} has broken internal links:\n  ${problems.join("\n  ")}`);
      t.diagnostic(`${checked} internal links checked`);
    });
  }

  if (ALL_HTML.includes(NOT_FOUND)) {
    test(`${NOT_FOUND}: site-absolute links resolve from the site root`, async () => {
      const { problems } = await checkPage(NOT_FOUND, { rootRelative: true });
      assert.deepEqual(problems, [], `${NOT_FOUND} has broken links:\n  ${problems.join("\n  ")}`);
    });
  }
});

// ----------------------------------------------------------- dark mode ---

describe("dark mode follows prefers-color-scheme", () => {
  let light;
  let dark;
  before(async () => {
    light = await newContext({ colorScheme: "light" });
    dark = await newContext({ colorScheme: "dark" });
  });
  after(async () => {
    await light.close();
    await dark.close();
  });

  // Effective colours as sRGB bytes (through a canvas, so oklch()/color-mix()
  // values work too): the first opaque background of body / html, else the
  // canvas colour of the used color-scheme; text of body and of a paragraph.
  const colours = (page) =>
    page.evaluate(() => {
      const cv = document.createElement("canvas");
      cv.width = cv.height = 1;
      const g = cv.getContext("2d", { willReadFrequently: true });
      const rgba = (css) => {
        g.clearRect(0, 0, 1, 1);
        g.fillStyle = "#000";
        g.fillStyle = css;
        g.fillRect(0, 0, 1, 1);
        const [r, gg, b, a] = g.getImageData(0, 0, 1, 1).data;
        return [r, gg, b, a / 255];
      };
      let bg = null;
      let from = "";
      for (const el of [document.body, document.documentElement]) {
        const c = rgba(getComputedStyle(el).backgroundColor);
        if (c[3] > 0.5) {
          bg = c;
          from = el.tagName.toLowerCase();
          break;
        }
      }
      if (!bg) {
        const probe = document.createElement("div");
        probe.style.backgroundColor = "Canvas";
        document.body.appendChild(probe);
        bg = rgba(getComputedStyle(probe).backgroundColor);
        probe.remove();
        from = "canvas";
      }
      const para = document.querySelector("main p, .content p, article p");
      return {
        dark: matchMedia("(prefers-color-scheme: dark)").matches,
        bodyBackground: getComputedStyle(document.body).backgroundColor,
        bg,
        from,
        text: rgba(getComputedStyle(document.body).color),
        paraText: para ? rgba(getComputedStyle(para).color) : null,
      };
    });

  const lum = ([r, g, b]) => {
    const lin = (v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const contrast = (a, b) => {
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };

  const samples = ["index.html", LESSON_FILES[0], CASE_FILES[0]].filter(Boolean);
  for (const rel of samples) {
    test(`${rel}: dark background with light text in dark mode, the reverse in light mode`, async (t) => {
      const [pl, pd] = [await light.newPage(), await dark.newPage()];
      await open(pl, rel);
      await open(pd, rel);
      const L = await colours(pl);
      const D = await colours(pd);
      await pl.close();
      await pd.close();
      t.diagnostic(`light: bg ${L.bg.slice(0, 3)} (${L.from}) text ${L.text.slice(0, 3)}; dark: bg ${D.bg.slice(0, 3)} (${D.from}) text ${D.text.slice(0, 3)}`);

      assert.equal(L.dark, false, "light context does not match prefers-color-scheme: dark");
      assert.equal(D.dark, true, "dark context matches prefers-color-scheme: dark");
      assert.notDeepEqual(D.bg.slice(0, 3), L.bg.slice(0, 3), "the page background differs between light and dark mode");

      assert.ok(lum(L.bg) > 0.6, `light mode background is light (luminance ${lum(L.bg).toFixed(3)})`);
      assert.ok(lum(L.text) < lum(L.bg), "light mode text is darker than its background");
      assert.ok(contrast(L.text, L.bg) >= 4.5, `light mode text contrast ${contrast(L.text, L.bg).toFixed(2)} ≥ 4.5`);

      assert.ok(lum(D.bg) < 0.1, `dark mode background is dark (luminance ${lum(D.bg).toFixed(3)})`);
      assert.ok(lum(D.text) > 0.35, `dark mode text is light (luminance ${lum(D.text).toFixed(3)})`);
      assert.ok(contrast(D.text, D.bg) >= 4.5, `dark mode text contrast ${contrast(D.text, D.bg).toFixed(2)} ≥ 4.5`);
      if (D.paraText) {
        assert.ok(lum(D.paraText) > 0.35, `dark mode paragraph text is light (luminance ${lum(D.paraText).toFixed(3)})`);
        assert.ok(contrast(D.paraText, D.bg) >= 4.5, `dark mode paragraph contrast ${contrast(D.paraText, D.bg).toFixed(2)} ≥ 4.5`);
      }
    });
  }
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

// ------------------------------------------------- nothing leaves the site ---

describe("no request leaves the site", () => {
  let context;
  before(async () => {
    context = await newContext();
  });
  after(async () => {
    await context.close();
  });

  test("every page loads only file:// resources, all of which exist, without script errors", async (t) => {
    const startIndex = requests.length;
    for (const rel of PAGES) {
      const page = await context.newPage();
      await open(page, rel);
      // Give late loads (lazy images, fonts, fetches from scripts) a moment.
      await page.waitForTimeout(100);
      await page.close();
    }
    assert.ok(requests.length > startIndex, "the pages made requests (their own stylesheet at least)");
    // Every request made by any test in this file, not only the loads above.
    const outside = requests.filter((r) => !r.url.startsWith("file://") && !r.url.startsWith("data:") && !r.url.startsWith("blob:") && r.url !== "about:blank");
    assert.deepEqual(
      outside.map((r) => `${r.url} (from ${nameOf(r.from)})`),
      [],
      "requests left the site (CDN, web fonts, analytics, …)",
    );
    // Navigating away aborts loads of files that exist: not a failure. 404.html
    // (opened by the link test) uses site-absolute URLs, which only work when a
    // host serves it; its links are checked against the site root instead.
    const aborted = failedLoads.filter(
      (f) =>
        nameOf(f.from) !== NOT_FOUND &&
        (f.error !== "net::ERR_ABORTED" || !/^file:/.test(f.url) || !fs.existsSync(fileURLToPath(stripHash(f.url)))),
    );
    assert.deepEqual(
      aborted.map((f) => `${nameOf(f.url)}: ${f.error} (from ${nameOf(f.from)})`),
      [],
      "some resources failed to load",
    );
    assert.deepEqual(
      scriptErrors.map((e) => `${nameOf(e.from)}: ${e.message}`),
      [],
      "the theme's JavaScript threw errors",
    );
    t.diagnostic(`${requests.length} requests, all file://`);
  });
});
