-- Each pod's members per function and period against the role template: which roles it lacks.
with pods as (
    select distinct period_grain, period, pod_id from int_person_periods where pod_id is not null
),
counts as (
    select period_grain, period, pod_id, function, count(*)::integer as headcount
    from int_person_periods
    where pod_id is not null
    group by all
),
roles as (
    select function from cfg_role_template
    union
    select distinct function from counts
)
select
    p.period_grain,
    p.period,
    p.pod_id,
    sp.pod_name,
    r.function,
    coalesce(t.min_count, 0)::integer as count_required,
    coalesce(c.headcount, 0)::integer as headcount,
    greatest(coalesce(t.min_count, 0) - coalesce(c.headcount, 0), 0)::integer as count_missing,
    coalesce(c.headcount, 0) < coalesce(t.min_count, 0) as is_missing
from pods p
cross join roles r
join stg_pods sp on sp.pod_id = p.pod_id
left join cfg_role_template t on t.function = r.function
left join counts c
  on c.period_grain = p.period_grain and c.period = p.period and c.pod_id = p.pod_id and c.function = r.function
where coalesce(t.min_count, 0) > 0 or coalesce(c.headcount, 0) > 0
