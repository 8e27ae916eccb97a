// The data every page is rendered from: written by the pipeline (src/pipeline/pagedata), read by the site.
import type { PublishedTable } from "../pipeline/pagedata/tables.ts";

export type Row = Record<string, string | number | boolean | null>;

export interface Period {
  period_grain: "month" | "quarter";
  period: string;
  first_day: string;
  last_day: string;
  period_index: number;
  is_latest: boolean;
}

export interface SourceFile {
  entity: string;
  file: string;
  format: string;
  is_present: boolean;
  count_read: number;
  count_loaded: number;
}

export interface PodInfo {
  pod_id: string;
  pod_name: string;
  orientation: string;
  focus: string;
  formed_at: string | null;
}

export interface Member {
  pod_id: string;
  period_grain: string;
  period: string;
  name: string;
  function: string;
  is_rotation: boolean;
}

export interface Shoutout {
  period_grain: string;
  period: string;
  recognition_id: string;
  given_on: string;
  giver_name: string;
  giver_function: string;
  giver_pod: string | null;
  recipients: string;
  recipient_functions: string;
  message: string;
  value_tag: string | null;
  is_cross_function: boolean;
  is_cross_pod: boolean;
}

export interface QualityItem {
  location: string;
  rule: string;
  message: string;
  severity: "error" | "warning";
}

export interface DictionaryEntry {
  name: string;
  kind: "input" | "table";
  file: string;
  description: string;
  columns: { name: string; type: string; required?: boolean; description: string }[];
}

export interface SiteData {
  company: { name: string; currency: string; timezone: string; fiscal_year_start_month: number };
  asOf: string;
  sources: SourceFile[];
  periods: Period[];
  pods: PodInfo[];
  members: Member[];
  shoutouts: Shoutout[];
  unsungGivers: Row[];
  tables: Record<PublishedTable, Row[]>;
  quality: { items: QualityItem[]; countWarnings: number; countSelfRecognitions: number };
  dictionary: DictionaryEntry[];
  weights: Record<string, number>;
  roleTemplate: Record<string, number>;
}
