// The fast path (load/fast.ts) on real folders: it takes every input of the sample and of the tiny fixture, and when it
// finds a problem — a value breaking a rule, a reference the SQL checks cannot resolve — the build still names it at the
// exact file:line:column the JavaScript path gives, also where records are not one a line.
import { cp, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepare } from "../src/pipeline/build.ts";
import { INPUTS, type InputSpec } from "../src/pipeline/inputs.ts";
import { openDatabase } from "../src/pipeline/load/database.ts";
import { readFast, validateFast } from "../src/pipeline/load/fast.ts";
import { readFastAll } from "../src/pipeline/load/fast-read.ts";
import { readInput } from "../src/pipeline/read/index.ts";
import { InputError, formatProblem, type Problem } from "../src/pipeline/validate/problems.ts";
import { validateRows } from "../src/pipeline/validate/rows.ts";
import { FIXTURES, ROOT } from "./helpers.ts";

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "podium-fast-"));
});
afterAll(() => rm(work, { recursive: true, force: true }));

const spec = (entity: string) => INPUTS.find((s) => s.entity === entity)! as InputSpec;

/** A copy of tiny with some files replaced. */
async function tinyWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(work, "case-"));
  await cp(join(FIXTURES, "tiny"), dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

/** What the fast path makes of each input of a folder. */
async function fastOutcomes(dir: string): Promise<Record<string, string>> {
  const db = await openDatabase(":memory:");
  try {
    const out: Record<string, string> = {};
    for (const s of INPUTS) {
      const fast = await readFast(s, join(dir, s.file), s.file).catch(() => undefined);
      out[s.entity] = fast ? await validateFast(db, fast) : "not read";
    }
    return out;
  } finally {
    db.close();
  }
}

/** The problems (errors and warnings) prepare() reports, relative to the folder. */
async function reported(dir: string): Promise<string[]> {
  const db = await openDatabase(":memory:");
  try {
    const { warnings } = await prepare(dir, db);
    return warnings.map(formatProblem).map((p) => p.replaceAll(`${dir}/`, ""));
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return error.problems.map(formatProblem).map((p) => p.replaceAll(`${dir}/`, ""));
  } finally {
    db.close();
  }
}

/** Where the JavaScript path locates `field` of the record on `line` (the last record starting there, as its index does). */
async function locatedByJs(dir: string, entity: string, line: number, field: string): Promise<string> {
  const s = spec(entity);
  const read = await readInput(join(dir, s.file), s.file, s.format);
  const record = new Map(read.records.map((r) => [r.line, r])).get(line)!;
  const at = record.locate(field);
  return `${s.file}:${at.line}:${at.column}`;
}

describe("the fast path", () => {
  it("takes every input of the sample company and of the tiny fixture", async () => {
    const all = Object.fromEntries(INPUTS.map((s) => [s.entity, "valid"]));
    expect(await fastOutcomes(join(ROOT, "data"))).toEqual(all);
    expect(await fastOutcomes(join(FIXTURES, "tiny"))).toEqual({ ...all, memberships: "not read" }); // tiny has none
  });

  it("detects a bad value, and the build names it exactly where the JavaScript path does", async () => {
    const deals = (await readFile(join(FIXTURES, "tiny/deals.csv"), "utf8")).replace("d2,Globex,,p4,40000,", "d2,Globex,,p4,-40000,");
    const dir = await tinyWith({ "deals.csv": deals });
    const fast = await readFast(spec("deals"), join(dir, "deals.csv"), "deals.csv");
    expect(fast).toBeDefined(); // the file's form is plain: DuckDB reads it
    const db = await openDatabase(":memory:");
    expect(await validateFast(db, fast!)).toBe("invalid");
    db.close();

    const read = await readInput(join(dir, "deals.csv"), "deals.csv", "csv");
    const js = validateRows(spec("deals"), "deals.csv", read.records, read.columns).problems.map(formatProblem);
    expect(js).toEqual(['deals.csv:3:15 [range] amount must not be negative, got "-40000"']);
    expect(await reported(dir)).toEqual(js);
  });

  it("locates a reference check's hit in a file it took, as the JavaScript path does", async () => {
    const credits = (await readFile(join(FIXTURES, "tiny/deal_credits.csv"), "utf8")).replace("d1,p1,technical win", "d1,nobody,technical win");
    const dir = await tinyWith({ "deal_credits.csv": credits });
    expect((await fastOutcomes(dir)).deal_credits).toBe("valid");
    const problems = await reported(dir);
    expect(problems).toContain(`${await locatedByJs(dir, "deal_credits", 3, "person_id")} [ref:person] unknown person "nobody"`);
    expect(problems).toContain("deal_credits.csv:3:4 [ref:person] unknown person \"nobody\"");
  });

  it("locates hits where records are not one a line: a quoted line break, blank lines, two JSON objects on a line", async () => {
    const credits = 'deal_id,person_id,contribution,share\n\nd1,p2,"closed\nthe deal",0.5\n\n"d1",nobody,"technical, win",0.25\n';
    const recognition = (await readFile(join(FIXTURES, "tiny/recognition.json"), "utf8"))
      .replace('#ship-it"},\n  {', '#ship-it"}, {') // the second and third messages on one line
      .replace("<@p2> <@p1> we closed", "<@p2> <@ghost> we closed");
    const dir = await tinyWith({ "deal_credits.csv": credits, "recognition.json": recognition });
    const outcomes = await fastOutcomes(dir);
    expect([outcomes.deal_credits, outcomes.recognition]).toEqual(["valid", "valid"]);
    const problems = await reported(dir);
    expect(problems).toContain(`${await locatedByJs(dir, "deal_credits", 6, "person_id")} [ref:person] unknown person "nobody"`);
    expect(problems).toContain(`${await locatedByJs(dir, "recognition", 3, "text")} [ref:person] unknown person "ghost"`);
  });

  it("locates a warning in a file it took: the self-mention of the second of two messages on one line", async () => {
    const recognition = (await readFile(join(FIXTURES, "tiny/recognition.json"), "utf8")).replace('#ship-it"},\n  {', '#ship-it"}, {');
    const dir = await tinyWith({ "recognition.json": recognition });
    expect((await fastOutcomes(dir)).recognition).toBe("valid");
    expect(await reported(dir)).toEqual([`${await locatedByJs(dir, "recognition", 3, "text")} [self-recognition] the giver mentions themself; that pair is left out`]);
    expect(await reported(dir)).toEqual(["recognition.json:3:231 [self-recognition] the giver mentions themself; that pair is left out"]);
  });

  it("reads on worker threads exactly what it reads on the main thread, a file it does not take included", async () => {
    const people = (await readFile(join(FIXTURES, "tiny/people.csv"), "utf8")).replace("Ada Park", 'Ada "The" Park');
    const folders = [join(ROOT, "data"), await tinyWith({ "people.csv": people })];
    for (const dir of folders) {
      const jobs = await Promise.all(
        INPUTS.map(async (s) => ({ entity: s.entity, path: join(dir, s.file), displayPath: s.file, bytes: (await stat(join(dir, s.file)).catch(() => undefined))?.size ?? 0 })),
      );
      const present = jobs.filter((j) => j.bytes > 0);
      const inline = await readFastAll(present, 1);
      const threaded = await readFastAll(present, 2, 0); // every file on a worker
      expect(threaded).toEqual(inline);
      expect(inline.filter(Boolean).length).toBeGreaterThan(0);
    }
    expect((await readFastAll([{ entity: "people", path: join(folders[1]!, "people.csv"), displayPath: "people.csv", bytes: 1 }], 2, 0))[0]).toBeUndefined();
  });

  it("leaves a file it does not take to the JavaScript reader, which reports it as before", async () => {
    // A quote inside an unquoted field: papaparse reads it as text, so the scanner declines the file.
    const people = (await readFile(join(FIXTURES, "tiny/people.csv"), "utf8")).replace("Ada Park", 'Ada "The" Park');
    const dir = await tinyWith({ "people.csv": people });
    expect((await fastOutcomes(dir)).people).toBe("not read");
    expect(await reported(dir)).toEqual(await reported(await tinyWith({})));
  });
});

export type { Problem };
