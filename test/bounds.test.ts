// Bounds: an input beyond what the build can hold is a clear, located [size] problem before it is read into memory,
// never an out-of-memory crash. The big inputs are cheap to make: a sparse file (truncate: no disk, no time), a
// 20 MB file of short lines, a 2 MB cell.
import { cp, mkdtemp, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepare } from "../src/pipeline/build.ts";
import { openDatabase } from "../src/pipeline/load/database.ts";
import { readInput } from "../src/pipeline/read/index.ts";
import { MAX_CELL_CHARS, MAX_FILE_BYTES, MAX_LINES } from "../src/pipeline/read/limits.ts";
import { InputError, formatProblem } from "../src/pipeline/validate/problems.ts";
import { FIXTURES } from "./helpers.ts";

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "podium-bounds-"));
});
afterAll(() => rm(work, { recursive: true, force: true }));

const GB = 1024 ** 3;

async function problemsOfBuild(dir: string): Promise<string[]> {
  const db = await openDatabase(":memory:");
  try {
    await prepare(dir, db);
    return [];
  } catch (error) {
    if (error instanceof InputError) return error.problems.map((p) => formatProblem(p).replaceAll(`${dir}/`, ""));
    throw error;
  } finally {
    db.close();
  }
}

describe("limits", () => {
  it("are below what one file can be read into (V8's longest string is 2^29 - 24 characters)", () => {
    expect(MAX_FILE_BYTES).toBeLessThan(2 ** 29 - 24);
    expect(MAX_CELL_CHARS).toBe(1024 * 1024);
    expect(MAX_LINES).toBe(10_000_000);
  });
});

describe("a file over the size limit", () => {
  it("is refused from its size alone: a 3 GB (sparse) file is never read", async () => {
    const path = join(work, "deals.csv");
    await writeFile(path, "deal_id,account\n");
    await truncate(path, 3 * GB); // sparse: instant, takes no disk
    const started = performance.now();
    const heap = process.memoryUsage().rss;
    const read = await readInput(path, "data/deals.csv", "csv");
    expect(read.records).toEqual([]);
    expect(read.problems.map(formatProblem)).toEqual([
      "data/deals.csv:0:0 [size] is 3,072 MB, more than the 500 MB a build can read from one file; split it, or export a shorter period",
    ]);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().rss - heap).toBeLessThan(100 * 1024 * 1024);
  });

  it("stops the build with that problem, not a crash", async () => {
    const dir = await mkdtemp(join(work, "big-"));
    await cp(`${FIXTURES}tiny`, dir, { recursive: true });
    await truncate(join(dir, "recognition.json"), 3 * GB);
    expect(await problemsOfBuild(dir)).toEqual([
      "recognition.json:0:0 [size] is 3,072 MB, more than the 500 MB a build can read from one file; split it, or export a shorter period",
    ]);
  });
});

describe("a file with too many lines", () => {
  it("is refused after counting its line breaks, before it is parsed", async () => {
    const path = join(work, "goals.csv");
    const header = "person_id,period,build_goal,sell_goal\n";
    await writeFile(path, Buffer.concat([Buffer.from(header), Buffer.alloc(2 * MAX_LINES, "a\n")]));
    const read = await readInput(path, "data/goals.csv", "csv");
    expect(read.problems.map(formatProblem)).toEqual([
      "data/goals.csv:0:0 [size] has more than 10,000,000 lines, more than a build can hold in memory; split it, or export a shorter period",
    ]);
  });
});

describe("a cell over the cell limit", () => {
  it("is a located [size] problem naming its line and column, in CSV", async () => {
    const path = join(work, "feedback.csv");
    const tiny = await readFile(`${FIXTURES}tiny/feedback.csv`, "utf8");
    await writeFile(path, tiny.replace("Dark mode please", "x".repeat(2 * 1024 * 1024)));
    const read = await readInput(path, "data/feedback.csv", "csv");
    // "f3,Globex,p4,2025-02-10," is 24 characters: the summary starts at column 25 of line 4
    expect(read.problems.map(formatProblem)).toEqual([
      "data/feedback.csv:4:25 [size] summary holds 2,097,152 characters, more than the 1,048,576 a cell may hold",
    ]);
    expect(read.records.map((r) => r.values.feedback_id)).toEqual(["f1", "f2", "f4"]); // the row is not validated too
  });

  it("in JSON, where the value may sit inside an array", async () => {
    const path = join(work, "build.jsonl");
    const item = { id: "b9", title: "Big", kind: "doc", shipped_at: "2025-03-05", contributors: ["p1", "y".repeat(MAX_CELL_CHARS + 1)] };
    await writeFile(path, `{"id":"b1","title":"Small","kind":"doc","shipped_at":"2025-03-05","contributors":["p1"]}\n${JSON.stringify(item)}\n`);
    const read = await readInput(path, "data/build.jsonl", "jsonl");
    expect(read.problems.map(formatProblem)).toEqual([
      // `{"id":"b9","title":"Big","kind":"doc","shipped_at":"2025-03-05",` is 64 characters: "contributors" is at column 65
      "data/build.jsonl:2:65 [size] contributors holds 1,048,577 characters, more than the 1,048,576 a cell may hold",
    ]);
    expect(read.records).toHaveLength(1);
  });

  it("up to the limit is read as usual (and left to validation)", async () => {
    const path = join(work, "pods.csv");
    await writeFile(path, `pod_id,name,orientation,focus,notes\nA,Health,vertical,Healthcare,${"n".repeat(MAX_CELL_CHARS)}\n`);
    const read = await readInput(path, "data/pods.csv", "csv");
    expect(read.problems).toEqual([]);
    expect(read.records).toHaveLength(1);
  });
});
