// The published metric tables: one per mart a page or download shows, in the order the Data page lists them.
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
