-- The OODA loop per period, company-wide and per pod (the capturer's pod on the day it was received):
-- feedback resolved in the period with median and p90 days, and what was open at the period's end.
with grouped as (
    select f.*, 'company' as group_type, 'company' as group_id from int_feedback_attributed f
    union all
    select f.*, 'pod', f.pod_id from int_feedback_attributed f where f.pod_id is not null
),
resolved as (
    select
        cp.period_grain,
        cp.period,
        g.group_type,
        g.group_id,
        count(*)::integer as count_resolved,
        quantile_cont(g.days_to_resolve, 0.5) as median_days,
        quantile_cont(g.days_to_resolve, 0.9) as p90_days
    from grouped g
    join int_calendar_periods cp on cp.day = g.resolved_on
    group by all
),
still_open as (
    select
        p.period_grain,
        p.period,
        g.group_type,
        g.group_id,
        count(*)::integer as count_open,
        quantile_cont(date_diff('day', g.received_on, p.last_day), 0.5) as open_median_age_days
    from grouped g
    join int_periods p
      on g.received_on <= p.last_day
     and (g.resolved_on is null or g.resolved_on > p.last_day)
    group by all
),
groups as (
    select period_grain, period, group_type, group_id from resolved
    union
    select period_grain, period, group_type, group_id from still_open
)
select
    k.period_grain,
    k.period,
    k.group_type,
    k.group_id,
    case when k.group_type = 'company' then s.company_name else sp.pod_name end as group_name,
    coalesce(r.count_resolved, 0)::integer as count_resolved,
    r.median_days,
    r.p90_days,
    coalesce(o.count_open, 0)::integer as count_open,
    o.open_median_age_days
from groups k
join int_periods p using (period_grain, period)
cross join cfg_settings s
left join stg_pods sp on k.group_type = 'pod' and sp.pod_id = k.group_id
left join resolved r using (period_grain, period, group_type, group_id)
left join still_open o using (period_grain, period, group_type, group_id)
