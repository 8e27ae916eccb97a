// README's data-folder section is generated from the input schemas: it must match them.
import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { updateReadme } from "../src/pipeline/pagedata/readme.ts";

it("documents every input file and column as the schemas define them (run `npm run docs` after changing a schema)", async () => {
  const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
  expect(readme).toBe(updateReadme(readme));
  expect(readme).toContain("| `amount` | number | yes | Deal value in `currency`. |");
});
