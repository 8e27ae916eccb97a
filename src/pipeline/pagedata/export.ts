// Turns the marts into the site's page data (one query per kind of page data) and the published downloads.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { LEADERBOARD_METRICS, type Config } from "../config.ts";
import { batch, type Database, type Query } from "../load/database.ts";
import type { Model } from "../model/run.ts";
import type { Problem } from "../validate/problems.ts";
import { formatProblem } from "../validate/problems.ts";
import type { Audience, DictionaryEntry, SiteData, Row } from "../../site/types.ts";
import { PUBLISHED_TABLES } from "./tables.ts";
import { inputDictionary } from "./dictionary.ts";
import { MODEL_DOCS, columnMeaning } from "../model/docs.ts";
import { createPublishedTables } from "../privacy/suppress.ts";
import { audienceTables } from "../privacy/audience.ts";
import { csvSafeSelectList } from "./csv-safe.ts";
import { peopleData } from "./people.ts";
import { CHART_PODS, SHOUTOUT_CANDIDATES, SHOUTOUT_WALL } from "../../site/limits.ts";

const ORDER: Record<string, string> = {
  revenue: "period_grain, period",
  pod_leaderboard: "period_grain, period, rank",
  balance: "period_grain, period, group_type, group_id",
  participation: "period_grain, period, group_type, group_id",
  commission_unlock: "period_grain, period, group_type, group_id",
  recognition_summary: "period_grain, period",
  recognition_matrix: "period_grain, period, giver_function, recipient_function",
  recognition_pods: "period_grain, period, group_id",
  recognition_pod_flows: "period_grain, period, giver_pod_id, recipient_pod_id",
  feedback_loop: "period_grain, period, group_type, group_id",
  pod_composition: "period_grain, period, pod_id, function",
  drift_alerts: "period_grain, period, rule, group_type, group_id, role",
};

/** Column lists of the published tables: the maps (percent ranks) are spelled out as columns. */
function selectList(table: string): string {
  return table === "pod_leaderboard"
    ? `* exclude (percent_ranks), ${LEADERBOARD_METRICS.map((m) => `percent_ranks['${m}'] as percent_rank_${m}`)
        .join(", ")}`
    : "*";
}

/**
 * The rows of a table the pages read, where that is less than the download: the pod × function template is shown
 * by quarter only (the pod pages, the review, the deck); by month it would be a fifth of the page data at 10,000 people.
 */
const PAGE_ROWS: Partial<Record<string, string>> = { pod_composition: "period_grain = 'quarter'" };
const pageSelect = (t: string) =>
  t === "recognition_pod_flows" ? POD_FLOW_ROWS
  : PAGE_ROWS[t] ? `select ${selectList(t)} from pub_${t} where ${PAGE_ROWS[t]} order by ${ORDER[t]}` : publishedSelect(t);

/** Each pod's page and the quarter it shows: the last quarter the pod had members (as podPages in src/site/view.ts). */
const POD_PAGES = `pod_pages as (
  select f.pod_id, f.period_grain, arg_max(f.period, p.period_index) as period
  from int_person_periods f join int_periods p using (period_grain, period)
  where f.period_grain = 'quarter' and f.pod_id is not null
  group by f.pod_id, f.period_grain
)`;

/**
 * The flows between pods the pages read (pod × pod × period grows with the square of the pods: ~600,000 rows at 10,000
 * people and 5 M input rows, a third of the page data). The recognition page of a period draws the flows among the pods
 * focusPods picks from recognition_pods (most shout-outs given to and received from other pods; here every pod at least
 * level with the CHART_PODS-th, so no tie-break can pick a pod left out, and every flow when there are no more pods
 * than that) and names the largest flow across pods (every flow of that size is kept); a pod's page lists the pods it
 * thanked and that thanked it in its quarter (POD_PAGES). The download has every row. As joins, not EXISTS
 * subqueries: 2.3 → 0.2 s over the 603,116 flows.
 */
