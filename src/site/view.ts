// Pure helpers the pages use to pick rows out of the page data for one period and describe changes. No formatting
// of their own: numbers go through src/components/format.ts.
import type { PublishedTable } from "../pipeline/pagedata/tables.ts";
import type { Period, Row, SiteData } from "./types.ts";
import { formatValue, type Format } from "../components/format.ts";
import { href } from "../components/url.ts";
import { TREND_PERIODS } from "./limits.ts";

export interface View {
  data: SiteData;
  /** The period the page shows. */
  current: Period;
  /** The period before it, of the same grain. */
  previous?: Period;
  /** Every period of the current grain, oldest first. */
  periods: Period[];
  /** Whether this page is the plain-URL page of the latest quarter. */
  isLatest: boolean;
  /** The last `n` periods of the current grain up to the current one, oldest first. */
  recent(n: number): Period[];
  /** Rows of a table in a period (default: the current one), optionally filtered on columns. */
  rows(table: PublishedTable, period?: string, filter?: Record<string, string>): Row[];
  row(table: PublishedTable, period?: string, filter?: Record<string, string>): Row | undefined;
  /** The periods trend charts show: the last TREND_PERIODS of the current grain up to the current one, oldest first. */
  trendLabels: string[];
  /** A table's rows over the trend periods, for trends. */
  trend(table: PublishedTable, filter?: Record<string, string>): Row[];
  podName(podId: string | null | undefined): string;
  /** A link to a section page for the same period (`/pods/` → `/p/FY2026-Q2/pods/`). */
  link(path: string): string;
  /** A link to a section page for another period. */
  linkFor(period: Period, path: string): string;
}

/** The latest quarter: the one holding the as-of date. */
export function latestQuarter(data: SiteData): Period {
  const quarters = data.periods.filter((p) => p.period_grain === "quarter");
  const latest = quarters.find((p) => p.is_latest) ?? quarters.at(-1);
  if (!latest) throw new Error("the data holds no dated activity: no period to show");
  return latest;
}

/** The URL segment of a period's permalink; the latest quarter is also served at the plain URL. */
export const periodSlug = (period: Period) => `p/${period.period}`;

export interface PeriodPath {
  params: { period: string | undefined };
  props: { period: Period };
}

/** getStaticPaths entries: the plain URL for the latest quarter, and a permalink for every quarter and month. */
export function periodPaths(data: SiteData): PeriodPath[] {
  return [
    { params: { period: undefined }, props: { period: latestQuarter(data) } },
    ...data.periods.map((period) => ({ params: { period: periodSlug(period) }, props: { period } })),
  ];
}

/** The link to a pod's page: one page per pod, showing the last quarter it had members. */
export const podHref = (podId: string) => href(`/pods/${podId}/`);

/** Each pod's page and the quarter it shows: the last quarter in which the pod had members. */
export function podPages(data: SiteData): { pod: SiteData["pods"][number]; period: Period }[] {
  const quarters = data.periods.filter((p) => p.period_grain === "quarter");
  return data.pods.flatMap((pod) => {
    const period = quarters.findLast((q) => podsWithMembers(data, q).has(pod.pod_id));
    return period ? [{ pod, period }] : [];
  });
}

/** Pods with members in a period. */
export function podsWithMembers(data: SiteData, period: Period): Set<string> {
  return new Set(indexOf(data).members.get(key(period.period_grain, period.period))?.keys());
}

/** A pod's members in a period, in the page data's order (function, then name). */
export function podMembers(data: SiteData, podId: string, period: Pick<Period, "period_grain" | "period">): SiteData["members"] {
  return indexOf(data).members.get(key(period.period_grain, period.period))?.get(podId) ?? [];
}

/**
 * The page data grouped by period, built once per data object: a page then finds its rows without scanning every
 * row of every period (at 10,000 people the tables hold a few hundred thousand rows and the site thousands of pages).
 */
