// Browser tests of the built site (site-common.mjs has the setup): dark mode
// follows prefers-color-scheme on every page.
//
//   SITE_DIR=/path/to/built/site node --test --test-reporter=spec tests/browser/site-dark.test.mjs

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CASE_FILES,
  LESSON_FILES,
  checkNothingLeftTheSite,
  newContext,
  open,
  useBrowser,
} from "./site-common.mjs";

useBrowser();

// ----------------------------------------------------------- dark mode ---

describe("dark mode follows prefers-color-scheme", () => {
  let light;
  let dark;
  before(async () => {
    light = await newContext({ colorScheme: "light" });
    dark = await newContext({ colorScheme: "dark" });
  });
  after(async () => {
    await light.close();
    await dark.close();
  });

  // Effective colours as sRGB bytes (through a canvas, so oklch()/color-mix()
  // values work too): the first opaque background of body / html, else the
  // canvas colour of the used color-scheme; text of body and of a paragraph.
  const colours = (page) =>
    page.evaluate(() => {
      const cv = document.createElement("canvas");
      cv.width = cv.height = 1;
      const g = cv.getContext("2d", { willReadFrequently: true });
      const rgba = (css) => {
        g.clearRect(0, 0, 1, 1);
        g.fillStyle = "#000";
        g.fillStyle = css;
        g.fillRect(0, 0, 1, 1);
        const [r, gg, b, a] = g.getImageData(0, 0, 1, 1).data;
        return [r, gg, b, a / 255];
      };
      let bg = null;
      let from = "";
      for (const el of [document.body, document.documentElement]) {
        const c = rgba(getComputedStyle(el).backgroundColor);
        if (c[3] > 0.5) {
          bg = c;
          from = el.tagName.toLowerCase();
          break;
        }
      }
      if (!bg) {
        const probe = document.createElement("div");
        probe.style.backgroundColor = "Canvas";
        document.body.appendChild(probe);
        bg = rgba(getComputedStyle(probe).backgroundColor);
        probe.remove();
        from = "canvas";
      }
      const para = document.querySelector("main p, .content p, article p");
      return {
        dark: matchMedia("(prefers-color-scheme: dark)").matches,
        bodyBackground: getComputedStyle(document.body).backgroundColor,
        bg,
        from,
        text: rgba(getComputedStyle(document.body).color),
        paraText: para ? rgba(getComputedStyle(para).color) : null,
      };
    });

  const lum = ([r, g, b]) => {
    const lin = (v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const contrast = (a, b) => {
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };

  const samples = ["index.html", LESSON_FILES[0], CASE_FILES[0]].filter(Boolean);
  for (const rel of samples) {
    test(`${rel}: dark background with light text in dark mode, the reverse in light mode`, async (t) => {
      const [pl, pd] = [await light.newPage(), await dark.newPage()];
      await open(pl, rel);
      await open(pd, rel);
      const L = await colours(pl);
      const D = await colours(pd);
      await pl.close();
      await pd.close();
      t.diagnostic(`light: bg ${L.bg.slice(0, 3)} (${L.from}) text ${L.text.slice(0, 3)}; dark: bg ${D.bg.slice(0, 3)} (${D.from}) text ${D.text.slice(0, 3)}`);

      assert.equal(L.dark, false, "light context does not match prefers-color-scheme: dark");
      assert.equal(D.dark, true, "dark context matches prefers-color-scheme: dark");
      assert.notDeepEqual(D.bg.slice(0, 3), L.bg.slice(0, 3), "the page background differs between light and dark mode");

      assert.ok(lum(L.bg) > 0.6, `light mode background is light (luminance ${lum(L.bg).toFixed(3)})`);
      assert.ok(lum(L.text) < lum(L.bg), "light mode text is darker than its background");
      assert.ok(contrast(L.text, L.bg) >= 4.5, `light mode text contrast ${contrast(L.text, L.bg).toFixed(2)} ≥ 4.5`);

      assert.ok(lum(D.bg) < 0.1, `dark mode background is dark (luminance ${lum(D.bg).toFixed(3)})`);
      assert.ok(lum(D.text) > 0.35, `dark mode text is light (luminance ${lum(D.text).toFixed(3)})`);
      assert.ok(contrast(D.text, D.bg) >= 4.5, `dark mode text contrast ${contrast(D.text, D.bg).toFixed(2)} ≥ 4.5`);
      if (D.paraText) {
        assert.ok(lum(D.paraText) > 0.35, `dark mode paragraph text is light (luminance ${lum(D.paraText).toFixed(3)})`);
        assert.ok(contrast(D.paraText, D.bg) >= 4.5, `dark mode paragraph contrast ${contrast(D.paraText, D.bg).toFixed(2)} ≥ 4.5`);
      }
    });
  }
});

checkNothingLeftTheSite();
