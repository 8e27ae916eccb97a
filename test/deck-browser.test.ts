// The built deck in a real browser (Debian Chromium via playwright-core), opened straight from the files (file://):
// keyboard navigation and the hash, autoplay, the no-JavaScript list, and one PDF page per slide.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { chromium, type Browser, type Page } from "playwright-core";
import { CHROMIUM_ARGS, deckPdf } from "../scripts/deck-pdf.ts";

const ROOT = new URL("../", import.meta.url).pathname;
let dir: string;
let site: string;
let browser: Browser;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "podium-deck-"));
  site = join(dir, "site");
  // for leadership: the deck and the review, which is theirs
  await promisify(execFile)(process.execPath, ["scripts/build.ts", "--data", "data", "--out", site, "--cache", join(dir, "cache"), "--audience", "leadership"], {
    cwd: ROOT,
    maxBuffer: 1 << 24,
  });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const deckUrl = (suffix = "") => `${pathToFileURL(join(site, "present", "index.html")).href}${suffix}`;
const hash = (page: Page) => page.evaluate(() => location.hash);
const current = (page: Page) => page.locator(".slide.is-current").getAttribute("id");

async function open(suffix = "", javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, javaScriptEnabled });
  const page = await context.newPage();
  await page.route(/^(?!file:)/, (route) => route.abort()); // the deck must need nothing from any server
  await page.goto(deckUrl(suffix));
  if (javaScriptEnabled) await page.waitForSelector("html[data-deck-ready]");
  return page;
}

describe("the deck", () => {
  it("moves with the keyboard and keeps the slide in the hash", async () => {
    const page = await open();
    const total = await page.locator(".deck .slide").count();
    expect(total).toBe(10);
    expect(await current(page)).toBe("1");
    expect(await hash(page)).toBe("#1");
    expect(await page.locator(".slide:visible").count()).toBe(1);

    const steps: [string, string][] = [
      ["ArrowRight", "2"], ["ArrowRight", "3"], ["ArrowLeft", "2"], ["PageDown", "3"], ["PageUp", "2"],
      [" ", "3"], ["End", String(total)], ["ArrowRight", String(total)], ["Home", "1"], ["ArrowLeft", "1"],
    ];
    for (const [key, expected] of steps) {
      await page.keyboard.press(key);
      expect(await current(page), key).toBe(expected);
      expect(await hash(page), key).toBe(`#${expected}`);
    }

    // Speaker notes: hidden until N.
    const notes = page.locator(".slide.is-current .notes");
    expect(await notes.isVisible()).toBe(false);
    await page.keyboard.press("n");
    expect(await notes.isVisible()).toBe(true);
    await page.keyboard.press("n");
    expect(await notes.isVisible()).toBe(false);
    await page.context().close();
  });

  it("opens at the slide named in the hash and follows hash changes", async () => {
    const page = await open("#4");
    expect(await current(page)).toBe("4");
    await page.evaluate(() => (location.hash = "#7"));
    await page.waitForFunction(() => document.querySelector(".slide.is-current")?.id === "7");
    await page.context().close();
  });

  it("advances on ?autoplay=SECONDS and loops after the last slide", async () => {
    const page = await open("?autoplay=0.5#9");
    expect(await current(page)).toBe("9");
    await page.waitForFunction(() => location.hash === "#10", undefined, { timeout: 3000 });
    await page.waitForFunction(() => location.hash === "#1", undefined, { timeout: 3000 });
    expect(await current(page)).toBe("1");
    await page.context().close();
  });

  it("reads as a vertical list of slides without JavaScript", async () => {
    const page = await open("", false);
    expect(await page.locator(".deck .slide:visible").count()).toBe(10);
    expect(await page.locator("html.deck-js").count()).toBe(0);
    const headlines = await page.locator(".slide .headline").allTextContents();
    expect(headlines.length).toBe(9);
    expect(headlines.some((h) => /thanked .* times this quarter/.test(h))).toBe(true);
    await page.context().close();
  });

  it("prints one PDF page per slide", async () => {
    const { pages, slides } = await deckPdf({ site, out: join(dir, "deck.pdf") });
    expect(slides).toBe(10);
    expect(pages).toBe(slides);
  });

  it("has a deck for every quarter and a review showing the drifting pod", async () => {
    const page = await open();
    await page.goto(pathToFileURL(join(site, "present", "FY2026-Q2", "index.html")).href);
    await page.waitForSelector("html[data-deck-ready]");
    expect(await page.locator(".slide.is-current .title-period").textContent()).toBe("FY2026-Q2");
    await page.goto(pathToFileURL(join(site, "review", "index.html")).href);
    const alerts = await page.locator("#alerts .alert-list li").allTextContents();
    expect(alerts.some((a) => a.includes("Balance drifting: Healthcare"))).toBe(true);
    await page.context().close();
  });
});
