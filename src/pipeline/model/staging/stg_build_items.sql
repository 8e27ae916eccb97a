-- One row per shipped item: local ship date, points (the kind's default when the item has none).
select
    b.id as build_id,
    b.title,
    b.kind,
    local_date(b.shipped_at) as shipped_on,
    coalesce(b.points::double, d.points) as points,
    b.points is null as is_default_points,
    nullif(b.pod_id, '') as pod_id,
    b._line
from raw_build b
left join cfg_default_points d on d.kind = b.kind
