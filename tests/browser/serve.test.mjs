// Browser test for `coursesite serve` (issue 5): a real page in headless
// Chromium, served by the real binary, reloads itself after a save, keeps its
// scroll position, shows the error overlay on a bad save and drops it on the fix.
//
//   COURSESITE_BIN=target/debug/coursesite node --test --test-reporter=spec tests/browser/serve.test.mjs
//
// COURSESITE_BIN defaults to target/debug/coursesite of this repository (scripts/test.sh
// builds it first). CHROMIUM_PATH overrides the browser (default: /usr/bin/chromium).

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "./chromium.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = path.resolve(process.env.COURSESITE_BIN || path.join(REPO, "target/debug/coursesite"));
if (!fs.existsSync(BIN)) {
  throw new Error(`coursesite binary not found at ${BIN}: run cargo build first (or set COURSESITE_BIN)`);
}
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!fs.existsSync(CHROMIUM_PATH)) {
  throw new Error(`Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
}

// A page long enough to scroll.
const paragraphs = Array.from({ length: 80 }, (_, i) => `第${i + 1}段：客户服务的要点之一是耐心倾听。`).join("\n\n");
const page = (version, frontMatter = 'title = "关于本课"') => `+++\n${frontMatter}\n+++\n\n${version}\n\n${paragraphs}\n`;

let dir;
let server;
let base;
let browser;

function write(rel, text) {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "coursesite-serve-"));
  write("course.toml", 'title = "服务测试"\n');
  write("content/index.md", '+++\ntitle = "首页"\n+++\n\n见 [[about]]。\n');
  write("content/about.md", page("第一版"));
  server = spawn(BIN, ["serve", dir, "--port", "0"], { env: { ...process.env, NO_COLOR: "1" } });
  base = await new Promise((resolve, reject) => {
    let log = "";
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${log}`)), 20000);
    server.stderr.on("data", (chunk) => {
      log += chunk;
      const m = log.match(/(http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    server.on("exit", (code) => reject(new Error(`serve exited with ${code}:\n${log}`)));
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.kill();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("serve: live reload and the error overlay", () => {
  test("a save reloads the page at the same scroll position; a bad save shows the overlay, the fix clears it", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const tab = await context.newPage();
    const errors = [];
    tab.on("pageerror", (e) => errors.push(String(e)));
    await tab.goto(base + "about.html");
    await tab.waitForFunction(() => document.body.textContent.includes("第一版"));
    // Wait for the event stream to be open before saving.
    await tab.waitForFunction(() => window.__coursesiteLive === "open", null, { timeout: 20000 });
    await tab.evaluate(() => window.scrollTo(0, 1500));
    const scrolled = await tab.evaluate(() => window.scrollY);
    assert.ok(scrolled > 1000, `the page did not scroll (${scrolled})`);

    // A good save: the page reloads by itself and comes back where it was.
    const reloaded = tab.waitForEvent("load", { timeout: 20000 });
    write("content/about.md", page("第二版"));
    await reloaded;
    await tab.waitForFunction(() => document.body.textContent.includes("第二版"), null, { timeout: 20000 });
    await tab.waitForFunction((y) => Math.abs(window.scrollY - y) < 5, scrolled, { timeout: 5000 });

    // A bad save: an overlay naming file:line with the hint; the page itself stays.
    write("content/about.md", page("第三版", 'title = "关于本课"\ntitel = "错"'));
    const overlay = tab.locator("#coursesite-overlay");
    await overlay.waitFor({ state: "visible", timeout: 20000 });
    const text = await overlay.innerText();
    assert.match(text, /about\.md:3:1/, text);
    assert.match(text, /titel/, text);
    // The course speaks Chinese (the default language): so do its diagnostics.
    assert.match(text, /是不是想写/, text);
    assert.ok(await tab.evaluate(() => document.body.textContent.includes("第二版")), "the last good page is gone");
    const box = await overlay.boundingBox();
    assert.ok(box && box.height > 40 && box.width > 600, `overlay box ${JSON.stringify(box)}`);
    await tab.screenshot({ path: path.join(os.tmpdir(), "coursesite-serve-overlay.png") });

    // The fix: the overlay goes away by itself and the new text shows.
    write("content/about.md", page("第四版"));
    await tab.waitForFunction(() => document.body.textContent.includes("第四版"), null, { timeout: 20000 });
    await overlay.waitFor({ state: "detached", timeout: 20000 });
    assert.deepEqual(errors, []);
    await context.close();
  });
});
