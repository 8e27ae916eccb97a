// Turns the marts into the site's page data (one query per kind of page data) and the published downloads.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Config } from "../config.ts";
import type { Database } from "../load/database.ts";
import type { Model } from "../model/run.ts";
import type { Problem } from "../validate/problems.ts";
import { formatProblem } from "../validate/problems.ts";
import type { DictionaryEntry, SiteData, Row } from "../../site/types.ts";
import { PUBLISHED_TABLES } from "./tables.ts";
import { inputDictionary } from "./dictionary.ts";

const ORDER: Record<string, string> = {
  pod_leaderboard: "period_grain, period, rank",
  balance: "period_grain, period, group_type, group_id",
  participation: "period_grain, period, group_type, group_id",
  commission_unlock: "period_grain, period, group_type, group_id",
  recognition_summary: "period_grain, period",
  recognition_matrix: "period_grain, period, giver_function, recipient_function",
  recognition_pods: "period_grain, period, group_id",
  feedback_loop: "period_grain, period, group_type, group_id",
  pod_composition: "period_grain, period, pod_id, function",
};

/** Column lists of the published tables: the maps (percent ranks) are spelled out as columns. */
function selectList(table: string): string {
  return table === "pod_leaderboard"
    ? `* exclude (percent_ranks), ${[
        "revenue_per_head",
        "win_rate",
        "gross_retention",
        "build_points_per_head",
        "two_way_share",
        "balance",
        "cross_pod_recognition_per_head",
        "feedback_median_days",
      ]
        .map((m) => `percent_ranks['${m}'] as percent_rank_${m}`)
        .join(", ")}`
    : "*";
}

export async function exportPageData(db: Database, config: Config, models: Model[], warnings: Problem[]): Promise<SiteData> {
  const tables = {} as SiteData["tables"];
  for (const t of PUBLISHED_TABLES) tables[t] = await db.query<Row>(`select ${selectList(t)} from ${t} order by ${ORDER[t]}`);
  const [asOf] = await db.query<{ as_of: string }>("select max(day)::varchar as as_of from int_calendar where is_as_of");
  const dictionary: DictionaryEntry[] = [...inputDictionary()];
  for (const t of PUBLISHED_TABLES) {
    const model = models.find((m) => m.name === t)!;
    const columns = await db.query<{ column_name: string; column_type: string }>(`describe select ${selectList(t)} from ${t}`);
    dictionary.push({
      name: t,
      kind: "table",
      file: `downloads/${t}.csv`,
      description: model.description,
      columns: columns.map((c) => ({ name: c.column_name, type: c.column_type.toLowerCase(), description: "" })),
    });
  }
  return {
    company: {
      name: config.company_name,
      currency: config.currency,
      timezone: config.timezone,
      fiscal_year_start_month: config.fiscal_year_start_month,
    },
    asOf: asOf?.as_of ?? "",
    sources: await db.query("select * from sources order by entity"),
    periods: await db.query("select period_grain, period, first_day::varchar as first_day, last_day::varchar as last_day, period_index, is_latest from int_periods order by period_grain, period_index"),
    pods: await db.query("select pod_id, pod_name, orientation, focus, formed_at::varchar as formed_at from stg_pods order by pod_id"),
    members: await db.query(
      `select f.pod_id, f.period_grain, f.period, f.name, f.function, f.is_rotation
       from int_person_periods f where f.pod_id is not null order by f.pod_id, f.period_grain, f.period, f.function, f.name`,
    ),
    shoutouts: await db.query(
      `select p.period_grain, p.period, p.recognition_id, p.given_on::varchar as given_on,
              g.name as giver_name, p.giver_function, gp.pod_name as giver_pod,
              string_agg(r.name, ', ' order by r.name) as recipients,
              string_agg(distinct p.recipient_function, ', ' order by p.recipient_function) as recipient_functions,
              p.message, p.value_tag,
              bool_or(p.giver_function <> p.recipient_function) as is_cross_function,
              bool_or(p.giver_pod_id is distinct from p.recipient_pod_id) as is_cross_pod
       from int_recognition_pairs p
       join stg_people g on g.person_id = p.giver_id
       join stg_people r on r.person_id = p.recipient_id
       left join stg_pods gp on gp.pod_id = p.giver_pod_id
       group by all
       order by 1, 2, 4, 3`,
    ),
    unsungGivers: await db.query("select * from unsung_givers order by period_grain, period, count_given desc, name"),
    tables,
    quality: {
      items: warnings.map((w) => ({ location: formatProblem(w).split(" [")[0]!, rule: w.rule, message: w.message, severity: w.severity ?? "error" })),
      countWarnings: warnings.length,
      countSelfRecognitions: warnings.filter((w) => w.rule === "self-recognition").length,
    },
    dictionary,
    weights: config.leaderboard_weights,
    roleTemplate: config.role_template,
  };
}

/** Writes every published table as CSV and JSON into `<dir>/downloads/`, at full precision. */
export async function writeDownloads(db: Database, dir: string, dictionary: DictionaryEntry[]): Promise<string[]> {
  const out = join(dir, "downloads");
  await mkdir(out, { recursive: true });
  const files: string[] = [];
  for (const t of PUBLISHED_TABLES) {
    const select = `select ${selectList(t)} from ${t} order by ${ORDER[t]}`;
    await db.run(`copy (${select}) to '${join(out, `${t}.csv`).replaceAll("'", "''")}' (header, delimiter ',')`);
    await db.run(`copy (${select}) to '${join(out, `${t}.json`).replaceAll("'", "''")}' (format json, array true)`);
    files.push(`${t}.csv`, `${t}.json`);
  }
  await writeFile(join(out, "dictionary.json"), `${JSON.stringify(dictionary, null, 2)}\n`);
  files.push("dictionary.json");
  return files;
}
