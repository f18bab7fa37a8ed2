// A small course of a test's own (tabs, math, search recall): written to a
// temporary folder, built by the real binary, opened from file://, and a
// browser context that collects script errors.
//
// COURSESITE_BIN defaults to target/debug/coursesite of this repository.

import { after, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launchChromium } from "./chromium.mjs";
import { HOOK } from "./timeouts.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const BIN = path.resolve(process.env.COURSESITE_BIN || path.join(REPO, "target/debug/coursesite"));
if (!fs.existsSync(BIN)) {
  throw new Error(`coursesite binary not found at ${BIN}: run cargo build first (or set COURSESITE_BIN)`);
}

/** Write `files` ({ "course.toml": …, "content/index.md": … }) to a new
    temporary folder and build it (warnings on stderr are not a failure). */
export function buildCourse(prefix, files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `coursesite-${prefix}-`));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  execFileSync(BIN, ["build", dir, "--quiet"], { env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "ignore", "pipe"] });
  return dir;
}

export function removeCourse(dir) {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

/** The file:// URL of `rel` in the built site of `dir`. */
export const siteUrl = (dir, rel) => pathToFileURL(path.join(dir, "site", rel)).href;

/** A context whose pages report script errors into `errors`. */
export async function collectingContext(browser, errors, options = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: "reduce", ...options });
  ctx.setDefaultTimeout(10_000);
  ctx.on("page", (p) => p.on("pageerror", (e) => errors.push(String(e))));
  return ctx;
}

/** A test file's course and browser: `before` builds `files()` and starts
    Chromium, `after` closes it, removes the course and asserts that no page
    reported a script error. Returns { dir, browser, errors }, filled in by
    the time the tests run. */
export function courseFixture(prefix, files) {
  const fixture = { dir: null, browser: null, errors: [] };
  before(async () => {
    fixture.dir = buildCourse(prefix, files());
    fixture.browser = await launchChromium();
  }, HOOK);
  after(async () => {
    if (fixture.browser) await fixture.browser.close();
    removeCourse(fixture.dir);
    assert.deepEqual(fixture.errors, [], "no script errors");
  });
  return fixture;
}
