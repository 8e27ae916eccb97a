// npm run docs: regenerates README.md's data-folder section from the input schemas.
import { readFile, writeFile } from "node:fs/promises";
import { updateReadme } from "../src/pipeline/pagedata/readme.ts";

const path = new URL("../README.md", import.meta.url);
await writeFile(path, updateReadme(await readFile(path, "utf8")));
console.log("README.md: data-folder section regenerated");
