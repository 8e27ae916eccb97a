// Runs each mart's invariant tests (declared in its .yml) against the built tables: a failure means a bug in the
// models, and the build stops rather than publish a wrong number.
import type { Database } from "../load/database.ts";
import { MODEL_DOCS } from "../model/docs.ts";

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export interface InvariantFailure {
  table: string;
  test: string;
  count: number;
}

export function invariantQueries(): { table: string; test: string; sql: string }[] {
  const queries: { table: string; test: string; sql: string }[] = [];
  for (const [table, doc] of Object.entries(MODEL_DOCS)) {
    const t = quote(table);
    const { unique, not_null, expressions, ranks_are_permutations } = doc.tests;
    if (unique) {
      const cols = unique.map(quote).join(", ");
      queries.push({ table, test: `unique (${unique.join(", ")})`, sql: `select count(*) from (select ${cols} from ${t} group by all having count(*) > 1)` });
    }
    for (const c of not_null ?? []) queries.push({ table, test: `not null ${c}`, sql: `select count(*) from ${t} where ${quote(c)} is null` });
    for (const e of expressions ?? []) queries.push({ table, test: e, sql: `select count(*) from ${t} t where not coalesce((${e}), false)` });
    if (ranks_are_permutations) {
      const by = ranks_are_permutations.map(quote).join(", ");
      queries.push({
        table,
        test: `rank is 1..n within (${ranks_are_permutations.join(", ")})`,
        sql: `select count(*) from (select ${by}, count(*) as n, count(distinct rank) as d, min(rank) as lo, max(rank) as hi
              from ${t} group by all) where not (d = n and lo = 1 and hi = n)`,
      });
    }
  }
  return queries;
}

export async function checkInvariants(db: Database): Promise<InvariantFailure[]> {
  const queries = invariantQueries();
  const counts = await db.parallel(
    queries.map((q) => async (lane: Database) => (await lane.query<{ n: number }>(q.sql.replace(/^select count\(\*\)/, "select count(*)::integer as n")))[0]?.n ?? 0),
  );
  return queries.flatMap((q, i) => (counts[i]! > 0 ? [{ table: q.table, test: q.test, count: counts[i]! }] : []));
}
