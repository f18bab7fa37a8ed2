// The built site's files, for tests that visit every page.
import fs from "node:fs";
import path from "node:path";

/** Every `.html` file under `dir`, as sorted `/`-separated paths relative to it. */
export function listHtml(dir, rel = "") {
  const out = [];
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listHtml(dir, r));
    else if (entry.name.endsWith(".html")) out.push(r);
  }
  return out.sort();
}
