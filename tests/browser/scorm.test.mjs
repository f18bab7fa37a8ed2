// The SCORM 2004 package (`coursesite export --scorm`, issue 22) inside a
// stand-in LMS: the sample course is exported and unzipped next to test pages
// that offer the SCORM 2004 API (API_1484_11: scorm-again's run-time, which
// checks each call against the RTE's data model) and record every call, all
// served from 127.0.0.1 (an LMS serves the package from its own origin). The
// quiz page the manifest launches is opened in the three ways platforms do —
// an <iframe>, a frame inside a player frame, a window of its own
// (window.open: the API is found through `opener`) — a quiz is answered and
// the calls are checked: Initialize, completion, the score, success, Commit,
// and Terminate on leaving, none refused by the run-time; 下一页 asks a
// platform that sequences for the next item. Opened directly, without an LMS,
// the page logs no error and its quiz works.
//
//   COURSESITE_BIN=target/debug/coursesite node --test tests/browser/scorm.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launchChromium } from "./chromium.mjs";
import { BIN, collectingContext } from "./course.mjs";
import { HOOK } from "./timeouts.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The entries of a zip file (stored or deflated), as { name: Buffer }: the
    central directory read as APPNOTE.TXT describes it. */
function unzip(file) {
  const zip = fs.readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, "a zip's end record");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = {};
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(data, data + size);
    files[name] = method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw);
    at += 46 + skip;
  }
  return files;
}

/** A stand-in LMS: scorm-again's SCORM 2004 run-time (an implementation of
    the RTE's API and data model, which checks every call) as API_1484_11,
    given the manifest's mastery score as cmi.scaled_passing_score the way an
    LMS does, with every call recorded in window.calls and every call the
    run-time refused (its GetLastError) in window.refused. With `flow`, it is
    an LMS that sequences the organization (the manifest allows flow): it
    says a request for the next item is valid. */
const LMS_SCRIPT = (passing, flow = false) => `<script src="/scorm2004.min.js"></script>
<script>
window.calls = [];
window.refused = [];
var runtime = new Scorm2004API({ logLevel: 5 });
runtime.loadFromJSON({ scaled_passing_score: ${JSON.stringify(passing)} }, "cmi");
${flow ? 'runtime.loadFromJSON({ nav: { request_valid: { continue: "true" } } }, "adl");' : ""}
window.API_1484_11 = {};
["Initialize", "Terminate", "GetValue", "SetValue", "Commit"].forEach(function (name) {
  API_1484_11[name] = function () {
    var args = Array.prototype.slice.call(arguments);
    calls.push([name].concat(args));
    var result = runtime[name].apply(runtime, args);
    var error = String(runtime.GetLastError());
    if (error !== "0") refused.push([name].concat(args, [error]));
    return result;
  };
});
["GetLastError", "GetErrorString", "GetDiagnostic"].forEach(function (name) {
  API_1484_11[name] = function (code) { return runtime[name](code); };
});
</script>`;

