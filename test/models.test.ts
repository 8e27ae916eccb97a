// The SQL models on a six-person company small enough to work out by hand (test/fixtures/tiny).
// Q1 FY2025 (Jan-Mar 2025), everyone active: p1 eng/A, p2 outside sales/A, p3 support/B,
// p4 inside sales/B (left 2025-02-15), p5 design/no pod, p6 eng/B (from 2025-03-01).
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/pipeline/load/database.ts";
import type { Prepared } from "../src/pipeline/build.ts";
import { openDatabase } from "../src/pipeline/load/database.ts";
import { prepare } from "../src/pipeline/build.ts";
import { FIXTURES } from "./helpers.ts";

let db: Database;
let prepared: Prepared;
const Q1 = { period_grain: "quarter", period: "FY2025-Q1" };

beforeAll(async () => {
  db = await openDatabase(":memory:");
  prepared = await prepare(`${FIXTURES}tiny`, db);
  return () => db.close();
});

const one = async (sql: string, params: Record<string, string> = {}) => {
  const rows = await db.query<Record<string, number | string | null>>(sql, params);
  expect(rows).toHaveLength(1);
  return rows[0]!;
};
const where = "period_grain = $period_grain and period = $period";

describe("build and sell credit", () => {
  it("credits points × share, with kind defaults and equal splits", async () => {
    // b1 feature 8 pts split p1/p2 → 4 each; b2 fix (default 2) 0.5/0.5 → p3 1, p1 1; b3 doc 3 → p6 3.
    const rows = await db.query<{ person_id: string; build_points: number; sell_amount: number }>(
      `select person_id, build_points, sell_amount from int_person_periods where ${where} order by person_id`,
      Q1,
    );
    expect(rows.map((r) => [r.person_id, r.build_points])).toEqual([
      ["p1", 5], ["p2", 4], ["p3", 1], ["p4", 0], ["p5", 0], ["p6", 3],
    ]);
    // d1 100k won: p2 .5, p1 .25, p5 .25; d2 40k won without credit rows → owner p4; d5 30k → p3.
    expect(rows.map((r) => [r.person_id, r.sell_amount])).toEqual([
      ["p1", 25000], ["p2", 50000], ["p3", 30000], ["p4", 40000], ["p5", 25000], ["p6", 0],
    ]);
  });

  it("normalizes by the company median of people with credit", async () => {
    // build points > 0: 1, 3, 4, 5 → median 3.5; sell > 0: 25k, 25k, 30k, 40k, 50k → median 30k.
    const p1 = await one(`select b, s, balance from int_person_periods where ${where} and person_id = 'p1'`, Q1);
    expect(p1.b).toBeCloseTo(5 / 3.5, 12);
    expect(p1.s).toBeCloseTo(25 / 30, 12);
    // 1 - |B - S| / (B + S) = 1 - |10/7 - 5/6| / (10/7 + 5/6) = 1 - 25/95
    expect(p1.balance).toBeCloseTo(1 - 25 / 95, 12);
  });
});

describe("balance and participation", () => {
  it("computes the company's balance on ΣB and ΣS", async () => {
    // ΣB = 13/3.5 = 26/7, ΣS = 170k/30k = 17/3; |ΣB - ΣS| = 41/21, ΣB + ΣS = 197/21 → 1 - 41/197 = 156/197.
    const c = await one(`select * from balance where ${where} and group_type = 'company'`, Q1);
    expect(c.headcount).toBe(6);
    expect(c.balance).toBeCloseTo(156 / 197, 12);
    expect(c.build_share).toBeCloseTo(78 / 197, 12);
  });

  it("places a leaver in the pod they were in on their last day", async () => {
    // Pod B: p3, p4 (left 2025-02-15), p6 → 3 people; ΣB = (1 + 3)/3.5 = 8/7, ΣS = (30k + 40k)/30k = 7/3.
    const b = await one(`select * from balance where ${where} and group_type = 'pod' and group_id = 'B'`, Q1);
    expect(b.headcount).toBe(3);
    expect(b.balance).toBeCloseTo(1 - (7 / 3 - 8 / 7) / (7 / 3 + 8 / 7), 12);
  });

  it("counts who built, sold and did both", async () => {
    // built: p1 p2 p3 p6; sold: p1 p2 p3 p4 p5; both: p1 p2 p3 — over 6 people.
    const c = await one(`select * from participation where ${where} and group_type = 'company'`, Q1);
    expect([c.count_built, c.count_sold, c.count_two_way]).toEqual([4, 5, 3]);
    expect(c.two_way_share).toBe(0.5);
  });

  it("leaves a person without credit out of the normalisation and counts March in Q1's month too", async () => {
    // In March only b3 (p6, 3 pts) shipped: p6 is the only builder, so B = 3 / 3 = 1.
    const p6 = await one("select b from int_person_periods where period_grain = 'month' and period = '2025-03' and person_id = 'p6'");
    expect(p6.b).toBe(1);
  });
});

