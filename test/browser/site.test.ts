// The built site in a real browser (Debian's Chromium driven by playwright-core): the sample company is built once
// with `--base /podium/` and served under /podium/ from a local static server, as on GitHub Pages or an intranet folder.
// Pages are found by crawling from the home page, so a new page is covered without touching this file; the browser
// checks run on one page of each kind (pods/* stands for every pod page). Screenshots go to test/screenshots/.
import { createRequire } from "node:module";
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import type { AxeResults } from "axe-core";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ROOT,
  buildSite,
  crawl,
  horizontalOverflow,
  launchBrowser,
  pool,
  recordingPage,
  pageKinds,
  requireChromium,
  serveStatic,
  type Crawl,
  type StaticServer,
} from "./harness.ts";

const BASE = "/podium/";
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const SCREENSHOTS = join(ROOT, "test/screenshots");
/** Pages of these kinds must exist; others the crawl finds are checked too. */
const REQUIRED_TYPES = ["overview", "pods", "pods/*", "recognition", "balance", "feedback", "data"];
/** Pages open at once: Chromium renders on the CPU, so about one per core. */
const PARALLEL = Math.min(4, Math.max(2, availableParallelism()));

let work: string;
let server: StaticServer;
let browser: Browser;
let site: Crawl;
/** page kind → the URL that stands for it */
let types: Map<string, string>;
/** the same, with each kind at a period's permalink apart */
let variants: Map<string, string>;

/** Set when the set-up failed (no Chromium, a failed build): every test then fails with it, none is skipped. */
let setupError: unknown;

beforeAll(async () => {
  try {
    requireChromium(); // before the build: a missing browser fails at once, with the way to install it
    work = await mkdtemp(join(tmpdir(), "podium-browser-"));
    const building = buildSite({ data: join(ROOT, "data"), out: join(work, "site"), cache: join(work, "cache"), base: BASE });
    building.catch(() => undefined); // awaited below; not an unhandled rejection if the browser fails first
    browser = await launchBrowser();
    await building;
    server = await serveStatic(join(work, "site"), BASE);
    // from the home page; then any built page no link reaches (a permalink nothing links to), so its links are checked too
    const built = (await readdir(join(work, "site"), { recursive: true })).filter((f) => f.endsWith(".html"));
    site = await crawl(server.root, server.root, built.map((f) => server.root + f.replace(/(^|\/)index\.html$/, "$1")));
    ({ types, variants } = pageKinds(site.pages, server.root));
  } catch (error) {
    setupError = error;
  }
}, 300_000);

/** Each test starts here: the set-up's error, if any, is the test's failure. */
function ready() {
  if (setupError) throw setupError;
}

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** "/podium/pods/pod-apac/" for messages. */
const short = (url: string) => url.slice(server.origin.length);

/** Fails with every problem listed, one a line, under a heading saying what was checked. */
function expectNone(problems: string[], what: string) {
  if (problems.length) expect.fail(`${what}: ${problems.length} problem(s)\n  ${problems.join("\n  ")}`);
}

/**
 * Visits one page of each kind (`types`, or `variants` with the permalinks apart) in a fresh context, a few at a time
 * (`parallel`), and returns what `check` found, each problem prefixed with its page and kind.
 */
async function eachType(
  options: BrowserContextOptions,
  check: (page: Page, url: string, type: string) => Promise<string[]>,
  { parallel = PARALLEL, pages = types } = {},
) {
  const context = await browser.newContext(options);
  try {
    const results = await pool([...pages], parallel, async ([type, url]) => {
      const page = await context.newPage();
      try {
        await page.goto(url, { waitUntil: "load" });
        return (await check(page, url, type)).map((p) => `${short(url)} (${type}): ${p}`);
      } finally {
        await page.close();
      }
    });
    return results.flat();
  } finally {
    await context.close();
  }
}

