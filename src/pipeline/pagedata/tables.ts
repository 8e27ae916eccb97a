// The published metric tables: one per mart a page or download shows, in the order the Data page lists them.
import type { Section } from "../../site/sections.ts";

export const PUBLISHED_TABLES = [
  "revenue",
  "pod_leaderboard",
  "balance",
  "participation",
  "commission_unlock",
  "recognition_summary",
  "recognition_matrix",
  "recognition_pods",
  "recognition_pod_flows",
  "feedback_loop",
  "pod_composition",
  "drift_alerts",
] as const;

export type PublishedTable = (typeof PUBLISHED_TABLES)[number];

/**
 * The sections whose pages show each table (and link to its download): an audience gets a table, on its pages and as
 * a download, when it gets one of them.
 */
export const TABLE_SECTIONS: Readonly<Record<PublishedTable, readonly Section[]>> = {
  revenue: ["overview"],
  pod_leaderboard: ["overview", "pods", "present"],
  balance: ["overview", "balance", "pods", "review", "present"],
  participation: ["overview", "balance", "review", "present"],
  commission_unlock: ["overview", "balance", "review", "present"],
  recognition_summary: ["overview", "recognition", "present"],
  recognition_matrix: ["recognition", "present"],
  recognition_pods: ["recognition", "pods", "present"],
  recognition_pod_flows: ["recognition", "pods"],
  feedback_loop: ["overview", "feedback", "pods", "review", "present"],
  pod_composition: ["pods", "review", "present"],
  drift_alerts: ["review"],
};