const POD_FLOW_ROWS = `with ${POD_PAGES},
  ranked as (
    select period_grain, period, group_id as pod_id,
           rank() over (partition by period_grain, period
                        order by coalesce(count_given_to_other_pods, 0) + coalesce(count_received_from_other_pods, 0) desc) as n,
           count(*) over (partition by period_grain, period) as count_pods
    from pub_recognition_pods
  ),
  focus as (select period_grain, period, pod_id from ranked where n <= ${CHART_PODS}),
  every_pod as (select distinct period_grain, period from ranked where count_pods <= ${CHART_PODS}),
  flows as (
    select *, max(pairs) filter (where giver_pod_id <> recipient_pod_id) over (partition by period_grain, period) as largest
    from pub_recognition_pod_flows
  )
  select f.* exclude (largest) from flows f
  left join every_pod e on e.period_grain = f.period_grain and e.period = f.period
  left join focus g on g.period_grain = f.period_grain and g.period = f.period and g.pod_id = f.giver_pod_id
  left join focus r on r.period_grain = f.period_grain and r.period = f.period and r.pod_id = f.recipient_pod_id
  left join pod_pages pg on pg.period_grain = f.period_grain and pg.period = f.period and pg.pod_id = f.giver_pod_id
  left join pod_pages pr on pr.period_grain = f.period_grain and pr.period = f.period and pr.pod_id = f.recipient_pod_id
  where e.period is not null
     or (g.pod_id is not null and r.pod_id is not null)
     or (f.giver_pod_id <> f.recipient_pod_id and f.pairs = f.largest)
     or pg.pod_id is not null or pr.pod_id is not null
  order by ${ORDER.recognition_pod_flows}`;

/** What the site and the downloads publish of a table: its privacy-applied copy, maps spelled out, in order. */
const publishedSelect = (t: string) => `select ${selectList(t)} from pub_${t} order by ${ORDER[t]}`;

/**
 * The page data for one audience: `config` as its build applies it (configFor), names only when it sees them, the
 * tables of its sections only (the others are empty, and left out of the dictionary and the downloads).
 */
