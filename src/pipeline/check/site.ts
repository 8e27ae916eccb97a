// Checks the rendered site before it is published: every expected page is there, downloads exist, no page refers to
// another origin, and every link and reference of a page to the site (href, src) resolves to one of its files, so a
// section an audience does not get is linked from nowhere.
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { checkFilesInThreads } from "./files.ts";
import { byFileAndValue, type Leak, type PrivateValues } from "./leaks.ts";

export interface SiteCheck {
  pages: number;
  bytes: number;
  failures: string[];
  /** The private values found, by file and value. */
  leaks: Leak[];
}

const NO_VALUES: PrivateValues = { substrings: new Set(), tokens: new Set(), names: new Set() };

/** Every file under `dir`, depth first in the order the directories list them (synchronous: see files.ts). */
function walk(dir: string, into: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, into);
    else into.push(path);
  }
  return into;
}

/**
 * `base` is the URL path the site is served under; `unexpected` says why a file (path relative to the site) must not
 * be there, if it must not; `values` are the private values no file may hold. Each file is read once, on worker
 * threads when the site is large.
 */
export async function checkSite(
  dir: string,
  expectedPages: string[],
  base = "/",
  unexpected: (page: string) => string | undefined = () => undefined,
  values: PrivateValues = NO_VALUES,
): Promise<SiteCheck> {
  const paths = walk(dir);
  const site = paths.map((p) => relative(dir, p).split(sep).join("/"));
  const checks = await checkFilesInThreads({ dir, paths, site, base, values });
  const failures: string[] = [];
  checks.forEach((c, i) => c.external && failures.push(`${site[i]}: refers to another origin (${c.external})`));
  checks.forEach((c, i) => failures.push(...c.missing.map((href) => `${site[i]}: links to ${href}, which is not in the site`)));
  for (const page of site) {
    const why = unexpected(page);
    if (why) failures.push(`${page}: ${why}`);
  }
  const files = new Set(site);
  for (const page of expectedPages) if (!files.has(page)) failures.push(`${page}: missing`);
  const leaks = checks.flatMap((c) => c.leaks).sort(byFileAndValue);
  return {
    pages: checks.filter((c) => c.isPage).length,
    bytes: checks.reduce((n, c) => n + c.bytes, 0),
    failures,
    leaks,
  };
}
