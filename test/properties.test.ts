// Property tests: on companies generated from random seeds, sizes and fiscal years, the metrics keep their
// invariants — shares within [0, 1], ranks a permutation of 1..n, pods' revenue plus unattributed revenue equals the
// company's, Gini within [0, 1) — as declared in each mart's .yml and checked here independently of them.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { prepare } from "../src/pipeline/build.ts";
import { openDatabase } from "../src/pipeline/load/database.ts";
import { checkInvariants } from "../src/pipeline/check/invariants.ts";
import { generateSample } from "../src/sample/index.ts";

describe("metric invariants on random companies", () => {
  it("hold for any seed, size and fiscal-year start", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 40, max: 70 }),
        fc.integer({ min: 2, max: 3 }),
        fc.integer({ min: 1, max: 12 }),
        async (seed, people, quarters, fiscalStart) => {
          const dir = await mkdtemp(join(tmpdir(), "podium-prop-"));
          const db = await openDatabase(":memory:");
          try {
            generateSample({ seed, people, quarters, out: dir });
            await writeFile(join(dir, "podium.config.json"), JSON.stringify({ fiscal_year_start_month: fiscalStart, min_group_size: 1 }));
            await prepare(dir, db);
            expect(await checkInvariants(db)).toEqual([]);
            const [shares] = await db.query<{ n: number }>(
              `select count(*)::integer as n from participation
               where not (built_share between 0 and 1 and sold_share between 0 and 1 and two_way_share between 0 and 1)`,
            );
            expect(shares!.n).toBe(0);
            const [ranks] = await db.query<{ n: number }>(
              `select count(*)::integer as n from (
                 select period_grain, period, list(rank order by rank) as ranks, count(*) as k
                 from pod_leaderboard group by all) where ranks <> range(1, k + 1)`,
            );
            expect(ranks!.n).toBe(0);
            const [revenue] = await db.query<{ n: number }>(
              `select count(*)::integer as n from revenue r
               where abs(r.revenue_won - r.revenue_unattributed - coalesce((select sum(l.revenue_won) from pod_leaderboard l
                 where l.period_grain = r.period_grain and l.period = r.period), 0)) > 1e-6`,
            );
            expect(revenue!.n).toBe(0);
            const [gini] = await db.query<{ n: number }>("select count(*)::integer as n from recognition_summary where gini < 0 or gini >= 1");
            expect(gini!.n).toBe(0);
          } finally {
            db.close();
            await rm(dir, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 4, seed: 20261123 },
    );
  }, 180_000);
});