// Generous: each test takes seconds to a few tens of seconds on two idle cores, but a machine busy with other builds
// can make that several times longer; the work is bounded, so a long limit only waits, it never hides a hang for long.
describe("the site in Chromium, served under /podium/", { timeout: 300_000 }, () => {
  it("has every kind of page, reachable from the home page", () => {
    ready();
    const linked = site.pages.filter((url) => !site.unlinked.includes(url));
    const found = [...pageKinds(linked, server.root).types.keys()];
    const missing = REQUIRED_TYPES.filter((t) => !found.includes(t));
    expectNone(missing.map((t) => `no ${t} page reachable from ${short(server.root)} (found: ${found.join(", ")})`), "page kinds");
  });

  it("loads every kind of page (plain and permalink) with no console error, no page error, no failed request and nothing from another origin", async () => {
    ready();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const results = await pool([...variants], PARALLEL, async ([type, url]) => {
        const { page, problems } = await recordingPage(context, server.origin);
        try {
          const response = await page.goto(url, { waitUntil: "load" });
          await page.waitForTimeout(250); // let scripts that wait for idle time or a frame report in
          const found = [
            ...(response?.status() === 200 ? [] : [`answered HTTP ${response?.status()}`]),
            ...problems.consoleErrors.map((e) => `console error: ${e}`),
            ...problems.pageErrors.map((e) => `page error: ${e}`),
            ...problems.offsite.map((r) => `request leaving the local server: ${r}`),
            ...problems.failed.map((r) => `failed request: ${r}`),
          ];
          return found.map((p) => `${short(url)} (${type}): ${p}`);
        } finally {
          await page.close();
        }
      });
      expectNone(results.flat(), "page loads");
    } finally {
      await context.close();
    }
  });

  it("has no serious or critical accessibility violation (axe-core), in light mode and (colour contrast) in dark mode", async () => {
    ready();
    type Axe = { run(context: object, options: object): Promise<AxeResults> };
    // A chart is one image (role="img", named and described by its figure); its drawing is hidden from assistive
    // technology, so axe skips it. Every rule runs in light mode; switching to dark only changes colours, so only colour
    // contrast runs again there.
    const runs = [
      { colorScheme: "light" as const, options: { resultTypes: ["violations"] } },
      { colorScheme: "dark" as const, options: { resultTypes: ["violations"], runOnly: { type: "rule", values: ["color-contrast"] } } },
    ];
    const problems = await eachType({ viewport: { width: 1280, height: 800 }, colorScheme: "light", bypassCSP: true }, async (page) => {
      await page.addScriptTag({ path: AXE }); // an inline script: the context bypasses the site's CSP for it
      const found: string[] = [];
      for (const { colorScheme, options } of runs) {
        await page.emulateMedia({ colorScheme });
        const results = await page.evaluate(
          (options) => (window as unknown as { axe: Axe }).axe.run({ exclude: [".chart-art"] }, options),
          options,
        );
        for (const v of results.violations) {
          if (v.impact !== "serious" && v.impact !== "critical") continue;
          v.nodes.slice(0, 5).forEach((n, i) => {
            const why = (n.failureSummary ?? "").split("\n").slice(1, 2).join("").trim();
            const more = i === 4 && v.nodes.length > 5 ? ` (and ${v.nodes.length - 5} more)` : "";
            found.push(`[${colorScheme}] ${v.id} (${v.impact}): ${v.help} at \`${n.target.join(" ")}\`${why ? ` — ${why}` : ""}${more}`);
          });
        }
      }
      return found;
    });
    expectNone(problems, "axe-core violations (serious or critical)");
  });

  it("resolves every internal link and resource on every page, downloads and #fragments included", () => {
    ready();
    const problems: string[] = [];
    for (const link of site.links) {
      const where = `on ${short(link.from)}: <${link.tag}> ${JSON.stringify(link.href)}`;
      if (link.url.protocol === "mailto:" || link.url.protocol === "tel:") continue;
      if (!link.url.href.startsWith(server.origin + "/")) {
        if (link.url.protocol === "data:" && link.tag !== "a") continue;
        problems.push(`${where} leaves the site (${link.url.href})`);
        continue;
      }
      if (!link.url.href.startsWith(server.root)) {
        problems.push(`${where} points outside the site's base ${BASE} (${short(link.url.href)})`);
        continue;
      }
      const target = link.url.href.replace(/#.*$/, "");
      const status = site.status.get(target);
      if (!status) {
        problems.push(`${where} was never fetched`);
        continue;
      }
      if (status.status !== 200) {
        problems.push(`${where} is broken: HTTP ${status.status}${status.status >= 300 && status.status < 400 ? " (a redirect: link to the final URL)" : ""}`);
        continue;
      }
      const fragment = decodeURIComponent(link.url.hash.slice(1));
      if (fragment && fragment.toLowerCase() !== "top") {
        const ids = site.ids.get(target);
        if (!ids) problems.push(`${where}: #${fragment} points into a file that is not a page`);
        else if (!ids.has(fragment)) problems.push(`${where}: no element with id "${fragment}" on ${short(target)}`);
      }
    }
    expect(site.pages.length).toBeGreaterThanOrEqual(REQUIRED_TYPES.length);
    expectNone(problems, `link check over ${site.pages.length} pages (${site.unlinked.length} not linked from any page) and ${site.links.length} links`);
  });

  it("writes screenshots of every kind of page at 375 px and 1280 px (and the first screen at 375 px dark) to test/screenshots/", async () => {
    ready();
    await mkdir(SCREENSHOTS, { recursive: true });
    for (const file of await readdir(SCREENSHOTS)) if (/\.(png|jpe?g)$/.test(file)) await rm(join(SCREENSHOTS, file));
    const written: string[] = [];
    const capture = async (page: Page, url: string, suffix: string, fullPage: boolean) => {
      const name = url.slice(server.root.length).replace(/(^|\/)index\.html$/, "").replace(/\/+$/, "").replace(/[^a-z0-9]+/gi, "-") || "overview";
      const path = join(SCREENSHOTS, `${name}-${suffix}.jpg`); // JPEG: a third faster to encode than PNG, and smaller
      await page.screenshot({ path, fullPage, type: "jpeg", quality: 85, animations: "disabled" });
      written.push(path);
    };
    // A period's permalink looks like the plain page: one of each kind. One page at a time: full-page captures of
    // pages side by side stall one another.
    const kinds = new Map([...types].filter(([type]) => !type.includes("{period}")));
    const options = { parallel: 1, pages: kinds };
    await eachType({ viewport: { width: 375, height: 812 }, reducedMotion: "reduce" }, async (page, url) => {
      await capture(page, url, "375", true);
      await page.emulateMedia({ colorScheme: "dark" });
      await capture(page, url, "375-dark", false);
      return [];
    }, options);
    await eachType({ viewport: { width: 1280, height: 800 }, reducedMotion: "reduce" }, async (page, url) => {
      await capture(page, url, "1280", true);
      return [];
    }, options);
    expect(written).toHaveLength(kinds.size * 3);
  });

  it("reads with JavaScript off: the same headings and tables, and every chart an inline SVG", async () => {
    ready();
    const structure = (page: Page) =>
      page.evaluate(() => {
        const visible = (e: Element) => {
          const r = e.getBoundingClientRect();
          return r.width > 0 && r.height > 0;
        };
        const charts = [...document.querySelectorAll(".chart")];
        return {
          h1: [...document.querySelectorAll("h1")].filter(visible).map((h) => h.textContent?.trim() ?? ""),
          headings: document.querySelectorAll("h1, h2, h3, h4, h5, h6").length,
          tables: document.querySelectorAll("table").length,
          tableRows: document.querySelectorAll("tbody tr").length,
          charts: charts.length,
          chartsWithoutSvg: charts.filter((c) => !c.querySelector(":scope > svg, :scope > figure svg, svg")).map((c) => c.getAttribute("aria-labelledby") ?? "?"),
          drawnCharts: charts.filter((c) => visible(c) && [...c.querySelectorAll("svg")].some(visible)).length,
          shownCharts: charts.filter(visible).length,
          scriptDrawn: document.querySelectorAll("main canvas, .chart img").length,
          toggleShown: [...document.querySelectorAll("#theme-toggle")].some(visible),
        };
      });
    const withJs = new Map<string, Awaited<ReturnType<typeof structure>>>();
    await eachType({ viewport: { width: 1280, height: 800 } }, async (page, url) => {
      withJs.set(url, await structure(page));
      return [];
    });
    const problems = await eachType({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: false }, async (page, url) => {
      const off = await structure(page);
      const on = withJs.get(url)!;
      const found: string[] = [];
      if (off.h1.length !== 1 || !off.h1[0]) found.push(`expected one visible, non-empty <h1>, found ${JSON.stringify(off.h1)}`);
      if (off.headings !== on.headings) found.push(`${off.headings} headings without JavaScript, ${on.headings} with it`);
      if (off.tables !== on.tables || off.tableRows !== on.tableRows) found.push(`${off.tables} tables (${off.tableRows} rows) without JavaScript, ${on.tables} (${on.tableRows}) with it`);
      if (off.charts !== on.charts) found.push(`${off.charts} charts without JavaScript, ${on.charts} with it`);
      if (off.chartsWithoutSvg.length) found.push(`charts with no inline <svg>: ${off.chartsWithoutSvg.join(", ")}`);
      if (off.drawnCharts !== off.shownCharts) found.push(`${off.shownCharts - off.drawnCharts} of ${off.shownCharts} charts show no drawn <svg>`);
      if (off.scriptDrawn) found.push(`${off.scriptDrawn} charts drawn as canvas or image`);
      if (off.toggleShown) found.push("the theme toggle shows, but does nothing without JavaScript");
      return found;
    });
    expectNone(problems, "with JavaScript disabled");
  });

  it("remembers the dark-mode toggle across reloads and pages, and follows the system setting until then", async () => {
    ready();
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => ok || problems.push(what);
    const state = (page: Page) =>
      page.evaluate(() => {
        const [r, g, b] = (getComputedStyle(document.body).backgroundColor.match(/\d+(\.\d+)?/g) ?? ["0", "0", "0"]).map(Number);
        return {
          theme: document.documentElement.getAttribute("data-theme"),
          pressed: document.getElementById("theme-toggle")?.getAttribute("aria-pressed") ?? null,
          dark: 0.2126 * r! + 0.7152 * g! + 0.0722 * b! < 128,
          stored: localStorage.getItem("podium-theme"),
        };
      });
    const home = server.root;
    const other = types.get("pods") ?? home;

    const light = await browser.newContext({ colorScheme: "light" });
    try {
      const page = await light.newPage();
      await page.goto(home);
      const toggle = page.locator("#theme-toggle");
      check(await toggle.isVisible(), `${short(home)}: the theme toggle (#theme-toggle) is not visible`);
      let s = await state(page);
      check(!s.dark && s.pressed === "false", `${short(home)}: with a light system setting the page starts ${JSON.stringify(s)}`);
      await toggle.click();
      s = await state(page);
      check(s.theme === "dark" && s.dark && s.pressed === "true" && s.stored === "dark", `${short(home)}: after one click ${JSON.stringify(s)}, expected data-theme dark, a dark page, aria-pressed true, stored "dark"`);
      await page.reload();
      s = await state(page);
      check(s.theme === "dark" && s.dark && s.pressed === "true", `${short(home)}: after reload the dark choice is forgotten: ${JSON.stringify(s)}`);
      await page.goto(other);
      s = await state(page);
      check(s.theme === "dark" && s.dark, `${short(other)}: the dark choice did not carry to another page: ${JSON.stringify(s)}`);
      await page.locator("#theme-toggle").click();
      await page.reload();
      s = await state(page);
      check(s.theme === "light" && !s.dark && s.pressed === "false" && s.stored === "light", `${short(other)}: switching back to light is not remembered: ${JSON.stringify(s)}`);
    } finally {
      await light.close();
    }

    const dark = await browser.newContext({ colorScheme: "dark" });
    try {
      const page = await dark.newPage();
      await page.goto(home);
      const s = await state(page);
      check(s.theme === null && s.dark && s.pressed === "true", `${short(home)}: with a dark system setting and no choice made the page is ${JSON.stringify(s)}, expected dark and aria-pressed true`);
    } finally {
      await dark.close();
    }
    expectNone(problems, "dark-mode toggle");
  });

  it("never scrolls sideways as a whole at 360 px wide (tables scroll inside their own box)", async () => {
    ready();
    const problems = await eachType({ viewport: { width: 360, height: 740 } }, async (page) => {
      const { scrollWidth, offenders } = await horizontalOverflow(page);
      return scrollWidth <= 360 ? [] : [`the page is ${scrollWidth} px wide at 360 px: ${offenders.join("; ") || "no single element found"}`];
    }, { pages: variants });
    expectNone(problems, "horizontal overflow at 360 px");
  });
});
