/**
 * Internal URLs that keep working when the site is served under a sub-path (Astro `base`).
 *
 *   href("/")                  → "/"            (or "/podium/" with base "/podium")
 *   href("pods")               → "/pods/"
 *   href("/pods/north-star")   → "/pods/north-star/"
 *   href("data/people.csv")    → "/data/people.csv"   (last segment has an extension: a file, no slash)
 *   href("pods/#top")          → "/pods/#top"          (query and hash are kept, after the slash)
 *
 * Never pass an absolute URL ("https://…"): the site makes no requests to other origins.
 */

function configuredBase(): string {
  // Vite/Astro replace `import.meta.env.BASE_URL` at build time; under plain Node it is absent.
  const env = (import.meta as { env?: { BASE_URL?: string } }).env;
  return env?.BASE_URL ?? "/";
}

/** Join `base` (default: Astro's BASE_URL) and `path`; pages get a trailing slash, files do not. */
export function href(path: string, base: string = configuredBase()): string {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(path)) {
    throw new Error(`href() is for internal paths only, got ${JSON.stringify(path)}`);
  }
  const cut = path.search(/[?#]/);
  const pathname = cut === -1 ? path : path.slice(0, cut);
  const suffix = cut === -1 ? "" : path.slice(cut);

  const baseParts = base.split("/").filter(Boolean);
  const parts = pathname.split("/").filter(Boolean);
  const joined = [...baseParts, ...parts];
  const last = parts.at(-1) ?? "";
  const isFile = /\.[a-z0-9]+$/i.test(last);
  let url = "/" + joined.join("/");
  if (!isFile && !url.endsWith("/")) url += "/";
  return url + suffix;
}

