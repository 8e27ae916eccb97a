// The leadership review's reading of the page data: quarter-over-quarter rows and the drift alerts in words, with the
// place each alert's evidence is shown. Pure; the page lays it out.
import type { Period, Row, SiteData } from "../site/types.ts";
import type { PublishedTable } from "../pipeline/pagedata/tables.ts";
import { formatValue } from "../components/format.ts";
import { changeWords, num, titleCase } from "./words.ts";
import type { Format } from "../components/format.ts";

export const RULE_LABELS: Record<string, string> = {
  balance_drop: "Balance drifting",
  low_two_way_share: "Few two-way contributors",
  feedback_p90_rising: "Feedback loop slowing",
  missing_role: "Role missing all quarter",
};

/** The stated rules, with the thresholds in force (config `alerts`). */
export function ruleTexts(data: SiteData): { rule: string; label: string; text: string }[] {
  const a = data.alertSettings;
  return [
    {
      rule: "balance_drop",
      label: RULE_LABELS.balance_drop!,
      text: `A pod's balance fell in each of the last ${a.balance_drop_quarters} quarters and by more than ${formatValue(a.balance_drop, "decimal", { digits: 2 })} in total.`,
    },
    {
      rule: "low_two_way_share",
      label: RULE_LABELS.low_two_way_share!,
      text: `Fewer than ${formatValue(a.min_two_way_share, "percent")} of a function's people both built and sold in the quarter.`,
    },
    {
      rule: "feedback_p90_rising",
      label: RULE_LABELS.feedback_p90_rising!,
      text: `The company's or a pod's feedback p90 (days from feedback to the shipped fix) rose ${a.p90_rising_quarters} quarters in a row.`,
    },
    {
      rule: "missing_role",
      label: RULE_LABELS.missing_role!,
      text: "A pod held fewer people of a role-template function than required on every day of the quarter it had members.",
    },
  ];
}

/** Where an alert's evidence is on the review page (anchor ids). */
export const EVIDENCE_ANCHOR: Record<string, string> = {
  balance_drop: "balance-pods",
  low_two_way_share: "participation-functions",
  feedback_p90_rising: "feedback-p90",
  missing_role: "composition",
};

/** What the anchor shows, for the link text. */
export const EVIDENCE_LABEL: Record<string, string> = {
  balance_drop: "balance by pod",
  low_two_way_share: "participation by function",
  feedback_p90_rising: "feedback p90 by quarter",
  missing_role: "pod composition",
};

export interface AlertView {
  period: string;
  rule: string;
  label: string;
  groupType: string;
  groupId: string;
  groupName: string;
  message: string;
  /** Anchor on the review page. */
  anchor: string;
  anchorLabel: string;
  /** The pod's own page, when the pod has one for the latest quarter. */
  podId?: string;
}

export function alertsOf(data: SiteData, podsWithPages: ReadonlySet<string>): AlertView[] {
  return data.tables.drift_alerts.map((r) => {
    const rule = String(r.rule);
    const groupId = String(r.group_id);
    return {
      period: String(r.period),
      rule,
      label: RULE_LABELS[rule] ?? rule,
      groupType: String(r.group_type),
      groupId,
      groupName: String(r.group_name),
      message: String(r.message),
      anchor: EVIDENCE_ANCHOR[rule] ?? "alerts",
      anchorLabel: EVIDENCE_LABEL[rule] ?? "the alerts",
      podId: r.group_type === "pod" && podsWithPages.has(groupId) ? groupId : undefined,
    };
  });
}

export interface QoqRow {
  group_id: string;
  group_name: string;
  headcount: number | null;
  before: number | null;
  now: number | null;
  change: number | null;
  /** The change in words: "up 4 pts", "down 0.05", "up 3 days". */
  change_text: string;
  [extra: string]: string | number | null;
}

/** One row per group of `table` in `period`, with `metric` now and in the previous quarter. */
export function quarterOverQuarter(
  data: SiteData,
  table: PublishedTable,
  groupType: string,
  metric: string,
  period: Period,
  previous: Period | undefined,
  extra: string[] = [],
  format: Format = "decimal",
): QoqRow[] {
  const rows = (at: string | undefined) =>
    at === undefined ? [] : data.tables[table].filter((r) => r.period_grain === "quarter" && r.period === at && r.group_type === groupType);
  const before = new Map(rows(previous?.period).map((r) => [String(r.group_id), r]));
  return rows(period.period)
    .map((r: Row) => {
      const now = num(r[metric]) ?? null;
      const was = num(before.get(String(r.group_id))?.[metric]) ?? null;
      const out: QoqRow = {
        group_id: String(r.group_id),
        group_name: groupType === "function" || groupType === "side" ? titleCase(String(r.group_name)) : String(r.group_name),
        headcount: num(r.headcount) ?? null,
        before: was,
        now,
        change: now !== null && was !== null ? now - was : null,
        change_text: changeWords(now, was, format) || "—",
      };
      for (const e of extra) out[e] = (r[e] as string | number | null) ?? null;
      return out;
    })
    .sort((a, b) => a.group_name.localeCompare(b.group_name));
}

/** A table's metric over quarters as chart points (series = group name). */
export function trendPoints(data: SiteData, table: PublishedTable, filter: (r: Row) => boolean, metric: string, upTo: readonly string[]) {
  return data.tables[table]
    .filter((r) => r.period_grain === "quarter" && upTo.includes(String(r.period)) && filter(r))
    .map((r) => ({
      period: String(r.period),
      series: r.group_type === "function" || r.group_type === "side" ? titleCase(String(r.group_name)) : String(r.group_name),
      value: num(r[metric]) ?? null,
    }));
}