interface Index {
  tables: Map<PublishedTable, Map<string, Row[]>>;
  /** Trend rows of a table: by grain. */
  grains: Map<PublishedTable, Map<string, Row[]>>;
  /** Members by period, then by pod. */
  members: Map<string, Map<string, SiteData["members"]>>;
}

const key = (grain: unknown, period: unknown) => `${grain}\u0000${period}`;
const indexes = new WeakMap<SiteData, Index>();

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

function indexOf(data: SiteData): Index {
  let index = indexes.get(data);
  if (!index) {
    const tables: Index["tables"] = new Map();
    const grains: Index["grains"] = new Map();
    for (const [name, rows] of Object.entries(data.tables) as [PublishedTable, Row[]][]) {
      tables.set(name, groupBy(rows, (r) => key(r.period_grain, r.period)));
      grains.set(name, groupBy(rows, (r) => String(r.period_grain)));
    }
    const members: Index["members"] = new Map();
    for (const [k, rows] of groupBy(data.members, (m) => key(m.period_grain, m.period))) members.set(k, groupBy(rows, (m) => m.pod_id));
    indexes.set(data, (index = { tables, grains, members }));
  }
  return index;
}

export function makeView(data: SiteData, period: Period = latestQuarter(data), plain = period === latestQuarter(data)): View {
  const index = indexOf(data);
  const periods = data.periods.filter((p) => p.period_grain === period.period_grain);
  const previous = periods.find((p) => p.period_index === period.period_index - 1);
  const inTrend = new Set(periods.filter((p) => p.period_index <= period.period_index).slice(-TREND_PERIODS).map((p) => p.period));
  // the filter's fields, taken once per call (a pod page filters thousands of rows)
  const matcher = (filter: Record<string, string>) => {
    const fields = Object.entries(filter);
    return (r: Row) => fields.every(([k, v]) => r[k] === v);
  };
  const names = new Map(data.pods.map((p) => [p.pod_id, p.pod_name]));
  const prefix = (p: Period, path: string) => href(`/${periodSlug(p)}${path}`);
  const view: View = {
    data,
    current: period,
    previous,
    periods,
    isLatest: plain,
    recent: (n) => periods.filter((p) => p.period_index <= period.period_index).slice(-n),
    rows: (table, at = period.period, filter = {}) => (index.tables.get(table)?.get(key(period.period_grain, at)) ?? []).filter(matcher(filter)),
    row: (table, at, filter) => view.rows(table, at, filter)[0],
    trendLabels: [...inTrend],
    trend: (table, filter = {}) => {
      const matches = matcher(filter);
      return (index.grains.get(table)?.get(period.period_grain) ?? []).filter((r) => inTrend.has(String(r.period)) && matches(r));
    },
    podName: (id) => (id ? (names.get(id) ?? id) : "no pod"),
    link: (path) => (plain ? href(path) : prefix(period, path)),
    linkFor: (p, path) => (p === latestQuarter(data) ? href(path) : prefix(p, path)),
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
  const abs = Math.abs(diff);
  let shown: string;
  if (format === "percent") shown = `${formatValue(abs * 100, "decimal", { digits: 1 })} pts`;
  else if (format === "days") shown = formatValue(abs, "days");
  else if (format === "decimal") shown = formatValue(abs, "decimal", { digits: 2 });
  else if (previous !== 0) shown = formatValue(abs / Math.abs(previous), "percent");
  else shown = formatValue(abs, format, { currency });
  // a change too small to show ("0%", "0.00") is no change: not a red "▼ −0%"
  const direction = !/[1-9]/.test(shown) ? "flat" : diff > 0 ? "up" : "down";
  const sign = direction === "up" ? "+" : direction === "down" ? "−" : "±";
  return { text: `${sign}${shown}`, direction };
}

/** `value` formatted, for headline sentences. */
export const fmt = (value: unknown, format: Format, options: { currency?: string; digits?: number } = {}) =>
  formatValue(value, format, options);
