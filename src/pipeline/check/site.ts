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
  const paths: string[] = [];
  for await (const file of walk(dir)) paths.push(file);
  // A few files in flight at once: the check is bound by reading, not by matching.
  const hits = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const file = paths[next++]!;
      bytes += (await stat(file)).size;
      if (!file.endsWith(".html")) continue;
      pages++;
      const html = await readFile(file, "utf8");
      const hit = EXTERNAL.exec(html);
      if (hit) hits.set(file, `${relative(dir, file)}: refers to another origin (${hit[0]})`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  for (const file of paths) if (hits.has(file)) failures.push(hits.get(file)!); // in walk order, as before
  const present = await Promise.all(expectedPages.map((page) => stat(join(dir, page)).then(() => true, () => false)));
  expectedPages.forEach((page, i) => {
    if (!present[i]) failures.push(`${page}: missing`);
  });
  return { pages, bytes, failures };
}
