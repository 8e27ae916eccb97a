// The leaderboard's ranking rules on hand-made pod facts: percent ranks with ties, a metric a pod lacks, the
// composite's weights rescaled, and the deterministic tie-breaks (composite, then revenue per head, then pod id).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigSchema } from "../src/pipeline/config.ts";
import { loadConfig } from "../src/pipeline/load/config.ts";
import { openDatabase, type Database } from "../src/pipeline/load/database.ts";
import { createMacros, loadModels, runModels } from "../src/pipeline/model/run.ts";

let db: Database;
beforeAll(async () => {
  db = await openDatabase(":memory:");
  await loadConfig(db, ConfigSchema.parse({}));
  await createMacros(db);
  await db.run("create table stg_pods as select * from (values ('a', 'Alpha'), ('b', 'Beta'), ('c', 'Gamma'), ('d', 'Delta')) t(pod_id, pod_name)");
  await db.run(`create table int_periods as select * from (values
      ('quarter', 'FY2026-Q1', 1), ('quarter', 'FY2026-Q2', 2)) t(period_grain, period, period_index)`);
  // Q1: a and b are identical in every metric; c wins nothing; d has no closed deal (no win rate).
  // Q2: a and b swap nothing, but b earns more per head → b above a; d is new (no Q1 row).
  await db.run(`create table int_pod_periods as select * from (values
      ('quarter', 'FY2026-Q1', 'a', 2, 10.0, 1.0, 1.0, 1, 1000.0, 1, 1, 0.0, 0.0, 1, null),
      ('quarter', 'FY2026-Q1', 'b', 2, 10.0, 1.0, 1.0, 1, 1000.0, 1, 1, 0.0, 0.0, 1, null),
      ('quarter', 'FY2026-Q1', 'c', 2,  2.0, 1.0, 1.0, 0,  100.0, 0, 1, 0.0, 0.0, 0, null),
      ('quarter', 'FY2026-Q2', 'a', 2, 10.0, 1.0, 1.0, 1, 1000.0, 1, 1, 0.0, 0.0, 1, null),
      ('quarter', 'FY2026-Q2', 'b', 2, 10.0, 1.0, 1.0, 1, 1200.0, 0, 0, 0.0, 0.0, 1, null),
      ('quarter', 'FY2026-Q2', 'd', 2, 10.0, 1.0, 1.0, 1, 1100.0, 0, 0, 0.0, 0.0, 1, null)
    ) t(period_grain, period, pod_id, headcount, build_points, sum_b, sum_s, count_two_way, revenue_won, count_won,
        count_lost, renewed, churned, count_received_from_other_pods, feedback_median_days)`);
  const models = (await loadModels()).filter((m) => m.name === "pod_leaderboard");
  await runModels(db, models, ["marts"]);
});
afterAll(() => db.close());

const board = (period: string) =>
  db.query<{ group_id: string; rank: number; rank_change: number | null; composite: number }>(
    "select group_id, rank, rank_change, composite from pod_leaderboard where period = $period order by rank",
    { period },
  );

describe("pod leaderboard ranking", () => {
  it("gives tied pods the same percent rank, and breaks a composite tie by pod id", async () => {
    // Every Q1 metric: a = b > c. Ascending, c is rank 1 and the tied a, b share rank 2 (the lowest of 2 and 3):
    // percent rank (2 - 1) / (3 - 1) = 0.5 each, c 0. Composite a = b = 0.5 (all weights), c = 0.
    expect(await board("FY2026-Q1")).toEqual([
      { group_id: "a", rank: 1, rank_change: null, composite: 0.5 },
      { group_id: "b", rank: 2, rank_change: null, composite: 0.5 },
      { group_id: "c", rank: 3, rank_change: null, composite: 0 },
    ]);
  });

  it("leaves out a metric a pod has no value for and rescales the other weights; ranks move against the last period", async () => {
    // Q2 revenue per head: b 600 > d 550 > a 500 → b 1, d 0.5, a 0. Win rate: only a closed deals → a alone, 0.
    // Build points, two-way share, thanks per head: all tied → 0 for all (rank 1 of 3).
    // a: 0.25·0 + 0.25·0 + 0.2·0 + 0.15·0 + 0.15·0 = 0 over weights 1.0 → 0.
    // b: 0.25·1 / 0.85 (no win rate) ≈ 0.294; d: 0.25·0.5 / 0.85 ≈ 0.147.
    const q2 = await board("FY2026-Q2");
    expect(q2.map((r) => [r.group_id, r.rank, r.rank_change])).toEqual([
      ["b", 1, 1], // was 2nd
      ["d", 2, null], // new this period
      ["a", 3, -2], // was 1st
    ]);
    expect(q2[0]!.composite).toBeCloseTo(0.25 / 0.85, 12);
    expect(q2[1]!.composite).toBeCloseTo(0.125 / 0.85, 12);
    expect(q2[2]!.composite).toBe(0);
  });
});
