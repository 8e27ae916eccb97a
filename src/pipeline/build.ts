// The build: read → validate → load → model → pagedata → render → check → publish. Each stage prints one line with
// its time.
// Nothing is written to the output folder unless every stage before publish succeeded.
import { mkdir, rm, stat, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { serialize } from "node:v8";
import { DEFAULT_AUDIENCE, type Config } from "./config.ts";
import { INPUTS } from "./inputs.ts";
import { readConfig } from "./read/config.ts";
import { readInput, type SourceRecord } from "./read/index.ts";
import { readMapped } from "./mapping/index.ts";
import { validateRows } from "./validate/rows.ts";
import { InputError, isError, type Problem } from "./validate/problems.ts";
import { runChecks } from "./validate/references.ts";
import { BUILD_MEMORY_LIMIT, openDatabase, type Database } from "./load/database.ts";
import { dropRawTables, loadInputs, type LoadedInput } from "./load/inputs.ts";
import { recordsAt, rowsOf, validateFast } from "./load/fast.ts";
import { readFastAll } from "./load/fast-read.ts";
import { loadConfig } from "./load/config.ts";
import { createMacros, loadModels, runModels, type Model } from "./model/run.ts";
import { downloadFiles, exportPageData } from "./pagedata/export.ts";
import { shardCount, startRenderers, type Renderers } from "./render/shards.ts";
import { checkSite } from "./check/site.ts";
import { checkInvariants } from "./check/invariants.ts";
import { privateValues, type Leak, type PrivateValues } from "./check/leaks.ts";
import { configFor, resolveAudience } from "./privacy/audience.ts";
import { discard, publish, recoverInterrupted, stagingDirFor } from "./publish/atomic.ts";
import { expectedPages, unexpectedPage } from "./render/pages.ts";
import type { Audience, SiteData } from "../site/types.ts";
import { codeVersions, hashDataDir, hashOf } from "./cache/hash.ts";
import { DOWNLOADS_DIR, SITE_DATA_FILE, copyFiles, readCachedPageData, removeCachedPageData, writeCachedPageData, type CachedPageData } from "./cache/pagedata.ts";
import { outputMatches, readManifest, removeManifest, writeManifest } from "./cache/manifest.ts";

export interface BuildOptions {
  /** Folder holding the exports (and optionally podium.config.json). */
  dataDir: string;
  /** Folder the site is published to. */
  outDir: string;
  /** Folder for the page data and the downloads; kept between builds. */
  cacheDir: string;
  /** URL path the site is served under, e.g. "/" or "/podium/". */
  base?: string;
  /** Rebuild everything even when the inputs, the code and the published output are unchanged. */
  force?: boolean;
  /** The audience the site is for: one of the config's `audiences` (default internal). */
  audience?: string;
}

/** One stage's wall time, as printed on its progress line. */
export interface StageTiming {
  stage: string;
  seconds: number;
  summary: string;
  /** True when the stage had nothing to redo (its inputs were unchanged). */
  skipped?: boolean;
}

export interface Effects {
  log(line: string): void;
  /** Called with every stage's timing, in order (machine-readable twin of the progress lines). */
  timing?(timing: StageTiming): void;
}

export const silentEffects: Effects = { log() {} };
export const consoleEffects: Effects = { log: (line) => console.log(line) };

export interface BuildResult {
  outDir: string;
  pages: number;
  bytes: number;
  warnings: Problem[];
  /** Every stage's timing, in order. */
  stages: StageTiming[];
  /** True when nothing was rebuilt: inputs, code and options were unchanged and the output still matched. */
  cached: boolean;
}

/** Where a reader is told a file is: relative to the working directory when inside it. */
function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") ? rel : path;
}

async function timed<T>(effects: Effects, stage: string, work: () => Promise<[T, string]>): Promise<T> {
  const started = performance.now();
  const [result, summary] = await work();
  report(effects, stage, (performance.now() - started) / 1000, summary);
  return result;
}

/** A stage's progress line, and its timing for whoever wants it machine-readable. */
function report(effects: Effects, stage: string, seconds: number, summary: string): void {
  effects.log(`${stage.padEnd(9)}${seconds.toFixed(2).padStart(6)} s  ${summary}`);
  effects.timing?.({ stage, seconds, summary, ...(summary.startsWith("skipped") ? { skipped: true } : {}) });
}

