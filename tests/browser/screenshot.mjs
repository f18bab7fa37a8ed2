// Screenshots of a built coursesite site in headless Chromium (from file://).
// Normally run through scripts/screenshot.sh.
//
//   node tests/browser/screenshot.mjs SITE_DIR OUT_DIR [--readme README_PNG]
//
// Takes full-page PNGs of the home page, the first lesson and the first case
// at 1280 and 360 px wide, in light and dark mode (prefers-color-scheme, set
// through Playwright's colorScheme), then checks each dark shot really is
// darker than its light twin by measuring the mean luminance of the PNGs.
// With --readme it also writes the README picture: the first lesson page (the
// 教案 form; the home page if there is no lesson), 1280 wide, light mode, cut
// at 1600 px tall.

import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const args = process.argv.slice(2);
let readme = null;
const positional = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--readme") readme = args[++i];
  else positional.push(args[i]);
}
const [siteArg, outArg] = positional;
if (!siteArg || !outArg || (args.includes("--readme") && !readme)) {
  console.error("usage: node screenshot.mjs SITE_DIR OUT_DIR [--readme README_PNG]");
  process.exit(2);
}
const SITE_DIR = path.resolve(siteArg);
const OUT_DIR = path.resolve(outArg);
if (!fs.existsSync(path.join(SITE_DIR, "index.html"))) {
  console.error(`screenshot: ${SITE_DIR}/index.html not found: build the site first`);
  process.exit(2);
}
fs.mkdirSync(OUT_DIR, { recursive: true });

function listHtml(rel = "") {
  const out = [];
  for (const e of fs.readdirSync(path.join(SITE_DIR, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listHtml(r));
    else if (e.name.endsWith(".html")) out.push(r);
  }
  return out.sort();
}
const firstOfKind = (kind) =>
  listHtml().find((rel) => {
    const m = fs.readFileSync(path.join(SITE_DIR, rel), "utf8").match(/<body[^>]*\sclass="([^"]*)"/);
    return m && m[1].split(/\s+/).includes(`kind-${kind}`);
  });

const targets = [["home", "index.html"], ["lesson", firstOfKind("lesson")], ["case", firstOfKind("case")]].filter(([, rel]) => rel);
const sizes = [
  { width: 1280, height: 800 },
  { width: 360, height: 740 },
];
const schemes = ["light", "dark"];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

// Mean relative luminance (0 black … 1 white) of a PNG, measured by decoding
// it in the browser: an independent look at the pixels that were written.
const meter = await (await browser.newContext()).newPage();
async function meanLuminance(file) {
  const data = fs.readFileSync(file).toString("base64");
  return meter.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const w = Math.min(img.naturalWidth, 1280);
    const h = Math.min(img.naturalHeight, 4000);
    const c = document.createElement("canvas");
    c.width = w;
    c.height = h;
    const g = c.getContext("2d");
    g.drawImage(img, 0, 0);
    const px = g.getImageData(0, 0, w, h).data;
    const lin = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    let sum = 0;
    let n = 0;
    for (let i = 0; i < px.length; i += 4 * 7) {
      sum += 0.2126 * lin(px[i]) + 0.7152 * lin(px[i + 1]) + 0.0722 * lin(px[i + 2]);
      n++;
    }
    return sum / n;
  }, data);
}

// A full-page capture of a taller-than-window page keeps 100vh / sticky parts
// (the sidebar) at window height; growing the window to the page's height
// first renders the page as a very tall window would show it.
async function growToPage(page, width, maxHeight) {
  for (let i = 0; i < 2; i++) {
    const h = Math.min(maxHeight, await page.evaluate(() => document.documentElement.scrollHeight));
    await page.setViewportSize({ width, height: h });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
}

const results = [];
for (const scheme of schemes) {
  for (const size of sizes) {
    const context = await browser.newContext({ viewport: size, colorScheme: scheme, deviceScaleFactor: 1, reducedMotion: "reduce" });
    for (const [name, rel] of targets) {
      const page = await context.newPage();
      await page.goto(pathToFileURL(path.join(SITE_DIR, rel)).href, { waitUntil: "load" });
      await page.evaluate(() => document.fonts.ready);
      const file = path.join(OUT_DIR, `${name}-${size.width}-${scheme}.png`);
      await growToPage(page, size.width, 16000);
      await page.screenshot({ path: file, fullPage: true });
      results.push({ name, rel, width: size.width, scheme, file, lum: await meanLuminance(file) });
      await page.close();
    }
    await context.close();
  }
}

if (readme) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: "light", deviceScaleFactor: 1, reducedMotion: "reduce" });
  const page = await context.newPage();
  const rel = firstOfKind("lesson") || "index.html";
  await page.goto(pathToFileURL(path.join(SITE_DIR, rel)).href, { waitUntil: "load" });
  await page.evaluate(() => document.fonts.ready);
  await growToPage(page, 1280, 1600);
  const height = page.viewportSize().height;
  fs.mkdirSync(path.dirname(path.resolve(readme)), { recursive: true });
  await page.screenshot({ path: path.resolve(readme) });
  console.log(`README screenshot: ${path.resolve(readme)} (${rel}, 1280×${height}, light)`);
  await context.close();
}
await browser.close();

let bad = 0;
for (const r of results) {
  console.log(`${path.basename(r.file).padEnd(24)} ${r.rel.padEnd(40)} mean luminance ${r.lum.toFixed(3)}`);
}
for (const r of results.filter((x) => x.scheme === "dark")) {
  const twin = results.find((x) => x.scheme === "light" && x.name === r.name && x.width === r.width);
  if (!(r.lum < twin.lum && r.lum < 0.25)) {
    console.error(`screenshot: ${path.basename(r.file)} is not dark (luminance ${r.lum.toFixed(3)}, light twin ${twin.lum.toFixed(3)})`);
    bad++;
  }
}
console.log(`${results.length} screenshots in ${OUT_DIR}`);
process.exit(bad ? 1 : 0);