export async function exportPageData(
  db: Database,
  config: Config,
  models: Model[],
  warnings: Problem[],
  audience: Audience,
  /** Where the downloads go (`<dir>/downloads/`), written on the same lanes as the page data's queries; none if absent. */
  downloadsDir?: string,
): Promise<SiteData> {
  await createPublishedTables(db, PUBLISHED_TABLES, config.min_group_size);
  const published = audienceTables(audience);
  // Every query is asked for first (the slowest first), then they run side by side on the database's lanes.
  const b = batch(db);
  const people = peopleData(b.query, config);
  const tables = Object.fromEntries(PUBLISHED_TABLES.map((t) => [t, published.includes(t) ? b.query<Row>(pageSelect(t)) : Promise.resolve([])]));
  const columns = published.map((t) => b.query<{ column_name: string; column_type: string }>(`describe ${publishedSelect(t)}`));
  const asOf = b.query<{ as_of: string }>("select max(day)::varchar as as_of from int_calendar where is_as_of");
  const names = { names: audience.names };
  const data = fieldsOf<Later<Omit<SiteData, "dictionary">>>({
    audience,
    company: {
      name: config.company_name,
      currency: config.currency,
      timezone: config.timezone,
      fiscal_year_start_month: config.fiscal_year_start_month,
    },
    asOf: asOf.then(([row]) => row?.as_of ?? ""),
    sources: b.query("select * from sources order by entity"),
    periods: b.query("select period_grain, period, first_day::varchar as first_day, last_day::varchar as last_day, period_index, is_latest from int_periods order by period_grain, period_index"),
    pods: b.query("select pod_id, pod_name, orientation, focus, formed_at::varchar as formed_at from stg_pods order by pod_id"),
    members: b.query(
      `select f.pod_id, f.period_grain, f.period, case when $names then f.name end as name, case when $pages then s.slug end as slug,
              f.function, f.is_rotation
       from int_person_periods f join int_people_slugs s using (person_id)
       where f.pod_id is not null and f.period_grain = 'quarter' order by f.pod_id, f.period_grain, f.period, f.function, f.name`,
      { pages: config.privacy.people_pages, ...names },
    ),
    // What the pages show of the shout-outs, per period: the deck's candidates (quarters only; cross-function first,
    // then cross-pod, newest first; it picks 3 from different givers and pods) and the recognition page's wall (the 24
    // newest that cross both). All of them, at 10,000 people, would be most of the page data.
    shoutouts: b.query(
      `with flags as (
         select period_grain, period, recognition_id, min(given_on) as given_on,
                bool_or(giver_function <> recipient_function) as is_cross_function,
                bool_or(giver_pod_id is distinct from recipient_pod_id) as is_cross_pod
         from int_recognition_pairs
         where $names
         group by period_grain, period, recognition_id
       ),
       -- each ranking over the rows it picks from only (half the time of both over every row at 5 M input rows)
       kept as (
         select period_grain, period, recognition_id from flags where period_grain = 'quarter'
         qualify row_number() over (partition by period_grain, period
                                    order by is_cross_function desc, is_cross_pod desc, given_on desc, recognition_id) <= $deck
         union
         select period_grain, period, recognition_id from flags where is_cross_function and is_cross_pod
         qualify row_number() over (partition by period_grain, period order by given_on desc, recognition_id desc) <= $wall
       )
       select p.period_grain, p.period, p.recognition_id, p.given_on::varchar as given_on,
              p.giver_id, g.name as giver_name, case when $pages then gs.slug end as giver_slug,
              p.giver_function, p.giver_pod_id, gp.pod_name as giver_pod,
              string_agg(r.name, ', ' order by r.name) as recipients,
              list({'name': r.name, 'slug': case when $pages then rs.slug end} order by r.name) as recipient_list,
              string_agg(distinct p.recipient_function, ', ' order by p.recipient_function) as recipient_functions,
              string_agg(distinct rp.pod_name, ', ' order by rp.pod_name) as recipient_pods,
              m.message, p.value_tag,
              bool_or(p.giver_function <> p.recipient_function) as is_cross_function,
              bool_or(p.giver_pod_id is distinct from p.recipient_pod_id) as is_cross_pod
       from int_recognition_pairs p
       join kept using (period_grain, period, recognition_id)
       join int_recognition_messages m using (recognition_id)
       join stg_people g on g.person_id = p.giver_id
       join stg_people r on r.person_id = p.recipient_id
       join int_people_slugs gs on gs.person_id = p.giver_id
       join int_people_slugs rs on rs.person_id = p.recipient_id
       left join stg_pods gp on gp.pod_id = p.giver_pod_id
       left join stg_pods rp on rp.pod_id = p.recipient_pod_id
       group by p.period_grain, p.period, p.recognition_id, p.given_on, p.giver_id, g.name, gs.slug, p.giver_function, p.giver_pod_id,
                gp.pod_name, m.message, p.value_tag
       order by 1, 2, 4, 3`,
      { pages: config.privacy.people_pages, ...names, deck: SHOUTOUT_CANDIDATES, wall: SHOUTOUT_WALL },
    ),
    people,
    podDeals: b.query(
      `with ${POD_PAGES},
       ranked as (
         select a.period_grain, a.period, a.pod_id, d.account, a.deal_type, a.amount, a.closed_on::varchar as closed_on,
                row_number() over (partition by a.period_grain, a.period, a.pod_id order by a.amount desc, a.deal_id) as n
         from int_deals_attributed a join stg_deals d using (deal_id)
         join pod_pages p on p.pod_id = a.pod_id and p.period_grain = a.period_grain and p.period = a.period
         where a.is_won
       )
       select * exclude (n) from ranked where n <= 8 order by period_grain, period, pod_id, n`,
    ),
    podBuild: b.query(
      `with ${POD_PAGES},
       items as (
         select distinct f.period_grain, f.period, f.pod_id, i.build_id, i.title, i.kind, i.points, i.shipped_on
         from int_build_credits_allocated c
         join stg_build_items i using (build_id)
         join int_calendar_periods cp on cp.day = i.shipped_on
         join int_person_periods f on f.person_id = c.person_id and f.period_grain = cp.period_grain and f.period = cp.period
         join pod_pages p on p.pod_id = f.pod_id and p.period_grain = f.period_grain and p.period = f.period
       ),
       ranked as (
         select *, row_number() over (partition by period_grain, period, pod_id order by points desc, shipped_on desc, build_id) as n,
                count(*) over (partition by period_grain, period, pod_id) as count_items
         from items
       )
       select period_grain, period, pod_id, title, kind, points, shipped_on::varchar as shipped_on, count_items::integer as count_items
       from ranked where n <= 8 order by period_grain, period, pod_id, n`,
    ),
    unsungGivers: b.query(
      `select u.period_grain, u.period, u.name, case when $pages then s.slug end as slug, u.function, u.count_given
       from unsung_givers u join int_people_slugs s using (person_id)
       where $names
       order by u.period_grain, u.period, u.count_given desc, u.name`,
      { pages: config.privacy.people_pages, ...names },
    ),
    tables: fieldsOf(tables) as Promise<SiteData["tables"]>,
    quality: {
      // a message may quote the inputs (a name that matched nobody): not to an audience without names
      items: warnings.map((w) => ({
        location: formatProblem(w).split(" [")[0]!,
        rule: w.rule,
        message: audience.names ? w.message : "(not shown on this site)",
        severity: w.severity ?? "error",
      })),
      countWarnings: warnings.length,
      countSelfRecognitions: warnings.filter((w) => w.rule === "self-recognition").length,
    },
    weights: config.leaderboard_weights,
    roleTemplate: config.role_template,
    ...deckData(b.query),
    alertSettings: { ...config.alerts, min_group_size: config.min_group_size },
  });
  data.catch(() => {}); // a failing query is thrown by run (not also as an unhandled rejection of `data`)
  // Last, the downloads: a lane takes one whenever it is free, while the main thread makes rows into objects (after
  // the queries, one after another, they took ~1.5 s more at 10,000 people and 5 M input rows).
  if (downloadsDir) {
    await mkdir(join(downloadsDir, "downloads"), { recursive: true });
    for (const t of published) void b.task((lane) => writeDownload(lane, downloadsDir, t));
  }
  await b.run();
  const dictionary: DictionaryEntry[] = [...inputDictionary()];
  for (const [i, t] of published.entries()) {
    dictionary.push({
      name: t,
      kind: "table",
      file: `downloads/${t}.csv`,
      description: models.find((m) => m.name === t)!.description,
      grain: MODEL_DOCS[t]?.grain,
      columns: (await columns[i]!).map((c) => ({ name: c.column_name, type: c.column_type.toLowerCase(), description: columnMeaning(t, c.column_name) ?? "" })),
    });
  }
  if (downloadsDir) await writeDictionary(downloadsDir, dictionary);
  return { ...(await data), dictionary };
}

