-- One row per (item, contributor). Contributors without a share split what the others left equally.
with typed as (
    select build_id, person_id, share::double as given_share, _line, _position
    from raw_build_contributors
),
per_item as (
    select
        build_id,
        coalesce(exact_sum(given_share), 0) as count_given_share,
        count(*) filter (where given_share is null) as count_without_share
    from typed
    group by build_id
)
select
    t.build_id,
    t.person_id,
    coalesce(t.given_share, greatest(0, 1 - p.count_given_share) / nullif(p.count_without_share, 0)) as share,
    t._line,
    t._position
from typed t
join per_item p using (build_id)
