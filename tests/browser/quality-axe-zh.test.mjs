// axe-core over every page of the Chinese (zh-CN) student's edition,
// light and dark (by the system, and chosen with the colour-scheme button against
// it): 0 serious or critical violations. quality-common.mjs has the setup.
//
//   SITE_DIR=… TEACHER_SITE_DIR=… node --test --test-reporter=spec tests/browser/quality-axe-zh.test.mjs

import { describe } from "node:test";
import { axeChosenVariant, axeVariant, useSites } from "./quality-common.mjs";

useSites(["zh"]);

describe("axe-core: 0 serious or critical violations", () => {
  axeVariant("zh-CN", false);
  axeChosenVariant("zh-CN", false);
});