/** An object whose fields may be promises of their values. */
type Later<T> = { [K in keyof T]: T[K] | Promise<T[K]> };

/** `o` with each of its fields' promises awaited. */
async function fieldsOf<T extends object>(o: T): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const entries = await Promise.all(Object.entries(o).map(async ([k, v]) => [k, await v] as const));
  return Object.fromEntries(entries) as { [K in keyof T]: Awaited<T[K]> };
}

/** Page data of the all-hands deck and the leadership review (quarters only): what shipped, the biggest deals (per
 *  deal and pod, never per person), shout-outs with mentions written as names, and org changes. */
function deckData(query: Query): { [K in "shipped" | "topShipped" | "topDeals" | "orgEvents"]: Promise<SiteData[K]> } {
  return {
    shipped: query(
      `select cp.period, i.kind, count(*)::integer as count_items, exact_sum(i.points) as points
       from stg_build_items i
       join int_calendar_periods cp on cp.day = i.shipped_on and cp.period_grain = 'quarter'
       group by all order by cp.period, i.kind`,
    ),
    topShipped: query(
      `with ranked as (
         select cp.period, i.build_id, i.title, i.kind, i.points, i.pod_id,
                row_number() over (partition by cp.period order by i.points desc, i.shipped_on, i.build_id) as n
         from stg_build_items i
         join int_calendar_periods cp on cp.day = i.shipped_on and cp.period_grain = 'quarter'
         where exists (select 1 from stg_build_contributors c where c.build_id = i.build_id)
       )
       select r.period, r.build_id, r.title, r.kind, r.points, sp.pod_name,
              count(distinct c.person_id)::integer as count_contributors,
              string_agg(distinct p.function, ', ' order by p.function) as contributor_functions
       from ranked r
       join stg_build_contributors c using (build_id)
       join stg_people p on p.person_id = c.person_id
       left join stg_pods sp on sp.pod_id = r.pod_id
       where r.n <= 5
       group by r.period, r.build_id, r.title, r.kind, r.points, sp.pod_name, r.n
       order by r.period, r.n`,
    ),
    topDeals: query(
      `with deals as (
         select a.period, a.deal_id, d.account, a.deal_type, a.amount, a.pod_id, sp.pod_name, a.closed_on,
                row_number() over (partition by a.period order by a.amount desc, a.closed_on, a.deal_id) as n
         from int_deals_attributed a
         join stg_deals d using (deal_id)
         left join stg_pods sp on sp.pod_id = a.pod_id
         where a.period_grain = 'quarter' and a.is_won
       )
       select d.period, d.deal_id, d.account, d.deal_type, d.amount, d.pod_id, d.pod_name,
              count(distinct c.person_id)::integer as count_credited,
              coalesce(string_agg(distinct p.function, ', ' order by p.function), '') as credit_functions
       from deals d
       left join int_sell_credits_allocated c using (deal_id)
       left join stg_people p on p.person_id = c.person_id
       where d.n <= 5
       group by d.period, d.deal_id, d.account, d.deal_type, d.amount, d.pod_id, d.pod_name, d.n
       order by d.period, d.n`,
    ),
    orgEvents: query("select period, period_index, kind, pod_id, label, count_people, first_on::varchar as first_on from int_org_events order by period_index, kind, label"),
  };
}

