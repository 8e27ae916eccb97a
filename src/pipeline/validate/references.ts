// Checks across rows and files, run in SQL over the staging tables: keys unique, references resolve, memberships
// do not overlap, a deal's credit shares sum to 1, dates in order. Each returns the offending rows' lines.
import type { Database } from "../load/database.ts";
import type { Entity } from "../inputs.ts";

export interface Check {
  rule: string;
  entity: Entity;
  /** The field the problem is located at. */
  field: string;
  /** Returns `_line` and `message` for each offending row. */
  sql: string;
  severity?: "error" | "warning";
}

/** `label` names the key as the input file does (build.jsonl's `id` is `build_id` in the staging table). */
const unique = (entity: Entity, table: string, key: string[], field = key[0]!, label = key.join(" + ")): Check => ({
  rule: "unique",
  entity,
  field,
  sql: `select _line, 'duplicate ${label} ' || ${key.map((k) => `coalesce(${k}::varchar, '')`).join(" || ' + ' || ")}
          || ', first on line ' || first_line as message
        from (select *, min(_line) over (partition by ${key.join(", ")}) as first_line from ${table})
        where _line <> first_line`,
});

const ref = (entity: Entity, table: string, column: string, target: "person" | "pod" | "deal" | "build", field = column): Check => {
  const [targetTable, targetKey] = {
    person: ["stg_people", "person_id"],
    pod: ["stg_pods", "pod_id"],
    deal: ["stg_deals", "deal_id"],
    build: ["stg_build_items", "build_id"],
  }[target];
  return {
    rule: `ref:${target}`,
    entity,
    field,
    // An empty roster is one problem (the "empty" check below), not one per reference to a person.
    sql: `select _line, 'unknown ${target} "' || ${column} || '"' as message
          from ${table} t
          where ${column} is not null and not exists (select 1 from ${targetTable} x where x.${targetKey} = t.${column})
          ${target === "person" ? `and exists (select 1 from ${targetTable})` : ""}`,
  };
};

export const CHECKS: Check[] = [
  unique("people", "stg_people", ["person_id"]),
  unique("pods", "stg_pods", ["pod_id"]),
  unique("build", "stg_build_items", ["build_id"], "id", "id"),
  unique("deals", "stg_deals", ["deal_id"]),
  unique("deal_credits", "stg_deal_credits", ["deal_id", "person_id"], "person_id"),
  unique("recognition", "stg_recognitions", ["recognition_id"], "client_msg_id", "client_msg_id"),
  unique("feedback", "stg_feedback", ["feedback_id"]),
  unique("goals", "stg_goals", ["person_id", "period"], "period"),
  {
    rule: "empty",
    entity: "people",
    field: "person_id",
    sql: `select 1 as _line, 'has a header but no people: the site needs at least one person' as message
          where not exists (select 1 from stg_people)`,
  },
  ref("people", "stg_people", "pod_id", "pod"),
  ref("memberships", "raw_memberships", "person_id", "person"),
  ref("memberships", "raw_memberships", "pod_id", "pod"),
  ref("build", "stg_build_contributors", "person_id", "person", "contributors"),
  ref("build", "stg_build_items", "pod_id", "pod"),
  ref("deals", "stg_deals", "owner_id", "person"),
  ref("deals", "stg_deals", "pod_id", "pod"),
  ref("deal_credits", "stg_deal_credits", "deal_id", "deal"),
  ref("deal_credits", "stg_deal_credits", "person_id", "person"),
  ref("recognition", "stg_recognitions", "giver_id", "person", "user"),
  ref("recognition", "stg_recognition_recipients", "recipient_id", "person", "text"),
  ref("feedback", "stg_feedback", "captured_by", "person"),
  ref("feedback", "stg_feedback", "resolved_by", "build"),
  ref("goals", "stg_goals", "person_id", "person"),
  {
    rule: "overlap",
    entity: "memberships",
    field: "from",
    sql: `select b._line, 'membership of ' || b.person_id || ' in ' || b.pod_id || ' from ' || b.valid_from
            || ' overlaps the one in ' || a.pod_id || ' on line ' || a._line as message
          from stg_memberships a
          join stg_memberships b
            on a.person_id = b.person_id and a._line < b._line
           and a.valid_from <= coalesce(b.valid_to, date '9999-12-31')
           and b.valid_from <= coalesce(a.valid_to, date '9999-12-31')
          where exists (select 1 from sources where entity = 'memberships' and is_present)`,
  },
  {
    rule: "share-sum",
    entity: "deal_credits",
    field: "share",
    sql: `select min(_line) as _line, 'credit shares of deal ' || deal_id || ' sum to ' || round(sum(share), 6) || ', not 1' as message
          from stg_deal_credits group by deal_id having abs(sum(share) - 1) > 1e-6`,
  },
  {
    rule: "share-sum",
    entity: "build",
    field: "contributors",
    sql: `select min(_line) as _line, 'contributor shares of ' || build_id || ' sum to ' || round(sum(share), 6) || ', over 1' as message
          from stg_build_contributors group by build_id having sum(share) > 1 + 1e-6`,
  },
  {
    rule: "date-order",
    entity: "people",
    field: "end_date",
    sql: `select _line, 'end_date ' || end_date || ' is before start_date ' || start_date as message from stg_people where end_date < start_date`,
  },
  {
    rule: "date-order",
    entity: "memberships",
    field: "to",
    sql: `select _line, 'to ' || valid_to || ' is before from ' || valid_from as message from stg_memberships
          where valid_to < valid_from and exists (select 1 from sources where entity = 'memberships' and is_present)`,
  },
  {
    rule: "date-order",
    entity: "deals",
    field: "closed_at",
    sql: `select _line, 'closed on ' || closed_on || ', before it was created on ' || created_on as message from stg_deals where closed_on < created_on`,
  },
  {
    rule: "date-order",
    entity: "feedback",
    field: "resolved_at",
    sql: `select _line, 'resolved on ' || resolved_on || ', before it was received on ' || received_on as message from stg_feedback where resolved_on < received_on`,
  },
  {
    rule: "currency",
    entity: "deals",
    field: "currency",
    sql: `select d._line, 'amount in ' || d.source_currency || ' but the config has no currency_rates entry for it' as message
          from stg_deals d cross join cfg_settings s
          where d.source_currency <> s.currency and not exists (select 1 from cfg_currency_rates r where r.currency = d.source_currency)`,
  },
  {
    rule: "self-recognition",
    entity: "recognition",
    field: "text",
    severity: "warning",
    sql: `select r._line, 'the giver mentions themself; that pair is left out' as message
          from stg_recognitions r join stg_recognition_recipients rr using (recognition_id) where rr.recipient_id = r.giver_id`,
  },
];

export interface CheckHit {
  check: Check;
  line: number;
  message: string;
}

export async function runChecks(db: Database, checks: Check[] = CHECKS): Promise<CheckHit[]> {
  const results = await db.parallel(checks.map((check) => (lane: Database) => lane.query<{ _line: number; message: string }>(`${check.sql} order by 1`)));
  return checks.flatMap((check, i) => results[i]!.map((r) => ({ check, line: r._line, message: r.message })));
}
