// Checks the rendered site before it is published: every expected page is there, downloads exist, no page refers to
// another origin, and every link and reference of a page to the site (href, src) resolves to one of its files, so a
// section an audience does not get is linked from nowhere.
import { readdir, readFile, stat } from "node:fs/promises";
import { join, posix, relative, sep } from "node:path";

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

/**
 * In one pass: a comment (skipped), a script or style with its body (the body holds no tags; its start tag's attributes
 * are group 2), or any other start tag with its attributes (group 3; a quoted value may hold ">", and text never holds
 * "<", which is escaped).
 */
const TAG =
  /<!--[\s\S]*?-->|<(script|style)\b((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*>[\s\S]*?<\/\1\s*>|<[a-zA-Z][a-zA-Z0-9-]*((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/gi;
/** One attribute of a tag, its name and its value (quoted or bare), in order. */
const ATTRIBUTE = /\s+([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

/** The href and src values of a page's tags. */
function references(html: string): string[] {
  const values: string[] = [];
  for (const [, , opaque, other] of html.matchAll(TAG)) {
    const attributes = opaque ?? other;
    if (attributes && /href|src/i.test(attributes))
      for (const [, name, ...value] of attributes.matchAll(ATTRIBUTE))
        if (/^(href|src)$/i.test(name!)) values.push(value.find((v) => v !== undefined) ?? "");
  }
  return values;
}

const ENTITY: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'" };

/**
 * The file a reference of `page` (a path relative to the site) points to, relative to the site; undefined for a
 * fragment or another scheme (the external check covers other origins). A path outside `base` is returned as is, so
 * it is reported missing.
 */
export function referencedFile(page: string, value: string, base: string): string | undefined {
  const url = value.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e: string) => ENTITY[e]!).trim();
  if (url === "" || url.startsWith("#") || /^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)) return undefined;
  let path = url.split(/[?#]/)[0]!;
  try {
    path = decodeURIComponent(path);
  } catch {
    return path; // not a valid URL: reported as missing
  }
  if (path.startsWith("/")) path = path.startsWith(base) ? path.slice(base.length) : path;
  else path = posix.normalize(posix.join(posix.dirname(page), path));
  if (path === "." || path === "" || path.endsWith("/")) path = `${path === "." ? "" : path}index.html`;
  return path.replace(/^\.\//, "");
}

/**
 * `base` is the URL path the site is served under; `unexpected` says why a file (path relative to the site) must not
 * be there, if it must not.
 */
export async function checkSite(
  dir: string,
  expectedPages: string[],
  base = "/",
  unexpected: (page: string) => string | undefined = () => undefined,
): Promise<SiteCheck> {
  const failures: string[] = [];
  let pages = 0;
  let bytes = 0;
  const paths: string[] = [];
  for await (const file of walk(dir)) paths.push(file);
  const site = new Set(paths.map((p) => relative(dir, p).split(sep).join("/")));
  const broken = new Map<string, string[]>();
  // A few files in flight at once: the check is bound by reading, not by matching.
  const hits = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const file = paths[next++]!;
      const size = (await stat(file)).size; // read before adding: `bytes += await …` would lose the other workers' sizes
      bytes += size;
      if (!file.endsWith(".html")) continue;
      pages++;
      const html = await readFile(file, "utf8");
      const hit = EXTERNAL.exec(html);
      if (hit) hits.set(file, `${relative(dir, file)}: refers to another origin (${hit[0]})`);
      const page = relative(dir, file).split(sep).join("/");
      const missing = new Set<string>();
      for (const value of references(html)) {
        const target = referencedFile(page, value, base);
        if (target !== undefined && !site.has(target)) missing.add(value);
      }
      if (missing.size > 0) broken.set(file, [...missing].map((href) => `${page}: links to ${href}, which is not in the site`));
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  for (const file of paths) if (hits.has(file)) failures.push(hits.get(file)!); // in walk order, as before
  for (const file of paths) failures.push(...(broken.get(file) ?? []));
  for (const page of site) {
    const why = unexpected(page);
    if (why) failures.push(`${page}: ${why}`);
  }
  const present = await Promise.all(expectedPages.map((page) => stat(join(dir, page)).then(() => true, () => false)));
  expectedPages.forEach((page, i) => {
    if (!present[i]) failures.push(`${page}: missing`);
  });
  return { pages, bytes, failures };
}