describe("commission unlock", () => {
  it("unlocks at 100% of the build goal and sums commission per group only", async () => {
    // p1 5/5 = 1.0 unlocked; p2 4/5 = 0.8; p3 1/2 = 0.5 → 1 of 3, median 0.8.
    // unlocked: p1 25k × 2% = 500; locked: p2 50k × 10% + p3 30k × 2% = 5,000 + 600.
    const c = await one(`select * from commission_unlock where ${where} and group_type = 'company'`, Q1);
    expect(c.count_with_goal).toBe(3);
    expect(c.unlocked_share).toBeCloseTo(1 / 3, 12);
    expect(c.median_attainment).toBe(0.8);
    expect(c.commission_unlocked).toBe(500);
    expect(c.commission_locked).toBe(5600);
  });
});

describe("pod leaderboard", () => {
  it("attributes deals, ranks pods by the weighted percent-rank composite", async () => {
    const rows = await db.query<Record<string, number | string | null>>(`select * from pod_leaderboard where ${where} order by rank`, Q1);
    const [a, b] = rows;
    // A: d1 100k won, d6 lost → 100k / 2 heads, win rate 1/2. B: d2 (owner p4's pod) 40k + d5 30k won, d3 lost.
    expect(a).toMatchObject({ group_id: "A", revenue_won: 100000, revenue_per_head: 50000, win_rate: 0.5, rank: 1 });
    expect(b).toMatchObject({ group_id: "B", revenue_won: 70000, win_rate: 2 / 3, rank: 2 });
    // renewals: d5 30k won vs d3 20k lost → 30 / 50.
    expect(b!.gross_retention).toBe(0.6);
    // A wins revenue/head, points/head, two-way share, cross-pod recognition/head: .25 + .25 + .2 + .15; B wins win rate.
    expect(a!.composite).toBeCloseTo(0.85, 12);
    expect(b!.composite).toBeCloseTo(0.15, 12);
    expect(a!.rank_change).toBeNull();
  });
});

describe("recognition", () => {
  it("counts pairs, drops the self-mention, and measures shares, reach, Gini and reciprocity", async () => {
    // pairs: p3→p1, p3→p6, p1→p3, p2→p1 (p2→p2 dropped).
    const r = await one(`select * from recognition_summary where ${where}`, Q1);
    expect(r.pairs).toBe(4);
    expect(r.cross_function_share).toBe(1);
    expect(r.cross_pod_share).toBe(0.5); // B→A, A→B cross; B→B, A→A not
    expect(r.reach).toBe(0.5); // p1, p3, p6 of 6
    // received over 6 people, ascending: 0 0 0 1 1 2; Σx = 4, Σ i·x = 4 + 5 + 12 = 21 → 2·21/24 - 7/6.
    expect(r.gini).toBeCloseTo(42 / 24 - 7 / 6, 12);
    expect(r.reciprocity).toBe(0.5); // p3→p1 and p1→p3
    expect(prepared.warnings.map((w) => `${w.file.split("/").pop()}:${w.line} [${w.rule}]`)).toEqual(["recognition.json:4 [self-recognition]"]);
  });
});

describe("feedback loop", () => {
  it("measures whole days from received to resolved, and what is open at the period's end", async () => {
    // resolved in Q1: f1 Jan 15 → Feb 20 = 36, f2 Feb 1 → Mar 5 = 32, f4 Jan 3 (23:30 -05:00 is Jan 3 UTC) → Jan 10 = 7.
    const c = await one(`select * from feedback_loop where ${where} and group_type = 'company'`, Q1);
    expect(c.count_resolved).toBe(3);
    expect(c.median_days).toBe(32);
    expect(c.p90_days).toBeCloseTo(32 + 0.8 * 4, 12); // sorted 7, 32, 36: position 1.8
    // f3 received Feb 10, still open on Mar 31: 49 days old.
    expect([c.count_open, c.open_median_age_days]).toEqual([1, 49]);
  });
});

