-- One row per (shipped item, contributor): the points credited, points × share.
-- A view: a join that costs less to run again than to store (read by int_person_periods and the pod pages).
-- materialized: view
select
    c.build_id,
    c.person_id,
    i.kind,
    i.shipped_on,
    i.points,
    c.share,
    i.points * c.share as credit_points
from stg_build_contributors c
join stg_build_items i using (build_id)
