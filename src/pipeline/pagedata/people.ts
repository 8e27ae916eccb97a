// The profile pages' data: one entry per person, holding only what config.privacy.person_fields allows. Person ids
// are used to group rows here and never leave this module; a profile is addressed by its slug.
import type { Config } from "../config.ts";
import type { Query } from "../load/database.ts";
import type { PersonProfile } from "../../site/types.ts";
import { PROFILE_SHOUTOUTS } from "../../site/limits.ts";

type Keyed<T> = T & { person_id: string };

function byPerson<T>(rows: Keyed<T>[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const { person_id, ...rest } of rows) {
    let list = map.get(person_id);
    if (!list) map.set(person_id, (list = []));
    list.push(rest as T);
  }
  return map;
}

/** Asks `query` for the profiles' rows (all at once: see Batch), and makes the profiles when they come. */
export async function peopleData(query: Query, config: Config): Promise<PersonProfile[]> {
  if (!config.privacy.people_pages) return [];
  const fields = new Set(config.privacy.person_fields);
  const none = Promise.resolve([]);
  const peopleRows = query<Keyed<{ slug: string; name: string; function: string }>>(
    "select p.person_id, s.slug, p.name, p.function from stg_people p join int_people_slugs s using (person_id) order by s.slug",
  );
  const podRows = fields.has("pod_history")
    ? query<Keyed<PersonProfile["pods"][number]>>(
        `select m.person_id, sp.pod_name, m.valid_from::varchar as "from", m.valid_to::varchar as "to", m.rotation
         from stg_memberships m join stg_pods sp using (pod_id) order by m.person_id, m.valid_from`,
      )
    : none;
  type Received = PersonProfile["recognition"][number] & { count_recognition: number };
  const recognitionRows = fields.has("recognition")
    ? query<Keyed<Received>>(
        // the newest shout-outs of each person first, then their names, slugs and messages (joined to those only)
        `with received as (
           select p.recipient_id as person_id, p.period, p.given_on, p.giver_id, p.recognition_id, p.value_tag,
                  row_number() over (partition by p.recipient_id order by p.given_on desc, p.recognition_id) as n,
                  count(*) over (partition by p.recipient_id)::integer as count_recognition
           from int_recognition_pairs p
           where p.period_grain = 'quarter'
           qualify n <= $shown
         )
         select r.person_id, r.period, r.given_on::varchar as given_on, g.name as giver_name, s.slug as giver_slug,
                r.value_tag, r.count_recognition, m.message
         from received r
         join stg_people g on g.person_id = r.giver_id
         join int_people_slugs s on s.person_id = r.giver_id
         join int_recognition_messages m using (recognition_id)
         order by r.person_id, r.n`,
        { shown: PROFILE_SHOUTOUTS },
      )
    : none;
  const participationRows = fields.has("participation")
    ? query<Keyed<PersonProfile["participation"][number]>>(
        `select person_id, period, has_built, has_sold from int_person_periods
         where period_grain = 'quarter' order by person_id, period_index`,
      )
    : none;
  const goalRows = fields.has("build_goal")
    ? query<Keyed<PersonProfile["goals"][number]>>(
        `select a.person_id, a.period, a.build_goal, a.build_points, a.attainment, a.is_unlocked, a.points_needed,
                t.typical_item_points,
                case when t.typical_item_points > 0 then a.points_needed / t.typical_item_points end as typical_items_needed
         from int_person_quarter_attainment a
         join int_periods pr using (period_grain, period)
         left join int_function_typical_items t on t.period = a.period and t.function = a.function
         order by a.person_id, pr.period_index`,
      )
    : none;
  const people = await peopleRows;
  const pods = byPerson(await podRows);
  const recognition = byPerson(await recognitionRows);
  const participation = byPerson(await participationRows);
  const goals = byPerson(await goalRows);
  return people.map(({ person_id, slug, name, function: fn }) => ({
    slug,
    name,
    function: fields.has("function") ? fn : null,
    pods: pods.get(person_id) ?? [],
    recognition: (recognition.get(person_id) ?? []).map(({ count_recognition: _, ...r }) => r),
    count_recognition: recognition.get(person_id)?.[0]?.count_recognition ?? 0,
    participation: participation.get(person_id) ?? [],
    goals: goals.get(person_id) ?? [],
  }));
}