describe("time zone and fiscal year", () => {
  it("dates a timestamp in the company's time zone and names quarters from a February fiscal start", async () => {
    const { cp, mkdtemp, writeFile, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = await mkdtemp(join(tmpdir(), "podium-tz-"));
    await cp(`${FIXTURES}tiny`, dir, { recursive: true });
    await writeFile(join(dir, "podium.config.json"), JSON.stringify({ timezone: "America/New_York", fiscal_year_start_month: 2 }));
    // goals name FY2025-Q1, which no longer exists under a February start: they simply match no quarter.
    const other = await openDatabase(":memory:");
    try {
      await prepare(dir, other);
      // f4 was received 2025-01-02T23:30-05:00: still 2 January in New York, so 8 days to 10 January (7 in UTC).
      const [f4] = await other.query<{ days_to_resolve: number }>("select days_to_resolve from int_feedback_attributed where feedback_id = 'f4'");
      expect(f4!.days_to_resolve).toBe(8);
      // FY2026 runs Feb 2025 – Jan 2026: January 2025 is the last quarter of FY2025 (Nov–Jan), February starts FY2026-Q1.
      const quarters = await other.query<{ period: string; first_day: string; last_day: string }>(
        "select period, first_day::varchar as first_day, last_day::varchar as last_day from int_periods where period_grain = 'quarter' order by period_index",
      );
      expect(quarters).toEqual([
        { period: "FY2025-Q4", first_day: "2024-11-01", last_day: "2025-01-31" },
        { period: "FY2026-Q1", first_day: "2025-02-01", last_day: "2025-04-30" },
      ]);
    } finally {
      other.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("a pod move mid-quarter and a period without activity", () => {
  it("puts a mover in the pod of the period's last day, and keeps an empty month with zero activity", async () => {
    const { cp, mkdtemp, writeFile, readFile, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = await mkdtemp(join(tmpdir(), "podium-move-"));
    await cp(`${FIXTURES}tiny`, dir, { recursive: true });
    // p1 moves from A to B on 15 February; everyone else keeps their people.csv pod.
    await writeFile(
      join(dir, "memberships.csv"),
      "person_id,pod_id,from,to,rotation\np1,A,2025-01-01,2025-02-14,\np1,B,2025-02-15,,\np2,A,2025-01-01,,\np3,B,2025-01-01,,\np4,B,2025-01-01,2025-02-15,\np6,B,2025-03-01,,\n",
    );
    // one more shout-out in May, so April 2025 lies inside the data and has no activity at all
    const messages = JSON.parse(await readFile(join(dir, "recognition.json"), "utf8"));
    messages.push({ type: "message", client_msg_id: "r9", user: "p3", ts: "1746100800.000100", text: "<@p6> thanks #one-team" });
    await writeFile(join(dir, "recognition.json"), JSON.stringify(messages));
    const other = await openDatabase(":memory:");
    try {
      await prepare(dir, other);
      const pods = await other.query<{ period: string; pod_id: string }>(
        "select period, pod_id from int_person_periods where person_id = 'p1' and period in ('2025-01', '2025-02', 'FY2025-Q1') order by period",
      );
      expect(pods).toEqual([
        { period: "2025-01", pod_id: "A" },
        { period: "2025-02", pod_id: "B" }, // on 28 February p1 is in B
        { period: "FY2025-Q1", pod_id: "B" },
      ]);
      // B in Q1: p1 (moved in), p3, p4 (left in February, in B on her last day), p6 → 4 people
      const [b] = await other.query<{ headcount: number }>("select headcount from balance where period = 'FY2025-Q1' and group_id = 'B'");
      expect(b!.headcount).toBe(4);
      // April: 5 people active (p4 left), nobody built, sold or was thanked; balance and Gini are empty, not zero
      const [april] = await other.query<Record<string, number | null>>(
        "select p.headcount, p.count_built, p.count_sold, b.balance, r.pairs, r.gini from participation p join balance b using (period_grain, period, group_type, group_id) join recognition_summary r using (period_grain, period) where p.period = '2025-04' and p.group_type = 'company'",
      );
      expect(april).toEqual({ headcount: 5, count_built: 0, count_sold: 0, balance: null, pairs: 0, gini: null });
    } finally {
      other.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
