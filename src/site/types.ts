// The data every page is rendered from: written by the pipeline (src/pipeline/pagedata), read by the site.
import type { PublishedTable } from "../pipeline/pagedata/tables.ts";
import type { Section } from "./sections.ts";
import type { PersonField } from "../pipeline/config.ts";

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
  /** Null for an audience that does not see names. */
  name: string | null;
  /** Profile slug, when people pages are published. */
  slug: string | null;
  function: string;
  is_rotation: boolean;
}

/** A shout-out of a period (one row per message and grain), its mentions shown as names. */
export interface Shoutout {
  period_grain: string;
  period: string;
  recognition_id: string;
  given_on: string;
  /** For selection rules only (one per giver); never rendered. */
  giver_id: string;
  giver_name: string;
  /** Profile slug, when people pages are published. */
  giver_slug: string | null;
  giver_function: string;
  giver_pod_id: string | null;
  giver_pod: string | null;
  recipients: string;
  /** The recipients with their profile slugs (null when people pages are off). */
  recipient_list: { name: string; slug: string | null }[];
  recipient_functions: string;
  recipient_pods: string | null;
  message: string;
  value_tag: string | null;
  is_cross_function: boolean;
  is_cross_pod: boolean;
}

/** A person's profile page: only what the privacy config allows; never money, never a source id. */
export interface PersonProfile {
  slug: string;
  name: string;
  function: string | null;
  pods: { pod_name: string; from: string; to: string | null; rotation: string | null }[];
  /** The newest shout-outs received (at most PROFILE_SHOUTOUTS), newest first. */
  recognition: { period: string; given_on: string; giver_name: string; giver_slug: string; message: string; value_tag: string | null }[];
  /** Every shout-out received (pairs by quarter). */
  count_recognition: number;
  participation: { period: string; has_built: boolean; has_sold: boolean }[];
  goals: {
    period: string;
    build_goal: number;
    build_points: number;
    attainment: number;
    is_unlocked: boolean;
    points_needed: number;
    typical_item_points: number | null;
    typical_items_needed: number | null;
  }[];
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
  /** What one row is (published tables). */
  grain?: string;
  columns: { name: string; type: string; required?: boolean; description: string }[];
}

/** Build items shipped in a quarter, per kind (the deck's "what shipped"). */
export interface ShippedKind {
  period: string;
  kind: string;
  count_items: number;
  points: number;
}

/** The biggest build items of a quarter by points, with the functions that built them (no per-person credit). */
export interface ShippedItem {
  period: string;
  build_id: string;
  title: string;
  kind: string;
  points: number;
  pod_name: string | null;
  count_contributors: number;
  contributor_functions: string;
}

/** The biggest deals won in a quarter: the pod it counts for and the functions holding sell credit (no per-person amounts). */
export interface TopDeal {
  period: string;
  deal_id: string;
  account: string;
  deal_type: string;
  amount: number;
  pod_id: string | null;
  pod_name: string | null;
  count_credited: number;
  credit_functions: string;
}

/** A shout-out of a quarter for the deck: mentions written as names, giver and recipients' pods. */

/** An org change in a quarter (int_org_events): a pod formed, moves between pods, a rotation cohort starting. */
export interface OrgEvent {
  period: string;
  period_index: number;
  kind: "pod_formed" | "moves" | "rotation";
  pod_id: string | null;
  label: string;
  count_people: number;
  first_on: string;
}

/** The drift alerts' thresholds (config `alerts`) and the minimum group size they respect. */
export interface AlertSettings {
  balance_drop: number;
  balance_drop_quarters: number;
  min_two_way_share: number;
  p90_rising_quarters: number;
  min_group_size: number;
}

/** The audience the site is built for (config `audiences`, `--audience`), as its build applies the config. */
export interface Audience {
  name: string;
  /** The sections built, in navigation order; the others have no page and no link to them. */
  pages: Section[];
  /** Whether people's names appear anywhere (members, shout-outs, unsung givers, profiles). */
  names: boolean;
  /** Whether each person has a profile page (and names link to it). */
  people_pages: boolean;
  /** What a profile page shows. */
  person_fields: PersonField[];
  /** Groups with fewer people than this have their figures suppressed. */
  min_group_size: number;
}

export interface SiteData {
  audience: Audience;
  company: { name: string; currency: string; timezone: string; fiscal_year_start_month: number };
  asOf: string;
  sources: SourceFile[];
  periods: Period[];
  pods: PodInfo[];
  members: Member[];
  /** Empty for an audience that does not see names. */
  shoutouts: Shoutout[];
  /** The biggest deals each pod won per period (at most 8). */
  podDeals: { period_grain: string; period: string; pod_id: string; account: string; deal_type: string; amount: number; closed_on: string }[];
  /** The biggest items each pod's members shipped per period (at most 8), with the period's total count. */
  podBuild: { period_grain: string; period: string; pod_id: string; title: string; kind: string; points: number; shipped_on: string; count_items: number }[];
  /** Profile pages; empty when the audience has no people pages. */
  people: PersonProfile[];
  /** Empty for an audience that does not see names. */
  unsungGivers: Row[];
  /** Every published table; empty for a table the audience does not get (none of its sections is built). */
  tables: Record<PublishedTable, Row[]>;
  quality: { items: QualityItem[]; countWarnings: number; countSelfRecognitions: number };
  dictionary: DictionaryEntry[];
  weights: Record<string, number>;
  roleTemplate: Record<string, number>;
  /** Deck and review (issue 6). */
  shipped: ShippedKind[];
  topShipped: ShippedItem[];
  topDeals: TopDeal[];
  orgEvents: OrgEvent[];
  alertSettings: AlertSettings;
}
