// Quality gates (issue 9): every page of the built sample course, in Chinese
// (zh-CN) and in English (en), is valid HTML by the W3C Nu HTML Checker and has
// no serious or critical axe-core violation in light and in dark mode (colour
// contrast included), in headless Chromium from file:// URLs.
//
//   SITE_DIR=/path/to/built/site node --test --test-reporter=spec tests/browser/quality.test.mjs
//
// SITE_DIR must hold the built sample course (zh-CN). The English copy is built
// here from the repository's course with language = "en", by the binary in
// COURSESITE_BIN (default: $CARGO_TARGET_DIR/debug/coursesite, else
// target/debug/coursesite). The Nu checker runs from npm's vnu-jar with the
// system `java` (scripts/test.sh installs default-jre-headless when missing), in
// one JVM over all files. CHROMIUM_PATH overrides the browser.
//
// 404.html links its style sheets from base_path (hosts serve it at any URL), so
// from file:// it is styled only when base_path is the site's own folder: the
// English copy is built that way and its 404.html goes through axe too.
//
// Not covered: the teacher profile (`--profile teacher` does not exist yet).

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { launchChromium } from "./chromium.mjs";
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
const VNU_JAR = path.join(path.dirname(require.resolve("vnu-jar/package.json")), "build", "dist", "vnu.jar");
const AXE_JS = require.resolve("axe-core/axe.min.js");
const NOT_FOUND = "404.html";

/** Every HTML file under dir, relative, "/"-separated, sorted. */

// The two sites: the given zh-CN build, and an English copy built in before().
const sites = [{ lang: "zh-CN", dir: SITE_DIR }];
let enDir;
let browser;

before(async () => {
  assert.ok(fs.existsSync(BIN), `coursesite binary not found at ${BIN}: run cargo build or set COURSESITE_BIN`);
  enDir = fs.mkdtempSync(path.join(os.tmpdir(), "coursesite-quality-en-"));
  fs.cpSync(path.join(REPO, "content"), path.join(enDir, "content"), { recursive: true });
  const toml = fs.readFileSync(path.join(REPO, "course.toml"), "utf8").replace(/^language = .*$/m, 'language = "en"');
  assert.match(toml, /^language = "en"$/m);
  fs.writeFileSync(path.join(enDir, "course.toml"), toml);
  const enSite = path.join(enDir, "site");
  execFileSync(BIN, ["build", "--quiet", enDir, "--out", enSite, "--base-path", `${enSite}/`], { stdio: "pipe" });
  sites.push({ lang: "en", dir: enSite, styled404: true });
  // The teacher's edition (scripts/test.sh builds it next to the students').
  assert.ok(process.env.TEACHER_SITE_DIR, "TEACHER_SITE_DIR is not set: build the teacher's edition too (--profile teacher)");
  sites.push({ lang: "zh-CN", dir: fs.realpathSync(path.resolve(process.env.TEACHER_SITE_DIR)), teacher: true });
  const enTeacher = path.join(enDir, "site-teacher");
  execFileSync(BIN, ["build", "--quiet", "--profile", "teacher", enDir, "--out", enTeacher, "--base-path", `${enTeacher}/`], { stdio: "pipe" });
  sites.push({ lang: "en", dir: enTeacher, styled404: true, teacher: true });
  for (const s of sites) {
    s.pages = listHtml(s.dir);
    assert.ok(s.pages.length >= 20, `${s.lang}: only ${s.pages.length} pages in ${s.dir}`);
    assert.match(fs.readFileSync(path.join(s.dir, "index.html"), "utf8"), new RegExp(`<html lang="${s.lang}"`));
  }
  browser = await launchChromium();
});

after(async () => {
  if (browser) await browser.close();
  if (enDir) fs.rmSync(enDir, { recursive: true, force: true });
});

// ------------------------------------------------------------------- vnu ---

describe("W3C Nu HTML Checker (vnu)", () => {
  test("every page of both sites has 0 errors", () => {
    const java = spawnSync("java", ["-version"], { stdio: "pipe" });
    assert.equal(java.status, 0, "java is not installed (apt-get install default-jre-headless; scripts/test.sh does it)");
    assert.ok(fs.existsSync(VNU_JAR), `${VNU_JAR} missing: npm ci in tests/browser`);
    const files = sites.flatMap((s) => s.pages.map((p) => path.join(s.dir, p)));
    // Both sites include slide decks, search.html and 404.html.
    for (const s of sites) {
      assert.ok(s.pages.some((p) => p.endsWith(".slides.html")), `${s.lang}: no slide deck`);
      assert.ok(s.pages.includes("search.html") && s.pages.includes(NOT_FOUND), `${s.lang}: no search.html or 404.html`);
    }
    // One JVM for every file; exit status 1 just means "errors found", so read the JSON.
    const run = spawnSync("java", ["-Xss8m", "-jar", VNU_JAR, "--errors-only", "--format", "json", ...files], {
      stdio: "pipe",
      encoding: "utf8",
      maxBuffer: 64 << 20,
    });
    assert.ok(run.status === 0 || run.status === 1, `vnu failed to run (exit ${run.status}):\n${run.stderr}`);
    let report;
    try {
      report = JSON.parse(run.stderr || run.stdout);
    } catch (e) {
      assert.fail(`vnu output is not JSON (${e}):\n${run.stderr}\n${run.stdout}`);
    }
    assert.ok(Array.isArray(report.messages), `unexpected vnu report: ${JSON.stringify(report).slice(0, 500)}`);
    const errors = report.messages
      .filter((m) => m.type === "error" || m.subType === "fatal" || m.type === "non-document-error")
      .map((m) => `${decodeURIComponent(m.url ?? "?").replace(/^file:/, "")}:${m.lastLine ?? "?"}:${m.firstColumn ?? m.lastColumn ?? "?"}: ${m.message}`);
    assert.deepEqual(errors, [], `vnu found ${errors.length} errors in ${files.length} files:\n${errors.join("\n")}`);
    assert.equal(run.status, 0, `vnu exited ${run.status} with no error message:\n${run.stderr}`);
  });
});

