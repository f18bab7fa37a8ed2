// Shared by the quality*.test.mjs files (issue 9), split from one file, a
// variant a file, so that each runs well within its hang guards on a slow
// machine: the sites under test and the axe-core harness.
//
// Every page of the built sample course, in Chinese (zh-CN) and in English
// (en), student's and teacher's editions, is valid HTML by the W3C Nu HTML
// Checker and has no serious or critical axe-core violation in light and in
// dark mode (colour contrast included), in headless Chromium from file:// URLs.
//
//   SITE_DIR=… TEACHER_SITE_DIR=… node --test --test-reporter=spec tests/browser/quality*.test.mjs
//
// SITE_DIR and TEACHER_SITE_DIR must hold the built sample course (zh-CN), as
// scripts/test.sh builds them. The English copies are built here from the
// repository's course with language = "en", by the binary in COURSESITE_BIN
// (default: $CARGO_TARGET_DIR/debug/coursesite, else target/debug/coursesite),
// only by the files that test them. The Nu checker runs from npm's vnu-jar
// with the system `java` (scripts/test.sh installs default-jre-headless when
// missing), in one JVM over all files. CHROMIUM_PATH overrides the browser.
//
// 404.html links its style sheets from base_path (hosts serve it at any URL)
// and relatively (for file://), so every site's 404.html goes through the
// checks. The English copies are built with base_path at their own folder.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { launchChromium } from "./chromium.mjs";
import { HOOK, SLOW } from "./timeouts.mjs";
import { listHtml } from "./site-files.mjs";

if (!process.env.SITE_DIR) {
  throw new Error("SITE_DIR is not set: build the site first, e.g. target/debug/coursesite build --out /tmp/site && SITE_DIR=/tmp/site node --test tests/browser/");
}
const SITE_DIR = fs.realpathSync(path.resolve(process.env.SITE_DIR));
if (!fs.existsSync(path.join(SITE_DIR, "index.html"))) throw new Error(`SITE_DIR=${SITE_DIR} has no index.html: is it a built site?`);
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}`);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "../..");
const BIN =
  process.env.COURSESITE_BIN ||
  path.join(process.env.CARGO_TARGET_DIR ? path.resolve(REPO, process.env.CARGO_TARGET_DIR) : path.join(REPO, "target"), "debug", "coursesite");
const require = createRequire(import.meta.url);
export const VNU_JAR = path.join(path.dirname(require.resolve("vnu-jar/package.json")), "build", "dist", "vnu.jar");
const AXE_JS = require.resolve("axe-core/axe.min.js");
export const NOT_FOUND = "404.html";


/** The sites of this file, filled by useSites()'s before() hook: { lang, dir,
 *  teacher, styled404, pages }. */
export const sites = [];
export let browser;

/**
 * Register the hooks that make the sites `wanted` ("zh", "en", "zh-teacher",
 * "en-teacher") ready before the file's tests (building the English copies
 * only when wanted) and launch the browser; all is removed after.
 */
export function useSites(wanted) {
  let enDir;
  before(async () => {
    assert.ok(fs.existsSync(BIN), `coursesite binary not found at ${BIN}: run cargo build or set COURSESITE_BIN`);
    if (wanted.includes("zh")) sites.push({ lang: "zh-CN", dir: SITE_DIR, styled404: true });
    if (wanted.includes("zh-teacher")) {
      // The teacher's edition (scripts/test.sh builds it next to the students').
      assert.ok(process.env.TEACHER_SITE_DIR, "TEACHER_SITE_DIR is not set: build the teacher's edition too (--profile teacher)");
      sites.push({ lang: "zh-CN", dir: fs.realpathSync(path.resolve(process.env.TEACHER_SITE_DIR)), teacher: true, styled404: true });
    }
    if (wanted.includes("en") || wanted.includes("en-teacher")) {
      enDir = fs.mkdtempSync(path.join(os.tmpdir(), "coursesite-quality-en-"));
      fs.cpSync(path.join(REPO, "content"), path.join(enDir, "content"), { recursive: true });
      const toml = fs.readFileSync(path.join(REPO, "course.toml"), "utf8").replace(/^language = .*$/m, 'language = "en"');
      assert.match(toml, /^language = "en"$/m);
      fs.writeFileSync(path.join(enDir, "course.toml"), toml);
    }
    for (const [key, profile, teacher] of [["en", [], false], ["en-teacher", ["--profile", "teacher"], true]]) {
      if (!wanted.includes(key)) continue;
      const out = path.join(enDir, teacher ? "site-teacher" : "site");
      execFileSync(BIN, ["build", "--quiet", ...profile, enDir, "--out", out, "--base-path", `${out}/`], { stdio: "pipe" });
      sites.push({ lang: "en", dir: out, styled404: true, teacher });
    }
    for (const s of sites) {
      s.pages = listHtml(s.dir);
      assert.ok(s.pages.length >= 20, `${s.lang}: only ${s.pages.length} pages in ${s.dir}`);
      assert.match(fs.readFileSync(path.join(s.dir, "index.html"), "utf8"), new RegExp(`<html lang="${s.lang}"`));
    }
    browser = await launchChromium();
  }, HOOK);

  after(async () => {
    if (browser) await browser.close();
    if (enDir) fs.rmSync(enDir, { recursive: true, force: true });
  });
}

// ------------------------------------------------------------------- axe ---

const AXE_SOURCE = fs.readFileSync(AXE_JS, "utf8");

/** axe-core on the page as it is now: serious and critical violations, as lines. */
export async function axeFindings(page, where) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(" ")}${n.failureSummary ? " — " + n.failureSummary.replace(/\s+/g, " ") : ""}`) }));
  });
  return violations.flatMap((v) => v.nodes.slice(0, 5).map((n) => `${where}: [${v.impact}] ${v.id} (${v.help}): ${n}`).concat(v.nodes.length > 5 ? [`${where}: [${v.impact}] ${v.id}: … and ${v.nodes.length - 5} more`] : []));
}

