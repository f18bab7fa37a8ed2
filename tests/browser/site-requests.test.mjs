// Browser tests of the built site (site-common.mjs has the setup): every page
// loads only file:// resources of the site.
//
//   SITE_DIR=/path/to/built/site node --test --test-reporter=spec tests/browser/site-requests.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { SLOW } from "./timeouts.mjs";
import { PAGES, checkNothingLeftTheSite, newContext, open, requests, useBrowser } from "./site-common.mjs";

useBrowser();

// ------------------------------------------------- nothing leaves the site ---

describe("no request leaves the site", () => {
  let context;
  before(async () => {
    context = await newContext();
  });
  after(async () => {
    await context.close();
  });

  test("every page is loaded, late loads given a moment (checked below with every other request)", SLOW, async () => {
    const startIndex = requests.length;
    for (const rel of PAGES) {
      const page = await context.newPage();
      await open(page, rel);
      // Give late loads (lazy images, fonts, fetches from scripts) a moment.
      await page.waitForTimeout(100);
      await page.close();
    }
    assert.ok(requests.length > startIndex, "the pages made requests (their own stylesheet at least)");
  });
});

checkNothingLeftTheSite();
