import { readdirSync, readFileSync } from "node:fs";
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { prepare } from "/work/main/src/pipeline/build.ts";
import { openDatabase } from "/work/main/src/pipeline/load/database.ts";
import { InputError, formatProblem, sortProblems } from "/work/main/src/pipeline/validate/problems.ts";
const FIXTURES = "/work/main/test/fixtures/";
const beforeAll = (f: () => Promise<void>) => f();
const afterAll = (_f: unknown) => {};
const CORPUS = "/work/main/test/corpus/";
const ROOT = "/work/main/";

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
work = await mkdtemp(join(tmpdir(), "podium-corpus-"));
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


const only = process.argv[2];
const out: Record<string, string[]> = {};
for (const c of CASES) { if (only && !c.name.includes(only)) continue; try { out[c.name] = await problemsOf(c, await materialise(c)); } catch (e) { out[c.name] = ["CRASH " + String((e as Error).message).slice(0, 600)]; } }
console.log(JSON.stringify(out, null, 1));
