// Helpers of `npm run bench`: generate a company once (reused while its parameters are the same), run a build or the
// DuckDB baseline as a child process (peak memory from the child's own resourceUsage, cross-checked by polling
// /proc/<pid>/status VmHWM and the resident memory of the child's whole process tree, render shards included), and
// measure the published pages.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { hashFiles, listFiles, PROJECT_ROOT } from "../pipeline/cache/hash.ts";
import { generateSample, type SampleOptions } from "../sample/index.ts";
import type { BaselineResult } from "./baseline.ts";
import type { ChildResult } from "./child.ts";
import type { IngestResult } from "./ingest.ts";

export interface Company {
  name: string;
  people: number;
  quarters: number;
  /** The generator's `--activity` (deals, shout-outs and feedback per person per quarter, times this). */
  activity: number;
  seed: string;
}

/** Generates `company` into `<root>/<name>` unless a previous run generated it with the same parameters and generator. */
export async function ensureCompany(root: string, company: Company): Promise<{ dir: string; generated: boolean; rows: number }> {
  const dir = join(root, company.name);
  const stamp = join(dir, ".bench-params.json");
  // the generator's own code too: a company made by an earlier generator is made again
  const generator = await hashFiles(PROJECT_ROOT, await listFiles(join(PROJECT_ROOT, "src", "sample")));
  const params = JSON.stringify({ people: company.people, quarters: company.quarters, activity: company.activity, seed: company.seed, generator });
  if (existsSync(stamp) && (await readFile(stamp, "utf8")) === params) {
    const rows = JSON.parse(await readFile(join(dir, ".bench-rows.json"), "utf8")) as number;
    return { dir, generated: false, rows };
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const options: SampleOptions = {
    people: company.people, quarters: company.quarters, activity: company.activity, seed: company.seed, out: dir,
  };
  const summary = generateSample(options);
  const rows = Object.values(summary.rows).reduce((a, b) => a + b, 0);
  await writeFile(join(dir, ".bench-rows.json"), JSON.stringify(rows));
  await writeFile(stamp, params);
  return { dir, generated: true, rows };
}

/** Resident bytes of a process and all its descendants now (Linux /proc; 0 elsewhere). */
async function treeRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  const children = (await readFile(`/proc/${pid}/task/${pid}/children`, "utf8").catch(() => "")).split(" ").filter(Boolean).map(Number);
  const below = await Promise.all(children.map(treeRss));
  return rss + below.reduce((a, b) => a + b, 0);
}

/** Runs `node script args…` (this Node), echoing its output when `echo`, and returns its BENCH-RESULT and peak RSS. */
export function runChild<T>(script: string, args: string[], echo: (line: string) => void): Promise<T & { polledPeakBytes: number; wallSeconds: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [script, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let peak = 0;
    const poll = setInterval(async () => {
      const status = await readFile(`/proc/${child.pid}/status`, "utf8").catch(() => "");
      const m = /VmHWM:\s+(\d+) kB/.exec(status);
      if (m) peak = Math.max(peak, Number(m[1]) * 1024);
      // the build's render processes count too: the resident memory of the whole process tree at this moment
      peak = Math.max(peak, await treeRss(child.pid!));
    }, 100);
    let result: T | undefined;
    let buffer = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.startsWith("BENCH-RESULT ")) result = JSON.parse(line.slice("BENCH-RESULT ".length)) as T;
        else echo(line);
      }
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("close", (code) => {
      clearInterval(poll);
      if (code !== 0 || !result) reject(new Error(`${script} exited with ${code}:\n${stderr.slice(-4000)}`));
      else resolve({ ...result, polledPeakBytes: peak, wallSeconds: (performance.now() - started) / 1000 });
    });
  });
}

export type BuildRun = ChildResult & { polledPeakBytes: number; wallSeconds: number };
export type BaselineRun = BaselineResult & { polledPeakBytes: number; wallSeconds: number };
export type IngestRun = IngestResult & { polledPeakBytes: number; wallSeconds: number };

export interface PageStats {
  pages: number;
  maxPageBytes: number;
  maxPage: string;
  /** HTML pages loading a script (progressive enhancements such as table sorting), and the .js files written. */
  pagesWithScript: number;
  jsFiles: number;
  jsBytes: number;
  /** Pages whose <main> holds no text in the HTML itself, i.e. that would need a script to show anything: must be 0. */
  pagesNeedingScript: number;
}

/** Every HTML page is self-contained (CSS inlined, charts as inline SVG): its file size is the page's weight. */
export async function pageStats(dir: string): Promise<PageStats> {
  const stats: PageStats = { pages: 0, maxPageBytes: 0, maxPage: "", pagesWithScript: 0, jsFiles: 0, jsBytes: 0, pagesNeedingScript: 0 };
  const css = new Map<string, number>();
  const cssBytes = async (href: string) => {
    if (!css.has(href)) css.set(href, (await stat(join(dir, href.replace(/^\/(?:[^/]+\/)*?_astro\//, "_astro/")))).size);
    return css.get(href)!;
  };
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const path = join(d, e.name);
      if (e.isDirectory()) await walk(path);
      else if (e.name.endsWith(".js") || e.name.endsWith(".mjs")) {
        stats.jsFiles++;
        stats.jsBytes += (await stat(path)).size;
      }
      else if (e.name.endsWith(".html")) {
        stats.pages++;
        const html = await readFile(path, "utf8");
        // a page weighs its HTML (inline SVG included) and every stylesheet it links
        let size = Buffer.byteLength(html);
        for (const [, href] of html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)) size += await cssBytes(href!);
        if (size > stats.maxPageBytes) {
          stats.maxPageBytes = size;
          stats.maxPage = relative(dir, path);
        }
        // <script type="application/ld+json"> or similar data blocks would not run; any other script would.
        if (/<script(?![^>]*type=["']?application\/(?:ld\+)?json)[\s>]/i.test(html)) stats.pagesWithScript++;
        const main = /<main[\s>][\s\S]*?<\/main>/i.exec(html)?.[0] ?? "";
        const text = main.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<[^>]+>/gi, " ").replace(/\s+/g, " ").trim();
        if (text.length < 20 && !/<meta http-equiv="refresh"/i.test(html)) stats.pagesNeedingScript++;
      }
    }
  };
  await walk(dir);
  return stats;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
