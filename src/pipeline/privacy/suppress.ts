// Small-group suppression: a published figure about fewer than `min_group_size` people could reveal an individual,
// so its metrics are emptied. Where one group of a partition (the functions or the sides of the company) is
// suppressed, the next smallest is too, so the hidden figure cannot be recovered by subtracting the others from the
// company total (complementary suppression). Each published table is copied to `pub_<table>` with this applied.
import type { Database } from "../load/database.ts";

export interface SuppressionRule {
  /** The column holding the number of people behind a row. */
  sizeColumn: string;
  /** Columns left as they are (keys, names, the size itself). */
  keep: string[];
}

const KEYS = ["period_grain", "period", "group_type", "group_id", "group_name"];

/** Tables whose rows describe groups of people, and what counts as the group's size. */
export const SUPPRESSION: Record<string, SuppressionRule> = {
  balance: { sizeColumn: "headcount", keep: [...KEYS, "headcount"] },
  participation: { sizeColumn: "headcount", keep: [...KEYS, "headcount"] },
  commission_unlock: { sizeColumn: "count_with_goal", keep: [...KEYS, "count_with_goal"] },
  pod_leaderboard: { sizeColumn: "headcount", keep: [...KEYS, "headcount", "rank", "rank_change"] },
};

/** Partitions of the company: groups of one type within a period add up to the company. */
const PARTITIONS = ["function", "side"];

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Creates `pub_<table>` for every table: suppressed where a rule applies, a plain copy otherwise. */
export async function createPublishedTables(db: Database, tables: readonly string[], minGroupSize: number): Promise<void> {
  await db.parallel(tables.map((table) => (lane: Database) => createPublished(lane, table, minGroupSize)));
}

async function createPublished(db: Database, table: string, minGroupSize: number): Promise<void> {
  const rule = SUPPRESSION[table];
  if (!rule) {
    await db.run(`create or replace table ${quote(`pub_${table}`)} as select * from ${quote(table)}`);
    return;
  }
  const columns = (await db.query<{ column_name: string }>(`describe ${quote(table)}`)).map((c) => c.column_name);
  const size = quote(rule.sizeColumn);
  const list = columns
    .map((c) => (rule.keep.includes(c) ? quote(c) : `case when is_suppressed then null else ${quote(c)} end as ${quote(c)}`))
    .join(",\n    ");
  await db.run(
    `create or replace table ${quote(`pub_${table}`)} as
     with flagged as (
         select *, ${size} < $min as is_small from ${quote(table)}
     ),
     counted as (
         select *,
             count(*) filter (where is_small) over (partition by period_grain, period, group_type) as count_small,
             row_number() over (partition by period_grain, period, group_type, is_small order by ${size}, group_id) as size_order
         from flagged
     ),
     decided as (
         select *,
             is_small or (count_small = 1 and not is_small and size_order = 1 and group_type in (${PARTITIONS.map((p) => `'${p}'`).join(", ")}))
                 as is_suppressed
         from counted
     )
     select
  ${list},
         is_suppressed
     from decided
     order by all`,
    { min: minGroupSize },
  );
}