/** The download files of the tables of a dictionary (the audience's), in `<dir>/downloads/`. */
export const downloadFiles = (dictionary: DictionaryEntry[]): string[] => [
  ...dictionary.filter((d) => d.kind === "table").flatMap((d) => [`${d.name}.csv`, `${d.name}.json`]),
  "dictionary.json",
];

/**
 * Writes a published table as CSV and JSON into `<dir>/downloads/`, at full precision. JSON files hold `<`, `>` and
 * `&` as \u escapes (they only occur inside strings), so a JSON file opened as HTML cannot run markup.
 */
async function writeDownload(lane: Database, dir: string, t: string): Promise<void> {
  const out = join(dir, "downloads");
  const select = publishedSelect(t);
  const csv = `select ${await csvSafeSelectList(lane, `(${select})`)} from (${select})`;
  await lane.run(`copy (${csv}) to '${join(out, `${t}.csv`).replaceAll("'", "''")}' (header, delimiter ',')`);
  const json = join(out, `${t}.json`);
  await lane.run(`copy (${select}) to '${json.replaceAll("'", "''")}' (format json, array true)`);
  // most tables hold no `<`, `>` or `&` at all (ids, numbers, periods): their files are left as DuckDB wrote them
  const bytes = await readFile(json);
  if (MARKUP.some((c) => bytes.includes(c))) await writeFile(json, escapeMarkup(bytes.toString("utf8")));
}

/** The data dictionary as `<dir>/downloads/dictionary.json`. */
async function writeDictionary(dir: string, dictionary: DictionaryEntry[]): Promise<void> {
  await writeFile(join(dir, "downloads", "dictionary.json"), `${escapeMarkup(JSON.stringify(dictionary, null, 2))}\n`);
}

/** The bytes escapeMarkup replaces. */
const MARKUP = [0x3c, 0x3e, 0x26];

/** JSON text with `<`, `>` and `&` written as \u escapes: the same data, and no markup if a browser sniffs it as HTML. */
export function escapeMarkup(json: string): string {
  return json.replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}