interface ReadStage {
  config: Config;
  inputs: (LoadedInput & { records: SourceRecord[]; columns?: string[]; path?: string })[];
  problems: Problem[];
}

/**
 * Reads the inputs. Each file of the fixed-format folder first tries the fast path (load/fast.ts: DuckDB reads it, the
 * schema runs as SQL); a file it does not take, or whose rows do not all pass, is read by the JavaScript readers.
 */
async function readStage(dataDir: string): Promise<ReadStage> {
  const shown = display(dataDir);
  const { config, problems } = await readConfig(dataDir, shown);
  const mapped = await readMapped(dataDir, shown); // the folder's mapping file, when it has one, says where the inputs come from
  if (mapped) return { config: config!, inputs: mapped.inputs, problems: [...problems, ...mapped.problems] };
  const inputs: ReadStage["inputs"] = [];
  const files = await Promise.all(
    INPUTS.map(async (spec) => {
      const path = join(dataDir, spec.file);
      const info = await stat(path).catch(() => undefined);
      return { entity: spec.entity, path, displayPath: join(shown, spec.file), bytes: info?.size ?? 0, exists: info !== undefined };
    }),
  );
  // every present file's fast path read first, on worker threads when they are large (load/fast-read.ts)
  const present = files.filter((f) => f.exists);
  const fastReads = new Map((await readFastAll(present)).map((fast, i) => [present[i]!.entity, fast]));
  for (const [i, spec] of INPUTS.entries()) {
    const { path, displayPath, exists } = files[i]!;
    if (!exists) {
      if (spec.required) problems.push({ file: displayPath, line: 0, column: 0, rule: "missing", message: "required file is missing" });
      inputs.push({ spec, displayPath, present: false, countRead: 0, rows: [], records: [] });
      continue;
    }
    const fast = fastReads.get(spec.entity);
    if (fast) {
      inputs.push({ spec, displayPath, path, present: true, countRead: fast.scan.rows, rows: [], records: [], fast });
      continue;
    }
    const read = await readInput(path, displayPath, spec.format);
    problems.push(...read.problems);
    inputs.push({ spec, displayPath, path, present: true, countRead: read.records.length, rows: [], records: read.records, columns: read.columns });
  }
  return { config: config!, inputs, problems };
}

export interface Prepared {
  /** The config as the audience's build applies it (its minimum group size and privacy). */
  config: Config;
  audience: Audience;
  /** Values from the inputs that must never reach the output (the leak scan looks for them). */
  secrets: PrivateValues;
  models: Model[];
  warnings: Problem[];
  siteData: SiteData;
  /** How long the page data took to make (exportPageData: its queries, and the downloads when asked for). */
  pageDataSeconds: number;
}

/**
 * read → validate → load → model, into `db`, then the page data, for one audience (default internal); throws InputError
 * with every located problem, UnknownAudienceError when the config has no such audience. `progress` is told how many
 * people the inputs hold once they are read, and when the models are made (the build starts its render processes then).
 */
