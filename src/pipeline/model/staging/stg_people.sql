-- One row per person, typed.
select
    person_id,
    name,
    lower(function) as function,
    nullif(pod_id, '') as pod_id,
    start_date::date as start_date,
    end_date::date as end_date,
    _line
from raw_people
