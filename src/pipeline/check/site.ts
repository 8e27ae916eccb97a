// Checks the rendered site before it is published: every expected page is there, downloads exist, and no page
// refers to another origin.
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";

export interface SiteCheck {
  pages: number;
  bytes: number;
  failures: string[];
}

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

const EXTERNAL = /(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?\/\/|url\(\s*["']?(?:https?:)?\/\//i;

export async function checkSite(dir: string, expectedPages: string[]): Promise<SiteCheck> {
  const failures: string[] = [];
  let pages = 0;
  let bytes = 0;
  for await (const file of walk(dir)) {
    bytes += (await stat(file)).size;
    if (!file.endsWith(".html")) continue;
    pages++;
    const html = await readFile(file, "utf8");
    const hit = EXTERNAL.exec(html);
    if (hit) failures.push(`${relative(dir, file)}: refers to another origin (${hit[0]})`);
  }
  for (const page of expectedPages) {
    const exists = await stat(join(dir, page)).then(() => true, () => false);
    if (!exists) failures.push(`${page}: missing`);
  }
  return { pages, bytes, failures };
}
