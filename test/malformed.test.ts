// A malformed row in any input file stops the build before anything is loaded, located at file:line:column.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepare } from "../src/pipeline/build.ts";
import { openDatabase } from "../src/pipeline/load/database.ts";
import { InputError, formatProblem } from "../src/pipeline/validate/problems.ts";
import { FIXTURES } from "./helpers.ts";

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "podium-malformed-"));
});
afterAll(() => rm(work, { recursive: true, force: true }));

/** Copies the tiny fixture, replaces `from` with `to` in `file`, and returns the problems the build reports. */
async function problemsAfter(file: string, from: string, to: string): Promise<string[]> {
  const dir = await mkdtemp(join(work, "case-"));
  await cp(`${FIXTURES}tiny`, dir, { recursive: true });
  const text = await readFile(join(dir, file), "utf8");
  expect(text).toContain(from);
  await writeFile(join(dir, file), text.replace(from, to));
  const db = await openDatabase(":memory:");
  try {
    await prepare(dir, db);
  } catch (error) {
    if (error instanceof InputError) return error.problems.map((p) => formatProblem(p).slice(dir.length + 1));
    throw error;
  } finally {
    db.close();
  }
  return [];
}

describe("one bad row per input file", () => {
  // Columns counted by hand, e.g. people.csv line 5: "p4," 3 + "Di Rossi," 9 + "di@example.com," 15 = 27, so function is at 28.
  it.each([
    ["people.csv", "p4,Di Rossi,di@example.com,inside sales", "p4,Di Rossi,di@example.com,inside salez",
      "people.csv:5:28 [enum] function must be one of: engineering, product, design, data, marketing, inside sales, outside sales, account management, support, sales engineering, got \"inside salez\""],
    ["pods.csv", "B,EMEA,geography,Europe,2024-06-01", "B,EMEA,geography,Europe,2024-06-31",
      "pods.csv:3:25 [format] formed_at must be a date written YYYY-MM-DD, got \"2024-06-31\""],
    ["build.jsonl", "\"shipped_at\":\"2025-03-05\"", "\"shipped_at\":\"March 5\"",
      "build.jsonl:3:47 [format] shipped_at must be a date (YYYY-MM-DD) or an ISO 8601 timestamp, got \"March 5\""],
    ["deals.csv", "d6,Wayne,A,p2,5000,USD,new,lost,2025-02-04,2025-03-15", "d6,Wayne,A,p2,5000,USD,new,lost,2025-02-04,",
      "deals.csv:7:44 [required] closed_at is required for a lost deal"],
    ["deal_credits.csv", "d1,p5,demo,0.25", "d1,p5,demo,1.25", "deal_credits.csv:4:12 [range] share must be between 0 and 1, got \"1.25\""],
    ["recognition.json", "\"user\": \"p1\"", "\"user\": \"p 1\"",
      "recognition.json:3:46 [format] user may hold only letters, digits and _ - . : @, got \"p 1\""],
    ["feedback.csv", "f3,Globex,p4,2025-02-10", "f3,Globex,,2025-02-10", "feedback.csv:4:11 [required] captured_by is required"],
    ["goals.csv", "p3,FY2025-Q1,2,", "p3,2025-Q1,2,", "goals.csv:4:4 [format] period must be a fiscal quarter such as FY2026-Q1, got \"2025-Q1\""],
  ])("%s", async (file, from, to, expected) => {
    expect(await problemsAfter(file, from, to)).toEqual([expected]);
  });
});

describe("references checked in SQL", () => {
  it("names an unknown person, pod, deal and build item where they are written", async () => {
    expect(await problemsAfter("deal_credits.csv", "d5,p3,customer call,1", "d9,p9,customer call,1")).toEqual([
      "deal_credits.csv:5:1 [ref:deal] unknown deal \"d9\"",
      "deal_credits.csv:5:4 [ref:person] unknown person \"p9\"",
    ]);
    expect(await problemsAfter("feedback.csv", "b3,2025-03-05", "b7,2025-03-05")).toEqual(["feedback.csv:3:43 [ref:build] unknown build \"b7\""]);
    expect(await problemsAfter("people.csv", "outside sales,A,", "outside sales,Z,")).toEqual(["people.csv:3:43 [ref:pod] unknown pod \"Z\""]);
  });

  it("rejects credit shares of a deal that do not sum to 1", async () => {
    expect(await problemsAfter("deal_credits.csv", "d1,p2,closed,0.5", "d1,p2,closed,0.6")).toEqual([
      "deal_credits.csv:2:14 [share-sum] credit shares of deal d1 sum to 1.1, not 1",
    ]);
  });

  it("rejects duplicate keys, pointing at the first occurrence", async () => {
    const pods = "B,EMEA,geography,Europe,2024-06-01";
    expect(await problemsAfter("pods.csv", pods, `${pods}\nA,Health again,general,All,2024-06-01`)).toEqual([
      "pods.csv:4:1 [unique] duplicate pod_id A, first on line 2",
    ]);
  });

  it("rejects overlapping memberships", async () => {
    const dir = await mkdtemp(join(work, "overlap-"));
    await cp(`${FIXTURES}tiny`, dir, { recursive: true });
    await writeFile(join(dir, "memberships.csv"), "person_id,pod_id,from,to,rotation\np1,A,2025-01-01,2025-02-28,\np1,B,2025-02-15,,\n");
    const db = await openDatabase(":memory:");
    const error = await prepare(dir, db).catch((e: unknown) => e).finally(() => db.close());
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems.map((p) => formatProblem(p).slice(dir.length + 1))).toEqual([
      "memberships.csv:3:6 [overlap] membership of p1 in B from 2025-02-15 overlaps the one in A on line 2",
    ]);
  });

  it("reports every problem of a run, not just the first", async () => {
    const problems = await problemsAfter("deals.csv", "d1,Acme Health,A,p2,100000", "d1,Acme Health,A,p2,lots");
    expect(problems).toHaveLength(1);
    const dir = await mkdtemp(join(work, "many-"));
    await cp(`${FIXTURES}tiny`, dir, { recursive: true });
    await writeFile(join(dir, "goals.csv"), "person_id,period,build_goal,sell_goal\np1,Q1,0,\np2,FY2025-Q1,-1,\n");
    const db = await openDatabase(":memory:");
    const error = (await prepare(dir, db).catch((e: unknown) => e).finally(() => db.close())) as InputError;
    expect(error.problems.map((p) => `${p.line}:${p.column} [${p.rule}]`)).toEqual(["2:4 [format]", "2:7 [range]", "3:14 [range]"]);
    expect(error.message).toMatch(/3 problems found/);
  });
});
