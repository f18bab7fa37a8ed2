// Browser tests of the built site (site-common.mjs has the setup): every page
// at 360 px, no horizontal scroll, the menu drawer.
//
//   SITE_DIR=/path/to/built/site node --test --test-reporter=spec tests/browser/site-phone.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { PAGES, checkNothingLeftTheSite, newContext, open, useBrowser, waitUntil } from "./site-common.mjs";

useBrowser();

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

    // Slide decks (*.slides.html) have no sidebar: slides.test.mjs covers them;
    // nor has the print book (print.html): print.test.mjs covers it.
    if (!rel.endsWith(".slides.html") && rel !== "print.html") test(`${rel}: the menu button opens the sidebar, Escape closes it`, async () => {
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

checkNothingLeftTheSite();
