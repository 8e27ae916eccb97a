-- One row per function and quarter: the typical shipped item, the median points per item with a contributor of that
-- function shipped in the four quarters ending with this one. Used to tell the distance to unlock in items.
with items as (
    select distinct c.build_id, p.function, i.points, pr.period_index
    from stg_build_contributors c
    join stg_people p using (person_id)
    join stg_build_items i using (build_id)
    join int_calendar_periods cp on cp.day = i.shipped_on and cp.period_grain = 'quarter'
    join int_periods pr on pr.period_grain = 'quarter' and pr.period = cp.period
)
select
    q.period,
    i.function,
    quantile_cont(i.points, 0.5) as typical_item_points
from int_periods q
join items i on i.period_index between q.period_index - 3 and q.period_index
where q.period_grain = 'quarter'
group by all
