// `npm run bench [-- --runs 3] [--large-runs 1] [--people 10000] [--quarters 12] [--activity 8] [--only sample|large]`
// Builds the sample company and a large one cold (each as a child process), rebuilds them with unchanged inputs, runs
// DuckDB alone on the same files as a baseline, and prints the table of README's "Scale" section with every target.
// Generated companies and build outputs live in .podium/bench/ (git-ignored) and are reused while their parameters hold.
import { rename, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ensureCompany, median, pageStats, runChild, type BaselineRun, type BuildRun, type Company, type IngestRun, type PageStats } from "../src/bench/measure.ts";
import { writeFile } from "node:fs/promises";
import { INGEST_STAGES } from "../src/bench/ingest.ts";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    "large-runs": { type: "string", default: "1" },
    people: { type: "string", default: "10000" },
    quarters: { type: "string", default: "12" },
    // the generator's --activity for the large company: 8 gives ~5.3 M input rows at 10,000 people × 12 quarters
    activity: { type: "string", default: "8" },
    only: { type: "string" },
    quiet: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log("usage: npm run bench -- [--runs 3] [--large-runs 1] [--people 10000] [--quarters 12] [--activity 8] [--only sample|large] [--quiet]");
  process.exit(0);
}

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const BENCH = join(ROOT, ".podium/bench");
const CHILD = join(ROOT, "src/bench/child.ts");
const BASELINE = join(ROOT, "src/bench/baseline.ts");
const INGEST = join(ROOT, "src/bench/ingest.ts");
const STAGES = ["read", "validate", "load", "model", "pagedata", "render", "check", "publish"] as const;

const companies: (Company & { runs: number; label: string })[] = [
  { name: "sample-250x8", label: "sample (250 × 8q)", people: 250, quarters: 8, activity: 1, seed: "42", runs: Number(values.runs) },
  {
    name: `company-${values.people}x${values.quarters}a${values.activity}`,
    label: `${Number(values.people).toLocaleString("en-US")} × ${values.quarters}q${values.activity === "1" ? "" : ` × ${values.activity}`}`,
    people: Number(values.people),
    quarters: Number(values.quarters),
    activity: Number(values.activity),
    seed: "42",
    runs: Number(values["large-runs"]),
  },
].filter((_, i) => !values.only || values.only === (i === 0 ? "sample" : "large"));

/**
 * The last run's output and cache are moved aside (a rename) before a cold build and deleted once everything is
 * measured: deleting 10,000 page folders right before a build slowed the build's own file writes on this machine
 * (the same render, run after run with a delete before each: 10.5, 14.8, 16.4 s, all of it system time).
 */
const leftovers: string[] = [];
async function aside(path: string): Promise<void> {
  const moved = `${path}.old-${leftovers.length}`;
  await rm(moved, { recursive: true, force: true });
  if (await rename(path, moved).then(() => true, () => false)) leftovers.push(moved);
}

const echo = values.quiet ? () => {} : (line: string) => console.log(`    ${line}`);

interface Row {
  label: string;
  rows: number;
  cold: BuildRun[];
  rebuild: BuildRun[];
  baseline: BaselineRun[];
  /** Podium's read → model alone, the baseline's counterpart. */
  ingest: IngestRun[];
  pages: PageStats;
}

const results: Row[] = [];
for (const company of companies) {
  const { dir, generated, rows } = await ensureCompany(BENCH, company);
  console.log(`\n${company.label}: ${rows.toLocaleString("en-US")} input rows in ${dir} (${generated ? "generated" : "reused"})`);
  const out = join(BENCH, "out", company.name);
  const cache = join(BENCH, "cache", company.name);
  const row: Row = { label: company.label, rows, cold: [], rebuild: [], baseline: [], ingest: [], pages: undefined as unknown as PageStats };
  for (let run = 1; run <= company.runs; run++) {
    console.log(`  cold build ${run}/${company.runs}`);
    await aside(cache);
    await aside(out);
    row.cold.push(await runChild<BuildRun>(CHILD, ["--data", dir, "--out", out, "--cache", cache, "--force"], echo));
    console.log(`  rebuild with unchanged inputs ${run}/${company.runs}`);
    row.rebuild.push(await runChild<BuildRun>(CHILD, ["--data", dir, "--out", out, "--cache", cache], echo));
    console.log(`  baseline (DuckDB read_csv/read_json + model SQL) ${run}/${company.runs}`);
    // in memory, as the build's database
    row.baseline.push(await runChild<BaselineRun>(BASELINE, [dir, ":memory:"], echo));
    console.log(`  Podium ingest + model alone (read → model, no render process) ${run}/${company.runs}`);
    row.ingest.push(await runChild<IngestRun>(INGEST, [dir], echo));
  }
  row.pages = await pageStats(out);
  results.push(row);
}

// ---- the table ----
const s = (x: number) => `${x.toFixed(2)} s`;
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const stage = (r: BuildRun, name: string) => r.stages.find((t) => t.stage === name)?.seconds ?? 0;
const med = (runs: BuildRun[], f: (r: BuildRun) => number) => median(runs.map(f));
const ingestModel = (r: BuildRun) => INGEST_STAGES.reduce((n, st) => n + stage(r, st), 0);
const peak = (r: BuildRun | BaselineRun) => Math.max(r.maxRssBytes, r.polledPeakBytes);
const alone = (r: Row) => median(r.ingest.map((x) => x.ingestSeconds));
const baseline = (r: Row) => median(r.baseline.map((b) => b.ingestSeconds + b.modelSeconds));
const ratio = (r: Row) => alone(r) / baseline(r);

