// Helpers for the browser tests: build the site with the CLI, serve it under a sub-path from a small static server,
// crawl it over HTTP, and drive Debian's Chromium through playwright-core with every page's problems recorded.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { promisify } from "node:util";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

const run = promisify(execFile);
export const ROOT = new URL("../../", import.meta.url).pathname;

// ——— the browser ———

/** Debian's chromium package; `.ci/run` installs it when it is missing. PODIUM_CHROMIUM points elsewhere. */
export const CHROMIUM = process.env.PODIUM_CHROMIUM || "/usr/bin/chromium";

/** Throws (so every browser test fails, none is skipped) when Chromium is not installed. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the browser tests need it. ` +
        "Install Debian's package (`sudo apt-get install -y --no-install-recommends chromium`), " +
        "or set PODIUM_CHROMIUM to another Chromium binary. CI (.ci/run) installs it.",
    );
  }
}

export function launchBrowser(): Promise<Browser> {
  requireChromium();
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

// ——— the build ———

/** Builds a data folder with the CLI, as a user does; throws with the build's output when it fails. */
export async function buildSite(options: { data: string; out: string; cache: string; base?: string }): Promise<string> {
  const args = ["scripts/build.ts", "--data", options.data, "--out", options.out, "--cache", options.cache];
  if (options.base) args.push("--base", options.base);
  // Vitest puts Vite's import.meta.env keys into process.env (BASE_URL=/ among them), and an inherited BASE_URL
  // overrides --base in the build: the child gets the environment a user's shell would give it.
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" };
  for (const key of ["BASE_URL", "MODE", "DEV", "PROD", "SSR"]) delete env[key];
  try {
    const { stdout } = await run(process.execPath, args, { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    throw new Error(`the build failed (exit ${e.code}):\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
  }
}

// ——— the static server ———

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
};

export interface StaticServer {
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  /** The site's root URL, e.g. http://127.0.0.1:40123/podium/ */
  root: string;
  close(): Promise<void>;
}

/**
 * Serves `dir` under `base` (e.g. "/podium/") on 127.0.0.1 at a random port, like a plain static host: a folder is
 * its index.html, a folder without its slash redirects to it, anything else that is not a file is a 404.
 */
export async function serveStatic(dir: string, base = "/"): Promise<StaticServer> {
  const prefix = base.endsWith("/") ? base : `${base}/`;
  const server: Server = createServer(async (request, response) => {
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      response.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
      response.end(request.method === "HEAD" ? undefined : body);
    };
    try {
      if (request.method !== "GET" && request.method !== "HEAD") return send(405, "method not allowed", { allow: "GET, HEAD" });
      const url = new URL(request.url ?? "/", "http://localhost");
      let pathname: string;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        return send(400, "bad request");
      }
      if (`${pathname}/` === prefix) return send(301, "moved", { location: prefix + url.search });
      if (!pathname.startsWith(prefix) || pathname.includes("\0")) return send(404, "not found");
      const relative = normalize(pathname.slice(prefix.length));
      if (relative.startsWith("..")) return send(404, "not found");
      let file = join(dir, relative);
      if (file !== dir && !file.startsWith(dir.endsWith(sep) ? dir : dir + sep)) return send(404, "not found");
      let info = await stat(file).catch(() => undefined);
      if (info?.isDirectory()) {
        if (!pathname.endsWith("/")) return send(301, "moved", { location: `${url.pathname}/${url.search}` });
        file = join(file, "index.html");
        info = await stat(file).catch(() => undefined);
      }
      if (!info?.isFile()) return send(404, "not found");
      const body = await readFile(file);
      response.writeHead(200, {
        "content-type": TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
        "content-length": String(body.length),
        "cache-control": "no-store",
      });
      response.end(request.method === "HEAD" ? undefined : body);
    } catch (error) {
      send(500, String(error));
    }
  });
  // keep idle connections longer than the client does, so a reused connection is never closed under a request
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    root: origin + prefix,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ——— the crawl ———

export interface CrawledLink {
  /** The page the link is on (URL without fragment). */
  from: string;
  /** As written in the markup. */
  href: string;
  /** Resolved against the page. */
  url: URL;
  /** Tag of the element (a, link, script, img…). */
  tag: string;
}

export interface Crawl {
  /** Every HTML page reached from the start by following links, in breadth-first order, then any `alsoFrom` page not reached. */
  pages: string[];
  /** The `alsoFrom` pages no link led to. */
  unlinked: string[];
  /** Status and content type of every URL fetched (pages, downloads, scripts, icons), without fragment. */
  status: Map<string, { status: number; type: string }>;
  /** The ids on each HTML page (for #fragment targets). */
  ids: Map<string, Set<string>>;
  /** Every link and resource reference on every page. */
  links: CrawledLink[];
}

const withoutHash = (url: URL) => url.href.replace(/#.*$/, "");

const REFERENCES: Record<string, string> = { a: "href", area: "href", link: "href", script: "src", img: "src", source: "src", iframe: "src" };
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'", "#x27": "'" };
const decode = (value: string) => value.replace(/&(amp|lt|gt|quot|apos|#39|#x27);/g, (_, name: string) => ENTITIES[name]!);

/**
 * The ids and the references (a/area/link href, script/img/source/iframe src) in a page's markup. A scanner rather than
 * a DOM parser: the crawl reads hundreds of pages, and the build's markup is regular (attributes quoted or bare words).
 */
export function scan(html: string): { ids: Set<string>; references: { tag: string; value: string }[] } {
  const ids = new Set<string>();
  const references: { tag: string; value: string }[] = [];
  const markup = html.replace(/<!--[\s\S]*?-->/g, "").replace(/<(script|style)\b([^>]*)>[\s\S]*?<\/\1>/gi, "<$1$2></$1>");
  for (const [, rawTag, attributes] of markup.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/g)) {
    const tag = rawTag!.toLowerCase();
    const wanted = REFERENCES[tag];
    for (const [, name, ...values] of attributes!.matchAll(/\s+([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
      const attribute = name!.toLowerCase();
      const value = decode(values.find((v) => v !== undefined) ?? "");
      if (attribute === "id") ids.add(value);
      else if (attribute === "name" && tag === "a") ids.add(value);
      else if (attribute === wanted) references.push({ tag, value: value.trim() });
    }
  }
  return { ids, references };
}

/**
 * Breadth-first over every same-origin reference from `start`, fetching each URL once (no redirects followed: a link
 * must answer 200 itself). HTML pages are scanned for their links, resource references (link/script/img/source) and ids.
 */
export async function crawl(start: string, within: string, alsoFrom: readonly string[] = []): Promise<Crawl> {
  const result: Crawl = { pages: [], unlinked: [], status: new Map(), ids: new Map(), links: [] };
  const queue = [start];
  const seen = new Set(queue);
  const later = [...alsoFrom];
  const fetchOne = async (href: string, attempt = 1): Promise<{ status: number; type: string; body?: string }> => {
    let response: Response;
    try {
      response = await fetch(href, { redirect: "manual" });
    } catch (error) {
      if (attempt < 3) return fetchOne(href, attempt + 1); // a dropped connection, not a broken link
      throw new Error(`fetching ${href} failed: ${(error as Error).cause ?? error}`);
    }
    const type = response.headers.get("content-type") ?? "";
    const body = response.status === 200 && type.startsWith("text/html") ? await response.text() : undefined;
    if (body === undefined) await response.arrayBuffer();
    return { status: response.status, type, body };
  };
  for (;;) {
    if (!queue.length) {
      // then pages no link reaches (`alsoFrom`), so their links are checked too
      while (later.length && seen.has(later[0]!)) later.shift();
      if (!later.length) break;
      seen.add(later[0]!);
      result.unlinked.push(later[0]!);
      queue.push(later.shift()!);
    }
    // a few at a time: the local server answers in microseconds, parsing is the cost
    const batch = queue.splice(0, 8);
    const fetched = await Promise.all(batch.map(async (href) => ({ href, ...(await fetchOne(href)) })));
    for (const { href, status, type, body } of fetched) {
      result.status.set(href, { status, type });
      if (body === undefined) continue;
      result.pages.push(href);
      const { ids, references } = scan(body);
      result.ids.set(href, ids);
      for (const { tag, value } of references) {
        let url: URL;
        try {
          url = new URL(value, href);
        } catch {
          url = new URL("invalid:" + encodeURIComponent(value));
        }
        result.links.push({ from: href, href: value, url, tag });
        const target = withoutHash(url);
        if (url.protocol.startsWith("http") && target.startsWith(within) && !seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
  }
  return result;
}

// ——— pages in the browser ———

export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  /** Requests to anything but the local server (data: URLs are fine). */
  offsite: string[];
  /** Requests that failed or answered 400 or more. */
  failed: string[];
}

/** Opens a page that records its console errors, uncaught exceptions, and every request it makes. */
export async function recordingPage(context: BrowserContext, origin: string): Promise<{ page: Page; problems: PageProblems }> {
  const page = await context.newPage();
  const problems: PageProblems = { consoleErrors: [], pageErrors: [], offsite: [], failed: [] };
  page.on("console", (message) => {
    if (message.type() === "error") {
      const where = message.location();
      problems.consoleErrors.push(`${message.text()}${where.url ? ` (at ${where.url}:${where.lineNumber})` : ""}`);
    }
  });
  page.on("pageerror", (error) => problems.pageErrors.push(error.stack ?? error.message));
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(origin + "/") && !url.startsWith("data:")) problems.offsite.push(`${request.method()} ${url}`);
  });
  page.on("requestfailed", (request) => problems.failed.push(`${request.url()}: ${request.failure()?.errorText ?? "failed"}`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.failed.push(`${response.url()}: HTTP ${response.status()}`);
  });
  return { page, problems };
}

/** Runs `work` over `items` with at most `limit` in flight (in order, when `limit` is 1). */
export async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const isPeriod = (segment: string) => /^(?:FY)?\d{4}(?:-(?:Q[1-4]|H[12]|\d{2}))?$/i.test(segment);

export interface PageKinds {
  /** Page kind → the first page of that kind the crawl reached ("pods/*" → /podium/pods/pod-apac/). */
  types: Map<string, string>;
  /** The same, keeping a period's permalink apart from the plain URL ("p/{period}/pods/*" and "pods/*"): each kind over other data. */
  variants: Map<string, string>;
}

/**
 * Sorts the crawled pages into kinds, from their paths below the site root: a segment that names a section (the first
 * segment of any page: "pods", "balance"…) stays as it is, a period becomes "{period}" and anything else (a pod, a
 * person) "*"; and a period under a prefix that is not a page itself ("p/{period}/…", a permalink) is dropped, since
 * the page it holds is the same kind as the plain URL's.
 */
export function pageKinds(pages: readonly string[], root: string): PageKinds {
  const segments = (url: string) =>
    url.slice(root.length).split(/[?#]/)[0]!.replace(/(^|\/)index\.html$/, "$1").split("/").filter(Boolean); // x/index.html is x/
  const paths = new Set(pages.map((url) => segments(url).join("/")));
  const sections = new Set(pages.map((url) => segments(url)[0]).filter((s) => s !== undefined));
  const kinds: PageKinds = { types: new Map(), variants: new Map() };
  for (const url of pages) {
    const parts = segments(url);
    const general = parts.map((part, i) => (isPeriod(part) ? "{period}" : i === 0 || sections.has(part) ? part : "*"));
    const variant = general.join("/") || "overview";
    const kept: string[] = [];
    for (let i = 0; i < general.length; i++) {
      if (general[i + 1] === "{period}" && !paths.has(parts.slice(0, i + 1).join("/"))) {
        i++; // "p/{period}": a permalink prefix
        continue;
      }
      kept.push(general[i]!);
    }
    const type = kept.join("/") || "overview";
    if (!kinds.types.has(type)) kinds.types.set(type, url);
    if (!kinds.variants.has(variant)) kinds.variants.set(variant, url);
  }
  return kinds;
}

/**
 * Elements sticking out past the right edge of the viewport while not inside a box that scrolls or clips them: what
 * makes the whole page scroll sideways. Returns short CSS paths, widest first.
 */
export function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; offenders: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const path = (element: Element): string => {
      const parts: string[] = [];
      for (let e: Element | null = element; e && e !== document.body && parts.length < 4; e = e.parentElement) {
        const id = e.id ? `#${e.id}` : "";
        const classes = [...e.classList].slice(0, 2).map((c) => `.${c}`).join("");
        parts.unshift(`${e.tagName.toLowerCase()}${id}${classes}`);
        if (id) break;
      }
      return parts.join(" > ");
    };
    const clipped = (element: Element): boolean => {
      for (let e = element.parentElement; e && e !== document.body && e !== document.documentElement; e = e.parentElement) {
        const style = getComputedStyle(e);
        if (style.overflowX !== "visible") return true;
      }
      return false;
    };
    const offenders: { right: number; selector: string }[] = [];
    for (const element of document.body.querySelectorAll("*")) {
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.right <= width + 0.5 || clipped(element)) continue;
      // report the outermost offender only
      if (element.parentElement && element.parentElement.getBoundingClientRect().right > width + 0.5 && !clipped(element.parentElement) && element.parentElement !== document.body) continue;
      offenders.push({ right: Math.round(rect.right), selector: `${path(element)} (right edge at ${Math.round(rect.right)} px)` });
    }
    offenders.sort((a, b) => b.right - a.right);
    return { scrollWidth: document.documentElement.scrollWidth, offenders: offenders.slice(0, 5).map((o) => o.selector) };
  });
}
