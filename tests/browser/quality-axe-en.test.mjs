// axe-core over every page of the English (en) student's edition, light and dark:
// 0 serious or critical violations. quality-common.mjs has the setup.
//
//   SITE_DIR=… TEACHER_SITE_DIR=… node --test --test-reporter=spec tests/browser/quality-axe-en.test.mjs

import { describe } from "node:test";
import { axeVariant, useSites } from "./quality-common.mjs";

useSites(["en"]);

describe("axe-core: 0 serious or critical violations", () => {
  axeVariant("en", false);
});
