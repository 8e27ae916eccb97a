-- Pod membership stints. Without a memberships file, each person's people.pod_id is their only stint,
-- from their start date to their end date.
select
    person_id,
    pod_id,
    "from"::date as valid_from,
    "to"::date as valid_to,
    rotation,
    rotation is not null as is_rotation,
    _line
from raw_memberships
union all
select
    person_id,
    pod_id,
    start_date as valid_from,
    end_date as valid_to,
    null as rotation,
    false as is_rotation,
    _line
from stg_people
where pod_id is not null
  and not exists (select 1 from sources where entity = 'memberships' and is_present)