export async function prepare(
  dataDir: string,
  db: Database,
  effects: Effects = silentEffects,
  audienceName = DEFAULT_AUDIENCE,
  progress?: { read?(people: number): void; modelled?(): void },
  /** Where the page data's downloads go (see exportPageData); none are written when absent. */
  downloadsDir?: string,
): Promise<Prepared> {
  const read = await timed(effects, "read", async () => {
    const r = await readStage(dataDir);
    const files = r.inputs.filter((i) => i.present).length;
    const records = r.inputs.reduce((n, i) => n + i.countRead, 0);
    return [r, `${files} files, ${records.toLocaleString("en-US")} records from ${display(dataDir)}`];
  });
  progress?.read?.(read.inputs.find((i) => i.spec.entity === "people")?.countRead ?? 0);
  // An invalid config is reported with the other problems below; a valid one must know the audience.
  const audience = read.config ? resolveAudience(read.config, audienceName) : undefined;

  await timed(effects, "validate", async () => {
    // The fast path's files side by side (each on a lane of the database), the largest first: in file order, deals.csv
    // and deal_credits.csv (the two slowest) took both lanes and recognition.json (the largest) waited, then ran alone
    // at the end. Then the others one by one, in file order.
    const order = read.inputs.map((_, i) => i).sort((a, b) => (read.inputs[b]!.fast?.bytes ?? 0) - (read.inputs[a]!.fast?.bytes ?? 0) || a - b);
    const checked = await db.parallel(order.map((i) => async (lane: Database) => (read.inputs[i]!.fast ? validateFast(lane, read.inputs[i]!.fast!) : undefined)));
    const verdicts = new Array<(typeof checked)[number]>(read.inputs.length);
    order.forEach((i, k) => (verdicts[i] = checked[k]));
    for (const [i, input] of read.inputs.entries()) {
      if (input.fast) {
        if (verdicts[i] === "valid") continue;
        // Some row fails (or the schema does not compile to SQL): the JavaScript path says exactly what and where.
        delete input.fast;
        const again = await readInput(input.path!, input.displayPath, input.spec.format);
        read.problems.push(...again.problems);
        Object.assign(input, { records: again.records, columns: again.columns, countRead: again.records.length });
      }
      const result = validateRows<Record<string, unknown>>(input.spec, input.displayPath, input.records, input.columns);
      input.rows = result.rows;
      read.problems.push(...result.problems);
    }
    const errors = read.problems.filter(isError);
    if (errors.length > 0 || !read.config || !audience) throw new InputError(errors);
    const rows = read.inputs.reduce((n, i) => n + (i.fast ? i.countRead : i.rows.length), 0);
    return [undefined, `${rows.toLocaleString("en-US")} rows valid`];
  });

  const config = configFor(read.config, audience!);
  const models = await loadModels();
  const warnings = await timed(effects, "load", async () => {
    await loadInputs(db, read.inputs);
    // The people's rows give the leak scan its private values; on the fast path they are in DuckDB only.
    const people = read.inputs.find((i) => i.spec.entity === "people" && i.fast);
    if (people) people.rows = await rowsOf(db, "raw_people");
    await loadConfig(db, config);
    await createMacros(db);
    await runModels(db, models, ["staging"]);
    const problems = await locateChecks(db, read.inputs);
    const errors = problems.filter(isError);
    if (errors.length > 0) throw new InputError(errors);
    await dropRawTables(db);
    return [problems, `${read.inputs.filter((i) => i.present).length} tables loaded, references checked, ${problems.length} warnings`];
  });

  await timed(effects, "model", async () => {
    await runModels(db, models, ["intermediate", "marts"]);
    const failures = await checkInvariants(db);
    if (failures.length > 0)
      throw new Error(`model invariants failed:\n${failures.map((f) => `${f.table}: ${f.test} (${f.count} rows)`).join("\n")}`);
    return [undefined, `${models.length} models, invariants hold`];
  });
  progress?.modelled?.();
  // The page data's queries: its stage line is the caller's, once the page data is written (see pageData in build()).
  const exporting = performance.now();
  const siteData = await exportPageData(db, config, models, warnings, audience!, downloadsDir);
  const pageDataSeconds = (performance.now() - exporting) / 1000;
  const people = read.inputs.find((i) => i.spec.entity === "people")?.rows.map((r) => r.data) ?? [];
  return { config, audience: audience!, secrets: privateValues(people, audience!), models, warnings, siteData, pageDataSeconds };
}

