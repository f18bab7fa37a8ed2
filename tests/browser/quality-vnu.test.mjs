// The W3C Nu HTML Checker over every page of the four sites (zh-CN and en,
// student's and teacher's editions); quality-common.mjs has the setup.
//
//   SITE_DIR=… TEACHER_SITE_DIR=… node --test --test-reporter=spec tests/browser/quality-vnu.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { NOT_FOUND, VNU_JAR, sites, useSites } from "./quality-common.mjs";
import { SLOW } from "./timeouts.mjs";

useSites(["zh", "en", "zh-teacher", "en-teacher"]);

describe("W3C Nu HTML Checker (vnu)", () => {
  test("every page of the four sites has 0 errors", SLOW, () => {
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