/** Findings grouped by rule and element, each with the pages it was seen on. */
export function summary(findings) {
  const groups = new Map();
  for (const f of findings) {
    const at = f.indexOf(": [");
    const where = f.slice(0, at);
    const what = f.slice(at + 2);
    if (!groups.has(what)) groups.set(what, []);
    groups.get(what).push(where);
  }
  return [...groups].map(([what, wheres]) => `${what}\n    on ${wheres.length} page(s): ${wheres.slice(0, 3).join("; ")}${wheres.length > 3 ? "; …" : ""}`).join("\n");
}

/** Pages of one site through axe in one context, a few at a time. */
export async function axeSite(site, colorScheme, viewport, chosen = null) {
  const context = await browser.newContext({ viewport, colorScheme, reducedMotion: "reduce" });
  context.setDefaultTimeout(20_000);
  // The reader's choice with the colour-scheme button, stored before any page runs.
  if (chosen) await context.addInitScript((c) => location.protocol === "file:" && localStorage.setItem("coursesite:theme", c), chosen);
  const errors = [];
  context.on("page", (p) => p.on("pageerror", (e) => errors.push(`${p.url()}: ${e}`)));
  const queue = site.pages.filter((p) => p !== NOT_FOUND || site.styled404);
  const findings = [];
  let checked = 0;
  async function worker() {
    const page = await context.newPage();
    for (let rel = queue.shift(); rel !== undefined; rel = queue.shift()) {
      await page.goto(pathToFileURL(path.join(site.dir, rel)).href, { waitUntil: "load" });
      assert.equal(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches), colorScheme === "dark");
      const styled = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--accent").trim());
      assert.ok(styled, `${site.lang} ${rel}: the theme's style sheet did not load`);
      if (chosen) assert.equal(await page.getAttribute("html", "data-theme"), chosen, `${rel}: the stored choice applies`);
      const mode = chosen ? `${chosen} chosen under a ${colorScheme} system` : colorScheme;
      findings.push(...(await axeFindings(page, `${site.lang} ${mode} ${viewport.width}px ${rel}`)));
      checked++;
    }
    await page.close();
  }
  await Promise.all([worker(), worker()]);
  await context.close();
  assert.deepEqual(errors, [], "script errors");
  return { findings, checked };
}


/** Every page of one site through axe, in light and in dark mode at 1280 px: a test each. */
export function axeVariant(lang, teacher) {
  for (const colorScheme of ["light", "dark"]) {
    const name = `${lang}${teacher ? " teacher's edition" : ""}`;
    test(`every page, ${name}, ${colorScheme} mode, 1280 px`, SLOW, async () => {
      const site = sites.find((s) => s.lang === lang && !!s.teacher === teacher);
      const { findings, checked } = await axeSite(site, colorScheme, { width: 1280, height: 800 });
      assert.equal(checked, site.pages.length - (site.styled404 ? 0 : 1));
      assert.equal(findings.length, 0, `${findings.length} axe findings:\n${summary(findings)}`);
    });
  }
}

/** The same with the colour-scheme button's choice against the system's:
    深色 under a light system and 浅色 under a dark one (every dark rule must
    follow the choice, or text meets the other scheme's background). */
export function axeChosenVariant(lang, teacher) {
  for (const [chosen, colorScheme] of [["dark", "light"], ["light", "dark"]]) {
    const name = `${lang}${teacher ? " teacher's edition" : ""}`;
    test(`every page, ${name}, ${chosen} chosen under a ${colorScheme} system, 1280 px`, SLOW, async () => {
      const site = sites.find((s) => s.lang === lang && !!s.teacher === teacher);
      const { findings, checked } = await axeSite(site, colorScheme, { width: 1280, height: 800 }, chosen);
      assert.equal(checked, site.pages.length - (site.styled404 ? 0 : 1));
      assert.equal(findings.length, 0, `${findings.length} axe findings:\n${summary(findings)}`);
    });
  }
}
