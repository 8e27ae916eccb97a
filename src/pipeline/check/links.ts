// A page's references to other files (href, src): where each points in the site, and whether one leaves it.
import { posix } from "node:path";

export const EXTERNAL = /(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?\/\/|url\(\s*["']?(?:https?:)?\/\//i;

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
 * The references of the page `page` (a path relative to the site) that leave the site (`external`: the first one) or
 * point to a file `site` does not hold (`missing`: the references as written, each once).
 */
export function checkPage(html: string, page: string, site: ReadonlySet<string>, base: string): { external?: string; missing: string[] } {
  const hit = EXTERNAL.exec(html);
  const missing = new Set<string>();
  for (const value of references(html)) {
    const target = referencedFile(page, value, base);
    if (target !== undefined && !site.has(target)) missing.add(value);
  }
  return { ...(hit ? { external: hit[0] } : {}), missing: [...missing] };
}
