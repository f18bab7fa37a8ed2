// Browser tests of the built site (site-common.mjs has the setup): every
// internal link, image, script and #fragment of every page resolves.
//
//   SITE_DIR=/path/to/built/site node --test --test-reporter=spec tests/browser/site-links.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  ALL_HTML,
  NOT_FOUND,
  PAGES,
  SITE_DIR,
  checkNothingLeftTheSite,
  newContext,
  open,
  urlOf,
  useBrowser,
  waitUntil,
} from "./site-common.mjs";

useBrowser();

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

checkNothingLeftTheSite();
