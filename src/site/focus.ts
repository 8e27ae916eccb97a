// Charts drawn per pod stay readable, and pages small, at any number of pods: past CHART_PODS a chart draws the pods a
// reader should look at (the lowest balance, the slowest loop, …), says so in its summary, and the download holds
// every pod. With few pods every pod is drawn.
import { CHART_PODS } from "./limits.ts";
import type { Row } from "./types.ts";

export interface Focus {
  /** The pods drawn, or undefined when every pod is. */
  ids?: Set<string>;
  /** "the 12 pods with the lowest balance, of 444": for summaries; empty when every pod is drawn. */
  note: string;
  /** Whether a row (with a group_id, or pod ids in `keys`) belongs to a drawn pod. */
  has(row: Row, ...keys: string[]): boolean;
}

/**
 * The CHART_PODS pods whose `key` is lowest (or highest) in `rows` (one row per pod: the period shown), plus the pods
 * in `always`; ties go to the group id. Every pod when there are no more than CHART_PODS.
 */
export function focusPods(rows: readonly Row[], key: string, order: "lowest" | "highest", what: string, always: readonly string[] = [], n = CHART_PODS): Focus {
  const ranked = rows
    .filter((r) => typeof r[key] === "number")
    .sort((a, b) => (order === "lowest" ? 1 : -1) * (Number(a[key]) - Number(b[key])) || String(a.group_id).localeCompare(String(b.group_id)));
  if (rows.length <= n) return { note: "", has: () => true };
  const ids = new Set([...always, ...ranked.slice(0, Math.max(0, n - always.length)).map((r) => String(r.group_id))]);
  return {
    ids,
    note: `the ${ids.size} pods with the ${order} ${what}, of ${rows.length}`,
    has: (row, ...keys) => (keys.length === 0 ? ids.has(String(row.group_id)) : keys.some((k) => ids.has(String(row[k])))),
  };
}
