// Pure helpers the pages use to pick rows out of the page data and describe changes. No formatting of their own:
// numbers go through src/components/format.ts.
import type { PublishedTable } from "../pipeline/pagedata/tables.ts";
import type { Period, Row, SiteData } from "./types.ts";
import { formatValue, type Format } from "../components/format.ts";

export interface View {
  data: SiteData;
  quarters: Period[];
  latest: Period;
  previous?: Period;
  /** The last `n` quarters, oldest first. */
  recentQuarters(n: number): Period[];
  /** Rows of a table in a quarter, optionally for one group type / group id. */
  rows(table: PublishedTable, period: string, filter?: Record<string, string>): Row[];
  /** One row or undefined. */
  row(table: PublishedTable, period: string, filter?: Record<string, string>): Row | undefined;
  /** A table's rows over every quarter, for trends. */
  trend(table: PublishedTable, filter?: Record<string, string>): Row[];
  podName(podId: string | null | undefined): string;
}

export function makeView(data: SiteData): View {
  const quarters = data.periods.filter((p) => p.period_grain === "quarter");
  if (quarters.length === 0) throw new Error("the data holds no dated activity: no period to show");
  const latest = quarters.find((p) => p.is_latest) ?? quarters.at(-1)!;
  const previous = quarters.find((p) => p.period_index === latest.period_index - 1);
  const matches = (r: Row, filter: Record<string, string>) => Object.entries(filter).every(([k, v]) => r[k] === v);
  const names = new Map(data.pods.map((p) => [p.pod_id, p.pod_name]));
  const view: View = {
    data,
    quarters,
    latest,
    previous,
    recentQuarters: (n) => quarters.filter((q) => q.period_index <= latest.period_index).slice(-n),
    rows: (table, period, filter = {}) =>
      data.tables[table].filter((r) => r.period_grain === "quarter" && r.period === period && matches(r, filter)),
    row: (table, period, filter = {}) => view.rows(table, period, filter)[0],
    trend: (table, filter = {}) => data.tables[table].filter((r) => r.period_grain === "quarter" && matches(r, filter)),
    podName: (id) => (id ? (names.get(id) ?? id) : "no pod"),
  };
  return view;
}

export interface Change {
  text: string;
  direction: "up" | "down" | "flat";
}

/**
 * The change of a figure against the previous period, written for reading: shares in percentage points,
 * days in days, other amounts as a relative change. Undefined when either side is missing.
 */
export function changeOf(current: unknown, previous: unknown, format: Format, currency?: string): Change | undefined {
  if (typeof current !== "number" || typeof previous !== "number") return undefined;
  const diff = current - previous;
  const direction = Math.abs(diff) < 1e-12 ? "flat" : diff > 0 ? "up" : "down";
  const sign = direction === "up" ? "+" : direction === "down" ? "−" : "±";
  const abs = Math.abs(diff);
  let text: string;
  if (format === "percent") text = `${sign}${formatValue(abs * 100, "decimal", { digits: 1 })} pts`;
  else if (format === "days") text = `${sign}${formatValue(abs, "days")}`;
  else if (format === "decimal") text = `${sign}${formatValue(abs, "decimal", { digits: 2 })}`;
  else if (previous !== 0) text = `${sign}${formatValue(abs / Math.abs(previous), "percent")}`;
  else text = `${sign}${formatValue(abs, format, { currency })}`;
  return { text, direction };
}

/** `value` formatted, for headline sentences. */
export const fmt = (value: unknown, format: Format, options: { currency?: string; digits?: number } = {}) =>
  formatValue(value, format, options);