export async function build(options: BuildOptions, effects: Effects = consoleEffects): Promise<BuildResult> {
  const dataDir = resolve(options.dataDir);
  const outDir = resolve(options.outDir);
  const cacheDir = resolve(options.cacheDir);
  const base = options.base ?? "/";
  const audienceName = options.audience ?? DEFAULT_AUDIENCE;
  const stages: StageTiming[] = [];
  const fx: Effects = { log: (line) => effects.log(line), timing: (t) => (stages.push(t), effects.timing?.(t)) };

  // Whole-build cache: the same inputs, code and options, and the published folder untouched since → nothing to redo.
  const manifestPath = join(cacheDir, "build-manifest.json");
  const started = performance.now();
  const previous = options.force ? undefined : await readManifest(manifestPath);
  // The render processes: none yet. pageData starts them while it makes the page data, so that they import Astro and
  // bundle the site meanwhile (started before the inputs were read, they slowed the read and the validation more
  // than they saved).
  const renderers = startRenderers(base, 0);
  try {
    // the code's and the inputs' hashes, and whether the last build's output is untouched, side by side
    const [code, inputs, outputUntouched] = await Promise.all([
      codeVersions(),
      hashDataDir(dataDir, previous?.inputs?.dataDir === dataDir ? previous.inputs.files : {}),
      previous ? outputMatches(previous, outDir) : false,
    ]);
    const parts = { inputs: inputs.hash, code: hashOf(code.data, code.render), options: hashOf(base, outDir, process.version, audienceName) };
    const key = hashOf(parts.inputs, parts.code, parts.options);
    const matches = previous !== undefined && previous.key === key && outputUntouched;
    if (previous && !matches) {
      const changed = (Object.keys(parts) as (keyof typeof parts)[]).filter((k) => previous.parts?.[k] !== parts[k]);
      effects.log(`cache    rebuilding: ${changed.length > 0 ? `${changed.join(", ")} changed since the last build` : `${display(outDir)} changed since the last build`}`);
    }
    if (previous && matches) {
      await recoverInterrupted(outDir); // a killed build's staging folder is cleared either way
      report(fx, "read", (performance.now() - started) / 1000, `skipped (unchanged): inputs, code and options hash to ${key.slice(0, 12)}, as in the last build`);
      for (const stage of ["validate", "load", "model", "pagedata", "render"]) report(fx, stage, 0, "skipped (unchanged)");
      report(fx, "check", 0, `skipped (unchanged): ${display(outDir)} still holds the last build's ${Object.keys(previous.files).length} files, untouched`);
      report(fx, "publish", 0, `skipped (unchanged): ${display(outDir)} is up to date`);
      return { outDir, pages: previous.pages, bytes: previous.bytes, warnings: previous.warnings, stages, cached: true };
    }
    await removeManifest(manifestPath);

    const dataKey = hashOf(parts.inputs, code.data, audienceName, process.version);
    const done = await pageData({ dataDir, cacheDir, renderers, audienceName, dataKey, force: options.force, started }, fx);
    const siteDataPath = join(cacheDir, SITE_DATA_FILE);
    const downloads = join(cacheDir, DOWNLOADS_DIR);
    const { warnings, secrets, audience, expected } = done;

    const staging = stagingDirFor(outDir);
    try {
      await recoverInterrupted(outDir);
      await discard(staging);
      const rendered = performance.now();
      await renderers.render({ siteDataPath, outDir: staging, shards: shardCount(expected.length) });
      await copyFiles(join(downloads, "downloads"), join(staging, "downloads"));
      report(fx, "render", (performance.now() - rendered) / 1000, `site for the ${audience.name} audience rendered, ${done.countDownloads} downloads added`);
      const checked = await timed(fx, "check", async () => {
        const result = await checkSite(staging, expected, base, unexpectedPage({ audience }), secrets);
        result.failures.push(...result.leaks.map((l) => describeLeak(l, audience)));
        if (result.failures.length > 0) throw new Error(`site check failed:\n${result.failures.slice(0, 50).join("\n")}`);
        return [result, `${result.pages} pages, ${(result.bytes / 1024).toFixed(0)} KB, links resolve, no external references, no private value`];
      });
      await timed(fx, "publish", async () => {
        await publish(staging, outDir);
        const { pages, bytes } = checked;
        await writeManifest(manifestPath, { key, parts, outDir, pages, bytes, warnings, inputs: { dataDir, files: inputs.files } });
        return [undefined, `published to ${display(outDir)}`];
      });
      return { outDir, pages: checked.pages, bytes: checked.bytes, warnings, stages, cached: false };
    } catch (error) {
      await discard(staging);
      throw error;
    }
  } catch (error) {
    renderers.stop();
    throw error;
  }
}

interface PageDataOptions {
  dataDir: string;
  cacheDir: string;
  /** The render processes, told how many are needed once that is known. */
  renderers: Renderers;
  audienceName: string;
  /** Hash of the inputs, the page-data code, the audience and the Node version. */
  dataKey: string;
  force?: boolean;
  /** When the build started (the read stage's time when it is skipped). */
  started: number;
}

/**
 * The page data (site-data.v8 and the downloads, in the cache folder), made again only when the inputs, the code that
 * makes it or the audience changed: a change to the pages' code, the base path or the output folder re-renders from
 * the last build's. Tells the render processes how many of them the site needs once the inputs are read.
 */