const lines: [string, ...string[]][] = [
  ["", ...results.map((r) => r.label)],
  ["input rows", ...results.map((r) => r.rows.toLocaleString("en-US"))],
  ...STAGES.map((name): [string, ...string[]] => [`${name}`, ...results.map((r) => s(med(r.cold, (x) => stage(x, name))))]),
  ["cold build, total (wall)", ...results.map((r) => s(med(r.cold, (x) => x.wallSeconds)))],
  ["pages written", ...results.map((r) => r.pages.pages.toLocaleString("en-US"))],
  ["output bytes", ...results.map((r) => mb(med(r.cold, (x) => x.bytes)))],
  ["peak resident memory", ...results.map((r) => mb(med(r.cold, peak)))],
  ["largest page (HTML + its CSS + SVG)", ...results.map((r) => `${(r.pages.maxPageBytes / 1024).toFixed(0)} KB (${r.pages.maxPage})`)],
  ["pages needing JavaScript (empty <main> without it)", ...results.map((r) => String(r.pages.pagesNeedingScript))],
  ["optional scripts (enhancements)", ...results.map((r) => `${r.pages.jsFiles} files, ${(r.pages.jsBytes / 1024).toFixed(1)} KB, on ${r.pages.pagesWithScript} pages`)],
  ["rebuild, unchanged inputs (wall)", ...results.map((r) => `${s(med(r.rebuild, (x) => x.wallSeconds))}${r.rebuild.every((x) => x.cached) ? " (all stages skipped)" : ""}`)],
  ["Podium ingest + model in the cold build (read…model)", ...results.map((r) => s(med(r.cold, ingestModel)))],
  ["Podium ingest + model alone (read…model, no render process)", ...results.map((r) => s(alone(r)))],
  ["baseline: DuckDB read_* + model SQL (alone)", ...results.map((r) => `${s(baseline(r))} (${median(r.baseline.map((b) => b.ingestSeconds)).toFixed(2)} + ${median(r.baseline.map((b) => b.modelSeconds)).toFixed(2)})`)],
  ["ratio Podium alone / baseline", ...results.map((r) => `${ratio(r).toFixed(2)}×`)],
  ["ratio cold build's ingest + model / baseline", ...results.map((r) => `${(med(r.cold, ingestModel) / baseline(r)).toFixed(2)}×`)],
  ["runs (medians of)", ...results.map((r) => String(r.cold.length))],
];
const widths = lines[0].map((_, c) => Math.max(...lines.map((l) => (l[c] ?? "").length)));
const fmt = (l: string[]) => `| ${l.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(" | ")} |`;
console.log(`\n${fmt(lines[0])}\n| ${widths.map((w, c) => (c === 0 ? "-".repeat(w) : `${"-".repeat(w - 1)}:`)).join(" | ")} |`);
for (const l of lines.slice(1)) console.log(fmt(l));

// ---- the targets ----
const checks: [string, boolean, string][] = [];
const sample = results.find((r) => r.label.startsWith("sample"));
const large = results.find((r) => !r.label.startsWith("sample"));
if (sample) checks.push(["sample cold build < 10 s", med(sample.cold, (x) => x.wallSeconds) < 10, s(med(sample.cold, (x) => x.wallSeconds))]);
if (large) {
  checks.push([`${large.label} cold build < 60 s`, med(large.cold, (x) => x.wallSeconds) < 60, s(med(large.cold, (x) => x.wallSeconds))]);
  checks.push([`${large.label} peak memory < 4 GB`, med(large.cold, peak) < 4 * 1024 ** 3, mb(med(large.cold, peak))]);
}
for (const r of results) {
  checks.push([`${r.label}: ingest + model within 2× of DuckDB (both alone)`, ratio(r) <= 2, `${ratio(r).toFixed(2)}×`]);
  checks.push([`${r.label}: rebuild with unchanged inputs < 3 s`, med(r.rebuild, (x) => x.wallSeconds) < 3, s(med(r.rebuild, (x) => x.wallSeconds))]);
  checks.push([`${r.label}: every page < 150 KB`, r.pages.maxPageBytes < 150 * 1024, `${(r.pages.maxPageBytes / 1024).toFixed(0)} KB`]);
  checks.push([`${r.label}: no page needs JavaScript`, r.pages.pagesNeedingScript === 0, `${r.pages.pagesNeedingScript} pages with an empty <main> without scripts`]);
}
if (sample && large) {
  const perRow = (r: Row) => med(r.cold, (x) => x.wallSeconds) / r.rows;
  const growth = perRow(large) / perRow(sample);
  checks.push(["build time grows at most linearly with rows (s/row large ÷ sample ≤ 1.25)", growth <= 1.25, `${growth.toFixed(2)}`]);
}
console.log("\nTargets:");
for (const [what, ok, got] of checks) console.log(`  ${ok ? "met    " : "MISSED "} ${what}: ${got}`);
await writeFile(join(BENCH, "results.json"), JSON.stringify({ results, checks }, null, 2));
for (const path of leftovers) await rm(path, { recursive: true, force: true });
console.log(`\nRaw results: ${resolve(BENCH, "results.json")}`);