// ------------------------------------------------------------------- axe ---

const AXE_SOURCE = fs.readFileSync(AXE_JS, "utf8");

/** axe-core on the page as it is now: serious and critical violations, as lines. */
async function axeFindings(page, where) {
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
function summary(findings) {
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
async function axeSite(site, colorScheme, viewport) {
  const context = await browser.newContext({ viewport, colorScheme, reducedMotion: "reduce" });
  context.setDefaultTimeout(20_000);
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
      findings.push(...(await axeFindings(page, `${site.lang} ${colorScheme} ${viewport.width}px ${rel}`)));
      checked++;
    }
    await page.close();
  }
  await Promise.all([worker(), worker()]);
  await context.close();
  assert.deepEqual(errors, [], "script errors");
  return { findings, checked };
}

describe("axe-core: 0 serious or critical violations", () => {
  // The harness itself: a page with faint text and an unlabelled box must be caught,
  // in both colour schemes, or the zeros below would prove nothing.
  test("the harness reports a known contrast and label failure", async () => {
    for (const colorScheme of ["light", "dark"]) {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      await page.setContent('<!DOCTYPE html><html lang="en"><head><title>t</title><style>body { background: #fff } p { color: #ccc } @media (prefers-color-scheme: dark) { body { background: #000 } p { color: #333 } }</style></head><body><main><p>faint text</p><input type="checkbox"></main></body></html>');
      const found = (await axeFindings(page, colorScheme)).join("\n");
      assert.match(found, /color-contrast/, `${colorScheme}: ${found}`);
      assert.match(found, /\blabel\b/, `${colorScheme}: ${found}`);
      await context.close();
    }
  });

  for (const colorScheme of ["light", "dark"]) {
    for (const [lang, teacher] of [["zh-CN", false], ["en", false], ["zh-CN", true], ["en", true]]) {
      const name = `${lang}${teacher ? " teacher's edition" : ""}`;
      test(`every page, ${name}, ${colorScheme} mode, 1280 px`, async () => {
        const site = sites.find((s) => s.lang === lang && !!s.teacher === teacher);
        const { findings, checked } = await axeSite(site, colorScheme, { width: 1280, height: 800 });
        assert.equal(checked, site.pages.length - (site.styled404 ? 0 : 1));
        assert.equal(findings.length, 0, `${findings.length} axe findings:\n${summary(findings)}`);
      });
    }
  }

  // The states that only exist after a click or a key: the phone layout with
  // the menu drawer open, the search drop-down with results, a deck's second slide and overview.
  for (const colorScheme of ["light", "dark"]) {
    test(`interactive states, ${colorScheme} mode`, async () => {
      const findings = [];
      for (const site of sites.filter((s) => !s.teacher)) {
        const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, colorScheme, reducedMotion: "reduce", hasTouch: true, isMobile: true });
        let page = await phone.newPage();
        await page.goto(pathToFileURL(path.join(site.dir, "lessons/index.html")).href, { waitUntil: "load" });
        findings.push(...(await axeFindings(page, `${site.lang} ${colorScheme} 360px lessons/index.html`)));
        await page.click(".menu-toggle");
        assert.ok(await page.evaluate(() => document.body.classList.contains("nav-open")), "the menu drawer opens");
        findings.push(...(await axeFindings(page, `${site.lang} ${colorScheme} 360px menu open`)));
        await phone.close();

        const desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme, reducedMotion: "reduce" });
        page = await desk.newPage();
        await page.goto(pathToFileURL(path.join(site.dir, "index.html")).href, { waitUntil: "load" });
        await page.focus(".search-input");
        await page.keyboard.type("客户");
        await page.waitForFunction(() => document.querySelectorAll("#search-popup [role=option]").length > 0, null, { timeout: 10_000 });
        await page.keyboard.press("ArrowDown");
        findings.push(...(await axeFindings(page, `${site.lang} ${colorScheme} search drop-down`)));
        await page.goto(pathToFileURL(path.join(site.dir, "search.html")).href + "?q=" + encodeURIComponent("客户"), { waitUntil: "load" });
        await page.waitForFunction(() => document.querySelectorAll(".search-page a").length > 0, null, { timeout: 10_000 });
        findings.push(...(await axeFindings(page, `${site.lang} ${colorScheme} search.html?q=客户`)));
        const deck = site.pages.find((p) => p.endsWith(".slides.html"));
        await page.goto(pathToFileURL(path.join(site.dir, deck)).href, { waitUntil: "load" });
        await page.keyboard.press("ArrowRight");
        findings.push(...(await axeFindings(page, `${site.lang} ${colorScheme} ${deck} slide 2`)));
        await page.keyboard.press("o");
        findings.push(...(await axeFindings(page, `${site.lang} ${colorScheme} ${deck} overview`)));
        await desk.close();
      }
      assert.equal(findings.length, 0, `${findings.length} axe findings:\n${summary(findings)}`);
    });
  }
});
