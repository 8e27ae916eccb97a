// npm run deck:pdf [-- --site DIR] [--period FY2026-Q3] [--out FILE]: prints the built all-hands deck to a PDF with
// headless Chromium (one 16:9 page per slide, from the deck's print CSS). Reads the built files directly (file://).
import { mkdir, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";

const HELP = `Usage: npm run deck:pdf -- [options]

Writes the all-hands deck of a built site as a PDF, one page per slide.

Options:
  --site DIR      the built site (default: dist/)
  --period P      a quarter's deck, e.g. FY2026-Q2 (default: the latest, /present/)
  --out FILE      where to write the PDF (default: <site>/present/deck.pdf)
  --chromium PATH the Chromium executable (default: /usr/bin/chromium, or $CHROMIUM_PATH)
  --help          show this help`;

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export async function deckPdf(options: { site: string; out: string; period?: string; executablePath?: string }): Promise<{ pages: number; slides: number }> {
  const page = join(resolve(options.site), "present", ...(options.period ? [options.period] : []), "index.html");
  await stat(page).catch(() => {
    throw new Error(`no deck at ${page}: build the site first (npm run build)`);
  });
  const browser = await chromium.launch({ executablePath: options.executablePath ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const tab = await browser.newPage();
    // Nothing but the deck's own files may load.
    await tab.route(/^(?!file:)/, (route) => route.abort());
    await tab.goto(pathToFileURL(page).href, { waitUntil: "load" });
    const slides = await tab.locator(".deck .slide").count();
    await tab.emulateMedia({ media: "print" });
    await mkdir(dirname(resolve(options.out)), { recursive: true });
    const pdf = await tab.pdf({ path: resolve(options.out), preferCSSPageSize: true, printBackground: true });
    const pages = countPdfPages(pdf);
    return { pages, slides };
  } finally {
    await browser.close();
  }
}

/** Pages of a PDF: its `/Type /Page` objects (not `/Pages`). */
export function countPdfPages(pdf: Uint8Array): number {
  return (Buffer.from(pdf).toString("latin1").match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: {
      site: { type: "string", default: "dist" },
      period: { type: "string" },
      out: { type: "string" },
      chromium: { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const out = values.out ?? join(values.site, "present", ...(values.period ? [values.period] : []), "deck.pdf");
  try {
    const { pages, slides } = await deckPdf({ site: values.site, out, period: values.period, executablePath: values.chromium });
    console.log(`Wrote ${out}: ${pages} pages for ${slides} slides.`);
    if (pages !== slides) process.exit(1);
  } catch (error) {
    console.error(`deck:pdf failed: ${(error as Error).message}`);
    process.exit(1);
  }
}
