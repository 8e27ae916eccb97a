-- One row per (person, fiscal quarter) build goal.
select
    person_id,
    period,
    build_goal::double as build_goal,
    sell_goal::double as sell_goal,
    _line
from raw_goals