const page = (body, head = "") =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>LMS</title>${head}</head><body>${body}</body></html>`;

let root;
let server;
let base;
let browser;
let launch; // the quiz SCO's launch file, from the manifest
let passing; // its mastery score, from the manifest
const errors = [];

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "coursesite-scorm-"));
  execFileSync(BIN, ["export", "--scorm", "-C", REPO, "--out", root, "--quiet"], { env: { ...process.env, NO_COLOR: "1" } });
  const [zipName] = fs.readdirSync(root).filter((f) => f.endsWith(".zip"));
  for (const [name, bytes] of Object.entries(unzip(path.join(root, zipName)))) {
    fs.mkdirSync(path.dirname(path.join(root, "pkg", name)), { recursive: true });
    fs.writeFileSync(path.join(root, "pkg", name), bytes);
  }
  const manifest = fs.readFileSync(path.join(root, "pkg/imsmanifest.xml"), "utf8");
  // The items passed by a score (their pages have quizzes), each with its
  // resource's launch file; the one launched is the true/false set.
  const scored = manifest.split("<item ").filter((i) => i.includes("minNormalizedMeasure")).map((item) => {
    const ref = item.match(/identifierref="([^"]+)"/)[1];
    const href = decodeURIComponent(manifest.match(new RegExp(`identifier="${ref}"[^>]*href="([^"]+)"`))[1]);
    return { href, passing: item.match(/<imsss:minNormalizedMeasure>([^<]+)</)[1] };
  });
  const html = (href) => fs.readFileSync(path.join(root, "pkg", href), "utf8");
  ({ href: launch, passing } = scored.find((s) => html(s.href).includes('data-kind="tf"') && !/data-kind="(?!tf)/.test(html(s.href))));
  fs.copyFileSync(path.join(REPO, "tests/browser/node_modules/scorm-again/dist/scorm2004.min.js"), path.join(root, "scorm2004.min.js"));
  const sco = encodeURI(`pkg/${launch}`);
  fs.writeFileSync(path.join(root, "lms-frame.html"), page(`<iframe id="sco" title="SCO" src="${sco}" width="1000" height="700"></iframe>`, LMS_SCRIPT(passing)));
  fs.writeFileSync(path.join(root, "lms-flow.html"), page(`<iframe id="sco" title="SCO" src="${sco}" width="1000" height="700"></iframe>`, LMS_SCRIPT(passing, true)));
  fs.writeFileSync(path.join(root, "player.html"), page(`<iframe id="sco" title="SCO" src="${sco}" width="980" height="680"></iframe>`));
  fs.writeFileSync(path.join(root, "lms-nested.html"), page(`<iframe id="player" title="player" src="player.html" width="1000" height="700"></iframe>`, LMS_SCRIPT(passing)));
  fs.writeFileSync(path.join(root, "lms-window.html"), page(`<button id="open" onclick="window.open('${sco}', 'sco')">open</button>`, LMS_SCRIPT(passing)));
  fs.writeFileSync(path.join(root, "other-origin.html"), page(`<iframe id="sco" title="SCO" src="SCO_URL" width="1000" height="700"></iframe>`, LMS_SCRIPT(passing)));
  server = http.createServer((req, res) => {
    if (req.url === "/favicon.ico") {
      res.writeHead(204).end(); // the browser asks; an LMS would have one
      return;
    }
    const rel = decodeURIComponent(new URL(req.url, "http://x").pathname).replace(/^\/+/, "");
    const file = path.join(root, rel);
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml" };
    res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
    res.end(fs.readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${server.address().port}/`;
  browser = await launchChromium();
}, HOOK);

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
  assert.deepEqual(errors, [], "no script errors");
});

/** A context whose pages report script errors and console errors into `errors`. */
async function context() {
  const ctx = await collectingContext(browser, errors);
  ctx.on("page", (p) => p.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`)));
  return ctx;
}

/** Answer the true/false quiz in `frame`: the first `right` questions right, the rest wrong. */
async function answer(frame, right) {
  const qs = await frame.$$eval(".quiz-q", (qs) => qs.map((q) => ({ id: q.id, kind: q.dataset.kind, answer: q.dataset.answer })));
  assert.ok(qs.length >= right && qs.every((q) => q.kind === "tf"), "the launched quiz is the true/false set");
  for (const [i, q] of qs.entries()) {
    const value = i < right ? q.answer : String(q.answer !== "true");
    await frame.check(`#${q.id} input[value="${value}"]`);
  }
  await frame.click(".quiz-check");
  return qs.length;
}

/** The calls a page's API received, once `done(calls)` holds. */
async function callsWhen(lms, done) {
  await lms.waitForFunction(`(${done})(window.calls)`);
  return lms.evaluate(() => window.calls);
}

/** What a launch must send for `right` of `total` answers, up to the score's Commit. */
function expectedCalls(right, total) {
  const scaled = Math.round((right / total) * 10000) / 10000;
  return [
    ["Initialize", ""],
    ["SetValue", "cmi.completion_status", "completed"],
    ["Commit", ""],
    ["SetValue", "cmi.score.min", "0"],
    ["SetValue", "cmi.score.max", String(total)],
    ["SetValue", "cmi.score.raw", String(right)],
    ["SetValue", "cmi.score.scaled", String(scaled)],
    ["GetValue", "cmi.scaled_passing_score"],
    ["SetValue", "cmi.success_status", scaled >= Number(passing) ? "passed" : "failed"],
    ["Commit", ""],
  ];
}

/** The SCO's frame in `lms`, once its quiz is there (frames attach as they load). */
async function scoFrame(lms) {
  for (let tries = 0; tries < 200; tries++) {
    const frame = lms.frame({ url: /pkg\// });
    if (frame) {
      await frame.waitForSelector(".quiz-check");
      return frame;
    }
    await lms.waitForTimeout(50);
  }
  throw new Error("the SCO's frame never loaded");
}

const terminated = (calls) => calls.some((c) => c[0] === "Terminate");

/** The calls the run-time refused, and what it now holds for the attempt. */
const verdict = (lms) =>
  lms.evaluate(() => ({
    refused: window.refused,
    completion: runtime.cmi.completion_status,
    success: runtime.cmi.success_status,
    scaled: runtime.cmi.score.scaled,
  }));

describe("SCORM 2004 package in a stand-in LMS", () => {
  const frameLaunches = [
    // style, LMS page, the frame it blanks to leave, right answers
    ["an <iframe>", "lms-frame.html", "sco", 7],
    ["a frame inside the player's frame (the API is two parents up)", "lms-nested.html", "player", 3],
  ];
  for (const [style, lmsPage, holder, right] of frameLaunches) {
    test(`launched in ${style}: Initialize, completed, score, success, Commit; Terminate on leaving`, async () => {
      const ctx = await context();
      const lms = await ctx.newPage();
      await lms.goto(`${base}${lmsPage}`);
      const total = await answer(await scoFrame(lms), right);
      const seen = await callsWhen(lms, (calls) => calls.filter((c) => c[0] === "Commit").length === 2);
      assert.deepEqual(seen, expectedCalls(right, total));
      await lms.evaluate((id) => { document.getElementById(id).src = "about:blank"; }, holder);
      const all = await callsWhen(lms, terminated);
      assert.deepEqual(all.slice(seen.length), [["Terminate", ""]]);
      const scaled = String(right / total);
      const success = right / total >= Number(passing) ? "passed" : "failed";
      assert.deepEqual(await verdict(lms), { refused: [], completion: "completed", success, scaled });
      console.log(`${style} launch of ${launch}: ${JSON.stringify(all)}`);
      await ctx.close();
    });
  }

  test("launched in a window of its own (window.open): the API is found through opener; a link inside ends the session", async () => {
    const ctx = await context();
    const lms = await ctx.newPage();
    await lms.goto(`${base}lms-window.html`);
    const [sco] = await Promise.all([ctx.waitForEvent("page"), lms.click("#open")]);
    await sco.waitForSelector(".quiz-check");
    const total = await answer(sco, 10);
    const seen = await callsWhen(lms, (calls) => calls.filter((c) => c[0] === "Commit").length === 2);
    assert.deepEqual(seen, expectedCalls(10, total));
    // Following the page's own 下一页 link leaves this SCO: Terminate; the next
    // page asks to Initialize, the LMS refuses (the attempt is over), and it sends nothing.
    await Promise.all([sco.waitForNavigation(), sco.click(".pager-next")]);
    await sco.waitForLoadState("load");
    const all = await callsWhen(lms, (calls) => calls.filter((c) => c[0] === "Initialize").length === 2);
    // This LMS cannot take the learner to the next item: the link is followed.
    assert.deepEqual(all.slice(seen.length), [["GetValue", "adl.nav.request_valid.continue"], ["Terminate", ""], ["Initialize", ""]]);
    // The run-time refused only that second Initialize (104: content instance terminated).
    assert.deepEqual(await verdict(lms), { refused: [["Initialize", "", "104"]], completion: "completed", success: "passed", scaled: "1" });
    console.log(`window launch of ${launch}: ${JSON.stringify(all)}`);
    await ctx.close();
  });

  test("下一页 (here the → key) in a platform that sequences: the platform is asked for the next item", async () => {
    const ctx = await context();
    const lms = await ctx.newPage();
    await lms.goto(`${base}lms-flow.html`);
    const frame = await scoFrame(lms);
    const before = await callsWhen(lms, (calls) => calls.filter((c) => c[0] === "Commit").length === 1);
    await frame.click("h1"); // the reader is in the page
    await lms.keyboard.press("ArrowRight");
    const all = await callsWhen(lms, terminated);
    assert.deepEqual(all.slice(before.length), [
      ["GetValue", "adl.nav.request_valid.continue"],
      ["SetValue", "adl.nav.request", "continue"],
      ["Terminate", ""],
    ]);
    assert.deepEqual((await verdict(lms)).refused, []);
    // The platform launches the next item; the page itself stays.
    await lms.waitForTimeout(300);
    assert.equal(decodeURIComponent(new URL(frame.url()).pathname), `/pkg/${launch}`);
    console.log(`flow launch of ${launch}: ${JSON.stringify(all)}`);
    await ctx.close();
  });

  test("opened directly (file://) or in a frame of another origin, without an API: no errors, the quiz works", async () => {
    const ctx = await context();
    const direct = await ctx.newPage();
    await direct.goto(pathToFileURL(path.join(root, "pkg", launch)).href);
    const total = await answer(direct, 5);
    assert.ok((await direct.textContent(".quiz-score")).includes(`5 / ${total}`));
    // The LMS page on 127.0.0.1, the package on localhost: reading the parent throws, and is caught.
    const other = fs.readFileSync(path.join(root, "other-origin.html"), "utf8").replace("SCO_URL", `${base.replace("127.0.0.1", "localhost")}${encodeURI(`pkg/${launch}`)}`);
    fs.writeFileSync(path.join(root, "other-origin.html"), other);
    const lms = await ctx.newPage();
    await lms.goto(`${base}other-origin.html`);
    const frame = await scoFrame(lms);
    await answer(frame, 5);
    assert.ok((await frame.textContent(".quiz-score")).includes(`5 / ${total}`));
    assert.deepEqual(await lms.evaluate(() => window.calls), [], "no call reaches an API of another origin");
    await ctx.close();
  });
});
