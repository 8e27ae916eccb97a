-- One row per (shipped item, contributor): the points credited, points × share.
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