async function pageData(options: PageDataOptions, fx: Effects): Promise<CachedPageData> {
  const { dataDir, cacheDir, renderers, audienceName, dataKey } = options;
  const cached = options.force ? undefined : await readCachedPageData(cacheDir, dataKey);
  if (cached) {
    const why = `skipped (page data unchanged): inputs, page-data code and audience as in the last build`;
    report(fx, "read", (performance.now() - options.started) / 1000, why);
    for (const stage of ["validate", "load", "model", "pagedata"]) report(fx, stage, 0, why);
    renderers.ensure(shardCount(cached.expected.length), true); // the build only waits for them now
    return cached;
  }
  // read → model in DuckDB, in memory (as a file, its checkpoints cost ~4 s of load and model at 10,000 people, and
  // nothing reads it after the build); the page data and the downloads are written before rendering, and the database
  // closed, so that the render processes have the memory (at 10,000 people the database and the page data hold
  // ~2 GB; its memory is limited, past that it spills to <cache>/spill). V8's serialization, not JSON: at 10,000 people the page data is ~170 MB, and JSON took ~5 s to
  // write (doubles printed as shortest round-trip decimals) and ~3 s to read back in each render process; this ~1.3 s
  // and ~2.8 s.
  await removeCachedPageData(cacheDir);
  await mkdir(cacheDir, { recursive: true });
  await rm(join(cacheDir, "podium.duckdb"), { force: true }); // earlier builds' database file
  const spillDir = join(cacheDir, "spill");
  const db = await openDatabase(":memory:", { memoryLimit: BUILD_MEMORY_LIMIT, spillDir });
  let open = true;
  try {
    // A site of one render process starts it once the inputs are read, at the build's priority: its import of Astro
    // and its bundling are then the build's longest path (~3 s of CPU beside ~1.5 s of ingest, models and page data).
    // A larger site starts its processes once the models are made, below the build's priority: they bundle while the
    // page data is made (~11 s at 10,000 people, bundling ~5 s), and do not slow the ingest and the models (which,
    // beside them, took 2.2x the DuckDB baseline's time, not 1.6x).
    let needed = 1;
    const progress = {
      read: (people: number) => ((needed = shardCount(people)) === 1 ? renderers.ensure(1, true) : undefined),
      modelled: () => renderers.ensure(needed),
    };
    const downloads = join(cacheDir, DOWNLOADS_DIR);
    await rm(downloads, { recursive: true, force: true });
    const { siteData, warnings, secrets, audience, pageDataSeconds } = await prepare(dataDir, db, fx, audienceName, progress, downloads);
    const writing = performance.now();
    const files = downloadFiles(siteData.dictionary);
    // The database's memory goes back before the page data is serialized: at 10,000 people and 5 M input rows the
    // build's memory peaked here, with the database (~1.1 GB), the page data's objects and their 196 MB serialization
    // all held at once, beside the render processes waiting for it.
    db.close();
    open = false;
    await writeFile(join(cacheDir, SITE_DATA_FILE), serialize(siteData));
    const record = { key: dataKey, warnings, secrets, audience, expected: expectedPages(siteData), countDownloads: files.length };
    await writeCachedPageData(cacheDir, record);
    report(fx, "pagedata", pageDataSeconds + (performance.now() - writing) / 1000,
      `${siteData.periods.length} periods as of ${siteData.asOf}, ${files.length} downloads`);
    return record;
  } finally {
    if (open) db.close();
    await rm(spillDir, { recursive: true, force: true });
  }
}

function describeLeak(leak: Leak, audience: Audience): string {
  return leak.kind === "name"
    ? `${leak.file}: holds the name "${leak.value}", which the ${audience.name} audience does not see`
    : `${leak.file}: holds the private value "${leak.value}" from the inputs`;
}

/** Runs the SQL checks and locates each hit at its file, line and field. */
async function locateChecks(db: Database, inputs: ReadStage["inputs"]): Promise<Problem[]> {
  const hits = await runChecks(db);
  const byEntity = new Map(inputs.map((i) => [i.spec.entity as string, i]));
  const recordAt = new Map<string, (line: number) => Promise<SourceRecord | undefined>>();
  const problems: Problem[] = [];
  for (const { check, line, message } of hits) {
    const input = byEntity.get(check.entity)!;
    let at = recordAt.get(check.entity);
    if (!at) {
      // A fast-path input has no records in memory: the one a hit names is made from the file, as the reader would.
      const index = new Map(input.records.map((r) => [r.line, r]));
      recordAt.set(check.entity, (at = input.fast ? recordsAt(input.fast) : async (l) => index.get(l)));
    }
    const where = (await at(line))?.locate(check.field) ?? { line, column: 0 };
    problems.push({ file: input.displayPath, line: where.line, column: where.column, rule: check.rule, message, severity: check.severity ?? "error" });
  }
  return problems;
}
