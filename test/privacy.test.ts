// Privacy by default: small groups are suppressed, also where subtraction would reveal them, and the leak scan finds
// private values anywhere in the output.
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../src/pipeline/load/database.ts";
import { createPublishedTables } from "../src/pipeline/privacy/suppress.ts";
import { privateValues } from "../src/pipeline/check/leaks.ts";
import { checkSite } from "../src/pipeline/check/site.ts";

describe("small-group suppression", () => {
  let db: Database;
  beforeEach(async () => {
    db = await openDatabase(":memory:");
    // A company of 20 in one quarter: functions of 9, 7 and 4 people; sides of 16 and 4; pods of 12 and 3.
    await db.run(`create table participation as select * from (values
      ('quarter', 'Q', 'company', 'company', 'Co', 20, 10, 0.5),
      ('quarter', 'Q', 'function', 'engineering', 'engineering', 9, 6, 0.6667),
      ('quarter', 'Q', 'function', 'support', 'support', 7, 3, 0.4286),
      ('quarter', 'Q', 'function', 'design', 'design', 4, 1, 0.25),
      ('quarter', 'Q', 'side', 'build', 'build', 16, 9, 0.5625),
      ('quarter', 'Q', 'side', 'sell', 'sell', 4, 1, 0.25),
      ('quarter', 'Q', 'pod', 'A', 'Alpha', 12, 7, 0.5833),
      ('quarter', 'Q', 'pod', 'B', 'Beta', 3, 2, 0.6667)
    ) as t(period_grain, period, group_type, group_id, group_name, headcount, count_built, built_share)`);
  });
  afterEach(() => db.close());

  const published = async () =>
    Object.fromEntries(
      (await db.query<{ group_id: string; count_built: number | null; is_suppressed: boolean }>("select group_id, count_built, is_suppressed from pub_participation")).map(
        (r) => [r.group_id, r.count_built],
      ),
    );

  it("empties the figures of groups under the minimum, and of the next smallest group of the same partition", async () => {
    await createPublishedTables(db, ["participation"], 5);
    expect(await published()).toEqual({
      company: 10,
      engineering: 6,
      // design (4) is under 5; support is the next smallest function, else design = company − engineering − support
      support: null,
      design: null,
      // sell (4) is under 5, and with two sides the other must go too: build = company − sell
      build: null,
      sell: null,
      // pods do not add up to the company (people may have no pod): only Beta itself is hidden
      A: 7,
      B: null,
    });
  });

  it("keeps every figure when every group is large enough", async () => {
    await createPublishedTables(db, ["participation"], 3);
    expect(Object.values(await published())).not.toContain(null);
  });

  it("copies tables without a rule unchanged", async () => {
    await db.run("create table recognition_matrix as select 'quarter' as period_grain, 'Q' as period, 'design' as giver_function, 1 as pairs");
    await createPublishedTables(db, ["recognition_matrix"], 5);
    expect(await db.query("select * from pub_recognition_matrix")).toEqual([{ period_grain: "quarter", period: "Q", giver_function: "design", pairs: 1 }]);
  });
});

describe("the leak scan", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "podium-leaks-"));
    await mkdir(join(dir, "pods"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("finds an e-mail address and a person id in any text file, and nothing in clean files", async () => {
    const values = privateValues([{ person_id: "p0042", email: "Ada@Example.com" }, { person_id: "p0007" }]);
    await writeFile(join(dir, "index.html"), "<p>Thanks to Ada Park (ADA@EXAMPLE.COM)</p><!-- p00420 is not p0042's id -->");
    await writeFile(join(dir, "pods/data.json"), JSON.stringify({ contact: "ada@example.com" }));
    await writeFile(join(dir, "pods/chart.svg"), "<svg><path d=\"M0,0L10,10\"/><title>p0007</title></svg>");
    await writeFile(join(dir, "clean.csv"), "group_id,value\np00070,1\nxp0007,2\nbada@example.co,3\n");
    expect((await checkSite(dir, [], "/", undefined, values)).leaks).toEqual([
      { file: "index.html", value: "ada@example.com", kind: "substring" },
      { file: "index.html", value: "p0042", kind: "token" },
      { file: "pods/chart.svg", value: "p0007", kind: "token" },
      { file: "pods/data.json", value: "ada@example.com", kind: "substring" },
    ]);
  });
});

describe("CSV downloads", () => {
  it("neutralise text cells a spreadsheet would run as a formula, and leave numbers alone", async () => {
    const { csvSafeSelectList } = await import("../src/pipeline/pagedata/csv-safe.ts");
    const db = await openDatabase(":memory:");
    try {
      await db.run(`create table t as select * from (values
        ('=HYPERLINK("http://x")', -5), ('+1', 1), ('-2', 2), ('@SUM(A1)', 3), (chr(9) || 'tab', 4), (chr(13) || 'cr', 5), ('Plain - text', 6)
      ) as v(name, amount)`);
      const rows = await db.query<{ name: string; amount: number }>(`select ${await csvSafeSelectList(db, "t")} from t`);
      expect(rows.map((r) => r.name)).toEqual(["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", "'\ttab", "'\rcr", "Plain - text"]);
      expect(rows[0]!.amount).toBe(-5);
    } finally {
      db.close();
    }
  });
});

describe("the published page data", () => {
  it("suppresses the sample fixture's two- and three-person pods at the default minimum of 5", async () => {
    const { cp, mkdtemp: temp, rm: remove } = await import("node:fs/promises");
    const { prepare } = await import("../src/pipeline/build.ts");
    const { FIXTURES } = await import("./helpers.ts");
    const dir = await temp(join(tmpdir(), "podium-min5-"));
    await cp(`${FIXTURES}tiny`, dir, { recursive: true });
    await rm(join(dir, "podium.config.json")); // the fixture lowers the minimum to 1 to show its numbers
    const db = await openDatabase(":memory:");
    try {
      const { siteData } = await prepare(dir, db);
      const q1 = siteData.tables.balance.filter((r) => r.period === "FY2025-Q1");
      const company = q1.find((r) => r.group_type === "company")!;
      expect(company).toMatchObject({ headcount: 6, is_suppressed: false });
      expect(company.balance).toBeCloseTo(156 / 197, 12);
      for (const pod of q1.filter((r) => r.group_type === "pod")) expect(pod).toMatchObject({ balance: null, sum_b: null, is_suppressed: true });
      const board = siteData.tables.pod_leaderboard.filter((r) => r.period === "FY2025-Q1");
      expect(board.map((r) => [r.group_id, r.rank, r.revenue_won, r.composite])).toEqual([["A", 1, null, null], ["B", 2, null, null]]);
    } finally {
      db.close();
      await remove(dir, { recursive: true, force: true });
    }
  });
});
