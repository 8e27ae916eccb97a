// The data dictionary documents every published table and column, and the models' invariants catch a wrong table.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Prepared } from "../src/pipeline/build.ts";
import { prepare, silentEffects } from "../src/pipeline/build.ts";
import { openDatabase, type Database } from "../src/pipeline/load/database.ts";
import { checkInvariants } from "../src/pipeline/check/invariants.ts";
import { PUBLISHED_TABLES } from "../src/pipeline/pagedata/tables.ts";
import { FIXTURES } from "./helpers.ts";

let db: Database;
let prepared: Prepared;
beforeAll(async () => {
  db = await openDatabase(":memory:");
  prepared = await prepare(`${FIXTURES}tiny`, db, silentEffects, "leadership"); // the audience that gets every table
});
afterAll(() => db.close());

describe("the data dictionary", () => {
  it("gives every published table its grain and every column its meaning", () => {
    const tables = prepared.siteData.dictionary.filter((d) => d.kind === "table");
    expect(tables.map((t) => t.name)).toEqual([...PUBLISHED_TABLES]);
    const undocumented = tables.flatMap((t) => [...(t.grain ? [] : [`${t.name} (grain)`]), ...t.columns.filter((c) => !c.description).map((c) => `${t.name}.${c.name}`)]);
    expect(undocumented).toEqual([]);
  });

  it("documents every input column from its schema", () => {
    const deals = prepared.siteData.dictionary.find((d) => d.kind === "input" && d.name === "deals")!;
    expect(deals.columns.find((c) => c.name === "amount")).toEqual({ name: "amount", type: "number", required: true, description: "Deal value in `currency`." });
    expect(deals.columns.find((c) => c.name === "pod_id")?.required).toBe(false);
  });
});

describe("model invariants", () => {
  it("hold on the fixture", async () => {
    expect(await checkInvariants(db)).toEqual([]);
  });

  it("catch a table that breaks one", async () => {
    await db.run("update participation set count_two_way = count_built + 1 where group_type = 'company' and period = 'FY2025-Q1'");
    await db.run("update pod_leaderboard set rank = 1 where period = 'FY2025-Q1'");
    const failures = await checkInvariants(db);
    expect(failures).toContainEqual({ table: "participation", test: "count_two_way <= least(count_built, count_sold)", count: 1 });
    expect(failures).toContainEqual({ table: "pod_leaderboard", test: "rank is 1..n within (period_grain, period)", count: 1 });
  });
});
