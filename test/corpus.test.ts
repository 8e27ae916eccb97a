// The bad-input corpus: every folder of test/corpus/ is one malformed data folder, written as the files that differ
// from test/fixtures/tiny plus a case.json saying how to patch the rest and which problems the build must report.
// Each case goes through prepare() (read → validate → load → model): it must either build (expect: []) or throw an
// InputError whose problems are exactly the expected `file:line:column [rule] message` lines, sorted as the report
// prints them; an expected line ending in "…" matches as a prefix. Any other error is a crash and fails the case.
// The cases marked "cli" also run through the command line against a published site: exit code 1, the located
// problems on stderr, no stack trace, and the published site byte for byte as it was.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { prepare } from "../src/pipeline/build.ts";
import { openDatabase } from "../src/pipeline/load/database.ts";
import { InputError, formatProblem, sortProblems } from "../src/pipeline/validate/problems.ts";
import { FIXTURES, buildCli as cli, snapshot } from "./helpers.ts";

const CORPUS = new URL("./corpus/", import.meta.url).pathname;
const ROOT = new URL("../", import.meta.url).pathname;

/** case.json: how the case differs from tiny besides its own files, and what the build must say. */
const CaseSchema = z
  .object({
    about: z.string().min(1),
    /** Text replacements in tiny's files; `to` may be generated (`{repeat, times}`) to keep big inputs out of git. */
    replace: z
      .array(
        z
          .object({
            file: z.string(),
            from: z.string(),
            to: z.union([z.string(), z.object({ repeat: z.string(), times: z.number().int().positive() })]),
            /** Replace every occurrence, not just the first. */
            all: z.boolean().optional(),
            /** `from` is a regular expression. */
            regex: z.boolean().optional(),
          })
          .strict(),
      )
      .default([]),
    /** Files of tiny to delete. */
    remove: z.array(z.string()).default([]),
    /** The problems, sorted; empty means the folder must build. */
    expect: z.array(z.string()),
    /** Also run through the CLI against a published site. */
    cli: z.boolean().default(false),
  })
  .strict();
type Case = z.infer<typeof CaseSchema> & { name: string };

const CASES: Case[] = readdirSync(CORPUS, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => ({ name: e.name, ...CaseSchema.parse(JSON.parse(readFileSync(join(CORPUS, e.name, "case.json"), "utf8"))) }))
  .sort((a, b) => (a.name < b.name ? -1 : 1));

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "podium-corpus-"));
});
afterAll(() => rm(work, { recursive: true, force: true }));

/** A copy of tiny with the case laid over it, in a fresh folder. */
async function materialise(c: Case): Promise<string> {
  const dir = await mkdtemp(join(work, `${c.name}-`));
  await cp(`${FIXTURES}tiny`, dir, { recursive: true });
  for (const file of c.remove) await rm(join(dir, file));
  for (const r of c.replace) {
    const path = join(dir, r.file);
    const text = await readFile(path, "utf8");
    const pattern = r.regex ? new RegExp(r.from, r.all ? "g" : "") : r.from;
    if (r.regex ? !(pattern as RegExp).test(text) : !text.includes(r.from)) throw new Error(`case ${c.name}: ${r.file} does not contain ${JSON.stringify(r.from)}`);
    const to = typeof r.to === "string" ? r.to : r.to.repeat.repeat(r.to.times);
    // A function replacement keeps `$` in `to` literal.
    const patched = r.all && !r.regex ? text.replaceAll(r.from, () => to) : text.replace(pattern, () => to);
    await writeFile(path, patched);
  }
  for (const entry of await readdir(join(CORPUS, c.name))) {
    if (entry === "case.json") continue;
    await rm(join(dir, entry), { recursive: true, force: true }); // a case may put a directory where tiny has a file
    await cp(join(CORPUS, c.name, entry), join(dir, entry), { recursive: true });
  }
  return dir;
}

/** The problems prepare() reports, as `file:line:column [rule] message` relative to the data folder; [] when it builds. */
async function problemsOf(c: Case, dir: string): Promise<string[]> {
  const db = await openDatabase(":memory:");
  try {
    await prepare(dir, db);
    return [];
  } catch (error) {
    if (error instanceof InputError) return sortProblems(error.problems).map((p) => formatProblem(p).replaceAll(`${dir}/`, ""));
    throw new Error(`case ${c.name} crashed instead of reporting located problems: ${(error as Error).stack ?? String(error)}`);
  } finally {
    db.close();
  }
}

function matches(actual: readonly string[], expected: readonly string[]): boolean {
  return actual.length === expected.length && expected.every((e, i) => (e.endsWith("…") ? actual[i]!.startsWith(e.slice(0, -1)) : actual[i] === e));
}

// Concurrent: most of a case's time is DuckDB's, which runs off the JS thread, and the CLI runs are other processes.
describe.concurrent("the bad-input corpus", () => {
  it("has at least 40 cases, each a folder with a case.json", ({ expect }) => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(CASES.filter((c) => c.expect.length > 0).length).toBeGreaterThanOrEqual(40);
  });

  it.for(CASES)("$name", async (c, { expect }) => {
    const actual = await problemsOf(c, await materialise(c));
    if (!matches(actual, c.expect)) expect(actual, `${c.name}: ${c.about}`).toEqual(c.expect); // shows the difference
    if (c.expect.length > 0) for (const line of actual) expect(line).toMatch(/^[^:]+:\d+:\d+ \[[a-z:-]+\] \S/);
  });
});




describe.concurrent("through the command line", () => {
  const cliCases = CASES.filter((c) => c.cli);

  it("exits 1 with the located problems and no stack trace, and leaves the published site as it was", { timeout: 120_000 }, async ({ expect }) => {
    expect(cliCases.length).toBeGreaterThanOrEqual(5);
    const out = join(work, "site");
    const published = await cli(`${FIXTURES}tiny`, out, join(work, "cache-tiny"));
    expect(published.code, published.stderr).toBe(0);
    const before = await snapshot(out);
    expect(Object.keys(before).length).toBeGreaterThan(20);

    // The failing runs stop before anything is written, each with its own cache: run them side by side.
    const dirs = await Promise.all(cliCases.map(materialise));
    const results = await Promise.all(cliCases.map((c, i) => cli(dirs[i]!, out, join(work, `cache-${c.name}`))));
    cliCases.forEach((c, i) => {
      const result = results[i]!;
      expect(result.code, `${c.name}: ${result.stderr}`).toBe(1);
      expect(result.stderr, c.name).not.toMatch(/^\s+at .+[:(]\d+:\d+\)?$/m); // a stack frame
      expect(result.stderr, c.name).not.toContain("Build failed"); // the CLI's words for an error that is not about the inputs
      for (const line of c.expect) expect(result.stderr, c.name).toContain(`${dirs[i]}/${line.replace(/…$/, "")}`);
      expect(result.stderr, c.name).toMatch(/previously published site is unchanged/);
    });
    expect(existsSync(out)).toBe(true);
    expect(await snapshot(out)).toEqual(before);
  });
});
